"""Dates, times and weekday names in the reader's language, from CLDR data (babel)."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from typing import TYPE_CHECKING

from runacu.words import language

if TYPE_CHECKING:
    from babel import Locale

#: The CLDR locale for each language runacu speaks (CLDR's general Spanish writes "6:00 p. m.").
LOCALES = {"en": "en_US", "es": "es"}
#: Day, month name, year: "23 November 2026", "23 de noviembre de 2026".
_LONG_DATE = {"en": "d MMMM y", "es": "d 'de' MMMM 'de' y"}
#: A moment spelt out: "Fri 25 Dec 2026", "vie 25 dic 2026".
_SHORT_DATE = {"en": "EEE d MMM y", "es": "EEEE d 'de' MMMM 'de' y"}


def _locale() -> Locale:
    return _parsed(LOCALES.get(language(), "en_US"))


@cache
def _parsed(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def clock(moment: time) -> str:
    """18:00 -> '6:00 PM' (English), '6:00 p.m.' (Spanish)."""
    from babel.dates import format_time

    return format_time(moment, "h:mm a", locale=_locale())


def long_date(day: date) -> str:
    from babel.dates import format_date

    return format_date(day, _LONG_DATE.get(language(), _LONG_DATE["en"]), locale=_locale())


def short_date(day: date | datetime) -> str:
    from babel.dates import format_date

    return format_date(day, _SHORT_DATE.get(language(), _SHORT_DATE["en"]), locale=_locale())


def weekday_name(index: int) -> str:
    """0 -> 'Monday' (or 'lunes'), capitalised for a table."""
    name: str = _locale().days["format"]["wide"][index]
    return name[:1].upper() + name[1:]


def weekday_in_sentence(index: int) -> str:
    """0 -> 'Monday' in English, 'lunes' in Spanish: as written inside a sentence."""
    name: str = _locale().days["format"]["wide"][index]
    return name


def zone_name(zone: str) -> str:
    """'America/Los_Angeles' -> 'Pacific Time' ('hora del Pacífico'); the IANA name if CLDR has none."""
    from babel.dates import get_timezone, get_timezone_name

    try:
        return str(get_timezone_name(get_timezone(zone), "long", locale=_locale(), zone_variant="generic"))
    except (LookupError, ValueError):
        return zone
