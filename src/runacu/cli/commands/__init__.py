"""One module per command, each a Typer declaration that reads: argument -> library -> page -> session output."""
# Each imports the content and the views inside its command, not at the top: `runacu --help` and
# completion import every module here to read its summary, and must not pay for pydantic or Rich.
