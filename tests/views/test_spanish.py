"""Spanish (`--lang es`): every word translated, every screen free of English UI words, every fact kept."""

from __future__ import annotations

import html
import json
import tempfile
from datetime import datetime, tzinfo
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from runacu.cli import session
from runacu.content.library import Library
from runacu.content.models import Guide, Source
from runacu.exit_status import ExitStatus
from tests.conftest import fake_terminal, run, strip_ansi
from tests.html_text import parse_html, text_of
from tests.views.conftest import shown

LA = ZoneInfo("America/Los_Angeles")


TEXT_FORMATS = ["plain", "markdown", "html", "rich"]


#: The screens a Spanish reader sees (the quick card is checked on its own).
SCREENS = [
    ("benefits",),
    ("back-pain",),
    ("guide", "first-visit"),
    ("contact", "--at", "2026-11-23T10:00"),
    ("guides",),
    ("search", "sueño"),
    ("search", "911"),
    ("validate",),
    ("check",),
]


#: English words of runacu's own that must not show on a Spanish screen.
ENGLISH_UI_WORDS = [
    "Evidence", "Sources", "Tips", "Disclaimer", "Last reviewed", "Open now", "Open at", "Closed", "Phone", "Address",
    "Opening hours", "EMERGENCY", "Emergency", "See a doctor", "If you have", "Call ", "or run", "Monday", "Friday",
    "November", " PM", " AM", "Search:", "Topics", "Guide", "Warning signs", "Data check", "files valid.",
    "the day asked about", "Next review", "next review", "The whole guide", "Open one with", "TODAY:", "SOON:",
    "Today:", "Soon:", "For questions", "see topic", "Run runacu",
]  # fmt: skip


#: Facts of the brief that every format must carry in Spanish, as written.
BRIEF_FACTS = [
    "3.1 millones", "47.6", "44.2", "27.4", "1,162", "26,610", "66,000", "24.4", "2,293", "79 adultos", "0.32", "0.96",
    "0.55", "911", "NG59", "30.3.3", "21 CFR 880.5580", "(661) 490-9221",
    # the brief's medical terms, as a Spanish-language health site writes them
    "dolor lumbar", "señales de alarma", "síndrome de la cola de caballo", "Fiebre", "anticoagulantes",
    "trastorno de la coagulación", "fractura por estrés", "Cuándo consultar a un médico", "sesiones periódicas",
    # looking after it yourself
    "unas semanas", "ibuprofeno", "acetaminofén", "almohadilla térmica",
    # the cauda equina signs
    "genitales o las nalgas", "Dificultad para orinar", "Pérdida del control de la vejiga o los intestinos",
    "Problemas sexuales nuevos",
    # what it feels like; a metal allergy
    "pinchazo breve", "hormigueo o un dolor sordo", "no debería doler mucho", "alergia a los metales",
    # Medicare: the limits, and who may give it
    "21 de enero de 2020", "12 semanas o más", "Hasta 12 visitas en 90 días", "No más de 20 visitas al año",
    "enfermero practicante", "ACAOM", "no puede cobrarle a Medicare",
]  # fmt: skip


FACT_SCREENS = [("benefits",), ("back-pain",), ("guide", "first-visit"), ("contact", "--at", "2026-11-23T10:00")]


#: A request with every option, so it runs without questions.
REQUEST = ["--name", "Jo Runner", "--phone", "(661) 555-0123", "--email", "jo@example.com",
           "--contact-method", "email", "--topic", "research", "--message", "Me duele la espalda."]  # fmt: skip


EXTRA_GUIDE = """\
title: Hamstring care for runners
intro: What to know about tight hamstrings.
disclaimer: General information, not medical advice. See a qualified clinician.
reviewed: 2026-11-23
next_review: 2027-11-23
topics:
  - slug: stretching
    title: Gentle stretching
    summary: Stretch after easy runs.
    evidence:
      kind: practice
      note: The clinic's experience; no controlled studies.
    explanation: Hold each stretch for thirty seconds.
"""


def flat(text: str) -> str:
    """Output as one line of words: no escape codes, box edges, Markdown escapes or HTML entities."""
    text = html.unescape(strip_ansi(text)).replace("\\", "")
    for edge in "│╭╮╰╯─┃━":
        text = text.replace(edge, " ")
    return " ".join(text.split())


