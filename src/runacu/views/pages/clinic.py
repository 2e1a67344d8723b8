"""The clinic card, its open-or-closed sentence, and the clinic's call to action at the end of a guide or check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from runacu.content import cldr
from runacu.views import dates
from runacu.views.blocks import (
    Block,
    BulletList,
    Code,
    Definitions,
    Emphasis,
    Handout,
    Heading,
    Inline,
    Inlines,
    Link,
    Page,
    Paragraph,
    Section,
    Strong,
    Table,
)
from runacu.views.pages.commands import command
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.clinic.hours import OpenStatus
    from runacu.content.models import Clinic, Interval
    from runacu.words import Words


@dataclass(frozen=True)
class ClinicView:
    """What the clinic card shows: the clinic, the moment asked about, and whether that moment is now."""

    clinic: Clinic
    status: OpenStatus | None
    #: The reader asked about this moment with --at (so no "now", no "today").
    asked: bool = False
    ambiguous: bool = False
    #: The page is handed out (HTML): the clinic's header and footer go on it (the card is its own), its times
    #: are never broken across lines, and it tells nobody to type a command, nor whether the clinic is open at
    #: the moment it was made.
    handout: bool = False


def status_sentence(words: Words, view: ClinicView) -> str:
    """'Open now, closes 6:00 PM', or 'Open at Fri, Dec 25, 2026, 10:00 AM, closes 6:00 PM'."""
    status = view.status
    assert status is not None
    if view.asked:
        moment = status.moment.time()
        when = words.say_in(
            "the moment asked about",
            "{date}, {at}",
            date=dates.short_date(status.moment, words.language),
            time=dates.clock(moment, words.language),
            at=_at(words, moment),
        )
        state = words.say(N_("Open at {when}") if status.is_open else N_("Closed at {when}"), when=when)
    else:
        # Now is not spelt out: its time to the second would be a new memo entry (and a babel import) every run.
        state = words.say(N_("Open now") if status.is_open else N_("Closed now"))
    if not status.is_open and status.closure_reason:
        state += f" ({status.closure_reason})"
    if status.next_change is None:
        return state
    change = _relative(words, status.next_change, status.moment, view.asked)
    return words.say(
        N_("{state}, closes {when}") if status.is_open else N_("{state}, opens {when}"), state=state, when=change
    )


def _at(words: Words, moment: time) -> str:
    """'6:00 PM'; in Spanish 'a las 6:00 p. m.', and 'a la 1:00 p. m.' in the one o'clock hour."""
    time = dates.clock(moment, words.language)
    if moment.hour % 12 == 1:
        return words.say_in("at a time in the one o'clock hour", "{time}", time=time)
    return words.say_in("at a time", "{time}", time=time)


def _relative(words: Words, change: datetime, moment: datetime, asked: bool) -> str:
    at = _at(words, change.time())
    days = (change.date() - moment.date()).days
    if days == 0:
        return at
    if days == 1 and not asked:
        return words.say("tomorrow {at}", at=at)
    if days < 7:
        return words.say("{day} {at}", day=dates.weekday_in_sentence(change.weekday(), words.language), at=at)
    return words.say_in(
        "the day the clinic opens or closes", "{date}, {at}", date=dates.long_date(change.date(), words.language), at=at
    )


def describe_day(words: Words, intervals: Sequence[Interval], unbroken: bool = False) -> str:
    """'8:00 AM to 6:00 PM' (with an en dash), several intervals joined by commas, or 'Closed'.

    `unbroken` (a page handed out: HTML, which the browser wraps) joins each time's words with no-break spaces:
    never '6:00' / 'PM'. A terminal's writers keep times whole themselves, and Markdown is the text as written.
    """
    if not intervals:
        return words.say("Closed")

    def clock(moment: time) -> str:
        text = dates.clock(moment, words.language)
        return text.replace(" ", "\u00a0") if unbroken else text

    return ", ".join(f"{clock(i.opens)} \u2013 {clock(i.closes)}" for i in intervals)


