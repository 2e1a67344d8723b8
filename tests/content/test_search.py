"""The search engine: a question in everyday words, stemmed, ranked by BM25F, with what it does not cover."""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import snowballstemmer

from runacu.content.library import Library
from runacu.content.models import EverydayWords, Guide
from runacu.content.search import (
    MAX_QUERY_CHARS,
    SNIPPET_CHARS,
    STEMMERS,
    SearchHit,
    SearchResult,
    search,
    search_library,
)
from runacu.content.search.stop_words import STOP_WORDS
from runacu.content.validation import adapter
from runacu.errors import UsageError
from tests.content.conftest import each_file_read_once


def topic(slug: str, **fields: Any) -> dict[str, Any]:
    """A valid topic; `fields` replace or add to the plain defaults, `note` is the evidence note."""
    data: dict[str, Any] = {
        "slug": slug,
        "title": f"Topic {slug}",
        "summary": "A plain summary.",
        "evidence": {"kind": "practice", "note": fields.pop("note", "The clinic's own practice.")},
        "explanation": "A plain explanation.",
    }
    return data | fields


def guide(*topics: dict[str, Any], slug: str = "guide") -> Guide:
    return adapter(Guide).validate_python(
        {
            "slug": slug,
            "title": f"Guide {slug}",
            "intro": "An introduction.",
            "disclaimer": "Not medical advice.",
            "reviewed": "2026-11-23",
            "next_review": "2027-11-23",
            "topics": list(topics),
        }
    )


def found(guides: list[Guide], query: list[str], language: str = "en", **options: Any) -> list[SearchHit]:
    """The topics that answer `query`, best first."""
    return search(guides, query, language, **options).hits


def marked(hit: SearchHit) -> list[str]:
    """The words a hit highlights in its snippet."""
    return [hit.snippet[start:end] for start, end in hit.spans]


def slugs(hits: list[SearchHit]) -> list[str]:
    return [hit.topic.slug for hit in hits]


#: Topics that each say "pain" (a common word) and something of their own.
PAIN_TOPICS = [
    topic("causes", title="What causes back pain", summary="Posture and shoes can bring on pain."),
    topic("relief", title="Pain relief", summary="Heat can ease the pain."),
    topic("doctor", title="When to see a doctor", summary="Some pain needs a doctor."),
    topic("sleep", title="Better sleep", summary="Relax and sleep better."),
    topic("cost", title="Cost and insurance", summary="Medicare covers some pain care."),
]


# Matching words


def test_a_word_matches_other_forms_of_itself() -> None:
    guides = [guide(topic("prevention", tips=["Stretch regularly.", "Sleep well."]))]
    [hit] = found(guides, ["stretching"])
    assert hit.field_name == "tips"
    assert marked(hit) == ["Stretch"]
    assert slugs(found(guides, ["STRETCHES"])) == ["prevention"]


def test_words_match_whole_not_inside_other_words() -> None:
    guides = [guide(topic("fever", explanation="Check your temperature and ration your runs."))]
    assert found(guides, ["rat"]) == []
    assert found(guides, ["temp"]) == []

    guides = [guide(topic("lab", explanation="A study in rats. One rat did better."))]
    [hit] = found(guides, ["rats"])
    assert marked(hit) == ["rats", "rat"]
    assert marked(found(guides, ["rat"])[0]) == ["rats", "rat"]


@pytest.mark.parametrize(
    ("query", "text_word"),
    [
        ("die", "dying"),
        ("lie", "lying"),
        ("sky", "skies"),
        ("happy", "happiness"),
        ("relate", "relational"),
        ("needle", "needles"),
        ("runner", "runner's"),
        ("runners", "runner’s"),  # a curly apostrophe
        ("running", "run"),
    ],
)
def test_forms_whose_stem_is_not_a_plain_prefix_still_match(query: str, text_word: str) -> None:
    guides = [guide(topic("t", explanation=f"Some words: {text_word}, and more."))]
    [hit] = found(guides, [query])
    assert marked(hit) == [text_word]


def test_numbers_are_words() -> None:
    guides = [
        guide(
            topic(
                "numbers",
                explanation="Runners ran 47.6 km a week. It included 1,162 adults.",
                red_flags=[{"level": "emergency", "action": "Call 911", "signs": ["Chest pain"]}],
            )
        )
    ]
    assert marked(found(guides, ["47.6"])[0]) == ["47.6"]
    assert marked(found(guides, ["1,162"])[0]) == ["1,162"]
    assert marked(found(guides, ["911"])[0]) == ["911"]
    assert found(guides, ["47"]) == []
    assert found(guides, ["91"]) == []


