"""What CLDR (through babel) says for a language: its locale, the names of countries and of languages, kept in a memo.

babel takes a good part of a command's start-up to import and to load a locale, while runacu asks it
the same few things every time ("United States" in Spanish, the English name of "fr"). Each answer is
kept in a memo (`runacu/cache/memo.py`); a later run finds it there and does not import babel at all.
The dates and times of the views (`views/dates.py`) are kept in the same memo.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from runacu.cache.memo import Memo
from runacu.content.text import has_unsafe

if TYPE_CHECKING:
    from babel import Locale

#: The CLDR locale of each language that names one: US English, and CLDR's general Spanish ("6:00 p. m.").
#: Any other language is CLDR's locale of its code ("fr", "pt_BR"), or US English's if CLDR has none.
LOCALES = {"en": "en_US", "es": "es"}
FALLBACK_LOCALE = "en_US"
#: The strings babel made, kept for later runs (at most this many).
MEMO = Memo("cldr", "babel", limit=2000, accept=lambda answer: not has_unsafe(answer))

#: How a country code is written: ISO 3166-1 alpha-2, two letters.
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")
#: CLDR's two-letter territories that are no country an address is in: unions, placeholders, pseudo-locales.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})


def memoized(kind: str, language: str, argument: str, make: Callable[[], str]) -> str:
    """The memo's answer for (`kind`, `language`, `argument`), or `make()`'s, kept for later runs."""
    found = MEMO.get(f"{kind}|{language}|{argument}", make)
    MEMO.save()
    return found


def locale(language: str) -> Locale:
    """The CLDR locale of `language` (see LOCALES)."""
    return _parsed(LOCALES.get(language, language))


@cache
def _parsed(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(FALLBACK_LOCALE)


class UnknownCountryCode(LookupError):
    """Two letters that are not the code of a country CLDR knows; `suggestion` is the code CLDR has for them, if any."""

    def __init__(self, code: str, suggestion: str | None) -> None:
        super().__init__(code)
        self.code, self.suggestion = code, suggestion


def country_code(written: str) -> str:
    """The ISO 3166 code `written` names: the code itself (`us` is `US`), the code of a country's English name as CLDR
    writes it (`United States` is `US`), or else `written` unchanged, a name CLDR does not know.

    UnknownCountryCode for two letters that are no country's code.
    """

    def make() -> str:
        territories = _english_territories()
        if COUNTRY_CODE.fullmatch(written):
            code = written.upper()
            if code not in territories:
                from babel.core import get_global

                aliases = get_global("territory_aliases").get(code) or []
                raise UnknownCountryCode(code, next((alias for alias in aliases if alias in territories), None))
            return code
        by_name = {" ".join(name.casefold().split()): code for code, name in territories.items()}
        return by_name.get(" ".join(written.casefold().split()), written)

    return memoized("country code", "en", written, make)


def _english_territories() -> dict[str, str]:
    """CLDR's countries by code, with their English names."""
    named = _parsed("en").territories
    return {str(code): str(name) for code, name in named.items() if code.isalpha() and code not in _NOT_COUNTRIES}


def country_name(country: str, language: str) -> str:
    """The name of `country` (a code, as `country_code` gives it) in `language`; a name CLDR does not know, as it is."""
    if not COUNTRY_CODE.fullmatch(country):
        return country
    return memoized("territory", language, country, lambda: str(locale(language).territories.get(country, country)))


def english_language_name(language: str) -> str:
    """'fr' -> 'French': the English name of the language `language` (the code itself if CLDR has no name for it)."""

    def make() -> str:
        from babel import Locale, UnknownLocaleError

        try:
            code = Locale.parse(language).language
        except (UnknownLocaleError, ValueError, TypeError):
            return language
        return str(_parsed("en").languages.get(code, language))

    return memoized("language", "en", language, make)
