"""Long output through the reader's pager ($PAGER, or less), on a terminal only."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from runacu.views.terminal import Terminal

DEFAULT_PAGER = "less"


@contextmanager
def paged(terminal: Terminal, enabled: bool) -> Iterator[Terminal]:
    """Collect what is written, then show it in the pager; a pipe or a missing pager gets it directly."""
    if not enabled or not terminal.is_terminal:
        yield terminal
        return
    buffer = io.StringIO()
    yield Terminal(out=buffer, err=terminal.err, is_terminal=True, width=terminal.width)
    text = buffer.getvalue()
    command = shlex.split(os.environ.get("PAGER") or DEFAULT_PAGER)
    # less shows colours only with -R; F quits at once when the text fits the screen.
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        subprocess.run(command, input=text, text=True, env=environment, check=False)
    except OSError:
        terminal.write(text)
