"""`runacu schema`: the JSON Schema of a guide file or of the clinic file."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from runacu.cli.options import examples, global_options
from runacu.cli.session import current
from runacu.words import N_

commands = typer.Typer()


class SchemaKind(StrEnum):
    GUIDE = "guide"
    CLINIC = "clinic"


@commands.command(
    help=N_("Print the JSON Schema of a guide file or of the clinic file, for editors to check YAML as it is typed."),
    epilog=examples("runacu schema guide > guide.schema.json", "runacu schema clinic"),
)
@global_options
def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind,
        typer.Argument(metavar=N_("KIND"), help=N_("Which file's schema: a guide file or the clinic file.")),
    ],
) -> None:
    from runacu.content.schemas import json_schema
    from runacu.views.json_view import to_json

    current(ctx).terminal.write_utf8(to_json(json_schema(kind.value)))
