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
from runacu.content.data_files import ENGLISH, TRANSLATIONS
from runacu.content.shipped import FORMAT, KIND, digest


def build(data_dir: Path) -> bytes:
    """Every data file under `data_dir` that validates, parsed and validated, sealed: what a wheel ships."""
    from runacu.content import trusted
    from runacu.content.library import Library
    from runacu.content.model_errors import parse_model
    from runacu.content.models import Clinic, EverydayWords, GuideFile, json_data
    from runacu.content.problems import DataError
    from runacu.content.yaml_reader import parse_yaml

    entries: dict[str, tuple[Any, ...]] = {}
    for data_file in Library(builtin_dir=data_dir).files():
        path = Path(str(data_file.location))
        raw = path.read_bytes()
        model = GuideFile if data_file.is_guide else Clinic if data_file.is_clinic else EverydayWords
        try:
            document = parse_yaml(raw, str(path))
            validated = (trusted.tag(model), json_data(parse_model(document, model, str(path))))
        except DataError:  # left out: a run reports its problems as usual
            continue
        folded = sorted(document.folded, key=repr)
        name = path.relative_to(data_dir).as_posix()
        entries[name] = (digest(raw), document.data, document.marks, folded, validated, {})
    for name, kind, tag, value in _derived(data_dir):
        if name in entries:
            entries[name][5][f"{kind}|{tag}"] = value
    return sealed.seal(KIND, marshal.dumps((FORMAT, entries)))


def _derived(data_dir: Path) -> list[tuple[str, str, str, Any]]:
    """What runacu works out from each guide file as it runs (its summary, its search index), as a run
    would keep it in the parse cache: each built-in file's name, the kind, the tag and the value."""
    import os
    import tempfile

    from runacu.cache import parsed
    from runacu.content.library import Library
    from runacu.content.search import search_library

    found = []
    saved = os.environ.get("RUNACU_CACHE_DIR")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["RUNACU_CACHE_DIR"] = cache
        try:
            for language in (ENGLISH, *TRANSLATIONS):
                library = Library(builtin_dir=data_dir, language=language)
                library.summaries()
                search_library(library, ["acupuncture"], language)
            for entry in Path(parsed.folder()).iterdir():
                kept = parsed.read(str(entry))
                if entry.suffix == ".marshal" or type(kept) is not tuple or len(kept) != 5:
                    continue  # a parse, or a memo: not derived from one file
                _, path, _, tag, value = kept
                found.append((Path(path).relative_to(data_dir).as_posix(), entry.suffix[1:], tag, value))
        finally:
            if saved is None:
                del os.environ["RUNACU_CACHE_DIR"]
            else:
                os.environ["RUNACU_CACHE_DIR"] = saved
    return found


def main() -> None:
    data_dir, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.write_bytes(build(data_dir))


if __name__ == "__main__":
    main()
