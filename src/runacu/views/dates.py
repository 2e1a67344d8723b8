"""Dates, times and weekday names in the reader's language, from CLDR data (babel).

babel takes a good part of a command's start-up to import and to load a locale, while a guide
needs the same few strings every time ("23 November 2026", "Monday"). Each string babel makes
is kept in a memo (`runacu/cache/memo.py`); a later run finds it there and does not import babel at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import cache
from typing import TYPE_CHECKING

from runacu.cache.memo import Memo
from runacu.content.text import has_unsafe

if TYPE_CHECKING:
    from babel import Locale

#: The CLDR locale for each language runacu speaks (CLDR's general Spanish writes "6:00 p. m.").
LOCALES = {"en": "en_US", "es": "es"}
#: Month name, day, year, as US readers write it: "November 23, 2026", "23 de noviembre de 2026".
_LONG_DATE = {"en": "MMMM d, y", "es": "d 'de' MMMM 'de' y"}
#: A moment spelt out: "Fri, Dec 25, 2026", "viernes 25 de diciembre de 2026".
_SHORT_DATE = {"en": "EEE, MMM d, y", "es": "EEEE d 'de' MMMM 'de' y"}
#: The strings babel made, kept for later runs (at most this many).
_MEMO = Memo("cldr", "babel", limit=2000, accept=lambda answer: not has_unsafe(answer))


def _locale(language: str) -> Locale:
    return _parsed(LOCALES.get(language, "en_US"))


@cache
def _parsed(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def clock(moment: time, language: str) -> str:
    """18:00 -> '6:00 PM' (English), '6:00 p. m.' (Spanish)."""

    def make() -> str:
        from babel.dates import format_time

        return str(format_time(moment, "h:mm a", locale=_locale(language)))

    return _memoized("clock h:mm a", language, moment.isoformat(), make)


def long_date(day: date, language: str) -> str:
    pattern = _LONG_DATE.get(language, _LONG_DATE["en"])

    def make() -> str:
        from babel.dates import format_date

        return str(format_date(day, pattern, locale=_locale(language)))

    # The pattern is part of the key: a new runacu that writes dates another way must not read old answers.
    return _memoized(f"date {pattern}", language, day.isoformat(), make)


def short_date(day: date | datetime, language: str) -> str:
    pattern = _SHORT_DATE.get(language, _SHORT_DATE["en"])

    def make() -> str:
        from babel.dates import format_date

        return str(format_date(day, pattern, locale=_locale(language)))

    plain_day = day.date() if isinstance(day, datetime) else day
    return _memoized(f"date {pattern}", language, plain_day.isoformat(), make)


def weekday_in_sentence(index: int, language: str) -> str:
    """0 -> 'Monday' in English, 'lunes' in Spanish: as written inside a sentence."""
    return _memoized("weekday", language, str(index), lambda: str(_locale(language).days["format"]["wide"][index]))


def weekday_name(index: int, language: str) -> str:
    """0 -> 'Monday' (or 'Lunes'), capitalised for a table."""
    name = weekday_in_sentence(index, language)
    return name[:1].upper() + name[1:]


def zone_name(zone: str, language: str) -> str:
    """'America/Los_Angeles' -> 'Pacific Time' ('hora del Pacífico'); the IANA name if CLDR has none."""

    def make() -> str:
        from babel.dates import get_timezone, get_timezone_name

        try:
            return str(get_timezone_name(get_timezone(zone), "long", locale=_locale(language), zone_variant="generic"))
        except (LookupError, ValueError):
            return zone

    return _memoized("zone", language, zone, make)


def _memoized(kind: str, language: str, argument: str, make: Callable[[], str]) -> str:
    found = _MEMO.get(f"{kind}|{language}|{argument}", make)
    _MEMO.save()
    return found
