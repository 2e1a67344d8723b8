"""`runacu benefits`, `runacu back-pain` and the first-visit guide: the facts from the brief, topics, --list, --json, errors."""

from __future__ import annotations

import json

import pytest

from runacu.content.library import Library
from runacu.exit_status import ExitStatus
from tests.conftest import BACK_PAIN_SLUGS, BENEFITS_SLUGS, run

# Facts from ../shared/content/brief.md that the guides must carry, as they must appear.
BENEFIT_FACTS = [
    "acupoints", "In 2007", "3.1 million", "Barnes PM", "marathoners", "ligaments and tendons", "overuse injuries",
    "25 trials", "RR 0.32", "RR 0.55", "RR 0.96", "10.1136/bjsports-2013-092538", "myofascial",
    "respiratory infections", "white blood cells", "mixed, not convincing", "10.1093/ecam/nem055", "Cochrane",
    "33 randomized trials", "2,293 people", "high risk of bias", "inconclusive", "10.1002/14651858.CD005472.pub3",
    "rats only", "four days", "better sleep", "Eshkevari L", "10.1530/JOE-12-0404", "10.1210/en.2015-1018",
]  # fmt: skip


BACK_PAIN_FACTS = [
    "posture", "footwear", "79 adults", "10.1038/srep45975", "endorphins", "Archives of Internal Medicine", "1,162",
    "47.6%", "44.2%", "27.4%", "10.1001/archinte.167.17.1892", "could be due to chance",
    "10.1001/archinternmed.2009.65", "American College of Physicians", "NG59", "10.7326/M16-2367",
    "Stretch if it helps you feel loose", "strengthening exercises", "26,610", "RR 0.32", "RR 0.96", "RR 0.55",
    "10.1001/jamainternmed.2015.7431",
    # looking after it yourself
    "within a few weeks", "Stay as active as you can", "heat pad", "ibuprofen", "pharmacist", "acetaminophen",
    "paracetamol",
    # the warning signs, cauda equina's among them
    "911", "both legs", "severe or getting worse", "genitals or buttocks", "Difficulty peeing", "bladder or bowel",
    "New problems with sex", "cauda equina", "Chest pain", "A fever", "foot drags", "worse at night", "sneezing",
    "between the shoulder blades", "cancer", "steroids", "inject drugs", "weakened immune system", "stress fracture",
    "not a diagnosis",
]  # fmt: skip


FIRST_VISIT_FACTS = [
    "used only once", "30 minutes", "about 10 sessions", "one or two a week",
    # what it feels like
    "brief prick", "tingling or a dull ache", "should not hurt much", "relaxed or drowsy",
    # is it safe
    "66,000", "10.1136/bmj.323.7311.485", "10.1136/bmj.323.7311.486", "a quarter", "24.4%", "10.1136/aim.23.3.112",
    "Bleeding or bruising", "Drowsiness", "dizzy or faint", "feel faint or unwell", "before you drive", "infection",
    "punctured lung", "10.1155/2013/581203",
    # tell your practitioner
    "bleeding disorder", "blood thinners (anticoagulants)", "Talk to your doctor", "pregnant", "metal allergy",
    "infection where the needles would go", "pacemaker", "electroacupuncture", "clinic's advice",
    # choosing a practitioner
    "California Acupuncture Board", "L.Ac.", "sterile", "21 CFR 880.5580", "www.acupuncture.ca.gov",
    # cost and insurance, with who may give it under Medicare
    "January 21, 2020", "12 weeks or longer", "Up to 12 visits in 90 days", "8 more visits",
    "No more than 20 visits a year", "must stop", "physician assistant, nurse practitioner or clinical nurse specialist",
    "supervise", "ACAOM", "working alone cannot bill Medicare", "30.3.3", "Medicare Advantage",
]  # fmt: skip


#: The kind of evidence the brief gives each topic.
EVIDENCE_KINDS = {
    "benefits": {
        "recovery": "practice", "injury-prevention": "practice", "muscle-balance": "practice",
        "immune-system": "trial", "stress-and-sleep": "review",
    },
    "back-pain": {
        "causes": "practice", "how-it-helps": "trial", "research": "trial", "prevention": "review",
        "self-care": "guidance", "when-to-see-a-doctor": "guidance",
    },
    "first-visit": {
        "what-happens": "trial", "what-it-feels-like": "guidance", "is-it-safe": "study",
        "tell-your-practitioner": "guidance", "choosing-a-practitioner": "guidance", "cost-and-insurance": "guidance",
    },
}  # fmt: skip


WARNING_SIGNS_LINE = "Warning signs that need a doctor: see topic 6, When to see a doctor, or run runacu check"


def words(text: str) -> str:
    return " ".join(text.split())


def test_benefits_shows_every_topic_the_intro_and_the_disclaimer() -> None:
    result = run("benefits")
    assert result.exit_code == ExitStatus.SUCCESS
    for title in ["Faster recovery", "Injury prevention", "Muscle rebalancing", "Immune support", "Less stress"]:
        assert title in result.stdout
    for fact in BENEFIT_FACTS:
        assert fact in words(result.stdout), fact
    assert "not medical advice" in result.stdout


