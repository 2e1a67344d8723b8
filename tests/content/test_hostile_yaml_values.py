"""Values YAML reads as something else than the text a field expects: one clear data error each (exit 3).

A hex or octal number thousands of digits long, which Python cannot write as text, and a number or
truth value where text is expected, which YAML would turn into other text (`02134` into "2134").
A topic number typed with thousands of digits is an unknown topic, as any other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runacu.content.problems import DataError
from runacu.content.yaml_reader import parse_yaml
from tests.conftest import line_number, run

HUGE = {
    "hex": "0x" + "f" * 5000,
    "octal": "0o" + "7" * 6000,
    "hex just over the limit": "0x" + "f" * 3580,
    "tagged hex": "!!int 0x" + "9" * 4000,
}


@pytest.mark.parametrize("number", HUGE.values(), ids=HUGE.keys())
def test_a_huge_hex_or_octal_number_is_refused_where_it_stands(number: str) -> None:
    with pytest.raises(DataError) as refused:
        parse_yaml(f"title: T\nvalue: {number}\n".encode(), "x.yaml")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (2, 8)
    assert "a number longer than 4,300 digits" in problem.message


def test_the_longest_numbers_python_can_write_are_read() -> None:
    document = parse_yaml(f"a: 0x{'f' * 3571}\nb: {'9' * 4300}\n".encode(), "x.yaml")
    assert len(str(document.data["a"])) == 4300 and len(str(document.data["b"])) == 4300


@pytest.mark.slow
@pytest.mark.parametrize("number", [HUGE["hex"], HUGE["octal"]], ids=["hex", "octal"])
@pytest.mark.parametrize(
    ("file", "key", "command"),
    [
        ("clinic.yaml", "  display: (661) 490-9221", ["contact"]),
        ("benefits.yaml", "    title: Faster recovery", ["benefits"]),
        ("benefits.yaml", "reading_grade", ["benefits"]),
    ],
)
def test_a_huge_number_is_a_data_error_in_validate_and_every_command(
    number: str, file: str, key: str, command: list[str], data_dir: Path
) -> None:
    path = data_dir / file
    text = path.read_text()
    if key == "reading_grade":
        text = text.replace("reviewed:", f"reading_grade: {number}\nreviewed:", 1)
    else:
        text = text.replace(key + "\n", f"{key.split(':')[0]}: {number}\n", 1)
    path.write_text(text)
    line = line_number(text, number)
    for args in (["validate", str(data_dir)], ["--data-dir", str(data_dir), *command]):
        result = run(*args)
        assert result.exit_code == 3, result.stderr
        said = result.stdout + result.stderr
        assert f"{file}:{line}:" in said and "a number longer than 4,300 digits" in said
        assert "internal error" not in said and "Traceback" not in said


TEXT_FIELDS = [
    ("clinic.yaml", '  postal_code: "91355"', "02134", ["contact"]),
    ("clinic.yaml", "  display: (661) 490-9221", "6614909221", ["contact"]),
    ("clinic.yaml", '  e164: "+16614909221"', "+16614909221", ["contact"]),
    ("benefits.yaml", "    title: Faster recovery", "7", ["benefits"]),
    ("benefits.yaml", "    title: Faster recovery", "1.10", ["benefits"]),
    ("benefits.yaml", "    title: Faster recovery", "1e3", ["benefits"]),
    ("benefits.yaml", "    title: Faster recovery", ".inf", ["benefits"]),
    ("benefits.yaml", "    title: Faster recovery", "true", ["benefits"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("file", "key", "value", "command"), TEXT_FIELDS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_number_where_text_is_expected_is_a_data_error_naming_its_line(
    file: str, key: str, value: str, command: list[str], data_dir: Path
) -> None:
    path = data_dir / file
    field = key.split(":")[0]
    text = path.read_text().replace(key + "\n", f"{field}: {value}\n", 1)
    path.write_text(text)
    line = line_number(text, f"{field}: {value}")
    result = run("--data-dir", str(data_dir), *command)
    assert result.exit_code == 3, result.stdout
    [message] = [row for row in result.stderr.splitlines() if f"{file}:{line}:" in row]
    kind = "true or false" if value == "true" else "a number"
    assert f"should be text, not {kind}: put it in quotes" in message
    # Quoted, it is the text as written: the leading zero, the plus sign and the trailing zero kept.
    path.write_text(text.replace(f"{field}: {value}\n", f'{field}: "{value}"\n'))
    quoted = run("--data-dir", str(data_dir), *command, "--json")
    if field in ("title", "postal_code", "display"):
        assert quoted.exit_code == 0, quoted.stderr
        assert f'"{value}"' in quoted.stdout


@pytest.mark.parametrize("number", ["1" * 5000, "0" * 5000 + "2"], ids=["long", "leading zeros"])
def test_a_topic_number_of_thousands_of_digits_is_read_without_an_internal_error(number: str) -> None:
    result = run("benefits", number)
    assert "internal error" not in result.stderr
    if number.endswith("2"):
        assert result.exit_code == 0 and "Injury prevention" in result.stdout
    else:
        assert result.exit_code == 2 and "unknown topic" in result.stderr
