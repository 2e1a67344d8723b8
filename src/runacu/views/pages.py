"""The page builders: each screen runacu shows, built once as blocks, for every format to write.

The only code in the view layer that walks the content models. Every word it adds comes from
the `runacu.words.Words` a builder is given (the reader's language); dates and times come from
`views/dates.py`, in that language too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from runacu.views import dates
from runacu.views.blocks import (
    Block,
    BulletList,
    Callout,
    CalloutLevel,
    Code,
    Definitions,
    Emphasis,
    Heading,
    Inline,
    Inlines,
    Link,
    Mark,
    Page,
    Paragraph,
    Section,
    Strong,
    Table,
)

if TYPE_CHECKING:
    from runacu.clinic.hours import OpenStatus
    from runacu.content.library import GuideSummary
    from runacu.content.models import Clinic, Guide, Interval, RedFlags, Source, Topic
    from runacu.content.problems import Problem
    from runacu.content.search import SearchHit, SearchResult, WarningSign
    from runacu.content.warning_check import CheckResult
    from runacu.words import Words

#: The guide `runacu check` checks when none is named.
DEFAULT_CHECK_GUIDE = "back-pain"
#: The US emergency number: made a `tel:` link wherever an action names it.
EMERGENCY_NUMBER = "911"

#: How each red-flag level looks: the most urgent is a danger callout.
CALLOUT_LEVELS: dict[str, CalloutLevel] = {"emergency": "danger", "today": "warning", "soon": "note"}


#: Wrapping whitespace in a data text; a no-break space (as in "27.4 %") is kept as written.
_ASCII_SPACE = re.compile("[ \t\n]+")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a data text, each on one line: a blank line separates them, a line break is wrapping.

    (The loader turns a folded block's line breaks, which stand for blank lines, into blank lines.)
    """
    return [" ".join(_ASCII_SPACE.split(part.strip(" \t\n"))) for part in text.split("\n\n") if part.strip()]


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph((part,)) for part in paragraphs(text)]


def command(*words: str) -> str:
    """The command a reader types, as they would type it."""
    return " ".join(("runacu", *words))


# Guides


def guide_page(
    words: Words, guide: Guide, topics: Sequence[tuple[int, Topic]], contact: ClinicView, command_words: Sequence[str]
) -> Page:
    """A guide, whole (with its intro) or some of its topics, ending with the clinic and the review date."""
    whole = len(topics) == len(guide.topics)
    blocks: list[Block] = _paragraphs(guide.intro) if whole else []
    if whole and guide.sources:
        blocks += [
            Heading(words.say("sources"), 3),
            BulletList(tuple(_source(words, s) for s in guide.sources), quiet=True),
        ]
    if whole and (pointer := warning_signs_pointer(words, guide)) is not None:
        blocks.append(pointer)
    blocks += [topic_section(words, number, topic) for number, topic in topics]
    if not whole:
        blocks.append(Paragraph((words.say("whole_guide"), " ", Code(command(*command_words))), quiet=True))
    return Page(guide.title, tuple(blocks), footer=guide_footer(words, guide, contact), language=words.language)


def warning_signs_pointer(words: Words, guide: Guide) -> Paragraph | None:
    """One line under the intro saying where the warning signs are, so a reader in trouble need not read on."""
    found = next(((number, topic) for number, topic in enumerate(guide.topics, 1) if topic.red_flags), None)
    if found is None:
        return None
    number, topic = found
    check = command("check") if guide.slug == DEFAULT_CHECK_GUIDE else command("check", guide.slug)
    return Paragraph((Strong(words.say("warning_signs_pointer", number=number, title=topic.title)), " ", Code(check)))


def guide_footer(words: Words, guide: Guide, contact: ClinicView) -> tuple[Block, ...]:
    return (
        call_to_action(words, contact),
        Paragraph(
            (
                words.say(
                    "last_reviewed",
                    date=dates.long_date(guide.reviewed, words.language),
                    next=dates.long_date(guide.next_review, words.language),
                ),
            ),
            quiet=True,
        ),
        Paragraph((Strong(words.say("disclaimer_label")), " ", guide.disclaimer), quiet=True),
    )


