"""The `runacu` console script: a stored page when this exact run was seen before, else the full CLI.

Kept small on purpose: a repeat run imports only this, the command table, `cache/pages.py` and
`cache/sealed.py`, and the standard library.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the fast path)

if TYPE_CHECKING:
    from typing import NoReturn

    from runacu.cache.pages import Recorder

#: Killed by Ctrl-C (128 + SIGINT), as `ExitStatus.INTERRUPTED` says once the CLI is loaded.
_INTERRUPTED = 130


def main() -> NoReturn:
    _stand_in_for_closed_streams()
    try:
        recorder = _replay_or_record(sys.argv[1:])
        # runacu installs no pydantic plugins: skip pydantic's scan of every installed package for them.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        from runacu.cli import main as run
    except KeyboardInterrupt:  # Ctrl-C while starting, before anything was written: as the shell shows ^C
        sys.exit(_INTERRUPTED)
    run(recorder)


def _stand_in_for_closed_streams() -> None:
    """Give a stdout or stderr the shell closed (`>&-`, `2>&-`), which Python leaves as None, a stand-in.

    Each stand-in is /dev/null on the closed descriptor, which also keeps that descriptor taken: no file
    runacu opens later can become its standard output. Opened read-only for stdout, so writing fails
    ("Bad file descriptor": exit 1, as for any stdout that cannot be written); write-only for stderr,
    so what would be said there goes nowhere and the exit status still tells what happened.
    """
    for name, descriptor, flags in (("stdout", 1, os.O_RDONLY), ("stderr", 2, os.O_WRONLY)):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(descriptor)
        except OSError:  # closed: take it
            try:
                null = os.open(os.devnull, flags)
            except OSError:  # no /dev/null to stand in (a bare chroot): left as Python left it
                continue
            if null != descriptor:
                os.dup2(null, descriptor)
                os.close(null)
        # Open for the whole run, and kept as `sys.__stdout__` is (a recorder wraps `sys.stdout`'s buffer).
        stand_in = open(descriptor, "w", errors="backslashreplace", closefd=False)  # noqa: SIM115
        setattr(sys, name, stand_in)
        setattr(sys, f"__{name}__", stand_in)


def _replay_or_record(argv: list[str]) -> Recorder | None:
    """Replay a stored page and exit; else the recorder of this run when it is to be stored (or None)."""
    from runacu.cache import pages
    from runacu.command_table import data_dir_of, replayable

    if not pages.enabled() or not replayable(argv) or (key := pages.key_for(argv, data_dir_of(argv))) is None:
        return None
    if (status := pages.serve(key)) is not None:
        sys.exit(status)
    recorder = pages.Recorder(key)
    recorder.install()
    return recorder
