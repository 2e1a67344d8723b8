"""runacu as a separate process with its output piped, as scripts and pipelines see it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ANSI, run_process


@pytest.mark.parametrize("command", [["benefits"], ["back-pain"], ["contact"], []])
def test_piped_output_has_no_escape_codes(command: list[str]) -> None:
    result = run_process(*command)
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.strip()
    assert not ANSI.search(out)
    assert b"Traceback" not in result.stderr


def test_force_color_with_rich_format_colours_a_pipe() -> None:
    result = run_process("benefits", "recovery", "--format", "rich", env={"FORCE_COLOR": "1"})
    assert ANSI.search(result.stdout.decode())


def test_json_is_utf8_whatever_the_locale() -> None:
    result = run_process("contact", "--json", env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["name"] == "Valencia Sports Medicine"


def test_exit_codes_reach_the_shell(tmp_path: Path) -> None:
    assert run_process("benefits", "nope").returncode == 2
    assert run_process("--data-dir", str(tmp_path / "missing"), "benefits").returncode == 2
    (tmp_path / "benefits.yaml").write_text("title: [\n")
    broken = run_process("--data-dir", str(tmp_path), "benefits")
    assert broken.returncode == 3
    assert b"Traceback" not in broken.stderr
    assert f"{tmp_path / 'benefits.yaml'}:".encode() in broken.stderr


def test_data_dir_from_environment(tmp_path: Path) -> None:
    (tmp_path / "benefits.yaml").write_text("title: [\n")
    assert run_process("benefits", env={"RUNACU_DATA_DIR": str(tmp_path)}).returncode == 3
    assert run_process("back-pain", env={"RUNACU_DATA_DIR": str(tmp_path)}).returncode == 0