def test_case_accents_and_punctuation_do_not_matter() -> None:
    guides = [guide(topic("sleep", summary="Sueño profundo y GERAC.", explanation="Café, naïve."))]
    assert marked(found(guides, ["gerac?"])[0]) == ["GERAC"]
    assert marked(found(guides, ["sueno"])[0]) == ["Sueño"]
    assert marked(found(guides, ["¿SUEÑO?"])[0]) == ["Sueño"]
    [hit] = found(guides, ["cafe", "naive"])
    assert marked(hit) == ["Café", "naïve"]
    decomposed = "me\u0301dico"  # é written as e and a combining accent
    [hit] = found([guide(topic("t", summary=f"Ask a {decomposed}."))], ["MÉDICO"])
    assert marked(hit) == [decomposed]


def test_spanish_stems_spanish_words() -> None:
    guides = [
        guide(
            topic(
                "dormir",
                title="Dormir mejor",
                summary="Estirar ayuda al sueño de los corredores.",
                explanation="Consulte a su médico si el dolor sigue.",
            )
        )
    ]
    [hit] = found(guides, ["estiramientos", "sueno", "corredor"], language="es")
    assert marked(hit) == ["Estirar", "sueño", "corredores"]
    assert marked(found(guides, ["medicos", "dolores"], language="es")[0]) == ["médico", "dolor"]
    # The English stemmer does not know Spanish plurals.
    assert found(guides, ["estiramientos"], language="en") == []


def test_spanish_words_that_share_a_stem_but_not_a_meaning_do_not_match() -> None:
    guides = [
        guide(
            topic("often", summary="Los corredores se resfrían seguido."),
            topic("harm", summary="Correr no daña los discos."),
            topic("insurance", title="Costo y seguro médico"),
            topic("safe", title="¿Es segura?"),
            topic("plans", summary="Otros planes pueden cubrirla."),
            topic("sleep", title="Dormir mejor"),
        )
    ]
    for query, answer in [
        ("seguir", []),  # to keep on, not "seguido" (often)
        ("me dan miedo", []),  # "dan" (give) is no word of its own, and not "daña" (harms)
        ("segura", ["safe"]),  # safe, not insurance
        ("seguros", ["insurance"]),
        ("pie plano", []),  # flat, not plans
        ("plan", ["plans"]),
        ("pierna dormida", []),  # numb, not sleep
        ("dormir", ["sleep"]),
    ]:
        assert slugs(found(guides, [query], language="es")) == answer, query


# Words with no meaning, and everyday words


