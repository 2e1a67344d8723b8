"""Stored output, as man keeps formatted cat pages: a repeat of the same command prints its stored copy.

A run whose output depends only on what the key covers is recorded (every byte written to stdout
and stderr, and any text sent to the pager) and stored under the key. The next identical run
replays it without importing Typer, pydantic or Rich. The key covers everything that can change the
output: the arguments, the working directory, the environment (all of it but `IGNORED_VARIABLES`),
whether stdin, stdout and stderr are terminals, the terminal size, the output encoding, the
interpreter, runacu's version and code, the versions of what renders its output, and a stamp of
every data file and folder that can be read (by its real path: a link or `..` is resolved first).

Which runs may be stored at all is not decided here but by the command table
(`runacu.command_table.replayable`): never a command that asks, writes files or depends on today.
`contact` (without `--at`) is stored only until its open/closed status next changes, or the
clinic's next midnight; any run that did not exit 0 or lost output to a closed pipe is not stored.

The store is bounded (`MAX_STORE_BYTES`, least recently used entries go first), private and
sealed (`cache/sealed.py`: what makes it private, and what that rests on). An entry is replayed only
if it holds what runacu's own writer produces: text without control, bidi or format characters,
colours and styles runacu uses, links to web, phone and mail addresses, and pager text only on a
terminal. Anything else is ignored and replaced. `RUNACU_NO_CACHE=1` turns the store off.
"""

from __future__ import annotations

import io
import marshal
import os
import sys
import time

from runacu.cache import sealed
from runacu.cache.dirs import cache_dir

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the fast path)

if TYPE_CHECKING:
    from typing import Any

FORMAT = 2
KIND = "page"
MAX_ENTRY_BYTES = 4 * 1024 * 1024
MAX_STORE_BYTES = 32 * 1024 * 1024
#: Variables that cannot change runacu's output, left out of the key (they change between shells).
IGNORED_VARIABLES = frozenset({"_", "OLDPWD", "PWD", "SHLVL", "TERM_SESSION_ID", "WINDOWID", "SHELL_SESSION_ID"})
#: The distributions whose code shapes runacu's output: a new release of any of them is a new key.
_DEPENDENCIES = ("runacu", "typer", "click", "rich", "pydantic", "pydantic_core", "babel", "pyyaml", "snowballstemmer")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

Event = tuple[str, bytes]


def enabled() -> bool:
    return os.environ.get("RUNACU_NO_CACHE", "") not in ("1", "true", "yes")


def key_for(argv: list[str], data_dir: str | None) -> str | None:
    """The store key of a run with these arguments, reading `data_dir` over the built-in data.

    None when there is no key to have: the working directory was deleted, say.
    """
    from runacu import __version__

    terminals = tuple(_is_terminal(fd) for fd in (0, 1, 2))
    size: tuple[int, int] | None = None
    if terminals[1]:
        try:
            size = tuple(os.get_terminal_size(1))  # type: ignore[assignment]
        except OSError:
            pass
    stream = sys.stdout
    try:
        parts = (
            FORMAT,
            __version__,
            sys.version,
            sys.executable,
            argv,
            os.getcwd(),
            sorted((name, value) for name, value in os.environ.items() if name not in IGNORED_VARIABLES),
            terminals,
            size,
            getattr(stream, "encoding", None),
            getattr(stream, "errors", None),
            _data_stamp(data_dir),
            _code_stamp(),
        )
    except (OSError, ValueError):  # a deleted working directory; a path with a NUL
        return None
    return sealed.digest(repr(parts).encode("utf-8", "surrogatepass"), 20)


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _data_dirs(data_dir: str | None) -> list[str]:
    """Every folder runacu may read data from in this run: built-in, custom, and their translations."""
    dirs = [os.path.join(_PACKAGE, "data"), os.path.join(os.path.dirname(os.path.dirname(_PACKAGE)), "data")]
    if data_dir is not None:
        # The physical path, as the OS opens it: `link/..` is not where its letters say.
        dirs.append(os.path.realpath(data_dir))  # `--data-dir ""` is the working directory
    return [os.path.join(folder, language) for folder in dirs for language in ("", *_languages())]


