"""Start-up benchmark: median wall time of each command, alternated in one run, as a ratio to the floor.

The floor is a minimal Typer app printing one line with Rich (benchmarks/floor_app.py): Typer's own
cost, which runacu cannot go below. Machines here are shared and noisy, so every command is run in
turn, round after round, and only ratios of medians from the same run are compared.

    python benchmarks/startup.py              # print the table
    python benchmarks/startup.py --write      # also record it in benchmarks/RESULTS.md
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
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANALYSIS = "## Where the time goes"
EXTRA_TOPICS = 1000
TOPICS_PER_GUIDE = 100


def runacu_command() -> list[str]:
    script = Path(sys.executable).with_name("runacu")
    return [str(script)] if script.exists() else [sys.executable, "-m", "runacu"]


def generate_data(directory: Path) -> None:
    """EXTRA_TOPICS generated topics in extra guide files: a large clinic's data directory."""
    for guide in range(EXTRA_TOPICS // TOPICS_PER_GUIDE):
        lines = [f"title: Generated guide {guide}", "intro: Generated for the benchmark.",
                 "disclaimer: Not medical advice.", "topics:"]  # fmt: skip
        for topic in range(TOPICS_PER_GUIDE):
            lines += [
                f"  - slug: topic-{topic}",
                f"    title: Generated topic {guide}-{topic}",
                "    summary: A generated summary about running and recovery.",
                "    explanation: >-",
                "      " + "Generated text about training, stretching and rest for runners. " * 4,
                "    tips: [Rest well., Stretch after easy runs.]",
            ]
        (directory / f"generated-{guide}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(commands: dict[str, list[str]], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    environment = {**os.environ, "NO_COLOR": "1"}
    for command in commands.values():  # warm the file cache once
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment, check=False)
    for _ in range(rounds):
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment, check=True)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=21, help="runs of each command (default 21)")
    parser.add_argument("--write", action="store_true", help="record the results in benchmarks/RESULTS.md")
    args = parser.parse_args()

    runacu = runacu_command()
    with tempfile.TemporaryDirectory() as scratch:
        generated = Path(scratch)
        generate_data(generated)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "floor (Typer + Rich, one line)": [sys.executable, str(HERE / "floor_app.py")],
            "runacu --version": [*runacu, "--version"],
            "runacu benefits": [*runacu, "benefits"],
            "runacu back-pain": [*runacu, "back-pain"],
            "runacu contact": [*runacu, "contact"],
            "runacu search blood": [*runacu, "search", "blood"],
            "runacu benefits (1,000 extra topics)": [*runacu, "--data-dir", str(generated), "benefits"],
            "runacu search blood (1,000 extra topics)": [*runacu, "--data-dir", str(generated), "search", "blood"],
        }
        medians = measure(commands, args.rounds)

    floor = medians["floor (Typer + Rich, one line)"]
    rows = [f"| {name} | {seconds * 1000:.1f} ms | {seconds / floor:.2f}x |" for name, seconds in medians.items()]
    scale = [
        ("benefits with 1,000 extra topics vs shipped data", "runacu benefits (1,000 extra topics)", "runacu benefits", 1.05),
        ("search with 1,000 extra topics vs shipped data", "runacu search blood (1,000 extra topics)", "runacu search blood", 1.5),
    ]  # fmt: skip
    checks = [
        f"| {name} | {medians[name] / floor:.2f}x | 1.10x | {'met' if medians[name] / floor <= 1.10 else 'MISSED'} |"
        for name in commands
        if name.startswith("runacu") and "extra" not in name
    ]
    checks += [
        f"| {label} | {medians[big] / medians[small]:.2f}x | {target:.2f}x | "
        f"{'met' if medians[big] / medians[small] <= target else 'MISSED'} |"
        for label, big, small, target in scale
    ]
    report = "\n".join(
        [
            f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {platform.platform()}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs; median of {args.rounds} alternated runs, output to a pipe.",
            "",
            "| command | median | vs floor |",
            "| --- | --- | --- |",
            *rows,
            "",
            "| target | measured | limit | |",
            "| --- | --- | --- | --- |",
            *checks,
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
    if shutil.which("runacu") is None and not Path(sys.executable).with_name("runacu").exists():
        sys.exit("install runacu first: python -m pip install -e .")
    main()
