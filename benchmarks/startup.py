"""Start-up benchmark: median wall time of each command, alternated in one run, as a ratio to the floor.

The floor is a minimal Typer app printing one line with Rich (benchmarks/floor_app.py): Typer's own
cost. Beside it: Python's own start-up (`python -c pass`) and a peer, the tldr Python client
rendering a local page (the `benchmark` extra installs it). Machines here are shared and noisy, so
every command is run in turn, round after round, and only ratios of medians from the same run are
compared.

runacu is measured as a user runs it: built into a wheel, installed (`pip install --target`, which
compiles its bytecode), and started by its console script's entry point. Output goes to /dev/null:
not a terminal (except the "rich" rows, which force colour as a terminal would get it). Each runacu
command is measured three ways:
- first run: no stored output (RUNACU_NO_CACHE=1), the parse cache warm, as after any edit elsewhere;
- repeat: the same run again, served from the stored output;
- cold: a fresh, empty cache folder every time, as right after installing.

The whole measurement is repeated (`--repeats`, default 2) and every ratio is given for each repeat:
their spread says how much the machine's load moved the figures.

    python benchmarks/startup.py              # print the tables
    python benchmarks/startup.py --write      # also record them in benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANALYSIS = "## Where the time goes"
EXTRA_TOPICS = 10_000
TOPICS_PER_GUIDE = 500
TLDR_PAGE = """# tar

> Archiving utility.
> More information: <https://www.gnu.org/software/tar>.

- Create an archive from files:

`tar cf {{path/to/target.tar}} {{path/to/file1 path/to/file2 ...}}`

- Extract an archive in the current directory:

