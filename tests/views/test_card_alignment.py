"""The quick card's two lists of commands (for runners, for the clinic) read as one: their descriptions start at the
same column."""

from __future__ import annotations

import re

import pytest

from runacu.cli.commands.card import CARD_FOR_CLINIC, CARD_FOR_RUNNERS
from tests.conftest import fake_terminal, run, strip_ansi


@pytest.mark.parametrize("output_format", ["plain", "rich"])
def test_the_card_s_two_tables_align_their_descriptions(output_format: str) -> None:
    terminal = fake_terminal(width=80)
    terminal.color = False
    result = run("--format", output_format, terminal=terminal)
    assert result.exit_code == 0
    rows = [line for line in strip_ansi(result.stdout).splitlines() if re.match(r" *runacu [a-z]", line)]
    assert len(rows) == len(CARD_FOR_RUNNERS) + len(CARD_FOR_CLINIC)
    columns = {re.match(r" *runacu [^ ]+(?: [^ ]+)*? {2,}", row).end() for row in rows}  # type: ignore[union-attr]
    assert len(columns) == 1, rows