def all_sources(guide: Guide) -> list[Source]:
    """A guide's sources: those under its intro and those of every topic."""
    return [*guide.sources, *(source for topic in guide.topics for source in topic.sources)]


@cache
def citations() -> list[str]:
    """Every source citation of the English and Spanish guides: published titles stay in English."""
    guides = [*Library().load_guides(), *Library(language="es").load_guides()]
    found = {" ".join(source.citation.split()) for guide in guides for source in all_sources(guide)}
    return sorted(found, key=len, reverse=True)


@cache
def english_dois() -> list[str]:
    return sorted({source.doi for guide in Library().load_guides() for source in all_sources(guide) if source.doi})


def without_proper_nouns(text: str) -> str:
    text = flat(text)
    for citation in citations():
        text = text.replace(citation, " ")
    return text.replace("Valencia Sports Medicine", " ")


def spanish(*args: str, output_format: str | None = None, width: int = 200) -> str:
    """A screen in Spanish: through a (fake) terminal for rich, else piped, with `--format` when given."""
    terminal = fake_terminal(width=width) if output_format == "rich" else None
    format_args = ("--format", output_format) if output_format is not None else ()
    result = run("--lang", "es", *args, *format_args, terminal=terminal)
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    return result.stdout


def spanish_screen(*args: str, output_format: str | None = None) -> str:
    """`spanish`, for a screen of the built-in data: run once, however many tests read it."""
    format_args = ("--format", output_format) if output_format is not None else ()
    result = shown("--lang", "es", *args, *format_args, width=200 if output_format == "rich" else None)
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    return result.stdout


def quick_card(output_format: str) -> str:
    """The quick card (bare `runacu`), whose format is a global option."""
    terminal = fake_terminal(width=200) if output_format == "rich" else None
    result = run("--lang", "es", "--format", output_format, terminal=terminal)
    assert result.exit_code == ExitStatus.SUCCESS, result.stderr
    return result.stdout


# Choosing the language


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "environment", "heading"),
    [
        (["--lang", "es"], {}, "Para corredores"),
        ([], {"RUNACU_LANG": "es"}, "Para corredores"),
        ([], {"LANG": "es_US.UTF-8"}, "Para corredores"),
        ([], {"LC_ALL": "es_MX.UTF-8", "LANG": "en_US.UTF-8"}, "Para corredores"),
        ([], {"LANG": "fr_FR.UTF-8"}, "For runners"),
        ([], {}, "For runners"),
        (["--lang", "en"], {"RUNACU_LANG": "es"}, "For runners"),
        (["--lang", "es"], {"RUNACU_LANG": "en", "LANG": "en_US.UTF-8"}, "Para corredores"),
    ],
)
def test_the_language_comes_from_the_option_then_runacu_lang_then_the_locale(
    monkeypatch: pytest.MonkeyPatch, args: list[str], environment: dict[str, str], heading: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = run(*args)
    assert result.exit_code == ExitStatus.SUCCESS
    assert heading in result.stdout
    other = "For runners" if heading == "Para corredores" else "Para corredores"
    assert other not in result.stdout


def test_an_unknown_language_is_a_usage_error_listing_the_choices() -> None:
    result = run("--lang", "xx", "benefits")
    assert result.exit_code == ExitStatus.USAGE
    assert "--lang" in result.stderr
    assert "'en'" in result.stderr and "'es'" in result.stderr
    assert result.stdout == ""


# No English on a Spanish screen


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
@pytest.mark.parametrize("screen", SCREENS, ids=" ".join)
def test_no_english_ui_word_on_a_spanish_screen(screen: tuple[str, ...], output_format: str) -> None:
    text = without_proper_nouns(spanish_screen(*screen, output_format=output_format))
    assert text
    assert [word for word in ENGLISH_UI_WORDS if word in text] == []


@pytest.mark.slow
@pytest.mark.parametrize("output_format", TEXT_FORMATS)
def test_no_english_ui_word_on_the_spanish_quick_card(output_format: str) -> None:
    text = without_proper_nouns(quick_card(output_format))
    assert "Para corredores" in text and "Para la clínica" in text
    assert [word for word in [*ENGLISH_UI_WORDS, "For runners", "For the clinic"] if word in text] == []


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["plain", "markdown", "html", "rich"])
def test_the_spanish_screens_say_what_they_are_in_spanish(output_format: str) -> None:
    page = spanish_screen("back-pain", output_format=output_format)
    guide = flat(text_of(parse_html(page)) if output_format == "html" else page)  # 911 is a link there: its words
    for words in ["Evidencia: Ensayos aleatorizados en personas.", "Fuentes", "Consejos", "Aviso:", "Última revisión",
                  "Llame al 911", "Si tiene dolor de espalda y alguna de estas señales:"]:  # fmt: skip
        assert words in guide, words
    for level in ["Emergencia:", "Hoy:", "Pronto:"]:  # the level's name, in capitals in plain text and Markdown
        assert level.casefold() in guide.casefold(), level
    card = flat(spanish_screen("contact", "--at", "2026-11-23T10:00", output_format=output_format))
    for words in ["Teléfono", "Dirección", "Horario de atención", "Lunes", "Sábado", "Cerrado", "8:00 a. m."]:
        assert words in card, words


