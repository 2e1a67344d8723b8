"""The search engine: stemmed, accent-insensitive whole words, every word required, ranked, with a snippet."""

from __future__ import annotations

import itertools
import marshal
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import snowballstemmer

from runacu.content.library import Library
from runacu.content.models import Guide
from runacu.content.search import SNIPPET_CHARS, STEMMERS, SearchHit, search, search_library
from runacu.content.validation import adapter


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


def marked(hit: SearchHit) -> list[str]:
    """The words a hit highlights in its snippet."""
    return [hit.snippet[start:end] for start, end in hit.spans]


def slugs(hits: list[SearchHit]) -> list[str]:
    return [hit.topic.slug for hit in hits]


# Matching words


def test_a_word_matches_other_forms_of_itself() -> None:
    guides = [guide(topic("prevention", tips=["Stretch regularly.", "Sleep well."]))]
    [hit] = search(guides, ["stretching"])
    assert hit.field_name == "tips"
    assert marked(hit) == ["Stretch"]
    assert slugs(search(guides, ["STRETCHES"])) == ["prevention"]


def test_words_match_whole_not_inside_other_words() -> None:
    guides = [guide(topic("fever", explanation="Check your temperature and ration your runs."))]
    assert search(guides, ["rat"]) == []
    assert search(guides, ["temp"]) == []

    guides = [guide(topic("lab", explanation="A study in rats. One rat did better."))]
    [hit] = search(guides, ["rats"])
    assert marked(hit) == ["rats", "rat"]
    assert marked(search(guides, ["rat"])[0]) == ["rats", "rat"]


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
    [hit] = search(guides, [query])
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
    assert marked(search(guides, ["47.6"])[0]) == ["47.6"]
    assert marked(search(guides, ["1,162"])[0]) == ["1,162"]
    assert marked(search(guides, ["911"])[0]) == ["911"]
    assert search(guides, ["47"]) == []
    assert search(guides, ["91"]) == []


def test_case_and_accents_do_not_matter() -> None:
    guides = [guide(topic("sleep", summary="Sueño profundo y GERAC.", explanation="Café, naïve."))]
    assert marked(search(guides, ["gerac"])[0]) == ["GERAC"]
    assert marked(search(guides, ["sueno"])[0]) == ["Sueño"]
    assert marked(search(guides, ["SUEÑO"])[0]) == ["Sueño"]
    [hit] = search(guides, ["cafe", "naive"])
    assert marked(hit) == ["Café", "naïve"]
    decomposed = "me\u0301dico"  # é written as e and a combining accent
    [hit] = search([guide(topic("t", summary=f"Ask a {decomposed}."))], ["MÉDICO"])
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
    [hit] = search(guides, ["estiramientos", "sueno", "corredor"], language="es")
    assert marked(hit) == ["Estirar", "sueño", "corredores"]
    assert marked(search(guides, ["medicos", "dolores"], language="es")[0]) == ["médico", "dolor"]
    # The English stemmer does not know Spanish plurals.
    assert search(guides, ["estiramientos"], language="en") == []


# Which topics match


def test_every_word_must_match_somewhere_in_the_topic() -> None:
    guides = [
        guide(
            topic("both", summary="Acupuncture may improve blood flow."),
            topic("split", title="Blood tests", tips=["Go with the flow."]),
            topic("one", summary="Blood pressure."),
        )
    ]
    assert slugs(search(guides, ["blood", "flow"])) == ["split", "both"]
    assert search(guides, ["blood", "zebra"]) == []
    assert slugs(search(guides, ["blood flow"])) == ["split", "both"]


@pytest.mark.parametrize(
    ("fields", "query", "field_name", "word"),
    [
        ({"summary": "Acupuncture eases back pain."}, "eases", "summary", "eases"),
        ({"explanation": "Needles are thin.\n\nThey are used once."}, "needles", "explanation", "Needles"),
        ({"tips": ["Wear good footwear."]}, "footwear", "tips", "footwear"),
        (
            {"red_flags": [{"level": "emergency", "action": "Call 911", "signs": ["Numbness in both legs"]}]},
            "numbness",
            "red_flags",
            "Numbness",
        ),
        (
            {"red_flags": [{"level": "today", "action": "See a doctor today", "signs": ["Fever"]}]},
            "doctor",
            "red_flags",
            "doctor",
        ),
        ({"note": "Small trials in sheep."}, "sheep", "evidence", "sheep"),
        ({"sources": [{"citation": "Haake M. German Acupuncture Trials (GERAC)."}]}, "gerac", "sources", "GERAC"),
        ({"sources": [{"citation": "Smith J.", "note": "Not about runners."}]}, "runners", "sources", "runners"),
        ({"aliases": ["pins-and-needles"]}, "pins", "aliases", "pins"),
    ],
)
def test_every_field_is_searched(fields: dict[str, Any], query: str, field_name: str, word: str) -> None:
    [hit] = search([guide(topic("t", **fields))], [query])
    assert hit.field_name == field_name
    assert marked(hit) == [word]


