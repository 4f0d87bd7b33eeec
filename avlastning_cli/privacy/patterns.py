"""Regex recognisers for identity numbers, phone numbers, e-mail, street addresses, postcodes.

Each recogniser yields ``(type, start, end)`` candidates; the scrubber resolves overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Candidate = tuple[str, int, int]

# --- personnummer / samordningsnummer -------------------------------------------------------
# Date-shaped: (cc)yymmdd with month 01-12 and day 01-31 (or 61-91 for samordningsnummer), then
# "-", "+", one space or nothing, then four digits. The checksum is deliberately NOT required:
# a typo must not leak.
_ID_RE = re.compile(
    r"(?<![\w+\-])"
    r"(?P<cc>(?:19|20)?)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"(?P<sep>\x20?[-+]\x20?|\x20)?\d{4}(?![\d])(?!-\d)"
    # typed with spaces in the date: "36 04 02-5704" (only with the dash, else a phone's shape)
    r"|(?<![\w+\-])(?:19|20)?\d{2}\x20(?:0[1-9]|1[0-2])\x20(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])"
    r"\x20?[-+]\x20?\d{4}(?![\d])(?!-\d)"
)
# NHS number: 3-3-4 digits with a modulus-11 check digit.
_NHS_RE = re.compile(r"(?<![\w+\-])\d{3}([\x20-]?)\d{3}\1\d{4}(?![\w\-])")


def _nhs_ok(s: str) -> bool:
    d = [int(c) for c in s if c.isdigit()]
    check = 11 - sum(x * (10 - k) for k, x in enumerate(d[:9])) % 11
    return check != 10 and (check % 11) == d[9]


_DIGIT_RE = re.compile(r"\d")


def find_id_numbers(text: str) -> Iterator[Candidate]:
    if not _DIGIT_RE.search(text):
        return
    for m in _ID_RE.finditer(text):
        raw = m.group()
        if not m.group("sep") and not m.group("cc") and raw.startswith("0"):
            # 0701234567: a phone number far more often; the phone recogniser takes it.
            continue
        yield ("id_number", m.start(), m.end())
    for m in _NHS_RE.finditer(text):
        if not m.group().startswith("0") and _nhs_ok(m.group()):
            yield ("id_number", m.start(), m.end())


# --- phone numbers --------------------------------------------------------------------------
# Possessive digit groups: a run of digits is cut into groups one way only. Backtracking over
# every way to cut "1111…1 1111…1" into groups made a long spaced run cost seconds (issue 16);
# the greedy cut reaches every end the backtracking one could, with the fewest groups.
_GROUP = r"(?:\(\d{1,4}\)|\d{1,5}+)"
_PHONE_RE = re.compile(
    rf"(?<![\w+\-.,:/])(?:\+\s?|00)?{_GROUP}(?:(?:\x20?-\x20?|[\x20\u00a0.])?{_GROUP}){{1,7}}"
    r"(?!\d)"
)
_GROUPS_RE = re.compile(r"\(\d+\)|\d+")
_DATE_LIKE = re.compile(r"^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$|^\d{1,2}\.\d{2}$")
_US_LOCAL = re.compile(r"^\(\d{3}\)\s?\d{3}-\d{4}$")


def _phone_ok(s: str) -> bool:
    if _DATE_LIKE.match(s):
        return False
    digits = re.sub(r"\D", "", s)
    if s.startswith("+") or s.startswith("00"):
        national = digits[2:] if s.startswith("00") else digits
        return 8 <= len(national) <= 15
    if digits.startswith("0"):
        if "." in s and not re.search(r"\d{3}", s):
            return False
        # 11 digits: a UK number ("07700 900123", "0161 496 0000"); Swedish ones have at most 10
        return 8 <= len(digits) <= 10 or (len(digits) == 11 and digits[1] in "1237")
    return bool(_US_LOCAL.match(s))


def find_phones(text: str) -> Iterator[Candidate]:
    if not _DIGIT_RE.search(text):
        return
    for m in _PHONE_RE.finditer(text):
        s = m.group()
        if not (s.startswith(("+", "0", "("))):
            continue
        ends = [g.end() for g in _GROUPS_RE.finditer(s)]
        for end in reversed(ends):  # longest valid prefix wins (drops trailing numbers)
            if _phone_ok(s[:end]):
                yield ("phone", m.start(), m.start() + end)
                break


# --- e-mail ---------------------------------------------------------------------------------
# The local part may hold an apostrophe ("mary-kate.o'brien@…") but starts with a letter or digit.
_EMAIL_RE = re.compile(r"(?<![\w.+\-'])[\w.+\-]++(?:'[\w.+\-]+)*@[\w\-]+(?:\.[\w\-]+)+")


def find_emails(text: str) -> Iterator[Candidate]:
    if "@" not in text:
        return
    for m in _EMAIL_RE.finditer(text):
        end = m.end()
        while text[end - 1] in ".-":
            end -= 1
        yield ("email", m.start(), end)


# --- street addresses -----------------------------------------------------------------------
_SV_SUFFIX = (
    "gatan|gata|vägen|väg|gränden|gränd|stigen|torget|torg|backen|backe|allén|allé|leden|"
    "platsen|promenaden|kajen|slingan|gången|ringen|stråket|esplanaden|liden|längan|vägen|"
    "gårdsväg|strand|stranden|hagen|ängen|plan"
)
_UP = "A-ZÅÄÖÉÜ"
_LO = "a-zåäöéüß"
_SV_EXTRA = (
    rf"(?:,?\x20(?:\d{{1,2}}\x20?(?:tr|trappor|trappa|vån|våningen)\b\.?|"
    rf"lgh\.?\x20?\d{{3,4}}\b|lägenhet\x20\d{{1,4}}\b|[{_UP}]\b))*"
)
_SV_STREET_RE = re.compile(
    rf"(?:\b[{_UP}][{_LO}]+\x20)?\b[{_UP}{_LO}][{_LO}]*?(?:{_SV_SUFFIX})"
    rf"\x20\d{{1,4}}(?:\x20?[A-Za-z](?![{_LO}\d]))?(?:-\d{{1,4}})?{_SV_EXTRA}"
)
_SV_STREET_SPLIT_RE = re.compile(
    rf"\b[{_UP}][{_LO}]+\x20(?:gatan|vägen|gränd|torget|backen|allén|stigen)"
    rf"\x20\d{{1,4}}(?:\x20?[A-Za-z](?![{_LO}\d]))?{_SV_EXTRA}"
)
_EN_SUFFIX = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Way|Court|Ct|Place|Pl|Crescent|Terrace|"
    "Gardens|Grove|Square|Boulevard|Blvd|Hill|Row|Walk|Mews|Park|Parade|Rise|View|Green|Path|"
    "Gate|Wharf|Quay|Yard|Circle|Highway|Parkway|Alley|Heights|Meadows?|Vale"
)
_EN_STREET_RE = re.compile(
    r"(?:\b(?:Flat|Apartment|Apt\.?|Unit)\x20\d{1,4}[A-Za-z]?,?\x20)?"
    rf"\b\d{{1,4}}[A-Za-z]?,?\x20(?:[{_UP}][\w'’]+\x20){{1,3}}(?:{_EN_SUFFIX})\b\.?"
)
_FRAGMENT_RE = re.compile(
    r"\b(?:\d{1,2}\x20?(?:tr|trappor)\b\.?|lgh\.?\x20?\d{3,4}\b|lägenhet\x20\d{1,4}\b"
    r"|(?:Flat|Apartment|Apt\.?|Unit|Suite)\x20\d{1,4}[A-Za-z]?\b"
    r"|(?:Box|Postbox|PO\x20Box|P\.O\.\x20Box)\x20\d{1,6}\b)"
)
_CO_RE = re.compile(rf"(?=c)\bc/o\x20[{_UP}][\w\-'’]+(?:\x20[{_UP}][\w\-'’]+)*")


# Cheap checks that decide whether the expensive street patterns need to run at all.
# Where a Swedish street may end: a space and a digit right after a street suffix. Found from
# the (rarer) space-and-digit, then the word before it is checked.
_SPACE_DIGIT_RE = re.compile(r"\x20(?=\d)")
_SV_SUFFIXES = tuple(_SV_SUFFIX.split("|"))
# Two separate searches, not ``\d … .*? … Street``: that lazy scan restarted at every digit and
# made "1 A 1 A …" on one line quadratic (issue 16). The hint only decides whether to run
# _EN_STREET_RE, which needs both parts anyway.
_EN_HINT_NUMBER_RE = re.compile(rf"\d[A-Za-z]?,?\x20[{_UP}]")
_EN_HINT_SUFFIX_RE = re.compile(rf"(?=[SRALDWCPTGBHMVQYF])\b(?:{_EN_SUFFIX})\b")


def find_addresses(text: str) -> Iterator[Candidate]:
    if "c/o" in text:
        for m in _CO_RE.finditer(text):
            yield ("address", m.start(), m.end())
    if not _DIGIT_RE.search(text):
        return
    rxs = [_FRAGMENT_RE]
    if _EN_HINT_SUFFIX_RE.search(text) and _EN_HINT_NUMBER_RE.search(text):
        rxs.append(_EN_STREET_RE)
    for rx in rxs:
        for m in rx.finditer(text):
            yield ("address", m.start(), m.end())
    yield from _sv_streets(text)


def _sv_streets(text: str) -> Iterator[Candidate]:
    """Swedish streets, looked for only around a street ending followed by a number (the
    costly patterns then read a few hundred characters, not the whole text)."""
    seen: set[tuple[int, int]] = set()
    done = 0
    for hint in _SPACE_DIGIT_RE.finditer(text):
        if not text.endswith(_SV_SUFFIXES, 0, hint.start()):
            continue
        start = max(done, hint.start() - 120)
        end = min(len(text), hint.end() + 121)
        for rx in (_SV_STREET_RE, _SV_STREET_SPLIT_RE):
            for m in rx.finditer(text, start, end):
                if (m.start(), m.end()) not in seen:
                    seen.add((m.start(), m.end()))
                    yield ("address", m.start(), m.end())
        done = max(done, hint.start() - 120)


# --- postcodes ------------------------------------------------------------------------------
_SAFE_NUMBERS = frozenset({"113 13", "114 14", "112 12", "116 111", "116 117"})
_SV_POSTCODE_RE = re.compile(
    r"(?=[1-9S])(?<![\w\-+,.:/])(?:SE-?\x20?)?[1-9]\d{2}\x20\d{2}(?![\w\-])(?!\x20\d)"
)
_SV_POSTCODE5_RE = re.compile(
    rf"(?=[1-9S])(?<![\w\-+,.:/])(?:SE-?\x20?)?[1-9]\d{{4}}(?=\x20+[{_UP}][{_LO}]+)(?![\w])"
)
_SE_PREFIXED_RE = re.compile(r"(?=S)\bSE-?\x20?[1-9]\d{4}\b")
_UK_POSTCODE_RE = re.compile(r"(?=[A-Z])\b[A-Z]{1,2}\d[A-Z\d]?\x20?\d[A-Z]{2}\b")
_US_ZIP_RE = re.compile(r"(?=\d)(?<=\b[A-Z]{2}\x20)\d{5}(?:-\d{4})?\b")


_AFTER_ADDRESS_RE = re.compile(r"\A,?\x20?(?:SE-?\x20?)?(\d{3}\x20?\d{2})(?![\w])")


def postcode_after(text: str, end: int) -> Candidate | None:
    """A 5-digit number right after a street address ("..., 41301") is a postcode."""
    m = _AFTER_ADDRESS_RE.match(text[end : end + 16])
    if m and m.group(1) not in _SAFE_NUMBERS:
        return ("postcode", end + m.start(1), end + m.end(1))
    return None


def find_postcodes(text: str) -> Iterator[Candidate]:
    if not _DIGIT_RE.search(text):
        return
    for m in _SV_POSTCODE_RE.finditer(text):
        if m.group() in _SAFE_NUMBERS:
            continue
        yield ("postcode", m.start(), m.end())
    for rx in (_SV_POSTCODE5_RE, _SE_PREFIXED_RE, _UK_POSTCODE_RE, _US_ZIP_RE):
        for m in rx.finditer(text):
            yield ("postcode", m.start(), m.end())
