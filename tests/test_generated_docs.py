"""docs/cli.md and schemas/*.json are generated from the code; they must not drift from it."""

from __future__ import annotations

import sys

from tests.conftest import REPO


def test_generated_files_are_up_to_date() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from generate_docs import generated_files
    finally:
        sys.path.remove(str(REPO / "scripts"))
    for path, text in generated_files().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run python scripts/generate_docs.py"


def test_data_files_point_editors_at_the_schemas() -> None:
    for name, kind in (("benefits.yaml", "guide"), ("back-pain.yaml", "guide"), ("clinic.yaml", "clinic")):
        first_line = (REPO / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first_line == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        assert (REPO / "schemas" / f"{kind}.schema.json").is_file()
