"""What the tests of stored output try, shared by the in-process tests here and those of tests/e2e/test_stored_output.py:
the runs and environments the property tests draw, and an entry forged in the store's own format."""

from __future__ import annotations

import itertools
import marshal
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from runacu.cache import pages, sealed

#: One fixed profile for every property here: the same examples on every run, no example database.
PROFILE = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


FORMATS = ("rich", "plain", "markdown", "html", "json")


TOPICS = {
    ("benefits",): ["recovery", "recov", "RECOVERY", "sleep", "immune", "2", "5", "0", "6", "nope", "sueño", "-1"],
    ("back-pain",): ["causes", "doctor", "red-flags", "gerac", "prev", "1", "9", "médico", "zzz"],
    ("guide", "first-visit"): ["safety", "cost", "3", "what-happens", "none-such"],
    ("guide", "first"): ["is-it-safe", "1"],
    ("guide", "back"): ["doctor"],
    ("guide", "nope"): ["1"],
}


SEARCH_WORDS = ["blood", "sangre", "GERAC", "sleep", "running back", "zzzqqq", "flujo"]


MOMENTS = [
    "2026-11-23T10:00",
    "2026-11-28T23:30",
    "2026-03-08T02:30",
    "2026-11-01T01:30",
    "tomorrow",
    "2026-12-24T09:00-05:00",
]


FORMAT_VALUES = [*FORMATS, "JSON", "Markdown", "pdf"]


root_options = st.fixed_dictionaries(
    {},
    optional={
        "--lang": st.sampled_from(["en", "es"]),
        "--color": st.sampled_from(["auto", "always", "never"]),
        "--format": st.sampled_from(FORMAT_VALUES),
        "--json": st.just(None),
    },
)


command_options = st.fixed_dictionaries(
    {},
    optional={
        "--format": st.sampled_from(FORMAT_VALUES),
        "--json": st.just(None),
        "--list": st.just(None),
        # The root's global options, taken after the command too (the one after it wins).
        "--lang": st.sampled_from(["en", "es"]),
        "--color": st.sampled_from(["auto", "always", "never"]),
    },
)


@st.composite
def invocations(draw: st.DrawFn) -> list[str]:
    """Arguments as a reader may type them: root options, a content command, its topic and options in any order."""
    root = draw(root_options)
    words: list[str] = []
    kind = draw(st.sampled_from(["card", "guide", "guide", "guide", "guides", "search", "contact"]))
    options = dict(draw(command_options))
    if kind == "guide":
        guide = draw(st.sampled_from(sorted(TOPICS)))
        words = [*guide]
        topic = draw(st.none() | st.sampled_from(TOPICS[guide]))
        if topic is not None:
            words.append(topic)
    elif kind == "search":
        words = ["search", *draw(st.sampled_from(SEARCH_WORDS)).split()]
    elif kind == "contact":
        words = ["contact", "--at", draw(st.sampled_from(MOMENTS))]
    elif kind == "guides":
        words = ["guides"]
    if kind != "guide":
        options.pop("--list", None)
    if kind == "card":
        options = {}
    flat = [[name] if value is None else [name, value] for name, value in options.items()]
    flat = draw(st.permutations(flat)) if flat else []
    root_flat = [token for name, value in root.items() for token in ([name] if value is None else [name, value])]
    return [*root_flat, *words, *itertools.chain.from_iterable(flat)]


ENVIRONMENT_VALUES = {
    "COLUMNS": ["20", "40", "80", "132", "200", "abc", ""],
    "NO_COLOR": ["1", ""],
    "FORCE_COLOR": ["1", "0", ""],
    "RUNACU_LANG": ["en", "es", "fr", "ES"],
    "LANG": ["C.UTF-8", "es_ES.UTF-8", "en_US.UTF-8", "es"],
}


environments = st.fixed_dictionaries(
    {}, optional={name: st.sampled_from(values) for name, values in ENVIRONMENT_VALUES.items()}
)


REQUEST_RUN = (
    "request", "--name", "Jo Runner", "--phone", "661 555 0123", "--email", "jo@example.com",
    "--contact-method", "email", "--topic", "research", "--message", "Back pain after long runs",
)  # fmt: skip


def forge(path: Path, key: str, events: object, expires: object = None, version: object = None) -> None:
    """An entry in the store's own format, sealed as runacu seals it (as the user could write it)."""
    payload = marshal.dumps((pages.FORMAT if version is None else version, key, expires, events))
    path.write_bytes(sealed.seal(pages.KIND, payload))
    path.chmod(0o600)


OSC_52 = b"\x1b]52;c;SGVsbG8=\x07"
