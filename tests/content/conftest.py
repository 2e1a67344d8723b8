"""Fixtures of the content tests: a data folder with a mistake of every kind a clinic's editor makes."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from runacu.content.library import Library, builtin_data_dir
from runacu.content.search.query import _Table
from runacu.words import for_language

#: Templates Spanish says as English does: punctuation only, or a word both languages write alike.
SAID_ALIKE = frozenset(("{context}: {problem}", "'<alias>'"))


def english_left(said: str, templates: Iterable[str], language: str = "es") -> list[str]:
    """The English of `templates` still in `said`: each piece of their text between placeholders that is a few
    words long (one word may be a key, a YAML value or a name), unless `language` says that piece alike."""
    words = for_language(language)
    left = []
    for template in templates:
        translated = words.say(template)
        for piece in re.split(r"\{\w+\}", template):
            piece = piece.strip(" ,.:;()'")
            if len(piece.split()) >= 2 and piece not in translated and piece in said:
                left.append(piece)
    return left


def untranslated(templates: Iterable[str], language: str = "es") -> list[str]:
    """The templates `language`'s catalog has no translation of (those said alike aside)."""
    words = for_language(language)
    return [template for template in templates if words.say(template) == template and template not in SAID_ALIKE]


def marked_in(files: Iterable[Path]) -> set[str]:
    """Every message marked with `N_` or `say` in `files`, as the catalogs script extracts them."""
    from babel.messages.extract import extract_from_file

    found = set()
    for file in files:
        for _, message, _, _ in extract_from_file("python", str(file), keywords={"N_": None, "say": None}):
            found.add(message if isinstance(message, str) else message[0])
    return found


#: What `each_file_read_once` reads once: each `Library` method, and what names the file it reads.
_READ_ONCE: dict[str, Callable[..., tuple[Any, ...]]] = {
    "load_guide_file": lambda _, data_file: (str(data_file.location), data_file.language),
    "derived": lambda _, data_file, kind, version, *__: (str(data_file.location), kind, version),
    "load_everyday_words": lambda library, language=None: (
        str(library.custom_dir),
        str(library.builtin_dir),
        language or library.language,
    ),
}


@contextlib.contextmanager
def each_file_read_once(*methods: str) -> Iterator[None]:
    """While open, every `Library` reads each data file once: a guide file's model (`load_guide_file`), what it
    keeps beside the parse cache (`derived`: a guide's search index, its summary) and the everyday words
    (`load_everyday_words`, and the search's table made of them), each as first read, however many searches need
    them; or only what `methods` name.
    For tests that search the same unchanged files many times, each search otherwise as a new run makes it: how
    a run reads its caches is tested where it is the point (test_search.py, tests/cache/). Only for files that
    do not change while it is open."""
    read: dict[tuple[Any, ...], Any] = {}

    def once(method: Callable[..., Any], key: Callable[..., tuple[Any, ...]]) -> Callable[..., Any]:
        def remembered(library: Library, *args: Any, **kwargs: Any) -> Any:
            found = (method.__name__, *key(library, *args, **kwargs))
            if found not in read:
                read[found] = method(library, *args, **kwargs)
            return read[found]

        return remembered

    def table_once(make: Callable[..., Any]) -> Callable[..., Any]:
        def remembered(cls: type[Any], everyday: Any, language: str) -> Any:
            found = ("table", id(everyday), language)
            if found not in read:
                read[found] = (everyday, make(cls, everyday, language))  # the words kept: their id stays theirs
            return read[found][1]

        return classmethod(remembered)

    with pytest.MonkeyPatch.context() as patch:
        for name in methods or _READ_ONCE:
            patch.setattr(Library, name, once(getattr(Library, name), _READ_ONCE[name]))
        if "load_everyday_words" in (methods or _READ_ONCE):  # and the search's table of them made once
            patch.setattr(_Table, "of", table_once(_Table.of.__func__))
        yield


#: A guide that is valid but for what a test puts in it.
SMALL_GUIDE = """\
title: Small guide
intro: An intro.
disclaimer: General information, not medical advice.
reviewed: 2026-11-23
next_review: 2027-11-23
topics:
  - slug: one
    title: One
    summary: A summary.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: An explanation.
"""

#: A clinic file with a mistake in most of its fields (the clinic's own, not the built-in one: that one may change).
BROKEN_CLINIC = """\
# yaml-language-server: $schema=../schemas/clinic.schema.json
# The clinic shown by `runacu contact`. Times are 24-hour "HH:MM", in the clinic's time zone.
name: Valencia Sports Medicine
tagline: Regain control of your life
# The clinic's texts in other languages (its facts above are the same in every language).
translations:
  es:
    tagline: Recupere el control de su vida
phone:
  display: 6614909221
  e164: "661-490"
address:
  street: 27430 The Old Rd
  city: Valencia
  region: CA
  postal_code: "91355"
  country: United States
timezone: Mars/Olympus
hours:
  monday: [{opens: "08:00", closes: "18:00"}]
  tuesday: [{opens: "08:00", closes: "18:00"}]
  wednesday: [{opens: "08:00", closes: "18:00"}]
  thursday: [{opens: "08:00", closes: "18:00"}]
  friday: [{opens: "18:00", closes: "08:00"}]
  saturday: [{opens: "09:00", closes: "12:00"}, {opens: "11:00", closes: "13:00"}]
  sunday: [{opens: "25:00", closes: "12:60"}]
# Dated closures, for example holidays:  - {date: 2026-12-25, reason: Christmas Day}
closures: [{date: 2026-02-30}, {date: 2026/12/25}, {date: 0000-12-24, why: Eve}]
# No email address or website is published yet; fill these in to show them.
email: desk(at)example.com
website: www.example.com
"""

