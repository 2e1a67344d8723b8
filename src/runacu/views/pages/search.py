"""The answers to a search, and its one-line notes for stderr beside JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, BulletList, Callout, Code, Heading, Inline, Mark, Page, Paragraph, Strong
from runacu.views.pages.clinic import handout
from runacu.views.pages.commands import check_command, command
from runacu.views.pages.red_flags import CALLOUT_LEVELS, LEVEL_TITLES, action_inlines
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.library import GuideSummary
    from runacu.content.search import SearchHit, SearchResult, WarningSign
    from runacu.views.pages.clinic import ClinicView
    from runacu.words import Words


#: How many answers a search shows in full, and how many it shows in all (the rest by title only).
SEARCH_IN_FULL = 3
#: What a line offering the same search in another language starts with.
SEARCH_IN = {"en": N_("Search in English:"), "es": N_("Search in Spanish:")}
SEARCH_SHOWN = 5


def search_page(
    words: Words,
    query: Sequence[str],
    result: SearchResult,
    opener: Callable[[str, str | None], tuple[str, ...]],
    guides: Sequence[GuideSummary] = (),
    show_all: bool = False,
    contact: ClinicView | None = None,
) -> Page:
    """The answers to a search, best first, each ending with the command that opens it; or, when none
    answers, where to go instead. A warning sign the query names comes first, whatever else was found.
    `contact` is the clinic of a page handed out (HTML), for its header and footer."""
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
                Heading(words.say("Also"), 3),
                BulletList(tuple(_topic_line(hit, opener) for hit in also)),
            ]
        if (more := result.total - len(full) - len(also)) > 0:
            blocks.append(
                Paragraph(
                    (
                        words.say_count(
                            "1 more topic answers it: search again with --all to see it, or with --json.",
                            "{count} more topics answer it: search again with --all to see them, or with --json.",
                            more,
                        ),
                    ),
                    quiet=True,
                )
            )
        if read_as := [found for typed, found in result.suggestions.items() if typed not in result.unknown]:
            blocks.append(
                Paragraph(
                    (words.say("Searched for {words} instead.", words=_quoted(list(dict.fromkeys(read_as)))),),
                    quiet=True,
                )
            )
        if result.unknown:
            blocks.append(
                Paragraph((words.say("Not in the guides: {words}.", words=_quoted(result.unknown)),), quiet=True)
            )
        if result.other_language is not None:
            blocks.append(_in_language(words, query, result.other_language))
    else:
        blocks += _nothing_found(words, asked, result, opener, guides, query, contact is not None and contact.handout)
    return Page(
        words.say("Search: {query}", query=asked),
        tuple(blocks),
        language=words.language,
        handout=handout(words, contact),
    )


def _in_language(words: Words, query: Sequence[str], other: str) -> Paragraph:
    """The same search in the language the query seems to be written in."""
    return Paragraph((words.say(SEARCH_IN[other]), " ", Code(_search_command(query, other))))


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
    handed_out: bool = False,
) -> list[Block]:
    """Never a dead end: a typo's likely word, what is not covered here, the other language, the closest topics,
    every guide."""
    blocks: list[Block] = [Paragraph((Strong(words.say("No topic answers “{query}”.", query=asked)),))]
    if result.suggestions:
        likely = words.say(" or ").join(f"'{word}'" for word in dict.fromkeys(result.suggestions.values()))
        blocks.append(Paragraph((words.say("Did you mean {words}?", words=likely),)))
    # Beside a warning sign nothing sends the reader away to a clinician: the warning's action stands alone.
    uncovered = [word for word in result.unknown if word not in result.suggestions and result.warning is None]
    if result.other_language is not None:  # its words are not "not covered": they are in another language
        blocks.append(_in_language(words, query, result.other_language))
    elif uncovered and handed_out:
        said = words.say(
            "Not covered here: {words}. For that, see a clinician; the clinic's phone and hours are at the end.",
            words=_quoted(uncovered),
        )
        blocks.append(Paragraph((said,)))
    elif uncovered:
        blocks.append(
            Paragraph(
                (
                    words.say(
                        "Not covered here: {words}. For that, see a clinician; the clinic's phone and hours:",
                        words=_quoted(uncovered),
                    ),
                    " ",
                    Code(command("contact")),
                )
            )
        )
    if result.near:
        items = tuple(_topic_line(hit, opener) for hit in result.near)
        blocks += [Heading(words.say("Closest topics"), 3), BulletList(items)]
    if guides:
        items = tuple((Paragraph((Strong(g.title), ": ", Code(command(*opener(g.slug, None))))),) for g in guides)
        blocks += [Heading(words.say("The guides"), 3), BulletList(items)]
    return blocks


def _warning_callout(words: Words, warning: WarningSign) -> Callout:
    """The action for the warning sign a search names, the most urgent action too, and the way to the check."""
    flags, title = warning.flags, warning.topic.title
    named = words.say("Your search names a warning sign: see “{title}”.", title=title)
    if warning.sign is not None:
        named = words.say(
            "Your search names a warning sign listed under “{title}”: {sign}.", title=title, sign=_clause(warning.sign)
        )
    body: list[Block] = [Paragraph(action_inlines(flags.action)), Paragraph((named,))]
    if warning.emergency_action is not None:
        body.append(
            Paragraph((words.say("For the most urgent signs:"), " ", *action_inlines(warning.emergency_action)))
        )
    check = Code(check_command(warning.guide_slug))
    body += [
        Paragraph((words.say("Go through the warning signs one by one:"), " ", check)),
        Paragraph((words.say("A search is not a diagnosis."),)),
    ]
    return Callout(CALLOUT_LEVELS[flags.level], words.say(LEVEL_TITLES[flags.level]), tuple(body))


def search_nothing_line(words: Words, query: Sequence[str], result: SearchResult) -> str:
    """When no topic answers, why, in one line for stderr (beside JSON's empty list): the words not covered,
    a typo's likely word, the other language."""
    from runacu.content.text import echo

    parts = [words.say("No topic answers “{query}”.", query=echo(" ".join(query)))]
    if result.suggestions:
        likely = words.say(" or ").join(f"'{word}'" for word in dict.fromkeys(result.suggestions.values()))
        parts.append(words.say("Did you mean {words}?", words=likely))
    if result.other_language is not None:
        parts.append(f"{words.say(SEARCH_IN[result.other_language])} {_search_command(query, result.other_language)}")
    elif uncovered := [word for word in result.unknown if word not in result.suggestions]:
        not_covered = words.say(
            "Not covered here: {words}. For that, see a clinician; the clinic's phone and hours:",
            words=_quoted(uncovered),
        )
        parts.append(f"{not_covered} {command('contact')}")
    return " ".join(parts)


def search_warning_line(words: Words, warning: WarningSign) -> str:
    """The warning sign a search names, in one line for stderr (beside JSON, which holds only the answers)."""
    sign = _clause(warning.sign) if warning.sign is not None else warning.topic.title
    return words.say(
        "warning sign: {sign}: {action} (then run '{command}')",
        sign=sign,
        action=warning.flags.action,
        command=check_command(warning.guide_slug),
    )
