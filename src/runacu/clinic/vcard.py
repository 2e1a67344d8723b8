"""The clinic as a vCard 4.0 (RFC 6350): escaped values, CRLF line endings, lines folded at 75 octets."""

from __future__ import annotations

from runacu.content.cldr import COUNTRY_CODE, country_name
from runacu.content.models import Clinic

MAX_LINE_OCTETS = 75


def escape(value: str) -> str:
    """RFC 6350 section 3.4: backslash, comma, semicolon and newline are escaped in text values."""
    return (
        value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size = "", 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def vcard(clinic: Clinic, language: str) -> str:
    """The clinic's vCard, its texts in `language`: the country is named in it, and given by its ISO 3166 code too
    (RFC 9554's CC parameter), the same in every language, for an address book to go by."""
    address = clinic.address
    # ADR: post office box; extended address; street; locality; region; postal code; country.
    adr = ";".join(
        escape(part)
        for part in (
            "",
            "",
            address.street,
            address.city,
            address.region,
            address.postal_code,
            country_name(address.country, language),
        )
    )
    # A country CLDR does not know has no code: its name, as written, is all there is.
    code = f";CC={address.country}" if COUNTRY_CODE.fullmatch(address.country) else ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{escape(clinic.name)}",
        f"ORG:{escape(clinic.name)}",
        f"TEL;VALUE=uri;TYPE=work,voice:tel:{clinic.phone.e164}",
        f"ADR;TYPE=work{code}:{adr}",
        f"TZ;VALUE=text:{escape(clinic.timezone)}",
    ]
    if clinic.email:
        lines.append(f"EMAIL;TYPE=work:{escape(clinic.email)}")
    if clinic.website:
        lines.append(f"URL:{clinic.website}")
    if clinic.tagline:
        lines.append(f"NOTE:{escape(clinic.tagline)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
