"""The wheel's build hook: ship the compiled translation catalogs, and the built-in data parsed and validated.

- The catalogs (`src/runacu/locale/<lang>/LC_MESSAGES/runacu.po`) are compiled to the `.mo` files
  that `runacu.words` reads with the standard library's gettext. An editable install gets them
  compiled in place, beside their `.po` (git ignores them); `python scripts/catalogs.py` compiles
  them again after an edit.
- The built-in data's validated copy (see src/runacu/content/shipped.py): a fresh install then
  reads its first page without importing the YAML parser or pydantic. The copy is made by runacu's
  own loader, run from the source tree with the project's runtime dependencies
  (`require-runtime-dependencies` in pyproject.toml): the same models that will read it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: Where the catalogs are, in the source tree and (below `runacu/`) in the installed package.
LOCALE = Path("src/runacu/locale")
CATALOG = Path("LC_MESSAGES/runacu")


def compile_catalogs(locale_dir: Path, out_dir: Path) -> list[Path]:
    """Compile each language's `.po` under `locale_dir` to a `.mo` under `out_dir`; the paths written.

    Untranslated and fuzzy entries are left out, so gettext says them in English.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(locale_dir.glob(f"*/{CATALOG}.po")):
        language = po_path.parents[1].name
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=language, domain="runacu")
        mo_path = out_dir / language / CATALOG.with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        written.append(mo_path)
    return written


#: Runs runacu.content.build_shipped from the source tree given as the first argument.
_RUN_FROM_SOURCE = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
    "runpy.run_module('runacu.content.build_shipped', run_name='__main__', alter_sys=True)"
)


class ShippedDataHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":  # reads the source tree, and caches its data as it goes
            compile_catalogs(root / LOCALE, root / LOCALE)
            return
        work = Path(tempfile.mkdtemp(prefix="runacu-build-"))
        for mo_path in compile_catalogs(root / LOCALE, work / "locale"):
            build_data["force_include"][str(mo_path)] = f"runacu/{mo_path.relative_to(work).as_posix()}"
        output = work / "validated.marshal"
        # The source tree goes first on sys.path, set by the child itself: pip's isolated build reaches its
        # packages through PYTHONPATH and a sitecustomize that rebuilds sys.path, so PYTHONPATH is left as it is.
        environment = {**os.environ, "RUNACU_NO_CACHE": "1"}
        command = [sys.executable, "-c", _RUN_FROM_SOURCE, str(root / "src"), str(root / "data"), str(output)]
        subprocess.run(command, check=True, env=environment, cwd=root)
        build_data["force_include"][str(output)] = "runacu/data/validated.marshal"
