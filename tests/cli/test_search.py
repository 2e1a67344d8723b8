"""`runacu search`: a runner's question in everyday words, answered best first; never a dead end when nothing is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ANSI, ANSI_COLOUR, HAMSTRING_GUIDE, fake_terminal, run, strip_ansi


def answers(stdout: str) -> list[str]:
    """The titles of the answers shown in full, in order (each answer's first line)."""
    return [line.removeprefix("  - ") for line in stdout.splitlines() if line.startswith("  - ") and "(" in line]


def hit_blocks(stdout: str) -> list[str]:
    """The answers shown in full, each as its lines joined (they are separated by blank lines)."""
    body = stdout.split("\nAlso:")[0]
    return [block for block in body.split("\n\n") if block.startswith("  - ")]


# Answers


@pytest.mark.slow
def test_a_question_in_everyday_words_finds_the_topic_that_answers_it() -> None:
    result = run("search", "will", "it", "hurt?")
    assert result.exit_code == 0
    first = hit_blocks(result.stdout)[0]
    assert first.startswith("  - What it feels like (Your first acupuncture visit)\n")
    assert first.rstrip().endswith("runacu guide first-visit what-it-feels-like")
    assert "should not hurt much" in first  # the part of the text that answers


@pytest.mark.slow
def test_each_answer_names_its_guide_shows_its_answer_and_ends_with_its_command() -> None:
    stdout = run("search", "how much does acupuncture cost").stdout
    [block, *_] = hit_blocks(stdout)
    title, *snippet, command = block.splitlines()
    assert title == "  - Cost and insurance (Your first acupuncture visit)"
    assert "Medicare" in " ".join(snippet)
    assert command.strip() == "runacu guide first-visit cost-and-insurance"


@pytest.mark.slow
def test_three_answers_in_full_a_blank_line_apart_then_two_by_title_then_how_many_more() -> None:
    stdout = run("search", "back pain").stdout
    blocks = hit_blocks(stdout)
    assert len(blocks) == 3
    assert all(len(block.splitlines()) >= 3 for block in blocks)  # title, answer, command
    also = stdout.split("\nAlso:\n")[1].split("\n\n")[0].splitlines()
    assert len(also) == 4  # two titles, each with its command below
    assert also[1].strip().startswith("runacu ")
    assert "more topics answer it: search again with --all" in stdout
    every = run("search", "back pain", "--all").stdout
    assert "Also:" not in every and "--all" not in every
    assert len(hit_blocks(every)) == len(json.loads(run("search", "back pain", "--json").stdout)) > 5


@pytest.mark.slow
def test_not_every_word_must_appear_and_words_with_no_meaning_need_not() -> None:
    for query in ("Is acupuncture safe?", "is it SAFE", "how safe is acupuncture for me?"):
        assert answers(run("search", query).stdout)[0] == "Is it safe? (Your first acupuncture visit)", query


@pytest.mark.slow
def test_json_keeps_its_shape_with_a_score_best_first() -> None:
    result = run("search", "does acupuncture help insomnia", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits[0]["topic"] == "stress-and-sleep"
    assert set(hits[0]) == {
        "guide", "guide_title", "topic", "topic_number", "title", "field", "snippet", "command", "score",
    }  # fmt: skip
    assert hits[0]["command"] == "runacu benefits stress-and-sleep"
    scores = [hit["score"] for hit in hits]
    assert all(isinstance(score, float) for score in scores) and scores == sorted(scores, reverse=True)


@pytest.mark.slow
def test_json_holds_every_answer() -> None:
    hits = json.loads(run("search", "hurt", "--json").stdout)
    shown = run("search", "hurt").stdout
    assert len(hits) > 5
    assert f"{len(hits) - 5} more topics answer it" in shown


@pytest.mark.slow
def test_spanish_questions_with_or_without_accents() -> None:
    result = run("--lang", "es", "search", "¿me van a doler las agujas?")
    assert result.exit_code == 0
    assert hit_blocks(result.stdout)[0].rstrip().endswith("runacu guide first-visit what-it-feels-like")
    for query in ("precio", "PRECIO", "¿Cuánto cuesta?", "cuanto cuesta"):
        first = hit_blocks(run("--lang", "es", "search", query).stdout)[0]
        assert first.startswith("  - Costo y seguro médico (Su primera visita de acupuntura)"), query


@pytest.mark.slow
def test_matches_are_highlighted_on_a_terminal() -> None:
    out = run("search", "endorphins", terminal=fake_terminal()).stdout
    assert "\x1b[" in out
    assert "endorphins" in strip_ansi(out)
    assert not ANSI_COLOUR.search(run("search", "endorphins").stdout)


@pytest.mark.slow
def test_search_covers_extra_guides(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(HAMSTRING_GUIDE)
    assert "runacu guide hamstrings stretching" in run("--data-dir", str(tmp_path), "search", "bounce").stdout


# Nothing found: exit 1, never a dead end


@pytest.mark.slow
def test_what_runacu_does_not_cover_is_said_not_stretched_to_a_weak_word() -> None:
    for query in ("knee pain", "shin splints", "does acupuncture help plantar fasciitis?"):
        result = run("search", query)
        assert result.exit_code == 1, query
        assert "Not covered here:" in result.stdout and "see a clinician" in result.stdout, query
        assert "runacu contact" in result.stdout
        # No topic offered for the weak word ("pain", "acupuncture"): the guides are listed instead.
        assert "runacu back-pain causes" not in result.stdout
        for guide in ("runacu benefits", "runacu back-pain", "runacu guide first-visit"):
            assert guide in result.stdout


@pytest.mark.slow
def test_a_clear_typo_is_searched_as_the_word_it_stands_for() -> None:
    result = run("search", "streching")
    assert result.exit_code == 0
    assert answers(result.stdout)[0] == "Prevention tips (Acupuncture for running-induced back pain)"
    # One misspelt word does not sink the question.
    spanish = run("--lang", "es", "search", "acupuntra espalda")
    assert spanish.exit_code == 0
    assert "runacu back-pain" in hit_blocks(spanish.stdout)[0]


@pytest.mark.slow
def test_an_unclear_typo_names_the_word_it_may_be_and_the_closest_topics() -> None:
    result = run("search", "tinglin")
    assert result.exit_code == 1
    assert "Did you mean 'tingling'?" in result.stdout
    assert "Closest topics:" in result.stdout
    assert "runacu guide first-visit what-it-feels-like" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "not_covered"),
    [
        (("search", "flat feet shoes"), "'flat', 'feet'"),
        (("search", "IT band stretches"), "'it band'"),
        (("search", "half marathon training plan"), "'training plan'"),
        (("search", "are Hoka or Nike better for long runs"), "'hoka', 'nike'"),
        (("--lang", "es", "search", "plan de entrenamiento"), "'plan de entrenamiento'"),
        (("--lang", "es", "search", "rodilla cuesta abajo"), "'rodilla', 'cuesta abajo'"),
        (("--lang", "es", "search", "como curar la periostitis tibial"), "'periostitis', 'tibial'"),
    ],
)
def test_a_question_mostly_about_what_no_guide_covers_is_not_stretched(args: tuple[str, ...], not_covered: str) -> None:
    # The words the guides use ("shoes", "stretches", "plan", "cuesta") weigh less than those they do not.
    result = run(*args)
    assert result.exit_code == 1
    assert f": {not_covered}." in " ".join(result.stdout.split())  # lines are wrapped
    assert "runacu contact" in result.stdout


@pytest.mark.slow
def test_words_that_pad_a_question_carry_no_meaning() -> None:
    for padded, plain in (("will it get better with rest", "rest"), ("what's going on with my back", "back")):
        assert answers(run("search", padded).stdout)[:1] == answers(run("search", plain).stdout)[:1], padded
    # A bare number means nothing beside words; alone, it is looked for.
    assert answers(run("search", "sessions 12 weeks").stdout) == answers(run("search", "sessions weeks").stdout)
    assert run("search", "911").exit_code == 0


@pytest.mark.slow
def test_a_question_of_a_topic_ranks_that_topic_first() -> None:
    # "Is acupuncture painful?" is one of its questions; "acupuncture" is in nearly every topic.
    for query in ("is it painful", "Is acupuncture painful?", "IS IT PAINFUL"):
        assert answers(run("search", query).stdout)[0] == "What it feels like (Your first acupuncture visit)", query
    spanish = run("--lang", "es", "search", "¿es dolorosa?").stdout
    assert answers(spanish)[0] == "Qué se siente (Su primera visita de acupuntura)"


@pytest.mark.slow
def test_questions_about_acupuncture_for_back_pain_find_how_it_helps_and_the_research() -> None:
    # "acupuncture" is in every topic, yet tells the topics about it from those naming it in passing.
    first = [hit["topic"] for hit in json.loads(run("search", "acupuncture for lower back pain", "--json").stdout)[:3]]
    assert {"how-it-helps", "research"} <= set(first)
    hits = json.loads(run("search", "is there any evidence acupuncture helps back pain", "--json").stdout)
    assert "research" in [hit["topic"] for hit in hits[:3]]


@pytest.mark.slow
def test_spanish_words_that_share_a_stem_but_not_a_meaning_are_told_apart() -> None:
    # "segura" (safe) is not "seguro" (insurance); "me dan miedo" is not "daña" (harms).
    hits = json.loads(run("--lang", "es", "search", "¿es segura la acupuntura?", "--json").stdout)
    assert [hit["topic"] for hit in hits] == ["is-it-safe"]
    hits = json.loads(run("--lang", "es", "search", "me dan miedo las agujas", "--json").stdout)
    assert hits[0]["topic"] == "what-it-feels-like"
    assert "causes" not in [hit["topic"] for hit in hits]
    hits = json.loads(
        run("--lang", "es", "search", "¿debo seguir corriendo con dolor de espalda o descansar?", "--json").stdout
    )
    assert hits[0]["topic"] == "self-care"


@pytest.mark.slow
def test_nothing_found_in_json_is_an_empty_list_exit_1_and_why_on_stderr() -> None:
    result = run("search", "zebra", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    # One line, so that a script tells "not covered" from a failure.
    assert result.stderr.splitlines() == [
        "runacu: No topic answers \u201czebra\u201d. Not covered here: 'zebra'. For that, see a clinician;"
        " the clinic's phone and hours: runacu contact"
    ]
    result = run("search", "tinglin", "--json")
    assert "Did you mean 'tingling'?" in result.stderr and len(result.stderr.splitlines()) == 1
    assert run("search", "sleep", "--json").stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "suggested"),
    [
        (("--lang", "es", "search", "back", "pain"), "Busque en inglés: runacu --lang en search back pain"),
        (("search", "dolor de espalda"), "Search in Spanish: runacu --lang es search 'dolor de espalda'"),
    ],
)
def test_a_query_in_the_other_language_is_pointed_to_it(args: tuple[str, ...], suggested: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert suggested in result.stdout
    assert "Not covered" not in result.stdout and "no se trata aquí" not in result.stdout
    assert suggested in run(*args, "--json").stderr


@pytest.mark.slow
def test_a_clear_typo_says_what_was_searched_for() -> None:
    result = run("--lang", "es", "search", "acupuntra espalda")
    assert "Se buscó 'acupuntura' en su lugar." in result.stdout
    assert "No aparece en las guías" not in result.stdout


@pytest.mark.slow
def test_words_no_guide_uses_are_named_beside_the_answers() -> None:
    result = run("search", "will acupuncture help my pulled hamstring heal")
    assert result.exit_code == 0
    assert answers(result.stdout)[0] == "Faster recovery (Benefits of acupuncture for runners)"
    assert "Not in the guides: 'hamstring'." in result.stdout


# Warning signs come first


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "level", "action"),
    [
        (("search", "numbness in my legs"), "EMERGENCY:", "Call 911"),
        (("search", "I can't pee and my back hurts"), "EMERGENCY:", "Call 911"),
        (("search", "back pain with a fever"), "TODAY:", "See a doctor today"),
        (("--lang", "es", "search", "hormigueo en las piernas"), "EMERGENCIA:", "Llame al 911"),
    ],
)
def test_a_warning_sign_comes_first_with_its_action_and_the_check(
    args: tuple[str, ...], level: str, action: str
) -> None:
    result = run(*args)
    assert result.exit_code == 0  # the warning signs' topic answers too
    body = result.stdout.split("\n\n", 2)[1]  # the first block under the title
    assert body.startswith(f"{level} {action}")
    assert "runacu check" in result.stdout.split("  - ")[0]
    assert answers(result.stdout)[0] == "When to see a doctor (Acupuncture for running-induced back pain)" or (
        args[0] == "--lang"
    )


