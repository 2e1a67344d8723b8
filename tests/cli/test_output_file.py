"""`--output` in a folder others can write to: a temporary name no one can guess, so no one can make the write fail."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from runacu.exit_status import ExitStatus
from tests.conftest import REQUEST, run


def test_a_file_at_the_old_predictable_temporary_name_does_not_stop_the_write(tmp_path: Path) -> None:
    """`.runacu-PID.tmp` made first by someone else (here, in this very process) gave a false "File exists"."""
    shared = tmp_path / "shared"
    shared.mkdir()
    squatter = shared / f".runacu-{os.getpid()}.tmp"
    squatter.write_text("not yours")
    target = shared / "benefits.md"
    result = run("benefits", "--format", "markdown", "--output", str(target))
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Benefits of acupuncture for runners")
    assert squatter.read_text() == "not yours"
    assert sorted(path.name for path in shared.iterdir()) == [squatter.name, "benefits.md"]


def test_a_request_draft_is_saved_past_a_file_at_the_old_temporary_name(tmp_path: Path) -> None:
    target = tmp_path / "request.eml"
    (tmp_path / f".runacu-{os.getpid()}.tmp").mkdir()
    result = run("request", *REQUEST, "--output", str(target))
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    assert b"Jo Runner" in target.read_bytes()


def test_each_temporary_name_is_new_and_unguessable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linked: list[str] = []
    real_link = os.link

    def link(source: str | os.PathLike[str], destination: str | os.PathLike[str], **kwargs: object) -> None:
        linked.append(Path(source).name)
        real_link(source, destination, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link)
    for name in ("one.md", "two.md"):
        assert run("benefits", "--output", str(tmp_path / name)).exit_code == ExitStatus.SUCCESS
    temporary = [name for name in linked if name.startswith(".runacu-")]
    assert len(temporary) == 2 and temporary[0] != temporary[1]
    for name in temporary:
        assert re.fullmatch(r"\.runacu-[0-9a-f]{16}\.tmp", name), "64 random bits"
        assert str(os.getpid()) not in name
