"""Shared timing for the start-up benchmarks: whole processes, alternating, medians, ratios.

Absolute times on a shared machine move by up to 2x between quiet and busy minutes, so every
figure is measured in turns with its baseline (one run of each case per round, the order
rotated every round) and printed as the ratio of the two medians. Only the ratio is the
figure; the milliseconds show the scale. The target is judged on wall time, as a user waits
it. Beside it: the ratio of the least CPU time (user + system, where the platform tells it)
each used in any run, the steadiest figure of the intrinsic cost when other work shares the
machine (contention only ever adds to it).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Like an installed package (pip compiles to bytecode at install), the processes timed here
# may write and read __pycache__: with PYTHONDONTWRITEBYTECODE set, as on the development
# machine, every run of our modules would compile them from source (60-70 ms) while the
# baselines' libraries have bytecode. The warm-up round writes it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# The typer floor: a minimal typer app running one subcommand with one option. typer 0.29
# builds a pydantic TypeAdapter for every option it coerces, so this floor includes importing
# pydantic (through typer._adapters); no subcommand of any typer app starts faster.
TYPER_FLOOR = '''
import typer
app = typer.Typer()
@app.command()
def one(lang: str = typer.Option("sv", help="A language.")) -> None:
    """One."""
    print(lang)
@app.command()
def two() -> None:
    """Two."""
app()
'''

# The --help baseline: a minimal two-command typer app printing its help.
TYPER_HELP = '''
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


def write_script(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


Timing = tuple[float, float | None]  # wall seconds, CPU seconds (None: not known here)


def children_cpu() -> float | None:
    """User + system time of every finished child process so far (POSIX only)."""
    try:
        import resource
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float | None:
    """User + system time a running process has used so far (Linux only)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def process(cmd: Sequence[str], env: dict[str, str] | None = None) -> Callable[[], Timing]:
    """A case that runs ``cmd`` to completion (it must exit 0): its wall and CPU time."""

    def run() -> Timing:
        cpu_before = children_cpu()
        start = time.perf_counter()
        subprocess.run(list(cmd), capture_output=True, check=True, env=env)
        wall = time.perf_counter() - start
        cpu_after = children_cpu()
        cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
        return wall, cpu

    return run


def avlastning(*args: str) -> list[str]:
    return [sys.executable, "-m", "avlastning_cli", *args]


@dataclass
class Case:
    name: str
    run: Callable[[], Timing]
    baseline: str | None = None  # the name of the case it is measured against
    target: float | None = None  # the highest ratio allowed, if the issue sets one
    samples: list[float] = field(default_factory=list)
    cpu_samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def cpu_least(self) -> float | None:
        return min(self.cpu_samples) if self.cpu_samples else None


def measure(cases: list[Case], runs: int, warmup: int = 1) -> None:
    """Run every case once per round, ``warmup`` rounds unrecorded, the order rotated."""
    for round_no in range(warmup + runs):
        shift = round_no % len(cases)
        for case in cases[shift:] + cases[:shift]:
            wall, cpu = case.run()
            if round_no >= warmup:
                case.samples.append(wall)
                if cpu is not None:
                    case.cpu_samples.append(cpu)


def report(cases: list[Case], runs: int) -> bool:
    """Print each case's median and its ratio to its baseline; True if every target is met."""
    by_name = {c.name: c for c in cases}
    width = max(len(c.name) for c in cases) + 2
    ok = True
    for case in cases:
        line = f"{case.name:{width}} {case.median * 1000:7.1f} ms"
        if case.baseline is None:
            line += "   baseline"
        else:
            base = by_name[case.baseline]
            ratio = case.median / base.median
            line += f"   {ratio:5.2f}x {case.baseline}"
            cpu, base_cpu = case.cpu_least, base.cpu_least
            if cpu is not None and base_cpu:
                line += f"   least cpu {cpu / base_cpu:5.2f}x"
            if case.target is not None:
                met = ratio <= case.target
                ok &= met
                line += f"   (target <= {case.target:.2f}x: {'met' if met else 'NOT met'})"
        print(line)
    print(f"(median of {runs} alternating runs each; the wall-time ratio is the figure)")
    return ok
