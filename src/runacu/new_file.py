"""Writing a file the user keeps: atomically, readable by its owner only, never replacing one that exists."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from runacu.errors import RunacuError

if TYPE_CHECKING:
    from runacu.words import Words


class OutputError(RunacuError):
    """An --output path that cannot be written: its folder is missing, or it is not a folder."""


def check_output_path(target: Path, words: Words) -> None:
    """One rule for every --output: the folder must exist (runacu does not invent folders the user named).

    An OutputError says why not in `words`, the reader's language.
    """
    from runacu.content.text import echo

    folder = target.parent
    if not folder.exists():
        raise OutputError(
            words.say(
                "the folder '{folder}' does not exist; create it or choose another --output path",
                folder=echo(str(folder)),
            )
        )
    if not folder.is_dir():
        raise OutputError(
            words.say("'{folder}' is not a folder; choose another --output path", folder=echo(str(folder)))
        )


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


class _Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


#: The signals that end runacu while it writes a file, besides Ctrl-C.
_STOP_SIGNALS = [number for name in ("SIGTERM", "SIGHUP") if (number := getattr(signal, name, None)) is not None]


class _Stop:
    """The handler of Ctrl-C, SIGTERM and SIGHUP while a file is written: the first raises (Ctrl-C as
    KeyboardInterrupt, as Python's own handler does); any after it waits, so it cannot cut the cleanup short."""

    def __init__(self) -> None:
        self.stopping = False

    def __call__(self, signal_number: int, frame: FrameType | None) -> None:
        if self.stopping:
            return
        self.stopping = True
        if signal_number == signal.SIGINT:
            raise KeyboardInterrupt
        raise _Stopped(signal_number)


@contextlib.contextmanager
def _stop_cleanly() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception for the duration, so `finally` removes the temporary file, then
    die of the signal, as it was meant; Ctrl-C stays KeyboardInterrupt.

    A signal ignored when runacu started (`nohup`) stays ignored: the file is written all the same. A handler
    of Ctrl-C other than Python's own is left as it is.
    """
    import threading

    stop = _Stop()
    previous: dict[int, Any] = {}
    try:
        if threading.current_thread() is threading.main_thread():  # elsewhere no handler can be installed
            for number in [signal.SIGINT, *_STOP_SIGNALS]:
                handler = signal.getsignal(number)
                if handler == signal.SIG_IGN or (number == signal.SIGINT and handler is not signal.default_int_handler):
                    continue
                previous[number] = handler  # before installing: a signal may come at once
                signal.signal(number, stop)
        yield
    except _Stopped as stopped:
        _restore(previous)
        os.kill(os.getpid(), stopped.signal_number)  # die of the signal, as it was meant
        raise
    finally:
        _restore(previous)


def _restore(handlers: dict[int, Any]) -> None:
    with _signals_held():  # a signal that comes meanwhile goes to the handler restored
        for number, handler in handlers.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends; a signal held is raised when it ends.

    Yields the signals it holds (not those held already, before runacu started). Python's `pthread_sigmask`
    runs the handlers of the signals that came before the call, and of those it lets through, within the
    call: while they are held, no handler runs between two statements.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield []
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    held = [number for number in (signal.SIGINT, *_STOP_SIGNALS) if number not in previous]
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
        yield held
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _signals_let_through(held: list[int]) -> Iterator[None]:
    """Within `_signals_held`, let the signals it `held` through again until the block ends."""
    if not held:
        yield
        return
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)


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
    # A name no one sharing the folder can guess, to take it first; short, so a target name near the file
    # system's limit still works.
    temporary = target.with_name(f".runacu-{os.urandom(8).hex()}.tmp")
    # Signals are held but while the data is written (which may be slow): none comes between making the
    # temporary file and the `try` that removes it, nor cuts the linking or the removal short.
    with _stop_cleanly(), _signals_held() as held:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, mode)
        try:
            with os.fdopen(descriptor, "wb") as stream, _signals_let_through(held):
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