@pytest.mark.slow
def test_a_less_urgent_warning_sign_also_names_the_emergency_action() -> None:
    stdout = run("search", "fever").stdout
    before_answers = stdout.split("  - ")[0]
    assert "TODAY:" in before_answers and "For the most urgent signs: Call 911" in before_answers


#: What a page says when nothing answers, in either language: never beside a warning sign.
NOTHING_FOUND = (
    "No topic answers", "Not covered here", "see a clinician", "Ningún tema responde", "no se trata aquí",
    "consulte a un profesional",
)  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "box"),
    [
        (("search", "cancer and knee pain"), "TODAY: See a doctor today"),
        (("search", "I fell off a ladder and my back hurts"), "EMERGENCY: Call 911"),
        (("search", "car crash back pain"), "EMERGENCY: Call 911"),
        (("search", "I wet myself"), "EMERGENCY: Call 911"),
        (("search", "cant control my bladder"), "EMERGENCY: Call 911"),
        (("search", "tingling in both feet"), "EMERGENCY: Call 911"),
        (("--lang", "es", "search", "me caí y me duele la espalda"), "EMERGENCIA: Llame al 911"),
        (("--lang", "es", "search", "me hice pipí encima"), "EMERGENCIA: Llame al 911"),
    ],
)
def test_a_warning_sign_is_answered_by_its_topic_never_sent_away_as_not_covered(
    args: tuple[str, ...], box: str
) -> None:
    """The warning's action stands alone: no "Not covered here ... see a clinician" under it, and exit 0 (answered)."""
    result = run(*args)
    assert result.exit_code == 0
    assert result.stdout.split("\n\n", 2)[1].startswith(box)
    assert hit_blocks(result.stdout)[0].rstrip().endswith("runacu back-pain when-to-see-a-doctor")
    assert not [said for said in NOTHING_FOUND if said in result.stdout]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ("search", "I peed myself"),
        ("search", "fell down the stairs"),
        ("--lang", "es", "search", "no siento las piernas"),
    ],
)
def test_a_warning_sign_in_json_is_its_topic_exit_0_and_the_warning_on_stderr(args: tuple[str, ...]) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["topic"] == "when-to-see-a-doctor"
    assert len(result.stderr.splitlines()) == 1 and "911" in result.stderr and "runacu check" in result.stderr
    assert not [said for said in NOTHING_FOUND if said in result.stderr]
    handout = run(*args, "--format", "html")
    assert handout.exit_code == 0 and "911" in handout.stdout
    assert not [said for said in NOTHING_FOUND if said in handout.stdout]


