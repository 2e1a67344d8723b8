"""CommonMark the clinic can paste into a web page or newsletter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.clinic.hours import describe_day
from runacu.content.models import WEEKDAYS
from runacu.views.models import ClinicCard, DraftReceipt, GuidePage, Overview, ValidationReport
from runacu.views.plain import paragraphs, summary
from runacu.views.terminal import Terminal

if TYPE_CHECKING:
    from runacu.content.models import Guide, Source, Topic
    from runacu.content.search import SearchHit

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Data text as literal Markdown: no emphasis, links, HTML or headings sneak in."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(
        lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2).isdigit() else "\\" + m.group(2)), text
    )


def _link(label: str, url: str) -> str:
    return f"[{escape(label)}](<{url.replace('>', '%3E')}>)"


class MarkdownView:
    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.blocks: list[str] = []

    def _flush(self) -> None:
        self.terminal.write("\n\n".join(self.blocks) + "\n")
        self.blocks = []

    def _paragraphs(self, text: str) -> None:
        self.blocks += [escape(paragraph) for paragraph in paragraphs(text)]

    def guide(self, page: GuidePage) -> None:
        self.blocks.append(f"# {escape(page.guide.title)}")
        if page.is_whole:
            self._paragraphs(page.guide.intro)
        for number, topic in page.topics:
            self._topic(number, topic)
        self.blocks.append(f"> **Disclaimer:** {escape(page.guide.disclaimer)}")
        self._flush()

    def _topic(self, number: int, topic: Topic) -> None:
        self.blocks += [f"## {number}. {escape(topic.title)}", f"*{escape(topic.summary)}*"]
        self._paragraphs(topic.explanation)
        if topic.tips:
            self.blocks += ["**Tips**", "\n".join(f"- {escape(tip)}" for tip in topic.tips)]
        if topic.sources:
            self.blocks += ["**Sources**", "\n".join(self._source(source) for source in topic.sources)]

    def _source(self, source: Source) -> str:
        line = f"- {escape(source.citation)}"
        if source.doi:
            line += " " + _link(f"doi:{source.doi}", f"https://doi.org/{source.doi}")
        elif source.url:
            line += " " + _link(source.url, source.url)
        if source.note:
            line += f"\n  *Evidence note: {escape(source.note)}*"
        return line

    def slugs(self, slugs: Sequence[str]) -> None:
        self.terminal.write("".join(f"- {escape(slug)}\n" for slug in slugs))

    def clinic(self, card: ClinicCard) -> None:
        clinic = card.clinic
        self.blocks.append(f"# {escape(clinic.name)}")
        if clinic.tagline:
            self.blocks.append(f"*{escape(clinic.tagline)}*")
        details = [
            f"- **Phone:** {_link(clinic.phone.display, 'tel:' + clinic.phone.e164)}",
            f"- **Address:** {escape(clinic.address.one_line)}",
        ]
        if clinic.email:
            details.append(f"- **Email:** {_link(clinic.email, 'mailto:' + clinic.email)}")
        if clinic.website:
            details.append(f"- **Website:** {_link(clinic.website, clinic.website)}")
        self.blocks.append("\n".join(details))
        if card.status is not None:
            self.blocks.append(f"**{escape(card.status.sentence())}**")
        rows = ["| Day | Hours |", "| --- | --- |"]
        today = card.status.weekday if card.status else None
        for day in WEEKDAYS:
            name = f"**{day.capitalize()}**" if day == today else day.capitalize()
            rows.append(f"| {name} | {escape(describe_day(clinic.hours.on(day)))} |")
        self.blocks += [f"## Opening hours ({escape(clinic.timezone)} time)", "\n".join(rows)]
        self._flush()

    def overview(self, overview: Overview) -> None:
        self._paragraphs(overview.description)
        self.blocks.append("\n".join(f"- `runacu {name}`: {escape(summary)}" for name, summary in overview.commands))
        self.blocks.append(f"{escape(overview.clinic_name)}: {escape(overview.phone)}")
        self._flush()

    def guides(self, guides: Sequence[Guide]) -> None:
        self.blocks.append("\n".join(f"- `{g.slug}`: {escape(g.title)} ({len(g.topics)} topics)" for g in guides))
        self._flush()

    def search(self, hits: Sequence[SearchHit]) -> None:
        items = [f"- **{escape(hit.topic.title)}** ({escape(hit.guide_title)}): {escape(hit.snippet)}" for hit in hits]
        self.blocks.append("\n".join(items))
        self._flush()

    def problems(self, report: ValidationReport) -> None:
        if report.problems:
            self.blocks.append("\n".join(f"- `{escape(str(problem))}`" for problem in report.problems))
        self.blocks.append(escape(summary(report)))
        self._flush()

    def draft_saved(self, receipt: DraftReceipt) -> None:
        self.blocks.append(f"Saved your request to `{receipt.path}`.")
        if receipt.mailto:
            self.blocks.append(f"Send it: {_link(receipt.mailto, receipt.mailto)}")
        self.blocks.append(f"Or call {escape(receipt.clinic_name)}: {escape(receipt.phone)}")
        self._flush()
