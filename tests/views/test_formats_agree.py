"""The same page carries the same facts in every format: plain, Markdown, HTML, rich and JSON.

Pages are built once as blocks and written by one renderer per format; these tests catch a renderer
that drops, merges, reorders or rewords what the page builder said.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from runacu.content.library import Library
from runacu.content.models import Guide, Source, Topic, json_data
from runacu.views import dates
from runacu.views.pages import paragraphs
from runacu.views.pages.guide import EVIDENCE_KINDS
from runacu.words import for_language
from tests.conftest import fake_terminal, run, strip_ansi
from tests.html_text import parse_html, text_of
from tests.views.conftest import shown

GUIDES = ("benefits", "back-pain", "first-visit")
TEXT_FORMATS = ("plain", "markdown", "html", "rich")
FORMATS = (*TEXT_FORMATS, "json")
#: Rich draws panels, rules and tables with these; they are not words.
BOX_DRAWING = re.compile("[\u2500-\u257f]")


# Reading each format back as text


def squash(text: str) -> str:
    return " ".join(text.split())


def unbox(text: str) -> str:
    """Rich output without escape codes or box-drawing characters."""
    return BOX_DRAWING.sub(" ", strip_ansi(text))


def readable(output_format: str, text: str) -> str:
    """The words of a page in a text format, whitespace-normalised."""
    if output_format == "html":
        return text_of(parse_html(text).find("body"))  # type: ignore[arg-type]
    if output_format == "markdown":
        # Markdown escapes data text with backslashes and marks bold and italics with asterisks.
        return squash(re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*+", "", text)))
    if output_format == "rich":
        return squash(unbox(text))
    return squash(text)


def chunks(text: str) -> list[str]:
    """Plain or rich text split at blank lines, each piece whitespace-normalised; title underlines left out."""
    lines = [line.strip() for line in text.splitlines() if not re.fullmatch(r"\s*(=+|-+)\s*", line)]
    pieces = re.split(r"\n[ \t]*\n", "\n".join(lines))
    return [squash(piece) for piece in pieces if piece.strip()]


def block_texts(output_format: str, text: str) -> list[str]:
    """The title and every paragraph of a page, in order: <h1> and <p> in HTML (Markdown rendered to HTML)."""
    if output_format in ("plain", "rich"):
        return chunks(unbox(text))
    if output_format == "markdown":
        text = "<!doctype html><title>t</title>" + MarkdownIt("commonmark").render(text)
    return [text_of(element) for element in parse_html(text).iter() if element.tag in ("h1", "p")]


def paragraph_texts(output_format: str, text: str) -> list[str]:
    """Every <p> of an HTML page, or of a Markdown page rendered by a CommonMark parser."""
    if output_format == "markdown":
        text = "<!doctype html><title>t</title>" + MarkdownIt("commonmark").render(text)
    return [text_of(element) for element in parse_html(text).iter("p")]


# Running the commands


def command(guide: str) -> tuple[str, ...]:
    return (guide,) if guide in ("benefits", "back-pain") else ("guide", guide)


def render(output_format: str, *args: str) -> str:
    """A page in one format: rich on a wide fake terminal, every other format as it is piped."""
    terminal = fake_terminal(width=200) if output_format == "rich" else None
    result = run(*args, "--format", output_format, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def render_shown(output_format: str, *args: str) -> str:
    """`render`, for a screen of the built-in data: run once, however many tests read it."""
    result = shown(*args, "--format", output_format, width=200 if output_format == "rich" else None)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rendered(guide: str, output_format: str) -> str:
    """A whole built-in guide in one format (run once: the built-in data does not change)."""
    return render_shown(output_format, *command(guide))


@cache
def readable_guide(guide: str, output_format: str) -> str:
    """`readable` of a whole built-in guide in one format, read once for the tests that read it."""
    return readable(output_format, rendered(guide, output_format))


@cache
def words_of_guide(guide: str, output_format: str) -> str:
    """`words_of` of a whole built-in guide in one format, read once for the tests that read it."""
    return words_of(output_format, rendered(guide, output_format))


#: The words the English pages are written in: asked for by name, never taken from whatever ran before.
ENGLISH = for_language("en")


# The facts of a guide


def evidence_label(topic: Topic) -> str:
    return ENGLISH.say("Evidence: {kind}.", kind=ENGLISH.say(EVIDENCE_KINDS[topic.evidence.kind]))


def last_reviewed(guide: Guide) -> str:
    reviewed, next_review = dates.long_date(guide.reviewed, "en"), dates.long_date(guide.next_review, "en")
    return ENGLISH.say("Last reviewed {date}; next review due {next}.", date=reviewed, next=next_review)


def topic_facts(number: int, topic: Topic) -> list[tuple[str, str]]:
    """(what, text) for every fact of a topic a reader must find in any format."""
    facts = [
        ("title", f"{number}. {topic.title}"),
        ("summary", topic.summary),
        ("evidence label", evidence_label(topic)),
        ("evidence note", topic.evidence.note),
    ]
    facts += [("explanation paragraph", part) for part in paragraphs(topic.explanation)]
    facts += [("tip", tip) for tip in topic.tips]
    for listed in topic.lists:
        facts += [("list heading", listed.heading), *(("list item", item) for item in listed.items)]
    for flags in topic.red_flags:
        facts += [("red-flag action", flags.action), *(("red-flag sign", sign) for sign in flags.signs)]
    for source in topic.sources:
        facts += source_facts(source)
    return [(what, squash(text)) for what, text in facts]


def source_facts(source: Source) -> list[tuple[str, str]]:
    facts = [("citation", source.citation)]
    if source.doi:
        facts.append(("doi", f"doi:{source.doi}"))
    if source.url:
        facts.append(("url", source.url))
    if source.note:
        facts.append(("source note", ENGLISH.say("Evidence note:") + f" {source.note}"))
    return facts


def guide_facts(guide: Guide) -> list[tuple[str, str]]:
    facts = [("guide title", guide.title), *(("intro paragraph", part) for part in paragraphs(guide.intro))]
    facts += [(f"intro {what}", text) for source in guide.sources for what, text in source_facts(source)]
    for number, topic in enumerate(guide.topics, start=1):
        facts += [(f"{topic.slug} {what}", text) for what, text in topic_facts(number, topic)]
    facts += [
        ("last reviewed", last_reviewed(guide)),
        ("disclaimer", ENGLISH.say("Disclaimer:") + f" {guide.disclaimer}"),
    ]
    return [(what, squash(text)) for what, text in facts]


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
@pytest.mark.parametrize("guide", GUIDES)
def test_every_fact_of_a_guide_is_in_every_text_format(guide: str, output_format: str) -> None:
    text = readable_guide(guide, output_format)
    facts = guide_facts(Library().load_guide(guide))
    missing = [f"{what}: {fact!r}" for what, fact in facts if fact not in text]
    assert not missing, "\n".join(missing)


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
@pytest.mark.parametrize("guide", GUIDES)
def test_topics_come_in_the_same_order_in_every_format(guide: str, output_format: str) -> None:
    text = readable_guide(guide, output_format)
    topics = Library().load_guide(guide).topics
    places = [text.find(f"{number}. {topic.title}") for number, topic in enumerate(topics, start=1)]
    assert -1 not in places and places == sorted(places), places


#: The clinic's call to action at the end of every guide: worded so it cannot read as what to do for a warning sign.
CALL_TO_ACTION = "For questions about acupuncture, or to book a visit, call Valencia Sports Medicine at (661) 490-9221."
FOR_HOURS = "Run runacu contact for the address and opening hours."


def words_of(output_format: str, text: str) -> str:
    """`readable`, with Markdown read as a reader sees it: links and code spans rendered (by a CommonMark parser)."""
    if output_format == "markdown":
        return readable("html", "<!doctype html><title>t</title>" + MarkdownIt("commonmark").render(text))
    return readable(output_format, text)


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
@pytest.mark.parametrize("guide", GUIDES)
def test_every_format_ends_a_guide_with_the_same_call_to_action(guide: str, output_format: str) -> None:
    text = words_of_guide(guide, output_format)
    assert text.count(CALL_TO_ACTION) == 1
    topics = Library().load_guide(guide).topics
    assert text.index(CALL_TO_ACTION) > text.index(f"{len(topics)}. {topics[-1].title}"), "after the last topic"
    after = text.split(CALL_TO_ACTION)[1]
    if output_format in ("plain", "rich"):
        # Only a terminal's reader is told whether the clinic is open now; a saved page would go stale.
        assert re.match(rf" (Open now|Closed now), [^.]+\. {FOR_HOURS}", after), after[:120]
    elif output_format == "html":  # a handout: it ends with the address and hours, and names no command
        assert FOR_HOURS not in text and "Opening hours" in after, after[:120]
        assert "Open now" not in text and "Closed now" not in text
    else:
        assert after.startswith(f" {FOR_HOURS}"), after[:120]
        assert "Open now" not in text and "Closed now" not in text
    assert "Regain control" not in text, "the tagline is for `runacu contact` only"


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
def test_every_format_says_under_the_intro_where_the_warning_signs_are(output_format: str) -> None:
    guide = Library().load_guide("back-pain")
    number, topic = next((n, t) for n, t in enumerate(guide.topics, start=1) if t.red_flags)
    text = words_of_guide("back-pain", output_format)
    pointer = f"Warning signs that need a doctor: see topic {number}, {topic.title}"
    pointer += "." if output_format == "html" else ", or run runacu check"  # a handout names no command
    assert text.count(pointer) == 1
    assert text.index(paragraphs(guide.intro)[-1]) < text.index(pointer) < text.index(f"1. {guide.topics[0].title}")


@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES)
def test_json_carries_the_data_of_every_topic(guide: str) -> None:
    data = json.loads(rendered(guide, "json"))
    model = Library().load_guide(guide)
    assert (data["slug"], data["title"], data["disclaimer"]) == (model.slug, model.title, model.disclaimer)
    assert (data["reviewed"], data["next_review"]) == (model.reviewed.isoformat(), model.next_review.isoformat())
    assert paragraphs(data["intro"]) == paragraphs(model.intro)
    intro_sources = [(s.citation, s.doi, s.url, s.note) for s in model.sources]
    assert [(s["citation"], s["doi"], s["url"], s["note"]) for s in data["sources"]] == intro_sources
    assert [topic["slug"] for topic in data["topics"]] == model.topic_slugs
    for found, topic in zip(data["topics"], model.topics, strict=True):
        assert (found["title"], found["summary"]) == (topic.title, topic.summary)
        assert (found["aliases"], found["questions"]) == (list(topic.aliases), list(topic.questions))
        assert found["evidence"] == {"kind": topic.evidence.kind, "note": topic.evidence.note}
        assert paragraphs(found["explanation"]) == paragraphs(topic.explanation)
        assert found["tips"] == list(topic.tips)
        assert [(listed["heading"], listed["items"]) for listed in found["lists"]] == [
            (listed.heading, list(listed.items)) for listed in topic.lists
        ]
        expected_flags = [(f.level, f.action, list(f.signs)) for f in topic.red_flags]
        assert [(f["level"], f["action"], f["signs"]) for f in found["red_flags"]] == expected_flags
        expected_sources = [(s.citation, s.doi, s.url, s.note) for s in topic.sources]
        assert [(s["citation"], s["doi"], s["url"], s["note"]) for s in found["sources"]] == expected_sources


#: Every topic of the shipped guides, each on its own page in one format, the formats taken in turn: every topic
#: meets the single-topic page and every format meets it with topics of every guide. A topic's section is built
#: by the same code (`topic_section`) and written by the same writer on its own page as in its whole guide,
#: where every fact of every topic is checked in every format (above); what is a single topic page's own (which
#: topic is picked, the intro and guide sources left out, its footer) does not depend on the format.
SINGLE_TOPIC_PAGES = [
    (guide, slug, FORMATS[number % len(FORMATS)])
    for number, (guide, slug) in enumerate((g, t.slug) for g in GUIDES for t in Library().load_guide(g).topics)
]


@pytest.mark.slow
@pytest.mark.parametrize(("guide", "slug", "output_format"), SINGLE_TOPIC_PAGES)
def test_a_single_topic_page_carries_its_facts(guide: str, slug: str, output_format: str) -> None:
    text = render(output_format, *command(guide), slug)
    model = Library().load_guide(guide)
    number, topic = model.find_topic(slug, ENGLISH)
    if output_format == "json":
        assert json.loads(text)["topics"] == [json_data(topic)]
        return
    readable_text = readable(output_format, text)
    facts = [*topic_facts(number, topic), ("last reviewed", squash(last_reviewed(model)))]
    missing = [f"{what}: {fact!r}" for what, fact in facts if fact not in readable_text]
    assert not missing, "\n".join(missing)


# (1) The request receipt: the same lines everywhere, with and without a clinic email


REQUEST = (
    "request", "--name", "Jo Runner", "--phone", "661 555 0123", "--email", "jo@example.com",
    "--contact-method", "email", "--topic", "research", "--message", "Back pain after long runs",
    "--output", "draft.eml",
)  # fmt: skip


def without_space(text: str) -> str:
    return "".join(text.split())


def receipts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *global_options: str) -> dict[str, list[str]]:
    """The receipt's title and paragraphs in each text format; each draft saved as draft.eml in a folder of its own."""
    found = {}
    for output_format in TEXT_FORMATS:
        folder = tmp_path / f"requests-{output_format}"
        folder.mkdir()
        monkeypatch.chdir(folder)
        text = render(output_format, *global_options, *REQUEST)
        assert (folder / "draft.eml").is_file()
        # Rich folds a long mailto: link across lines: compare without white space.
        found[output_format] = [without_space(piece) for piece in block_texts(output_format, text)]
    return found


