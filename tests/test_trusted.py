"""Validated once: an unchanged file's model is rebuilt from the parse cache, exactly, without pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from runacu.content import library as library_module
from runacu.content import parse_cache, trusted, validation
from runacu.content.library import Library
from runacu.content.models import Clinic, GuideFile, json_data
from tests.conftest import run, run_process


def test_every_shipped_file_rebuilds_to_exactly_what_validation_gives(data_dir: Path) -> None:
    for language in ("en", "es"):
        library = Library(data_dir, language=language)
        fresh = [library.load_guide(slug) for slug in library.guide_slugs()]
        for data_file in library.guide_files():
            if data_file.language == language:
                assert isinstance(data_file.location, Path)
                cached = parse_cache.load(data_file.location, parse_cache.stamp_of(data_file.location))  # type: ignore[arg-type]
                assert cached is not None and cached.validated is not None, data_file
        again = [Library(data_dir, language=language).load_guide(slug) for slug in library.guide_slugs()]
        assert again == fresh
    clinic = Library(data_dir).load_clinic()
    assert Library(data_dir).load_clinic() == clinic


def test_a_warm_run_does_not_validate(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Library(data_dir).load_guide("benefits")
    Library(data_dir).load_clinic()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(validation, "adapter", refuse)
    assert run("--data-dir", str(data_dir), "benefits", "recovery").exit_code == 0


def test_a_changed_file_is_validated_again(data_dir: Path) -> None:
    Library(data_dir).load_guide("benefits")
    path = data_dir / "benefits.yaml"
    path.write_text(path.read_text().replace("title: Faster recovery", "title: 7"), encoding="utf-8")
    assert Library(data_dir).load_guide("benefits").topics[0].title == "7"  # coerced to text by validation


def test_a_cached_dump_with_a_control_character_is_not_trusted(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    Library(data_dir).load_guide("benefits")
    stamp = parse_cache.stamp_of(path)
    assert stamp is not None
    document = parse_cache.load(path, stamp)
    assert document is not None and document.validated is not None
    tag, dump = document.validated
    dump["topics"][0]["title"] = "Faster \x1b]52;c;SGVsbG8=\x07 recovery"
    document.validated = (tag, dump)
    parse_cache.store(path, stamp, document)
    with pytest.raises(trusted.Untrusted):
        trusted.rebuild(GuideFile, dump)
    result = run("--data-dir", str(data_dir), "benefits", "recovery")
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "Faster recovery" in result.stdout


@pytest.mark.parametrize(
    "damage",
    [
        lambda dump: dump.update(title=5),
        lambda dump: dump.update(reviewed="not a date"),
        lambda dump: dump["topics"][0]["evidence"].update(kind="anecdote"),
        lambda dump: dump["topics"][0].update(unknown="x"),
        lambda dump: dump.update(topics="many"),
    ],
)
def test_a_dump_of_the_wrong_shape_is_refused(damage: object) -> None:
    dump = json_data(Library().load_guide("benefits"))
    del dump["slug"]
    damage(dump)  # type: ignore[operator]
    with pytest.raises(trusted.Untrusted):
        trusted.rebuild(GuideFile, dump)


def test_the_tag_names_the_version_and_the_models_source() -> None:
    assert trusted.tag(GuideFile).startswith("GuideFile/")
    assert trusted.tag(GuideFile) != trusted.tag(Clinic)


def test_folded_paragraphs_survive_the_cache(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("explanation:", text.index("slug: recovery"))
    end = text.index("\n  - slug:", start)
    path.write_text(
        text[:start] + "explanation: >-\n      First part.\n\n      Second part.\n" + text[end:], encoding="utf-8"
    )
    first = run("--data-dir", str(data_dir), "benefits", "recovery", "-f", "html").stdout
    assert "<p>First part.</p>\n<p>Second part.</p>" in first
    assert run("--data-dir", str(data_dir), "benefits", "recovery", "-f", "html").stdout == first  # from the cache


def test_guides_lists_from_summaries_without_building_a_topic(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run("--data-dir", str(data_dir), "guides", "--json").stdout

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a guide was loaded")

    monkeypatch.setattr(Library, "load_guide_file", refuse)
    assert run("--data-dir", str(data_dir), "guides", "--json").stdout == first
    path = data_dir / "benefits.yaml"
    path.write_text(path.read_text().replace("title: Benefits of", "title: All the benefits of"), encoding="utf-8")
    monkeypatch.undo()
    assert "All the benefits of" in run("--data-dir", str(data_dir), "guides", "--json").stdout


def test_a_warm_guide_does_not_import_babel(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ISOLATED_VARIABLES

    environment = {k: v for k, v in __import__("os").environ.items() if k not in ISOLATED_VARIABLES}
    environment.update(XDG_CACHE_HOME=str(tmp_path / "cache"), RUNACU_NO_CACHE="1", PYTHONPROFILEIMPORTTIME="1")
    command = [sys.executable, "-m", "runacu", "benefits", "recovery"]
    first = subprocess.run(command, capture_output=True, env=environment, timeout=60)
    second = subprocess.run(command, capture_output=True, env=environment, timeout=60)
    assert first.stdout == second.stdout and b"Last reviewed December 6, 2026" in second.stdout
    assert b"babel" in first.stderr  # the memo was empty: babel made the strings
    assert b"babel" not in second.stderr


def test_a_first_run_on_a_warm_parse_cache_imports_no_pydantic(tmp_path: Path) -> None:
    """Only validation needs pydantic: once every file it reads has been validated, a command runs without it."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "RUNACU_NO_CACHE": "1", "PYTHONPROFILEIMPORTTIME": "1"}
    commands = (["benefits"], ["contact", "--at", "2026-11-23T10:00"], ["search", "blood"], ["--json", "back-pain"])
    cold = [run_process(*args, env=env) for args in commands]
    assert b"| pydantic\n" in cold[0].stderr  # it validated, and the measurement sees the import
    for args, first in zip(commands, cold, strict=True):
        warm = run_process(*args, env=env)
        assert first.returncode == warm.returncode == 0, args
        assert b"| pydantic" not in warm.stderr, args
        assert first.stdout == warm.stdout, args


