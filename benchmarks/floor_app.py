"""The floor: a minimal Typer app with one command that prints one line with Rich."""

import typer
from rich.console import Console

app = typer.Typer()


@app.command()
def hello() -> None:
    Console().print("Hello, runner.")


if __name__ == "__main__":
    app()