@pytest.mark.slow
def test_a_warning_sign_reaches_stderr_beside_json() -> None:
    result = run("search", "chest pain", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["topic"] == "when-to-see-a-doctor"
    assert "warning sign: Chest pain: Call 911" in result.stderr and "runacu check" in result.stderr


@pytest.mark.slow
def test_no_warning_for_a_question_without_a_warning_sign() -> None:
    stdout = run("search", "does acupuncture help me sleep").stdout
    assert "EMERGENCY" not in stdout and "runacu check" not in stdout


@pytest.mark.slow
@pytest.mark.parametrize("query", ["no puedo dormir", "dormir bien", "no puedo dormir antes de una carrera"])
def test_sleep_in_spanish_never_names_the_numbness_warning(query: str) -> None:
    # "dormida" (numb) has the stem of "dormir" (to sleep): a warning sign is matched as written.
    outputs = [run("--lang", "es", "search", query, "--format", kind) for kind in ("plain", "markdown", "html")]
    outputs += [
        run("--lang", "es", "search", query, "--json"),
        run("--lang", "es", "search", query, terminal=fake_terminal()),
    ]
    for result in outputs:
        assert result.exit_code == 0
        said = strip_ansi(result.stdout + result.stderr)
        assert "EMERGENCIA" not in said and "911" not in said and "señal de alarma" not in said
        assert "runacu check" not in said
    assert json.loads(outputs[3].stdout)[0]["topic"] == "stress-and-sleep"


@pytest.mark.slow
@pytest.mark.parametrize("query", ["se me duermen las piernas", "se me duerme la pierna", "tengo la pierna dormida"])
def test_numb_legs_in_spanish_name_the_warning(query: str) -> None:
    result = run("--lang", "es", "search", query)
    assert result.stdout.split("\n\n", 2)[1].startswith("EMERGENCIA: Llame al 911")
    assert "runacu check" in result.stdout
    assert "señal de alarma: Dolor, hormigueo" in run("--lang", "es", "search", query, "--json").stderr


# Hostile queries: a clear answer, never a traceback, nothing echoed raw


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "search needs at least one word"),
        ("?!", "search needs at least one word"),
        ("\x07\x1b", "search needs at least one word"),
        ("how do I", "has only common words"),
        ("x", "has only common words"),
        ("w" * 10_000, "a search is at most 500 characters, and this one has 10000"),
    ],
    ids=["empty", "punctuation", "controls", "stop words", "one letter", "10,000 characters"],
)
def test_a_query_with_nothing_to_search_for_is_a_usage_error(query: str, message: str) -> None:
    result = run("search", query)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr) < 300 and "Traceback" not in result.stderr


