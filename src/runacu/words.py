"""runacu's own words in the reader's language, from gettext catalogs (the guides' text is data, in YAML).

Every string runacu writes is marked where it is written: `words.say("...")`, `words.say_count(one,
many, n)`, `words.say_in(context, "...")`, or `N_("...")` where it is only named and said later.
`python scripts/catalogs.py` extracts them into `locale/runacu.pot` and merges that into each
language's `locale/<lang>/LC_MESSAGES/runacu.po`; the build compiles the `.mo` files read here with
the standard library's `gettext`. A message with no translation yet is said in English.

A leaf module: every layer may use it, it imports nothing of runacu's. Nothing here knows a
"current" language: a run picks one (`for_language`) and hands the `Words` it gets to whatever
speaks, so two runs in one process (a test) cannot hear each other.
"""

from __future__ import annotations

import gettext
import os
from dataclasses import dataclass, field
from functools import cache

#: The catalogs' text domain, and where the compiled catalogs are: `locale/<lang>/LC_MESSAGES/runacu.mo`.
DOMAIN = "runacu"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
#: The language runacu's own words are written in (the catalogs' source language).
SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:
    """Mark `message` for translation where it is named; it is said, translated, later."""
    return message


@dataclass(frozen=True, eq=False, slots=True)
class Words:
    """runacu's own words in one language: a gettext translation, and the language's code."""

    #: The language code ("en", "es"), as the words are in it.
    language: str
    _catalog: gettext.NullTranslations = field(repr=False)

    def say(self, message: str, /, **params: object) -> str:
        """`message` in this language (as it is, if it has no translation), with `params` filled in."""
        text = self._catalog.gettext(message)
        return text.format(**params) if params else text

    def say_in(self, context: str, message: str, /, **params: object) -> str:
        """`message` as it is meant in `context`: one English text that a language says two ways."""
        text = self._catalog.pgettext(context, message)
        return text.format(**params) if params else text

    def say_count(self, singular: str, plural: str, count: int, /, **params: object) -> str:
        """The form of `singular`/`plural` that `count` takes in this language, `{count}` filled in."""
        return self._catalog.ngettext(singular, plural, count).format(count=count, **params)


def languages() -> tuple[str, ...]:
    """The languages runacu speaks: English, then each one with a catalog, by its code (the folder's name).

    Found, not listed: a new language is a new catalog. A catalog is its compiled `.mo`, or its `.po`
    alone in a source tree not compiled yet (as the wheel's build reads it, to ship each language's
    data): until it is compiled, its words are English (`for_language`).
    """
    try:
        names = os.listdir(LOCALE_DIR)
    except OSError:
        names = []
    found = sorted(
        name
        for name in names
        if name != SOURCE_LANGUAGE
        and (os.path.isfile(catalog_path(name)) or os.path.isfile(catalog_path(name)[: -len(".mo")] + ".po"))
    )
    return (SOURCE_LANGUAGE, *found)


def catalog_path(language: str) -> str:
    """Where the compiled catalog of `language` is (it may not exist)."""
    return os.path.join(LOCALE_DIR, language, "LC_MESSAGES", DOMAIN + ".mo")


@cache
def for_language(code: str) -> Words:
    """The words of the language `code`; one runacu does not speak gets the source words (English),
    as gettext's `translation(..., fallback=True)` does."""
    if code == SOURCE_LANGUAGE or not os.path.isfile(catalog_path(code)):
        return Words(SOURCE_LANGUAGE, gettext.NullTranslations())
    with open(catalog_path(code), "rb") as compiled:
        return Words(code, gettext.GNUTranslations(compiled))