def _languages() -> list[str]:
    """The languages runacu has catalogs for, as `runacu.words.languages` finds them (without importing it: the
    fast path), each a folder of data that may be read."""
    try:
        return sorted(name for name in os.listdir(os.path.join(_PACKAGE, "locale")) if "." not in name)
    except OSError:
        return []


def _stamp(path: str) -> tuple[int, ...] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _data_stamp(data_dir: str | None) -> list[object]:
    stamps: list[object] = []
    for folder in _data_dirs(data_dir):
        stamps.append((folder, _stamp(folder)))
        try:
            names = sorted(os.listdir(folder))
        except (OSError, ValueError):
            continue
        stamps += [(name, _stamp(os.path.join(folder, name))) for name in names if name.endswith(".yaml")]
    return stamps


def _code_stamp() -> list[object]:
    """runacu's own source files and the installed versions of what renders its output.

    An edit to runacu's code (an editable install) or an upgrade of a library must not replay old output.
    """
    stamps: list[object] = []
    for folder, _, names in os.walk(_PACKAGE):
        stamps += [(name, _stamp(os.path.join(folder, name))) for name in sorted(names) if name.endswith(".py")]
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except (OSError, ValueError):
            continue
        stamps += sorted(
            name
            for name in names
            if name.endswith(".dist-info") and name.split("-")[0].lower().replace(".", "_") in _DEPENDENCIES
        )
    return stamps


def _encoding(channel: str) -> str:
    stream = sys.stderr if channel == "err" else sys.stdout
    return getattr(stream, "encoding", None) or "utf-8"


def _folder() -> str:
    return os.path.join(cache_dir(), "pages")


def _entry(key: str) -> str:
    return os.path.join(_folder(), f"{key}.page")


def load(key: str) -> list[Event] | None:
    """The stored events for `key`, if an intact, current entry holds only what runacu writes."""
    path = _entry(key)
    payload = sealed.read(path, KIND, MAX_ENTRY_BYTES)
    if payload is None:
        return None
    try:
        version, stored_key, expires, events = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if version != FORMAT or stored_key != key or type(events) is not list:
        return None
    if expires is not None and (type(expires) is not float or time.time() >= expires):
        return None
    on_terminal = _is_terminal(1)
    checked: list[Event] = []
    for event in events:
        if not (type(event) is tuple and len(event) == 2 and event[0] in ("out", "err", "pager")):
            return None
        channel, data = event
        if type(data) is not bytes or (channel == "pager" and not on_terminal):
            return None
        if not is_clean(data, _encoding(channel)):
            return None
        checked.append((channel, data))
    try:
        os.utime(path)  # recently used: the last to be evicted
    except OSError:
        pass
    return checked


# What runacu's own writer puts in its output besides text: SGR colours and styles, and OSC 8 links.
# Concealed (8) and blinking (5, 6) text are never among its styles.
_SGR_CODES = frozenset(
    {0, 1, 2, 3, 4, 7, 9, 21, 22, 23, 24, 27, 29, *range(30, 38), 39, *range(40, 48), 49}
    | {*range(90, 98), *range(100, 108)}
)
_LINK_SCHEMES = ("https://", "http://", "mailto:", "tel:")


def is_clean(data: bytes, encoding: str = "utf-8") -> bool:
    """True if `data`, written in `encoding`, holds nothing but what runacu's own writer writes."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    rest = _without_own_sequences(text)
    return rest is not None and _is_plain_text(rest.replace("\r\n", "\n"))


def _is_plain_text(text: str) -> bool:
    """No control character but tab and newline, and no format, bidi or line/paragraph separator."""
    if text.isascii():
        return not any((ch < " " and ch not in "\t\n") or ch == "\x7f" for ch in set(text))
    import unicodedata

    for ch in set(text):
        if ch < " " and ch not in "\t\n":
            return False
        if ch >= "\x7f" and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            return False
    return True


def _without_own_sequences(text: str) -> str | None:
    """`text` without the escape sequences runacu writes; None if it holds any other."""
    pieces, start = [], 0
    while (escape := text.find("\x1b", start)) >= 0:
        end = _sgr_end(text, escape) if text.startswith("\x1b[", escape) else _link_end(text, escape)
        if end < 0:
            return None
        pieces.append(text[start:escape])
        start = end
    pieces.append(text[start:])
    return "".join(pieces)


def _sgr_end(text: str, escape: int) -> int:
    """Where `ESC [ codes m` ends, if its codes are among runacu's styles; else -1."""
    close = text.find("m", escape + 2)
    body = text[escape + 2 : close]
    if close < 0 or len(body) > 64 or (body and not body.replace(";", "").isdigit()):
        return -1
    codes = [int(code) if code else 0 for code in body.split(";")]
    index = 0
    while index < len(codes):
        code = codes[index]
        if code in (38, 48):  # 256 colours (5;n) or true colour (2;r;g;b)
            width = {5: 2, 2: 4}.get(codes[index + 1] if index + 1 < len(codes) else -1)
            if (
                width is None
                or index + width >= len(codes)
                or any(n > 255 for n in codes[index + 2 : index + 1 + width])
            ):
                return -1
            index += width + 1
        elif code in _SGR_CODES:
            index += 1
        else:
            return -1
    return close + 1


