"""Writing a file the user keeps: atomically, readable by its owner only, never replacing one that exists."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from runacu.errors import RunacuError
from runacu.words import say


class OutputError(RunacuError):
    """An --output path that cannot be written: its folder is missing, or it is not a folder."""


def check_output_path(target: Path) -> None:
    """One rule for every --output: the folder must exist (runacu does not invent folders the user named)."""
    from runacu.content.text import echo

    folder = target.parent
    if not folder.exists():
        raise OutputError(say("output_no_folder", folder=echo(str(folder))))
    if not folder.is_dir():
        raise OutputError(say("output_not_folder", folder=echo(str(folder))))


class _Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


@contextlib.contextmanager
def _stop_cleanly() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception for the duration, so `finally` removes the temporary file."""

    def stop(signal_number: int, frame: FrameType | None) -> None:
        raise _Stopped(signal_number)

    caught = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    try:
        previous = {number: signal.signal(number, stop) for number in caught}
    except ValueError:  # not the main thread: nothing to install
        yield
        return
    try:
        yield
    except _Stopped as stopped:
        for number, handler in previous.items():
            signal.signal(number, handler)
        os.kill(os.getpid(), stopped.signal_number)  # die of the signal, as it was meant
        raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def write_new_file(data: bytes, target: Path, private: bool = True) -> bool:
    """Write `data` to a temporary file, then link it into place; False if `target` exists.

    A reader never sees a half-written file; Ctrl-C, SIGTERM and SIGHUP leave no file behind.
    A private file (a request draft: a name, a phone number) is readable by its owner only;
    any other (a handout, a vCard) gets the usual permissions, as the user's umask says.
    Raises OSError, naming `target`, when it cannot be written.
    """
    try:
        return _write_new_file(data, target, 0o600 if private else 0o666)
    except OSError as error:
        # The reader named the target: the temporary file's name would mean nothing to them.
        error.filename, error.filename2 = str(target), None
        raise


def _write_new_file(data: bytes, target: Path, mode: int) -> bool:
    if target.exists() or target.is_symlink():
        return False
    # A short temporary name, so a target name near the file system's limit still works.
    temporary = target.with_name(f".runacu-{os.getpid()}.tmp")
    with _stop_cleanly():
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            try:
                os.link(temporary, target)  # atomic, and fails rather than replace an existing file
            except FileExistsError:
                return False
            except OSError as error:
                if error.errno in (errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS):  # no hard links here
                    if target.exists():
                        return False
                    temporary.replace(target)
                else:
                    raise
            return True
        finally:
            temporary.unlink(missing_ok=True)