#: Edits of built-in files (old text -> new text, each found once) and extra files, each with its mistakes.
BROKEN_EDITS: dict[str, list[tuple[str, str]]] = {
    "benefits.yaml": [
        ("intro: >-\n", "introduction: >-\n"),  # a missing key, and an unknown one
        ("title: Faster recovery", "title: [1, 2]"),  # a list where text is expected
        ("kind: practice", "kind: anecdote"),  # an unknown evidence kind
        ("  - slug: muscle-balance", "  - slug: Muscle Balance"),  # not a slug
        ("next_review: 2027-12-06", "next_review: 20271206"),  # a number for a date
    ],
    "back-pain.yaml": [
        ("  - slug: research", "  - slug: causes"),  # a duplicate topic slug
        ("        signs:\n          - ", "        signs: []\n        was:\n          - "),  # an empty list
    ],
    "first-visit.yaml": [("next_review: 2027-12-06", "next_review: 2025-12-06")],  # the review before its date
    "everyday-words.yaml": [("  achy: [pain, sore]", "  Ache: [pain, sore]")],  # a word listed twice
}
BROKEN_FILES: dict[str, str | bytes] = {
    "clinic.yaml": BROKEN_CLINIC,
    # YAML of several kinds that is not YAML
    "indent.yaml": "title: T\n  intro: I\ndisclaimer: D\n",
    "unclosed.yaml": "title: [unclosed\nintro: I\n",
    "quote.yaml": 'title: "unfinished\nintro: I\n',
    "tab.yaml": "title: T\n\tintro: I\n",
    "colon.yaml": "title: a: b\n",
    "dash.yaml": "title: T\n- item\n",
    "duplicate.yaml": SMALL_GUIDE + "title: Again\n",
    "alias.yaml": "title: *nowhere\n",
    "tagged.yaml": "title: !!binary aGVsbG8=\n",
    "empty.yaml": "",
    "documents.yaml": "title: T\n---\ntitle: U\n",
    "key.yaml": "1: one\n",
    "cycle.yaml": "title: &x [*x]\n",
    "int.yaml": "title: !!int ten\n",
    "control.yaml": "title: a\x07b\n",
    "latin1.yaml": b"title: caf\xe9\n",
    "list.yaml": "- title\n- intro\n",
    "Bad_Name.yaml": SMALL_GUIDE,
    # Valid YAML, invalid guides
    "levels.yaml": SMALL_GUIDE
    + "    red_flags:\n"
    + "      - {level: urgent, action: Call, signs: [Pain]}\n"
    + "      - {level: soon, action: Book, signs: [Ache]}\n"
    + "      - {level: today, action: Go, signs: [Numb]}\n"
    + "    sources: [{citation: A study., doi: not-a-doi, url: ftp://example.com}]\n",
    "order.yaml": SMALL_GUIDE
    + "    red_flags:\n"
    + "      - {level: soon, action: Book, signs: [Ache]}\n"
    + "      - {level: today, action: Go, signs: [Numb]}\n"
    + "    aliases: ['12', uno, One]\n",
    "types.yaml": SMALL_GUIDE.replace("reviewed: 2026-11-23", "reviewed: 2026-11-23\nreading_grade: 40")
    + "    tips: Not a list\n"
    + '    questions: ["Two\\nlines?"]\n'
    + "  - slug: two\n    title: Two\n    summary: ' '\n    evidence: practice\n    explanation: E.\n",
    "numbered.yaml": SMALL_GUIDE + "    aliases: ['12']\n",
    "repeats.yaml": SMALL_GUIDE + "    aliases: [uno, úno]\n",
    "taken.yaml": SMALL_GUIDE
    + "    aliases: [two]\n"
    + "  - {slug: two, title: Two, summary: S., evidence: {kind: study, note: N.}, explanation: E.}\n",
    "es/benefits.yaml": "title: Beneficios\ntopics: {}\n",
    # Valid guides the clinic should look at again: warnings
    "valid.yaml": SMALL_GUIDE.replace("next_review: 2027-11-23", "next_review: 2026-11-30")
    + "    sources: [{citation: A book with no DOI.}]\n",
    "es/valid.yaml": SMALL_GUIDE.replace("slug: one", "slug: uno")
    + "  - {slug: one, title: Uno, summary: S., evidence: {kind: study, note: N.}, explanation: E.,"
    + " sources: [{citation: C., doi: 10.1000/xyz}]}\n",
    "es/everyday-words.yaml": "words: [dolor]\nwarning_signs: [dolor/y]\n",
}
#: Folders where a data file should be.
BROKEN_FOLDERS = ("folder.yaml",)


def write_broken_files(folder: Path) -> Path:
    """`folder` as a data folder layered over the built-in data, with every mistake above in it."""
    builtin = Path(str(builtin_data_dir()))
    for name, edits in BROKEN_EDITS.items():
        text = (builtin / name).read_text(encoding="utf-8")
        for old, new in edits:
            assert text.count(old) >= 1, f"{old!r} not in {name}"
            text = text.replace(old, new, 1)
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in BROKEN_FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    for name in BROKEN_FOLDERS:
        (folder / name).mkdir()
    return folder


@pytest.fixture
def broken_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with a mistake of every kind in it: bad YAML, missing and unknown keys, wrong types...

    Without textstat (the readability warnings are `test_review.py`'s): it takes seconds to load.
    """
    monkeypatch.setitem(sys.modules, "textstat", None)
    folder = tmp_path / "broken"
    folder.mkdir()
    return write_broken_files(folder)
