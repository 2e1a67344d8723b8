"""Plain text: for pipes, files and scripts. No escape codes, wrapped to a readable width."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.views.models import ClinicCard, DraftReceipt, GuidePage, Overview, ValidationReport
from runacu.views.terminal import Terminal

if TYPE_CHECKING:
    from runacu.content.models import Guide, Source, Topic
    from runacu.content.search import SearchHit


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.split("\n\n") if part.strip()]


class PlainView:
    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.width = terminal.text_width
        self.lines: list[str] = []

    def _flush(self) -> None:
        self.terminal.write("\n".join(self.lines).rstrip("\n") + "\n")
        self.lines = []

    def _fill(self, text: str, indent: str = "") -> None:
        for paragraph in paragraphs(text):
            text = " ".join(paragraph.split())
            self.lines.append(textwrap.fill(text, self.width, initial_indent=indent, subsequent_indent=indent))

    def _bullet(self, text: str, marker: str = "-", indent: str = "  ") -> None:
        """`marker text`, with wrapped lines indented under the text (or under the marker, if it is long)."""
        first = f"{indent}{marker} "
        text = " ".join(text.split())
        if len(first) > self.width // 2:
            blank = " " * len(indent)
            self.lines += textwrap.wrap(first.rstrip(), self.width, subsequent_indent=blank + "  ")
            self._fill(text, indent=blank + "    ")
            return
        self.lines.append(textwrap.fill(text, self.width, initial_indent=first, subsequent_indent=" " * len(first)))

    def _heading(self, text: str, underline: str) -> None:
        wrapped = textwrap.wrap(text, self.width)
        self.lines += [*wrapped, underline * max(len(line) for line in wrapped), ""]

    def guide(self, page: GuidePage) -> None:
        guide = page.guide
        self._heading(guide.title, "=")
        if page.is_whole:
            self._fill(guide.intro)
            self.lines.append("")
        for number, topic in page.topics:
            self._topic(number, topic)
        self._fill(f"Disclaimer: {guide.disclaimer}")
        self._flush()

    def _topic(self, number: int, topic: Topic) -> None:
        self._heading(f"{number}. {topic.title}", "-")
        self._fill(topic.summary)
        self.lines.append("")
        for paragraph in paragraphs(topic.explanation):
            self._fill(paragraph)
            self.lines.append("")
        if topic.tips:
            self.lines.append("Tips:")
            for tip in topic.tips:
                self._bullet(tip)
            self.lines.append("")
        if topic.sources:
            self.lines.append("Sources:")
            for source in topic.sources:
                self._source(source)
            self.lines.append("")

    def _source(self, source: Source) -> None:
        citation = source.citation + (f" doi:{source.doi}" if source.doi else "")
        if source.url and not source.doi:
            citation += f" {source.url}"
        self._bullet(citation)
        if source.note:
            self._fill(f"Evidence note: {source.note}", indent="    ")

    def slugs(self, slugs: Sequence[str]) -> None:
        self.terminal.write("".join(f"{slug}\n" for slug in slugs))

    def clinic(self, card: ClinicCard) -> None:
        from runacu.clinic.hours import describe_day
        from runacu.content.models import WEEKDAYS

        clinic = card.clinic
        self._fill(clinic.name)
        if clinic.tagline:
            self._fill(clinic.tagline)
        self.lines.append("")
        rows = [("Phone", clinic.phone.display), ("Address", clinic.address.one_line)]
        rows += [("Email", clinic.email)] if clinic.email else []
        rows += [("Website", clinic.website)] if clinic.website else []
        for label, value in rows:
            self._bullet(value, marker=f"{label + ':':<8}", indent="")
        self.lines.append("")
        if card.status is not None:
            self._fill(card.status.sentence())
            self.lines.append("")
        self._fill(f"Opening hours ({clinic.timezone} time):")
        today = card.status.weekday if card.status else None
        for day in WEEKDAYS:
            marker = "*" if day == today else " "
            self._bullet(describe_day(clinic.hours.on(day)), marker=f"{day.capitalize():<10}", indent=f" {marker} ")
        if today is not None:
            self.lines.append("   (* today)")
        self._flush()

    def overview(self, overview: Overview) -> None:
        self._fill(overview.description)
        self.lines += ["", "Commands:"]
        name_width = max(len(name) for name, _ in overview.commands)
        for name, help_line in overview.commands:
            if self.width < 60:  # too narrow for two columns: the help goes under the name
                self.lines.append(f"  runacu {name}")
                self._fill(help_line, indent="      ")
            else:
                self._bullet(help_line, marker=f"runacu {name:<{name_width}} ", indent="  ")
        self.lines.append("")
        self._fill("Run 'runacu COMMAND --help' for a command's options.")
        self.lines.append("")
        self._fill(f"{overview.clinic_name}: {overview.phone}" + (f" - {overview.tagline}" if overview.tagline else ""))
        self._flush()

    def guides(self, guides: Sequence[Guide]) -> None:
        if not self.terminal.is_terminal:
            self.slugs([guide.slug for guide in guides])
            return
        width = max(len(guide.slug) for guide in guides)
        for guide in guides:
            self._bullet(f"{guide.title} ({len(guide.topics)} topics)", marker=f"{guide.slug:<{width}} ", indent="")
        self._flush()

    def search(self, hits: Sequence[SearchHit]) -> None:
        for hit in hits:
            self._bullet(hit.topic.title, marker=f"{hit.guide_slug} {hit.topic.slug}:", indent="")
            self._fill(hit.snippet, indent="    ")
        self._flush()

    def draft_saved(self, receipt: DraftReceipt) -> None:
        self.lines.append(f"Saved your request to {receipt.path}")
        if receipt.mailto:
            self.lines.append(f"Send it from your mail program, or write to: {receipt.mailto}")
        else:
            self.lines.append("Open it in your mail program to send it, or bring it when you call.")
        self.lines.append(f"Or call {receipt.clinic_name}: {receipt.phone}")
        self._flush()

    def problems(self, report: ValidationReport) -> None:
        self.lines += [str(problem) for problem in report.problems]
        self.lines.append(summary(report))
        self._flush()


def summary(report: ValidationReport) -> str:
    files = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''}"
    if report.is_valid:
        return f"All {files} valid."
    count = len(report.problems)
    return f"{count} problem{'s' if count != 1 else ''} in {files}."