def test_words_that_carry_no_meaning_need_not_match() -> None:
    guides = [guide(topic("safe", title="Is acupuncture safe?"), topic("other"))]
    assert slugs(found(guides, ["Is", "it", "safe?"])) == ["safe"]
    assert slugs(found(guides, ["how safe is it for me"])) == ["safe"]
    spanish = [guide(topic("segura", title="¿Es segura?"), topic("otra"))]
    assert slugs(found(spanish, ["¿es segura para mí?"], language="es")) == ["segura"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ([], "at least one word"),
        (["", "  "], "at least one word"),
        (["?!", "\u2014", "\x1b\x07"], "at least one word"),
        (["how do I"], "only common words"),
        (["x"], "only common words"),
        (["word " * 2_000], f"at most {MAX_QUERY_CHARS} characters"),
    ],
)
def test_a_query_with_nothing_to_search_for_is_a_usage_error(query: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        search([guide(topic("t"))], query)


def test_words_that_pad_a_question_and_bare_numbers_carry_no_meaning() -> None:
    guides = [guide(topic("weeks", summary="Most pain gets better within a few weeks."), topic("other"))]
    assert search(guides, ["12 weeks"]).unknown == []
    with pytest.raises(UsageError, match="only common words"):
        search(guides, ["is it going to get better?"])
    assert slugs(found(guides, ["12 weeks"])) == ["weeks"]
    assert found(guides, ["12"]) == []  # alone, a number is looked for (and is not there)


def test_spanish_common_words_are_spanish() -> None:
    with pytest.raises(UsageError, match="solo tiene palabras comunes"):  # told in the language searched
        search([guide(topic("t"))], ["¿Es para mí?"], "es")
    assert search([guide(topic("t"))], ["¿Es para mí?"], "en").hits == []  # English has no such words


def test_everyday_words_find_the_guides_words_counting_less_than_the_word_itself() -> None:
    everyday = EverydayWords(words={"hurt": ["pain"]})
    guides = [guide(topic("pain", summary="Mild pain is common."), topic("other"))]
    [hit] = found(guides, ["will it hurt?"], everyday=everyday)
    assert marked(hit) == ["pain"]
    assert found(guides, ["will it hurt?"]) == []  # without the table
    guides = [guide(topic("pain", summary="Mild pain is common."), topic("hurt", questions=["Will it hurt?"]))]
    hits = found(guides, ["hurting"], everyday=everyday)
    assert slugs(hits) == ["hurt", "pain"]
    assert hits[0].score > hits[1].score


def test_a_phrase_of_the_table_is_read_before_its_words() -> None:
    everyday = EverydayWords(words={"how much": ["cost"], "pins and needles": ["tingling"]})
    guides = [
        guide(
            topic("cost", title="Cost and insurance"),
            topic("needles", title="Thin needles"),
            topic("tingling", summary="You may feel tingling."),
        )
    ]
    assert slugs(found(guides, ["How much is it?"], everyday=everyday)) == ["cost"]
    assert slugs(found(guides, ["pins and needles"], everyday=everyday)) == ["tingling"]
    spanish = EverydayWords(words={"cuánto cuesta": ["costo"], "duele": ["dolor"]})
    guides = [guide(topic("costo", title="Costo y seguro"), topic("dolor", summary="Un dolor leve."))]
    assert slugs(found(guides, ["¿Cuanto cuesta?"], "es", everyday=spanish)) == ["costo"]
    assert slugs(found(guides, ["¿me duele mucho?"], "es", everyday=spanish)) == ["dolor"]


# Ranking


def test_not_every_word_must_match_and_more_words_rank_higher() -> None:
    guides = [
        guide(
            topic("both", summary="Acupuncture may improve blood flow."),
            topic("blood", title="Blood tests"),
            topic("flow", tips=["Go with the flow."]),
            topic("none"),
            topic("other"),
        )
    ]
    hits = found(guides, ["blood", "flow"])
    assert slugs(hits)[0] == "both"
    assert set(slugs(hits)) == {"both", "blood", "flow"}
    assert hits[0].score > hits[1].score


def test_a_query_that_is_one_of_a_topics_questions_ranks_that_topic_first() -> None:
    guides = [
        guide(
            topic("pain", title="Acupuncture and pain", summary="Acupuncture for painful, painful backs: pain relief."),
            topic("feel", questions=["Is acupuncture painful?"], summary="Acupuncture needles may sting."),
            topic("cost", questions=["How much does acupuncture cost?"], summary="Acupuncture fees vary."),
            topic("other", summary="Acupuncture helps some runners."),
            topic("more", summary="Acupuncture is old."),
        )
    ]
    # Stop words, and a word nearly every topic holds ("acupuncture"), count for nothing either way.
    for query in ("is it painful", "Is acupuncture painful?", "acupuncture: is it painful"):
        assert slugs(found(guides, [query]))[0] == "feel", query
    assert slugs(found(guides, ["painful backs"]))[0] == "pain"  # not that question
    everyday = EverydayWords(words={"how much": ["cost"]})
    assert slugs(found(guides, ["how much is it"], everyday=everyday))[0] == "cost"


def test_title_and_questions_rank_above_summary_above_explanation() -> None:
    guides = [
        guide(
            topic("in-explanation", explanation="Recovery takes time."),
            topic("in-summary", summary="Recovery is quicker."),
            topic("in-questions", questions=["How quick is recovery?"]),
            topic("in-title", title="Faster recovery"),
            topic("none"),
        )
    ]
    hits = found(guides, ["recovery"])
    assert slugs(hits) == ["in-title", "in-questions", "in-summary", "in-explanation"]
    assert hits[0].score > hits[1].score > hits[2].score > hits[3].score
    assert [hit.topic_number for hit in hits] == [4, 3, 2, 1]


def test_a_word_named_only_in_a_citation_is_not_talked_about() -> None:
    guides = [
        guide(
            topic("cites", sources=[{"citation": "Smith J. Sciatica in runners.", "doi": "10.1000/x"}]),
            topic("other"),
        )
    ]
    result = search(guides, ["sciatica"])
    assert result.hits == []
    assert result.unknown == ["sciatica"]
    assert slugs(result.near) == ["cites"]


def test_equal_scores_keep_guide_then_topic_order() -> None:
    guides = [
        guide(topic("a1", summary="Rest."), topic("a2", summary="Rest."), slug="first"),
        guide(topic("b1", summary="Rest."), topic("b2", summary="Rest."), slug="second"),
    ]
    hits = found(guides, ["rest"])
    assert [(hit.guide_slug, hit.topic.slug) for hit in hits] == [
        ("first", "a1"),
        ("first", "a2"),
        ("second", "b1"),
        ("second", "b2"),
    ]
    assert hits[2].guide_title == "Guide second"


# What is not covered


def test_a_word_no_guide_uses_is_not_answered_by_a_common_word() -> None:
    result = search([guide(*PAIN_TOPICS)], ["knee", "pain"])
    assert result.hits == []
    assert result.unknown == ["knee"]
    assert result.near == []  # "pain" alone is near nothing
    assert slugs(search([guide(*PAIN_TOPICS)], ["pain"]).hits)[:1] == ["relief"]


def test_a_word_no_guide_uses_leaves_a_headline_match_of_a_rarer_word_an_answer() -> None:
    result = search([guide(*PAIN_TOPICS)], ["hamstring", "relief"])
    assert slugs(result.hits) == ["relief"]
    assert result.unknown == ["hamstring"]
    # In a topic's text only, it is near, not an answer.
    guides = [guide(*PAIN_TOPICS, topic("tendons", title="Blood flow", explanation="Blood flow to tendons may help."))]
    result = search(guides, ["achilles", "tendons"])
    assert result.hits == []
    assert slugs(result.near) == ["tendons"]


def test_words_no_guide_uses_that_outweigh_the_rest_are_not_answered_by_it() -> None:
    guides = [guide(*PAIN_TOPICS, topic("stretch", title="Stretching", summary="Stretching did not prevent injuries."))]
    result = search(guides, ["iliotibial", "band", "stretches"])
    assert result.hits == []
    assert result.unknown == ["iliotibial", "band"]
    assert slugs(result.near) == ["stretch"]
    # One such word against a word as rare: the rest answers, and the word is named beside it.
    result = search(guides, ["hamstring", "stretches"])
    assert slugs(result.hits) == ["stretch"]
    assert result.unknown == ["hamstring"]


def test_a_phrase_the_guides_do_not_cover_is_said_to_be_not_covered() -> None:
    guides = [
        guide(
            topic("cost", title="Cost", summary="Medicare and other plans may cover it."),
            topic("injuries", title="Injuries", summary="Strength training cut injuries."),
            *PAIN_TOPICS[:3],
        )
    ]
    assert slugs(found(guides, ["training plan"])) != []  # its words, each in some topic
    everyday = EverydayWords(not_covered=["training plan", "plan de entrenamiento"])
    result = search(guides, ["half", "marathon", "training plan"], everyday=everyday)
    assert result.hits == []
    assert "training plan" in result.unknown
    assert slugs(found(guides, ["strength training"], everyday=everyday)) == ["injuries"]  # the words alone still count


def test_a_clear_typo_is_searched_as_the_guides_word() -> None:
    guides = [guide(*PAIN_TOPICS, topic("stretch", title="Injuries", explanation="Stretching did not prevent them."))]
    result = search(guides, ["streching"])
    assert slugs(result.hits) == ["stretch"]
    assert marked(result.hits[0]) == ["Stretching"]
    assert result.suggestions == {"streching": "stretching"}
    assert result.unknown == []
    # One wrong word does not sink the question: the rest is searched too.
    assert slugs(search(guides, ["streching", "injuries"]).hits) == ["stretch"]
    assert search(guides, ["knee"]).suggestions == {}  # too short to tell from a typo


def test_an_unclear_typo_is_suggested_with_the_closest_topics() -> None:
    guides = [
        guide(
            topic("rest", title="Sleep well"),
            topic("slaps", title="Slaps hurt"),
            *PAIN_TOPICS,
        )
    ]
    result = search(guides, ["sleap"])  # "sleep" or "slaps"?
    assert result.hits == []
    assert result.unknown == ["sleap"]
    assert set(result.suggestions) == {"sleap"}
    assert result.near
    guides = [guide(*PAIN_TOPICS, topic("band", title="Bands", explanation="A band."))]
    assert search(guides, ["banda"]).hits == []  # a short stem is a word of its own too often


# Warning signs

FLAGS = topic(
    "doctor",
    title="When to see a doctor",
    red_flags=[
        {"level": "emergency", "action": "Call 911", "signs": ["Numbness in both legs", "Chest pain"]},
        {"level": "today", "action": "See a doctor today", "signs": ["A fever", "Pain worse at night"]},
    ],
)
WARNINGS = EverydayWords(words={"numb": ["numbness"]}, warning_signs=["numbness", "fever", "chest pain"])


@pytest.mark.parametrize(
    ("query", "sign", "level", "emergency"),
    [
        (["my", "legs", "are", "numb"], "Numbness in both legs", "emergency", None),
        (["chest pain"], "Chest pain", "emergency", None),
        (["back pain and a fever"], "A fever", "today", "Call 911"),
    ],
)
def test_a_warning_sign_the_query_names_is_found_with_its_action(
    query: list[str], sign: str, level: str, emergency: str | None
) -> None:
    result = search([guide(FLAGS, topic("sleep", title="Better sleep"))], query, everyday=WARNINGS)
    assert result.warning is not None
    assert (result.warning.sign, result.warning.flags.level, result.warning.emergency_action) == (
        sign,
        level,
        emergency,
    )
    assert result.warning.topic.slug == "doctor"


def test_a_warning_sign_is_named_by_its_words_as_written_not_by_words_with_their_stem() -> None:
    flags = topic(
        "medico",
        title="Cuándo consultar a un médico",
        red_flags=[{"level": "emergency", "action": "Llame al 911", "signs": ["Entumecimiento en las dos piernas"]}],
    )
    sleep = topic("dormir", title="Dormir mejor")
    everyday = EverydayWords(
        words={"dormida": ["entumecimiento"]}, warning_signs=["entumecimiento", "me duermen las piernas"]
    )
    for query, named in [
        ("no puedo dormir", False),  # "dormir" (to sleep) has the stem of "dormida" (numb)
        ("duermo mal", False),
        ("tengo la pierna dormida", True),
        ("tengo las piernas dormidas", True),  # a plural, a gender: the same word
        ("se me duermen las piernas", True),
        ("se me duermen las dos piernas", True),
        ("entumecimiento", True),
    ]:
        result = search([guide(flags, sleep)], [query], "es", everyday=everyday)
        assert (result.warning is not None) is named, query


def test_a_warning_sign_no_topic_answers_is_answered_first_by_the_topic_that_lists_it() -> None:
    flags = topic(
        "doctor",
        title="When to see a doctor",
        red_flags=[
            {"level": "emergency", "action": "Call 911", "signs": ["Chest pain", "The pain started after an accident"]}
        ],
    )
    everyday = EverydayWords(
        words={"fell": ["fall", "accident"], "fell asleep": ["sleep"], "hurts when I cough": ["pain", "coughing"]},
        warning_signs=["accident", "chest pain"],
    )
    guides = [guide(topic("sleep", title="Better sleep"), flags)]
    result = search(guides, ["I fell off a ladder"], everyday=everyday)
    assert result.warning is not None and result.warning.sign == "The pain started after an accident"
    assert slugs(result.hits) == ["doctor"] and result.total == 1 and result.near == []
    # A word read in a phrase stands for what the phrase does: falling asleep is not a fall.
    asleep = search(guides, ["I fell asleep"], everyday=everyday)
    assert asleep.warning is None and slugs(asleep.hits) == ["sleep"]


def test_a_warning_phrase_with_stop_words_names_the_sign_its_meaning_fits() -> None:
    flags = topic(
        "doctor",
        title="When to see a doctor",
        red_flags=[
            {"level": "emergency", "action": "Call 911", "signs": ["Pain in both legs"]},
            {"level": "today", "action": "See a doctor today", "signs": ["Pain made worse by coughing"]},
        ],
    )
    everyday = EverydayWords(
        words={"hurts when I cough": ["pain", "worse", "coughing"]}, warning_signs=["hurts when I cough"]
    )
    result = search([guide(flags)], ["my back hurts when I cough"], everyday=everyday)
    assert result.warning is not None
    assert (result.warning.sign, result.warning.flags.level) == ("Pain made worse by coughing", "today")


def test_no_warning_without_a_warning_word() -> None:
    result = search([guide(FLAGS, topic("sleep", title="Better sleep"))], ["sleep", "pain"], everyday=WARNINGS)
    assert result.warning is None
    assert slugs(result.hits)[0] == "sleep"


# Snippets


def test_a_title_match_shows_the_summary() -> None:
    [hit] = found([guide(topic("recovery", title="Faster recovery", summary="Heal sooner."))], ["recovery"])
    assert hit.field_name == "summary"
    assert hit.snippet == "Heal sooner."
    assert hit.spans == []


def test_the_snippet_comes_from_the_field_matching_most_words() -> None:
    fields = {
        "summary": "Blood matters.",
        "explanation": "Blood flow helps.",
        "tips": ["Blood flow and rest."],
    }
    [hit] = found([guide(topic("t", **fields))], ["blood", "flow"])
    assert hit.field_name == "explanation"  # ties with tips, and the explanation comes first
    [hit] = found([guide(topic("t", **fields))], ["blood"])
    assert hit.field_name == "summary"


def test_the_snippet_is_a_citation_only_when_no_text_of_the_topic_holds_the_query() -> None:
    sources = [{"citation": "Smith J. Acupuncture needles hurt less than injections: a trial.", "doi": "10.1000/x"}]
    guides = [guide(topic("t", summary="Fine needles are used.", sources=sources), topic("u"), topic("v"))]
    [hit] = found(guides, ["do needles hurt"])  # the citation holds both words, the summary one
    assert hit.field_name == "summary"


LONG_EXPLANATION = (
    "Blood is mentioned once here at the very start of a long explanation. "
    + "Filler words keep going for a while without saying much at all. " * 6
    + "Here acupuncture may raise blood flow, and better blood flow may help muscles heal. "
    + "More filler words follow until the explanation finally comes to its end. " * 4
)


def test_the_snippet_is_the_window_where_most_query_words_occur() -> None:
    [hit] = found([guide(topic("t", explanation=LONG_EXPLANATION))], ["blood", "flow"])
    assert hit.field_name == "explanation"
    assert "raise blood flow, and better blood flow may help" in hit.snippet
    assert "very start" not in hit.snippet
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET_CHARS + 2
    assert marked(hit) == ["blood", "flow", "blood", "flow"]
    # Cut between words: the text either side of the ellipses is whole words of the explanation.
    inner = hit.snippet.strip("…")
    assert f" {inner} " in f" {LONG_EXPLANATION} "


def test_the_snippet_collapses_whitespace_and_keeps_a_short_field_whole() -> None:
    explanation = "First  paragraph about\nsleep.\n\nSecond paragraph: sleep again."
    [hit] = found([guide(topic("t", explanation=explanation))], ["sleeping"])
    assert hit.snippet == "First paragraph about sleep. Second paragraph: sleep again."
    assert marked(hit) == ["sleep", "sleep"]
    assert all(hit.snippet[start:end] == "sleep" for start, end in hit.spans)


def test_the_snippet_near_the_end_of_a_field_ends_there() -> None:
    explanation = "Filler words keep going for a while. " * 8 + "The last word is stretching."
    [hit] = found([guide(topic("t", explanation=explanation))], ["stretch"])
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("The last word is stretching.")
    assert marked(hit) == ["stretching"]


def test_spans_are_right_when_folding_changes_lengths() -> None:
    # Folded, each ß is two letters (ss): the spans must still point at the words as written.
    explanation = "Die Straße und die Maße. " + "Filler words keep going for a while. " * 6 + "Running on the STRASSE."
    [hit] = found([guide(topic("t", explanation=explanation))], ["strasse", "running"])
    assert marked(hit) == ["Running", "STRASSE"]
    [hit] = found([guide(topic("t", explanation=explanation))], ["strasse"])
    assert marked(hit) == ["Straße"]


# The shortcut that keeps search fast


WORD_PARTS = ["d", "l", "t", "sk", "happ", "rel", "gener", "run", "stret", "diferen", "corr", "sueñ", "médic", "niñ"]
ENDINGS = ["", "y", "ies", "ying", "ing", "ed", "ly", "ational", "ousness", "iveness", "ization", "ably", "bility"]
ENDINGS_ES = ["", "a", "as", "os", "encia", "ente", "iendo", "ación", "aciones", "logía", "mente", "idad", "ería"]


@pytest.mark.slow
@pytest.mark.parametrize(("language", "endings"), [("en", ENDINGS), ("es", ENDINGS_ES)])
def test_every_form_of_a_word_finds_every_other(language: str, endings: list[str]) -> None:
    """Search skips words not starting with most of the query's stem: no form may be lost by it."""
    stem = snowballstemmer.stemmer(STEMMERS[language]).stemWord
    every = {part + a + b for part in WORD_PARTS for a, b in itertools.product(endings, ["", "s"])}
    words = sorted(word for word in every if len(word) > 1 and _plain(word) not in STOP_WORDS[language])
    stems = {word: stem(_plain(word)) for word in words}
    guides = [guide(*(topic(f"w{number}", title=word) for number, word in enumerate(words)))]
    for word in words:
        expected = {other for other in words if stems[other] == stems[word]}
        titles = {hit.topic.title for hit in found(guides, [word], language=language)}
        assert titles == expected, word


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@pytest.mark.slow
def test_ten_thousand_topics_are_all_found() -> None:
    texts = [
        "Runners who stretch before a long run report less soreness the next day.",
        "Acupuncture may improve blood flow and help muscles heal sooner.",
        "See a doctor today if the pain spreads down one leg or wakes you at night.",
    ]
    hundred = guide(
        *(
            topic(
                f"t{number}",
                title=f"Topic {number}",
                summary=texts[number % 3],
                explanation=" ".join(texts[(number + shift) % 3] for shift in range(12)) + f" Case {number}.",
                tips=["Warm up first.", "Keep a training log."],
            )
            for number in range(100)
        )
    )
    guides = [hundred] * 100
    # Speed is measured by benchmarks/startup.py (side by side, as ratios), never by a timed test.
    for query in (["stretching"], ["blood", "flow"]):
        result = search(guides, query, limit=5)
        assert result.total == 10_000
        assert len(result.hits) == 5
    assert search(guides, ["zebra"]).total == 0


# Searching a library: each guide file keeps its index, and only the guides shown are built.

QUERIES = [
    ["blood"], ["stretching"], ["sleep"], ["emergency", "numbness"], ["Cochrane"], ["recover"], ["healing"],
    ["sangre"], ["sueño"], ["médico", "urgencias"], ["injuries"], ["myofascial"], ["zzz"], ["47.6"], ["runner's"],
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "es"])
def test_searching_the_library_finds_what_searching_every_guide_finds(language: str, data_dir: Path) -> None:
    with each_file_read_once("load_everyday_words"):  # unchanged here: what is kept are the guides' indexes
        _library_and_memory_agree(language, data_dir)


