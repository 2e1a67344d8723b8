"""The quick card of a bare `runacu`."""

from __future__ import annotations

from tests.conftest import run


def test_overview_names_the_commands_and_the_phone_number() -> None:
    result = run()
    assert result.exit_code == 0
    for command in ("benefits", "back-pain", "contact"):
        assert f"runacu {command}" in result.stdout
    assert "(661) 490-9221" in result.stdout
