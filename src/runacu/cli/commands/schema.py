"""`runacu schema`: the JSON Schema of a guide file or of the clinic file."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from runacu.cli.options import examples
from runacu.cli.session import current

commands = typer.Typer()


class SchemaKind(StrEnum):
    GUIDE = "guide"
    CLINIC = "clinic"


@commands.command(epilog=examples("runacu schema guide > guide.schema.json", "runacu schema clinic"))
def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind, typer.Argument(metavar="KIND", help="Which file's schema: a guide file or the clinic file.")
    ],
) -> None:
    """Print the JSON Schema of a guide file or of the clinic file, for editors to check YAML as it is typed."""
    from runacu.content.schemas import json_schema
    from runacu.views.json_view import to_json

    current(ctx).terminal.write_utf8(to_json(json_schema(kind.value)))
