"""Speed of the personal-data scrubber on paragraphs and sentences, and its worst cases.

Run from the repository root: ``python benchmarks/scrubber_speed.py [--stream-mb N]``.

Prints, each against a baseline measured in the same run (a single ``re.sub`` of digits over the
same text, since absolute times move by 2x between quiet and busy periods on a shared machine):

* throughput in MB/s on realistic Swedish and English paragraphs (the hand-written realistic
  sets, with their personal data, cut into paragraphs) and on the same text one sentence a call;
* linearity: the time for 4x the text over the time for 1x (target <= 5);
* every pathological input of issue 16 (100 000 characters) against ordinary text of the same size
  (target <= 2x);
* peak memory of ``avlastning scrub`` reading N MB (default 20) from standard input (target
  < 300 MB for 100 MB: run with ``--stream-mb 100``).

Exits 1 if a target fails.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from avlastning_cli.privacy import scrub  # noqa: E402

_MARK = re.compile(r"\{\w+:([^{}]+)\}")


def sentences(lang: str) -> list[str]:
    path = ROOT / "tests" / "privacy" / f"realistic_{lang}.txt"
    lines = path.read_text("utf-8").splitlines()
    return [_MARK.sub(r"\1", s) for s in lines if s.strip() and not s.startswith("#")]


def paragraphs(lang: str, size: int, seed: int = 1) -> str:
    """About ``size`` characters of paragraphs of 3-8 sentences, separated by blank lines."""
    rng = random.Random(seed)
    pool = sentences(lang)
    out: list[str] = []
    n = 0
    while n < size:
        para = " ".join(rng.choice(pool) for _ in range(rng.randint(3, 8)))
        out.append(para)
        n += len(para) + 2
    return "\n\n".join(out)[:size]


def best_of(fn: Callable[..., object], *args: object, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: other work on a shared machine does not count
        fn(*args)
        times.append(time.process_time() - t0)
    return min(times)


def baseline(text: str) -> float:
    rx = re.compile(r"\d")
    return best_of(rx.sub, "#", text)


def throughput(lang: str) -> list[tuple[str, float, float]]:
    rows = []
    text = paragraphs(lang, 1_000_000)
    mb = len(text.encode()) / 1e6
    t = best_of(scrub, text, lang, repeat=2)
    rows.append((f"{lang} paragraphs, 1 MB", mb / t, mb / baseline(text)))
    pool = sentences(lang)
    sents = (pool * (200_000 // sum(map(len, pool)) + 1))[: len(pool) * 4]
    mb = sum(len(s.encode()) for s in sents) / 1e6
    t = best_of(lambda: [scrub(s, lang) for s in sents], repeat=2)
    joined = "\n".join(sents)
    rows.append((f"{lang} sentences, one a call", mb / t, mb / baseline(joined)))
    return rows


PATHOLOGICAL = {
    "spaced digit runs": ("1" * 46 + " ") * (100_000 // 47),
    '"1 A " on one line': "1 A " * 25_000,
    "one long capitalised word": "A" + "a" * 100_000,
}


# The child reports its own peak: VmHWM from /proc (Linux: the peak of this program only);
# elsewhere ru_maxrss, which also counts the pages a fork copied from this benchmark.
_REPORT_PEAK = """
import sys
try:
    with open("/proc/self/status") as status:
        kb = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
except OSError:
    import resource
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(kb, file=sys.stderr)
"""


def stream_memory(mb: int) -> tuple[float, float, float]:
    """Peak RSS in MB of `avlastning scrub` on ``mb`` MB from stdin, and of a plain Python
    process copying the same input, and the seconds the scrub took."""
    para = paragraphs("sv", 1_000_000) + "\n\n"
    with tempfile.TemporaryFile("w+", encoding="utf-8") as f:
        for _ in range(mb):
            f.write(para)
        f.flush()

        def peak(code: str) -> tuple[float, float]:
            # the child reports its own peak: a fork's copy of this process must not count
            f.seek(0)
            wrapped = code + _REPORT_PEAK
            t0 = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", wrapped],
                stdin=f,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                check=True,
                cwd=ROOT,
            )
            took = time.perf_counter() - t0
            return int(done.stderr.split()[-1]) / 1024, took

        plain, _ = peak("import sys\nfor line in sys.stdin: pass")
        scrubbed, took = peak(
            "import sys\nfrom avlastning_cli.cli import app\n"
            "try:\n    app(['scrub'])\nexcept SystemExit:\n    pass"
        )
    return scrubbed, plain, took


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stream-mb", type=int, default=20)
    args = ap.parse_args()
    failed = 0

    def check(label: str, value: float, target: float, op: str, unit: str = "") -> None:
        nonlocal failed
        ok = value >= target if op == ">=" else value <= target
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {value:.2f}{unit} (target {op} {target})")

    print("throughput (best of runs, CPU of this process)")
    for lang in ("sv", "en"):
        for label, mbs, base in throughput(lang):
            print(
                f"  {label:<28} {mbs:6.2f} MB/s   baseline re.sub {base:7.1f} MB/s   "
                f"ratio {mbs / base:.4f}"
            )
            if "paragraphs" in label:
                check(f"{label} MB/s", mbs, 1.0, ">=")

    print("linearity: time for 4x the text / time for 1x")
    for lang in ("sv", "en"):
        small = paragraphs(lang, 250_000, seed=2)
        large = paragraphs(lang, 1_000_000, seed=2)
        t1 = best_of(scrub, small, lang)
        t4 = best_of(scrub, large, lang, repeat=2)
        b = baseline(large) / baseline(small)
        print(f"  {lang}: 0.25 MB {t1:.3f} s, 1 MB {t4:.3f} s (baseline ratio {b:.2f})")
        check(f"{lang} 4x text time ratio", t4 / t1, 5.0, "<=")

    print("pathological inputs, 100 000 characters, against ordinary text of the same size")
    ordinary = {lang: paragraphs(lang, 100_000, seed=3) for lang in ("sv", "en")}
    for lang in ("sv", "en"):
        t_ord = best_of(scrub, ordinary[lang], lang)
        for label, text in PATHOLOGICAL.items():
            t = best_of(scrub, text, lang)
            print(f"  {lang} {label:<28} {t:.3f} s against {t_ord:.3f} s")
            check(f"{lang} {label} / ordinary", t / t_ord, 2.0, "<=")

    if args.stream_mb:
        try:
            rss, plain, took = stream_memory(args.stream_mb)
        except subprocess.CalledProcessError:
            print("memory: not measured (no resource module on this platform?)")
        else:
            print(
                f"avlastning scrub, {args.stream_mb} MB on stdin: peak {rss:.0f} MB "
                f"(a Python process reading the same: {plain:.0f} MB), {took:.1f} s, "
                f"{args.stream_mb / took:.2f} MB/s whole process"
            )
            check("peak memory MB", rss, 300.0, "<=")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
