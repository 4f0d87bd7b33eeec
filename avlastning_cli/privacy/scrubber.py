"""Find and mask personal data in free text: the public entry points ``find`` and ``scrub``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import patterns
from .names import find_names

TYPES: tuple[str, ...] = ("name", "id_number", "phone", "email", "address", "postcode")

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "sv": {
        "name": "[NAMN]",
        "id_number": "[PERSONNUMMER]",
        "phone": "[TELEFON]",
        "email": "[E-POST]",
        "address": "[ADRESS]",
        "postcode": "[POSTNUMMER]",
    },
    "en": {
        "name": "[NAME]",
        "id_number": "[ID-NUMBER]",
        "phone": "[PHONE]",
        "email": "[EMAIL]",
        "address": "[ADDRESS]",
        "postcode": "[POSTCODE]",
    },
}

_PLACEHOLDER_RE = re.compile(
    "|".join(re.escape(p) for lang in PLACEHOLDERS.values() for p in lang.values())
)
# When two candidates cover exactly the same text, the earlier type here wins.
_PRIORITY = {t: i for i, t in enumerate(("email", "id_number", "phone", "address", "postcode"))}
_PRIORITY["name"] = len(_PRIORITY)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its type and its offsets into the original text."""

    type: str
    start: int
    end: int


@dataclass(frozen=True)
class ScrubResult:
    """The scrubbed text and what was masked in the original."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)


def _names(text: str) -> Iterator[patterns.Candidate]:
    for s, e in find_names(text):
        yield ("name", s, e)


# Recognisers that can only match where there is a digit, and those that always run.
_NUMERIC: tuple[Callable[[str], Iterable[patterns.Candidate]], ...] = (
    patterns.find_id_numbers,
    patterns.find_phones,
    patterns.find_postcodes,
)
_ALWAYS: tuple[Callable[[str], Iterable[patterns.Candidate]], ...] = (
    patterns.find_emails,
    patterns.find_addresses,
    _names,
)
_DIGIT_RE = re.compile(r"\d")


def _check_lang(lang: str) -> None:
    if lang not in PLACEHOLDERS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(PLACEHOLDERS)}")


def find(text: str, lang: str = "sv") -> list[Finding]:
    """Return the personal data found in ``text``: non-overlapping and sorted by position.

    All recognisers run whatever ``lang`` is (a Swedish name in English text is still found).
    Placeholders left by an earlier scrub are never matched, so scrubbing is idempotent.
    """
    _check_lang(lang)
    if not text:
        return []
    protected = []
    if "[" in text:
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER_RE.finditer(text)]
    candidates: list[tuple[str, int, int]] = []
    recognisers = _NUMERIC + _ALWAYS if _DIGIT_RE.search(text) else _ALWAYS
    for recognise in recognisers:
        for typ, s, e in recognise(text):
            if e <= s:
                continue
            if any(s < pe and ps < e for ps, pe in protected):
                continue
            candidates.append((typ, s, e))
    # Longest first, then by type priority: a phone number beats the postcode-shaped part of it.
    candidates.sort(key=lambda c: (-(c[2] - c[1]), _PRIORITY[c[0]], c[1]))
    taken: list[Finding] = []
    for typ, s, e in candidates:
        if any(s < f.end and f.start < e for f in taken):
            continue
        taken.append(Finding(typ, s, e))
    for f in list(taken):
        if f.type == "address":
            extra = patterns.postcode_after(text, f.end)
            if extra and not any(extra[1] < g.end and g.start < extra[2] for g in taken):
                taken.append(Finding(*extra))
    taken.sort(key=lambda f: f.start)
    return taken


def scrub(text: str, lang: str = "sv") -> ScrubResult:
    """Mask personal data in ``text`` with typed placeholders in ``lang`` ("sv" or "en")."""
    findings = find(text, lang)
    labels = PLACEHOLDERS[lang]
    out: list[str] = []
    pos = 0
    for f in findings:
        out.append(text[pos : f.start])
        out.append(labels[f.type])
        pos = f.end
    out.append(text[pos:])
    return ScrubResult("".join(out), tuple(findings))
