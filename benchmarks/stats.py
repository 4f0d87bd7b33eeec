"""How fast `avlastning stats` reads many summaries, and that its memory does not grow.

Generates N summary files (default 10,000; sv and en, some not held) in a temp folder, then
times, in the same run:
- baseline: `json.load` of every file in a loop, keeping nothing;
- stats: the library's aggregate + build_report + every renderer (what the command does).
(The baseline uses Path.rglob, which on Python 3.11 remembers every path it has yielded, so
its peak grows with the file count; stats walks folders with os.walk and keeps only counters.)
Peak memory is measured with tracemalloc in separate passes (it slows things down, so the
wall times come from untraced passes), at 2,000 files and at N files.

Run: python benchmarks/stats.py [--files N]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from avlastning_cli.protocol.fields import sign_ids
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.stats import aggregate, build_report, render_csv, render_json, render_table

# the bundled protocol's own ids: stats skips a summary holding an id its protocol lacks
_P = load_protocol(resolve("avlastningssamtal", "sv"))
STEPS = [s.id for s in _P.sections]
SIGNS = list(sign_ids(_P))
REASONS = [r.id for r in _P.not_held_reasons]


def summary(rng: random.Random, n: int) -> dict[str, object]:
    date = f"20{24 + n % 2}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    lang = rng.choice(["sv", "en"])
    head = {
        "schema": "avlastning.summary/1",
        "protocol": {
            "id": "avlastningssamtal",
            "version": "1.0",
            "language": lang,
            "type": "defusing",
        },
        "date": date,
    }
    tool = {"tool": {"name": "avlastning", "version": "0.1.0"}}
    if rng.random() < 0.15:
        return head | {"mode": "not_held", "not_held": {"reason": rng.choice(REASONS)}} | tool
    flagged = [s for s in SIGNS if rng.random() < 0.1]
    return head | {
        "mode": "live",
        "duration_minutes": rng.randint(15, 50),
        "participants": rng.randint(2, 12),
        "second_leader": rng.random() < 0.3,
        "steps": [{"id": s, "status": "skipped" if rng.random() < 0.1 else "done"} for s in STEPS],
        "checks": {"ground_rules.phones_off": True},
        "round": {"spoke": 4, "passed": 1},
        "warning_signs": {"flagged": flagged, "escalated": False, "escalations": flagged[:1]},
        "follow_up": {
            "answers": {"practical.home_transport_needed": False},
            "next_steps": ["manager", "foretagshalsovard"],
            "date": date if rng.random() < 0.5 else None,
        },
        "lessons": f"Lärdom nummer {n}: boka rummet i förväg." if rng.random() < 0.3 else "",
        "redactions": 0,
        "tool": {"name": "avlastning", "version": "0.1.0"},
    }


def generate(folder: Path, count: int, start: int = 0) -> None:
    rng = random.Random(start)
    for n in range(start, start + count):
        sub = folder / f"{n // 1000:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"avlastning-{n:05d}.json").write_text(
            json.dumps(summary(rng, n), ensure_ascii=False, indent=2), encoding="utf-8"
        )


def baseline(folder: Path) -> None:
    for path in folder.rglob("*.json"):
        with path.open(encoding="utf-8") as handle:
            json.load(handle)


def run_stats(folder: Path) -> None:
    report = build_report(aggregate([folder]))
    for render in (render_table, render_csv, render_json):
        render(report)


def timed(fn: Callable[[Path], None], folder: Path) -> float:
    start = time.perf_counter()
    fn(folder)
    return time.perf_counter() - start


def peak_kib(fn: Callable[[Path], None], folder: Path) -> float:
    tracemalloc.start()
    fn(folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    small = min(2_000, args.files)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, small)
        run_stats(folder)  # warm imports
        counted = aggregate([folder])
        # a benchmark that skipped every file would time the wrong thing
        assert counted.files_read == small and counted.files_skipped == 0, counted
        peaks_small = (peak_kib(baseline, folder), peak_kib(run_stats, folder))
        generate(folder, args.files - small, start=small)
        t_base = timed(baseline, folder)
        t_stats = timed(run_stats, folder)
        peaks_big = (peak_kib(baseline, folder), peak_kib(run_stats, folder))
    print(f"{args.files} summary files")
    print(f"  wall time   baseline (json.load each) {t_base:6.2f} s   stats {t_stats:6.2f} s"
          f"   ratio {t_stats / t_base:.2f}x")  # fmt: skip
    print(f"  peak memory at {small:>6} files: baseline {peaks_small[0]:8.0f} KiB   "
          f"stats {peaks_small[1]:8.0f} KiB")  # fmt: skip
    print(f"  peak memory at {args.files:>6} files: baseline {peaks_big[0]:8.0f} KiB   "
          f"stats {peaks_big[1]:8.0f} KiB")  # fmt: skip


if __name__ == "__main__":
    main()
