"""How long each printable export takes, as a fresh `python -m avlastning_cli` process.

Timed next to `python -m avlastning_cli --help` in the same run, so the ratio (the export's own
cost over start-up) holds on a busy machine. Median of N runs each.
Run: python benchmarks/exports.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXPORTS: list[tuple[str, list[str]]] = [
    ("checklist md", ["checklist", "-f", "md"]),
    ("checklist txt", ["checklist", "-f", "txt"]),
    ("checklist html", ["checklist", "-f", "html", "-o", "{out}.html"]),
    ("checklist pdf", ["checklist", "-f", "pdf", "-o", "{out}.pdf"]),
    ("checklist --full pdf", ["checklist", "--full", "-f", "pdf", "-o", "{out}.pdf"]),
    ("card md", ["card", "-f", "md"]),
    ("card pdf", ["card", "-f", "pdf", "-o", "{out}.pdf"]),
]


def timed(args: list[str], runs: int, folder: Path) -> float:
    samples = []
    for n in range(runs):
        out = str(folder / f"run{time.monotonic_ns()}-{n}")
        cmd = [sys.executable, "-m", "avlastning_cli", *(a.format(out=out) for a in args)]
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        baseline = timed(["--help"], args.runs, folder)
        print(f"{'avlastning --help':24} {baseline * 1000:7.1f} ms   1.00x")
        for name, command in EXPORTS:
            seconds = timed(command, args.runs, folder)
            print(f"{name:24} {seconds * 1000:7.1f} ms  {seconds / baseline:5.2f}x")
    print(f"(median of {args.runs} runs each; ratio = export / --help)")


if __name__ == "__main__":
    main()
