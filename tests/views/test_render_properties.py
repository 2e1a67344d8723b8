"""Property tests: every valid guide renders in every format."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runacu.content.library import GuideSummary, Library
from runacu.content.models import Guide, GuideFile
from runacu.content.validation import adapter
from runacu.views import OutputFormat, output
from runacu.views.json_view import guide_json
from runacu.views.pages import ClinicView, guide_page, guides_page, slugs_page
from runacu.views.terminal import Terminal
from runacu.words import for_language

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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


@pytest.mark.slow
@SETTINGS
@given(guides, st.integers(min_value=20, max_value=240), st.sampled_from(list(OutputFormat)))
def test_every_valid_guide_renders_in_every_format(
    data: dict[str, Any], width: int, output_format: OutputFormat
) -> None:
    try:
        content = adapter(GuideFile).validate_python(data)
    except ValueError:
        return  # e.g. duplicate slugs or blank text: the loader's error (tests/content/test_loader_properties.py)
    guide = Guide(slug="generated", **vars(content))
    clinic = ClinicView(Library().load_clinic(), None)
    words = for_language("en")
    for is_terminal in (True, False):
        terminal = Terminal(out=io.StringIO(), err=io.StringIO(), is_terminal=is_terminal, width=width)
        pages = [
            (lambda: guide_page(words, guide, list(enumerate(guide.topics, start=1)), clinic, ("guide", "generated")), lambda: guide_json(guide)),
            (lambda: slugs_page(words, guide), lambda: guide.topic_slugs),
            (lambda: guides_page(words, [GuideSummary(guide.slug, guide.title, len(guide.topics))]), lambda: [guide.slug]),
        ]  # fmt: skip
        text = "".join(output(terminal, output_format, page, data) for page, data in pages)
        assert text
        assert not any(ch in text for ch in "\x07\x08\x0d\x9b")
        if output_format is not OutputFormat.RICH:
            assert "\x1b" not in text
