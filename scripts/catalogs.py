"""Keep the translation catalogs up to date, as translators expect: extract, update, compile.

    python scripts/catalogs.py            # all three, in that order
    python scripts/catalogs.py extract    # the strings marked in the code -> src/runacu/locale/runacu.pot
    python scripts/catalogs.py update     # merge the template into each locale/<lang>/LC_MESSAGES/runacu.po
    python scripts/catalogs.py compile    # each .po -> the .mo runacu reads (the build does this too)

The template holds runacu's own strings (marked with `say`, `say_in`, `say_count` and `N_`, see
src/runacu/words.py) and the strings Click and Typer print (usage lines, section titles, usage
errors), which they mark for gettext themselves: one catalog per language carries all of them.
After `update`, new and changed entries are empty or fuzzy in each `.po`: translate them (any PO
editor works), remove the fuzzy flag, and run `compile`. The tests fail until every entry is
translated and no placeholder differs from the English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "runacu"
LOCALE = SOURCE / "locale"
TEMPLATE = LOCALE / "runacu.pot"
#: runacu's markers (src/runacu/words.py) beside gettext's own names.
KEYWORDS = {**DEFAULT_KEYWORDS, "say": None, "say_in": ((1, "c"), 2), "say_count": (1, 2), "N_": None}
#: What each catalog's header says (Babel's defaults are placeholders such as "FULL NAME <EMAIL@ADDRESS>").
HEADER = {
    "project": "runacu",
    "domain": "runacu",
    "header_comment": "# Translations of runacu, the runners' guide of Valencia Sports Medicine.\n"
    "# Edit with any PO editor; then run `python scripts/catalogs.py compile`.",
    "copyright_holder": "Valencia Sports Medicine",
    "msgid_bugs_address": "",
    "last_translator": "runacu maintainers",
    "language_team": "runacu maintainers",
}
#: The libraries whose own strings runacu's screens show, marked by them for gettext.
LIBRARIES = ("click", "typer")


def _extract_into(catalog: Catalog, folder: Path, prefix: str, keywords: dict[str, object]) -> None:
    for filename, lineno, message, comments, context in extract_from_dir(
        folder, [("**.py", "python")], keywords=keywords, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(f"{prefix}/{filename}", lineno)], auto_comments=comments, context=context)


def template(libraries: tuple[str, ...] = LIBRARIES) -> Catalog:
    """Every string marked in runacu, then those of `libraries` (Click's and Typer's)."""
    import importlib

    catalog = Catalog(**HEADER, fuzzy=False, charset="utf-8")
    _extract_into(catalog, SOURCE, "runacu", KEYWORDS)
    for name in libraries:
        module = importlib.import_module(name)
        assert module.__file__ is not None
        _extract_into(catalog, Path(module.__file__).parent, name, dict(DEFAULT_KEYWORDS))
    return catalog


def extract() -> Catalog:
    """Write the template (`runacu.pot`) that `update` merges into each language's catalog."""
    catalog = template()
    with TEMPLATE.open("wb") as out:
        write_po(out, catalog, width=100, include_lineno=False, sort_output=False)
    return catalog


def update(template: Catalog) -> None:
    """Merge the template into each language's catalog, keeping every translation it already has."""
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/runacu.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parents[1].name, domain="runacu")
        catalog.update(template, update_header_comment=False)
        with po_path.open("wb") as out:
            write_po(out, catalog, width=100, include_lineno=False, ignore_obsolete=True)


def compile_all() -> None:
    sys.path.insert(0, str(ROOT))
    from hatch_build import compile_catalogs

    for written in compile_catalogs(LOCALE, LOCALE):
        print(f"compiled {written.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    steps = argv or ["extract", "update", "compile"]
    unknown = [step for step in steps if step not in ("extract", "update", "compile")]
    if unknown:
        print(__doc__, file=sys.stderr)
        return 2
    template = None
    if "extract" in steps or "update" in steps:
        if "extract" in steps:
            template = extract()
        else:
            with TEMPLATE.open("rb") as pot:
                template = read_po(pot)
        print(f"{len(template)} strings in {TEMPLATE.relative_to(ROOT)}")
    if "update" in steps:
        assert template is not None
        update(template)
    if "compile" in steps:
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
