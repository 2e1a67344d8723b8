"""Validated once: an unchanged file's model is rebuilt from the parse cache, exactly, without pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from runacu.cache import parsed
from runacu.content import library as library_module
from runacu.content import trusted, validation
from runacu.content.library import Library
from runacu.content.models import Clinic, GuideFile, json_data
from tests.conftest import run


@pytest.mark.slow
def test_every_shipped_file_rebuilds_to_exactly_what_validation_gives(data_dir: Path) -> None:
    for language in ("en", "es"):
        library = Library(data_dir, language=language)
        fresh = [library.load_guide(slug) for slug in library.guide_slugs()]
        for data_file in library.guide_files():
            if data_file.language == language:
                assert isinstance(data_file.location, Path)
                where = str(data_file.location)
                cached = parsed.load(where, parsed.stamp_of(where))  # type: ignore[arg-type]
                assert cached is not None and cached[3] is not None, data_file
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
    path.write_text(path.read_text().replace("title: Faster recovery", 'title: "7"'), encoding="utf-8")
    assert Library(data_dir).load_guide("benefits").topics[0].title == "7"


def test_a_cached_dump_with_a_control_character_is_not_trusted(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    Library(data_dir).load_guide("benefits")
    stamp = parsed.stamp_of(str(path))
    assert stamp is not None
    cached = parsed.load(str(path), stamp)
    assert cached is not None and cached[3] is not None
    data, marks, folded, (tag, dump) = cached
    dump["topics"][0]["title"] = "Faster \x1b]52;c;SGVsbG8=\x07 recovery"
    parsed.store(str(path), stamp, (data, marks, folded, (tag, dump)))
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


@pytest.mark.slow
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


@pytest.mark.slow
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
