"""The session every command shares (where output goes, the reader's words, which data is active), and the clinic
as it is now."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from runacu.errors import RunacuError
from runacu.views import OutputFormat, choose_format
from runacu.views.pager import PagerMode
from runacu.views.terminal import Terminal
from runacu.words import N_, for_language, languages

if TYPE_CHECKING:
    from runacu.cache.pages import Recorder
    from runacu.clinic.hours import OpenStatus
    from runacu.content.library import Library
    from runacu.content.models import Clinic
    from runacu.views.blocks import Page
    from runacu.views.pages import ClinicView
    from runacu.words import Words


@dataclass
class Session:
    """What every command shares: where output goes, the reader's words and which data is active."""

    terminal: Terminal
    #: runacu's own words in the reader's language (--lang, else the environment): everything said is said in them.
    words: Words = field(kw_only=True)
    data_dir: Path | None = None
    #: The global --format, for commands not given their own.
    default_format: OutputFormat | None = None
    #: What this run writes, when it is to be stored for a repeat run (`cache/pages.py`).
    recorder: Recorder | None = None

    @cached_property
    def library(self) -> Library:
        from runacu.content.library import Library

        return Library(self.data_dir, language=self.words.language)

    def do_not_store(self) -> None:
        """This run's output is not to be replayed (it depends on more than the stored page's key)."""
        if self.recorder is not None:
            self.recorder.spoilt = True

    def report(self, message: str, label: str = "") -> None:
        """An error or a warning: each line of `message` on stderr as `runacu: ...` (`label` after it, such as
        "error: "), wrapped to the terminal, with no control characters."""
        from runacu.content.text import neutralize

        self._say(f"runacu: {label}{line}" if line else "" for line in neutralize(message).splitlines() or [""])

    def tell(self, message: str) -> None:
        """What is no error or warning ("saved to FILE", a line between questions): each line of `message` on stderr
        as it is, wrapped to the terminal, with no control characters."""
        from runacu.content.text import neutralize

        self._say(neutralize(message).splitlines() or [""])

    def _say(self, lines: Iterable[str]) -> None:
        try:
            for line in lines:
                self.terminal.err.write(self.terminal.wrap_message(line) + "\n")
            self.terminal.err.flush()
        except (OSError, ValueError):  # stderr full or closed: there is nowhere to say it; the exit status still tells
            pass

    def show(
        self,
        page: Callable[[], Page],
        data: Callable[[], object],
        options: OutputOptions,
    ) -> None:
        """Write a screen in the chosen format: to --output, through the pager, or straight out."""
        from runacu.views import output
        from runacu.views.pager import show

        output_format = self.format_of(options)
        if "library" in self.__dict__:  # what was loaded in English for want of a translation, said once
            for notice in dict.fromkeys(self.library.notices):
                self.report(notice)
            self.library.notices.clear()
        if options.output is not None:
            self.save(
                output(self.terminal, output_format, page, data).encode("utf-8"), options.output, N_("saved to {path}")
            )
            return
        text = output(self.terminal, output_format, page, data)
        if output_format is OutputFormat.JSON:
            self.terminal.write_utf8(text)
            return
        paged = show(text, self.terminal, options.pager)
        if paged is not None and self.recorder is not None:
            self.recorder.paged(paged)

    def format_of(self, options: OutputOptions) -> OutputFormat:
        return choose_format(options.output_format or self.default_format, options.as_json, self.terminal)

    def save(self, data: bytes, path: Path, said: str) -> None:
        from runacu.content.text import echo
        from runacu.new_file import check_output_path, write_new_file

        check_output_path(path, self.words)
        if not write_new_file(data, path, private=False):
            raise RunacuError(
                self.words.say("'{path}' already exists; choose another --output path", path=echo(str(path)))
            )
        self.tell(self.words.say(said, path=echo(str(path))))


def silence_stdout() -> None:
    """The reader went away (`runacu benefits | head`) or stdout cannot be written: drop the rest quietly,
    with no flush error at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class Start(NamedTuple):
    """What the caller hands the CLI (as Click's `obj`) before anything is parsed."""

    #: Where output goes: tests inject one; else the process's own streams.
    terminal: Terminal | None = None
    #: The recorder of a run whose output is to be stored (`launch.py`).
    recorder: Recorder | None = None


# A NamedTuple, not a frozen dataclass: defined on every run, it costs a fifth as much to create.
class OutputOptions(NamedTuple):
    """How a screen is written: its format, whether it is paged, and the file it goes to instead."""

    output_format: OutputFormat | None = None
    as_json: bool = False
    pager: PagerMode = PagerMode.AUTO
    output: Path | None = None


def current(ctx: typer.Context) -> Session:
    found = ctx.find_object(Session)
    if found is None:  # an error before the root callback ran: in the language it would have chosen
        found = Session(Terminal.from_environment(), words=reader_words(ctx.find_root().params.get("lang")))
        ctx.obj = found
    return found


def reader_words(chosen: str | None) -> Words:
    """The reader's words: `chosen` (--lang) when given, else RUNACU_LANG, else the locale (LC_ALL,
    LC_MESSAGES, LANG), where any `es` or `es_XX` means Spanish; else English."""
    if chosen is not None:
        return for_language(str(chosen))
    if (code := os.environ.get("RUNACU_LANG", "").strip().lower()) in languages():
        return for_language(code)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := os.environ.get(name):
            return for_language(value.split(".")[0].split("_")[0].split("-")[0].lower())
    return for_language("en")


def clinic_now(session: Session, clinic: Clinic) -> ClinicView:
    """The clinic and whether it is open at this moment (the one clock the commands read).

    A stored copy of a page that says so holds until that changes or the clinic's day ends.
    """
    from runacu.clinic.hours import status_at
    from runacu.views.pages import ClinicView

    view = ClinicView(clinic, status_at(clinic, datetime.now(UTC)))
    if session.recorder is not None and view.status is not None:
        session.recorder.expire_at(stored_until(view.status).timestamp())
    return view


def stored_until(status: OpenStatus) -> datetime:
    """When a page saying `status` goes stale: when it next changes, or at the clinic's next midnight."""
    moment = status.moment
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), tzinfo=moment.tzinfo)
    return min(status.next_change or midnight, midnight)


def call_to_action(session: Session, options: OutputOptions) -> ClinicView:
    """The clinic for a call to action: whether it is open now on a screen, not in a handout (Markdown, HTML).

    An HTML page is handed out: it ends with this week's opening hours (so a stored copy lasts no longer than today).
    """
    from runacu.views.pages import ClinicView

    clinic = session.library.load_clinic()
    chosen = session.format_of(options)
    if chosen is OutputFormat.HTML:
        return replace(clinic_now(session, clinic), handout=True)
    if chosen not in (OutputFormat.PLAIN, OutputFormat.RICH):
        return ClinicView(clinic, None)
    return clinic_now(session, clinic)
