"""Stored output, as man keeps formatted cat pages: a repeat of the same command prints its stored copy.

A run of a command whose output depends only on what the key covers is recorded (every byte written
to stdout and stderr, and any text sent to the pager) and stored under the key. The next identical
run replays it without importing Typer, pydantic or Rich. The key covers everything that can change
the output: the arguments, the working directory, the environment (all of it but `IGNORED_VARIABLES`),
whether stdin, stdout and stderr are terminals, the terminal size, the output encoding, the
interpreter, runacu's version, and a stamp of every data file and folder that can be read.

Never stored: `request`, `check`, `validate`, anything writing `--output`, shell-completion
installation, and any run that did not exit 0 or lost output to a closed pipe. `contact` (without
`--at`) is stored only until its open/closed status next changes, or the clinic's next midnight.

The store is bounded (`MAX_STORE_BYTES`, least recently used entries go first), private (folder 0700,
files 0600), written atomically, and safe to delete. An entry is used only if it is a regular file
(opened without following links), small enough, carries a valid digest, and holds no control
sequence runacu itself would not write; anything else is ignored and replaced. `RUNACU_NO_CACHE=1`
turns the store off.

This module is on the fast path: it imports nothing heavy.
"""

from __future__ import annotations

import io
import marshal
import os
import stat
import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the fast path)

try:  # the C module itself: hashlib would also load OpenSSL, a few milliseconds on the fast path
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

if TYPE_CHECKING:
    from typing import Any

FORMAT = 1
MAX_ENTRY_BYTES = 4 * 1024 * 1024
MAX_STORE_BYTES = 32 * 1024 * 1024
_MAGIC = b"runacu-page\n"
_DIGEST_BYTES = 32
#: Variables that cannot change runacu's output, left out of the key (they change between shells).
IGNORED_VARIABLES = frozenset({"_", "OLDPWD", "PWD", "SHLVL", "TERM_SESSION_ID", "WINDOWID", "SHELL_SESSION_ID"})
#: Commands whose output is not a pure function of the key: they ask, write files or depend on today.
NEVER_STORED = frozenset({"request", "check", "validate"})
#: Options of the root command that take a value (the command name comes after them).
_ROOT_OPTIONS_WITH_VALUE = frozenset({"--data-dir", "--color", "--lang", "--format", "-f"})
_OUTPUT_OPTIONS = ("--output", "-o", "--install-completion", "--show-completion")

Event = tuple[str, bytes]


def enabled() -> bool:
    return os.environ.get("RUNACU_NO_CACHE", "") not in ("1", "true", "yes")


def command_of(argv: list[str]) -> str | None:
    """The command name in `argv` (None for the quick card, --help or --version)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in _ROOT_OPTIONS_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            return token
    return None


def storable(argv: list[str]) -> bool:
    if command_of(argv) in NEVER_STORED:
        return False
    writes = any(token == option or token.startswith(option + "=") for token in argv for option in _OUTPUT_OPTIONS)
    # A short -o anywhere in a bundle of short options (`-o`, `-oFILE`, `-lo FILE`) writes a file.
    bundled = any(token[:1] == "-" and token[1:2] != "-" and "o" in token for token in argv)
    return not writes and not bundled


def _data_dirs(argv: list[str]) -> list[str]:
    """Every folder runacu may read data from in this run: built-in, custom, and their translations."""
    here = os.path.dirname(os.path.abspath(__file__))
    dirs = [os.path.join(here, "data"), os.path.join(os.path.dirname(os.path.dirname(here)), "data")]
    custom = os.environ.get("RUNACU_DATA_DIR") or None  # an empty variable is unset, as Click reads it
    for index, token in enumerate(argv):
        if token == "--data-dir" and index + 1 < len(argv):
            custom = argv[index + 1]
        elif token.startswith("--data-dir="):
            custom = token.partition("=")[2]
    if custom is not None:
        dirs.append(os.path.abspath(custom))  # `--data-dir ""` is the working directory
    return [os.path.join(folder, language) for folder in dirs for language in ("", "es")]


def _stamp(path: str) -> tuple[int, ...] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _data_stamp(argv: list[str]) -> list[object]:
    stamps: list[object] = []
    for folder in _data_dirs(argv):
        stamps.append((folder, _stamp(folder)))
        try:
            names = sorted(os.listdir(folder))
        except (OSError, ValueError):
            continue
        stamps += [(name, _stamp(os.path.join(folder, name))) for name in names if name.endswith(".yaml")]
    return stamps


#: The distributions whose code shapes runacu's output: a new release of any of them is a new key.
_DEPENDENCIES = ("runacu", "typer", "rich", "pydantic", "pydantic_core", "babel", "pyyaml", "snowballstemmer")


def _code_stamp() -> list[object]:
    """runacu's own source files and the installed versions of what renders its output.

    An edit to runacu's code (an editable install) or an upgrade of a library must not replay old output.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    stamps: list[object] = []
    for folder, _, names in os.walk(here):
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


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def key_for(argv: list[str]) -> str | None:
    """The store key of this run, or None when its output must not be stored."""
    if not storable(argv):
        return None
    from runacu import __version__

    terminals = tuple(_is_terminal(fd) for fd in (0, 1, 2))
    size: tuple[int, int] | None = None
    if terminals[1]:
        try:
            columns, lines = os.get_terminal_size(1)
            size = (columns, lines)
        except OSError:
            pass
    stream = sys.stdout
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
        _data_stamp(argv),
        _code_stamp(),
    )
    return blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _folder() -> str:
    from runacu.user_dirs import cache_dir

    return os.path.join(cache_dir(), "pages")