`tar xf {{path/to/source.tar}}`
"""
CONTENT_COMMANDS = {
    "benefits": ["benefits"],
    "back-pain": ["back-pain"],
    "guide first-visit": ["guide", "first-visit"],
    "contact": ["contact", "--at", "2026-11-23T10:00"],
    "guides": ["guides"],
    "search blood": ["search", "blood"],
    # A runner's question whose words ("recover", "run") every generated topic holds: the most work for search.
    "search a question": ["search", "can acupuncture help me recover after a run?"],
}
#: The commands measured cold too: as right after installing, they must not be slower than the floor.
COLD = ("benefits", "guides", "search blood")
#: The commands also measured with 10,000 extra topics, and their limit as a ratio to the shipped data.
AT_SCALE = {"benefits": 1.05, "guides": 1.10, "search blood": 1.5, "search a question": 1.5}


#: What the `runacu` console script runs.
ENTRY_POINT = "from runacu.launch import main; main()"


def install_wheel(scratch: Path, revision: str | None = None) -> Path:
    """runacu built into a wheel and installed under `scratch` (its dependencies are this environment's).

    With `revision`, runacu as it was at that git revision (exported with `git archive`): a baseline.
    """
    repo, dist, site = HERE.parent, scratch / "dist", scratch / "site"
    if revision is not None:
        source = scratch / "source"
        source.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", revision], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
        repo = source
    pip = [sys.executable, "-m", "pip", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(repo)], check=True)
    subprocess.run([*pip, "install", "--no-deps", "--target", str(site), *map(str, dist.glob("*.whl"))], check=True)
    return site


def generate_data(directory: Path) -> None:
    """EXTRA_TOPICS generated topics in extra guide files: a large clinic's data folder."""
    for guide in range(EXTRA_TOPICS // TOPICS_PER_GUIDE):
        lines = [f"title: Generated guide {guide}", "intro: Generated for the benchmark.",
                 "disclaimer: Not medical advice.", "reviewed: 2026-11-23", "next_review: 2027-11-23",
                 "topics:"]  # fmt: skip
        for topic in range(TOPICS_PER_GUIDE):
            lines += [
                f"  - slug: topic-{topic}",
                f"    title: Generated topic {guide}-{topic}",
                "    summary: A generated summary about running and recovery.",
                "    evidence: {kind: practice, note: Generated for the benchmark.}",
                "    explanation: >-",
                "      " + "Generated text about training, stretching and rest for runners. " * 4,
                "    tips: [Rest well., Stretch after easy runs.]",
            ]
        (directory / f"generated-{guide}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass
class Case:
    command: list[str]
    environment: dict[str, str]
    #: Runs before each timed run (a fresh cache folder for the cold figures), untimed.
    prepare: Callable[[], None] | None = None


def measure(cases: dict[str, Case], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    for case in cases.values():  # warm the file cache and the stores once
        for _ in range(2):
            subprocess.run(case.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=case.environment)
    for _ in range(rounds):
        for name, case in cases.items():
            if case.prepare is not None:
                case.prepare()
            started = time.perf_counter()
            subprocess.run(case.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=case.environment)
            times[name].append(time.perf_counter() - started)
    return times


def build_cases(scratch: Path, baseline: str | None = None) -> dict[str, Case]:
    runacu = [sys.executable, "-c", ENTRY_POINT]
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPATH"] = str(install_wheel(scratch))
    base = {**environment, "NO_COLOR": "1", "RUNACU_CACHE_DIR": str(scratch / "cache")}
    first = {**base, "RUNACU_NO_CACHE": "1"}
    rich = {**first, "FORCE_COLOR": "1"}
    cold_dir = scratch / "cold-cache"
    cold = {**first, "RUNACU_CACHE_DIR": str(cold_dir)}

    def empty_cold_cache() -> None:
        shutil.rmtree(cold_dir, ignore_errors=True)

    generated = scratch / "generated"
    generated.mkdir()
    generate_data(generated)
    (scratch / "tar.md").write_text(TLDR_PAGE, encoding="utf-8")
    tldr = shutil.which("tldr", path=str(Path(sys.executable).parent)) or shutil.which("tldr")
    cases = {
        "python -c pass": Case([sys.executable, "-c", "pass"], base),
        "floor (Typer + Rich, one line)": Case([sys.executable, str(HERE / "floor_app.py")], base),
    }
    if tldr:
        cases["tldr client, local page"] = Case([tldr, "--render", str(scratch / "tar.md")], base)
    cases["runacu --version"] = Case([*runacu, "--version"], first)
    cases["runacu --help"] = Case([*runacu, "--help"], first)
    for name, args in CONTENT_COMMANDS.items():
        cases[f"runacu {name}: first run"] = Case([*runacu, *args], first)
        cases[f"runacu {name}: first run, rich"] = Case([*runacu, *args, "--format", "rich"], rich)
        cases[f"runacu {name}: repeat"] = Case([*runacu, *args], base)
    cases[f"runacu {COLD[0]}: cold"] = Case([*runacu, *CONTENT_COMMANDS[COLD[0]]], cold, empty_cold_cache)
    big = ["--data-dir", str(generated)]
    for name in AT_SCALE:
        args = CONTENT_COMMANDS[name]
        cases[f"runacu {name}: first run, 10,000 extra topics"] = Case([*runacu, *big, *args], first)
        cases[f"runacu {name}: cold, 10,000 extra topics"] = Case([*runacu, *big, *args], cold, empty_cold_cache)
    for name in COLD[1:]:
        cases[f"runacu {name}: cold"] = Case([*runacu, *CONTENT_COMMANDS[name]], cold, empty_cold_cache)
    if baseline is not None:  # the same cases of an earlier runacu, alternated with these
        old_site = install_wheel(scratch / "baseline", baseline)
        old_cold_dir = scratch / "baseline-cold"

        def empty_old_cold_cache() -> None:
            shutil.rmtree(old_cold_dir, ignore_errors=True)

        def old(environment: dict[str, str], **extra: str) -> dict[str, str]:
            return {**environment, "PYTHONPATH": str(old_site), **extra}

        old_cache = str(scratch / "baseline-cache")
        for name in ("benefits", "search blood"):
            args = CONTENT_COMMANDS[name]
            label = f"{baseline} {name}"
            cases[f"{label}: first run"] = Case([*runacu, *args], old(first, RUNACU_CACHE_DIR=old_cache))
            cases[f"{label}: repeat"] = Case([*runacu, *args], old(base, RUNACU_CACHE_DIR=old_cache))
            cases[f"{label}: cold"] = Case(
                [*runacu, *args], old(cold, RUNACU_CACHE_DIR=str(old_cold_dir)), empty_old_cold_cache
            )
    return cases


def verdict(measured: float, limit: float) -> str:
    return "met" if measured <= limit else "MISSED"


def targets(medians: dict[str, float]) -> list[tuple[str, float, float, str]]:
    """Each target: what is measured, its ratio, its limit, and what the ratio is to."""
    floor, python = medians["floor (Typer + Rich, one line)"], medians["python -c pass"]
    checks = [
        (f"runacu {name}: first run, not a terminal", medians[f"runacu {name}: first run"] / floor, 0.90, "floor")
        for name in CONTENT_COMMANDS
    ]
    checks += [
        (f"runacu {name}: first run, rich", medians[f"runacu {name}: first run, rich"] / floor, 1.05, "floor")
        for name in CONTENT_COMMANDS
    ]
    checks += [(f"runacu {flag}", medians[f"runacu {flag}"] / floor, 0.5, "floor") for flag in ("--version", "--help")]
    checks += [
        (f"runacu {name}: repeat", medians[f"runacu {name}: repeat"] / python, 2.0, "python -c pass")
        for name in CONTENT_COMMANDS
    ]
    checks += [(f"runacu {name}: cold", medians[f"runacu {name}: cold"] / floor, 1.0, "floor") for name in COLD]
    for name, limit in AT_SCALE.items():
        big = medians[f"runacu {name}: first run, 10,000 extra topics"]
        checks.append(
            (f"{name} with 10,000 extra topics", big / medians[f"runacu {name}: first run"], limit, "shipped data")
        )
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15, help="runs of each command per repeat (default 15)")
    parser.add_argument("--repeats", type=int, default=2, help="times the whole measurement is made (default 2)")
    parser.add_argument("--write", action="store_true", help="record the results in benchmarks/RESULTS.md")
    parser.add_argument("--baseline", metavar="REV", help="also measure runacu as it was at this git revision")
    args = parser.parse_args()

    repeats: list[dict[str, list[float]]] = []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory() as scratch:
            repeats.append(measure(build_cases(Path(scratch), args.baseline), args.rounds))
    medians = [{name: statistics.median(times) for name, times in run.items()} for run in repeats]

    def spread(name: str) -> str:
        every = sorted(time for run in repeats for time in run[name])
        low, high = every[len(every) // 4], every[(3 * len(every)) // 4]
        return f"{low * 1000:.0f}-{high * 1000:.0f} ms"

    rows = []
    for name in medians[0]:
        ratios = [run[name] / run["floor (Typer + Rich, one line)"] for run in medians]
        per_python = [run[name] / run["python -c pass"] for run in medians]
        rows.append(
            f"| {name} | {' / '.join(f'{run[name] * 1000:.1f}' for run in medians)} ms | {spread(name)} "
            f"| {' / '.join(f'{ratio:.2f}x' for ratio in ratios)} | {' / '.join(f'{ratio:.1f}x' for ratio in per_python)} |"
        )
    checked = [targets(run) for run in medians]
    table = []
    for index, (label, _, limit, against) in enumerate(checked[0]):
        ratios = [run[index][1] for run in checked]
        met = all(ratio <= limit for ratio in ratios)
        shown = " / ".join(f"{ratio:.2f}x" for ratio in ratios)
        table.append(f"| {label} | {shown} | {limit:.2f}x of {against} | {'met' if met else 'MISSED'} |")
    report = "\n".join(
        [
            f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {platform.platform()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs. {args.repeats} repeats of {args.rounds} alternated runs each; each figure is "
            "a median, one per repeat (repeat 1 / repeat 2 ...). Output to /dev/null: not a terminal.",
            "",
            "| command | median | middle half of all runs | vs floor | vs python -c pass |",
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
            "| target | measured (per repeat) | limit | |",
            "| --- | --- | --- | --- |",
            *table,
        ]
    )
    print(report)
    if args.write:
        results = HERE / "RESULTS.md"
        header = "# Start-up benchmark results\n\nMade by `python benchmarks/startup.py --write`; see that script for the method.\n"
        # The analysis written by hand below the numbers is kept.
        kept = results.read_text(encoding="utf-8").partition(ANALYSIS)[2] if results.exists() else ""
        analysis = f"\n{ANALYSIS}{kept}" if kept else ""
        results.write_text(f"{header}\n{report}\n{analysis}", encoding="utf-8")
        print(f"\nwrote {results.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
