"""Loader and leak check for the adversarial set: ``adversarial_sv.txt`` and ``adversarial_en.txt``.

The files were written from issue 14's list of kinds before the rules were read. Each case is a
line in a ``# kind: NAME`` section with its secrets marked ``[[...]]``; the ``clean`` kind holds
sentences in which nothing may change. ``\\uXXXX`` stands for one character and ``\\n`` for a
line break, so invisible characters stay visible in the file.

A secret is *caught* when none of its words is left in the output. Words are compared as a reader
would see them: NFKC, format characters (zero-width, soft hyphen, direction marks) dropped, HTML
tags and Markdown emphasis removed, case folded. A word of a secret counts as left when it occurs
more often in the output than in the rest of the line (so "Sal" in "Sal 4 säng 2" may stay when
it also stands outside the secret). Carrier words (``at``, ``dot``, ``bed``...) inside a secret
are not counted: they are the words around the data, not the data.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = (
    "id_number",
    "phone",
    "email",
    "email_obf",
    "plate",
    "bank",
    "ip",
    "dob",
    "record",
    "room",
    "name",
    "trick_number",
    "trick_name",
)
NAME_KINDS = ("name", "trick_name")

_SECRET = re.compile(r"\[\[(.+?)\]\]", re.S)
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\n")
_TAG = re.compile(r"<[^<>]{0,200}>")
_EMPH = re.compile(r"[*_`~]")
_WORD = re.compile(r"\w+")
# words that stand around the data inside a secret: they may stay
CARRIER = frozenset(
    """at dot punkt snabel a snabela att com se net org nu uk co gov edu us ca k12 gmail hotmail
    outlook yahoo telia live icloud protonmail aol comcast kaiser mayo nhs btinternet spray
    bredband region kommun council school skola foretag company posten usps sll vgregion
    stockholm lindbergs
    sal salen säng sängplats plats rum rummet nr no lägenhet lgh tr bay bed space ward room
    flat apartment cubicle floor 2nd på in den the of dr""".split()
)


def _unescape(s: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else "\n", s)


def reader_words(text: str) -> Counter[str]:
    """The words a reader sees in ``text``: see the module docstring."""
    t = html.unescape(_TAG.sub(" ", text))
    t = unicodedata.normalize("NFKC", t)
    t = "".join(c for c in t if unicodedata.category(c) != "Cf")
    t = _EMPH.sub("", t)
    t = unicodedata.normalize("NFKC", t)
    return Counter(w.casefold() for w in _WORD.findall(t))


@dataclass(frozen=True)
class Case:
    kind: str
    lang: str
    text: str  # the line as typed, markup removed
    secrets: tuple[str, ...]
    marked: str  # the line with its [[...]] marks


def load(lang: str) -> list[Case]:
    cases: list[Case] = []
    kind = ""
    for raw in (HERE / f"adversarial_{lang}.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("# kind:"):
            kind = raw.split(":", 1)[1].strip()
            if kind not in (*KINDS, "clean"):
                raise ValueError(f"unknown kind {kind!r}")
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        line = _unescape(raw)
        secrets = tuple(m.group(1) for m in _SECRET.finditer(line))
        if (kind == "clean") == bool(secrets):
            raise ValueError(f"{lang} {kind}: bad markup in {raw!r}")
        cases.append(Case(kind, lang, _SECRET.sub(r"\1", line), secrets, line))
    return cases


def leaked(case: Case, output: str) -> list[str]:
    """The secrets of ``case`` of which some word is still in ``output``."""
    rest = reader_words(_SECRET.sub(" ", case.marked))
    out = reader_words(output)
    bad = []
    for secret in case.secrets:
        words = [w for w in reader_words(secret) if w not in CARRIER]
        if any(out[w] > rest[w] for w in words):
            bad.append(secret)
    return bad


@dataclass
class Report:
    recall: dict[str, float]
    counts: dict[str, int]
    clean_changed: float
    n_clean: int
    misses: list[tuple[str, str, str]]  # kind, secret, output
    changed: list[tuple[str, str]]  # clean input, output


def evaluate(transform: Callable[[str, str], str], langs: tuple[str, ...] = ("sv", "en")) -> Report:
    """Run ``transform(text, lang) -> output`` over the set and count what leaks."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    changed: list[tuple[str, str]] = []
    n_clean = 0
    for lang in langs:
        for case in load(lang):
            out = transform(case.text, lang)
            if case.kind == "clean":
                n_clean += 1
                if out != case.text:
                    changed.append((case.text, out))
                continue
            bad = leaked(case, out)
            total[case.kind] += len(case.secrets)
            found[case.kind] += len(case.secrets) - len(bad)
            misses.extend((case.kind, s, out) for s in bad)
    recall = {k: found[k] / total[k] for k in KINDS if total[k]}
    return Report(recall, dict(total), len(changed) / max(n_clean, 1), n_clean, misses, changed)
