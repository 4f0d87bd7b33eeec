"""Find and mask personal data in free text: the public entry points ``find`` and ``scrub``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from . import patterns, rules
from .names import find_names
from .normalise import View, views

TYPES: tuple[str, ...] = (
    "name",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "plate",
    "bank",
    "ip",
    "dob",
    "record",
    "room",
    "number",
)

PLACEHOLDERS: dict[str, dict[str, str]] = {
    "sv": {
        "name": "[NAMN]",
        "id_number": "[PERSONNUMMER]",
        "phone": "[TELEFON]",
        "email": "[E-POST]",
        "address": "[ADRESS]",
        "postcode": "[POSTNUMMER]",
        "plate": "[REGNR]",
        "bank": "[KONTO]",
        "ip": "[IP-ADRESS]",
        "dob": "[FÖDELSEDATUM]",
        "record": "[ÄRENDENR]",
        "room": "[RUM]",
        "number": "[NUMMER]",
    },
    "en": {
        "name": "[NAME]",
        "id_number": "[ID-NUMBER]",
        "phone": "[PHONE]",
        "email": "[EMAIL]",
        "address": "[ADDRESS]",
        "postcode": "[POSTCODE]",
        "plate": "[PLATE]",
        "bank": "[ACCOUNT]",
        "ip": "[IP-ADDRESS]",
        "dob": "[DATE-OF-BIRTH]",
        "record": "[RECORD-NO]",
        "room": "[ROOM]",
        "number": "[NUMBER]",
    },
}

# What the final gate puts for an uncertain item it masks (see ``gate``).
MASKED = {"sv": "[MASKERAT]", "en": "[MASKED]"}

_PLACEHOLDER_RE = re.compile(
    "|".join(
        re.escape(p)
        for p in (*(p for lang in PLACEHOLDERS.values() for p in lang.values()), *MASKED.values())
    )
)
# When two candidates cover exactly the same text, the earlier type here wins.
_PRIORITY_ORDER = (
    "email", "id_number", "phone", "bank", "ip", "dob", "plate", "record", "room", "address",
    "postcode", "number", "name",
)  # fmt: skip
_PRIORITY = {t: i for i, t in enumerate(_PRIORITY_ORDER)}
# Types whose text is a number: a number the caller allows (112, the protocol's own) is kept.
_NUMERIC_TYPES = frozenset({"id_number", "phone", "postcode", "bank", "record", "number"})


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
    rules.find_plates,
    rules.find_national_ids,
    rules.find_bank,
    rules.find_ips,
    rules.find_dates_of_birth,
    rules.find_records,
    rules.find_rooms,
)
_ALWAYS: tuple[Callable[[str], Iterable[patterns.Candidate]], ...] = (
    patterns.find_emails,
    rules.find_obfuscated_emails,
    patterns.find_addresses,
    _names,
)
_DIGIT_RE = re.compile(r"\d")
_NON_DIGIT_RE = re.compile(r"\D")


def _overlaps(covered: bytes | bytearray, start: int, end: int) -> bool:
    return covered.find(1, start, end) != -1


def _check_lang(lang: str) -> None:
    if lang not in PLACEHOLDERS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {sorted(PLACEHOLDERS)}")


def _candidates(view: View, allowed: frozenset[str]) -> Iterator[patterns.Candidate]:
    """Every recogniser's candidates on one view, as spans of the typed text."""
    text = view.text
    numeric = _DIGIT_RE.search(text) is not None
    recognisers = _NUMERIC + _ALWAYS if numeric else _ALWAYS
    for recognise in recognisers:
        for typ, s, e in recognise(text):
            if e > s:
                yield (typ, *view.span(s, e))
    if numeric:
        for typ, s, e in rules.find_long_numbers(text, allowed):
            if rules.phone_with_country_code(text, s, e):
                typ = "phone"
            yield (typ, *view.span(s, e))


def _allowed_number(text: str, typ: str, s: int, e: int, allowed: frozenset[str]) -> bool:
    return typ in _NUMERIC_TYPES and _NON_DIGIT_RE.sub("", text[s:e]) in allowed