def test_only_spanish_stop_words_in_spanish() -> None:
    result = run("--lang", "es", "search", "¿cómo es para mí?")
    assert result.exit_code == 2
    assert "solo tiene palabras comunes" in result.stderr


@pytest.mark.slow
def test_control_characters_are_never_echoed_raw() -> None:
    for query in ("\x1b[2Jknee", "stretch\x1b]8;;https://evil.example\x07ing", "sleep\rfake"):
        result = run("search", query, terminal=fake_terminal())
        assert result.exit_code in (0, 1)
        title = strip_ansi(result.stdout).splitlines()[0]
        assert "\x1b" not in title and "\r" not in title and "\x07" not in title
        assert not ANSI.search(run("search", query).stdout)


# Warning signs in search results: the right sign, the right action, in either language


def _red_flag_actions() -> dict[str, str]:
    from runacu.content.library import Library

    guide = Library().load_guide("back-pain")
    return {flags.level: flags.action for topic in guide.topics for flags in topic.red_flags}


@pytest.mark.slow
@pytest.mark.parametrize("query", ["chest pain", "accident", "numb legs", "fever", "worse at night", "lump"])
def test_a_warning_sign_snippet_shows_its_own_levels_action_and_no_other(query: str) -> None:
    """A snippet once ran from the emergency signs into "See a doctor today": the wrong action beside chest pain."""
    actions = _red_flag_actions()
    hits = json.loads(run("search", *query.split(), "--json").stdout)
    snippets = [hit["snippet"] for hit in hits if hit["field"] == "red_flags"]
    assert snippets, hits
    for snippet in snippets:
        shown = [level for level, action in actions.items() if action.rstrip(".")[:40] in snippet]
        assert len(shown) == 1, snippet
        assert snippet.startswith(actions[shown[0]].rstrip(".")), snippet


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "sign"),
    [("high temperature", "A fever"), ("I have a temperature", "A fever"), ("chest pain", "Chest pain")],
)
def test_a_warning_phrase_names_the_sign_it_means(query: str, sign: str) -> None:
    out = " ".join(run("search", *query.split(), "--format", "plain").stdout.split())
    assert f"listed under “When to see a doctor”: {sign}." in out
    assert "Pain high in your back" not in out.split("A search is not a diagnosis.")[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "action"),
    [
        (("search", "dolor", "en", "el", "pecho"), "EMERGENCY: Call 911"),
        (("--lang", "es", "search", "numbness"), "EMERGENCIA: Llame al 911"),
    ],
)
def test_a_warning_sign_named_in_the_other_language_still_comes_first(args: tuple[str, ...], action: str) -> None:
    out = " ".join(run(*args, "--format", "plain").stdout.split())
    assert out.index(action) < 80  # right under the title, before anything else
    assert "runacu check" in out


@pytest.mark.slow
def test_a_sleep_question_in_spanish_mode_raises_no_warning_in_english_either() -> None:
    result = run("search", "no", "puedo", "dormir", "--format", "plain")
    assert "911" not in result.stdout + result.stderr
