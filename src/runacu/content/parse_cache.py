"""A cache of parsed data files, so a command run again skips the YAML parser and its import.

Each entry is keyed by the file's path and stamped with its size, modification time, change
time and inode: any change to the file misses the cache. The directory is safe to delete at
any time, and a cache that cannot be written is skipped.

An entry is a header naming FORMAT, the SHA-256 digest of its payload, and the payload: the
marshalled (FORMAT, path, stamp, data, marks, folded, validated). `validated` is the model's
data as it was last validated (a tag naming runacu's version and models, and a JSON dump), so
an unchanged file is not validated again (see `content/trusted.py`). A damaged entry is a miss, never altered data,
and the next store replaces it: the digest is checked before unmarshalling, and the payload's
shape after, so only plain data the YAML reader could have built reaches the models. Only a
regular file of the user's, up to MAX_ENTRY_BYTES, is read: opened without following a
symlink and without waiting on a FIFO, then checked with fstat. Entries are written to a new
file (0600, created exclusively) and renamed into place, in a directory created 0700.

The digest detects damage, not forgery: whoever can write the user's cache can also write
the user's data files.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

from runacu.content.document import YamlDocument

FORMAT = 3
Stamp = tuple[int, int, int, int]
MAX_ENTRY_BYTES = 8 * 1024 * 1024
#: Nesting deeper than the YAML reader allows (its MAX_DEPTH, 64) was not written by runacu.
MAX_DEPTH = 80

_HEADER = f"runacu parse cache {FORMAT}\n".encode()
_DIGEST_BYTES = hashlib.sha256().digest_size
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_COMMON_FLAGS = getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
_SCALARS = (str, int, float, bool, type(None))


def cache_dir() -> Path:
    from runacu.user_dirs import cache_dir

    return Path(cache_dir())


def stamp_of(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _entry(path: Path, kind: str = "marshal") -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / "parsed" / f"{digest}.{kind}"


def unseal(entry: Path) -> Any:
    """An entry's unmarshalled payload, if its header and digest are right; else None."""
    raw = _read_entry(entry)
    if raw is None or not raw.startswith(_HEADER):
        return None
    digest, payload = raw[len(_HEADER) : len(_HEADER) + _DIGEST_BYTES], raw[len(_HEADER) + _DIGEST_BYTES :]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def load(path: Path, stamp: Stamp) -> YamlDocument | None:
    """The cached parse of `path` as it was at `stamp`, or None (no entry, a stale one, or a damaged one)."""
    entry = unseal(_entry(path))
    return None if entry is None else _document(entry, str(path), stamp)


def load_derived(path: Path, stamp: Stamp, kind: str, tag: str) -> Any:
    """Plain data worked out from `path` as it was at `stamp`, by what `tag` names; None if there is none.

    Derived entries (a guide's summary, its search text) are small files of their own, so a command
    that needs only them reads neither the parse nor the models.
    """
    entry = unseal(_entry(path, kind))
    if type(entry) is not tuple or len(entry) != 5:
        return None
    version, saved_path, saved_stamp, saved_tag, value = entry
    if (version, saved_path, saved_stamp, saved_tag) != (FORMAT, str(path), stamp, tag) or not _is_plain(value):
        return None
    return value


def store_derived(path: Path, stamp: Stamp, kind: str, tag: str, value: Any) -> None:
    """Keep `value` (plain data) as derived from `path` at `stamp`; quietly do nothing when that fails."""
    try:
        payload = marshal.dumps((FORMAT, str(path), stamp, tag, value))
    except ValueError:
        return
    write_sealed(_entry(path, kind), payload)


def store(path: Path, stamp: Stamp, document: YamlDocument) -> None:
    """Cache `document` as the parse of `path` at `stamp`; quietly do nothing when that fails."""
    try:
        folded = sorted(document.folded, key=repr)
        payload = marshal.dumps((FORMAT, str(path), stamp, document.data, document.marks, folded, document.validated))
    except ValueError:
        return
    write_sealed(_entry(path), payload)