def call_to_action(words: Words, contact: ClinicView) -> Paragraph:
    """The clinic's name, phone and whether it is open now, worded so it cannot read as what to do for a warning sign.

    No tagline: marketing has no place inside medical advice (`contact` shows it, once).
    """
    clinic = contact.clinic
    parts: list[Inline] = [
        words.say("cta_call", name=clinic.name),
        " ",
        Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),
        ".",
    ]
    if contact.status is not None:
        sentence = status_sentence(words, contact)
        parts += [" ", sentence if sentence.endswith(".") else sentence + "."]
    parts += [" ", words.say("cta_or_run"), " ", Code(command("contact")), " ", words.say("cta_for_hours")]
    return Paragraph(tuple(parts))


def evidence_line(words: Words, topic: Topic) -> Paragraph:
    """'Evidence: Animal or lab studies only. In rats, ...': the label in words, never colour alone."""
    label = words.say(f"evidence_{topic.evidence.kind}")
    return Paragraph((Strong(words.say("evidence_label", kind=label)), " ", topic.evidence.note))


def topic_section(words: Words, number: int, topic: Topic) -> Section:
    body: list[Block] = [Paragraph((Emphasis(topic.summary),)), evidence_line(words, topic)]
    body += [red_flag_callout(words, flags) for flags in topic.red_flags]
    body += _paragraphs(topic.explanation)
    # A list with its own heading (conditions to tell a practitioner about) is never shown as tips.
    for listed in topic.lists:
        body += [Heading(listed.heading, 3), BulletList(tuple((Paragraph((item,)),) for item in listed.items))]
    if topic.tips:
        body += [Heading(words.say("tips"), 3), BulletList(tuple((Paragraph((tip,)),) for tip in topic.tips))]
    if topic.sources:
        body += [
            Heading(words.say("sources"), 3),
            BulletList(tuple(_source(words, s) for s in topic.sources), quiet=True),
        ]
    return Section(number, topic.title, tuple(body), name=topic.slug)


def red_flag_callout(words: Words, flags: RedFlags) -> Callout:
    """One level of warning signs: the action in bold, then the signs."""
    return Callout(
        CALLOUT_LEVELS[flags.level],
        words.say(f"level_{flags.level}"),
        (
            Paragraph((Strong(flags.action),)),
            Paragraph((words.say("if_any_sign"),)),
            BulletList(tuple((Paragraph((sign,)),) for sign in flags.signs)),
        ),
    )


def _source(words: Words, source: Source) -> tuple[Block, ...]:
    citation: list[Inline] = [source.citation]
    if source.doi:
        citation += [" ", Link(f"doi:{source.doi}", f"https://doi.org/{source.doi}")]
    elif source.url:
        citation += [" ", Link(source.url, source.url)]
    blocks: list[Block] = [Paragraph(tuple(citation), quiet=True)]
    if source.note:
        blocks.append(Paragraph((Strong(words.say("evidence_note")), " ", source.note), quiet=True))
    return tuple(blocks)


def guides_page(words: Words, guides: Sequence[GuideSummary]) -> Page:
    rows = tuple(((Code(g.slug),), (g.title,), (words.say_count("topic_count", g.topics),)) for g in guides)
    table = Table((words.say("guide"), words.say("title"), words.say("topics")), rows)
    hint = Paragraph(
        (words.say("open_a_guide"), " ", Code(command("guide", words.say("placeholder_guide")))), quiet=True
    )
    return Page(words.say("guides_title"), (table, hint), language=words.language, lines=tuple(g.slug for g in guides))


def slugs_page(words: Words, guide: Guide) -> Page:
    items = tuple((Paragraph((Code(t.slug), " ", t.title)),) for t in guide.topics)
    return Page(guide.title, (BulletList(items),), language=words.language, lines=tuple(guide.topic_slugs))


# The clinic


@dataclass(frozen=True)
class ClinicView:
    """What the clinic card shows: the clinic, the moment asked about, and whether that moment is now."""

    clinic: Clinic
    status: OpenStatus | None
    #: The reader asked about this moment with --at (so no "now", no "today").
    asked: bool = False
    ambiguous: bool = False