def _link_end(text: str, escape: int) -> int:
    """Where `ESC ] 8 ; params ; URI ESC \\` ends, if it opens or closes a link runacu writes; else -1."""
    if not text.startswith("\x1b]8;", escape):
        return -1
    close = text.find("\x1b\\", escape + 4)
    params, _, uri = text[escape + 4 : close].partition(";")
    if close < 0 or not (params + uri).isascii() or not (params + uri).isprintable():
        return -1
    if uri and not uri.startswith(_LINK_SCHEMES):
        return -1
    return close + 2


def serve(key: str) -> int | None:
    """Print the stored output for `key` and give the exit status; None when there is none to use."""
    events = load(key)
    if events is None:
        return None
    try:
        replay(events)
    except BrokenPipeError:  # the reader went away: quiet, as a fresh run would be
        _silence_stdout()
    except OSError as error:  # a full disk: as a fresh run says it
        _silence_stdout()
        try:
            sys.stderr.write(f"runacu: {error.strerror or error}\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        return 1
    return 0


def replay(events: list[Event]) -> None:
    from runacu.pager_command import pager_command, run_pager

    for channel, data in events:
        if channel == "pager":
            command = pager_command()
            if command is not None and run_pager(command, data):
                continue
            channel = "out"
        stream = sys.stdout if channel == "out" else sys.stderr
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()


def _silence_stdout() -> None:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _Tee(io.BufferedIOBase):
    """A binary stream that writes through to another and records every byte."""

    def __init__(self, target: Any, channel: str, recorder: Recorder) -> None:
        super().__init__()
        self._target, self._channel, self._recorder = target, channel, recorder

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self._target.write(data)
        self._recorder.events.append((self._channel, bytes(data)))
        return int(written) if written is not None else len(data)

    def flush(self) -> None:
        self._target.flush()

    def fileno(self) -> int:
        return int(self._target.fileno())

    def isatty(self) -> bool:
        return bool(self._target.isatty())


class Recorder:
    """What a run wrote, to store when it ends well. The session carries it (`Session.recorder`)."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.events: list[Event] = []
        self.expires: float | None = None
        self.spoilt = False

    def install(self) -> None:
        """Record from now on what is written to sys.stdout and sys.stderr."""
        for name, channel in (("stdout", "out"), ("stderr", "err")):
            stream = getattr(sys, name)
            buffer = getattr(stream, "buffer", None)
            if buffer is None:
                self.spoilt = True
                return
            wrapped = io.TextIOWrapper(  # type: ignore[type-var]
                _Tee(buffer, channel, self),
                encoding=stream.encoding,
                errors=stream.errors,
                line_buffering=stream.line_buffering,
                write_through=True,
            )
            setattr(sys, name, wrapped)

    def expire_at(self, moment: float) -> None:
        self.expires = moment if self.expires is None else min(self.expires, moment)

    def paged(self, text: bytes) -> None:
        self.events.append(("pager", text))

    def store(self) -> None:
        """Keep what was recorded, if it is all runacu's own writing and the run was not spoilt."""
        if self.spoilt or not all(is_clean(data, _encoding(channel)) for channel, data in self.events):
            return
        payload = marshal.dumps((FORMAT, self.key, self.expires, self.events))
        if sealed.write(_entry(self.key), KIND, payload, MAX_ENTRY_BYTES):
            sealed.evict(_folder(), MAX_STORE_BYTES, ".page")
