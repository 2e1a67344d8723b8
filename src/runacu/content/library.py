"""Finds the data files (built-in, optionally layered under a custom directory) and loads them into models."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runacu.content.problems import DataError, Problem
from runacu.content.text import echo
from runacu.errors import UsageError
from runacu.words import say

if TYPE_CHECKING:
    from collections.abc import Callable
    from importlib.resources.abc import Traversable

    from pydantic import ValidationError

    from runacu.content.document import YamlDocument
    from runacu.content.models import Clinic, EverydayWords, Guide
    from runacu.content.validation import ModelT


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
        #: Things the reader should know about what was loaded (an English fallback), said once each.
        self.notices: list[str] = []
        if custom_dir is not None:
            if not custom_dir.exists():
                raise UsageError(say("data_dir_missing", folder=echo(str(custom_dir))))
            if not custom_dir.is_dir():
                raise UsageError(say("data_dir_not_folder", folder=echo(str(custom_dir))))
            try:
                next(custom_dir.iterdir(), None)
            except OSError as error:
                raise UsageError(
                    say("data_dir_unreadable", folder=echo(str(custom_dir)), reason=error.strerror)
                ) from None

    def _layers(self, language: str) -> list[Traversable]:
        layers: list[Traversable] = [self.custom_dir] if self.custom_dir is not None else []
        layers.append(self.builtin_dir)
        return layers if language == ENGLISH else [layer / language for layer in layers]

    def _file(self, name: str, language: str = ENGLISH) -> DataFile | None:
        for layer in self._layers(language):
            candidate = layer / name
            if candidate.is_file():
                return DataFile(name, candidate, language)
            if (
                layer is not self.builtin_dir
                and isinstance(candidate, Path)
                and (candidate.exists() or candidate.is_symlink())
            ):  # a folder (or a broken link) named like a data file
                raise DataError([Problem(str(candidate), say("not_a_file"))])
        return None

    def _names(self, language: str = ENGLISH) -> list[str]:
        names: set[str] = set()
        for layer in self._layers(language):
            if layer.is_dir():
                names |= {entry.name for entry in layer.iterdir() if entry.name.endswith(SUFFIX)}
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
            for name in self._names(language):
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
        """Entries of the data folders named like data files that are not files."""
        problems = []
        for language in (ENGLISH, *TRANSLATIONS):
            for name in self._names(language):
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
            raise UsageError(say("not_a_slug", name=echo(name)))
        slugs = self.guide_slugs()
        return slugs[resolve("guide", name, [Entry(slug) for slug in slugs], numbered=False)]

    def load_guide_file(self, data_file: DataFile) -> tuple[Guide, YamlDocument]:
        from runacu.content.models import Guide, GuideFile, is_slug

        if not is_slug(data_file.slug):
            raise DataError([Problem(str(data_file), say("bad_file_name"))])
        document = read_document(data_file)
        content = _validated(data_file, document, GuideFile)
        return Guide(slug=data_file.slug, **vars(content)), document

    def load_guide(self, name: str) -> Guide:
        """A guide in the library's language; what has no translation falls back to English, with a notice."""
        slug = self.resolve_guide(name)
        english = self._file(slug + SUFFIX)
        translated = self._file(slug + SUFFIX, self.language) if self.language != ENGLISH else None
        if translated is None:
            if english is None:
                raise DataError([Problem(slug + SUFFIX, say("no_guide_file"))])
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
                self.notices.append(say("guide_in_english", guide=slug))
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
            self.notices.append(say("guide_in_english", guide=slug))
            return
        present = set(translated)
        if missing := [topic for topic in english if topic not in present]:
            self.notices.append(say("topics_in_english", guide=slug, topics=", ".join(missing)))

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
        from runacu.content import parse_cache, trusted
        from runacu.content.models import GuideFile, is_slug

        path = data_file.location if isinstance(data_file.location, Path) else None
        stamp = parse_cache.stamp_of(path) if path is not None else None
        tag = f"{trusted.tag(GuideFile)}/{version}"
        if path is not None and stamp is not None and is_slug(data_file.slug):
            kept = parse_cache.load_derived(path, stamp, kind, tag)
            if kept is not None and accept(kept):
                return kept
        value = make(self.load_guide_file(data_file)[0])
        if path is not None and stamp is not None:
            parse_cache.store_derived(path, stamp, kind, tag, value)
        return value

    def load_guides(self) -> list[Guide]:
        return [self.load_guide(slug) for slug in self.guide_slugs()]

    def load_clinic(self) -> Clinic:
        from runacu.content.models import Clinic

        data_file = self._file(CLINIC_FILE)
        if data_file is None:
            raise DataError([Problem(CLINIC_FILE, say("no_clinic_file"))])
        return load_model(data_file, Clinic).in_language(self.language)

    def load_everyday_words(self, language: str | None = None) -> EverydayWords | None:
        """The everyday words of the library's language, or of `language` (each has its own: English words
        would not fit a Spanish reader)."""
        from runacu.content.models import EverydayWords

        data_file = self._file(EVERYDAY_WORDS_FILE, language or self.language)
        return load_model(data_file, EverydayWords) if data_file is not None else None

    def check(self) -> list[Problem]:
        """Every problem in every active data file (empty when all is valid)."""
        from runacu.content.models import Clinic, EverydayWords, GuideFile, is_slug

        problems: list[Problem] = self.check_names()
        for data_file in self.files():
            if data_file.is_guide and not is_slug(data_file.slug):
                problems.append(Problem(str(data_file), say("bad_file_name")))
                continue
            model = GuideFile if data_file.is_guide else Clinic if data_file.is_clinic else EverydayWords
            try:
                load_model(data_file, model)
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


