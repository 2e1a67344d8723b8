"""Finds the data files (built-in, optionally layered under a custom directory) and loads them into models."""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runacu.content.problems import DataError, Problem
from runacu.content.text import echo
from runacu.errors import UsageError
from runacu.words import for_language

if TYPE_CHECKING:
    from collections.abc import Callable
    from importlib.resources.abc import Traversable

    from pydantic import ValidationError

    from runacu.content.document import YamlDocument
    from runacu.content.models import Clinic, EverydayWords, Guide
    from runacu.content.validation import ModelT
    from runacu.words import Words


CLINIC_FILE = "clinic.yaml"
#: The everyday words a runner may type for the guides' words, one file per language: never a guide.
EVERYDAY_WORDS_FILE = "everyday-words.yaml"
ENGLISH = "en"
#: The languages guides may be translated into, each in a folder of its name.
TRANSLATIONS = ("es",)
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
class GuideSummary:
    """What `runacu guides` lists of a guide."""

    slug: str
    title: str
    topics: int


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


class Library:
    """The active content: the built-in data with an optional directory layered over it.

    A file in the custom directory with a built-in name replaces the built-in file; any other
    `*.yaml` file there is an extra guide. Translations live in a folder named for their
    language (`es/benefits.yaml`), layered the same way. Only the files a command needs are read.
    """

    def __init__(
        self, custom_dir: Path | None = None, builtin_dir: Traversable | None = None, language: str = ENGLISH
    ) -> None:
        self.builtin_dir = builtin_dir if builtin_dir is not None else builtin_data_dir()
        self.custom_dir = custom_dir
        self.language = language
        #: runacu's own words in the library's language: what its errors and notices are told in.
        self.words = for_language(language)
        #: Things the reader should know about what was loaded (an English fallback), said once each.
        self.notices: list[str] = []
        if custom_dir is not None:
            try:
                if not custom_dir.exists():
                    raise UsageError(self.words.say("data_dir_missing", folder=echo(str(custom_dir))))
                if not custom_dir.is_dir():
                    raise UsageError(self.words.say("data_dir_not_folder", folder=echo(str(custom_dir))))
                _check_folder(custom_dir)
            except OSError as error:
                raise UsageError(
                    self.words.say("data_dir_unreadable", folder=echo(str(custom_dir)), reason=error.strerror)
                ) from None

    def _layers(self, language: str) -> list[Traversable]:
        layers: list[Traversable] = [self.custom_dir] if self.custom_dir is not None else []
        layers.append(self.builtin_dir)
        return layers if language == ENGLISH else [layer / language for layer in layers]

    def _file(self, name: str, language: str = ENGLISH) -> DataFile | None:
        layers = self._layers(language)
        for layer in layers:
            candidate = layer / name
            try:
                if candidate.is_file():
                    builtin = self.builtin_dir if layer is layers[-1] else None  # the built-in layer comes last
                    return DataFile(name, candidate, language, builtin_root=builtin)
                if layer is self.builtin_dir or not isinstance(candidate, Path):
                    continue
                candidate.lstat()  # something is there: a folder (or a broken link) named like a data file
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError as error:  # a folder that may be listed but not searched (no execute permission)
                reason = error.strerror or error
                raise DataError([Problem(str(candidate), self.words.say("cannot_read", reason=reason))]) from None
            raise DataError([Problem(str(candidate), self.words.say("not_a_file"))])
        return None

    def _names(self, language: str = ENGLISH) -> list[str]:
        names: set[str] = set()
        for layer in self._layers(language):
            try:
                if layer.is_dir():
                    names |= {entry.name for entry in layer.iterdir() if entry.name.endswith(SUFFIX)}
            except OSError as error:  # a translation's folder that may not be listed
                reason = error.strerror or error
                raise DataError([Problem(str(layer), self.words.say("cannot_read_folder", reason=reason))]) from None
        if language != ENGLISH:
            names.discard(CLINIC_FILE)  # the clinic's facts are stored once; its texts carry translations
        order = [CLINIC_FILE, EVERYDAY_WORDS_FILE, *(slug + SUFFIX for slug in BUILTIN_GUIDES)]
        return [name for name in order if name in names] + sorted(names - set(order))

    def files(self) -> list[DataFile]:
        """Every active data file: the clinic, the built-in guides, extra guides by name, then translations.

        An entry named like a data file that is not a file is left out: `check_names` reports it.
        """
        found = []
        for language in (ENGLISH, *TRANSLATIONS):
            try:
                names = self._names(language)
            except DataError:  # a folder that cannot be read: `check_names` reports it
                continue
            for name in names:
                try:
                    data_file = self._file(name, language)
                except DataError:
                    continue
                if data_file is not None:
                    found.append(data_file)
        return found

    def guide_files(self) -> list[DataFile]:
        return [data_file for data_file in self.files() if data_file.is_guide]

    def english_counterpart(self, data_file: DataFile) -> DataFile | None:
        try:
            return self._file(data_file.name)
        except DataError:  # not a file: `check_names` reports it
            return None

    def check_names(self) -> list[Problem]:
        """Entries of the data folders named like data files that are not files, and folders that cannot be read."""
        problems = []
        for language in (ENGLISH, *TRANSLATIONS):
            try:
                names = self._names(language)
            except DataError as error:
                problems += error.problems
                continue
            for name in names:
                try:
                    self._file(name, language)
                except DataError as error:
                    problems += error.problems
        return problems

    def guide_slugs(self) -> list[str]:
        return [name.removesuffix(SUFFIX) for name in self._names() if name not in (CLINIC_FILE, EVERYDAY_WORDS_FILE)]

    def resolve_guide(self, name: str) -> str:
        """The slug of the guide `name` means (any case, a unique prefix); a usage error before any file is read."""
        from runacu.content.lookup import Entry, resolve

        if not name or len(name) > 64 or any(char in name for char in "/\\\0") or name.startswith("."):
            raise UsageError(self.words.say("not_a_slug", name=echo(name)))
        slugs = self.guide_slugs()
        return slugs[resolve("guide", name, [Entry(slug) for slug in slugs], self.words, numbered=False)]

    def load_guide_file(self, data_file: DataFile) -> tuple[Guide, YamlDocument]:
        from runacu.content.models import Guide, GuideFile, is_slug

        if not is_slug(data_file.slug):
            raise DataError([Problem(str(data_file), self.words.say("bad_file_name"))])
        document = read_document(data_file, self.words)
        content = _validated(data_file, document, GuideFile, self.words)
        return Guide(slug=data_file.slug, **vars(content)), document

    def load_guide(self, name: str) -> Guide:
        """A guide in the library's language; what has no translation falls back to English, with a notice."""
        slug = self.resolve_guide(name)
        english = self._file(slug + SUFFIX)
        translated = self._file(slug + SUFFIX, self.language) if self.language != ENGLISH else None
        if translated is None:
            if english is None:
                raise DataError([Problem(slug + SUFFIX, self.words.say("no_guide_file"))])
            self.note_fallbacks(slug, None, [])
            return self.load_guide_file(english)[0]
        guide = self.load_guide_file(translated)[0]
        if english is None:
            return guide
        original = self.load_guide_file(english)[0]
        guide = _with_english_aliases(guide, original)
        self.note_fallbacks(slug, guide.topic_slugs, original.topic_slugs)
        if set(original.topic_slugs) <= set(guide.topic_slugs):
            return guide
        by_slug = {topic.slug: topic for topic in guide.topics}
        topics = [by_slug.get(topic.slug, topic) for topic in original.topics]
        topics += [topic for topic in guide.topics if topic.slug not in {t.slug for t in original.topics}]
        return replace(guide, topics=topics)

    def summaries(self) -> list[GuideSummary]:
        """Each guide's slug, title and number of topics, in the library's language where there is one.

        Read from the parse cache's validated copy when a file is unchanged: a clinic with thousands of
        topics lists its guides without building a single topic.
        """
        found = []
        for slug in self.guide_slugs():
            data_file = (self._file(slug + SUFFIX, self.language) if self.language != ENGLISH else None) or self._file(
                slug + SUFFIX
            )
            if data_file is None:
                continue
            if data_file.language != self.language:
                self.notices.append(self.words.say("guide_in_english", guide=slug))
            found.append(self._summary(data_file))
        return found

    def _summary(self, data_file: DataFile) -> GuideSummary:
        from runacu.content.text import has_unsafe

        def accept(value: Any) -> bool:
            return type(value) is list and len(value) == 2 and type(value[0]) is str and type(value[1]) is int

        title, topics = self.derived(data_file, "summary", "1", lambda guide: [guide.title, len(guide.topics)], accept)
        if has_unsafe(title):  # only from a damaged cache: read the file instead
            guide = self.load_guide_file(data_file)[0]
            return GuideSummary(guide.slug, guide.title, len(guide.topics))
        return GuideSummary(data_file.slug, title, topics)

    def note_fallbacks(self, slug: str, translated: list[str] | None, english: list[str]) -> None:
        """Say what of the guide `slug` stands in English: all of it (no translation), or the topics listed
        in English but not in its translation (each list is a file's topic slugs)."""
        if self.language == ENGLISH:
            return
        if translated is None:
            self.notices.append(self.words.say("guide_in_english", guide=slug))
            return
        present = set(translated)
        if missing := [topic for topic in english if topic not in present]:
            self.notices.append(self.words.say("topics_in_english", guide=slug, topics=", ".join(missing)))

    def guide_files_of(self, slug: str) -> list[DataFile]:
        """The files the guide `slug` is read from in the library's language: its translation, its English, or both."""
        english = self._file(slug + SUFFIX)
        translated = self._file(slug + SUFFIX, self.language) if self.language != ENGLISH else None
        return [data_file for data_file in (translated, english) if data_file is not None]

    def derived(
        self,
        data_file: DataFile,
        kind: str,
        version: str,
        make: Callable[[Guide], Any],
        accept: Callable[[Any], bool],
    ) -> Any:
        """`make(guide)` of a guide file, kept beside the parse cache while the file and the models are unchanged.

        A command that needs only such plain data (`guides`: a title and a count; `search`: text to
        sift) then builds no topic at all. `version` names how `make` works, `accept` checks the
        shape of a kept value (a damaged one is made again).
        """
        from runacu.cache import parsed
        from runacu.content import trusted
        from runacu.content.models import GuideFile, is_slug

        path = _disk_path(data_file)
        stamp = parsed.stamp_of(path) if path is not None else None
        tag = f"{trusted.tag(GuideFile)}/{version}"
        if path is not None and stamp is not None and is_slug(data_file.slug):
            kept = parsed.load_derived(path, stamp, kind, tag)
            if kept is not None and accept(kept):
                return kept
        value = self._shipped_derived(data_file, kind, tag, accept)
        if value is None:
            value = make(self.load_guide_file(data_file)[0])
        if path is not None and stamp is not None:
            parsed.store_derived(path, stamp, kind, tag, value)
        return value

    def _shipped_derived(self, data_file: DataFile, kind: str, tag: str, accept: Callable[[Any], bool]) -> Any:
        """What the wheel's build worked out from a built-in file, when it ships it for these bytes."""
        if not isinstance(data_file.builtin_root, Path) or not isinstance(data_file.location, Path):
            return None
        from runacu.content import shipped

        raw = _read_file(data_file, self.words)
        value = shipped.derived(data_file.builtin_root, data_file.location, raw, kind, tag)
        return value if value is not None and accept(value) else None

    def load_guides(self) -> list[Guide]:
        return [self.load_guide(slug) for slug in self.guide_slugs()]

    def load_clinic(self) -> Clinic:
        from runacu.content.models import Clinic

        data_file = self._file(CLINIC_FILE)
        if data_file is None:
            raise DataError([Problem(CLINIC_FILE, self.words.say("no_clinic_file"))])
        return load_model(data_file, Clinic, self.words).in_language(self.language)

    def load_everyday_words(self, language: str | None = None) -> EverydayWords | None:
        """The everyday words of the library's language, or of `language` (each has its own: English words
        would not fit a Spanish reader)."""
        from runacu.content.models import EverydayWords

        data_file = self._file(EVERYDAY_WORDS_FILE, language or self.language)
        return load_model(data_file, EverydayWords, self.words) if data_file is not None else None

    def check(self) -> list[Problem]:
        """Every problem in every active data file (empty when all is valid)."""
        from runacu.content.models import Clinic, EverydayWords, GuideFile, is_slug

        problems: list[Problem] = self.check_names()
        for data_file in self.files():
            if data_file.is_guide and not is_slug(data_file.slug):
                problems.append(Problem(str(data_file), self.words.say("bad_file_name")))
                continue
            model = GuideFile if data_file.is_guide else Clinic if data_file.is_clinic else EverydayWords
            try:
                load_model(data_file, model, self.words)
            except DataError as error:
                problems.extend(error.problems)
        return problems


