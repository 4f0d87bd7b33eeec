"""How long each printable export takes, as a fresh `python -m avlastning_cli` process.

- md, txt and html against the typer floor (a minimal typer app running one subcommand with
  one option; it imports pydantic through typer), target at most 1.25x;
- pdf against `python -c "import fpdf"` (what any fpdf2 document costs), target at most 1.3x.
Whole processes, alternating, medians (see timing.py); a temporary cache folder is used.
Run: python benchmarks/exports.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import TYPER_FLOOR, Case, Timing, avlastning, measure, process, report, write_script

FLOOR = "typer floor"
FPDF = "import fpdf"
EXPORTS: list[tuple[str, list[str], str]] = [
    ("checklist md", ["checklist", "-f", "md"], FLOOR),
    ("checklist txt", ["checklist", "-f", "txt"], FLOOR),
    ("checklist html", ["checklist", "-f", "html", "-o", "{out}.html"], FLOOR),
    ("card md", ["card", "-f", "md"], FLOOR),
    ("card html", ["card", "-f", "html", "-o", "{out}.html"], FLOOR),
    ("checklist pdf", ["checklist", "-f", "pdf", "-o", "{out}.pdf"], FPDF),
    ("checklist --full pdf", ["checklist", "--full", "-f", "pdf", "-o", "{out}.pdf"], FPDF),
    ("card pdf", ["card", "-f", "pdf", "-o", "{out}.pdf"], FPDF),
]
TARGETS = {FLOOR: 1.25, FPDF: 1.3}


def export(args: list[str], folder: Path, env: dict[str, str]) -> Callable[[], Timing]:
    def run() -> Timing:
        out = str(folder / f"run{time.monotonic_ns()}")  # a new file each time: never refused
        return process(avlastning(*(a.format(out=out) for a in args)), env)()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = dict(os.environ, AVLASTNING_CACHE_DIR=str(tmp / "cache"))
        floor = write_script(tmp, "typer_floor.py", TYPER_FLOOR)
        cases = [
            Case(FLOOR, process([sys.executable, str(floor), "one", "--lang", "en"])),
            Case(FPDF, process([sys.executable, "-c", "import fpdf"])),
        ]
        cases += [
            Case(label, export(command, tmp, env), base, TARGETS[base])
            for label, command, base in EXPORTS
        ]
        measure(cases, args.runs)
    ok = report(cases, args.runs)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
