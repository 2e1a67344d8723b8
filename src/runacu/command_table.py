"""Every command, and what the fast path must know of them, in one table the CLI itself is built from.

`cli/app.py` builds its group from `COMMANDS`; `launch.py` asks `replayable` whether a run may be
stored and replayed (`cache/pages.py`) before importing any of it. The table is plain data, as
cheap to import as the page store, and `tests/cli/test_command_table.py` ties it to the real
options: an option the table does not know makes a run not replayable, never wrongly replayed.
"""

from __future__ import annotations

import os

#: Every command, in the order readers meet them: its name -> (the module of `runacu.cli.commands`
#: that declares it, whether its output may be stored and replayed). Replayable means: it asks
#: nothing, writes no file but `--output`, and its output depends on its arguments, the data and the
#: environment only (`contact` says whether the clinic is open: the store expires that page itself).
COMMANDS: dict[str, tuple[str, bool]] = {
    "benefits": ("guides", True),
    "back-pain": ("guides", True),
    "check": ("check", False),  # asks questions
    "guide": ("guides", True),
    "contact": ("contact", True),
    "request": ("request", False),  # asks questions and saves a draft
    "search": ("search", True),
    "guides": ("list_guides", True),
    "validate": ("validate", False),  # reports on files being edited: always read afresh
    "schema": ("schema", True),
}

#: The root options, before the command: those that take a value, and flags.
ROOT_OPTIONS_WITH_VALUE = frozenset({"--data-dir", "--color", "--lang", "--format", "-f"})
#: The root options every command takes after its name too (`runacu benefits --lang es`), each with a value:
#: given on both sides, the one after the command is read. A `--` after the command ends them, as any option.
GLOBAL_OPTIONS = frozenset({"--data-dir", "--color", "--lang"})
ROOT_FLAGS = frozenset({"--json", "--version", "--help", "-h"})
#: Root options that are paths read, not written.
ROOT_PATHS_READ = frozenset({"--data-dir"})
#: Options of any command that write a file: a run with one is never stored.
FILE_OPTIONS = frozenset({"--output", "-o"})


def replayable(argv: list[str]) -> bool:
    """Whether a run with these arguments may be stored and replayed.

    Unknown root options (a new one, taking a value or not) and commands not marked replayable
    make it False: the cost of a wrong False is one slower run, of a wrong True a wrong page.
    """
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        token = argv[index]
        name = token.partition("=")[0]
        if token in ROOT_OPTIONS_WITH_VALUE:
            index += 1  # its value
        elif not (token in ROOT_FLAGS or (name in ROOT_OPTIONS_WITH_VALUE and "=" in token) or _short_value(token)):
            return False  # --install-completion, a new option, `--`, a typo: not worth the risk
        index += 1
    if index < len(argv):
        entry = COMMANDS.get(argv[index])
        if entry is None or not entry[1]:
            return False
    return not any(_writes_a_file(token) for token in argv[index:])


def _short_value(token: str) -> bool:
    """`-fjson`: a short root option with its value attached."""
    return len(token) > 2 and token[1] != "-" and "-" + token[1] in ROOT_OPTIONS_WITH_VALUE


def _writes_a_file(token: str) -> bool:
    if token.partition("=")[0] in FILE_OPTIONS:
        return True
    # A short -o anywhere in a bundle of short options (`-o`, `-oFILE`, `-lo FILE`) writes a file.
    short_output = {option[1] for option in FILE_OPTIONS if len(option) == 2}
    return token[:1] == "-" and token[1:2] != "-" and any(letter in token for letter in short_output)


def data_dir_of(argv: list[str], environ: os._Environ[str] | dict[str, str] = os.environ) -> str | None:
    """The `--data-dir` a run reads: the last given, before or after the command, else $RUNACU_DATA_DIR (empty
    is unset, as Click reads it).

    Shell completion passes the words typed so far in $COMP_WORDS: a `--data-dir` there counts too.
    """
    words = list(argv)
    if environ.get("_RUNACU_COMPLETE"):
        words += environ.get("COMP_WORDS", "").split()[1:]  # the first is the program's name
    given = global_option(words, "--data-dir")
    return given if given is not None else (environ.get("RUNACU_DATA_DIR") or None)


def global_option(argv: list[str], option: str) -> str | None:
    """The value Click reads for the global `option` (one of `GLOBAL_OPTIONS`) in these arguments: the last given,
    before or after the command; not a word after the `--` that ends the command's options, nor the value of
    another global option (`--data-dir --lang` is a folder named `--lang`)."""
    found = None
    index, at_root = 0, True
    while index < len(argv):
        token = argv[index]
        name, equals, value = token.partition("=")
        if token == "--":
            if not at_root:
                break  # what follows is the command's arguments, whatever they look like
            at_root = False  # `runacu -- benefits`: the root's options end; the command's begin
        elif name in GLOBAL_OPTIONS or (at_root and name in ROOT_OPTIONS_WITH_VALUE):
            if not equals:
                if index + 1 == len(argv):
                    break  # no value: Click says so
                index += 1
                value = argv[index]
            if name == option:
                found = value
        elif at_root and not token.startswith("-"):
            at_root = False  # the command
        index += 1
    return found
