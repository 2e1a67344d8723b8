"""What is wrong with a data file, kept as runacu's marked English and its parameters, said in a reader's language
only where it is shown.

Data files are read and validated where no reader's language is known (pydantic runs the models' rules,
and their results are cached across runs), so a rule raises `InvalidValue` with a `Message`: an English
template marked with `N_` and the values to fill in. The `Problem` that carries it is told in the language of
whoever reads it (`Problem.said`), English to one reader and Spanish to another from the same validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from runacu.words import SOURCE_LANGUAGE, for_language

if TYPE_CHECKING:
    from runacu.words import Words


@dataclass(frozen=True, slots=True)
class Message:
    """A message to say later: a template marked with `N_`, and its parameters (a parameter may be a Message too).

    `verbatim` text is no template of runacu's: what a library said in its own words (pydantic's or PyYAML's
    English for a case runacu has no words for), shown as it is in every language.
    """

    text: str
    params: tuple[tuple[str, object], ...] = ()
    verbatim: bool = False

    def said(self, words: Words) -> str:
        """The message in the language of `words` (in English where its catalog has no translation)."""
        if self.verbatim:
            return self.text
        values = {name: value.said(words) if isinstance(value, Message) else value for name, value in self.params}
        return words.say(self.text, **values)

    def templates(self) -> list[str]:
        """Every template of runacu's in the message, its parameters' included (for tests of the catalogs)."""
        found = [] if self.verbatim else [self.text]
        for _, value in self.params:
            if isinstance(value, Message):
                found += value.templates()
        return found

    def __str__(self) -> str:
        return self.said(for_language(SOURCE_LANGUAGE))


def message(text: str, /, **params: object) -> Message:
    """The template `text` (marked with `N_` where it is written), to be said later with `params` filled in."""
    return Message(text, tuple(params.items()))


def verbatim(text: str) -> Message:
    """Text that is no template of runacu's, said as it is in every language."""
    return Message(text, verbatim=True)


class InvalidValue(ValueError):
    """A value a rule refuses: what is wrong as a `Message`, and where below the value it belongs (for file:line).

    `str()` of it is the English, as for any ValueError (pydantic's message, a cache refusing its data).
    """

    def __init__(self, text: str, /, *, at: tuple[str | int, ...] = (), **params: object) -> None:
        self.message = message(text, **params)
        self.at = at
        super().__init__(str(self.message))