def status_sentence(words: Words, view: ClinicView) -> str:
    """'Open now, closes 6:00 PM', or 'Open at Fri, Dec 25, 2026, 10:00 AM, closes 6:00 PM'."""
    status = view.status
    assert status is not None
    if view.asked:
        moment = status.moment.time()
        when = words.say(
            "at_moment",
            date=dates.short_date(status.moment, words.language),
            time=dates.clock(moment, words.language),
            at=_at(words, moment),
        )
        state = words.say("open_at" if status.is_open else "closed_at", when=when)
    else:
        # Now is not spelt out: its time to the second would be a new memo entry (and a babel import) every run.
        state = words.say("open_now" if status.is_open else "closed_now")
    if not status.is_open and status.closure_reason:
        state += f" ({status.closure_reason})"
    if status.next_change is None:
        return state
    change = _relative(words, status.next_change, status.moment, view.asked)
    return words.say("closes_then" if status.is_open else "opens_then", state=state, when=change)


def _at(words: Words, moment: time) -> str:
    """'6:00 PM'; in Spanish 'a las 6:00 p. m.', and 'a la 1:00 p. m.' in the one o'clock hour."""
    return words.say("at_time_one" if moment.hour % 12 == 1 else "at_time", time=dates.clock(moment, words.language))


def _relative(words: Words, change: datetime, moment: datetime, asked: bool) -> str:
    at = _at(words, change.time())
    days = (change.date() - moment.date()).days
    if days == 0:
        return at
    if days == 1 and not asked:
        return words.say("tomorrow_at", at=at)
    if days < 7:
        return words.say("day_at", day=dates.weekday_in_sentence(change.weekday(), words.language), at=at)
    return words.say("date_at", date=dates.long_date(change.date(), words.language), at=at)


def describe_day(words: Words, intervals: Sequence[Interval]) -> str:
    """'8:00 AM to 6:00 PM' (with an en dash), several intervals joined by commas, or 'Closed'."""
    if not intervals:
        return words.say("closed")
    return ", ".join(
        f"{dates.clock(i.opens, words.language)} \u2013 {dates.clock(i.closes, words.language)}" for i in intervals
    )


def clinic_page(words: Words, view: ClinicView, publishing: bool = False) -> Page:
    """The clinic card. `publishing` (Markdown, HTML) shows the status only for a moment asked about."""
    from runacu.clinic.hours import closures_ahead, week_around
    from runacu.clinic.mailto import mailto

    clinic, status = view.clinic, view.status
    rows: list[tuple[str, Inlines]] = [
        (words.say("phone"), (Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),)),
        (words.say("address"), (Link(clinic.address.one_line, _map_link(clinic)),)),
    ]
    if clinic.email:
        rows.append((words.say("email"), (Link(clinic.email, mailto(clinic.email)),)))
    if clinic.website:
        rows.append((words.say("website"), (Link(clinic.website, clinic.website),)))
    blocks: list[Block] = [Paragraph((Emphasis(clinic.tagline),))] if clinic.tagline else []
    blocks.append(Definitions(tuple(rows)))
    show_status = status is not None and (view.asked or not publishing)
    if status is not None and show_status:
        blocks.append(Paragraph((Strong(status_sentence(words, view)),)))
        if view.ambiguous:
            blocks.append(Paragraph((words.say("at_ambiguous"),), quiet=True))
    day = status.moment.date() if status is not None else datetime.now().date()
    week = week_around(clinic, day)
    highlight = next((i for i, d in enumerate(week) if d.date == day), None) if show_status else None
    table_rows = []
    for entry in week:
        hours = describe_day(words, entry.intervals)
        if entry.closure is not None:
            hours = (
                words.say("closed_for", reason=entry.closure.reason) if entry.closure.reason else words.say("closed")
            )
        table_rows.append(((dates.weekday_name(entry.date.weekday(), words.language),), (hours,)))
    today = words.say("asked_day") if view.asked else words.say("today")
    blocks += [
        Heading(words.say("opening_hours", zone=dates.zone_name(clinic.timezone, words.language))),
        Table((words.say("day"), words.say("hours")), tuple(table_rows), highlight, today),
    ]
    ahead = closures_ahead(clinic, day)
    if ahead:
        items = tuple(
            (Paragraph((dates.long_date(c.date, words.language) + (f": {c.reason}" if c.reason else ""),)),)
            for c in ahead
        )
        blocks += [Heading(words.say("closures_ahead")), BulletList(items)]
    return Page(clinic.name, tuple(blocks), language=words.language)


def _map_link(clinic: Clinic) -> str:
    return f"https://www.openstreetmap.org/search?query={quote_plus(clinic.address.one_line)}"


# The quick card, search, validate and the request receipt


