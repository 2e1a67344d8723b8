"""docs/cli.md, schemas/*.json and the README's pictures are generated from the code; they must not drift from it."""

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


@pytest.mark.slow
def test_the_readme_pictures_are_up_to_date() -> None:
    pictures: dict[Path, str] = script("screenshot").pictures()
    shown = re.findall(r"\]\((docs/[^)]+\.svg)\)", (REPO / "README.md").read_text(encoding="utf-8"))
    assert sorted(shown) == sorted(str(path.relative_to(REPO)) for path in pictures)
    for path, svg in pictures.items():
        assert path.read_text(encoding="utf-8") == svg, f"{path.name} is stale: run python scripts/screenshot.py"


def test_data_files_point_editors_at_the_schemas() -> None:
    for name, kind in (("benefits.yaml", "guide"), ("back-pain.yaml", "guide"), ("clinic.yaml", "clinic")):
        first_line = (REPO / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        assert (REPO / "schemas" / f"{kind}.schema.json").is_file()