def _library_and_memory_agree(language: str, data_dir: Path) -> None:
    built_library = Library(data_dir, language=language)
    everything = built_library.load_guides()
    everyday = built_library.load_everyday_words()
    searched = [search(everything, query, language, everyday) for query in QUERIES]  # the same in both passes
    for attempt in ("made", "kept"):  # the first pass makes the kept texts, the second reads them
        library = Library(data_dir, language=language)
        for query, built in zip(QUERIES, searched, strict=True):
            kept = search_library(library, query, language)
            # Guides searched in memory are in one language: only a library knows the other's words,
            # and so only a library sees a warning sign named in the other language (its sign untold).
            kept = replace(kept, other_language=None)
            if built.warning is None and kept.warning is not None:
                assert kept.warning.sign is None, (attempt, query)
                kept = replace(kept, warning=None)
            if language == "en":
                assert kept == built, (attempt, query)
            else:  # English aliases count as one field with the translation's when built, beside it when kept
                assert _without_scores(kept) == _without_scores(built), (attempt, query)


def _without_scores(result: SearchResult) -> SearchResult:
    return replace(result, hits=[replace(hit, score=0) for hit in result.hits])


@pytest.mark.slow
def test_a_query_in_the_other_language_is_told_apart(data_dir: Path) -> None:
    english, spanish = Library(data_dir), Library(data_dir, language="es")
    assert search_library(spanish, ["back pain"], "es").other_language == "en"
    assert search_library(spanish, ["does acupuncture help back pain"], "es").other_language == "en"
    assert search_library(english, ["dolor de espalda"], "en").other_language == "es"
    assert search_library(english, ["¿es segura la acupuntura?"], "en").other_language == "es"
    for library, query, language in [(english, "knee pain", "en"), (spanish, "dolor de rodilla", "es")]:
        assert search_library(library, [query], language).other_language is None, query
    # In memory, only the other language's stop words tell.
    assert search([guide(topic("t"))], ["¿es para el dolor?"], "en").other_language == "es"
    assert search([guide(topic("t"))], ["espalda"], "en").other_language is None


