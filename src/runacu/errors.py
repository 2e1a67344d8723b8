"""runacu's own exceptions; the CLI turns each into one stderr line and an exit code."""

from __future__ import annotations

from runacu.exit_status import ExitStatus


class RunacuError(Exception):
    """An error the user can act on. `str(error)` is the message shown to them."""

    exit_status = ExitStatus.ERROR


class UsageError(RunacuError):
    exit_status = ExitStatus.USAGE
