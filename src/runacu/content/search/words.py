"""The words search compares: a text folded and split into words, each word's stem, and its form.

A word matches on its Snowball stem (numbers, and words of a language Snowball has no stemmer for, whole); a word
of OWN_WORDS keeps a stem of its own: "plano", flat, is not "plan". A warning sign or a guide's question
matches on a word's form instead (see `_form`): whole, but for a plural. Stems found once are kept in a
memo, so a search run again does not import snowballstemmer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from runacu.cache.memo import Memo
from runacu.content.search.stop_words import OWN_WORDS
from runacu.content.text import fold, has_unsafe

#: Snowball algorithms by language code. Any other language's is the one named as CLDR names the language in
#: English ("fr": French, "french"), if Snowball has it; else its words match whole.
STEMMERS = {"en": "english", "es": "spanish"}

# A word, with inner apostrophes (runner's, don't); a decimal number such as 47.6 or 1,162 is one word.
_WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:'\w+)*")


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"  # what `\w` matches


def _starts_word(text: str, at: int) -> bool:
    """Whether a word of `text`, as _WORD finds them, starts at `at` (a letter or digit)."""
    if at == 0:
        return True
    before = text[at - 1]
    if _is_word_character(before):
        return False
    if at < 2 or not _is_word_character(text[at - 2]):
        return True
    # The `s` of runner's and the `6` of 47.6 are inside a word.
    return not (before == "'" or (before in ".," and text[at - 2].isdigit() and text[at].isdigit()))


def _language_code(language: str) -> str:
    return language.replace("_", "-").split("-")[0].casefold()


#: Stems found on earlier runs: importing snowballstemmer loads the tables of all its languages.
_STEMS = Memo("stems", "snowballstemmer", limit=20_000, accept=lambda answer: not has_unsafe(answer))


@functools.cache
def _stemmer(algorithm: str) -> Callable[[str], str]:
    """The Snowball stemmer `algorithm`; for one Snowball does not have, the word itself."""
    import snowballstemmer

    try:
        stem: Callable[[str], str] = snowballstemmer.stemmer(algorithm).stemWord
    except KeyError:
        return str
    return stem


def _algorithm(language: str) -> str:
    """The Snowball algorithm of `language` (see STEMMERS); `_stemmer` tells whether Snowball has it."""
    if (known := STEMMERS.get(language)) is not None:
        return known
    from runacu.content.cldr import english_language_name

    return "_".join(english_language_name(language).casefold().split())


@functools.cache
def _word_key(language: str) -> Callable[[str], str]:
    """For one language, what a folded word matches on: its stem (numbers and unknown languages: the word itself),
    or, for a word of OWN_WORDS, the stem its forms share with nothing else."""
    algorithm = _algorithm(language)
    # Stemming is pure Python (tens of microseconds a word), so each word is stemmed once per process,
    # and found in the memo on later runs.
    keys: dict[str, str] = dict(OWN_WORDS.get(language, {}))

    def key(word: str) -> str:
        found = keys.get(word)
        if found is None:
            if any(character.isdigit() for character in word):
                found = word
            else:
                found = _STEMS.get(f"{language}|{word}", lambda: _stemmer(algorithm)(word))
            keys[word] = found
        return found

    return key


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _is_content(word: str, stop: frozenset[str]) -> bool:
    return len(word) > 1 and word not in stop


def _form(word: str, language: str) -> str:
    """A folded word as a warning sign or a guide's question is matched: whole, but for a plural (and, in
    Spanish, a gender): "legs" is "leg", "dormidas" is "dormido"; "dormir" is not "dormida". A word of
    OWN_WORDS is the forms listed with it: "segura" (safe) is not "seguro" (insurance)."""
    own = OWN_WORDS.get(language)
    if own is not None and word in own:
        return own[word]
    if language == "es":
        if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
            word = word[:-2]  # dolores, genitales
        elif len(word) > 3 and word.endswith("s"):
            word = word[:-1]
        if len(word) > 3 and word[-1] in "ao":
            word = word[:-1] + "o"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def _is_number(word: str) -> bool:
    return word[0].isdigit() and _NUMBER.fullmatch(word) is not None


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _prefix(key: str) -> str:
    """What every word whose matching key is `key` starts with, folded."""
    if key.startswith("="):  # a word of OWN_WORDS: what its forms share
        return _own_prefixes()[key]
    kept = len(key) - (2 if key.endswith("ie") else 1)
    return key[: max(1, kept)]


@functools.cache
def _own_prefixes() -> dict[str, str]:
    forms: dict[str, list[str]] = {}
    for own in OWN_WORDS.values():
        for form, key in own.items():
            forms.setdefault(key, []).append(form)
    shared = {}
    for key, group in forms.items():
        first, last = min(group), max(group)
        length = next((at for at, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), len(first))
        shared[key] = first[:length]
    return shared