def _with_english_aliases(guide: Guide, english: Guide) -> Guide:
    """A translation's topics also answer to their English aliases (`benefits sleep` works in Spanish too)."""
    taken = set(guide.topic_slugs) | {alias for topic in guide.topics for alias in topic.aliases}
    originals = {topic.slug: topic for topic in english.topics}
    topics = []
    for topic in guide.topics:
        extra = [a for a in getattr(originals.get(topic.slug), "aliases", []) if a not in taken]
        topics.append(replace(topic, aliases=[*topic.aliases, *extra]) if extra else topic)
    return replace(guide, topics=topics)


def read_document(data_file: DataFile, words: Words) -> YamlDocument:
    """A file's parsed data: from the parse cache when the file is unchanged, else from the YAML parser
    (a file that cannot be read is a DataError told in `words`)."""
    from runacu.cache import parsed
    from runacu.content.document import YamlDocument

    path = _disk_path(data_file)
    # Stamped before reading: a file saved meanwhile gets a new stamp, and is read again next time.
    stamp = parsed.stamp_of(path) if path is not None else None
    if path is not None and stamp is not None and (cached := parsed.load(path, stamp)) is not None:
        data, marks, folded, validated = cached
        return YamlDocument(data=data, marks=marks, folded=set(folded), validated=validated, stamp=stamp)
    raw = _read_file(data_file, words)
    document = _shipped(data_file, raw)
    if document is None:
        from runacu.content.yaml_reader import parse_yaml

        document = parse_yaml(raw, str(data_file))
    if path is not None and stamp is not None:
        document.stamp = stamp
        _keep(path, document)
    return document


