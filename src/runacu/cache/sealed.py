"""The one file format of every cache entry, and its one writer and reader.

An entry is `runacu sealed <kind>\\n`, a BLAKE2b digest of the payload, then the payload. The kind
(`page`, `parse`, `memo`, ...) keeps an entry of one cache from being read as another's; the digest
finds damage (a truncated write, a flipped bit), not forgery: there is no secret. What keeps another
local user from forging an entry is ownership, checked on every read and write:

- each folder on the way (the cache root and the entry's folder) is a real folder, owned by the
  user, and writable by nobody else (no group or world write bit); runacu creates them 0700;
- an entry is a regular file (opened without following a link and without waiting on a FIFO),
  owned by the user, writable by nobody else, no larger than the cap given.

Anything else is not read, and not written into. Entries are written to a temporary file with an
unguessable name (0600, created exclusively) and renamed into place, so a reader never sees half an
entry; a temporary file left by a killed writer is removed by `evict` once it is stale.

This module is on the fast path of a repeat run: standard library only, and not even hashlib.
"""

from __future__ import annotations

import os
import stat
import time

try:  # the C module itself: hashlib also loads OpenSSL, 2.5 ms more on a 15 ms run (python -X importtime)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it (tests/cache/test_sealed.py names it)
    from hashlib import blake2b

_PREFIX = b"runacu sealed "
_DIGEST_BYTES = 32
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
#: A temporary file older than this was left by a writer that was killed (a write takes milliseconds).
STALE_SECONDS = 600
TEMPORARY_SUFFIX = ".tmp"


def _header(kind: str) -> bytes:
    return _PREFIX + kind.encode("ascii") + b"\n"


def _owner() -> int | None:
    geteuid = getattr(os, "geteuid", None)
    return geteuid() if geteuid is not None else None


def _is_private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (on a system with owners)."""
    owner = _owner()
    return owner is None or (info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def private_folder(folder: str) -> bool:
    """Whether `folder` and its parent (the cache root) are real folders only this user can write."""
    for path in (os.path.dirname(folder), folder):
        try:
            info = os.lstat(path)
        except (OSError, ValueError):
            return False
        if not stat.S_ISDIR(info.st_mode) or not _is_private(info):
            return False
    return True


def make_private_folder(folder: str) -> bool:
    """Create `folder` (and the cache root above it) 0700 if missing; True if both are private to the user."""
    try:
        os.makedirs(os.path.dirname(folder), mode=0o700, exist_ok=True)
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except (OSError, ValueError):
        return False
    return private_folder(folder)


def digest(data: bytes, size: int) -> str:
    """A hex digest of `data`, `size` bytes long: a name for an entry, not a secret."""
    return blake2b(data, digest_size=size).hexdigest()


def seal(kind: str, payload: bytes) -> bytes:
    return _header(kind) + blake2b(payload, digest_size=_DIGEST_BYTES).digest() + payload


def unseal(kind: str, raw: bytes) -> bytes | None:
    """The payload of a sealed `kind` entry, or None if the bytes are not one (damaged, or another kind)."""
    header = _header(kind)
    if not raw.startswith(header):
        return None
    digest, payload = raw[len(header) : len(header) + _DIGEST_BYTES], raw[len(header) + _DIGEST_BYTES :]
    return payload if blake2b(payload, digest_size=_DIGEST_BYTES).digest() == digest else None


def read(path: str, kind: str, max_bytes: int) -> bytes | None:
    """The payload of the entry at `path`, if it is an intact `kind` entry the user alone could have written."""
    if not private_folder(os.path.dirname(path)):
        return None
    raw = read_regular_file(path, max_bytes, private=True)
    return None if raw is None else unseal(kind, raw)


def read_regular_file(path: str, max_bytes: int, private: bool = False) -> bytes | None:
    """A regular file's bytes (no link followed, no FIFO waited on), if no larger than `max_bytes`.

    With `private`, only a file the user owns and no one else can write. None for anything else.
    """
    try:
        descriptor = os.open(path, _READ_FLAGS | _BINARY)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes or (private and not _is_private(info)):
            return None
        # One byte more than fstat said, to notice a file that grew meanwhile.
        chunks, size, wanted = [], 0, info.st_size + 1
        while size < wanted and (chunk := os.read(descriptor, wanted - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return b"".join(chunks) if size < wanted else None


def write(path: str, kind: str, payload: bytes, max_bytes: int) -> bool:
    """Write a sealed `kind` entry at `path`, atomically and privately; False (nothing written) when it cannot be.

    A signal or Ctrl-C meanwhile leaves no temporary file behind (KeyboardInterrupt is raised again).
    """
    sealed = seal(kind, payload)
    folder = os.path.dirname(path)
    if len(sealed) > max_bytes or not make_private_folder(folder):
        return False
    # Unguessable, so no one can make the write fail by creating the name first, nor collide with a
    # later process that has the same PID.
    temporary = os.path.join(folder, f".{os.getpid()}-{os.urandom(8).hex()}{TEMPORARY_SUFFIX}")
    try:
        descriptor = os.open(temporary, _WRITE_FLAGS | _BINARY, 0o600)
    except (OSError, ValueError):
        return False
    try:
        try:
            view = memoryview(sealed)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass  # renamed into place: nothing to remove


def evict(folder: str, max_total_bytes: int, suffix: str) -> None:
    """Keep the folder's `suffix` entries under `max_total_bytes`, oldest first to go; remove stale temporaries."""
    if not private_folder(folder):
        return
    entries = []
    stale = time.time() - STALE_SECONDS
    try:
        with os.scandir(folder) as found:
            for entry in found:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if entry.name.endswith(TEMPORARY_SUFFIX) and entry.name.startswith("."):
                    if info.st_mtime < stale:
                        _remove(entry.path)
                elif entry.name.endswith(suffix):
                    entries.append((info.st_mtime_ns, info.st_size, entry.path))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= max_total_bytes:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
