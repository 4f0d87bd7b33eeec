"""Recognisers for the kinds issue 14 found leaking, and the fallback for long numbers.

Each yields ``(type, start, end)`` candidates on a normalised view (see ``normalise``); the
scrubber resolves overlaps. Types: ``plate``, ``bank``, ``ip``, ``dob``, ``record``, ``room``,
``email`` (obfuscated), ``phone`` (with a country code) and ``number``, the fallback: any run of
six or more digits, whatever the separators, unless it has a shape that is allowed.
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from .patterns import Candidate


def _first_letters(alternatives: str) -> str:
    """A lookahead for the first letters of a list of key words ("konto|clearing|…"): it lets
    the regex engine skip quickly to where a key word can start (about twice as fast)."""
    firsts: set[str] = set()
    depth = 0
    start = True
    for c in alternatives:
        if start and c.isalpha():
            firsts |= {c.lower(), c.upper()}
        start = False
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            start = True
    return "(?=[" + "".join(sorted(firsts)) + "])"


# --- the fallback: six or more digits whatever the separators ---------------------------------
# A run: digits joined by up to three separator characters (a line break among them: a number
# split over two lines). Possessive, so a long spaced run is read once.
_SEP = r"[\x20\t\-./_:()+\n]"
_RUN_RE = re.compile(rf"\d++(?:{_SEP}{{1,3}}+\d++)*+")
_NON_DIGIT = re.compile(r"\D")

# Numbers a protocol or a lesson names on purpose; the caller adds the protocol's own.
DEFAULT_ALLOWED = frozenset(
    {
        "112",
        "1177",
        "90101",
        "11414",
        "11313",
        "116111",
        "116117",
        "116000",
        "116123",
        "999",
        "111",
        "911",
    }
)
# Shapes that are no personal data: times and time ranges, years and year ranges, dates of
# events (a birth date is caught by its keyword), decimals.
_ALLOWED_SHAPES = re.compile(
    r"(?:[01]?\d|2[0-4])[:.][0-5]\d(?:\x20?-\x20?(?:[01]?\d|2[0-4])[:.][0-5]\d)?"
    r"|(?:19|20)\d\d(?:\x20?[-/]\x20?(?:19|20)?\d\d)?"
    r"|(?:19|20)\d\d-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])"
    r"|\d{1,3}(?:[.,]\d{1,2})?\x20?-\x20?\d{1,3}(?:[.,]\d{1,2})?"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d"  # the date of an event: "12.03.2024"
    r"|(?:19|20)\d\d:\d{1,4}"  # a statute: "SOSFS 2013:22"
    r"|(?:(?:19|20)\d\d|9999)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # compact: "20250307"
    r"|\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])"  # any year: "9999-12-31"
)
# Machine text that is no personal data: a calendar time stamp ("20250304T000000Z") and a hash
# ("4aefed69d85f295aa406357b"): digits inside them are not a number someone typed.
_MACHINE = re.compile(
    r"(?<![\w])\d{8}T\d{4,6}Z?(?![\w])|(?<![\w])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![\w])"
)
# A run followed by a unit is a dose, a sum or a count ("1 000 000 kr", "250 000 mg").
_UNIT_AFTER = re.compile(
    r"\x20?(?:mg|mcg|µg|μg|g|kg|ml|l|dl|cl|e|ie|iu|units?|enheter|kr|kronor|sek|eur|euro|usd|"
    r"gbp|pund|dollar|%|procent|percent|st|styck|personer|people|min|minuter|minutes|timmar|"
    r"hours|tim|sekunder|seconds|km|m|meter|metres|meters|dagar|days|år|years|mmhg|mmol)\b",
    re.I,
)


def allowed_digits(allowed: Iterable[str]) -> frozenset[str]:
    """The digits of the allowed numbers, with the defaults (112, 1177…)."""
    extra = {_NON_DIGIT.sub("", a) for a in allowed}
    extra.discard("")
    return DEFAULT_ALLOWED | extra if extra else DEFAULT_ALLOWED


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """A run ends on a digit; it may open with "(" or "+" that belongs to it."""
    if s > 0 and text[s - 1] in "+(":
        s -= 1
    return s, e


def find_long_numbers(text: str, allowed: Iterable[str] = ()) -> Iterator[Candidate]:
    """Runs of six or more digits whatever the separators, unless an allowed shape or number."""
    ok = allowed_digits(allowed)
    machine: list[tuple[int, int]] | None = None  # found once, when first needed
    machine_starts: list[int] = []
    for m in _RUN_RE.finditer(text):
        run = m.group()
        digits = _NON_DIGIT.sub("", run)
        if len(digits) < 6 or digits in ok:
            continue
        if machine is None:
            machine = [(x.start(), x.end()) for x in _MACHINE.finditer(text)]
            machine_starts = [s for s, _e in machine]
        k = bisect_right(machine_starts, m.start()) - 1
        if k >= 0 and m.start() < machine[k][1]:
            continue
        if _ALLOWED_SHAPES.fullmatch(run) or _UNIT_AFTER.match(text, m.end()):
            continue
        if all(_NON_DIGIT.sub("", p) in ok for p in re.split(r"[\x20\n]", run) if p.strip()):
            continue  # "112 1177" side by side
        card = 13 <= len(digits) <= 19 and luhn_ok(digits)  # a card number: Luhn holds
        yield ("bank" if card else "number", *_trim(text, m.start(), m.end()))


def phone_with_country_code(text: str, s: int, e: int) -> bool:
    """A long number written with a country code that `phonenumbers` finds possible."""
    if not (text.startswith("+", s) or text.startswith("00", s)):
        return False
    import phonenumbers  # lazy: only for numbers that look international

    raw = text[s:e]
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(raw, None)))
    except phonenumbers.NumberParseException:
        return False


# --- licence plates -------------------------------------------------------------------------
# Swedish "ABC 123", "ABC 12D"; British "AB12 CDE"; North American "7ABC123"; short "KJH 87".
_PLATE_RE = re.compile(
    r"(?=[A-ZÅÄÖ\d])\b(?:[A-ZÅÄÖ]{3}[\x20-]?\d{2}[A-Z\d]|[A-ZÅÄÖ]{3}\x20?\d[A-Z]\d|[A-Z]{3}\x20\d{2}"
    r"|[A-Z]{2}\d{2}\x20?[A-Z]{3}|\d[A-Z]{3}\d{3})\b(?![.,:]\d)"
)
# Three capitals that are abbreviations, not the letters of a plate ("SOS 112", "CPR 30").
_NOT_PLATE = frozenset(
    "SOS CPR HLR NHS IVA BUP PKL LSS FRG BVC MVC AFA LVM LPT LVU EKG ECG ICU DNR BMA APT RTC "
    "COP USA ICA GCS CAD LAB ORD REF SMS MMS PIN VAB FHV BHV SSK USK APT MIG KBT".split()
)


def find_plates(text: str) -> Iterator[Candidate]:
    for m in _PLATE_RE.finditer(text):
        letters = re.match(r"\d?([A-ZÅÄÖ]+)", m.group())
        if letters and letters.group(1) in _NOT_PLATE:
            continue
        yield ("plate", m.start(), m.end())


# --- bank details ---------------------------------------------------------------------------
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:\x20?[A-Z0-9]{4}){2,7}(?:\x20?[A-Z0-9]{1,3})?\b")
_BANK_WORDS = (
    r"konto(?:nummer|nr|t)?|clearing(?:nummer|nr)?|bankgiro|plusgiro|bg|pg|swish|iban|"
    r"kort(?:nummer|et)?|account(?:\x20number|\x20no\.?)?|acc\.?|sort(?:\x20code)?|routing"
    r"(?:\x20number)?|card(?:\x20number)?|visa|amex|mastercard|bic|swift"
)
_BANK_RE = re.compile(
    rf"{_first_letters(_BANK_WORDS)}\b(?:{_BANK_WORDS})\b[\x20:,.\-]{{0,4}}(?:(?:och|and|nr|no\.?|number|nummer)\x20)?"
    r"(\d[\d\x20\-,./]{2,40}\d)",
    re.I,
)


def iban_ok(s: str) -> bool:
    """The IBAN checksum (mod 97)."""
    raw = s.replace(" ", "")
    moved = raw[4:] + raw[:4]
    try:
        return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
    except ValueError:
        return False


def luhn_ok(digits: str) -> bool:
    """The card checksum (Luhn)."""
    total = 0
    for k, c in enumerate(reversed(digits)):
        d = int(c) * (2 if k % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


# A Swedish clearing number and account: "8327-9, 914 123 456-7".
_CLEARING_RE = re.compile(r"(?<![\d\-])[3-9]\d{3}(?:-\d)?,?\x20\d[\d\x20\-]{4,}\d")
# A British National Insurance number: "QQ 12 34 56 C".
_NINO_RE = re.compile(r"\b[A-Z]{2}\x20?\d{2}\x20?\d{2}\x20?\d{2}\x20?[A-D]\b")


# Cheap tests that decide whether a costly pattern (a long list of key words) needs to run.
_FIVE_DIGITS = re.compile(r"\d(?:[^\d\n]{0,3}+\d){4}")
_FOUR_DIGITS = re.compile(r"\d(?:[^\d\n]{0,3}+\d){3}")
_IPV4_HINT = re.compile(r"\d\.\d{1,3}\.\d")


def find_national_ids(text: str) -> Iterator[Candidate]:
    for m in _NINO_RE.finditer(text):
        yield ("id_number", m.start(), m.end())


def find_bank(text: str) -> Iterator[Candidate]:
    for m in _CLEARING_RE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 10:
            yield ("bank", m.start(), m.end())
    # An IBAN's shape is masked even when its checksum fails: a typo must not leak.
    for m in _IBAN_RE.finditer(text):
        if sum(c.isdigit() for c in m.group()) >= 8:
            yield ("bank", m.start(), m.end())
    if not _FIVE_DIGITS.search(text):
        return
    for m in _BANK_RE.finditer(text):
        run = m.group(1)
        if sum(c.isdigit() for c in run) >= 5 and not _UNIT_AFTER.match(text, m.end(1)):
            yield ("bank", m.start(1), m.end(1))


# --- IP addresses ---------------------------------------------------------------------------
_IPV4_RE = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)")
_IPV6_RE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")


def find_ips(text: str) -> Iterator[Candidate]:
    rxs = [_IPV4_RE] if _IPV4_HINT.search(text) else []
    if text.count(":") >= 2:
        rxs.append(_IPV6_RE)
    for rx in rxs:
        for m in rx.finditer(text):
            try:
                ipaddress.ip_address(m.group())
            except ValueError:
                continue
            yield ("ip", m.start(), m.end())


# --- dates of birth -------------------------------------------------------------------------
_MONTHS = (
    r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|mar(?:s|ch)?|apr(?:il)?|maj|may|jun(?:i|e)?|"
    r"jul(?:i|y)?|aug(?:usti|ust)?|sep(?:t|tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|"
    r"dec(?:ember)?"
)
_DATE = (
    r"\d{1,4}[-./\x20]\d{1,2}(?:[-./\x20]\d{1,4})?"
    r"|\d{6}(?:\d{2})?"
    r"|\d{1,2}/\d{1,2}-\d{2,4}"
    rf"|(?:the\x20)?\d{{1,2}}(?:st|nd|rd|th|:e|:a)?\x20(?:of\x20)?(?:{_MONTHS})\.?,?(?:\x20\d{{2,4}})?"
    rf"|(?:{_MONTHS})\.?\x20\d{{1,2}}(?:st|nd|rd|th)?,?\x20\d{{4}}"
    rf"|(?:{_MONTHS})\x20\d{{4}}"
    r"|(?:19|20)\d{2}"
)
_BIRTH = (
    r"född|födda|fött|föddes|födelsedatum|födelsedag|födelseår|f\.|"
    r"born|date\x20of\x20birth|birth\x20date|birthdate|birthday|d\.?o\.?b\.?|b\."
)
_DOB_RE = re.compile(
    rf"{_first_letters(_BIRTH)}(?<!\w)(?:{_BIRTH})(?!\w)[\x20:,()]{{0,3}}(?:(?:den|on|in|är|is|was|var)\x20){{0,2}}"
    rf"({_DATE})(?![\d])",
    re.I,
)


def find_dates_of_birth(text: str) -> Iterator[Candidate]:
    for m in _DOB_RE.finditer(text):
        yield ("dob", m.start(1), m.end(1))


# --- record and case numbers ----------------------------------------------------------------
_RECORD_WORDS = (
    r"journal(?:nummer|nr|anteckning)?|mrn|ärende(?:nummer|nr|t)?|diarie(?:nummer|nr)|dnr|"
    r"remiss(?:nummer|nr)?|vårdtillfälle|provnummer|kundnummer|ordination|avvikelse(?:n)?|"
    r"anmälan|polisanmälan|lex\x20maria-anmälan|dossiernummer|pat\.?\x20?nr|patient-?id|"
    r"record(?:\x20number|\x20no\.?)?|medical\x20record(?:\x20no\.?)?|case(?:\x20number)?|"
    r"reference|ref\.?|encounter|hospital\x20(?:number|no\.?)|lab\x20number|customer\x20number|"
    r"order|report|chart(?:\x20note)?|incident|datix|synergi|nhs\x20number|passport|"
    r"id(?:\x20number)?|nr|nummer|number|no\.?|registrerades\x20som|logged\x20as"
)
_CODE = r"\#?(?-i:[A-ZÅÄÖ]{0,6})[\x20\-]?\d[\dA-Z]*(?:[\-/.:]\d?[\dA-Z]+)*"
_RECORD_RE = re.compile(
    rf"{_first_letters(_RECORD_WORDS)}(?<!\w)(?:{_RECORD_WORDS})(?!\w)[\x20:]{{0,3}}(?:nr\.?\x20|no\.?\x20|number\x20)?({_CODE})",
    re.I,
)
# A code: capitals, then digits ("P-4412987", "HR-20417", "RX 776512", "AB1234567").
_CODE_RE = re.compile(r"(?<![\w\-])(?:[A-Z]{1,5}[\-\x20]?)\d{5,}(?:[\-/]\d+)*(?![\w\-])")
_YEAR = re.compile(r"(?:19|20)\d\d")


def find_records(text: str) -> Iterator[Candidate]:
    if not _FOUR_DIGITS.search(text):
        return
    for m in _RECORD_RE.finditer(text):
        code = m.group(1)
        digits = _NON_DIGIT.sub("", code)
        if len(digits) >= 4 and not _YEAR.fullmatch(code) and not _ALLOWED_SHAPES.fullmatch(code):
            yield ("record", m.start(1), m.end(1))
    for m in _CODE_RE.finditer(text):
        yield ("record", m.start(), m.end())


# --- room and bed ---------------------------------------------------------------------------
_ROOM_WORDS = (
    r"sal(?:en)?|säng(?:plats)?|rum(?:met)?|lägenhet(?:en)?|lgh|plats|bed(?:\x20space)?|bay|"
    r"room|flat|apartment|apt|cubicle|unit|suite"
)
_ROOM_NO = r"(?:nr\.?\x20?|no\.?\x20?|\#)?\d{1,4}[A-Za-z]?"
_ROOM_MORE = (
    rf"(?:,?\x20(?:på\x20|in\x20|on\x20)?(?:{_ROOM_WORDS}|ward)\x20{_ROOM_NO}"
    r"|,?\x20\d{1,2}\x20?(?:tr|trappor|vån)\b\.?|\x20(?:tr|vån)\.?\x20\d{1,2}"
    r"|,?\x20\d{1,2}(?:st|nd|rd|th)\x20floor)*"
)
_ROOM_RE = re.compile(
    rf"{_first_letters(_ROOM_WORDS + '|ward')}(?<!\w)"
    rf"(?:(?:{_ROOM_WORDS})\x20{_ROOM_NO}|ward\x20\d{{1,4}},?\x20bed\x20\d{{1,4}})"
    rf"{_ROOM_MORE}(?![\w]|[.:,]\d)",
    re.I,
)


# A bed or a home points to one person whatever the sentence says; a room or a ward's bay does
# when a person stands earlier in the same sentence ("Mannen i rum 9", "She was in room 108").
# "Larmknappen i sal 3B fungerade inte" is about the room: the final gate asks about it.
_PERSONAL_ROOM = re.compile(r"säng|bed|lägenhet|lgh|flat|apartment|apt|cubicle|plats \d", re.I)
_PERSON_BEFORE = re.compile(
    r"(?<!\w)(?:hon|han|hen|mannen|kvinnan|patienten|patient|patienter|boende|boenden|brukaren|"
    r"brukare|vårdtagaren|klienten|pojken|flickan|barnet|mamman|pappan|sonen|dottern|personen|"
    r"she|he|her|him|his|patient|resident|client|man|woman|boy|girl|child|mother|father|son|"
    r"daughter|person)(?!\w)[^.!?\n]*\Z",
    re.I,
)


def find_rooms(text: str) -> Iterator[Candidate]:
    for m in _ROOM_RE.finditer(text):
        personal = _PERSONAL_ROOM.search(m.group()) or _PERSON_BEFORE.search(
            text, max(0, m.start() - 80), m.start()
        )
        if personal:
            yield ("room", m.start(), m.end())


# --- obfuscated e-mail ----------------------------------------------------------------------
_TOK = r"[\w+\-]++"
_DOTW = r"(?:\.|\x20\.\x20|\x20(?:dot|punkt)\x20|\x20?[(\[{](?:dot|punkt)[)\]}]\x20?)"
_AT = (
    r"(?:\x20?@\x20?|\x20?[(\[{]\x20?(?:at|a|snabel-?a)\x20?[)\]}]\x20?"
    r"|\x20(?:at|snabel-?a|snabela|att)\x20)"
)
_TLD = r"(?:com|se|net|org|nu|uk|io|info|edu|gov|fi|no|dk|de|eu|us|ca|me|biz|fr|nl)"
_PROVIDERS = (
    r"(?:gmail|hotmail|outlook|yahoo|icloud|live|telia|protonmail|aol|comcast|spray|bredband)"
)
_OBF_EMAIL_RE = re.compile(
    rf"(?<![\w.@])(?:{_TOK}(?:{_DOTW}{_TOK}){{0,4}})"
    rf"{_AT}(?:(?:{_TOK}{_DOTW}){{1,4}}{_TLD}|{_PROVIDERS})(?!\w)",
    re.I,
)
_OBF_HINT = re.compile(r"@|\bat\b|\batt\b|snabel|\((?:a|at)\)|\[at\]|\{at\}", re.I)


def find_obfuscated_emails(text: str) -> Iterator[Candidate]:
    if not _OBF_HINT.search(text):
        return
    for m in _OBF_EMAIL_RE.finditer(text):
        s = m.group()
        # "sa att gmail.com" : a plain word before "att" is a sentence, not a local part
        if re.search(r"\x20att\x20", s, re.I) and not re.search(r"[._\d]", s.split(" ")[0]):
            continue
        yield ("email", m.start(), m.end())
