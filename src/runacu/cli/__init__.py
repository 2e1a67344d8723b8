"""The command line: `app`, the Typer application, and `main`, which the `runacu` console script runs."""

from runacu.cli.app import app, main

__all__ = ["app", "main"]