@pytest.mark.slow
def test_request_receipt_has_the_same_lines_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    clinic = data_dir / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    assert "\nemail:\n" in text
    clinic.write_text(text.replace("\nemail:\n", "\nemail: desk@example.org\n"), encoding="utf-8")
    found = receipts(tmp_path, monkeypatch, "--data-dir", str(data_dir))
    expected = [ENGLISH.say("Appointment request"), ENGLISH.say("Saved your request to"), "draft.eml"]
    expected += [ENGLISH.say("Send it from your mail program, or open:")]
    for output_format, lines in found.items():
        assert lines[: len(expected)] == [without_space(line) for line in expected], output_format
        assert lines[len(expected)].startswith("mailto:desk@example.org?subject="), output_format
        assert lines[-1] == without_space("Or call Valencia Sports Medicine: (661) 490-9221"), output_format
        assert lines == found["plain"], output_format


@pytest.mark.slow
def test_receipt_without_email_is_what_to_say_when_you_call_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = [
        "The clinic has no email address yet. Call Valencia Sports Medicine: (661) 490-9221",
        "What to say:",
        "I'd like to ask for an appointment.",
        "Name: Jo Runner",
        "Phone: (661) 555-0123",
        "Topic: What the research says",
        "Preferred contact method: email (jo@example.com)",
        "Message: Back pain after long runs",
        "A copy is saved for your records: draft.eml",
    ]
    for output_format in TEXT_FORMATS:
        folder = tmp_path / output_format
        folder.mkdir()
        monkeypatch.chdir(folder)
        text = render(output_format, *REQUEST)
        if output_format == "markdown":  # its words as a reader of the rendered page reads them
            text = "<!doctype html><title>t</title>" + MarkdownIt("commonmark").render(text)
        text = readable("html" if output_format == "markdown" else output_format, text)
        if output_format in ("rich", "html"):  # definitions with no colons: a label, then its value
            text = re.sub(r"(Name|Phone|Topic|Preferred contact method|Message) ", r"\1: ", text)
        missing = [line for line in said if line not in text]
        assert not missing, f"{output_format}: {missing}"
        # Whether the clinic is open now is said on a screen, never in a page read later.
        assert ("now," in text) == (output_format in ("plain", "rich")), output_format


