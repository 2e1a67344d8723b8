"""The user's folders for runacu, named as platformdirs names them, without its import cost.

platformdirs imports pathlib and re: 15 to 45 ms measured here (`python -X importtime`), against
about 15 ms for a whole repeat run that replays a stored page. So this one module is where
runacu's user folders come from; `tests/cache/test_dirs.py` checks it against platformdirs.
Plain strings and `os.path`: this is on the fast path, where even pathlib counts.
"""

from __future__ import annotations

import os
import sys

APP = "runacu"


def cache_dir() -> str:
    """`$RUNACU_CACHE_DIR`, else the platform's user cache folder for runacu (`$XDG_CACHE_HOME/runacu`)."""
    if override := os.environ.get("RUNACU_CACHE_DIR"):
        return override
    if sys.platform == "win32":
        return os.path.join(_windows_local(), APP, "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~/Library/Caches"), APP)
    return os.path.join(_xdg("XDG_CACHE_HOME", "~/.cache"), APP)


def data_dir() -> str:
    """The platform's user data folder for runacu (`$XDG_DATA_HOME/runacu`): where saved requests go."""
    if sys.platform == "win32":
        return os.path.join(_windows_local(), APP)
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~/Library/Application Support"), APP)
    return os.path.join(_xdg("XDG_DATA_HOME", "~/.local/share"), APP)


def _xdg(variable: str, default: str) -> str:
    # As the XDG spec and platformdirs read it: a value that is not an absolute path is unset.
    value = os.environ.get(variable, "").strip()
    return value if os.path.isabs(value) else os.path.expanduser(default)


def _windows_local() -> str:  # pragma: no cover - exercised on Windows only
    return os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
