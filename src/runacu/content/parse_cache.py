"""A cache of parsed data files, so a command run again skips the YAML parser and its import.

Each entry is keyed by the file's path and stamped with its size, modification time, change
time and inode: any change to the file misses the cache. Entries hold plain data only and are
validated by the models like freshly parsed data. The directory is safe to delete at any time;
a damaged or unreadable entry is ignored, and a cache that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path

from runacu.content.document import YamlDocument

FORMAT = 1
Stamp = tuple[int, int, int, int]


def cache_dir() -> Path:
    """The user cache directory (as platformdirs would say, without its import cost)."""
    if override := os.environ.get("RUNACU_CACHE_DIR"):
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "runacu" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "runacu"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "runacu"


def stamp_of(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _entry(path: Path) -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / "parsed" / f"{digest}.marshal"


def load(path: Path, stamp: Stamp) -> YamlDocument | None:
    try:
        entry = marshal.loads(_entry(path).read_bytes())
        version, saved_path, saved_stamp, data, marks = entry
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if version != FORMAT or saved_path != str(path) or tuple(saved_stamp) != stamp or not isinstance(marks, dict):
        return None
    return YamlDocument(data=data, marks=marks)


def store(path: Path, stamp: Stamp, document: YamlDocument) -> None:
    entry = _entry(path)
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary.write_bytes(marshal.dumps((FORMAT, str(path), stamp, document.data, document.marks)))
        temporary.replace(entry)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
