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
    """The `--data-dir` a run reads: the last given, else $RUNACU_DATA_DIR (empty is unset, as Click reads it).

    Shell completion passes the words typed so far in $COMP_WORDS: a `--data-dir` there counts too.
    """
    custom = environ.get("RUNACU_DATA_DIR") or None
    words = list(argv)
    if environ.get("_RUNACU_COMPLETE"):
        words += environ.get("COMP_WORDS", "").split()
    for index, token in enumerate(words):
        if token == "--data-dir" and index + 1 < len(words):
            custom = words[index + 1]
        elif token.startswith("--data-dir="):
            custom = token.partition("=")[2]
    return custom
