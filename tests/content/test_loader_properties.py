"""Property tests: whatever the data, the loader gives a model or a DataError."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from runacu.content.library import parse_model
from runacu.content.models import Clinic, GuideFile
from runacu.content.problems import DataError
from runacu.content.yaml_reader import parse_yaml

#: 50 examples each (the same on every run) find every crash planted to try them, in the reader or in the model's
#: errors: at a byte that is not UTF-8, a character YAML forbids, a YAML error with no context mark, a whole file
#: that is one folded text, an error about a null value, an empty key. 100 found no more.
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)


structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=25,
)


KEYS = [
    "title",
    "intro",
    "disclaimer",
    "topics",
    "slug",
    "summary",
    "explanation",
    "tips",
    "sources",
    "citation",
    "doi",
    "note",
]


def load(raw: bytes, model: type[Any]) -> None:
    """Either a valid model or the project's DataError: anything else fails the test."""
    try:
        parse_model(parse_yaml(raw, "f.yaml"), model, "f.yaml")
    except DataError as error:
        assert error.problems
        assert all(problem.file == "f.yaml" for problem in error.problems)


@pytest.mark.slow
@SETTINGS
@given(st.text(max_size=400))
def test_any_text_loads_or_is_a_data_error(text: str) -> None:
    load(text.encode("utf-8"), GuideFile)


@pytest.mark.slow
@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_load_or_are_a_data_error(raw: bytes) -> None:
    load(raw, Clinic)


yaml_tokens = st.sampled_from(["&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "!!str ", "!!python/name:os ",
                               "'", '"', "? ", "---\n", "<<: *a\n", "title", "topics", "\\e", "#", ",", "|\n", ">\n"])  # fmt: skip


@pytest.mark.slow
@SETTINGS
@given(st.lists(yaml_tokens | st.text(max_size=5), max_size=60).map("".join))
@example(">\n\n  &a ")  # a whole file that is one folded text once crashed the loader
def test_yaml_like_noise_loads_or_is_a_data_error(text: str) -> None:
    load(text.encode("utf-8"), GuideFile)


@pytest.mark.slow
@SETTINGS
@given(structures | st.dictionaries(st.sampled_from(KEYS), structures, max_size=6))
def test_any_structure_loads_or_is_a_data_error(data: object) -> None:
    load(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), GuideFile)


text = st.text(min_size=1, max_size=80)
