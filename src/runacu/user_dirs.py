"""runacu's folder in the user's cache directory, as platformdirs would name it, without its import cost.

Plain strings and `os.path`: this is on the fast path of a repeat run, where even pathlib counts.
"""

from __future__ import annotations

import os
import sys


def cache_dir() -> str:
    """`$RUNACU_CACHE_DIR`, else the platform's user cache folder for runacu (`$XDG_CACHE_HOME/runacu`)."""
    if override := os.environ.get("RUNACU_CACHE_DIR"):
        return override
    home = os.path.expanduser("~")
    if sys.platform == "win32":
        return os.path.join(os.environ.get("LOCALAPPDATA") or os.path.join(home, "AppData", "Local"), "runacu", "Cache")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "runacu")
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache"), "runacu")
