"""The session every command shares (where output goes, which data is active), and the clinic as it is now."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from runacu.errors import RunacuError
from runacu.views import OutputFormat, choose_format
from runacu.views.pager import PagerMode
from runacu.views.terminal import Terminal
from runacu.words import say

if TYPE_CHECKING:
    from runacu.content.library import Library
    from runacu.content.models import Clinic
    from runacu.views.blocks import Page
    from runacu.views.pages import ClinicView


@dataclass
class Session:
    """What every command shares: where output goes and which data is active."""

    terminal: Terminal
    data_dir: Path | None = None
    #: The global --format, for commands not given their own.
    default_format: OutputFormat | None = None

    @cached_property
    def library(self) -> Library:
        from runacu.content.library import Library
        from runacu.words import language

        return Library(self.data_dir, language=language())

    def report(self, message: str, label: str = "") -> None:
        """Each line of `message` on stderr as `runacu: ...`, with no control characters."""
        from runacu.content.text import neutralize

        for line in neutralize(message).splitlines() or [""]:
            self.terminal.err.write(f"runacu: {label}{line}\n" if line else "\n")
        self.terminal.err.flush()

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
            self.save(output(self.terminal, output_format, page, data).encode("utf-8"), options.output, "saved_output")
            return
        text = output(self.terminal, output_format, page, data)
        if output_format is OutputFormat.JSON:
            self.terminal.write_utf8(text)
            return
        show(text, self.terminal, options.pager)

    def format_of(self, options: OutputOptions) -> OutputFormat:
        return choose_format(options.output_format or self.default_format, options.as_json, self.terminal)

    def save(self, data: bytes, path: Path, said: str) -> None:
        from runacu.content.text import echo
        from runacu.new_file import check_output_path, write_new_file

        check_output_path(path)
        if not write_new_file(data, path, private=False):
            raise RunacuError(say("output_exists", path=echo(str(path))))
        self.report(say(said, path=echo(str(path))))


# A NamedTuple, not a frozen dataclass: defined on every run, it costs a fifth as much to create.
class OutputOptions(NamedTuple):
    """How a screen is written: its format, whether it is paged, and the file it goes to instead."""

    output_format: OutputFormat | None = None
    as_json: bool = False
    pager: PagerMode = PagerMode.AUTO
    output: Path | None = None


def current(ctx: typer.Context) -> Session:
    found = ctx.find_object(Session)
    if found is None:  # an error before the root callback ran
        found = Session(Terminal.from_environment())
        ctx.obj = found
    return found


def clinic_now(clinic: Clinic) -> ClinicView:
    """The clinic and whether it is open at this moment (the one clock the commands read)."""
    from runacu.clinic.hours import status_at
    from runacu.views.pages import ClinicView

    view = ClinicView(clinic, status_at(clinic, datetime.now(UTC)))
    _expire_with_the_status(view)
    return view


def call_to_action(session: Session, options: OutputOptions) -> ClinicView:
    """The clinic for a call to action: whether it is open now on a screen, not in a handout (Markdown, HTML)."""
    from runacu.views.pages import ClinicView

    clinic = session.library.load_clinic()
    if session.format_of(options) not in (OutputFormat.PLAIN, OutputFormat.RICH):
        return ClinicView(clinic, None)
    return clinic_now(clinic)


def do_not_store() -> None:
    """This run's output is not to be replayed (it depends on more than the stored page's key)."""
    from runacu import output_store

    if output_store.recorder is not None:
        output_store.recorder.spoilt = True


def _expire_with_the_status(view: ClinicView) -> None:
    """A stored copy of a page that says whether the clinic is open holds until that changes or its day ends."""
    from runacu import output_store

    if output_store.recorder is None or view.status is None:
        return
    moment = view.status.moment
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time(), tzinfo=moment.tzinfo)
    ends = min(view.status.next_change or midnight, midnight)
    output_store.recorder.expire_at(ends.timestamp())
