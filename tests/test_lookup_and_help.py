"""Forgiving names and help that reads well: topics and guides by any case, number, alias or prefix;
misses and ambiguities that say what would work; alias checks; shell completion; `--help`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import runacu.content.library as library_module
from runacu.exit_status import ExitStatus
from tests.conftest import run, run_process

BENEFITS_TITLES = {
    "recovery": "1. Faster recovery",
    "injury-prevention": "2. Injury prevention",
    "muscle-balance": "3. Muscle rebalancing",
    "immune-system": "4. Immune support",
    "stress-and-sleep": "5. Less stress, better sleep",
}
BENEFITS_SLUGS = list(BENEFITS_TITLES)
BACK_PAIN_SLUGS = ["causes", "how-it-helps", "research", "prevention", "self-care", "when-to-see-a-doctor"]
FIRST_VISIT_SLUGS = [
    "what-happens", "what-it-feels-like", "is-it-safe", "tell-your-practitioner", "choosing-a-practitioner",
    "cost-and-insurance",
]  # fmt: skip
COMMANDS = ["benefits", "back-pain", "check", "guide", "contact", "request", "search", "guides", "validate", "schema"]

#: An extra guide whose two topics share a prefix.
STRETCHING_GUIDE = """\
title: Stretching for runners
intro: Two ways to stretch.
disclaimer: General information, not medical advice.
reviewed: 2026-10-05
next_review: 2027-10-05
topics:
  - slug: stretch-a
    title: Stretch A
    aliases: [ham]
    summary: The first stretch.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Stretch gently.
  - slug: stretch-b
    title: Stretch B
    aliases: [hamstrings]
    summary: The second stretch.
    evidence: {kind: practice, note: The clinic's experience.}
    explanation: Stretch slowly.
"""


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def stretching_dir(tmp_path: Path) -> Path:
    """A data folder holding only the extra `stretching` guide (the built-in data stays underneath)."""
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "stretching.yaml").write_text(STRETCHING_GUIDE)
    return folder


# Topic and guide names


@pytest.mark.parametrize(
    ("args", "heading"),
    [
        (("benefits", "recovery"), "1. Faster recovery"),
        (("benefits", "Recovery"), "1. Faster recovery"),
        (("benefits", "RECOVERY"), "1. Faster recovery"),
        (("benefits", "rec"), "1. Faster recovery"),
        (("benefits", "REC"), "1. Faster recovery"),
        (("benefits", "1"), "1. Faster recovery"),
        (("benefits", "5"), "5. Less stress, better sleep"),
        (("benefits", "sleep"), "5. Less stress, better sleep"),
        (("benefits", "stress"), "5. Less stress, better sleep"),
        (("benefits", "Sleep"), "5. Less stress, better sleep"),
        (("benefits", "immune"), "4. Immune support"),
        (("back-pain", "doctor"), "6. When to see a doctor"),
        (("back-pain", "red-flags"), "6. When to see a doctor"),
        (("back-pain", "RED-FLAGS"), "6. When to see a doctor"),
        (("back-pain", "3"), "3. What the research says"),
        (("back-pain", "5"), "5. Looking after it yourself"),
        (("back-pain", "self"), "5. Looking after it yourself"),
        (("guide", "first-visit", "2"), "2. What it feels like"),
        (("guide", "first-visit", "does-it-hurt"), "2. What it feels like"),
        (("guide", "first-visit", "3"), "3. Is it safe?"),
        (("guide", "first", "safety"), "3. Is it safe?"),
        (("guide", "FIRST-VISIT", "is-it"), "3. Is it safe?"),
        (("guide", "First", "Medicare"), "6. Cost and insurance"),
    ],
)
def test_a_topic_answers_to_any_case_number_alias_or_unique_prefix(args: tuple[str, ...], heading: str) -> None:
    result = run(*args, "--format", "plain")
    assert result.exit_code == 0, result.stderr
    assert heading in result.stdout
    # Only the one topic: no other numbered topic heading.
    headings = re.findall(r"^\d\. .+$", result.stdout, flags=re.MULTILINE)
    assert headings == [heading]


@pytest.mark.parametrize("name", ["first", "FIRST", "First-Visit", "first-v", "fIrSt-VISIT"])
def test_a_guide_answers_to_any_case_and_a_unique_prefix(name: str) -> None:
    result = run("guide", name, "--list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == FIRST_VISIT_SLUGS


def test_an_extra_guide_answers_to_a_prefix(stretching_dir: Path) -> None:
    result = run("--data-dir", str(stretching_dir), "guide", "STRETCH", "--list")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == ["stretch-a", "stretch-b"]


@pytest.mark.parametrize(
    ("name", "title"), [("ham", "1. Stretch A"), ("HAM", "1. Stretch A"), ("hams", "2. Stretch B")]
)
def test_an_alias_wins_over_a_prefix_of_another_name(name: str, title: str, stretching_dir: Path) -> None:
    # 'ham' is one topic's alias and the start of the other's ('hamstrings'): the alias wins.
    result = run("--data-dir", str(stretching_dir), "guide", "stretching", name)
    assert result.exit_code == 0, result.stderr
    assert title in result.stdout


@pytest.mark.parametrize(
    ("args", "candidates"),
    [
        # muscle-balance by its alias 'imbalance', stress-and-sleep by 'insomnia'
        (("benefits", "i"), ["injury-prevention", "muscle-balance", "immune-system", "stress-and-sleep"]),
        (("benefits", "IM"), ["muscle-balance", "immune-system"]),
        (("guide", "b"), ["benefits", "back-pain"]),
        (("guide", "stretching", "stretch"), ["stretch-a", "stretch-b"]),
        (("guide", "stretching", "Stretch-"), ["stretch-a", "stretch-b"]),
    ],
)
def test_an_ambiguous_prefix_is_a_usage_error_listing_the_candidates(
    args: tuple[str, ...], candidates: list[str], stretching_dir: Path
) -> None:
    result = run("--data-dir", str(stretching_dir), *args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    listed = re.findall(r"[a-z]+(?:-[a-z]+)*", result.stderr.split(":", 3)[-1])
    for candidate in candidates:
        assert candidate in listed, result.stderr
    others = {*BENEFITS_SLUGS, *BACK_PAIN_SLUGS, "first-visit", "stretch-a", "stretch-b"} - set(candidates)
    assert not others & set(listed), f"only the candidates are listed: {result.stderr}"
    assert "more than one" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "suggestion", "count"),
    [
        (("benefits", "RECOVRY"), "recovery", 5),
        (("benefits", "recovry"), "recovery", 5),
        (("benefits", "Sleeep"), "stress-and-sleep", 5),
        (("back-pain", "DOCTR"), "when-to-see-a-doctor", 6),
        (("guide", "first-visit", "safty"), "is-it-safe", 6),
        (("guide", "stretching", "stretch-c"), "stretch-a", 2),
    ],
)
def test_a_missed_topic_suggests_the_closest_names_and_says_numbers_work(
    args: tuple[str, ...], suggestion: str, count: int, stretching_dir: Path
) -> None:
    result = run("--data-dir", str(stretching_dir), *args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    message = one_line(result.stderr)
    did_you_mean = re.search(r"Did you mean ([^?]+)\?", message)
    assert did_you_mean is not None, message
    assert f"'{suggestion}'" in did_you_mean.group(1)
    assert f"Numbers 1 to {count} work" in message
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("number", ["0", "6", "99"])
def test_a_topic_number_out_of_range_says_which_numbers_work(number: str) -> None:
    result = run("benefits", number)
    assert result.exit_code == ExitStatus.USAGE
    assert "Numbers 1 to 5 work" in one_line(result.stderr)


def test_a_missed_guide_suggests_the_closest_guide_and_lists_them() -> None:
    result = run("guide", "FIRSTVISIT")
    assert result.exit_code == ExitStatus.USAGE
    message = one_line(result.stderr)
    assert "'first-visit'" in message
    assert "benefits, back-pain, first-visit" in message
    assert "Numbers" not in message, "guides are not numbered"


@pytest.mark.parametrize("name", ["../outside", "..", "./outside", "/etc/passwd", "sub/outside", "..\\outside"])
def test_a_guide_name_that_is_a_path_is_refused_before_any_file_is_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    (tmp_path / "outside.yaml").write_text(STRETCHING_GUIDE)
    (data_dir / "sub").mkdir()
    (data_dir / "sub" / "outside.yaml").write_text(STRETCHING_GUIDE)
    opened: list[object] = []
    original = library_module.read_document

    def spy(data_file: object) -> object:
        opened.append(data_file)
        return original(data_file)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "read_document", spy)
    result = run("--data-dir", str(data_dir), "guide", name)
    assert result.exit_code == ExitStatus.USAGE
    assert "not a guide name" in result.stderr
    assert "Stretch" not in result.stdout
    assert opened == [], "no data file is read for a name that is a path"
    # The spy sees reads: a real guide name reads its file.
    assert run("--data-dir", str(data_dir), "guide", "first-visit").exit_code == 0
    assert opened


# Aliases are checked by the model (validate: exit 3, file:line)


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(lines) >= occurrence, f"{needle!r} not in the file"
    return lines[occurrence - 1]


@pytest.mark.parametrize(
    ("old", "new", "line_needle", "words"),
    [
        # Each edit writes into the start of an alias list, so it holds whatever aliases follow.
        # the same alias on two topics of a guide: located where it appears the second time
        ("aliases: [cause, why", "aliases: [cause, why, doctor", "aliases: [doctor, red-flags", "'doctor'"),
        # the same alias twice on one topic
        ("aliases: [cause, why", "aliases: [cause, why, cause", "aliases: [cause, why, cause", "'cause'"),
        # an alias that is another topic's slug
        ("aliases: [studies, gerac", "aliases: [studies, gerac, prevention", "gerac, prevention", "'prevention'"),
        # not slug-shaped
        ("aliases: [doctor, red-flags", "aliases: [doctor, Red Flags", "Red Flags", "'Red Flags'"),
        ("aliases: [doctor, red-flags", "aliases: [doctor, red_flags", "red_flags", "'red_flags'"),
    ],
    ids=["duplicate-across-topics", "duplicate-within-a-topic", "another-topics-slug", "spaces", "underscore"],
)
def test_validate_reports_a_bad_alias_with_file_and_line(
    old: str, new: str, line_needle: str, words: str, data_dir: Path
) -> None:
    path = data_dir / "back-pain.yaml"
    text = path.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text)
    result = run("validate", str(data_dir))
    assert result.exit_code == ExitStatus.INVALID_DATA, result.stdout
    line = _line_of(text, line_needle)
    problems = [row for row in result.stdout.splitlines() if row.startswith(f"{path}:")]
    assert problems, result.stdout
    assert any(row.startswith(f"{path}:{line}:") and words in row for row in problems), result.stdout
    assert "alias" in result.stdout


def test_aliases_may_repeat_across_guides() -> None:
    # 'prevent' is an alias in both benefits and back-pain: each guide is its own namespace.
    assert run("benefits", "prevent").exit_code == 0
    assert run("back-pain", "prevent").exit_code == 0
    assert run("validate", "--today", "2026-12-01").exit_code == 0


# Shell completion, through the real protocol in a separate process


def complete(words: str, *, env: dict[str, str] | None = None) -> list[str]:
    """What `runacu` offers for bash when TAB is pressed after `words` (a trailing space: a new word)."""
    cword = len(words.split()) if words.endswith(" ") else len(words.split()) - 1
    environment = {"_RUNACU_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = run_process(env={**environment, **(env or {})})
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b"", result.stderr.decode()
    return result.stdout.decode().split()


def test_completion_of_benefits_topics() -> None:
    assert complete("runacu benefits ") == BENEFITS_SLUGS
    assert complete("runacu benefits st") == ["stress-and-sleep"]


def test_completion_of_back_pain_topics() -> None:
    assert complete("runacu back-pain ") == BACK_PAIN_SLUGS


def test_completion_of_guides_includes_extra_guides(stretching_dir: Path) -> None:
    assert complete("runacu guide ") == ["benefits", "back-pain", "first-visit"]
    assert complete("runacu guide f") == ["first-visit"]
    assert complete(f"runacu --data-dir {stretching_dir} guide ") == [
        "benefits", "back-pain", "first-visit", "stretching",
    ]  # fmt: skip
    assert "stretching" in complete("runacu guide ", env={"RUNACU_DATA_DIR": str(stretching_dir)})


def test_completion_of_a_guides_topics() -> None:
    assert complete("runacu guide first-visit ") == FIRST_VISIT_SLUGS


def test_completion_of_request_topics() -> None:
    offered = complete("runacu request --topic ")
    assert offered == [*BENEFITS_SLUGS, *BACK_PAIN_SLUGS, *FIRST_VISIT_SLUGS, "other"]


def test_completion_of_command_names() -> None:
    assert complete("runacu be") == ["benefits"]
    assert complete("runacu b") == ["benefits", "back-pain"]
    assert set(COMMANDS) <= set(complete("runacu "))


# Help


def help_of(*command: str) -> str:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_help_usage_names_the_arguments() -> None:
    assert re.search(r"^Usage: \S+ benefits \[OPTIONS\] \[TOPIC\]$", help_of("benefits"), re.MULTILINE)
    assert re.search(r"^Usage: \S+ back-pain \[OPTIONS\] \[TOPIC\]$", help_of("back-pain"), re.MULTILINE)


def test_contact_help_names_when_and_its_format() -> None:
    text = one_line(help_of("contact"))
    assert "--at WHEN" in text
    assert "YYYY-MM-DDTHH:MM" in text


def test_search_help_shows_query_with_one_ellipsis() -> None:
    usage = help_of("search").splitlines()[0]
    shown = usage.replace("{", "").replace("}", "")  # Typer marks a required argument with braces
    assert shown.endswith(" QUERY..."), usage
    assert "QUERY...." not in shown, f"one ellipsis, not two: {usage}"


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_names_arguments_in_capitals(command: str) -> None:
    usage = help_of(command).splitlines()[0]
    words = re.findall(r"[\[{]([^\]}]+)[\]}]", usage)
    for word in words:
        assert word == word.upper(), f"argument {word!r} in {usage!r}"


def _examples(text: str) -> list[str]:
    assert "Examples:" in text
    return [line.strip() for line in text.split("Examples:")[-1].splitlines() if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_ends_with_examples(command: str) -> None:
    text = help_of(command)
    examples = _examples(text)
    assert 2 <= len(examples) <= 3, examples
    for example in examples:
        # each example is one whole command to copy: not wrapped onto the next line
        assert example.startswith("runacu "), f"a broken example line in {command} --help: {example!r}"
    assert text.rstrip().endswith(examples[-1])


#: Examples that only read: run them to see they work (shell redirections dropped).
RUNNABLE = {"benefits", "back-pain", "guide", "guides", "search", "schema"}


@pytest.mark.parametrize("command", sorted(RUNNABLE))
def test_the_examples_work(command: str) -> None:
    for example in _examples(help_of(command)):
        words = example.split(">")[0].split()[1:]
        result = run(*words)
        assert result.exit_code == 0, f"{example}: {result.stderr}"


def _first_sentence(description: str) -> str:
    match = re.match(r"(.+?\.)(?:\s|$)", description)
    return match.group(1) if match else description


@pytest.mark.parametrize("columns", ["80", "50"])
def test_root_help_lists_every_command_with_its_whole_first_sentence(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    text = help_of()
    section = text.split("Commands:")[-1]
    assert "..." not in section, "no description is cut off"
    flat = one_line(section)
    for command in COMMANDS:
        own = help_of(command).split("\n\n")[1]  # the description, after the usage line
        sentence = _first_sentence(one_line(own))
        assert f"{command} {sentence}" in flat, f"{command}: {sentence!r} not in {flat!r}"


def test_help_names_the_program_runacu() -> None:
    result = run_process("search", "--help")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Usage: runacu search ")


REQUEST_BY_FAX = (
    "request", "--name", "Jo", "--phone", "661 555 0123", "--email", "jo@example.com",
    "--contact-method", "fax", "--topic", "3", "--message", "Hi",
)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("benefits", "--format", "pdf"), ["rich", "plain", "markdown", "html", "json"]),
        (("--color", "purple", "benefits"), ["auto", "always", "never"]),
        (("--lang", "fr", "benefits"), ["en", "es"]),
        (("contact", "--at", "x"), ["2026-11-23T09:30"]),
        (("contact", "--at", "2026-02-30T10:00"), ["2026-11-23T09:30"]),
        (("validate", "--today", "x"), ["YYYY-MM-DD"]),
        (("schema", "yaml"), ["guide", "clinic"]),
        (REQUEST_BY_FAX, ["phone", "email"]),
    ],
    ids=["format", "color", "lang", "at", "at-no-such-day", "today", "schema", "contact-method"],
)
def test_a_bad_option_value_says_what_is_allowed(args: tuple[str, ...], allowed: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    for value in allowed:
        assert value in result.stderr, f"{value!r} not in {result.stderr!r}"
    assert "Value error" not in result.stderr
    assert "Traceback" not in result.stderr
