"""Writing a file the user keeps: atomically, readable by its owner only, never replacing one that exists."""

from __future__ import annotations

import os
from pathlib import Path


def write_new_file(data: bytes, target: Path) -> bool:
    """Write `data` to a private temporary file, then link it into place; False if `target` exists.

    A reader never sees a half-written file, and Ctrl-C leaves no partial file behind.
    """
    if target.exists():
        return False
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, target)  # atomic, and fails rather than replace an existing file
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links
            if target.exists():
                return False
            temporary.replace(target)
        return True
    finally:
        temporary.unlink(missing_ok=True)
