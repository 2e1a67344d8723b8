"""A guide and its topics, the list of guides, and a guide's topic slugs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.views import dates
from runacu.views.blocks import (
    Block,
    BulletList,
    Code,
    Emphasis,
    Heading,
    Inline,
    Link,
    Page,
    Paragraph,
    Section,
    Strong,
    Table,
)
from runacu.views.pages.clinic import call_to_action, handout
from runacu.views.pages.commands import check_command, command
from runacu.views.pages.red_flags import red_flag_callout
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.library import GuideSummary
    from runacu.content.models import Guide, Source, Topic
    from runacu.views.pages.clinic import ClinicView
    from runacu.words import Words


#: Wrapping whitespace in a data text; a no-break space (as in "27.4 %") is kept as written.
_ASCII_SPACE = re.compile("[ \t\n]+")
#: The language the guides' sources are cited in, whatever the guide's: research is cited as published.
CITATION_LANGUAGE = "en"


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a data text, each on one line: a blank line separates them, a line break is wrapping.

    (The loader turns a folded block's line breaks, which stand for blank lines, into blank lines.)
    """
    return [" ".join(_ASCII_SPACE.split(part.strip(" \t\n"))) for part in text.split("\n\n") if part.strip()]


def _paragraphs(text: str) -> list[Block]:
    return [Paragraph((part,)) for part in paragraphs(text)]


def guide_page(
    words: Words, guide: Guide, topics: Sequence[tuple[int, Topic]], contact: ClinicView, command_words: Sequence[str]
) -> Page:
    """A guide, whole (with its intro) or some of its topics, ending with the clinic and the review date."""
    whole = len(topics) == len(guide.topics)
    blocks: list[Block] = _paragraphs(guide.intro) if whole else []
    if whole and guide.sources:
        blocks += [
            Heading(words.say("Sources"), 3),
            BulletList(tuple(_source(words, s) for s in guide.sources), quiet=True),
        ]
    if whole and (pointer := warning_signs_pointer(words, guide, contact.handout)) is not None:
        blocks.append(pointer)
    blocks += [topic_section(words, number, topic, contact.handout) for number, topic in topics]
    if not whole and not contact.handout:
        blocks.append(Paragraph((words.say("The whole guide:"), " ", Code(command(*command_words))), quiet=True))
    return Page(
        guide.title,
        tuple(blocks),
        footer=guide_footer(words, guide, contact),
        language=words.language,
        handout=handout(words, contact),
    )


def warning_signs_pointer(words: Words, guide: Guide, handed_out: bool = False) -> Paragraph | None:
    """One line under the intro saying where the warning signs are, so a reader in trouble need not read on.

    On a page handed out, the topic's title is a link to it, and no command is named.
    """
    found = next(((number, topic) for number, topic in enumerate(guide.topics, 1) if topic.red_flags), None)
    if found is None:
        return None
    number, topic = found
    if handed_out:
        return Paragraph(
            (
                Strong(words.say("Warning signs that need a doctor: see topic {number},", number=number)),
                " ",
                Link(topic.title, f"#{topic.slug}", strong=True),
                Strong("."),
            )
        )
    check = check_command(guide.slug)
    return Paragraph(
        (
            Strong(
                words.say(
                    "Warning signs that need a doctor: see topic {number}, {title}, or run",
                    number=number,
                    title=topic.title,
                )
            ),
            " ",
            Code(check),
        )
    )


def guide_footer(words: Words, guide: Guide, contact: ClinicView) -> tuple[Block, ...]:
    return (
        call_to_action(words, contact),
        Paragraph(
            (
                words.say(
                    "Last reviewed {date}; next review due {next}.",
                    date=dates.long_date(guide.reviewed, words.language),
                    next=dates.long_date(guide.next_review, words.language),
                ),
            ),
            quiet=True,
        ),
        Paragraph((Strong(words.say("Disclaimer:")), " ", guide.disclaimer), quiet=True),
    )


#: What each kind of evidence is called on a topic's "Evidence:" line.
EVIDENCE_KINDS = {
    "review": N_("Systematic review of trials"),
    "trial": N_("Randomized trials in people"),
    "lab": N_("Animal or lab studies only"),
    "study": N_("Observational studies in people"),
    "guidance": N_("Public-health guidance"),
    "practice": N_("Clinical experience; no controlled studies found"),
}


def evidence_line(words: Words, topic: Topic) -> Paragraph:
    """'Evidence: Animal or lab studies only. In rats, ...': the label in words, never colour alone."""
    label = words.say(EVIDENCE_KINDS[topic.evidence.kind])
    return Paragraph((Strong(words.say("Evidence: {kind}.", kind=label)), " ", topic.evidence.note))


def topic_section(words: Words, number: int, topic: Topic, handed_out: bool = False) -> Section:
    body: list[Block] = [Paragraph((Emphasis(topic.summary),)), evidence_line(words, topic)]
    body += [red_flag_callout(words, flags, handed_out) for flags in topic.red_flags]
    body += _paragraphs(topic.explanation)
    # A list with its own heading (conditions to tell a practitioner about) is never shown as tips.
    for listed in topic.lists:
        body += [Heading(listed.heading, 3), BulletList(tuple((Paragraph((item,)),) for item in listed.items))]
    if topic.tips:
        body += [Heading(words.say("Tips"), 3), BulletList(tuple((Paragraph((tip,)),) for tip in topic.tips))]
    if topic.sources:
        body += [
            Heading(words.say("Sources"), 3),
            BulletList(tuple(_source(words, s) for s in topic.sources), quiet=True),
        ]
    return Section(number, topic.title, tuple(body), name=topic.slug)


def _source(words: Words, source: Source) -> tuple[Block, ...]:
    citation: list[Inline] = [source.citation]
    if source.doi:
        citation += [" ", Link(f"doi:{source.doi}", f"https://doi.org/{source.doi}")]
    elif source.url:
        citation += [" ", Link(source.url, source.url)]
    blocks: list[Block] = [Paragraph(tuple(citation), quiet=True, language=CITATION_LANGUAGE)]
    if source.note:
        blocks.append(Paragraph((Strong(words.say("Evidence note:")), " ", source.note), quiet=True))
    return tuple(blocks)


def guides_page(words: Words, guides: Sequence[GuideSummary]) -> Page:
    rows = tuple(
        ((Code(g.slug),), (g.title,), (words.say_count("{count} topic", "{count} topics", g.topics),)) for g in guides
    )
    table = Table((words.say("Guide"), words.say("Title"), words.say("Topics")), rows)
    hint = Paragraph((words.say("Open one with"), " ", Code(command("guide", words.say("GUIDE")))), quiet=True)
    return Page(words.say("Guides"), (table, hint), language=words.language, lines=tuple(g.slug for g in guides))


def slugs_page(words: Words, guide: Guide) -> Page:
    items = tuple((Paragraph((Code(t.slug), " ", t.title)),) for t in guide.topics)
    return Page(guide.title, (BulletList(items),), language=words.language, lines=tuple(guide.topic_slugs))
