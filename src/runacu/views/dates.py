"""Dates, times and weekday names in the reader's language, from CLDR data (babel).

babel takes a good part of a command's start-up to import and to load a locale, while a guide
needs the same few strings every time ("23 November 2026", "Monday"). Each string babel makes
is kept in the CLDR memo (`runacu/content/cldr.py`); a later run finds it there and does not import babel at all.

English and Spanish have patterns of their own, as US readers write dates; any other language is
written in CLDR's own formats (short, long, full) for its locale: "6 décembre 2026", "18:00".
"""

from __future__ import annotations

from datetime import date, datetime, time

from runacu.content import cldr

#: The memo the strings are kept in (shared with the country names, `content/cldr.py`).
_MEMO = cldr.MEMO
#: A time on the clock: "6:00 PM", "6:00 p. m."; other languages: CLDR's short time ("18:00").
_CLOCK = {"en": "h:mm a", "es": "h:mm a"}
#: Month name, day, year, as US readers write it: "November 23, 2026", "23 de noviembre de 2026";
#: other languages: CLDR's long date.
_LONG_DATE = {"en": "MMMM d, y", "es": "d 'de' MMMM 'de' y"}
#: A moment spelt out: "Fri, Dec 25, 2026", "viernes 25 de diciembre de 2026"; other languages: CLDR's full date.
_SHORT_DATE = {"en": "EEE, MMM d, y", "es": "EEEE d 'de' MMMM 'de' y"}


def clock(moment: time, language: str) -> str:
    """18:00 -> '6:00 PM' (English), '6:00 p. m.' (Spanish), '18:00' (French)."""
    pattern = _CLOCK.get(language, "short")

    def make() -> str:
        from babel.dates import format_time

        return str(format_time(moment, pattern, locale=cldr.locale(language)))

    return cldr.memoized(f"clock {pattern}", language, moment.isoformat(), make)


def long_date(day: date, language: str) -> str:
    pattern = _LONG_DATE.get(language, "long")

    def make() -> str:
        from babel.dates import format_date

        return str(format_date(day, pattern, locale=cldr.locale(language)))

    # The pattern is part of the key: a new runacu that writes dates another way must not read old answers.
    return cldr.memoized(f"date {pattern}", language, day.isoformat(), make)


def short_date(day: date | datetime, language: str) -> str:
    pattern = _SHORT_DATE.get(language, "full")

    def make() -> str:
        from babel.dates import format_date

        return str(format_date(day, pattern, locale=cldr.locale(language)))

    plain_day = day.date() if isinstance(day, datetime) else day
    return cldr.memoized(f"date {pattern}", language, plain_day.isoformat(), make)


def weekday_in_sentence(index: int, language: str) -> str:
    """0 -> 'Monday' in English, 'lunes' in Spanish: as written inside a sentence."""
    return cldr.memoized(
        "weekday", language, str(index), lambda: str(cldr.locale(language).days["format"]["wide"][index])
    )


def weekday_name(index: int, language: str) -> str:
    """0 -> 'Monday' (or 'Lunes'), capitalised for a table."""
    name = weekday_in_sentence(index, language)
    return name[:1].upper() + name[1:]


def zone_name(zone: str, language: str) -> str:
    """'America/Los_Angeles' -> 'Pacific Time' ('hora del Pacífico'); the IANA name if CLDR has none."""

    def make() -> str:
        from babel.dates import get_timezone, get_timezone_name

        try:
            return str(
                get_timezone_name(get_timezone(zone), "long", locale=cldr.locale(language), zone_variant="generic")
            )
        except (LookupError, ValueError):
            return zone

    return cldr.memoized("zone", language, zone, make)