# The facts, in every format


@pytest.mark.slow
@pytest.mark.parametrize("output_format", [*TEXT_FORMATS, "json"])
def test_every_fact_of_the_brief_in_every_spanish_format(output_format: str) -> None:
    outputs = [spanish_screen(*screen, output_format=output_format) for screen in FACT_SCREENS]
    if output_format == "json":
        outputs = [json.dumps(json.loads(out), ensure_ascii=False) for out in outputs]
    text = flat(" ".join(outputs))
    assert "Beneficios de la acupuntura para corredores" in text
    missing = [fact for fact in [*BRIEF_FACTS, *english_dois()] if fact not in text]
    assert missing == []


@pytest.mark.slow
def test_the_spanish_guides_carry_the_reviewed_facts() -> None:
    """Hedges and notes the reviewer added to the English guides are in the Spanish ones too."""
    text = flat(spanish("back-pain") + spanish("benefits") + spanish("guide", "first-visit"))
    for words in [
        "podría deberse al azar",  # "could be due to chance", not "not significant"
        # the stretching tip, worded so it does not contradict itself
        "los ensayos sobre prevención de lesiones favorecen el trabajo de fuerza",
        "La clínica dice que una mala postura",  # the causes are the clinic's account
        "no se encontraron estudios controlados en corredores",
        "mixtos, no convincentes",  # the colds trials: mixed, not "negative"
        "no fue concluyente",  # the insomnia review: a review label alone reads as support
        "solo en ratas",
        "toma anticoagulantes",
        "hallaron que los problemas graves son raros y que los efectos leves son comunes",
        "Es un consejo de la clínica",  # the pacemaker advice is the clinic's, not the NHS's
        "Un acupunturista con licencia que trabaja por su cuenta no puede cobrarle a Medicare",
        "20 visitas al año",
    ]:
        assert words in text, words
    assert "gran ejercicio" not in text  # the reviewer dropped "running is great exercise"
    assert "no fue significativa" not in text


def test_the_spanish_guides_keep_slugs_levels_signs_and_dois() -> None:
    english = {guide.slug: guide for guide in Library().load_guides()}
    for guide in Library(language="es").load_guides():
        original = english[guide.slug]
        assert guide.title != original.title
        assert guide.topic_slugs == original.topic_slugs
        # The same sources, citations as published, under the intro and in every topic.
        assert [(s.citation, s.doi, s.url) for s in guide.sources] == [
            (s.citation, s.doi, s.url) for s in original.sources
        ]
        for topic, source in zip(guide.topics, original.topics, strict=True):
            assert topic.title != source.title
            assert topic.evidence.kind == source.evidence.kind
            assert [(f.level, len(f.signs)) for f in topic.red_flags] == [
                (f.level, len(f.signs)) for f in source.red_flags
            ]
            assert [len(listed.items) for listed in topic.lists] == [len(listed.items) for listed in source.lists]
            assert len(topic.tips) == len(source.tips)
            assert [(s.citation, s.doi, s.url) for s in topic.sources] == [
                (s.citation, s.doi, s.url) for s in source.sources
            ]


@pytest.mark.slow
def test_validate_finds_nothing_to_report_in_spanish() -> None:
    result = run("--lang", "es", "validate", "--strict", "--today", "2026-12-01", "--json")
    assert result.exit_code == ExitStatus.SUCCESS
    report = json.loads(result.stdout)
    assert report["problems"] == [] and report["warnings"] == []
    assert any(name.endswith("es/back-pain.yaml") for name in report["files"])


# Names, dates and times


