"""The pseudo-locale test: every word runacu prints comes from a catalog or a data file, none is English left in the code.

A copy of the source tree is given a made-up language, `qps` (ISO 639 keeps qaa-qtz for local use): its catalog is
made now from what is marked in runacu and in the INSTALLED Click and Typer (`scripts/catalogs.py`'s `template()`,
so a new Click release is checked as it is, not as our Spanish knows it), each msgstr the English wrapped in
⟦...⟧; and its data is the built-in data with every text of the data files (each field that is free text:
`Line` or `Text`) wrapped word by word, so an excerpt (a search snippet) is still marked. Every command, every
`--help`, a set of usage errors and `validate` over broken files are run in `qps`: a run of letters outside
⟦...⟧ is a string that escaped translation, unless the allowlist below names it, with a reason.

The failure lists every escaped string and the runs that printed it: rerun this test when a fix lands.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from runacu.content import review
from runacu.content.models import Clinic, EverydayWords, GuideFile, Line, Text
from runacu.content.validation import Rule
from runacu.content.yaml_reader import parse_yaml
from tests.conftest import COMMAND_NAMES, ISOLATED_VARIABLES, REPO, REQUEST, run
from tests.e2e.conftest import made_once

PSEUDO = "qps"
OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧

#: Runs of the CLI in the pseudo-language: (arguments after `--lang qps`, what is typed at its prompts).
RUNS: list[tuple[list[str], str]] = [
    ([], ""),
    (["benefits"], ""),
    (["benefits", "recovery"], ""),
    (["back-pain"], ""),
    (["back-pain", "when-to-see-a-doctor"], ""),
    (["guide", "first-visit"], ""),
    (["contact"], ""),
    (["contact", "--at", "2026-12-25T10:00"], ""),
    (["search", "blood"], ""),
    (["search", "xyzzy"], ""),
    (["guides"], ""),
    (["check"], "n\n" * 60),
    (["check"], "y\n"),
    (["request", *REQUEST], ""),
    (["validate"], ""),
    (["--help"], ""),
    *[([command, "--help"], "") for command in COMMAND_NAMES],
    # Usage errors: an unknown option, a missing argument, an unknown topic, a bad --at, a bad choice, an unknown
    # command.
    (["benefits", "--bogus"], ""),
    (["search"], ""),
    (["guide"], ""),
    (["benefits", "nosuchtopic"], ""),
    (["contact", "--at", "tomorrow"], ""),
    (["--format", "purple", "benefits"], ""),
    (["frobnicate"], ""),
]
#: Mistakes for `validate` (a data folder over the pseudo data): built-in files (as shipped, in English) with these
#: edits (old text -> new text), and whole files.
BROKEN_EDITS = {
    "clinic.yaml": [("country: US", "country: UK"), ("timezone: America/Los_Angeles", "timezone: Mars/Olympus")],
    "benefits.yaml": [("next_review: 2027-12-06", "next_review: 20271206"), ("slug: recovery", "slug: Re Covery")],
}
BROKEN_FILES = {
    "unclosed.yaml": "title: [unclosed\nintro: I\n",
    "missing.yaml": "title: T\nintro: I\ncolour: blue\n",
    "types.yaml": "title: [1, 2]\nintro: I\ndisclaimer: D\nreviewed: 2026-11-23\nnext_review: 2027-11-23\ntopics: {}\n",
}

#: What may stand outside ⟦...⟧, each with why it is the same in every language (patterns, matched in that order).
ALLOWED_PATTERNS: list[tuple[str, str]] = [
    (r"(?:https?://|mailto:|tel:)\S+", "a web, mail or phone address: the same in every language"),
    (r"[\w.~-]*/[\w./~-]*", "a path (a data file, a folder, a time zone as the file wrote it): as the system names it"),
    (r"--[a-z][a-z-]*|(?<![\w-])-[a-z]\b", "an option, as it is typed"),
    (r"\b[A-Z][A-Z_]*_[A-Z_]+\b|\bNO_COLOR\b|\bPAGER\b", "an environment variable, as the shell names it"),
    (r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\b", "a moment written in ISO 8601, as --at takes it"),
    (r"\b\d[\d:.,-]*\b", "a number, a date or a time written in digits"),
]


def allowed_words() -> dict[str, str]:
    """Words that may stand outside ⟦...⟧ by themselves, each with its reason."""
    words: dict[str, str] = {}

    def allow(reason: str, *found: str) -> None:
        for text in found:
            for word in re.findall(r"[^\W\d_]+", text):
                words.setdefault(word, reason)

    allow("runacu's name and its commands, as they are typed", "runacu", *COMMAND_NAMES)
    allow("a value an option takes, as it is typed", "en", PSEUDO, "auto always never rich plain markdown html json")
    allow("what the test typed, quoted back", "bogus nosuchtopic tomorrow purple frobnicate blood xyzzy colour blue")
    allow("a language's code, as clinic.yaml writes it (the broken clinic.yaml's has no catalog here)", "es")
    allow("what the test typed in its request (the reader's own words)", *REQUEST)
    allow("a guide's or topic's name (its slug) or alias, as it is typed", *_slugs())
    allow("a key of a data file, as the file writes it", *_keys(Clinic), *_keys(GuideFile), *_keys(EverydayWords))
    english = Locale.parse("en_US")  # the pseudo-language has no CLDR locale: CLDR's US English stands in
    allow(
        "CLDR's words (weekdays, months, day periods, the time zone, countries): CLDR translates them, not runacu's"
        " catalog",
        *english.days["format"]["wide"].values(),
        *english.days["format"]["abbreviated"].values(),
        *english.months["format"]["wide"].values(),
        *english.months["format"]["abbreviated"].values(),
        *english.day_periods["format"]["abbreviated"].values(),
        "Pacific Time",
        english.territories["US"],
    )
    return words


def _slugs() -> Iterator[str]:
    for path in (REPO / "data").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield path.stem
        for topic in data.get("topics", []) if isinstance(data, dict) else []:
            yield topic["slug"]
            yield from topic.get("aliases", [])


def _keys(model: type) -> Iterator[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    for item in dataclasses.fields(model):
        yield item.name
        for inner in _types_in(hints[item.name]):
            if dataclasses.is_dataclass(inner):
                yield from _keys(inner)


def _types_in(hint: Any) -> Iterator[Any]:
    yield hint
    for argument in typing.get_args(hint):
        if not isinstance(argument, (str, int)):
            yield from _types_in(argument)


# The pseudo-language, made now


def pseudo(text: str) -> str:
    return OPEN + text + CLOSE


def catalogs_script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", REPO / "scripts" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pseudo_catalog() -> Catalog:
    """Every string of runacu's template (runacu's, the installed Click's and Typer's), its translation the English
    wrapped in ⟦...⟧: placeholders are kept as they are."""
    template = catalogs_script().template()
    catalog = Catalog(domain="runacu")
    for message in template:
        if not message.id:
            continue
        string = tuple(pseudo(form) for form in message.id) if message.pluralizable else pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    return catalog


#: The rules of free text (`Line`, `Text`): a field of text that has no other rule (a pattern, a check) is free text.
_TEXT_RULES = {id(rule) for rule in (*typing.get_args(Line)[1:], *typing.get_args(Text)[1:])}


def is_free_text(hint: Any) -> bool:
    """Whether a field of type `hint` is free text: a Line or a Text, perhaps described, and nothing more."""
    if typing.get_origin(hint) is not typing.Annotated:
        return False
    base, *metadata = typing.get_args(hint)
    rules = [rule for rule in metadata if isinstance(rule, Rule)]
    return base is str and all(id(rule) in _TEXT_RULES or rule.check is rule.before is None for rule in rules)


def wrapped(value: Any, hint: Any) -> Any:
    """`value` (a data file's data, as its model `hint` reads it) with each word of its free text wrapped in ⟦...⟧."""
    if is_free_text(hint):
        return re.sub(r"\S+", lambda word: pseudo(word.group()), value) if isinstance(value, str) else value
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return wrapped(value, arguments[0])
    if origin in (typing.Union, types.UnionType):
        options = [argument for argument in arguments if argument is not type(None)]
        return value if value is None or len(options) != 1 else wrapped(value, options[0])
    if origin is list and isinstance(value, list):
        return [wrapped(item, arguments[0]) for item in value]
    if origin is dict and isinstance(value, dict):
        return {key: wrapped(item, arguments[1]) for key, item in value.items()}
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        hints = typing.get_type_hints(hint, include_extras=True)
        return {key: wrapped(item, hints[key]) if key in hints else item for key, item in value.items()}
    return value


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def pseudo_data(source: Path, name: str) -> str:
    """The data file `source` (of kind `name`) with its texts wrapped, as YAML runacu reads."""
    model = Clinic if name == "clinic.yaml" else EverydayWords if name == "everyday-words.yaml" else GuideFile
    data = wrapped(parse_yaml(source.read_bytes(), str(source)).paragraph_data(), model)
    if name == "clinic.yaml":  # the clinic's texts in the pseudo-language, not in Spanish
        data["translations"] = {PSEUDO: {"tagline": data["tagline"]}}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def make_pseudo_tree(root: Path) -> None:
    """A copy of the source tree speaking only English and the pseudo-language, its data wrapped."""
    package = root / "src" / "runacu"
    # With its compiled modules: Python uses one only while its source has the time and size it was compiled from,
    # which the copy keeps, so the copy runs the same code without compiling it again.
    shutil.copytree(REPO / "src" / "runacu", package)
    for folder in (package / "locale").iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)  # English and the pseudo-language only: no Spanish to mistake for it
    messages = package / "locale" / PSEUDO / "LC_MESSAGES"
    messages.mkdir(parents=True)
    with (messages / "runacu.mo").open("wb") as mo_file:
        write_mo(mo_file, pseudo_catalog())
    data = root / "data"
    (data / PSEUDO).mkdir(parents=True)
    for source in sorted((REPO / "data").glob("*.yaml")):
        text = pseudo_data(source, source.name)
        (data / source.name).write_text(text, encoding="utf-8")
        if source.name != "clinic.yaml":  # the clinic's facts are stored once
            (data / PSEUDO / source.name).write_text(text, encoding="utf-8")
    broken = root / "broken"
    broken.mkdir()
    for name, edits in BROKEN_EDITS.items():
        text = (REPO / "data" / name).read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, (name, old)
            text = text.replace(old, new)
        (broken / name).write_text(text, encoding="utf-8")
    for name, text in BROKEN_FILES.items():
        (broken / name).write_text(text, encoding="utf-8")


