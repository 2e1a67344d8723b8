"""Finds the data files (built-in, optionally layered under a custom directory) and loads them into models."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from runacu.errors import DataError, Problem, UnknownNameError, UsageError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from runacu.content.document import YamlDocument
    from runacu.content.models import Clinic, Guide

    ModelT = TypeVar("ModelT", bound=BaseModel)

CLINIC_FILE = "clinic.yaml"
#: The built-in guides, in the order they are listed.
BUILTIN_GUIDES = ("benefits", "back-pain")
SUFFIX = ".yaml"
BAD_FILE_NAME = "a guide's file name is its slug: use lower-case letters, digits and hyphens"


def builtin_data_dir() -> Traversable:
    """The YAML shipped with runacu.

    A wheel carries it as `runacu/data`. An editable install or a source checkout
    imports runacu from `src/`, where the data is the repository's top-level `data/`.
    """
    packaged = files("runacu") / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True)
class DataFile:
    """One data file: what it holds (a guide's slug, or the clinic) and where it is."""

    name: str
    location: Traversable

    @property
    def is_clinic(self) -> bool:
        return self.name == CLINIC_FILE

    @property
    def slug(self) -> str:
        return self.name.removesuffix(SUFFIX)

    def __str__(self) -> str:
        return str(self.location)


class Library:
    """The active content: the built-in data with an optional directory layered over it.

    A file in the custom directory with a built-in name replaces the built-in file; any
    other `*.yaml` file there is an extra guide. Only the files a command needs are read.
    """

    def __init__(self, custom_dir: Path | None = None, builtin_dir: Traversable | None = None) -> None:
        self.builtin_dir = builtin_dir if builtin_dir is not None else builtin_data_dir()
        self.custom_dir = custom_dir
        if custom_dir is not None:
            if not custom_dir.exists():
                raise UsageError(f"data directory '{custom_dir}' does not exist")
            if not custom_dir.is_dir():
                raise UsageError(f"data directory '{custom_dir}' is not a directory")
            try:
                next(custom_dir.iterdir(), None)
            except OSError as error:
                raise UsageError(f"cannot read data directory '{custom_dir}': {error.strerror}") from None

    def _file(self, name: str) -> DataFile | None:
        if self.custom_dir is not None and (self.custom_dir / name).is_file():
            return DataFile(name, self.custom_dir / name)
        builtin = self.builtin_dir / name
        return DataFile(name, builtin) if builtin.is_file() else None

    def files(self) -> list[DataFile]:
        """Every active data file: the clinic, the built-in guides, then extra guides by name."""
        names = {entry.name for entry in self.builtin_dir.iterdir() if entry.name.endswith(SUFFIX)}
        if self.custom_dir is not None:
            names |= {path.name for path in self.custom_dir.glob(f"*{SUFFIX}") if path.is_file()}
        order = [CLINIC_FILE, *(slug + SUFFIX for slug in BUILTIN_GUIDES)]
        ordered = [name for name in order if name in names] + sorted(names - set(order))
        return [found for name in ordered if (found := self._file(name)) is not None]

    def guide_slugs(self) -> list[str]:
        return [data_file.slug for data_file in self.files() if not data_file.is_clinic]

    def load_guide(self, slug: str) -> Guide:
        from runacu.content.models import Guide, GuideFile, is_slug

        data_file = self._file(slug + SUFFIX) if slug + SUFFIX != CLINIC_FILE else None
        if data_file is None:
            raise UnknownNameError("guide", slug, self.guide_slugs())
        if not is_slug(slug):
            raise DataError([Problem(str(data_file), BAD_FILE_NAME)])
        content = load_model(data_file, GuideFile)
        return Guide.model_construct(slug=data_file.slug, **dict(content))

    def load_guides(self) -> list[Guide]:
        return [self.load_guide(slug) for slug in self.guide_slugs()]

    def load_clinic(self) -> Clinic:
        from runacu.content.models import Clinic

        data_file = self._file(CLINIC_FILE)
        if data_file is None:
            raise DataError([Problem(CLINIC_FILE, "no clinic file found in the data")])
        return load_model(data_file, Clinic)

    def check(self) -> list[Problem]:
        """Every problem in every active data file (empty when all is valid)."""
        from runacu.content.models import Clinic, GuideFile, is_slug

        problems: list[Problem] = []
        for data_file in self.files():
            if not data_file.is_clinic and not is_slug(data_file.slug):
                problems.append(Problem(str(data_file), BAD_FILE_NAME))
            try:
                load_model(data_file, Clinic if data_file.is_clinic else GuideFile)
            except DataError as error:
                problems.extend(error.problems)
        return problems


def read_document(data_file: DataFile) -> YamlDocument:
    """A file's parsed data: from the parse cache when the file is unchanged, else from the YAML parser."""
    from runacu.content import parse_cache

    path = data_file.location if isinstance(data_file.location, Path) else None
    stamp = parse_cache.stamp_of(path) if path is not None else None
    if path is not None and stamp is not None and (cached := parse_cache.load(path, stamp)) is not None:
        return cached
    document = _parse_file(data_file)
    if path is not None and stamp is not None:
        parse_cache.store(path, stamp, document)
    return document


def _parse_file(data_file: DataFile) -> YamlDocument:
    from runacu.content.yaml_reader import MAX_FILE_BYTES, parse_yaml

    try:
        with data_file.location.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise DataError([Problem(str(data_file), f"cannot read the file: {error.strerror or error}")]) from None
    return parse_yaml(raw, str(data_file))


def load_model(data_file: DataFile, model: type[ModelT]) -> ModelT:
    """Read and validate one file; raise DataError with every problem located in the file."""
    return parse_model(read_document(data_file), model, str(data_file))


def parse_model(document: YamlDocument, model: type[ModelT], file: str) -> ModelT:
    from pydantic import ValidationError

    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise DataError(_problems(error, document, file)) from None


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('topics', 2, 'title')` -> `topics[2].title`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _problems(error: ValidationError, document: YamlDocument, file: str) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        message = _message(detail)
        cause = detail.get("ctx", {}).get("error")
        loc = (*loc, *getattr(cause, "at", ()))
        line_column = document.locate(loc)
        line, column = line_column if line_column else (None, None)
        owner = loc[:-1] if detail["type"] == "missing" else loc  # the key is absent: name where it belongs
        problems.append(Problem(file, message, line, column, field_path(owner) or None))
    return problems


def _message(detail: Any) -> str:
    kind, loc = detail["type"], detail["loc"]
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'"
    if kind == "value_error":
        return str(detail["ctx"]["error"])
    message: str = detail["msg"]
    if kind.endswith("_type") and not isinstance(detail["input"], (dict, list)):
        message += f", not {detail['input']!r}"
    return message
