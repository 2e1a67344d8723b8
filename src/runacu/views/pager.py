"""Long output through the reader's pager, as git does: on a terminal, only when it is taller than the screen."""

from __future__ import annotations

import os
from enum import StrEnum

from runacu.views.terminal import Terminal

DEFAULT_PAGER = "less"


class PagerMode(StrEnum):
    AUTO = "auto"  # taller than the screen, on a terminal
    ALWAYS = "always"  # --pager: on a terminal, whatever the length
    NEVER = "never"  # --no-pager


def pager_command() -> list[str] | None:
    """$RUNACU_PAGER, then $PAGER, then less; None when the setting cannot be run (fall back to no pager)."""
    import shlex

    setting = os.environ.get("RUNACU_PAGER") or os.environ.get("PAGER") or DEFAULT_PAGER
    try:
        command = shlex.split(setting)
    except ValueError:  # PAGER='less "'
        return None
    return command or None  # PAGER='   '


def show(text: str, terminal: Terminal, mode: PagerMode) -> None:
    """Write `text`, through the pager when the mode and the terminal call for it."""
    wanted = terminal.is_terminal and (
        mode is PagerMode.ALWAYS or (mode is PagerMode.AUTO and text.count("\n") >= terminal.height)
    )
    command = pager_command() if wanted else None
    if command is None:
        terminal.write(text)
        return
    import locale
    import subprocess

    from runacu import output_store

    # The pager reads the locale's encoding; these exact bytes are what a stored copy replays.
    data = text.encode(locale.getpreferredencoding(False), "replace")
    # less shows colours only with -R; F quits at once when the text fits the screen; X keeps it on screen.
    environment = {**os.environ, "LESS": os.environ.get("LESS") or "FRX"}
    try:
        subprocess.run(command, input=data, env=environment, check=False)
    except OSError:  # no such pager: the text goes out directly (and is recorded as such)
        terminal.write(text)
        return
    if output_store.recorder is not None:
        output_store.recorder.paged(data)
