"""--format rich|plain|markdown|json: the same facts of a topic and of the clinic in every format."""

from __future__ import annotations

import json

import pytest

from runacu.content.library import Library
from runacu.words import for_language
from tests.conftest import fake_terminal, run, strip_ansi
from tests.views.conftest import shown

FORMATS = ["rich", "plain", "markdown", "json"]


def flat(text: str) -> str:
    return " ".join(strip_ansi(text).replace("\\", "").replace("│", " ").split())


def topic_facts(guide: str, slug: str) -> list[str]:
    topic = Library().load_guide(guide).find_topic(slug, for_language("en"))[1]
    facts = [topic.title, topic.summary, *topic.tips]
    facts += [part for source in topic.sources for part in (source.doi or "", source.note or "") if part]
    return [" ".join(fact.split()) for fact in facts] + [" ".join(topic.explanation.split())[:60]]


@pytest.mark.slow
@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize(
    ("guide", "slug"), [("back-pain", "research"), ("back-pain", "prevention"), ("benefits", "stress-and-sleep")]
)
def test_every_format_carries_every_fact_of_a_topic(output_format: str, guide: str, slug: str) -> None:
    result = run(guide, slug, "--format", output_format, terminal=fake_terminal(width=200))
    assert result.exit_code == 0
    out = result.stdout
    if output_format == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    for fact in topic_facts(guide, slug):
        assert fact in flat(out), (output_format, fact)


@pytest.mark.parametrize("output_format", FORMATS)
def test_contact_in_every_format(output_format: str) -> None:
    out = flat(shown("contact", "--format", output_format).stdout).lower()
    zone = "america/los_angeles" if output_format == "json" else "pacific time"  # the data, or its name
    for fact in ("Valencia Sports Medicine", "(661) 490-9221", "27430 The Old Rd", "Monday", zone):
        assert fact.lower() in out


def test_format_rich_in_a_pipe_has_boxes_but_no_colour() -> None:
    out = run("benefits", "1", "--format", "rich").stdout
    assert "╭" in out and "\x1b[" not in out