def _shipped(data_file: DataFile, raw: bytes) -> YamlDocument | None:
    """A built-in file's parse as the wheel's build made it, if it ships one for these bytes (`shipped.py`)."""
    if not isinstance(data_file.builtin_root, Path) or not isinstance(data_file.location, Path):
        return None
    from runacu.content import shipped

    return shipped.document(data_file.builtin_root, data_file.location, raw)


def _disk_path(data_file: DataFile) -> str | None:
    """The file's path, when it is a file on disk (not a resource inside an installed package)."""
    return str(data_file.location) if isinstance(data_file.location, Path) else None


def _keep(path: str, document: YamlDocument) -> None:
    """Cache `document`, parsed from `path` as it was at its stamp."""
    from runacu.cache import parsed

    if document.stamp is not None:
        parsed.store(path, document.stamp, (document.data, document.marks, list(document.folded), document.validated))


def _read_file(data_file: DataFile, words: Words) -> bytes:
    """The file's bytes (up to one more than a data file may have); a DataError told in `words` if unreadable."""
    from runacu.content.document import MAX_FILE_BYTES

    try:
        if isinstance(data_file.location, Path):
            raw = _read_regular_file(data_file.location, MAX_FILE_BYTES + 1)
        else:  # a resource inside an installed package
            with data_file.location.open("rb") as stream:
                raw = stream.read(MAX_FILE_BYTES + 1)
    except _NotAFile:
        raise DataError([Problem(str(data_file), words.say("not_a_file"))]) from None
    except OSError as error:
        raise DataError([Problem(str(data_file), words.say("cannot_read", reason=error.strerror or error))]) from None
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