def _placeholder(words: Words, word: str) -> str:
    """A word of an example command; one in capitals (WORD) is a placeholder, said in the reader's language."""
    return words.say(f"placeholder_{word.lower()}") if word.isupper() else word


@dataclass(frozen=True)
class CardCommand:
    words: tuple[str, ...]
    help: str


def overview_page(
    words: Words, clinic: Clinic, runners: Sequence[CardCommand], clinic_tools: Sequence[CardCommand]
) -> Page:
    """Bare `runacu`: one line on what it is, runnable examples, and the clinic's phone."""

    def examples(commands: Sequence[CardCommand]) -> Table:
        return Table(
            (), tuple(((Code(command(*(_placeholder(words, word) for word in c.words))),), (c.help,)) for c in commands)
        )

    blocks: tuple[Block, ...] = (
        Paragraph((words.say("tagline"),)),
        Heading(words.say("for_runners"), 3),
        examples(runners),
        Heading(words.say("for_the_clinic"), 3),
        examples(clinic_tools),
        Definitions(((clinic.name, (Link(clinic.phone.display, f"tel:{clinic.phone.e164}"),)),)),
        Paragraph((words.say("help_hint"), " ", Code(command(words.say("placeholder_command"), "--help"))), quiet=True),
    )
    return Page("runacu", blocks, language=words.language)


#: How many answers a search shows in full, and how many it shows in all (the rest by title only).
SEARCH_IN_FULL = 3
SEARCH_SHOWN = 5


def search_page(
    words: Words,
    query: Sequence[str],
    result: SearchResult,
    opener: Callable[[str, str | None], tuple[str, ...]],
    guides: Sequence[GuideSummary] = (),
    show_all: bool = False,
) -> Page:
    """The answers to a search, best first, each ending with the command that opens it; or, when none
    answers, where to go instead. A warning sign the query names comes first, whatever else was found."""
    from runacu.content.text import echo

    asked = echo(" ".join(query))
    blocks: list[Block] = [_warning_callout(words, result.warning)] if result.warning is not None else []
    if result.hits:
        full = result.hits if show_all else result.hits[:SEARCH_IN_FULL]
        # A list of one per answer: every format leaves a blank line between two lists.
        blocks += [BulletList((_answer(hit, opener),)) for hit in full]
        also = result.hits[len(full) : SEARCH_SHOWN]
        if also:
            blocks += [
                Heading(words.say("search_also"), 3),
                BulletList(tuple(_topic_line(hit, opener) for hit in also)),
            ]
        if (more := result.total - len(full) - len(also)) > 0:
            blocks.append(Paragraph((words.say_count("search_more", more),), quiet=True))
        if read_as := [found for typed, found in result.suggestions.items() if typed not in result.unknown]:
            blocks.append(
                Paragraph((words.say("search_read_as", words=_quoted(list(dict.fromkeys(read_as)))),), quiet=True)
            )
        if result.unknown:
            blocks.append(Paragraph((words.say("search_unknown", words=_quoted(result.unknown)),), quiet=True))
        if result.other_language is not None:
            blocks.append(_in_language(words, query, result.other_language))
    else:
        blocks += _nothing_found(words, asked, result, opener, guides, query)
    return Page(words.say("search_title", query=asked), tuple(blocks), language=words.language)


def _in_language(words: Words, query: Sequence[str], other: str) -> Paragraph:
    """The same search in the language the query seems to be written in."""
    return Paragraph((words.say(f"search_in_{other}"), " ", Code(_search_command(query, other))))


def _search_command(query: Sequence[str], other: str) -> str:
    import shlex

    from runacu.content.text import echo

    return command("--lang", other, "search", echo(shlex.join(query)))


def _answer(hit: SearchHit, opener: Callable[[str, str | None], tuple[str, ...]]) -> tuple[Block, ...]:
    """A topic that answers: its title and guide, the part of its text that answers, the command that opens it."""
    snippet: list[Inline] = []
    cursor = 0
    for start, end in hit.spans:
        snippet += [hit.snippet[cursor:start], Mark(hit.snippet[start:end])]
        cursor = end
    snippet.append(hit.snippet[cursor:])
    return (
        Paragraph((Strong(hit.topic.title), f" ({hit.guide_title})")),
        Paragraph(tuple(part for part in snippet if part)),
        Paragraph((Code(command(*opener(hit.guide_slug, hit.topic.slug))),), quiet=True),
    )