#: Runs the CLI in one process, each run as `run()` in tests/conftest.py does: the runs as JSON on stdin, what each
#: printed as JSON on stdout.
DRIVER = """
import json, sys
from typer.testing import CliRunner
from runacu.cli import app
said = []
for args, typed in json.load(sys.stdin):
    result = CliRunner().invoke(app, args, input=typed, prog_name="runacu")
    crash = result.exception if not isinstance(result.exception, (SystemExit, type(None))) else None
    said.append([result.exit_code, result.stdout, result.stderr, repr(crash) if crash else None])
json.dump(said, sys.stdout)
"""


def run_all(tree: Path, runs: list[tuple[list[str], str]], home: Path) -> list[tuple[int, str, str, str | None]]:
    environment = {
        **{key: value for key, value in os.environ.items() if key not in ISOLATED_VARIABLES},
        "PYTHONPATH": str(tree / "src"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "HOME": str(home),
        "RUNACU_NO_CACHE": "1",
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(runs).encode(),
        capture_output=True,
        env=environment,
        cwd=tree,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return [tuple(said) for said in json.loads(result.stdout)]  # type: ignore[misc]


def escapes(text: str, allowed: dict[str, str]) -> Iterator[tuple[str, list[str]]]:
    """Each stretch of `text` outside ⟦...⟧ (within a line) with letters in it that nothing allows, and those words."""
    depth, outside = 0, [""]
    for character in text:
        if character == OPEN:
            depth += 1
            outside.append("")
        elif character == CLOSE:
            depth = max(0, depth - 1)
            outside.append("")
        elif character == "\n":
            outside.append("")
        elif depth == 0:
            outside[-1] += character
    for stretch in outside:
        rest = stretch
        for pattern, _ in ALLOWED_PATTERNS:
            rest = re.sub(pattern, " ", rest)
        words = [word for word in re.findall(r"[^\W\d_]+", rest) if word not in allowed]
        if words:
            yield " ".join(stretch.split()), words


def reading_scores(tree: Path, cache: Path) -> None:
    """Give `cache` (the runs' XDG_CACHE_HOME) the reading scores of the copy's texts, as a run of `validate` leaves
    them (`readability.marshal`): worked out here, where textstat has most likely loaded its dictionary already, by
    runacu's own `validate` over the copy's data. A score is textstat's for a measure and a text, whoever asks; one
    missing is worked out by the copy's `validate` itself."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ISOLATED_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("XDG_CACHE_HOME", str(cache.parent / "scores"))
        patch.setenv("XDG_DATA_HOME", str(cache.parent / "scores-data"))
        patch.setenv("HOME", str(cache.parent / "scores-home"))
        patch.setenv("LANG", "C.UTF-8")
        for attribute, value in (("_answers", None), ("_used", set()), ("_changed", False)):
            patch.setattr(review._SCORES, attribute, value)  # a memo of its own, as a new process has
        run("--data-dir", str(tree / "data"), "validate")  # it knows no catalog for the pseudo-language: exit 3
    scores = cache.parent / "scores" / "runacu" / "parsed" / f"{review._SCORES.name}.marshal"
    (cache / "runacu" / "parsed").mkdir(parents=True)
    if scores.is_file():  # none without textstat: then `validate` judges no readability anywhere
        shutil.copyfile(scores, cache / "runacu" / "parsed" / scores.name)


def make_pseudo(folder: Path) -> None:
    """The copy in `folder`/tree, and what each of its runs in the pseudo-language printed, in `folder`/runs.json: the
    runs of RUNS, then `validate` over the broken files."""
    tree = folder / "tree"
    make_pseudo_tree(tree)
    runs = [(["--lang", PSEUDO, *args], typed) for args, typed in RUNS]
    runs.append((["--lang", PSEUDO, "--data-dir", str(tree / "broken"), "validate"], ""))
    reading_scores(tree, folder / "home" / "cache")
    said = run_all(tree, runs, folder / "home")
    (folder / "runs.json").write_text(json.dumps([[args, *done] for (args, _), done in zip(runs, said, strict=True)]))


@pytest.fixture(scope="module")
def pseudo_runs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[list[str], int, str, str, str | None]]:
    """Each run in the pseudo-language: its arguments, exit status, stdout, stderr and crash (if any). The copy is
    made and run once per pytest run (`made_once`), read by each test here."""
    folder = made_once(tmp_path_factory, "pseudo-locale", make_pseudo)
    return [tuple(run) for run in json.loads((folder / "runs.json").read_text())]


def test_every_word_runacu_prints_is_translated(
    pseudo_runs: list[tuple[list[str], int, str, str, str | None]],
) -> None:
    allowed = allowed_words()
    found: dict[str, tuple[list[str], list[str]]] = {}
    crashes = []
    for args, code, out, err, crash in pseudo_runs:
        command = "runacu " + " ".join(args)
        if crash is not None or "Traceback" in err:
            crashes.append(f"{command}: {crash or err}")
        assert code in (0, 1, 2, 3), (command, code, err)
        for stretch, words in escapes(out + "\n" + err, allowed):
            found.setdefault(stretch, (words, []))[1].append(command)
    assert crashes == []
    report = [f"{len(found)} strings escaped translation (letters outside ⟦...⟧ that the allowlist does not name):"]
    for stretch, (words, commands) in sorted(found.items()):
        shown = ", ".join(commands[:3]) + (f" and {len(commands) - 3} more" if len(commands) > 3 else "")
        report.append(f"  {stretch!r}\n      words: {' '.join(words)}\n      printed by: {shown}")
    assert not found, "\n".join(report)


def test_the_pseudo_language_is_found_and_spoken(
    pseudo_runs: list[tuple[list[str], int, str, str, str | None]],
) -> None:
    """The harness itself: the copy speaks the pseudo-language, from its catalog and its data, as a new language."""
    said = {tuple(args): (code, out) for args, code, out, _, _ in pseudo_runs}
    code, out = said["--lang", PSEUDO, "contact"]
    assert code == 0
    assert pseudo("Phone") + ":" in out and pseudo("Valencia") in out
    assert f"<en|{PSEUDO}>" in said["--lang", PSEUDO, "--help"][1]


def test_the_escapes_check_sees_what_is_outside_the_brackets() -> None:
    allowed = {"runacu": "a name"}
    assert list(escapes("⟦Open at ⟦6:00 PM⟧⟧, runacu --help", allowed)) == []
    assert list(escapes("Usage: runacu ⟦Options⟧\n⟦a\nb⟧ c", allowed)) == [("Usage: runacu", ["Usage"]), ("c", ["c"])]