def _check_folder(folder: Path) -> None:
    """OSError unless `folder` can be listed (its read permission) and the files in it opened (its execute one)."""
    with os.scandir(folder) as entries:
        next(entries, None)
    with contextlib.suppress(FileNotFoundError):
        (folder / CLINIC_FILE).lstat()


def load_model(data_file: DataFile, model: type[ModelT], words: Words) -> ModelT:
    """Read and validate one file; raise DataError with every problem located in the file, told in `words`."""
    return _validated(data_file, read_document(data_file, words), model, words)


def _validated(data_file: DataFile, document: YamlDocument, model: type[ModelT], words: Words) -> ModelT:
    """The file's model: rebuilt from the parse cache's copy of its last validation, or validated now."""
    from runacu.content import trusted

    tag = trusted.tag(model)
    if document.validated is not None and document.validated[0] == tag:
        try:
            return trusted.rebuild(model, document.validated[1])
        except trusted.Untrusted:
            pass
    result = parse_model(document, model, str(data_file), words)
    path = _disk_path(data_file)
    if path is not None and document.stamp is not None:
        from runacu.content.models import json_data

        # Under the stamp the file had when it was read, never a later one: what was validated is that text.
        document.validated = (tag, json_data(result))
        _keep(path, document)
    return result


def parse_model(document: YamlDocument, model: type[ModelT], file: str, words: Words) -> ModelT:
    from pydantic import ValidationError

    from runacu.content.validation import adapter

    try:
        return adapter(model).validate_python(document.paragraph_data())
    except ValidationError as error:
        raise DataError(_problems(error, document, file, words)) from None


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('topics', 2, 'title')` -> `topics[2].title`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _problems(error: ValidationError, document: YamlDocument, file: str, words: Words) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        message = _message(detail, words)
        cause = detail.get("ctx", {}).get("error")
        loc = (*loc, *getattr(cause, "at", ()))
        line_column = document.locate(loc)
        line, column = line_column if line_column else (None, None)
        owner = loc[:-1] if detail["type"] == "missing" else loc  # the key is absent: name where it belongs
        problems.append(Problem(file, message, line, column, field_path(owner) or None))
    return problems


def _message(detail: Any, words: Words) -> str:
    kind, loc = detail["type"], detail["loc"]
    if kind == "missing":
        return words.say("missing_key", key=loc[-1])
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return words.say("unknown_key", key=loc[-1])
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    message: str = detail["msg"]
    if (kind.endswith("_type") or kind in ("literal_error", "enum")) and not isinstance(detail["input"], (dict, list)):
        message += f", not {echo(repr(detail['input']))}"  # cut short: a number may have thousands of digits
    return message