def read_document(data_file: DataFile) -> YamlDocument:
    """A file's parsed data: from the parse cache when the file is unchanged, else from the YAML parser."""
    from runacu.content import parse_cache

    path = data_file.location if isinstance(data_file.location, Path) else None
    # Stamped before reading: a file saved meanwhile gets a new stamp, and is read again next time.
    stamp = parse_cache.stamp_of(path) if path is not None else None
    if path is not None and stamp is not None and (cached := parse_cache.load(path, stamp)) is not None:
        cached.stamp = stamp
        return cached
    document = _parse_file(data_file)
    if path is not None and stamp is not None:
        document.stamp = stamp
        parse_cache.store(path, stamp, document)
    return document


def _parse_file(data_file: DataFile) -> YamlDocument:
    from runacu.content.yaml_reader import MAX_FILE_BYTES, parse_yaml

    try:
        with data_file.location.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataError([Problem(str(data_file), say("cannot_read", reason=error.strerror or error))]) from None
    return parse_yaml(raw, str(data_file))


def load_model(data_file: DataFile, model: type[ModelT]) -> ModelT:
    """Read and validate one file; raise DataError with every problem located in the file."""
    return _validated(data_file, read_document(data_file), model)


def _validated(data_file: DataFile, document: YamlDocument, model: type[ModelT]) -> ModelT:
    """The file's model: rebuilt from the parse cache's copy of its last validation, or validated now."""
    from runacu.content import trusted

    tag = trusted.tag(model)
    if document.validated is not None and document.validated[0] == tag:
        try:
            return trusted.rebuild(model, document.validated[1])
        except trusted.Untrusted:
            pass
    result = parse_model(document, model, str(data_file))
    path = data_file.location if isinstance(data_file.location, Path) else None
    if path is not None and document.stamp is not None:
        from runacu.content import parse_cache
        from runacu.content.models import json_data

        # Under the stamp the file had when it was read, never a later one: what was validated is that text.
        document.validated = (tag, json_data(result))
        parse_cache.store(path, document.stamp, document)
    return result


def parse_model(document: YamlDocument, model: type[ModelT], file: str) -> ModelT:
    from pydantic import ValidationError

    from runacu.content.validation import adapter

    try:
        return adapter(model).validate_python(document.paragraph_data())
    except ValidationError as error:
        raise DataError(_problems(error, document, file)) from None


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('topics', 2, 'title')` -> `topics[2].title`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _problems(error: ValidationError, document: YamlDocument, file: str) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        message = _message(detail)
        cause = detail.get("ctx", {}).get("error")
        loc = (*loc, *getattr(cause, "at", ()))
        line_column = document.locate(loc)
        line, column = line_column if line_column else (None, None)
        owner = loc[:-1] if detail["type"] == "missing" else loc  # the key is absent: name where it belongs
        problems.append(Problem(file, message, line, column, field_path(owner) or None))
    return problems


def _message(detail: Any) -> str:
    kind, loc = detail["type"], detail["loc"]
    if kind == "missing":
        return say("missing_key", key=loc[-1])
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return say("unknown_key", key=loc[-1])
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    message: str = detail["msg"]
    if (kind.endswith("_type") or kind in ("literal_error", "enum")) and not isinstance(detail["input"], (dict, list)):
        message += f", not {detail['input']!r}"
    return message
