"""Every word runacu writes itself, in Spanish (US usage, "usted"); the keys of `runacu.words.ENGLISH`."""

WORDS: dict[str, str] = {}
