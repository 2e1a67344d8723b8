"""The format-neutral pieces a screen is built from; each output format writes them its own way.

A page builder (views/pages/) makes a `Page` of blocks; a renderer (rich, plain, markdown,
html) writes any page. Neither knows the other's business: builders never know a format,
renderers never see a content model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

T = TypeVar("T")

# Inline pieces: runs of text inside a paragraph, a list item or a table cell.


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    #: Made to stand out, as an emergency number is.
    strong: bool = False
    #: Whether a printed copy says where it points, when its text does not: not for a map of the address it shows.
    print_target: bool = True


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Emphasis:
    text: str


@dataclass(frozen=True)
class Code:
    """A command to type, such as `runacu benefits recovery`."""

    text: str


@dataclass(frozen=True)
class Mark:
    """A search match, highlighted where the format can."""

    text: str


Inline = str | Link | Strong | Emphasis | Code | Mark
Inlines = tuple[Inline, ...]


#: A format's writer for each kind of inline piece (`str` for plain text runs).
InlineWriters = dict[type, Callable[[Any], T]]


def write_inlines(parts: Inlines, writers: InlineWriters[T]) -> list[T]:
    """Each inline piece written by the format's writer for its kind."""
    return [writers[type(part)](part) for part in parts]


def plain_text(parts: Inlines) -> str:
    """The words of inline pieces without any markup (links keep only their text)."""
    return "".join(part if isinstance(part, str) else part.text for part in parts)


# Blocks


@dataclass(frozen=True)
class Heading:
    """A heading below the page title: level 2 for a part of the page, 3 inside a section."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    parts: Inlines
    #: Quiet text (a source, a hint, a date) is shown less loudly, where the format can.
    quiet: bool = False
    #: The language of its words if it may not be the page's (a citation, as published: English in a Spanish guide).
    language: str | None = None


@dataclass(frozen=True)
class BulletList:
    """Each item is a few blocks: usually one paragraph, sometimes a paragraph and a note below it."""

    items: tuple[tuple[Block, ...], ...]
    quiet: bool = False
    #: Numbered (1., 2., ...) rather than bulleted.
    ordered: bool = False


@dataclass(frozen=True)
class Definitions:
    """Labels and their values: Phone, Address."""

    rows: tuple[tuple[str, Inlines], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    #: The row to highlight (today's opening hours), if any.
    highlight: int | None = None
    #: Words that say why the highlighted row stands out, for formats without colour: "today".
    highlight_label: str | None = None
    caption: str | None = None


CalloutLevel = Literal["note", "warning", "danger"]


@dataclass(frozen=True)
class Callout:
    """A box that must not be missed, such as a red-flag level. `label` spells the level out in words."""

    level: CalloutLevel
    label: str
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    """A numbered part of a page (a topic) with its own title and body."""

    number: int | None
    title: str
    body: tuple[Block, ...]
    #: A stable name for the section (its slug), for anchors in HTML.
    name: str = ""


@dataclass(frozen=True)
class Rule:
    pass


Block = Heading | Paragraph | BulletList | Definitions | Table | Callout | Section | Rule


@dataclass(frozen=True)
class Handout:
    """Who publishes a page that is handed out (an HTML page, printed or saved), and how to reach them.

    The page's header names the publisher and its phone; `footer` (the clinic's address and this week's
    opening hours) ends it, where a page read at a terminal names the command that shows them.
    """

    publisher: str
    contact: Inlines
    footer: tuple[Block, ...] = ()


@dataclass(frozen=True)
class Page:
    """One screen: a title, its blocks, and a footer (the disclaimer, the review date)."""

    title: str
    blocks: tuple[Block, ...]
    footer: tuple[Block, ...] = ()
    #: The language its words are in (HTML's `lang`): always given, as the words that built it know it.
    language: str = field(kw_only=True)
    #: Shown above the title in formats with a header line (the overview's program name).
    eyebrow: str | None = None
    #: Plain lists for scripts: when piped, some pages (slugs) print only these lines.
    lines: tuple[str, ...] | None = field(default=None)
    #: Its publisher's header and footer, when the page is built to be handed out (only HTML shows them).
    handout: Handout | None = field(default=None, kw_only=True)
