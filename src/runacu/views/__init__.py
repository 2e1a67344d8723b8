"""Views: turn content models into Rich, plain, Markdown or JSON output. Only this layer imports Rich."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from runacu.content.models import Guide
    from runacu.content.search import SearchHit
    from runacu.views.models import ClinicCard, DraftReceipt, GuidePage, Overview, ValidationReport
    from runacu.views.terminal import Terminal


class OutputFormat(StrEnum):
    RICH = "rich"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    JSON = "json"


class View(Protocol):
    def guide(self, page: GuidePage) -> None: ...
    def slugs(self, slugs: Sequence[str]) -> None: ...
    def clinic(self, card: ClinicCard) -> None: ...
    def overview(self, overview: Overview) -> None: ...
    def guides(self, guides: Sequence[Guide]) -> None: ...
    def search(self, hits: Sequence[SearchHit]) -> None: ...
    def problems(self, report: ValidationReport) -> None: ...
    def draft_saved(self, receipt: DraftReceipt) -> None: ...


def make_view(output_format: OutputFormat, terminal: Terminal) -> View:
    """The renderer for a format, imported only when chosen (Rich costs start-up time)."""
    if output_format is OutputFormat.RICH:
        from runacu.views.rich_view import RichView

        return RichView(terminal)
    if output_format is OutputFormat.MARKDOWN:
        from runacu.views.markdown import MarkdownView

        return MarkdownView(terminal)
    if output_format is OutputFormat.JSON:
        from runacu.views.json_view import JsonView

        return JsonView(terminal)
    from runacu.views.plain import PlainView

    return PlainView(terminal)
