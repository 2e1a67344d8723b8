"""docs/cli.md, schemas/*.json and the pictures of the README and docs/ are generated from the code; they must not drift."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO


def script(name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "scripts"))


@pytest.mark.slow
def test_generated_files_are_up_to_date() -> None:
    for path, text in script("generate_docs").generated_files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python scripts/generate_docs.py"


def shown_pictures() -> list[Path]:
    """Every picture the README and the pages of docs/ show, each as the file its link names."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
    return [
        (page.parent / link).resolve()
        for page in pages
        for link in re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", page.read_text(encoding="utf-8"))
    ]


def test_every_picture_is_shown_once_and_the_readme_shows_one() -> None:
    made = {path.resolve() for path in (REPO / "docs").glob("*.svg")}
    shown = shown_pictures()
    assert sorted(shown) == sorted(made)
    assert re.search(r"!\[[^\]]*\]\(docs/[^)]+\.svg\)", (REPO / "README.md").read_text(encoding="utf-8"))


def test_the_pictures_show_spaces_not_the_views_stand_ins() -> None:
    # The Rich view keeps some spaces from breaking a line with a private-use character (U+E000): a picture
    # recorded from its console would show "runacubenefits" if it kept one.
    for path in (REPO / "docs").glob("*.svg"):
        text = path.read_text(encoding="utf-8")
        assert not re.search("[\ue000-\uf8ff]", text), f"{path.name} holds a stand-in for a space"


@pytest.mark.slow
def test_the_pictures_are_up_to_date() -> None:
    pictures: dict[Path, str] = script("screenshot").pictures()
    assert sorted(shown_pictures()) == sorted(path.resolve() for path in pictures)
    for path, svg in pictures.items():
        assert path.read_text(encoding="utf-8") == svg, f"{path.name} is stale: run python scripts/screenshot.py"


def test_data_files_point_editors_at_the_schemas() -> None:
    for name, kind in (("benefits.yaml", "guide"), ("back-pain.yaml", "guide"), ("clinic.yaml", "clinic")):
        first_line = (REPO / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        assert (REPO / "schemas" / f"{kind}.schema.json").is_file()
