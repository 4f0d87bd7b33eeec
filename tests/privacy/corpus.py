"""Seeded test corpus for the scrubber: note sentences with personal data at known spans.

``generate("sv", 2000)`` and ``generate("en", 1000)`` give what a team leader might type into a
defusing's free-text "lessons" field, with every piece of personal data recorded as an ``Item``.
Names come from two pools: KNOWN names (in the scrubber's shipped lists) and HELD-OUT names
(``heldout_names.txt``, deliberately removed from those lists) so that recall on names the
scrubber has never seen is measured too. ``clean_sentences`` gives hand-written sentences with
no personal data at all. ``evaluate`` computes the figures the benchmark prints and the tests
assert. Uses faker (a test-only dependency).
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from faker import Faker

from avlastning_cli.privacy import find, lexicon, scrub

HERE = Path(__file__).resolve().parent
TYPES = ("name", "id_number", "phone", "email", "address", "postcode", "room")


@dataclass(frozen=True)
class Item:
    type: str
    start: int
    end: int
    heldout: bool = False


@dataclass(frozen=True)
class Sentence:
    text: str
    lang: str
    items: tuple[Item, ...]


@cache
def heldout_names() -> dict[str, tuple[str, str]]:
    """Held-out name -> (first|surname, origin). None of these is in the shipped lists."""
    out: dict[str, tuple[str, str]] = {}
    for line in (HERE / "heldout_names.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, kind, origin = line.split("\t")
            out[name] = (kind, origin)
    return out


def clean_sentences(lang: str) -> list[str]:
    text = (HERE / f"clean_{lang}.txt").read_text("utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


# --- generators for the pieces ----------------------------------------------------------------
def _luhn_digit(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def personnummer(rng: random.Random) -> str:
    year = rng.randint(1935, 2008)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    if rng.random() < 0.15:  # samordningsnummer: day + 60
        day += 60
    serial = f"{rng.randint(0, 999):03d}"
    yymmdd = f"{year % 100:02d}{month:02d}{day:02d}"
    check = _luhn_digit(yymmdd + serial)
    if rng.random() < 0.1:  # a typo: wrong checksum must still be masked
        check = (check + rng.randint(1, 9)) % 10
    last4 = f"{serial}{check}"
    form = rng.choice(["12-", "10-", "10+", "10", "10 ", "12 ", "12"])
    century = f"{year // 100}"
    if form == "12-":
        return f"{century}{yymmdd}-{last4}"
    if form == "10-":
        return f"{yymmdd}-{last4}"
    if form == "10+":
        return f"{yymmdd}+{last4}"
    if form == "10 ":
        return f"{yymmdd} {last4}"
    if form == "12 ":
        return f"{century}{yymmdd} {last4}"
    if form == "12":
        return f"{century}{yymmdd}{last4}"
    if yymmdd.startswith("0"):  # 10 digits, no separator, born 2000-2009: looks like a phone
        return f"{yymmdd}-{last4}"
    return f"{yymmdd}{last4}"


def _d(rng: random.Random, k: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(k))


def phone(rng: random.Random, international_share: float = 0.15) -> str:
    if rng.random() < international_share:
        return rng.choice(
            [
                f"+44 20 {_d(rng, 4)} {_d(rng, 4)}",
                f"+44 7{_d(rng, 3)} {_d(rng, 6)}",
                f"+1 ({rng.randint(201, 989)}) {_d(rng, 3)}-{_d(rng, 4)}",
                f"+1 {rng.randint(201, 989)} {_d(rng, 3)} {_d(rng, 4)}",
                f"+49 30 {_d(rng, 7)}",
                f"+47 {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 3)}",
                f"+358 40 {_d(rng, 7)}",
                f"+33 6 {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}",
                f"0044 {_d(rng, 2)} {_d(rng, 4)} {_d(rng, 4)}",
            ]
        )
    mobile = rng.random() < 0.6
    if mobile:
        pre = f"07{rng.choice('02369')}"
        a, b, c = _d(rng, 3), _d(rng, 2), _d(rng, 2)
        styles = [
            f"{pre}-{a} {b} {c}",
            f"{pre}{a}{b}{c}",
            f"{pre} {a} {b} {c}",
            f"{pre}-{a}{b}{c}",
            f"+46 {pre[1:]} {a} {b} {c}",
            f"+46 (0){pre[1:]}-{a} {b} {c}",
            f"+46{pre[1:]}{a}{b}{c}",
            f"0046 {pre[1:]} {a} {b} {c}",
            f"0046{pre[1:]}{a}{b}{c}",
            f"{pre}-{a}-{b}-{c}",
            f"{pre} - {a} {b} {c}",
        ]
        return rng.choice(styles)
    area = rng.choice(["08", "031", "040", "018", "013", "019", "021", "0520", "0470", "090"])
    if area == "08":
        return rng.choice(
            [
                f"08-{_d(rng, 3)} {_d(rng, 3)} {_d(rng, 2)}",
                f"08-{_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}",
                f"08 {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}",
                f"08{_d(rng, 7)}",
                f"+46 8 {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}",
            ]
        )
    rest = 9 - len(area) if len(area) == 3 else 10 - len(area)
    tail = _d(rng, rest)
    if rest == 6:
        spaced = f"{tail[:2]} {tail[2:4]} {tail[4:]}"
    elif rest == 5:
        spaced = f"{tail[:3]} {tail[3:]}"
    else:
        spaced = f"{tail[:3]} {tail[3:5]} {tail[5:]}"
    return rng.choice([f"{area}-{spaced}", f"{area} {spaced}", f"{area}{tail}"])


def _ascii(s: str) -> str:
    table = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")
    return re.sub(r"[^a-z]", "", s.translate(table).lower())


def email(rng: random.Random, fake: Faker, first: str, last: str) -> str:
    if rng.random() < 0.4:
        return fake.email()
    domain = rng.choice(
        ["vgregion.se", "regionstockholm.se", "gmail.com", "hotmail.com", "kommun.se",
         "outlook.com", "nhs.net", "example.org", "skane.se", "telia.com"]
    )  # fmt: skip
    user = rng.choice(
        [f"{_ascii(first)}.{_ascii(last)}", f"{_ascii(first)}{rng.randint(1, 99)}",
         f"{_ascii(first)[:1]}{_ascii(last)}", f"{_ascii(first)}_{_ascii(last)}"]
    )  # fmt: skip
    return f"{user}@{domain}"


def sv_address(rng: random.Random, fake: Faker) -> str:
    street = fake.street_name()
    if rng.random() < 0.2:
        street = rng.choice(["Storgatan", "Kungsvägen", "Drottninggatan", "Södra vägen"])
    num = str(rng.randint(1, 140))
    r = rng.random()
    if r < 0.2:
        num += rng.choice("ABCD")
    elif r < 0.3:
        num += " " + rng.choice("ABC")
    extra = rng.choice(["", "", "", ", 3 tr", f", {rng.randint(1, 6)} tr", f" lgh {_d(rng, 4)}",
                        f", lgh {rng.randint(1001, 1604)}"])  # fmt: skip
    return f"{street} {num}{extra}"


def en_address(rng: random.Random, fake: Faker) -> str:
    name = rng.choice([fake.last_name(), fake.first_name(), "Baker", "Mill", "Church", "Station"])
    suffix = rng.choice(["Street", "Road", "Lane", "Avenue", "Close", "Drive", "Way", "Court",
                         "Gardens", "Terrace", "Crescent", "Place", "Grove"])  # fmt: skip
    num = str(rng.randint(1, 300)) + (rng.choice("AB") if rng.random() < 0.15 else "")
    base = f"{num} {name} {suffix}"
    return rng.choice([base, base, f"Flat {rng.randint(1, 30)}, {base}"])


def sv_postcode(rng: random.Random) -> str:
    code = f"{rng.randint(100, 984)} {_d(rng, 2)}"
    if code in {"113 13", "114 14"}:
        code = "413 01"
    return rng.choice([code, code, code, f"SE-{code}"])


# --- names ------------------------------------------------------------------------------------
class NamePool:
    def __init__(self, lang: str, rng: random.Random, fake: Faker, heldout_share: float) -> None:
        self.rng, self.fake, self.share = rng, fake, heldout_share
        held = heldout_names()
        self.held_first = sorted(n for n, (k, _o) in held.items() if k == "first")
        self.held_last = sorted(n for n, (k, _o) in held.items() if k == "surname")
        self.firsts, self.surs = lexicon.first_names(), lexicon.surnames()
        self.held = set(held)

    def _known(self, make: Callable[[], str], shipped: frozenset[str]) -> str:
        for _ in range(50):
            n = make()
            if n in shipped and n not in self.held:
                return n
        return self.rng.choice(["Anna", "Erik", "Karin", "Ahmed", "Fatima", "Johan"])

    def first(self, heldout: bool) -> str:
        if heldout:
            return self.rng.choice(self.held_first)
        n = self._known(self.fake.first_name, self.firsts)
        r = self.rng.random()
        if r < 0.04:  # double name, "Lars Erik"
            n = f"{n} {self._known(self.fake.first_name_male, self.firsts)}"
        elif r < 0.08:
            n = f"{n}-{self._known(self.fake.first_name, self.firsts)}"
        return n

    def last(self, heldout: bool) -> str:
        if heldout:
            return self.rng.choice(self.held_last)
        n = self._known(self.fake.last_name, self.surs)
        if self.rng.random() < 0.04:
            n = f"{n}-{self._known(self.fake.last_name, self.surs)}"
        return n

    def draw(self) -> tuple[str, str, bool, bool]:
        """(first, last, first held out?, last held out?)"""
        h = self.rng.random() < self.share
        hf, hl = (h and self.rng.random() < 0.7), (h and self.rng.random() < 0.7)
        if h and not (hf or hl):
            hf = True
        return self.first(hf), self.last(hl), hf, hl


def _genitive(name: str, lang: str) -> str:
    if lang == "en":
        return name + ("'" if name.endswith("s") else "'s")
    return name if name.endswith(("s", "x", "z")) else name + "s"


# --- templates --------------------------------------------------------------------------------
SV_TEMPLATES = (HERE / "templates_sv.txt").read_text("utf-8").splitlines()
EN_TEMPLATES = (HERE / "templates_en.txt").read_text("utf-8").splitlines()
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    pos: int = 0

    def add(self, s: str, typ: str | None = None, heldout: bool = False) -> None:
        if typ:
            self.items.append(Item(typ, self.pos, self.pos + len(s), heldout))
        self.parts.append(s)
        self.pos += len(s)


def _fill(template: str, lang: str, rng: random.Random, fake: Faker, names: NamePool) -> Sentence:
    b = _Builder()
    first, last, hf, hl = names.draw()
    last_pos = 0
    for m in _SLOT.finditer(template):
        b.add(template[last_pos : m.start()])
        slot = m.group(1)
        if slot == "full":
            # one item per name part so known/held-out parts are measured separately
            b.add(first, "name", hf)
            b.add(" ")
            b.add(last, "name", hl)
        elif slot == "first":
            b.add(first, "name", hf)
        elif slot == "first_gen":
            b.add(_genitive(first, lang), "name", hf)
        elif slot == "last":
            b.add(last, "name", hl)
        elif slot == "first2":
            f2 = names.first(rng.random() < names.share)
            b.add(f2, "name", f2 in names.held)
        elif slot == "pnr":
            b.add(personnummer(rng), "id_number")
        elif slot == "phone":
            b.add(phone(rng, 0.1 if lang == "sv" else 0.6), "phone")
        elif slot == "email":
            b.add(email(rng, fake, first, last), "email")
        elif slot == "address":
            b.add(sv_address(rng, fake) if lang == "sv" else en_address(rng, fake), "address")
        elif slot == "postcode":
            b.add(sv_postcode(rng) if lang == "sv" else fake.postcode(), "postcode")
        elif slot == "city":
            b.add(fake.city())
        else:
            raise ValueError(slot)
        last_pos = m.end()
    b.add(template[last_pos:])
    return Sentence("".join(b.parts), lang, tuple(b.items))


def generate(lang: str, n: int, seed: int = 1) -> list[Sentence]:
    rng = random.Random(f"{lang}-{seed}")
    fake = Faker(["sv_SE"] if lang == "sv" else ["en_GB", "en_US"])
    fake.seed_instance(seed)
    # notes in Sweden mention people of many origins; English notes may be from anywhere
    names = NamePool(lang, rng, fake, heldout_share=0.35)
    templates = [t for t in (SV_TEMPLATES if lang == "sv" else EN_TEMPLATES) if t.strip()]
    templates = [t for t in templates if not t.startswith("#")]
    return [_fill(rng.choice(templates), lang, rng, fake, names) for _ in range(n)]


# --- evaluation -------------------------------------------------------------------------------
@dataclass
class Report:
    recall: dict[str, float]
    precision: dict[str, float]
    f2: dict[str, float]
    counts: dict[str, int]
    clean_changed: float
    clean_changed_examples: list[tuple[str, str]]
    safe_numbers_masked: list[str]
    misses: dict[str, list[tuple[str, str]]]
    mb_per_s: float = 0.0
    baseline_mb_per_s: float = 0.0


def _covered(item: Item, spans: list[tuple[int, int]]) -> bool:
    pos = item.start
    for s, e in spans:
        if s <= pos < e:
            pos = e
        if pos >= item.end:
            return True
    return pos >= item.end


def _f2(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 5 * p * r / (4 * p + r)


_SAFE = re.compile(r"(?<![\d\w])(?:112|1177|113 13|114 14)(?![\d])")


def evaluate(
    sentences: list[Sentence], clean: list[tuple[str, str]], timing: bool = False
) -> Report:
    keys = [*TYPES, "name_known", "name_heldout"]
    found = dict.fromkeys(keys, 0)
    total = dict.fromkeys(keys, 0)
    # findings of types the corpus does not label (plate, room, number...) count as found
    # things too: overall precision includes them
    tp_f: Counter[str] = Counter()
    all_f: Counter[str] = Counter()
    misses: dict[str, list[tuple[str, str]]] = {k: [] for k in keys}
    safe_hits: list[str] = []
    for s in sentences:
        fs = find(s.text, s.lang)
        spans = sorted((f.start, f.end) for f in fs)
        for it in s.items:
            keys_it = [it.type]
            if it.type == "name":
                keys_it.append("name_heldout" if it.heldout else "name_known")
            hit = _covered(it, spans)
            for k in keys_it:
                total[k] += 1
                found[k] += hit
                if not hit:
                    misses[k].append((s.text[it.start : it.end], s.text))
        for f in fs:
            all_f[f.type] += 1
            tp_f[f.type] += any(f.start < it.end and it.start < f.end for it in s.items)
            for m in _SAFE.finditer(s.text):
                inside_item = any(it.start <= m.start() < it.end for it in s.items)
                if not inside_item and f.start < m.end() and m.start() < f.end:
                    safe_hits.append(s.text)
    changed: list[tuple[str, str]] = []
    for lang, text in clean:
        fs = find(text, lang)
        for f in fs:
            all_f[f.type] += 1
        for m in _SAFE.finditer(text):
            if any(f.start < m.end() and m.start() < f.end for f in fs):
                safe_hits.append(text)
        if fs:
            changed.append((text, scrub(text, lang).text))
    recall = {k: found[k] / total[k] if total[k] else 1.0 for k in keys}
    tp_all, f_all = sum(tp_f.values()), sum(all_f.values())
    precision = {t: tp_f[t] / all_f[t] if all_f[t] else 1.0 for t in TYPES}
    precision["overall"] = tp_all / f_all if f_all else 1.0
    recall["overall"] = sum(found[t] for t in TYPES) / max(1, sum(total[t] for t in TYPES))
    f2 = {t: _f2(precision[t], recall[t]) for t in (*TYPES, "overall")}
    rep = Report(
        recall=recall,
        precision=precision,
        f2=f2,
        counts=total,
        clean_changed=len(changed) / max(1, len(clean)),
        clean_changed_examples=changed,
        safe_numbers_masked=safe_hits,
        misses=misses,
    )
    if timing:
        texts = [s.text for s in sentences] + [t for _l, t in clean]
        langs = [s.lang for s in sentences] + [lang for lang, _t in clean]
        nbytes = sum(len(t.encode("utf-8")) for t in texts)
        pairs = list(zip(texts, langs, strict=True))
        rep.mb_per_s = _throughput(lambda: [scrub(t, la) for t, la in pairs], nbytes)
        digits = re.compile(r"\d")
        rep.baseline_mb_per_s = _throughput(lambda: [digits.sub("#", t) for t in texts], nbytes)
    return rep


def _throughput(run: Callable[[], object], nbytes: int, min_seconds: float = 1.0) -> float:
    """MB/s in CPU time of this process (stable on a shared, busy machine), best of 3 runs."""
    run()  # warm up (loads the name lists)
    best = 0.0
    for _ in range(3):
        rounds, t0 = 0, time.process_time()
        while True:
            run()
            rounds += 1
            elapsed = time.process_time() - t0
            if elapsed >= min_seconds / 3:
                break
        best = max(best, rounds * nbytes / elapsed / 1e6)
    return best


def standard_corpus() -> tuple[list[Sentence], list[tuple[str, str]]]:
    sentences = generate("sv", 2000) + generate("en", 1000)
    clean = [("sv", t) for t in clean_sentences("sv")] + [("en", t) for t in clean_sentences("en")]
    return sentences, clean