@pytest.mark.slow
def test_spanish_names_find_topics() -> None:
    assert "Menos estrés, mejor sueño" in spanish("benefits", "sueño")
    assert "6. Cuándo consultar a un médico" in spanish("back-pain", "médico")
    assert "6. Cuándo consultar a un médico" in spanish("back-pain", "doctor")  # the example in --help, Spanish too
    assert "5. Cómo cuidarse en casa" in spanish("back-pain", "autocuidado")
    assert "2. Qué se siente" in spanish("guide", "first-visit", "duele")


@pytest.mark.slow
def test_search_finds_spanish_words_in_the_spanish_guides() -> None:
    hits = json.loads(spanish("search", "sueño", output_format="json"))
    assert hits[0]["topic"] == "stress-and-sleep"
    assert hits[0]["title"] == "Menos estrés, mejor sueño"


def test_dates_are_spanish() -> None:
    assert "Última revisión: 6 de diciembre de 2026; próxima revisión: 6 de diciembre de 2027." in flat(
        spanish("benefits", "1")
    )


@pytest.mark.parametrize(
    ("at", "sentence"),
    [
        ("2026-11-23T10:00", "Abierto el lunes 23 de noviembre de 2026 a las 10:00 a. m., cierra a las 6:00 p. m."),
        ("2026-11-23T07:59", "Cerrado el lunes 23 de noviembre de 2026 a las 7:59 a. m., abre a las 8:00 a. m."),
        (
            "2026-11-23T18:00",
            "Cerrado el lunes 23 de noviembre de 2026 a las 6:00 p. m., abre el martes a las 8:00 a. m.",
        ),
        (
            "2026-11-27T19:00",
            "Cerrado el viernes 27 de noviembre de 2026 a las 7:00 p. m., abre el lunes a las 8:00 a. m.",
        ),
        (
            "2026-11-28T12:00",
            "Cerrado el sábado 28 de noviembre de 2026 a las 12:00 p. m., abre el lunes a las 8:00 a. m.",
        ),
    ],
)
def test_the_status_at_a_moment_reads_as_spanish(at: str, sentence: str) -> None:
    # Compared without case: a weekday inside a sentence should be lower case in Spanish (see the report).
    assert sentence.casefold() in flat(spanish("contact", "--at", at)).casefold()


