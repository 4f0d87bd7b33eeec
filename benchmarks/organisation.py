"""What the organisation's contacts cost when a protocol is opened (in-process, warm).

Every command now reads the organisation file and fills the protocol's places as it opens
it. Timed against opening the same protocol with no organisation file, in the same run, so
the ratio holds on a busy machine; also the `card md` command as a fresh process, with and
without the file. Median of N runs each.
Run: python benchmarks/organisation.py [--runs N]
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

VALUES = [
    "foretagshalsovard=010-123 45 67",
    "vardcentral=din egen vårdcentral, eller 1177",
    "manager=Anna Andersson, 070-123 45 67",
    "posom=via tjänsteperson i beredskap, 031-365 00 00",
    "pkl=via sjukhusets växel 031-342 10 00",
]


def median_of(fn: object, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        empty, filled = Path(tmp) / "empty", Path(tmp) / "filled"
        empty.mkdir()
        env = {**os.environ, "AVLASTNING_CONFIG_DIR": str(filled)}
        args = [a for v in VALUES for a in ("--set", v)]
        cmd = [sys.executable, "-m", "avlastning_cli"]
        subprocess.run([*cmd, "anpassa", *args], env=env, capture_output=True, check=True)

        from avlastning_cli.protocol.loader import open_protocol

        os.environ["AVLASTNING_CONFIG_DIR"] = str(empty)
        bare = median_of(lambda: open_protocol(None, "sv"), runs)
        os.environ["AVLASTNING_CONFIG_DIR"] = str(filled)
        with_org = median_of(lambda: open_protocol(None, "sv"), runs)
        print(f"open_protocol, no organisation file: {bare * 1000:7.1f} ms")
        print(f"open_protocol, 5 contacts filled in: {with_org * 1000:7.1f} ms")
        print(f"ratio: {with_org / bare:.2f}")

        def card(folder: Path) -> None:
            e = {**os.environ, "AVLASTNING_CONFIG_DIR": str(folder)}
            subprocess.run([*cmd, "card", "-f", "md"], env=e, capture_output=True, check=True)

        n = max(3, runs // 6)
        card_bare = median_of(lambda: card(empty), n)
        card_org = median_of(lambda: card(filled), n)
        print(f"card md process, no organisation file: {card_bare * 1000:7.1f} ms")
        print(f"card md process, 5 contacts filled in: {card_org * 1000:7.1f} ms")
        print(f"ratio: {card_org / card_bare:.2f}")


if __name__ == "__main__":
    main()