# (2) Markdown DOI links, and the evidence note in a paragraph of its own


def test_markdown_doi_links_are_angle_bracketed_doi_org_links() -> None:
    text = rendered("back-pain", "markdown")
    dois = {s.doi for t in Library().load_guide("back-pain").topics for s in t.sources if s.doi}
    for doi in dois:
        assert f"[doi:{doi}](<https://doi.org/{doi}>)" in text, doi
    assert set(re.findall(r"\[doi:([^\]]+)\]", text)) == dois
    html = MarkdownIt("commonmark").render(text)
    for doi in dois:
        assert f'<a href="https://doi.org/{doi}">doi:{doi}</a>' in html, doi


@pytest.mark.slow
@pytest.mark.parametrize("guide", GUIDES)
def test_markdown_evidence_note_is_a_paragraph_of_its_own(guide: str) -> None:
    found = paragraph_texts("markdown", rendered(guide, "markdown"))
    model = Library().load_guide(guide)
    for sources in [model.sources, *(topic.sources for topic in model.topics)]:
        for source in sources:
            citation = squash(source.citation)
            cited = [p for p in found if p.startswith(citation)]
            assert cited, citation
            if source.doi:
                assert f"{citation} doi:{source.doi}" in cited, cited
            if source.note:
                note = ENGLISH.say("Evidence note:") + f" {squash(source.note)}"
                assert not any(note in p for p in cited), cited
                assert note in found, note


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["plain", "rich"])
def test_evidence_note_starts_its_own_line_in_terminal_formats(output_format: str) -> None:
    lines = [line.strip() for line in unbox(rendered("back-pain", output_format)).splitlines()]
    notes = [line for line in lines if ENGLISH.say("Evidence note:") in line]
    assert notes
    assert all(line.startswith(ENGLISH.say("Evidence note:")) for line in notes), notes


