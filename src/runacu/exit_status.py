"""The exit codes runacu returns, named in one place (listed in README.md)."""

from enum import IntEnum


class ExitStatus(IntEnum):
    SUCCESS = 0
    #: Any other failure; also `search` with no matches, as grep does.
    ERROR = 1
    #: Bad command line: unknown option, unknown topic, bad --at time, missing data directory.
    USAGE = 2
    #: A data file is invalid (YAML syntax, wrong type, missing or unknown key, ...).
    INVALID_DATA = 3
    #: Interrupted with Ctrl-C (128 + SIGINT).
    INTERRUPTED = 130
