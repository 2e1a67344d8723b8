"""Long output through the reader's pager, as git does: on a terminal, only when it is taller than the screen."""

from __future__ import annotations

from enum import StrEnum

from runacu.views.terminal import Terminal


class PagerMode(StrEnum):
    AUTO = "auto"  # taller than the screen, on a terminal
    ALWAYS = "always"  # --pager: on a terminal, whatever the length
    NEVER = "never"  # --no-pager


def show(text: str, terminal: Terminal, mode: PagerMode) -> bytes | None:
    """Write `text`, through the pager when the mode and the terminal call for it.

    Returns the bytes the pager was given (what a stored copy replays through it), or None when
    the text was written straight out.
    """
    wanted = terminal.is_terminal and (
        mode is PagerMode.ALWAYS or (mode is PagerMode.AUTO and text.count("\n") >= terminal.height)
    )
    if wanted:
        import locale

        from runacu.pager_command import pager_command, run_pager

        command = pager_command()
        # The pager reads the locale's encoding; these exact bytes are what a stored copy replays.
        data = text.encode(locale.getpreferredencoding(False), "replace")
        if command is not None and run_pager(command, data):
            return data
    terminal.write(text)  # no pager wanted, or none that runs: the text goes out directly
    return None
