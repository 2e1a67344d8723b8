"""The reader's pager: which command it is, and running it over text, as git does.

One place for a fresh run (`views/pager.py`, which decides when to page) and a replayed one
(`cache/pages.py`). Standard library only: this is on the fast path of a repeat run.
"""

from __future__ import annotations

import os

DEFAULT_PAGER = "less"


def pager_command() -> list[str] | None:
    """$RUNACU_PAGER, then $PAGER, then less; None when the setting cannot be run (fall back to no pager)."""
    import shlex

    setting = os.environ.get("RUNACU_PAGER") or os.environ.get("PAGER") or DEFAULT_PAGER
    try:
        command = shlex.split(setting)
    except ValueError:  # PAGER='less "'
        return None
    return command or None  # PAGER='   '


def run_pager(command: list[str], data: bytes) -> bool:
    """Show `data` in the pager; False when it could not be started (the caller writes the text itself).

    Ctrl-C is the pager's while it runs (less uses it to stop a search): runacu ignores SIGINT meanwhile,
    as git does, so the pager is not killed under the reader and the terminal keeps its settings.
    """
    import signal
    import subprocess

    # less shows colours only with -R; F quits at once when the text fits the screen; X keeps it on screen.
    environment = {**os.environ, "LESS": os.environ.get("LESS") or "FRX"}
    try:
        # A handler that does nothing, not SIG_IGN: the pager then starts with the default SIGINT
        # (exec resets handlers, but an ignored signal would stay ignored in the child).
        previous = signal.signal(signal.SIGINT, _ignore)
    except ValueError:  # not the main thread
        previous = None
    try:
        subprocess.run(command, input=data, env=environment, check=False)
    except OSError:  # no such pager (a pager that quits early is fine: run() ignores the broken pipe)
        return False
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return True


def _ignore(signal_number: int, frame: object) -> None:
    """SIGINT while the pager runs: the pager's to handle."""