def test_a_title_match_shows_the_summary() -> None:
    [hit] = search([guide(topic("recovery", title="Faster recovery", summary="Heal sooner."))], ["recovery"])
    assert hit.field_name == "summary"
    assert hit.snippet == "Heal sooner."
    assert hit.spans == []


def test_the_snippet_comes_from_the_field_matching_most_words() -> None:
    fields = {
        "summary": "Blood matters.",
        "explanation": "Blood flow helps.",
        "tips": ["Blood flow and rest."],
    }
    [hit] = search([guide(topic("t", **fields))], ["blood", "flow"])
    assert hit.field_name == "explanation"  # ties with tips, and the explanation comes first
    [hit] = search([guide(topic("t", **fields))], ["blood"])
    assert hit.field_name == "summary"


def test_an_empty_query_finds_nothing() -> None:
    guides = [guide(topic("t"))]
    assert search(guides, []) == []
    assert search(guides, ["", "  "]) == []
    assert search(guides, ["?!", "—"]) == []


# Ranking


def test_title_matches_rank_above_explanation_matches() -> None:
    guides = [
        guide(
            topic("mentions", explanation="Recovery takes time."),
            topic("about", title="Faster recovery"),
        )
    ]
    hits = search(guides, ["recovery"])
    assert slugs(hits) == ["about", "mentions"]
    assert hits[0].score > hits[1].score
    assert (hits[0].topic_number, hits[1].topic_number) == (2, 1)


def test_equal_scores_keep_guide_then_topic_order() -> None:
    guides = [
        guide(topic("a1", summary="Rest."), topic("a2", summary="Rest."), slug="first"),
        guide(topic("b1", title="Rest"), topic("b2", summary="Rest."), slug="second"),
    ]
    hits = search(guides, ["rest"])
    assert [(hit.guide_slug, hit.topic.slug) for hit in hits] == [
        ("second", "b1"),
        ("first", "a1"),
        ("first", "a2"),
        ("second", "b2"),
    ]
    assert hits[0].guide_title == "Guide second"


# Snippets


LONG_EXPLANATION = (
    "Blood is mentioned once here at the very start of a long explanation. "
    + "Filler words keep going for a while without saying much at all. " * 6
    + "Here acupuncture may raise blood flow, and better blood flow may help muscles heal. "
    + "More filler words follow until the explanation finally comes to its end. " * 4
)


def test_the_snippet_is_the_window_where_most_query_words_occur() -> None:
    [hit] = search([guide(topic("t", explanation=LONG_EXPLANATION))], ["blood", "flow"])
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
    [hit] = search([guide(topic("t", explanation=explanation))], ["sleeping"])
    assert hit.snippet == "First paragraph about sleep. Second paragraph: sleep again."
    assert marked(hit) == ["sleep", "sleep"]
    assert all(hit.snippet[start:end] == "sleep" for start, end in hit.spans)


def test_the_snippet_near_the_end_of_a_field_ends_there() -> None:
    explanation = "Filler words keep going for a while. " * 8 + "The last word is stretching."
    [hit] = search([guide(topic("t", explanation=explanation))], ["stretch"])
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("The last word is stretching.")
    assert marked(hit) == ["stretching"]


def test_spans_are_right_when_folding_changes_lengths() -> None:
    # Folded, each ß is two letters (ss): the spans must still point at the words as written.
    explanation = "Die Straße und die Maße. " + "Filler words keep going for a while. " * 6 + "Running on the STRASSE."
    [hit] = search([guide(topic("t", explanation=explanation))], ["strasse", "running"])
    assert marked(hit) == ["Running", "STRASSE"]
    [hit] = search([guide(topic("t", explanation=explanation))], ["strasse"])
    assert marked(hit) == ["Straße"]


# The shortcut that keeps search fast


WORD_PARTS = ["d", "l", "t", "sk", "happ", "rel", "gener", "run", "stret", "diferen", "corr", "sueñ", "médic", "niñ"]
ENDINGS = ["", "y", "ies", "ying", "ing", "ed", "ly", "ational", "ousness", "iveness", "ization", "ably", "bility"]
ENDINGS_ES = ["", "a", "as", "os", "encia", "ente", "iendo", "ación", "aciones", "logía", "mente", "idad", "ería"]


