"""Views: pages built once as blocks (pages/), written by one renderer per format. Only this layer imports Rich."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runacu.views.blocks import Page
    from runacu.views.terminal import Terminal


class OutputFormat(StrEnum):
    RICH = "rich"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"


def choose_format(requested: OutputFormat | None, as_json: bool, terminal: Terminal) -> OutputFormat:
    """rich on a terminal (or when colour is forced), plain in a pipe, unless told otherwise."""
    if as_json:
        return OutputFormat.JSON
    if requested is not None:
        return requested
    return OutputFormat.RICH if terminal.is_terminal or terminal.color else OutputFormat.PLAIN


def render(page: Page, output_format: OutputFormat, terminal: Terminal) -> str:
    """The page written in a text format (each renderer imported only when chosen: Rich costs start-up time)."""
    if output_format is OutputFormat.RICH:
        from runacu.views.rich_view import render_rich_text

        return render_rich_text(page, terminal)
    if output_format is OutputFormat.MARKDOWN:
        from runacu.views.markdown import render_markdown

        return render_markdown(page)
    if output_format is OutputFormat.HTML:
        from runacu.views.html import render_html

        return render_html(page)
    from runacu.views.plain import render_plain

    return render_plain(page, terminal)


def output(
    terminal: Terminal,
    output_format: OutputFormat,
    page: Callable[[], Page],
    data: Callable[[], object],
) -> str:
    """The text of a screen: its JSON data for scripts, or its page in a text format."""
    if output_format is OutputFormat.JSON:
        from runacu.views.json_view import to_json

        return to_json(data())
    return render(page(), output_format, terminal)