def _entry(key: str) -> str:
    return os.path.join(_folder(), f"{key}.page")


# What runacu itself writes: text, tabs, newlines, CR before LF (a vCard), SGR colour and styles
# (ESC [ digits ; m), and OSC 8 hyperlinks (ESC ] 8 ; ... ESC \). Anything else in a stored entry
# means it was not written by runacu, and the entry is not used.
_NOT_CONTROL = bytes(byte for byte in range(256) if (byte >= 0x20 and byte != 0x7F) or byte in b"\t\n")
_C1 = tuple(bytes((0xC2, byte)) for byte in range(0x80, 0xA0))  # U+0080 to U+009F in UTF-8
_SGR = frozenset(b"0123456789;")


def _without_allowed_sequences(data: bytes) -> bytes:
    pieces, start = [], 0
    while (escape := data.find(b"\x1b", start)) >= 0:
        end = -1
        if data[escape + 1 : escape + 2] == b"[":
            end = escape + 2
            while end < len(data) and data[end] in _SGR:
                end += 1
            end = end + 1 if data[end : end + 1] == b"m" else -1
        elif data[escape + 1 : escape + 4] == b"]8;":
            close = data.find(b"\x1b\\", escape + 4)
            body = data[escape + 4 : close]
            if close >= 0 and not body.translate(None, _NOT_CONTROL) and not any(pair in body for pair in _C1):
                end = close + 2
        if end < 0:
            return data  # an escape runacu does not write: left in, so the entry is refused
        pieces.append(data[start:escape])
        start = end
    pieces.append(data[start:])
    return b"".join(pieces).replace(b"\r\n", b"\n")


def is_clean(data: bytes) -> bool:
    """True if `data` holds no control character or sequence but those runacu itself writes."""
    rest = _without_allowed_sequences(data)
    return not rest.translate(None, _NOT_CONTROL) and not any(pair in rest for pair in _C1)


def _read(path: str) -> bytes | None:
    """A regular file's bytes, opened without following a link or blocking on a FIFO, up to the cap."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def load(key: str) -> list[Event] | None:
    """The stored events for `key`, if an intact, current, clean entry holds them."""
    path = _entry(key)
    raw = _read(path)
    if raw is None or len(raw) > MAX_ENTRY_BYTES or not raw.startswith(_MAGIC):
        return None
    digest, payload = raw[len(_MAGIC) : len(_MAGIC) + _DIGEST_BYTES], raw[len(_MAGIC) + _DIGEST_BYTES :]
    if blake2b(payload, digest_size=_DIGEST_BYTES).digest() != digest:
        return None
    try:
        version, stored_key, expires, events = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if version != FORMAT or stored_key != key or not isinstance(events, list):
        return None
    if expires is not None and (not isinstance(expires, float) or time.time() >= expires):
        return None
    checked: list[Event] = []
    for event in events:
        if not (isinstance(event, tuple) and len(event) == 2 and event[0] in ("out", "err", "pager")):
            return None
        channel, data = event
        if not isinstance(data, bytes) or not is_clean(data):
            return None
        checked.append((channel, data))
    try:
        os.utime(path)  # recently used: the last to be evicted
    except OSError:
        pass
    return checked


def replay(events: list[Event]) -> None:
    for channel, data in events:
        if channel == "pager":
            _page(data)
        else:
            stream = sys.stdout if channel == "out" else sys.stderr
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()


def _page(data: bytes) -> None:
    from runacu.views.pager import pager_command

    command = pager_command()
    if command is None:
        sys.stdout.buffer.write(data)
        return
    import subprocess

    environment = {**os.environ, "LESS": os.environ.get("LESS") or "FRX"}
    try:
        subprocess.run(command, input=data, env=environment, check=False)
    except OSError:
        sys.stdout.buffer.write(data)


def serve(key: str) -> bool:
    """Print the stored output for `key`; False when there is none to use."""
    events = load(key)
    if events is None:
        return False
    try:
        replay(events)
    except BrokenPipeError:  # the reader went away: quiet, as a fresh run would be
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
    return True


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
    """What a run wrote, to store when it ends well."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.events: list[Event] = []
        self.expires: float | None = None
        self.spoilt = False

    def install(self) -> None:
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
        if self.spoilt or not all(is_clean(data) for _, data in self.events):
            return
        payload = marshal.dumps((FORMAT, self.key, self.expires, self.events))
        if len(payload) > MAX_ENTRY_BYTES - 100:
            return
        digest = blake2b(payload, digest_size=_DIGEST_BYTES).digest()
        folder = _folder()
        temporary = os.path.join(folder, f".{os.getpid()}.tmp")
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            descriptor = os.open(temporary, flags, 0o600)
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(_MAGIC + digest + payload)
                os.replace(temporary, _entry(self.key))
            finally:
                if os.path.lexists(temporary):
                    os.unlink(temporary)
            _evict(folder)
        except OSError:
            pass  # a store that cannot be written is skipped


def _evict(folder: str) -> None:
    """Remove the least recently used entries until the store is under its size cap."""
    entries = []
    with os.scandir(folder) as found:
        for entry in found:
            if entry.name.endswith(".page"):
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                entries.append((info.st_mtime_ns, info.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= MAX_STORE_BYTES:
            break
        try:
            os.unlink(path)
        except OSError:
            pass
        total -= size


#: The recorder of this run, when its output is to be stored.
recorder: Recorder | None = None
