"""How long fitting a step to the terminal takes before each prompt (the live screen redraws
the step at every prompt), against printing the same step unfitted in the same run.

    python benchmarks/screen.py
"""

from __future__ import annotations

import io
import statistics
import time

from rich.console import Console

from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.ui import screens
from avlastning_cli.ui.labels import labels

BUNDLED = ["avlastningssamtal", "stodsamtal", "anhorigsamtal", "efterlevandestod"]


def main() -> None:
    jobs = []
    for pid in BUNDLED:
        for lang in ("sv", "en"):
            p = load_protocol(resolve(pid, lang))
            L = labels(lang)
            for i, s in enumerate(p.sections):
                jobs.append((screens.section_screen(p, s, i, len(p.sections), 1, L), L))

    def plain() -> None:
        for screen, _ in jobs:
            Console(file=io.StringIO(), width=80).print(screen)

    def fitted() -> None:
        for screen, L in jobs:
            shown, _ = screens.layout(screen, screens.View(), 80, 17, L)
            Console(file=io.StringIO(), width=80).print(shown)

    def median(fn: object) -> float:
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            fn()  # type: ignore[operator]
            runs.append(time.perf_counter() - t)
        return statistics.median(runs) / len(jobs) * 1000

    base = median(plain)
    fit = median(fitted)
    print(f"steps measured                          {len(jobs)}")
    print(f"baseline: print a step unfitted          {base:6.2f} ms")
    print(f"fit a step to 80x24 and print it         {fit:6.2f} ms   ratio {fit / base:4.2f}x")
    print("(median of 5 each, per step, same run)")


if __name__ == "__main__":
    main()
