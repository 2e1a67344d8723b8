"""The built-in data, parsed and validated when the wheel is built, so a fresh install parses and validates nothing.

The wheel's build (`hatch_build.py`, through `content/build_shipped.py`) ships it beside the data,
as `runacu/data/validated.marshal`. A run that finds a built-in file in neither the user's parse cache
nor anywhere else (the first run after installing, or after the cache was cleared) takes the file's
parse and its validated data from there, without importing the YAML parser or pydantic, when the
file's bytes are the ones the build read (a BLAKE2b digest of them says so); and so with what runs
work out from a guide file (its summary, its search index), under the same tags as in the cache. Any other file, an
edited one included, is parsed and validated as usual.

The copy is sealed as every cache entry is (`cache/sealed.py`), and checked for shape as the parse
cache checks its entries. It is part of the installed package: as trusted as the code beside it.
"""

from __future__ import annotations

import marshal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runacu.cache import parsed, sealed

if TYPE_CHECKING:
    from runacu.content.document import YamlDocument

FILE_NAME = "validated.marshal"
KIND = "shipped"
FORMAT = 2
MAX_BYTES = 16 * 1024 * 1024


def digest(raw: bytes) -> str:
    """What names a data file's exact bytes in the shipped copy."""
    return sealed.digest(raw, 32)


def document(root: Path, location: Path, raw: bytes) -> YamlDocument | None:
    """The shipped parse of the built-in file at `location` (read as `raw`), if the build saw these very bytes."""
    found = _entry(root, location, raw)
    if found is None:
        return None
    _, data, marks, folded, validated, _ = found
    if not parsed.valid_parts(data, marks, folded, validated):
        return None
    from runacu.content.document import YamlDocument

    return YamlDocument(data=data, marks=marks, folded=set(folded), validated=validated)


def derived(root: Path, location: Path, raw: bytes, kind: str, tag: str) -> Any:
    """What the build worked out from the built-in file at `location` (see `Library.derived`), if it
    read these very bytes and worked it out under `tag`; None otherwise."""
    found = _entry(root, location, raw)
    value = found[5].get(f"{kind}|{tag}") if found is not None else None
    return value if parsed.valid_parts(value, {}, [], None) else None


def _entry(root: Path, location: Path, raw: bytes) -> tuple[Any, ...] | None:
    found = _entries(str(root)).get(location.relative_to(root).as_posix())
    return found if found is not None and found[0] == digest(raw) else None


@cache  # read once per process: the installed package does not change under a run
def _entries(root: str) -> dict[str, tuple[Any, ...]]:
    raw = sealed.read_regular_file(str(Path(root) / FILE_NAME), MAX_BYTES)
    payload = sealed.unseal(KIND, raw) if raw is not None else None
    try:
        version, entries = marshal.loads(payload) if payload is not None else (None, None)
    except (EOFError, ValueError, TypeError):
        return {}
    if version != FORMAT or type(entries) is not dict:
        return {}
    return {
        name: entry
        for name, entry in entries.items()
        if type(name) is str
        and type(entry) is tuple
        and len(entry) == 6
        and type(entry[0]) is str
        and type(entry[5]) is dict
    }
