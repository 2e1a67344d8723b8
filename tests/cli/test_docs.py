"""The README and docs/: the set-up commands CI runs, every exit code, and links that lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from runacu.exit_status import ExitStatus
from tests.conftest import REPO

README = REPO / "README.md"
PAGES = [README, *sorted((REPO / "docs").glob("*.md"))]


def without_code(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)


def anchor(heading: str) -> str:
    """The anchor a heading gets, as GitHub makes it: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_readme_has_the_set_up_commands_ci_runs() -> None:
    readme = README.read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    install_and_run = "python3 -m venv .venv && .venv/bin/python -m pip install . && .venv/bin/runacu benefits"
    test = 'python3 -m venv .venv && .venv/bin/python -m pip install -e ".[test]" && .venv/bin/python -m pytest'
    assert f"\n{install_and_run}\n" in readme
    assert f"\n{test}\n" in readme
    assert '\n.venv/bin/python -m pip install --quiet -e ".[test]"\n' in ci
    assert "\n.venv/bin/python -m pytest\n" in ci
    # Before any example, the README says how `runacu` gets on the PATH.
    assert readme.index("source .venv/bin/activate") < readme.index("## Commands")
    assert "pipx install ." in readme and "uv tool install ." in readme


def test_the_readme_lists_every_exit_code() -> None:
    rows = re.findall(r"^\| (\d+) \| ", README.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert [int(code) for code in rows] == sorted(status.value for status in ExitStatus)


def test_every_link_between_the_pages_leads_somewhere() -> None:
    broken = []
    for page in PAGES:
        for link in re.findall(r"\]\(([^)\s]+)\)", without_code(page.read_text(encoding="utf-8"))):
            if re.match(r"[a-z]+:", link):
                continue
            path, _, fragment = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            if not target.exists():
                broken.append(f"{page.name}: {link}")
            elif fragment and target.suffix == ".md":
                headings = re.findall(r"^#+ (.*)$", without_code(target.read_text(encoding="utf-8")), re.MULTILINE)
                if fragment not in {anchor(heading) for heading in headings}:
                    broken.append(f"{page.name}: {link}")
    assert broken == []


def test_the_readme_leads_to_every_page_of_docs() -> None:
    linked = {
        (README.parent / link).resolve()
        for link in re.findall(r"\]\((docs/[^)#]+\.md)", README.read_text(encoding="utf-8"))
    }
    assert linked == {Path(page).resolve() for page in PAGES[1:]}