@pytest.mark.parametrize(
    "damage",
    [
        lambda dump: dump["topics"][0].update(title="Two\nlines"),
        lambda dump: dump["topics"][0].update(title="  "),
        lambda dump: next(topic for topic in dump["topics"] if topic["sources"])["sources"][0].update(
            url="javascript:alert(1)", doi=None
        ),
        lambda dump: dump.update(reviewed="2026-W01-1"),
        lambda dump: dump.update(reading_grade=10**400),
        lambda dump: dump.update(next_review="2000-01-01"),
        lambda dump: dump["topics"][1].update(slug=dump["topics"][0]["slug"]),
    ],
    ids=["two lines", "blank", "script address", "week date", "huge number", "dates out of order", "same slug"],
)
def test_a_dump_validation_would_refuse_is_refused(damage: object) -> None:
    dump = json_data(Library().load_guide("benefits"))
    del dump["slug"]
    trusted.rebuild(GuideFile, dump)
    damage(dump)  # type: ignore[operator]
    with pytest.raises(trusted.Untrusted):
        trusted.rebuild(GuideFile, dump)


def test_a_file_saved_while_it_is_validated_is_read_again(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = data_dir / "benefits.yaml"
    validate = library_module.parse_model

    def save_meanwhile(*args: Any) -> Any:
        result = validate(*args)
        path.write_text(path.read_text().replace("title: Faster recovery", "title: Rapid recovery"))  # same size
        return result

    monkeypatch.setattr(library_module, "parse_model", save_meanwhile)
    assert Library(data_dir).load_guide("benefits").topics[0].title == "Faster recovery"
    monkeypatch.undo()
    assert Library(data_dir).load_guide("benefits").topics[0].title == "Rapid recovery"
