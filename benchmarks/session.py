"""How fast a session starts and how long a whole scripted session takes.

Against `python -c "import questionary"` (the least any questionary prompt costs), in the
same run, whole processes, alternating, medians (see timing.py):
- the first prompt: `avlastning run` in a real pty (pexpect), from spawn until the first
  question ("Hur många deltar") is on screen; target at most 1.8x;
- a whole `avlastning run --answers FILE` (an empty answers file: every default), summary
  written (no target; shown for scale).
For scale, too: the least a typer command asking with questionary costs, a minimal typer app
running one subcommand with one option that shows one questionary prompt (typer 0.29 imports
pydantic for any subcommand), timed in the pty like the first prompt.
Run: python benchmarks/session.py [--runs N]   (POSIX: pexpect needs a pty)
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pexpect
from timing import Case, Timing, avlastning, measure, process, process_cpu, report, write_script

BASELINE = "import questionary"
TYPER_PROMPT = '''
import typer
app = typer.Typer()
@app.command()
def one(lang: str = typer.Option("sv", help="A language.")) -> None:
    """One."""
    import questionary
    questionary.text("Hur många deltar?").ask()
@app.command()
def two() -> None:
    """Two."""
app()
'''


def first_prompt(tmp: Path, env: dict[str, str], args: list[str] | None = None) -> Timing:
    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable,
        args or ["-m", "avlastning_cli", "run", "--out", str(tmp / "out")],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 80),
    )
    child.expect("Hur många deltar")
    elapsed = time.perf_counter() - start
    cpu = process_cpu(child.pid)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    (tmp / "state" / "live-session.json").unlink(missing_ok=True)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = dict(
            os.environ,
            AVLASTNING_STATE_DIR=str(tmp / "state"),
            AVLASTNING_CACHE_DIR=str(tmp / "cache"),
            TERM="xterm",
        )
        env.pop("AVLASTNING_ASSUME_TTY", None)
        answers = tmp / "svar.yaml"
        answers.write_text("{}\n", encoding="utf-8")

        def whole_run() -> Timing:
            out = Path(tempfile.mkdtemp(dir=tmp))
            return process(avlastning("run", "--answers", str(answers), "--out", str(out)), env)()

        typer_prompt = [
            str(write_script(tmp, "typer_prompt.py", TYPER_PROMPT)),
            "one",
            "--lang",
            "en",
        ]
        cases = [
            Case(BASELINE, process([sys.executable, "-c", "import questionary"])),
            Case("first prompt (pty)", lambda: first_prompt(tmp, env), BASELINE, 1.8),
            Case(
                "typer app's prompt (pty)", lambda: first_prompt(tmp, env, typer_prompt), BASELINE
            ),
            Case("whole run --answers", whole_run, BASELINE),
        ]
        measure(cases, args.runs)
    ok = report(cases, args.runs)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