# (3) A blank line in an explanation is a paragraph break in every format

#: The ways YAML writes a block of lines, each tried in a topic of its own: one run of the guide shows them all.
BLOCK_STYLES = {"folded": (">-", "muscle-balance"), "literal": ("|", "recovery"), "folded-clip": (">", "immune-system")}


def two_paragraphs(name: str) -> tuple[str, str]:
    """The two paragraphs of the block written in the style `name`."""
    return (
        f"Alpha paragraph one of the {name} block wraps across two lines of the YAML file.",
        f"Beta paragraph two of the {name} block also wraps across two lines.",
    )


def explanation_block(style: str, first: str, second: str) -> str:
    """An explanation of two paragraphs in the block style `style`, each paragraph over two lines."""
    one, two = first.split(" across "), second.split(" across ")
    lines = [f"{one[0]}", f"across {one[1]}", "", f"{two[0]}", f"across {two[1]}"]
    return f"explanation: {style}\n" + "\n".join(f"      {line}" if line else "" for line in lines) + "\n"


def replace_explanation(path: Path, slug: str, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- slug: {slug}\n")
    pattern = re.compile(r"    explanation: .*\n(?:(?:      .*)?\n)*")
    found = pattern.search(text, start)
    assert found is not None
    path.write_text(text[: found.start()] + "    " + block + "\n" + text[found.end() :], encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("output_format", FORMATS)
def test_a_blank_line_in_an_explanation_is_a_paragraph_break(data_dir: Path, output_format: str) -> None:
    for name, (style, slug) in BLOCK_STYLES.items():
        replace_explanation(data_dir / "benefits.yaml", slug, explanation_block(style, *two_paragraphs(name)))
    text = render(output_format, "--data-dir", str(data_dir), "benefits")
    if output_format == "json":
        explanations = {topic["slug"]: topic["explanation"] for topic in json.loads(text)["topics"]}
        for name, (_, slug) in BLOCK_STYLES.items():
            assert paragraphs(explanations[slug]) == list(two_paragraphs(name)), name
        return
    found = paragraph_texts(output_format, text) if output_format in ("markdown", "html") else chunks(unbox(text))
    for name in BLOCK_STYLES:
        first, second = two_paragraphs(name)
        assert first in found and second in found, (name, found)
        assert found.index(second) == found.index(first) + 1, (name, found)


def test_a_literal_block_without_a_blank_line_is_one_paragraph(data_dir: Path) -> None:
    replace_explanation(
        data_dir / "benefits.yaml", "muscle-balance", "explanation: |\n      One paragraph that\n      wraps.\n"
    )
    text = render("html", "--data-dir", str(data_dir), "benefits", "muscle-balance")
    assert "One paragraph that wraps." in paragraph_texts("html", text)


# (4) The UI words, exactly as the catalogs say them


def ui_words(code: str) -> dict[str, str]:
    english = {
        "tips": "Tips",
        "sources": "Sources",
        "evidence_note": "Evidence note:",
        "disclaimer_label": "Disclaimer:",
    }
    return {key: for_language(code).say(message) for key, message in english.items()}


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_ui_words_are_written_as_the_catalog_says_them(lang: str, output_format: str) -> None:
    words = ui_words(lang)
    text = render_shown(output_format, "--lang", lang, "back-pain")
    if output_format in ("html", "markdown"):
        if output_format == "markdown":
            text = "<!doctype html><title>t</title>" + MarkdownIt("commonmark").render(text)
        document = parse_html(text)
        headings = {text_of(element) for element in document.iter("h3")}
        strong = {text_of(element) for element in document.iter("strong")}
        assert {words["tips"], words["sources"]} <= headings, headings
        assert {words["evidence_note"], words["disclaimer_label"]} <= strong, strong
        return
    lines = [line.strip() for line in unbox(text).splitlines()]
    # Plain text writes a label with a colon after it ("Tips:"), as it writes every label.
    label = "{}:" if output_format == "plain" else "{}"
    for key in ("tips", "sources"):
        assert label.format(words[key]) in lines, (key, words[key])
    for key in ("evidence_note", "disclaimer_label"):
        assert any(line.startswith(words[key] + " ") for line in lines), (key, words[key])


def test_a_folded_block_with_one_and_two_blank_lines_keeps_every_paragraph(data_dir: Path) -> None:
    replace_explanation(
        data_dir / "benefits.yaml",
        "muscle-balance",
        "explanation: >-\n      A one.\n\n      B two.\n\n\n      C three.\n",
    )
    out = run("--data-dir", str(data_dir), "benefits", "muscle-balance", "-f", "html").stdout
    assert "<p>A one.</p>\n<p>B two.</p>\n<p>C three.</p>" in out
