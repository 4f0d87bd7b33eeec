"""How fast `avlastning --help` starts, in Swedish and English, against a minimal two-command
typer app (target: at most 1.25x).

Both are timed in the same run, as fresh processes, so the ratio holds on a busy machine.
Run: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL = '''
import typer
app = typer.Typer()
@app.command()
def one() -> None:
    """One."""
@app.command()
def two() -> None:
    """Two."""
app()
'''


def timed(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        baseline = timed([sys.executable, str(minimal), "--help"], args.runs)
        ours = {
            lang: timed(
                [sys.executable, "-m", "avlastning_cli", "--lang", lang, "--help"], args.runs
            )
            for lang in ("sv", "en")
        }
        python = timed([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass                 {python * 1000:7.1f} ms")
    print(f"minimal typer app --help       {baseline * 1000:7.1f} ms")
    for lang, took in ours.items():
        print(f"avlastning --lang {lang} --help  {took * 1000:7.1f} ms")
    for lang, took in ours.items():
        print(f"ratio {lang} avlastning/minimal  {took / baseline:7.2f}x  (median of {args.runs})")


if __name__ == "__main__":
    main()
