"""The shipped copy of the built-in data (`content/shipped.py`): exactly what parsing and validating give, or nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from runacu.cache import parsed
from runacu.content import shipped
from runacu.content.build_shipped import build
from runacu.content.library import Library
from runacu.content.yaml_reader import parse_yaml
from tests.conftest import REPO


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The shipped copy of the built-in data, built once: what it holds depends on the files' bytes, not on
    the folder they are in."""
    root = tmp_path_factory.mktemp("build") / "data"
    shutil.copytree(REPO / "data", root)
    with pytest.MonkeyPatch.context() as patch:  # as `isolated_environment` does for each test
        patch.delenv("RUNACU_CACHE_DIR", raising=False)
        patch.setenv("XDG_CACHE_HOME", str(root.parent / "xdg-cache"))
        patch.setenv("HOME", str(root.parent / "home"))
        return build(root)


@pytest.fixture
def shipping(tmp_path: Path, built: bytes) -> Path:
    """A copy of the built-in data with its shipped copy beside it, as a wheel installs them."""
    root = tmp_path / "data"
    shutil.copytree(REPO / "data", root)
    (root / shipped.FILE_NAME).write_bytes(built)
    shipped._entries.cache_clear()
    return root


@pytest.mark.slow
def test_every_built_in_file_is_shipped_as_the_loader_reads_it(shipping: Path) -> None:
    files = sorted(shipping.glob("*.yaml")) + sorted(shipping.glob("es/*.yaml"))
    assert len(files) >= 9
    for path in files:
        raw = path.read_bytes()
        document = shipped.document(shipping, path, raw)
        assert document is not None, path
        fresh = parse_yaml(raw, str(path))
        assert (document.data, document.marks, document.folded) == (fresh.data, fresh.marks, fresh.folded)
        assert document.validated is not None


@pytest.mark.slow
def test_a_library_over_shipped_data_gives_what_validation_gives(shipping: Path, built: bytes) -> None:
    for language in ("en", "es"):
        from_shipped = Library(builtin_dir=shipping, language=language)
        guides = [from_shipped.load_guide(slug) for slug in from_shipped.guide_slugs()]
        (shipping / shipped.FILE_NAME).unlink()
        shipped._entries.cache_clear()
        for entry in Path(parsed.folder()).glob("*"):
            entry.unlink()
        validated = Library(builtin_dir=shipping, language=language)
        assert guides == [validated.load_guide(slug) for slug in validated.guide_slugs()]
        (shipping / shipped.FILE_NAME).write_bytes(built)
        shipped._entries.cache_clear()


@pytest.mark.slow
def test_other_bytes_than_the_build_read_get_nothing(shipping: Path) -> None:
    path = shipping / "benefits.yaml"
    assert shipped.document(shipping, path, path.read_bytes() + b"\n# edited\n") is None


@pytest.mark.slow
@pytest.mark.parametrize("damage", [lambda raw: raw[:-10], lambda raw: raw[:40] + b"x" + raw[41:], lambda raw: b""])
def test_a_damaged_shipped_copy_is_not_used(shipping: Path, damage: object) -> None:
    copy = shipping / shipped.FILE_NAME
    copy.write_bytes(damage(copy.read_bytes()))  # type: ignore[operator]
    shipped._entries.cache_clear()
    path = shipping / "benefits.yaml"
    assert shipped.document(shipping, path, path.read_bytes()) is None


@pytest.mark.slow
def test_what_runs_work_out_from_each_guide_is_shipped_as_a_run_works_it_out(shipping: Path, built: bytes) -> None:
    """Each guide's summary and search index ship too, equal to what a run keeps in its parse cache."""
    from runacu.content.search import search_library

    (shipping / shipped.FILE_NAME).unlink()  # this run works everything out itself
    shipped._entries.cache_clear()
    for language in ("en", "es"):
        library = Library(builtin_dir=shipping, language=language)
        library.summaries()
        search_library(library, ["acupuncture"], language)
    (shipping / shipped.FILE_NAME).write_bytes(built)
    shipped._entries.cache_clear()
    checked = set()
    for entry in Path(parsed.folder()).iterdir():
        kept = parsed.read(str(entry))
        if entry.suffix == ".marshal" or type(kept) is not tuple or len(kept) != 5:
            continue
        _, path, _, tag, value = kept
        location, kind = Path(path), entry.suffix[1:]
        assert shipped.derived(shipping, location, location.read_bytes(), kind, tag) == value, (path, kind)
        assert shipped.derived(shipping, location, location.read_bytes() + b"#", kind, tag) is None
        checked.add((location.relative_to(shipping).as_posix(), kind))
    assert {("benefits.yaml", "search"), ("es/back-pain.yaml", "summary")} <= checked