def clinic_page(words: Words, view: ClinicView, publishing: bool = False) -> Page:
    """The clinic card. `publishing` (Markdown, HTML) shows the status only for a moment asked about."""
    from runacu.clinic.hours import closures_ahead

    clinic, status = view.clinic, view.status
    blocks: list[Block] = [Paragraph((Emphasis(clinic.tagline),))] if clinic.tagline else []
    blocks.append(_card(words, clinic))
    show_status = status is not None and (view.asked or not publishing)
    if status is not None and show_status:
        blocks.append(Paragraph((Strong(status_sentence(words, view)),)))
        if view.ambiguous:
            blocks.append(
                Paragraph(
                    (
                        words.say(
                            "That time happens twice in the clinic's time zone (clocks go back): the"
                            " first one is shown."
                        ),
                    ),
                    quiet=True,
                )
            )
    day = _day(view)
    blocks += _opening_hours(words, view, day, highlight=show_status)
    ahead = closures_ahead(clinic, day)
    if ahead:
        items = tuple(
            (Paragraph((dates.long_date(c.date, words.language) + (f": {c.reason}" if c.reason else ""),)),)
            for c in ahead
        )
        blocks += [Heading(words.say("Closures in the next 30 days")), BulletList(items)]
    return Page(clinic.name, tuple(blocks), language=words.language)


def _day(view: ClinicView) -> date:
    return view.status.moment.date() if view.status is not None else datetime.now().date()


def _card(words: Words, clinic: Clinic) -> Definitions:
    """The clinic's phone, address (a link to a map), email and website."""
    from runacu.clinic.mailto import mailto

    rows: list[tuple[str, Inlines]] = [
        (words.say("Phone"), (Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),)),
        (words.say("Address"), (Link(address_line(words, clinic), _map_link(words, clinic), print_target=False),)),
    ]
    if clinic.email:
        rows.append((words.say("Email"), (Link(clinic.email, mailto(clinic.email)),)))
    if clinic.website:
        rows.append((words.say("Website"), (Link(clinic.website, clinic.website),)))
    return Definitions(tuple(rows))


def _opening_hours(words: Words, view: ClinicView, day: date, highlight: bool) -> list[Block]:
    """The heading and the table of the week around `day`, that day's row highlighted if asked."""
    from runacu.clinic.hours import week_around

    clinic = view.clinic
    week = week_around(clinic, day)
    table_rows = []
    for entry in week:
        hours = describe_day(words, entry.intervals, unbroken=view.handout)
        if entry.closure is not None:
            hours = (
                words.say("Closed: {reason}", reason=entry.closure.reason)
                if entry.closure.reason
                else words.say("Closed")
            )
        table_rows.append(((dates.weekday_name(entry.date.weekday(), words.language),), (hours,)))
    today = words.say("the day asked about") if view.asked else words.say("today")
    row = next((i for i, d in enumerate(week) if d.date == day), None) if highlight else None
    return [
        Heading(words.say("Opening hours ({zone})", zone=dates.zone_name(clinic.timezone, words.language))),
        Table((words.say("Day"), words.say("Hours")), tuple(table_rows), row, today),
    ]


def address_line(words: Words, clinic: Clinic) -> str:
    """The clinic's address on one line, its country named in the reader's language (from CLDR)."""
    return clinic.address.one_line(cldr.country_name(clinic.address.country, words.language))


def _map_link(words: Words, clinic: Clinic) -> str:
    return f"https://www.openstreetmap.org/search?query={quote_plus(address_line(words, clinic))}"


def handout(words: Words, view: ClinicView | None) -> Handout | None:
    """The clinic's header and footer for a page handed out, or None for a page read at a terminal.

    At the top, the clinic's name and phone; at the end, its card and this week's opening hours, which
    a screen leaves to `runacu contact`.
    """
    if view is None or not view.handout:
        return None
    clinic = view.clinic
    phone = Link(clinic.phone.display, f"tel:{clinic.phone.e164}")
    hours = _opening_hours(words, view, _day(view), highlight=False)
    return Handout(clinic.name, (phone,), (Section(None, clinic.name, (_card(words, clinic), *hours)),))


def call_to_action(words: Words, contact: ClinicView) -> Paragraph:
    """The clinic's name, phone and whether it is open now, worded so it cannot read as what to do for a warning sign.

    No tagline: marketing has no place inside medical advice (`contact` shows it, once).
    """
    clinic = contact.clinic
    parts: list[Inline] = [
        words.say("For questions about acupuncture, or to book a visit, call {name} at", name=clinic.name),
        " ",
        Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),
        ".",
    ]
    if contact.handout:  # the page itself ends with the address and opening hours, and outlives this moment
        return Paragraph(tuple(parts))
    if contact.status is not None:
        sentence = status_sentence(words, contact)
        parts += [" ", sentence if sentence.endswith(".") else sentence + "."]
    parts += [
        " ",
        words.say("Run"),
        " ",
        Code(command("contact")),
        " ",
        words.say("for the address and opening hours."),
    ]
    return Paragraph(tuple(parts))
