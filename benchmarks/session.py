"""How fast a session starts and how long a whole scripted session takes.

In the same run, as fresh processes, median of N (default 5):
- time to the first prompt: `avlastning run` in a real pty (pexpect), from spawn until the
  first question ("Hur många deltar") is on screen; baseline: `python -c "import questionary"`
  (the least any questionary prompt costs);
- a whole `avlastning run --answers FILE` (an empty answers file: every default), summary
  written; baseline: the same `python -c "import questionary"`.
Each figure is printed next to its baseline, as a ratio.
Run: python benchmarks/session.py [--runs N]   (POSIX: pexpect needs a pty)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BASELINE = [sys.executable, "-c", "import questionary"]


def median_of(runs: int, fn: object) -> float:
    assert callable(fn)
    return statistics.median(fn() for _ in range(runs))


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    return time.perf_counter() - start


def first_prompt(tmp: Path) -> float:
    env = dict(os.environ, AVLASTNING_STATE_DIR=str(tmp / "state"), TERM="xterm")
    env.pop("AVLASTNING_ASSUME_TTY", None)
    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "avlastning_cli", "run", "--out", str(tmp / "out")],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 80),
    )
    child.expect("Hur många deltar")
    elapsed = time.perf_counter() - start
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    (tmp / "state" / "live-session.json").unlink(missing_ok=True)
    return elapsed


def answers_run(tmp: Path, answers: Path) -> float:
    env = dict(os.environ, AVLASTNING_STATE_DIR=str(tmp / "state"))
    out = Path(tempfile.mkdtemp(dir=tmp))
    cmd = [sys.executable, "-m", "avlastning_cli", "run", "--answers", str(answers)]
    return timed([*cmd, "--out", str(out)], env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        answers = tmp / "svar.yaml"
        answers.write_text("{}\n", encoding="utf-8")
        timed(BASELINE)  # warm the file cache
        base = median_of(args.runs, lambda: timed(BASELINE))
        prompt = median_of(args.runs, lambda: first_prompt(tmp))
        whole = median_of(args.runs, lambda: answers_run(tmp, answers))
    print(f"baseline python -c 'import questionary'  {base * 1000:7.1f} ms")
    print(
        f"time to the first prompt (pty)           {prompt * 1000:7.1f} ms"
        f"   ratio {prompt / base:5.2f}x"
    )
    print(
        f"whole run --answers (summary written)    {whole * 1000:7.1f} ms"
        f"   ratio {whole / base:5.2f}x"
    )
    print(f"(median of {args.runs} each, same run)")


if __name__ == "__main__":
    main()