def _topic_line(hit: SearchHit, opener: Callable[[str, str | None], tuple[str, ...]]) -> tuple[Block, ...]:
    command_words = opener(hit.guide_slug, hit.topic.slug)
    return (Paragraph((Strong(hit.topic.title), f" ({hit.guide_title}): ", Code(command(*command_words)))),)


def _clause(text: str) -> str:
    return text.strip().rstrip(".")


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f"'{word}'" for word in words)


def _nothing_found(
    words: Words,
    asked: str,
    result: SearchResult,
    opener: Callable[[str, str | None], tuple[str, ...]],
    guides: Sequence[GuideSummary],
    query: Sequence[str],
) -> list[Block]:
    """Never a dead end: a typo's likely word, what is not covered here, the other language, the closest topics,
    every guide."""
    blocks: list[Block] = [Paragraph((Strong(words.say("search_nothing", query=asked)),))]
    if result.suggestions:
        likely = words.say("or").join(f"'{word}'" for word in dict.fromkeys(result.suggestions.values()))
        blocks.append(Paragraph((words.say("search_did_you_mean", words=likely),)))
    if result.other_language is not None:  # its words are not "not covered": they are in another language
        blocks.append(_in_language(words, query, result.other_language))
    elif uncovered := [word for word in result.unknown if word not in result.suggestions]:
        blocks.append(
            Paragraph((words.say("search_not_covered", words=_quoted(uncovered)), " ", Code(command("contact"))))
        )
    if result.near:
        items = tuple(_topic_line(hit, opener) for hit in result.near)
        blocks += [Heading(words.say("search_closest"), 3), BulletList(items)]
    if guides:
        items = tuple((Paragraph((Strong(g.title), ": ", Code(command(*opener(g.slug, None))))),) for g in guides)
        blocks += [Heading(words.say("search_guides"), 3), BulletList(items)]
    return blocks


def _warning_callout(words: Words, warning: WarningSign) -> Callout:
    """The action for the warning sign a search names, the most urgent action too, and the way to the check."""
    flags, title = warning.flags, warning.topic.title
    named = words.say("search_warning", title=title)
    if warning.sign is not None:
        named = words.say("search_warning_sign", title=title, sign=_clause(warning.sign))
    body: list[Block] = [Paragraph(action_inlines(flags.action)), Paragraph((named,))]
    if warning.emergency_action is not None:
        body.append(Paragraph((words.say("search_warning_emergency"), " ", *action_inlines(warning.emergency_action))))
    check = Code(_check_command(warning))
    body += [
        Paragraph((words.say("search_warning_check"), " ", check)),
        Paragraph((words.say("search_not_diagnosis"),)),
    ]
    return Callout(CALLOUT_LEVELS[flags.level], words.say(f"level_{flags.level}"), tuple(body))


def _check_command(warning: WarningSign) -> str:
    return command("check") if warning.guide_slug == DEFAULT_CHECK_GUIDE else command("check", warning.guide_slug)


def search_nothing_line(words: Words, query: Sequence[str], result: SearchResult) -> str:
    """When no topic answers, why, in one line for stderr (beside JSON's empty list): the words not covered,
    a typo's likely word, the other language."""
    from runacu.content.text import echo

    parts = [words.say("search_nothing", query=echo(" ".join(query)))]
    if result.suggestions:
        likely = words.say("or").join(f"'{word}'" for word in dict.fromkeys(result.suggestions.values()))
        parts.append(words.say("search_did_you_mean", words=likely))
    if result.other_language is not None:
        parts.append(
            f"{words.say(f'search_in_{result.other_language}')} {_search_command(query, result.other_language)}"
        )
    elif uncovered := [word for word in result.unknown if word not in result.suggestions]:
        parts.append(f"{words.say('search_not_covered', words=_quoted(uncovered))} {command('contact')}")
    return " ".join(parts)


def search_warning_line(words: Words, warning: WarningSign) -> str:
    """The warning sign a search names, in one line for stderr (beside JSON, which holds only the answers)."""
    sign = _clause(warning.sign) if warning.sign is not None else warning.topic.title
    return words.say("search_warning_line", sign=sign, action=warning.flags.action, command=_check_command(warning))