def find(text: str, lang: str = "sv", allowed: Iterable[str] = ()) -> list[Finding]:
    """Return the personal data found in ``text``: non-overlapping and sorted by position.

    The recognisers run on the text as a reader sees it (see ``normalise``): zero-width
    characters, soft hyphens, full-width digits, unusual dashes and spaces, HTML and Markdown
    cannot hide a number or a name; offsets are into ``text`` as given. All recognisers run
    whatever ``lang`` is (a Swedish name in English text is still found). ``allowed`` numbers
    (the protocol's own, such as 112 and 1177, are always allowed) are not masked. Placeholders
    left by an earlier scrub are never matched, so scrubbing is idempotent.
    """
    _check_lang(lang)
    if not text:
        return []
    ok = rules.allowed_digits(allowed)
    # covered[i] = 1 when character i is taken: by an earlier placeholder (never matched again)
    # or by a finding already kept. One byte a character keeps every overlap check O(length).
    covered = bytearray(len(text))
    if "[" in text:
        for m in _PLACEHOLDER_RE.finditer(text):
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    placeholders = bytes(covered)
    candidates = {
        c
        for view in views(text)
        for c in _candidates(view, ok)
        if not _overlaps(placeholders, c[1], c[2]) and not _allowed_number(text, *c, ok)
    }
    # Longest first, then by type priority: a phone number beats the postcode-shaped part of it.
    taken: list[Finding] = []
    for typ, s, e in sorted(candidates, key=lambda c: (-(c[2] - c[1]), _PRIORITY[c[0]], c[1])):
        if not _overlaps(covered, s, e):
            covered[s:e] = b"\x01" * (e - s)
            taken.append(Finding(typ, s, e))
    for f in list(taken):
        extra = patterns.postcode_after(text, f.end) if f.type == "address" else None
        if extra and not _overlaps(covered, extra[1], extra[2]):
            covered[extra[1] : extra[2]] = b"\x01" * (extra[2] - extra[1])
            taken.append(Finding(*extra))
    taken.sort(key=lambda f: f.start)
    return taken


def scrub(text: str, lang: str = "sv", allowed: Iterable[str] = ()) -> ScrubResult:
    """Mask personal data in ``text`` with typed placeholders in ``lang`` ("sv" or "en");
    ``allowed``: numbers to keep besides 112, 1177 and the like (see :func:`find`)."""
    findings = find(text, lang, allowed)
    labels = PLACEHOLDERS[lang]
    out: list[str] = []
    pos = 0
    for f in findings:
        out.append(text[pos : f.start])
        out.append(labels[f.type])
        pos = f.end
    out.append(text[pos:])
    return ScrubResult("".join(out), tuple(findings))


def paragraphs(read: Callable[[int], str], limit: int = 1 << 18) -> Iterator[str]:
    """Cut a text stream into pieces to scrub one at a time, so memory stays bounded.

    ``read(n)`` returns up to ``n`` characters ("" at the end), as ``file.read`` does. A piece
    ends after a blank line (no recogniser reads across one); a paragraph longer than ``limit``
    characters is cut at its last line break, else at its last space, else where it is.
    """
    buf = ""
    while True:
        block = read(limit)
        buf += block
        while True:
            cut = buf.rfind("\n\n", 0, limit) if len(buf) > limit else buf.rfind("\n\n")
            if cut != -1:
                cut += 2
            elif len(buf) > limit:
                cut = buf.rfind("\n", 0, limit) + 1 or buf.rfind(" ", 0, limit) + 1 or limit
            else:
                break
            yield buf[:cut]
            buf = buf[cut:]
        if not block:
            break
    if buf:
        yield buf


def scrub_stream(
    read: Callable[[int], str], lang: str = "sv", allowed: Iterable[str] = ()
) -> Iterator[ScrubResult]:
    """Scrub a text stream piece by piece (see :func:`paragraphs`): each result's findings are
    offsets into its own piece. Memory stays bounded however long the stream is."""
    _check_lang(lang)
    for piece in paragraphs(read):
        yield scrub(piece, lang, allowed)