class _Clock:
    """A fixed 'now' for the contact card, in place of `datetime` in runacu.cli.session."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self, tz: tzinfo | None = None) -> datetime:
        return self.moment.astimezone(tz) if tz is not None else self.moment.replace(tzinfo=None)


@pytest.mark.parametrize(
    ("now", "sentence"),
    [
        ("2026-11-23T10:00", "Abierto ahora, cierra a las 6:00 p. m."),
        ("2026-11-23T19:00", "Cerrado ahora, abre mañana a las 8:00 a. m."),
        ("2026-11-27T19:00", "Cerrado ahora, abre el lunes a las 8:00 a. m."),
    ],
)
def test_the_status_now_reads_as_spanish(monkeypatch: pytest.MonkeyPatch, now: str, sentence: str) -> None:
    monkeypatch.setattr(session, "datetime", _Clock(datetime.fromisoformat(now).replace(tzinfo=LA)))
    text = flat(spanish("contact"))
    assert sentence.casefold() in text.casefold()
    assert "(* hoy)" in text


def test_a_closure_reads_as_spanish(data_dir: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    closures = "closures:\n  - {date: 2026-12-25, reason: Christmas Day}\n  - {date: 2027-01-01}\n"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("closures: []\n", closures), encoding="utf-8")
    text = flat(spanish("--data-dir", str(data_dir), "contact", "--at", "2026-12-25T10:00"))
    assert (
        "Cerrado el viernes 25 de diciembre de 2026 a las 10:00 a. m. (Christmas Day), abre el lunes a las 8:00 a. m."
        in text.replace("el Lunes", "el lunes")
    )
    assert "Viernes Cerrado: Christmas Day" in text
    assert "Cierres en los próximos 30 días" in text
    assert "25 de diciembre de 2026: Christmas Day" in text and "1 de enero de 2027" in text
    assert "(* el día consultado)" in text


# Falling back to English


def test_a_guide_with_no_spanish_version_is_shown_in_english_with_one_notice(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(EXTRA_GUIDE, encoding="utf-8")
    result = run("--lang", "es", "--data-dir", str(tmp_path), "guide", "hamstrings")
    assert result.exit_code == ExitStatus.SUCCESS
    assert "Gentle stretching" in result.stdout
    assert "Evidencia: Experiencia clínica" in result.stdout  # runacu's own words stay Spanish
    notices = result.stderr.splitlines()
    assert len(notices) == 1
    assert "'hamstrings'" in notices[0] and "inglés" in notices[0]


def test_the_guides_list_says_once_which_guide_is_in_english(tmp_path: Path) -> None:
    (tmp_path / "hamstrings.yaml").write_text(EXTRA_GUIDE, encoding="utf-8")
    result = run("--lang", "es", "--data-dir", str(tmp_path), "guides", "--format", "markdown")
    assert result.exit_code == ExitStatus.SUCCESS
    assert "Hamstring care for runners" in result.stdout and "Su primera visita de acupuntura" in result.stdout
    assert len(result.stderr.splitlines()) == 1 and "'hamstrings'" in result.stderr


@pytest.mark.slow
def test_a_topic_missing_in_spanish_falls_back_to_english_with_one_notice(data_dir: Path) -> None:
    path = data_dir / "es" / "benefits.yaml"
    guide = yaml.safe_load(path.read_text(encoding="utf-8"))
    guide["topics"] = [topic for topic in guide["topics"] if topic["slug"] != "immune-system"]
    path.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--lang", "es", "--data-dir", str(data_dir), "benefits")
    assert result.exit_code == ExitStatus.SUCCESS
    out = flat(result.stdout)
    assert "4. Immune support" in out  # in its place, in English
    assert "5. Menos estrés, mejor sueño" in out and "1. Recuperación más rápida" in out
    notices = result.stderr.splitlines()
    assert len(notices) == 1
    assert "immune-system" in notices[0] and "'benefits'" in notices[0]


# The request draft


@cache
def spanish_draft() -> EmailMessage:
    """The draft a Spanish request saves, made once for the tests that read it (in a folder removed after)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "solicitud.eml"
        result = run("--lang", "es", "request", *REQUEST, "--output", str(target))
        assert result.exit_code == ExitStatus.SUCCESS, result.stderr
        assert "Se guardó una copia para sus registros:" in result.stdout  # the clinic has no email address yet
        assert "Llame a Valencia Sports Medicine: (661) 490-9221" in flat(result.stdout)
        message = message_from_bytes(target.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.mark.slow
def test_the_request_draft_is_in_spanish() -> None:
    message = spanish_draft()
    assert message["Subject"] == "Solicitud de cita: Qué dicen las investigaciones"
    body = message.get_content()
    for line in [
        "Nombre: Jo Runner",
        "Teléfono: +16615550123",
        "Correo electrónico: jo@example.com",
        "Forma de contacto preferida: correo electrónico",
        "Tema de interés: Qué dicen las investigaciones",
        "Idioma: español",
        "Me duele la espalda.",
    ]:
        assert line in body.splitlines(), line


@pytest.mark.slow
def test_the_request_draft_says_its_language() -> None:
    """A mail program reads the language from the header, not only from the body's "Idioma" line."""
    assert spanish_draft()["Content-Language"] == "es"


def test_the_request_form_speaks_spanish_when_an_answer_is_wrong() -> None:
    result = run("--lang", "es", "request", *REQUEST[:2], "--phone", "12", "--email", "jo@", "--contact-method", "fax")
    assert result.exit_code == ExitStatus.USAGE
    for text in ["Este número de teléfono no es válido.", "Esta dirección de correo electrónico no es válida.",
                 "Elija una opción.", "Escriba un mensaje."]:  # fmt: skip
        assert text in result.stderr
    assert "Please" not in result.stderr


def test_one_oclock_takes_the_singular_article(data_dir: Path) -> None:
    clinic = data_dir / "clinic.yaml"
    clinic.write_text(
        clinic.read_text().replace(
            'monday: [{opens: "08:00", closes: "18:00"}]', 'monday: [{opens: "08:00", closes: "13:00"}]'
        )
    )
    out = " ".join(
        run("--lang", "es", "--data-dir", str(data_dir), "contact", "--at", "2026-11-23T10:00").stdout.split()
    )
    assert "cierra a la 1:00 p. m." in out.replace("\u202f", " ")
    english = " ".join(run("--data-dir", str(data_dir), "contact", "--at", "2026-11-23T10:00").stdout.split())
    assert "closes 1:00 PM" in english.replace("\u202f", " ")