def validate_page(words: Words, files: Sequence[str], problems: Sequence[Problem]) -> Page:
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    blocks: list[Block] = []
    for heading, found in ((words.say("problems"), errors), (words.say("warnings"), warnings)):
        if found:
            items = tuple(
                (Paragraph((Strong(p.where), ": ", *((Code(p.field), ": ") if p.field else ()), p.message)),)
                for p in found
            )
            blocks += [Heading(heading), BulletList(items)]
    summary = validate_summary(words, len(files), len(errors), len(warnings))
    blocks.append(Paragraph((Strong(summary),)))
    # In a pipe, one `file:line:column: field: message` per line, as compilers write them, for editors and grep.
    lines = (*(str(p) for p in errors), *(f"{p} ({words.say('warning')})" for p in warnings), summary)
    return Page(words.say("validate_title"), tuple(blocks), language=words.language, lines=lines)


def validate_summary(words: Words, files: int, errors: int, warnings: int) -> str:
    if errors:
        text = words.say_count("n_problems", errors, files=words.say_count("n_files", files))
    else:
        text = words.say("all_valid", files=words.say_count("n_files", files))
    if warnings:
        text += " " + words.say_count("n_warnings", warnings)
    return text


@dataclass(frozen=True)
class Receipt:
    """Where `runacu request` put the draft, and how to reach the clinic with it."""

    path: str | None
    clinic: Clinic
    mailto: str | None


def receipt_page(words: Words, receipt: Receipt) -> Page:
    clinic = receipt.clinic
    blocks: list[Block] = []
    if receipt.path is not None:
        blocks += [Paragraph((words.say("saved_request"),)), Paragraph((Code(receipt.path),))]
    if receipt.mailto:
        blocks.append(Paragraph((words.say("send_it"),)))
        blocks.append(Paragraph((Link(receipt.mailto, receipt.mailto),)))
    else:
        blocks.append(Paragraph((words.say("no_clinic_email"),)))
    blocks.append(
        Paragraph((words.say("or_call", name=clinic.name), " ", Link(clinic.phone.display, f"tel:{clinic.phone.e164}")))
    )
    return Page(words.say("request_title"), tuple(blocks), language=words.language)


# The red-flag check


def checklist_page(words: Words, topic: Topic, contact: ClinicView) -> Page:
    """Every warning sign, most urgent level first: what `check` shows when nobody can answer questions."""
    blocks: list[Block] = [Paragraph((words.say("checklist"),)), Paragraph((Strong(words.say("check_not_diagnosis")),))]
    blocks += [red_flag_callout(words, flags) for flags in topic.red_flags]
    blocks.append(call_to_action(words, contact))
    return Page(words.say("check_title", title=topic.title), tuple(blocks), language=words.language)


def action_inlines(action: str) -> Inlines:
    """A red-flag action in bold, the emergency number in it a `tel:` link."""
    before, found, after = action.partition(EMERGENCY_NUMBER)
    if not found:
        return (Strong(action),)
    parts: list[Inline] = [Strong(before)] if before else []
    parts.append(Link(EMERGENCY_NUMBER, f"tel:{EMERGENCY_NUMBER}", strong=True))
    if after:
        parts.append(Strong(after))
    return tuple(parts)


def check_result_page(
    words: Words, topic: Topic, result: CheckResult, contact: ClinicView, prevention: tuple[str, ...] | None
) -> Page:
    """Where the check ended: the action of the level reached and nothing that competes with it, or no signs."""
    blocks: list[Block] = []
    answered = result.deciding
    if result.flags is not None and answered is not None:
        flags = result.flags
        said = "check_result_not_sure" if answered.answer == "not sure" else "check_result"
        body: list[Block] = [Paragraph(action_inlines(flags.action)), Paragraph((words.say(said, sign=answered.sign),))]
        if flags.level != "emergency":
            body.append(Paragraph((words.say("check_not_diagnosis"),)))
        blocks.append(Callout(CALLOUT_LEVELS[flags.level], words.say(f"level_{flags.level}"), tuple(body)))
    else:
        blocks.append(Paragraph((Strong(words.say("check_none")),)))
        if prevention is not None:
            blocks.append(Paragraph((words.say("check_prevention"), " ", Code(command(*prevention)))))
        blocks.append(call_to_action(words, contact))
    return Page(words.say("check_title", title=topic.title), tuple(blocks), language=words.language)
