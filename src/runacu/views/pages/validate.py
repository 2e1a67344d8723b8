"""The report of `runacu validate`: problems, warnings and a summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from runacu.views.blocks import Block, BulletList, Code, Heading, Page, Paragraph, Strong

if TYPE_CHECKING:
    from runacu.content.problems import Problem
    from runacu.words import Words


def validate_page(words: Words, files: Sequence[str], problems: Sequence[Problem]) -> Page:
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning]
    blocks: list[Block] = []
    for heading, found in ((words.say("Problems"), errors), (words.say("Warnings"), warnings)):
        if found:
            items = tuple(
                (Paragraph((Strong(p.where), ": ", *((Code(p.field), ": ") if p.field else ()), p.message_in(words))),)
                for p in found
            )
            blocks += [Heading(heading), BulletList(items)]
    summary = validate_summary(words, len(files), len(errors), len(warnings))
    blocks.append(Paragraph((Strong(summary),)))
    # In a pipe, one `file:line:column: field: message` per line, as compilers write them, for editors and grep.
    warning = words.say("warning")
    lines = (*(p.said(words) for p in errors), *(f"{p.said(words)} ({warning})" for p in warnings), summary)
    return Page(words.say("Data check"), tuple(blocks), language=words.language, lines=lines)


def validate_summary(words: Words, files: int, errors: int, warnings: int) -> str:
    if errors:
        text = words.say_count(
            "{count} problem in {files}.",
            "{count} problems in {files}.",
            errors,
            files=words.say_count("{count} file", "{count} files", files),
        )
    else:
        text = words.say("All {files} valid.", files=words.say_count("{count} file", "{count} files", files))
    if warnings:
        text += " " + words.say_count("{count} warning.", "{count} warnings.", warnings)
    return text