def test_back_pain_carries_the_brief_facts_and_evidence_note() -> None:
    result = run("back-pain")
    assert result.exit_code == ExitStatus.SUCCESS
    for fact in BACK_PAIN_FACTS:
        assert fact in words(result.stdout), fact


def test_back_pain_says_under_the_intro_where_the_warning_signs_are() -> None:
    guide = Library().load_guide("back-pain")
    text = words(run("back-pain").stdout)
    assert text.count(WARNING_SIGNS_LINE) == 1
    end_of_intro = text.index(words(guide.intro)) + len(words(guide.intro))
    assert end_of_intro <= text.index(WARNING_SIGNS_LINE) < text.index(f"1. {guide.topics[0].title}")


def test_first_visit_carries_the_brief_facts() -> None:
    result = run("guide", "first-visit")
    assert result.exit_code == ExitStatus.SUCCESS
    for fact in FIRST_VISIT_FACTS:
        assert fact in words(result.stdout), fact


@pytest.mark.parametrize("guide", list(EVIDENCE_KINDS))
def test_each_topic_carries_the_evidence_kind_of_the_brief(guide: str) -> None:
    data = json.loads(run("guide", guide, "--json").stdout)
    assert {topic["slug"]: topic["evidence"]["kind"] for topic in data["topics"]} == EVIDENCE_KINDS[guide]


def test_a_topics_lists_show_under_their_own_headings_never_as_tips() -> None:
    listed = [(guide, topic) for guide in Library().load_guides() for topic in guide.topics if topic.lists]
    assert {topic.slug for _, topic in listed} >= {"tell-your-practitioner", "cost-and-insurance"}
    for guide, topic in listed:
        lines = [line.strip() for line in run("guide", guide.slug, topic.slug).stdout.splitlines()]
        labels = {"Tips:", "Sources:", *(f"{item_list.heading}:" for item_list in topic.lists)}
        assert lines.count("Tips:") == (1 if topic.tips else 0), topic.slug
        for item_list in topic.lists:
            for item in item_list.items:
                # An item's first words start a line (an item wraps, but not within its first 40 characters).
                where = [n for n, line in enumerate(lines) if line.startswith(f"- {words(item)[:40]}")]
                assert len(where) == 1, item
                above = [line for line in lines[: where[0]] if line in labels]
                assert above[-1] == f"{item_list.heading}:", f"{item!r} shows under {above[-1]!r}"


@pytest.mark.parametrize(("command", "slugs"), [("benefits", BENEFITS_SLUGS), ("back-pain", BACK_PAIN_SLUGS)])
def test_list_prints_slugs_one_per_line(command: str, slugs: list[str]) -> None:
    result = run(command, "--list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == slugs


@pytest.mark.parametrize("name", ["immune-system", "4"])
def test_one_topic_by_slug_or_number(name: str) -> None:
    result = run("benefits", name)
    assert result.exit_code == 0
    assert "4. Immune support" in result.stdout
    assert "Faster recovery" not in result.stdout
    assert "not medical advice" in result.stdout


def test_unknown_topic_is_a_usage_error_with_a_suggestion() -> None:
    result = run("benefits", "recovry")
    assert result.exit_code == ExitStatus.USAGE == 2
    assert "unknown topic 'recovry'" in result.stderr
    assert "Did you mean 'recovery'?" in result.stderr
    assert "stress-and-sleep" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["0", "7", "-1"])
def test_topic_numbers_out_of_range_are_usage_errors(name: str) -> None:
    assert run("back-pain", "--", name).exit_code == 2


def test_json_mirrors_the_data_model() -> None:
    result = run("back-pain", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["slug"] == "back-pain"
    assert data["title"] == "Acupuncture for running-induced back pain"
    assert [topic["slug"] for topic in data["topics"]] == BACK_PAIN_SLUGS
    research = data["topics"][2]
    assert set(research) == {
        "slug",
        "title",
        "aliases",
        "questions",
        "summary",
        "evidence",
        "explanation",
        "red_flags",
        "tips",
        "lists",
        "sources",
    }
    assert research["slug"] == "research"
    assert research["questions"] and all(question.endswith("?") for question in research["questions"])
    assert research["evidence"]["kind"] == "trial"
    assert research["sources"][0]["doi"] == "10.1001/archinte.167.17.1892"
    assert "could be due to chance" in research["sources"][0]["note"]


def test_json_for_one_topic_keeps_the_guide_shape() -> None:
    data = json.loads(run("benefits", "recovery", "--json").stdout)
    assert [topic["slug"] for topic in data["topics"]] == ["recovery"]
    assert data["disclaimer"]


def test_list_with_json_is_a_json_array() -> None:
    assert json.loads(run("benefits", "--list", "--json").stdout) == BENEFITS_SLUGS