def write_sealed(entry: Path, payload: bytes) -> None:
    """Write `payload` with its header and digest, atomically, privately; quietly skip it when that fails."""
    sealed = _seal(payload)
    if len(sealed) > MAX_ENTRY_BYTES:
        return  # it would never be read
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.{os.urandom(6).hex()}.tmp")
    created = False
    try:
        entry.parent.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        entry.parent.mkdir(mode=0o700, exist_ok=True)
        descriptor = os.open(temporary, _WRITE_FLAGS | _COMMON_FLAGS, 0o600)
        created = True
        try:
            _write_all(descriptor, sealed)
        finally:
            os.close(descriptor)
        temporary.replace(entry)
    except OSError:
        if created:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _seal(payload: bytes) -> bytes:
    return _HEADER + hashlib.sha256(payload).digest() + payload


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _read_entry(entry: Path) -> bytes | None:
    """The entry's bytes, if it is a regular file of the user's no larger than MAX_ENTRY_BYTES."""
    try:
        descriptor = os.open(entry, _READ_FLAGS | _COMMON_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        owner = getattr(os, "geteuid", None)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES or (owner and info.st_uid != owner()):
            return None
        # one byte more than fstat said, to notice a file that grew: bounded by MAX_ENTRY_BYTES + 1
        chunks, size, wanted = [], 0, info.st_size + 1
        while size < wanted and (chunk := os.read(descriptor, wanted - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    return b"".join(chunks) if size < wanted else None


def _document(entry: Any, path: str, stamp: Stamp) -> YamlDocument | None:
    """The document in an unmarshalled entry, if the entry has exactly the shape `store` writes."""
    if type(entry) is not tuple or len(entry) != 7:
        return None
    version, saved_path, saved_stamp, data, marks, folded, validated = entry
    if type(version) is not int or version != FORMAT or type(saved_path) is not str or saved_path != path:
        return None
    if type(saved_stamp) is not tuple or len(saved_stamp) != 4 or any(type(part) is not int for part in saved_stamp):
        return None
    if saved_stamp != stamp or not _is_marks(marks) or not _is_plain(data):
        return None
    if type(folded) is not list or not all(type(key) is tuple and _holds_text(data, key) for key in folded):
        return None
    if validated is not None and not (
        type(validated) is tuple and len(validated) == 2 and type(validated[0]) is str and _is_plain(validated[1])
    ):
        return None
    return YamlDocument(data=data, marks=marks, folded=set(folded), validated=validated)


def _holds_text(data: Any, path: tuple[Any, ...]) -> bool:
    """Whether `path` leads through `data` to text (a folded text the reader recorded)."""
    for part in path:
        in_dict = type(data) is dict and type(part) is str and part in data
        if not in_dict and not (type(data) is list and type(part) is int and 0 <= part < len(data)):
            return False
        data = data[part]
    return type(data) is str


def _is_marks(marks: Any) -> bool:
    """A dict of key path (a tuple of str and int) -> 1-based (line, column)."""
    if type(marks) is not dict:
        return False
    for key, value in marks.items():
        if type(key) is not tuple or any(type(part) is not str and type(part) is not int for part in key):
            return False
        if type(value) is not tuple or len(value) != 2 or any(type(n) is not int or n < 1 for n in value):
            return False
    return True


def _is_plain(data: Any) -> bool:
    """Only what the YAML reader builds: text, numbers, booleans, null, lists and text-keyed dicts, without cycles.

    Aliases make shared values, so each list or dict is walked once; one met again while it is
    still being walked contains itself, which the reader never builds.
    """
    walked: set[int] = set()
    walking: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        if len(walking) > MAX_DEPTH:  # deeper than the reader nests: it did not build this
            return False
        value, leaving = stack.pop()
        if type(value) in _SCALARS:
            continue
        if type(value) is not list and type(value) is not dict:
            return False
        identity = id(value)
        if leaving:
            walking.discard(identity)
            walked.add(identity)
            continue
        if identity in walking:
            return False
        if identity in walked:
            continue
        if type(value) is dict and any(type(key) is not str for key in value):
            return False
        walking.add(identity)
        stack.append((value, True))
        stack.extend((child, False) for child in (value.values() if type(value) is dict else value))
    return True
