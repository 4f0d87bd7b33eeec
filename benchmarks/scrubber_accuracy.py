"""Accuracy and speed of the personal-data scrubber and the final gate.

Run from the repository root: ``python benchmarks/scrubber_accuracy.py`` (needs faker, a
test-only dependency). Prints recall, precision and F2 per type (span level: a true item is found
when findings cover its whole span; a finding is correct when it overlaps a true item; findings in
the clean sentences all count as wrong), recall for known and held-out names separately, the share
of clean sentences changed, and throughput with a same-run baseline. Then the adversarial set
(``tests/privacy/adversarial_*.txt``, written from issue 14's list of kinds before the rules were
read): recall per kind and the share of clean sentences changed, by the scrubber alone and after
the final gate masks every uncertain item (as ``run --answers`` does). Exits 1 if a target fails.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from avlastning_cli.privacy import scrub
from avlastning_cli.privacy.gate import fail_closed
from tests.privacy import adversarial
from tests.privacy.corpus import TYPES, Report, evaluate, standard_corpus
from tests.privacy.realistic import realistic_set

TARGETS: list[tuple[str, str, float, str]] = [
    ("recall id_number", "recall:id_number", 1.0, ">="),
    ("recall phone", "recall:phone", 1.0, ">="),
    ("recall email", "recall:email", 1.0, ">="),
    ("recall known names", "recall:name_known", 0.97, ">="),
    ("recall held-out names", "recall:name_heldout", 0.90, ">="),
    ("clean sentences changed", "clean_changed", 0.03, "<="),
    ("112/1177 masked (count)", "safe_masked", 0, "<="),
    # Throughput is judged in scrubber_speed.py, on paragraphs (issue 16): one call per short
    # sentence mostly measures the fixed cost of a call, which is printed here for scale.
    # the hand-written realistic set (tests/privacy/test_realistic.py holds the same thresholds)
    ("realistic: recall names", "real:name", 0.96, ">="),
    ("realistic: recall held-out names", "real:name_heldout", 0.91, ">="),
    ("realistic: recall numbers and e-mail", "real:numbers", 1.0, ">="),
    ("realistic: clean sentences changed", "real:clean_changed", 0.02, "<="),
    # the adversarial set (issue 14)
    *(
        (f"adversarial: recall {k}", f"adv:{k}", 1.0, ">=")
        for k in ("id_number", "phone", "email", "email_obf", "plate", "bank", "ip", "dob")
    ),
    ("adversarial: recall tricks on numbers", "adv:trick_number", 1.0, ">="),
    ("adversarial: recall names, scrubber", "adv:name", 0.97, ">="),
    ("adversarial: recall names, after the gate", "gate:name", 0.99, ">="),
    ("adversarial: recall tricks on names, after the gate", "gate:trick_name", 0.99, ">="),
    ("adversarial: clean changed, scrubber", "adv:clean", 0.03, "<="),
    ("adversarial: clean changed, after the gate", "gate:clean", 0.08, "<="),
    ("all clean sentences changed by the gate", "gate:all_clean", 0.08, "<="),
]


def _scrubbed(text: str, lang: str) -> str:
    return scrub(text, lang).text


def _gated(text: str, lang: str) -> str:
    return fail_closed(scrub(text, lang).text, lang).text


def _print_adversarial() -> dict[str, float]:
    alone = adversarial.evaluate(_scrubbed)
    gated = adversarial.evaluate(_gated)
    print(
        f"\nadversarial set (written before reading the rules): "
        f"{sum(alone.counts.values())} items in {len(adversarial.KINDS)} kinds, "
        f"{alone.n_clean} clean sentences"
    )
    print(f"{'kind':<14}{'n':>5}{'scrubber':>10}{'+ gate':>9}")
    for k in adversarial.KINDS:
        print(f"{k:<14}{alone.counts[k]:>5}{alone.recall[k]:>10.4f}{gated.recall[k]:>9.4f}")
    print(
        f"clean changed: scrubber {alone.clean_changed:.2%}, "
        f"after the gate {gated.clean_changed:.2%}"
    )
    for kind, secret, out in alone.misses:
        print(f"    scrubber missed {kind}: {secret!r} in {out!r}")
    for kind, secret, out in gated.misses:
        print(f"    gate missed {kind}: {secret!r} in {out!r}")
    for _text, out in gated.changed:
        print(f"    clean changed: {out!r}")
    values = {f"adv:{k}": v for k, v in alone.recall.items()}
    values |= {f"gate:{k}": v for k, v in gated.recall.items()}
    values["adv:clean"] = alone.clean_changed
    values["gate:clean"] = gated.clean_changed
    return values


def _gate_on_clean(clean: list[tuple[str, str]]) -> float:
    changed = sum(_gated(text, lang) != text for lang, text in clean)
    return changed / max(1, len(clean))


def _print_figures(report: Report) -> None:
    print(f"{'type':<14}{'n':>6}{'recall':>9}{'precision':>11}{'F2':>8}")
    for t in (*TYPES, "overall"):
        n = report.counts.get(t, sum(report.counts[x] for x in TYPES))
        print(
            f"{t:<14}{n:>6}{report.recall[t]:>9.4f}{report.precision[t]:>11.4f}{report.f2[t]:>8.4f}"
        )
    for t in ("name_known", "name_heldout"):
        print(f"{t:<14}{report.counts[t]:>6}{report.recall[t]:>9.4f}")
    print(f"clean sentences changed: {report.clean_changed:.2%}")
    for _orig, scrubbed in report.clean_changed_examples:
        print(f"    {scrubbed}")


def main() -> int:
    t0 = time.perf_counter()
    sentences, clean = standard_corpus()
    report = evaluate(sentences, clean, timing=True)
    n_sv = sum(s.lang == "sv" for s in sentences)
    print(f"corpus: {n_sv} sv + {len(sentences) - n_sv} en sentences, {len(clean)} clean sentences")
    _print_figures(report)
    ratio = report.mb_per_s / report.baseline_mb_per_s if report.baseline_mb_per_s else 0.0
    per_call = sum(len(s.text.encode()) for s in sentences) / len(sentences) / report.mb_per_s
    print(
        f"throughput: {report.mb_per_s:.2f} MB/s CPU time, one call per sentence, about "
        f"{per_call:.0f} us a call (baseline re.sub of digits: "
        f"{report.baseline_mb_per_s:.1f} MB/s; scrubber/baseline = {ratio:.3f}); no target here: "
        "see benchmarks/scrubber_speed.py for paragraphs"
    )
    real_sentences, real_clean = realistic_set()
    real = evaluate(real_sentences, real_clean)
    n_sv = sum(s.lang == "sv" for s in real_sentences)
    print(
        f"\nrealistic set (hand-written, independent of the rules): {n_sv} sv + "
        f"{len(real_sentences) - n_sv} en sentences with data, {len(real_clean)} clean sentences"
    )
    _print_figures(real)
    for k in ("name_known", "name_heldout", *TYPES[1:]):
        for piece, text in real.misses[k]:
            print(f"    missed {k}: {piece!r} in {text!r}")
    values = {
        **{f"recall:{k}": v for k, v in report.recall.items()},
        "clean_changed": report.clean_changed,
        "safe_masked": float(len(report.safe_numbers_masked)),
        "real:name": real.recall["name"],
        "real:name_heldout": real.recall["name_heldout"],
        "real:numbers": min(real.recall[t] for t in ("id_number", "phone", "email")),
        "real:clean_changed": real.clean_changed,
        **_print_adversarial(),
    }
    all_clean = clean + real_clean
    values["gate:all_clean"] = _gate_on_clean(all_clean)
    print(
        f"gate on the other clean sentences ({len(all_clean)}): "
        f"{values['gate:all_clean']:.2%} changed"
    )
    failed = 0
    for label, key, target, op in TARGETS:
        v = values[key]
        ok = v >= target if op == ">=" else v <= target
        failed += not ok
        print(f"{'PASS' if ok else 'FAIL'}  {label}: {v:.4f} (target {op} {target})")
    print(f"elapsed: {time.perf_counter() - t0:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
