"""Finds the data files (built-in, optionally layered under a custom directory) and loads them into models."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runacu.content.data_files import (
    BUILTIN_GUIDES,
    CLINIC_FILE,
    ENGLISH,
    EVERYDAY_WORDS_FILE,
    NOT_A_FILE,
    SUFFIX,
    TRANSLATIONS,
    DataFile,
    builtin_data_dir,
    cannot_read,
    disk_path,
    keep_document,
    read_document,
    read_file,
    system_reason,
)
from runacu.content.model_errors import parse_model
from runacu.content.problems import DataError, Problem
from runacu.content.text import echo
from runacu.errors import UsageError
from runacu.words import N_, for_language

if TYPE_CHECKING:
    from collections.abc import Callable
    from importlib.resources.abc import Traversable

    from runacu.content.document import YamlDocument
    from runacu.content.models import Clinic, EverydayWords, Guide
    from runacu.content.validation import Model, ModelT

#: The library, and for callers that import them from here, what it reads files with and validates them by.
__all__ = [
    "ENGLISH",
    "DataFile",
    "GuideSummary",
    "Library",
    "builtin_data_dir",
    "parse_model",
    "read_document",
]


#: What a guide file whose name is no slug is.
_NOT_A_SLUG = N_("a guide's file name is its slug: use lower-case letters, digits and hyphens")


@dataclass(frozen=True)
class GuideSummary:
    """What `runacu guides` lists of a guide."""

    slug: str
    title: str
    topics: int


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
        #: Each file's model as this library read it, by file and model: a command that needs one file twice
        #: (validate checks each file, reviews each guide, and compares each translation with its English)
        #: reads and validates it once. Models are frozen; a library lives for one run.
        self._read: dict[tuple[str, type[Any]], tuple[Any, YamlDocument]] = {}
        if custom_dir is not None:
            try:
                if not custom_dir.exists():
                    raise UsageError(
                        self.words.say("data directory '{folder}' does not exist", folder=echo(str(custom_dir)))
                    )
                if not custom_dir.is_dir():
                    raise UsageError(
                        self.words.say("data directory '{folder}' is not a directory", folder=echo(str(custom_dir)))
                    )
                _check_folder(custom_dir)
            except OSError as error:
                raise UsageError(
                    self.words.say(
                        "cannot read data directory '{folder}': {reason}",
                        folder=echo(str(custom_dir)),
                        reason=system_reason(error).said(self.words),
                    )
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
                raise DataError([Problem(str(candidate), cannot_read(error))]) from None
            raise DataError([Problem(str(candidate), NOT_A_FILE)])
        return None

    def _names(self, language: str = ENGLISH) -> list[str]:
        names: set[str] = set()
        for layer in self._layers(language):
            try:
                if layer.is_dir():
                    names |= {entry.name for entry in layer.iterdir() if entry.name.endswith(SUFFIX)}
            except OSError as error:  # a translation's folder that may not be listed
                raise DataError([Problem(str(layer), cannot_read(error, folder=True))]) from None
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
            raise UsageError(
                self.words.say(
                    "'{name}' is not a guide name: use letters, digits and hyphens, as 'runacu guides' lists them.",
                    name=echo(name),
                )
            )
        slugs = self.guide_slugs()
        return slugs[resolve("guide", name, [Entry(slug) for slug in slugs], self.words, numbered=False)]

    def load_guide_file(self, data_file: DataFile) -> tuple[Guide, YamlDocument]:
        from runacu.content.models import Guide, GuideFile, is_slug

        if not is_slug(data_file.slug):
            raise DataError([Problem(str(data_file), _NOT_A_SLUG)])
        content, document = self._model_and_document(data_file, GuideFile)
        return Guide(slug=data_file.slug, **vars(content)), document

    def load_guide(self, name: str) -> Guide:
        """A guide in the library's language; what has no translation falls back to English, with a notice."""
        slug = self.resolve_guide(name)
        english = self._file(slug + SUFFIX)
        translated = self._file(slug + SUFFIX, self.language) if self.language != ENGLISH else None
        if translated is None:
            if english is None:
                raise DataError([Problem(slug + SUFFIX, N_("no such guide file"))])
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
                self.notices.append(
                    self.words.say(
                        "the guide '{guide}' has no version in this language yet: showing it in English", guide=slug
                    )
                )
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
            self.notices.append(
                self.words.say(
                    "the guide '{guide}' has no version in this language yet: showing it in English", guide=slug
                )
            )
            return
        present = set(translated)
        if missing := [topic for topic in english if topic not in present]:
            self.notices.append(
                self.words.say(
                    "some topics of '{guide}' have no version in this language yet, shown in English: {topics}",
                    guide=slug,
                    topics=", ".join(missing),
                )
            )

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
        make: Callable[[Any], Any],
        accept: Callable[[Any], bool],
        model: type[Model] | None = None,
    ) -> Any:
        """`make(guide)` of a guide file (or `make` of the file's `model`: the everyday words), kept beside the parse
        cache while the file and the models are unchanged.

        A command that needs only such plain data (`guides`: a title and a count; `search`: text to
        sift, a table of everyday words) then builds no model at all. `version` names how `make` works,
        `accept` checks the shape of a kept value (a damaged one is made again).
        """
        from runacu.cache import parsed
        from runacu.content import trusted
        from runacu.content.models import GuideFile, is_slug

        path = disk_path(data_file)
        stamp = parsed.stamp_of(path) if path is not None else None
        tag = f"{trusted.tag(model or GuideFile)}/{version}"
        if path is not None and stamp is not None and (model is not None or is_slug(data_file.slug)):
            kept = parsed.load_derived(path, stamp, kind, tag)
            if kept is not None and accept(kept):
                return kept
        value = self._shipped_derived(data_file, kind, tag, accept)
        if value is None:
            value = make(self.load_guide_file(data_file)[0] if model is None else self._model(data_file, model))
        if path is not None and stamp is not None:
            parsed.store_derived(path, stamp, kind, tag, value)
        return value

    def _shipped_derived(self, data_file: DataFile, kind: str, tag: str, accept: Callable[[Any], bool]) -> Any:
        """What the wheel's build worked out from a built-in file, when it ships it for these bytes."""
        if not isinstance(data_file.builtin_root, Path) or not isinstance(data_file.location, Path):
            return None
        from runacu.content import shipped

        raw = read_file(data_file)
        value = shipped.derived(data_file.builtin_root, data_file.location, raw, kind, tag)
        return value if value is not None and accept(value) else None

    def load_guides(self) -> list[Guide]:
        return [self.load_guide(slug) for slug in self.guide_slugs()]

    def load_clinic(self) -> Clinic:
        from runacu.content.models import Clinic

        data_file = self._file(CLINIC_FILE)
        if data_file is None:
            raise DataError([Problem(CLINIC_FILE, N_("no clinic file found in the data"))])
        return self._model(data_file, Clinic).in_language(self.language)

    def load_everyday_words(self, language: str | None = None) -> EverydayWords | None:
        """The everyday words of the library's language, or of `language` (each has its own: English words
        would not fit a Spanish reader)."""
        from runacu.content.models import EverydayWords

        data_file = self.everyday_words_file(language)
        return self._model(data_file, EverydayWords) if data_file is not None else None

    def everyday_words_file(self, language: str | None = None) -> DataFile | None:
        """The file the everyday words of the library's language (or of `language`) are read from, if any."""
        return self._file(EVERYDAY_WORDS_FILE, language or self.language)

    def check(self) -> list[Problem]:
        """Every problem in every active data file (empty when all is valid)."""
        from runacu.content.models import Clinic, EverydayWords, GuideFile, is_slug

        problems: list[Problem] = self.check_names()
        for data_file in self.files():
            if data_file.is_guide and not is_slug(data_file.slug):
                problems.append(Problem(str(data_file), _NOT_A_SLUG))
                continue
            model = GuideFile if data_file.is_guide else Clinic if data_file.is_clinic else EverydayWords
            try:
                self._model(data_file, model)
            except DataError as error:
                problems.extend(error.problems)
        return problems

    def _model(self, data_file: DataFile, model: type[ModelT]) -> ModelT:
        """`data_file` read and validated as `model`, once per library; DataError with every problem located in the
        file."""
        return self._model_and_document(data_file, model)[0]

    def _model_and_document(self, data_file: DataFile, model: type[ModelT]) -> tuple[ModelT, YamlDocument]:
        key = (str(data_file.location), model)
        if (read := self._read.get(key)) is None:
            document = read_document(data_file)
            read = self._read[key] = (_validated(data_file, document, model), document)
        return read


def _with_english_aliases(guide: Guide, english: Guide) -> Guide:
    """A translation's topics also answer to their English aliases (`benefits sleep` works in Spanish too)."""
    taken = set(guide.topic_slugs) | {alias for topic in guide.topics for alias in topic.aliases}
    originals = {topic.slug: topic for topic in english.topics}
    topics = []
    for topic in guide.topics:
        extra = [a for a in getattr(originals.get(topic.slug), "aliases", []) if a not in taken]
        topics.append(replace(topic, aliases=[*topic.aliases, *extra]) if extra else topic)
    return replace(guide, topics=topics)


def _check_folder(folder: Path) -> None:
    """OSError unless `folder` can be listed (its read permission) and the files in it opened (its execute one)."""
    with os.scandir(folder) as entries:
        next(entries, None)
    with contextlib.suppress(FileNotFoundError):
        (folder / CLINIC_FILE).lstat()


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
    path = disk_path(data_file)
    if path is not None and document.stamp is not None:
        from runacu.content.models import json_data

        # Under the stamp the file had when it was read, never a later one: what was validated is that text.
        document.validated = (tag, json_data(result))
        keep_document(path, document)
    return result
