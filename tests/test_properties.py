"""Property tests: whatever the data, the loader gives a model or a DataError, and every model renders."""

from __future__ import annotations

import io
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from runacu.content.library import GuideSummary, Library, parse_model
from runacu.content.models import Clinic, Guide, GuideFile
from runacu.content.problems import DataError
from runacu.content.validation import adapter
from runacu.content.yaml_reader import parse_yaml
from runacu.views import OutputFormat, output
from runacu.views.json_view import guide_json
from runacu.views.pages import ClinicView, guide_page, guides_page, slugs_page
from runacu.views.terminal import Terminal

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=25,
)
KEYS = [
    "title",
    "intro",
    "disclaimer",
    "topics",
    "slug",
    "summary",
    "explanation",
    "tips",
    "sources",
    "citation",
    "doi",
    "note",
]


def load(raw: bytes, model: type[Any]) -> None:
    """Either a valid model or the project's DataError: anything else fails the test."""
    try:
        parse_model(parse_yaml(raw, "f.yaml"), model, "f.yaml")
    except DataError as error:
        assert error.problems
        assert all(problem.file == "f.yaml" for problem in error.problems)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_loads_or_is_a_data_error(text: str) -> None:
    load(text.encode("utf-8"), GuideFile)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_a_data_error(raw: bytes) -> None:
    load(raw, Clinic)


yaml_tokens = st.sampled_from(["&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "!!str ", "!!python/name:os ",
                               "'", '"', "? ", "---\n", "<<: *a\n", "title", "topics", "\\e", "#", ",", "|\n", ">\n"])  # fmt: skip


@SETTINGS
@given(st.lists(yaml_tokens | st.text(max_size=5), max_size=60).map("".join))
@example(">\n\n  &a ")  # a whole file that is one folded text once crashed the loader
def test_yaml_like_noise_loads_or_is_a_data_error(text: str) -> None:
    load(text.encode("utf-8"), GuideFile)


@SETTINGS
@given(structures | st.dictionaries(st.sampled_from(KEYS), structures, max_size=6))
def test_any_structure_loads_or_is_a_data_error(data: object) -> None:
    load(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), GuideFile)


text = st.text(min_size=1, max_size=80)
topics = st.fixed_dictionaries(
    {"slug": st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True), "title": text, "summary": text, "explanation": text,
     "evidence": st.fixed_dictionaries({"kind": st.sampled_from(["review", "trial", "study", "lab", "guidance", "practice"]), "note": text})},
    optional={
        "tips": st.lists(text, max_size=3),
        "red_flags": st.lists(st.fixed_dictionaries({"level": st.just("emergency"), "action": text, "signs": st.lists(text, min_size=1, max_size=3)}), max_size=1),
        "sources": st.lists(st.fixed_dictionaries({"citation": text}, optional={"note": text, "doi": st.just("10.1000/x")}), max_size=2),
    },
)  # fmt: skip
guides = st.fixed_dictionaries(
    {
        "title": text,
        "intro": text,
        "disclaimer": text,
        "reviewed": st.just("2026-11-23"),
        "next_review": st.just("2027-11-23"),
        "topics": st.lists(topics, min_size=1, max_size=3),
    }
)


@SETTINGS
@given(guides, st.integers(min_value=20, max_value=240), st.sampled_from(list(OutputFormat)))
def test_every_valid_guide_renders_in_every_format(
    data: dict[str, Any], width: int, output_format: OutputFormat
) -> None:
    try:
        content = adapter(GuideFile).validate_python(data)
    except ValueError:
        return  # e.g. duplicate slugs or blank text: the loader's error, tested above
    guide = Guide(slug="generated", **vars(content))
    clinic = ClinicView(Library().load_clinic(), None)
    for is_terminal in (True, False):
        terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=is_terminal, width=width)
        pages = [
            (lambda: guide_page(guide, list(enumerate(guide.topics, start=1)), clinic, ("guide", "generated")), lambda: guide_json(guide)),
            (lambda: slugs_page(guide), lambda: guide.topic_slugs),
            (lambda: guides_page([GuideSummary(guide.slug, guide.title, len(guide.topics))]), lambda: [guide.slug]),
        ]  # fmt: skip
        text = "".join(output(terminal, output_format, page, data) for page, data in pages)
        assert text
        assert not any(ch in text for ch in "\x07\x08\x0d\x9b")
        if output_format is not OutputFormat.RICH:
            assert "\x1b" not in text
