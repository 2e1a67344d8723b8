"""Make the shipped copy of the built-in data (`content/shipped.py`): what the wheel's build runs.

`python -m runacu.content.build_shipped DATA_DIR OUTPUT` parses and validates every data file under
DATA_DIR with runacu's own loader and models, and writes the sealed copy to OUTPUT.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from runacu.cache import sealed
from runacu.content.shipped import FORMAT, KIND, digest


def build(data_dir: Path) -> bytes:
    """Every data file under `data_dir` that validates, parsed and validated, sealed: what a wheel ships."""
    from runacu.content import trusted
    from runacu.content.library import Library, parse_model
    from runacu.content.models import Clinic, EverydayWords, GuideFile, json_data
    from runacu.content.problems import DataError
    from runacu.content.yaml_reader import parse_yaml
    from runacu.words import for_language

    words = for_language("en")
    entries: dict[str, tuple[Any, ...]] = {}
    for data_file in Library(builtin_dir=data_dir).files():
        path = Path(str(data_file.location))
        raw = path.read_bytes()
        model = GuideFile if data_file.is_guide else Clinic if data_file.is_clinic else EverydayWords
        try:
            document = parse_yaml(raw, str(path))
            validated = (trusted.tag(model), json_data(parse_model(document, model, str(path), words)))
        except DataError:  # left out: a run reports its problems as usual
            continue
        folded = sorted(document.folded, key=repr)
        name = path.relative_to(data_dir).as_posix()
        entries[name] = (digest(raw), document.data, document.marks, folded, validated)
    return sealed.seal(KIND, marshal.dumps((FORMAT, entries)))


def main() -> None:
    data_dir, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.write_bytes(build(data_dir))


if __name__ == "__main__":
    main()