@pytest.mark.slow
def test_a_translated_topic_is_found_by_an_english_alias_its_translation_lacks(data_dir: Path) -> None:
    # `recover` is an alias of the English topic only; the Spanish topic answers to it too.
    library = Library(data_dir, language="es")
    for _ in range(2):
        hits = search_library(library, ["recover"], "es").hits
        assert [(hit.guide_slug, hit.topic.slug) for hit in hits][:1] == [("benefits", "recovery")]


@pytest.mark.slow
def test_only_the_guides_shown_are_built(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    search_library(Library(data_dir), ["warm-up"])  # keeps every guide's texts
    built: list[str] = []
    original = Library.load_guide

    def counting(self: Library, name: str) -> Guide:
        built.append(name)
        return original(self, name)

    monkeypatch.setattr(Library, "load_guide", counting)
    assert search_library(Library(data_dir), ["zzz"]).total == 0
    assert built == []
    assert [hit.guide_slug for hit in search_library(Library(data_dir), ["bladder"]).hits] == ["back-pain"]
    assert built == ["back-pain"]


@pytest.mark.slow
def test_an_edited_guide_is_indexed_afresh(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    assert search_library(Library(data_dir), ["quokka"]).total == 0
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Faster recovery", "Quokka recovery", 1), encoding="utf-8")  # same size
    assert [hit.topic.slug for hit in search_library(Library(data_dir), ["quokka"]).hits] == ["recovery"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage", [b"", b"runacu sealed parse\n" + b"\0" * 40, None], ids=["empty", "wrong digest", "wrong shape"]
)
def test_damaged_kept_indexes_are_made_again(damage: bytes | None, data_dir: Path, tmp_path: Path) -> None:
    from runacu.cache import parsed

    library = Library(data_dir)
    expected = search_library(library, ["blood"])
    entries = list((tmp_path / "xdg-cache").rglob("*.search"))
    assert entries, "the indexes are kept beside the parse cache"
    for entry in entries:
        if damage is None:  # right in every way but the shape of the index
            *header, _ = parsed.read(str(entry))
            parsed.write(str(entry), (*header, [[1, 2]]))
        else:
            entry.write_bytes(damage)
    assert search_library(Library(data_dir), ["blood"]) == expected
    for entry in entries:  # and made again
        assert parsed.read(str(entry))[-1][0][0] in ("causes", "recovery", "what-happens")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_kept_everyday_words_table_is_the_table_the_words_make(
    language: str, data_dir: Path, tmp_path: Path
) -> None:
    """A search reads its everyday-words table kept beside the parse cache: the table its file makes, whether made
    on this run, read back on the next, or made again where the kept one is damaged."""
    from runacu.cache import parsed
    from runacu.content.search.query import _Table

    made = _Table.of(Library(data_dir).load_everyday_words(language), language)
    assert len(made.meanings) > 100 and made.warnings
    assert _Table.kept(Library(data_dir), language) == made  # made, and kept
    [entry] = (tmp_path / "xdg-cache").rglob("*.table")
    assert _Table.kept(Library(data_dir), language) == made  # read back
    *header, _ = parsed.read(str(entry))
    parsed.write(str(entry), (*header, [["no tabs here"], 1, []]))
    assert _Table.kept(Library(data_dir), language) == made  # damaged: made again


@pytest.mark.slow
def test_a_guide_left_unbuilt_still_says_it_is_in_english(data_dir: Path) -> None:
    (data_dir / "stretch.yaml").write_text((data_dir / "benefits.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    spanish = data_dir / "es" / "benefits.yaml"
    spanish.write_text(
        spanish.read_text(encoding="utf-8").replace("- slug: recovery", "- slug: recuperar"), encoding="utf-8"
    )
    for query in (["sangre"], ["zzz"]):
        searched, built = Library(data_dir, language="es"), Library(data_dir, language="es")
        search_library(searched, query, "es")
        built.load_guides()
        assert searched.notices == built.notices and len(built.notices) == 2, query
