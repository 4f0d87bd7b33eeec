"""How fast the light commands start, each against a typer baseline measured in the same run.

- `avlastning --help`, in Swedish and in English, against a minimal two-command typer app's
  `--help` (target: at most 1.25x; the help path imports neither pydantic nor questionary);
- `protocols` and `validate` against the typer floor: a minimal typer app running one
  subcommand with one option (typer 0.29 imports pydantic to coerce it), target at most
  1.25x. `validate` is timed on a file it has checked before (the cached case) and on a file
  edited since (every run changes it, so it is parsed and validated in full).
Whole processes, alternating, medians (see timing.py); a temporary cache folder is used.
Run: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from itertools import count
from pathlib import Path

from timing import (
    TYPER_FLOOR,
    TYPER_HELP,
    Case,
    Timing,
    avlastning,
    measure,
    process,
    report,
    write_script,
)

FLOOR = "typer floor"
BUNDLED = Path(__file__).resolve().parent.parent / "protocols" / "avlastningssamtal.sv.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = dict(os.environ, AVLASTNING_CACHE_DIR=str(tmp / "cache"))
        help_app = write_script(tmp, "typer_help.py", TYPER_HELP)
        floor = write_script(tmp, "typer_floor.py", TYPER_FLOOR)
        same = tmp / "mitt.yaml"
        same.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
        edited = tmp / "andrad.yaml"
        edits = count()

        def validate_edited() -> Timing:
            text = BUNDLED.read_text(encoding="utf-8") + f"# edit {next(edits)}\n"
            edited.write_text(text, encoding="utf-8")
            return process(avlastning("validate", str(edited)), env)()

        cases = [
            Case("python -c pass", process([sys.executable, "-c", "pass"])),
            Case("typer app --help", process([sys.executable, str(help_app), "--help"])),
            Case("avlastning --help", process(avlastning("--help"), env), "typer app --help", 1.25),
            Case(
                "avlastning --lang en --help",
                process(avlastning("--lang", "en", "--help"), env),
                "typer app --help",
                1.25,
            ),
            Case("typer floor", process([sys.executable, str(floor), "one", "--lang", "en"])),
            Case("protocols", process(avlastning("protocols"), env), "typer floor", 1.25),
            Case("protocols --json", process(avlastning("protocols", "--json"), env), FLOOR),
            Case("validate", process(avlastning("validate", str(same)), env), "typer floor", 1.25),
            Case("validate (edited file)", validate_edited, "typer floor"),
        ]
        measure(cases, args.runs)
    ok = report(cases, args.runs)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
