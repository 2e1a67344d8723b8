"""`mailto:` links (RFC 6068): the address percent-encoded, so nothing in it can add a header such as bcc."""

from __future__ import annotations

from urllib.parse import quote


def mailto(address: str, **fields: str) -> str:
    """A link that opens a message to `address` alone; `fields` (subject, body) are the only headers it sets.

    Every character of the address but `@` is percent-encoded when it could mean more than itself:
    a `?` or `&` in it is part of the address, never the start of a header.
    """
    link = f"mailto:{quote(address, safe='@')}"
    if fields:
        link += "?" + "&".join(f"{name}={quote(value, safe='')}" for name, value in fields.items())
    return link