@pytest.mark.parametrize(("language", "endings"), [("en", ENDINGS), ("es", ENDINGS_ES)])
def test_every_form_of_a_word_finds_every_other(language: str, endings: list[str]) -> None:
    """Search skips words not starting with most of the query's stem: no form may be lost by it."""
    stem = snowballstemmer.stemmer(STEMMERS[language]).stemWord
    words = sorted({part + a + b for part in WORD_PARTS for a, b in itertools.product(endings, ["", "s"])})
    stems = {word: stem(_plain(word)) for word in words}
    guides = [guide(*(topic(f"w{number}", title=word) for number, word in enumerate(words)))]
    for word in words:
        expected = {other for other in words if stems[other] == stems[word]}
        found = {hit.topic.title for hit in search(guides, [word], language=language)}
        assert found == expected, word


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def test_ten_thousand_topics_all_found() -> None:
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
    for query, matching in ((["stretching"], 10_000), (["blood", "flow"], 10_000), (["zebra"], 0)):
        hits = search(guides, query)
        assert len(hits) == matching


# Searching a library: each guide's files keep their topics' folded text, and a guide that cannot match is not built.

QUERIES = [
    ["blood"], ["stretching"], ["sleep"], ["emergency", "numbness"], ["Cochrane"], ["recover"], ["healing"],
    ["sangre"], ["sueño"], ["médico", "urgencias"], ["injuries"], ["myofascial"], ["zzz"], ["47.6"], ["runner's"],
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_searching_the_library_finds_what_searching_every_guide_finds(language: str, data_dir: Path) -> None:
    for attempt in ("made", "kept"):  # the first pass makes the kept texts, the second reads them
        library = Library(data_dir, language=language)
        everything = Library(data_dir, language=language).load_guides()
        for query in QUERIES:
            found = search_library(library, query, language)
            assert found == search(everything, query, language), (attempt, query)


def test_a_translated_topic_is_found_by_an_english_alias_its_translation_lacks(data_dir: Path) -> None:
    # `recover` is an alias of the English topic only; the Spanish topic answers to it too.
    library = Library(data_dir, language="es")
    for _ in range(2):
        hits = search_library(library, ["recover"], "es")
        assert [(hit.guide_slug, hit.topic.slug) for hit in hits] == [("benefits", "recovery")]


def test_a_guide_that_cannot_match_is_not_built(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    search_library(Library(data_dir), ["warm-up"])  # keeps every guide's texts
    built: list[str] = []
    original = Library.load_guide

    def counting(self: Library, name: str) -> Guide:
        built.append(name)
        return original(self, name)

    monkeypatch.setattr(Library, "load_guide", counting)
    assert search_library(Library(data_dir), ["zzz"]) == []
    assert built == []
    assert [hit.guide_slug for hit in search_library(Library(data_dir), ["bladder"])] == ["back-pain"]
    assert built == ["back-pain"]


def test_an_edited_guide_is_sifted_afresh(data_dir: Path) -> None:
    path = data_dir / "benefits.yaml"
    assert search_library(Library(data_dir), ["quokka"]) == []
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Faster recovery", "Quokka recovery", 1), encoding="utf-8")  # same size
    assert [hit.topic.slug for hit in search_library(Library(data_dir), ["quokka"])] == ["recovery"]


@pytest.mark.parametrize(
    "damage", [b"", b"runacu parse cache 3\n" + b"\0" * 40, None], ids=["empty", "wrong digest", "wrong shape"]
)
def test_damaged_kept_texts_are_made_again(damage: bytes | None, data_dir: Path, tmp_path: Path) -> None:
    from runacu.content import parse_cache

    library = Library(data_dir)
    expected = search_library(library, ["blood"])
    entries = list((tmp_path / "xdg-cache").rglob("*.search"))
    assert entries, "the texts are kept beside the parse cache"
    for entry in entries:
        if damage is None:  # right in every way but the shape of the texts
            *header, _ = parse_cache.unseal(entry)
            parse_cache.write_sealed(entry, marshal.dumps((*header, [[1, 2]])))
        else:
            entry.write_bytes(damage)
    assert search_library(Library(data_dir), ["blood"]) == expected
    for entry in entries:  # and made again
        assert parse_cache.unseal(entry)[-1][0][0] in ("causes", "recovery", "what-happens")


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
