"""--format rich|plain|markdown|json: the same facts in every format; Markdown that parses as meant."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from runacu.content.library import Library
from tests.conftest import fake_terminal, run, strip_ansi

FORMATS = ["rich", "plain", "markdown", "json"]


def flat(text: str) -> str:
    return " ".join(strip_ansi(text).replace("\\", "").replace("│", " ").split())


def topic_facts(guide: str, slug: str) -> list[str]:
    topic = Library().load_guide(guide).find_topic(slug)[1]
    facts = [topic.title, topic.summary, *topic.tips]
    facts += [part for source in topic.sources for part in (source.doi or "", source.note or "") if part]
    return [" ".join(fact.split()) for fact in facts] + [" ".join(topic.explanation.split())[:60]]


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
    out = flat(run("contact", "--format", output_format).stdout).lower()
    zone = "america/los_angeles" if output_format == "json" else "pacific time"  # the data, or its name
    for fact in ("Valencia Sports Medicine", "(661) 490-9221", "27430 The Old Rd", "Monday", zone):
        assert fact.lower() in out


def test_markdown_is_clean_commonmark_with_links() -> None:
    text = run("back-pain", "--format", "markdown").stdout
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert headings[0] == "Acupuncture for running-induced back pain"
    assert "3. What the research says" in headings
    html = MarkdownIt("commonmark").render(text)
    assert '<a href="https://doi.org/10.1001/archinte.167.17.1892">doi:10.1001/archinte.167.17.1892</a>' in html
    assert "<li>Keep a good posture.</li>" in html


def test_markdown_escapes_data_text(data_dir: object) -> None:
    from pathlib import Path

    path = Path(str(data_dir)) / "benefits.yaml"
    path.write_text(path.read_text().replace("title: Faster recovery", 'title: "*Fast* <b>recovery</b> [x](y)"'))
    html = MarkdownIt("commonmark").render(run("--data-dir", str(data_dir), "benefits", "1", "-f", "markdown").stdout)
    assert "<em>" not in html.split("</h2>")[0]
    assert "&lt;b&gt;recovery&lt;/b&gt;" in html
    assert "<a href" not in html.split("</h2>")[0]


def test_format_rich_in_a_pipe_has_boxes_but_no_colour() -> None:
    out = run("benefits", "1", "--format", "rich").stdout
    assert "╭" in out and "\x1b[" not in out


def test_json_and_another_format_is_a_usage_error_naming_both() -> None:
    result = run("benefits", "--format", "plain", "--json")
    assert result.exit_code == 2
    assert "--json" in result.stderr and "--format" in result.stderr
    assert json.loads(run("benefits", "--format", "json", "--json").stdout)["slug"] == "benefits"


def test_unknown_format_is_a_usage_error() -> None:
    assert run("benefits", "--format", "pdf").exit_code == 2
