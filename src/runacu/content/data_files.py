"""The data files: their names, the built-in data folder, and reading one file safely into a parsed document."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from runacu.content.message import Message, message, verbatim
from runacu.content.problems import DataError, Problem
from runacu.words import N_, languages

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from runacu.content.document import YamlDocument


CLINIC_FILE = "clinic.yaml"
#: The everyday words a runner may type for the guides' words, one file per language: never a guide.
EVERYDAY_WORDS_FILE = "everyday-words.yaml"
ENGLISH = "en"
#: The languages guides may be translated into, each in a folder of its name: those runacu speaks (it has a
#: catalog for them, `runacu.words.languages`) but English.
TRANSLATIONS = tuple(language for language in languages() if language != ENGLISH)
#: The built-in guides, in the order they are listed.
BUILTIN_GUIDES = ("benefits", "back-pain", "first-visit")
SUFFIX = ".yaml"


def builtin_data_dir() -> Traversable:
    """The YAML shipped with runacu.

    A wheel carries it as `runacu/data`. An editable install or a source checkout
    imports runacu from `src/`, where the data is the repository's top-level `data/`.
    Only a runacu imported from something other than folders (a zip file) needs
    importlib.resources, which takes milliseconds to import.
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "data", package.parents[1] / "data"):
        if candidate.is_dir():
            return candidate
    from importlib.resources import files

    return files("runacu") / "data"


@dataclass(frozen=True)
class DataFile:
    """One data file: what it holds (a guide's slug, or the clinic), its language, and where it is."""

    name: str
    location: Traversable
    language: str = ENGLISH
    #: The built-in data folder, when the file is one of its files (its shipped copy may be used: `shipped.py`).
    builtin_root: Traversable | None = None

    @property
    def is_clinic(self) -> bool:
        return self.name == CLINIC_FILE

    @property
    def is_guide(self) -> bool:
        return self.name not in (CLINIC_FILE, EVERYDAY_WORDS_FILE)

    @property
    def slug(self) -> str:
        return self.name.removesuffix(SUFFIX)

    def __str__(self) -> str:
        return str(self.location)


def read_document(data_file: DataFile) -> YamlDocument:
    """A file's parsed data: from the parse cache when the file is unchanged, else from the YAML parser
    (a file that cannot be read is a DataError)."""
    from runacu.cache import parsed
    from runacu.content.document import YamlDocument

    path = disk_path(data_file)
    # Stamped before reading: a file saved meanwhile gets a new stamp, and is read again next time.
    stamp = parsed.stamp_of(path) if path is not None else None
    if path is not None and stamp is not None and (cached := parsed.load(path, stamp)) is not None:
        data, marks, folded, validated = cached
        return YamlDocument(data=data, marks=marks, folded=set(folded), validated=validated, stamp=stamp)
    raw = read_file(data_file)
    document = _shipped(data_file, raw)
    if document is None:
        from runacu.content.yaml_reader import parse_yaml

        document = parse_yaml(raw, str(data_file))
    if path is not None and stamp is not None:
        document.stamp = stamp
        keep_document(path, document)
    return document


def _shipped(data_file: DataFile, raw: bytes) -> YamlDocument | None:
    """A built-in file's parse as the wheel's build made it, if it ships one for these bytes (`shipped.py`)."""
    if not isinstance(data_file.builtin_root, Path) or not isinstance(data_file.location, Path):
        return None
    from runacu.content import shipped

    return shipped.document(data_file.builtin_root, data_file.location, raw)


def disk_path(data_file: DataFile) -> str | None:
    """The file's path, when it is a file on disk (not a resource inside an installed package)."""
    return str(data_file.location) if isinstance(data_file.location, Path) else None


def keep_document(path: str, document: YamlDocument) -> None:
    """Cache `document`, parsed from `path` as it was at its stamp."""
    from runacu.cache import parsed

    if document.stamp is not None:
        parsed.store(path, document.stamp, (document.data, document.marks, list(document.folded), document.validated))


#: What a file's name taken by a folder (or a device, a FIFO...) is.
NOT_A_FILE = N_("a data file's name is taken by something that is not a file; rename or remove it")


#: The reasons the system gives for a file it cannot open, as the C library writes them in English (glibc's and
#: macOS's words), told in the reader's language; the system's other reasons are told as it writes them.
_SYSTEM_REASONS = frozenset(
    (
        N_("Permission denied"),
        N_("Operation not permitted"),
        N_("No such file or directory"),
        N_("Not a directory"),
        N_("Is a directory"),
        N_("Too many levels of symbolic links"),
        N_("File name too long"),
        N_("Input/output error"),
        N_("Too many open files"),
        N_("No such device or address"),
    )
)


def system_reason(error: OSError) -> Message:
    """Why the system would not open a file or a folder, in the reader's words where runacu has them."""
    reason = error.strerror or str(error)
    return message(reason) if reason in _SYSTEM_REASONS else verbatim(reason)


def cannot_read(error: OSError, folder: bool = False) -> Message:
    """Why a file (or a `folder`) cannot be read."""
    if folder:
        return message(N_("cannot read the folder: {reason}"), reason=system_reason(error))
    return message(N_("cannot read the file: {reason}"), reason=system_reason(error))


def read_file(data_file: DataFile) -> bytes:
    """The file's bytes (up to one more than a data file may have); a DataError if it cannot be read."""
    from runacu.content.document import MAX_FILE_BYTES

    try:
        if isinstance(data_file.location, Path):
            raw = _read_regular_file(data_file.location, MAX_FILE_BYTES + 1)
        else:  # a resource inside an installed package
            with data_file.location.open("rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
    except _NotAFile:
        raise DataError([Problem(str(data_file), NOT_A_FILE)]) from None
    except OSError as error:
        raise DataError([Problem(str(data_file), cannot_read(error))]) from None
    return raw


class _NotAFile(Exception):
    pass


#: Opening never waits: a FIFO put in a data file's place (after it was found to be a file) opens at once,
#: and is then refused for what it is.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _read_regular_file(path: Path, limit: int) -> bytes:
    """Up to `limit` bytes of the regular file at `path` (a link to one is followed); _NotAFile for anything else."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _NotAFile
        chunks, size = [], 0
        while size < limit and (chunk := os.read(descriptor, limit - size)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(descriptor)
    return b"".join(chunks)
