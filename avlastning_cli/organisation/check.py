"""Values are checked when they are entered, not when they are printed.

A value is free text ("Anna Andersson, 070-123 45 67", "din egen vårdcentral", "via
sjukhusets växel 031-342 10 00"), so each part of it is checked for what it looks like:

- a phone number must be one: parsed with ``phonenumbers`` (Swedish numbers by default,
  ``+`` for others); short national numbers such as 112, 1177, 90101 and 116 111 are valid;
- a web address (``https://…``, ``www.…``) must be a whole web address;
- ``<`` and ``>`` are refused: a filled-in contact must never look like markup;
- a blank is a blank: the place stays unfilled (a write-in line on paper).

Every message is in the coordinator's language and says what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from avlastning_cli.ui.labels import labels

MAX_LENGTH = 300
REGION = "SE"

#: digits with single spaces, hyphens or a "(0)" between them, maybe after a "+";
#: not part of a time (08.00), a date (2026-12-01) or a word
PHONE = re.compile(r"(?<![\w.:,/+-])\+?\d(?:[ \-]?(?:\(\d\)|\d))+(?![\w]|[.:,]\d)")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:/+|www\.|https?\b)", re.IGNORECASE)
HOST = re.compile(r"^(?:[\w-]+\.)+[^\W\d_]{2,}$")


def problem(value: str, language: str) -> str | None:
    """Why ``value`` cannot be saved, or None when it can (a blank always can)."""
    L = labels(language)
    text = " ".join(value.split())
    if not text:
        return None
    if "<" in text or ">" in text:
        return L["org_no_markup"]
    if len(text) > MAX_LENGTH:
        return L["org_too_long"].format(n=MAX_LENGTH)
    for token in text.split():
        word = token.rstrip(".,;:)!?”\"'").lstrip("(“\"'")
        if URLISH.match(word) and not _good_url(word):
            return L["org_bad_url"].format(value=word)
    for match in PHONE.finditer(text):
        why = _phone_problem(match.group(0), L)
        if why:
            return why
    return None


def _good_url(word: str) -> bool:
    if "://" not in word:
        if word.lower().startswith("http"):
            return False  # "http:/x.se", "https//x.se"
        word = "https://" + word
    try:
        parts = urlsplit(word)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return False
    return bool(HOST.match(parts.hostname)) and "@" not in parts.netloc


def _phone_problem(raw: str, L: Mapping[str, str]) -> str | None:
    import phonenumbers
    from phonenumbers import shortnumberinfo

    digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    if DATE.match(raw):
        return None
    looks_like_phone = raw.startswith(("+", "0")) or len(digits) >= 6
    try:
        number = phonenumbers.parse(raw.replace("(0)", ""), REGION)
    except phonenumbers.NumberParseException:
        return (
            L["org_bad_phone"].format(value=raw, why=L["org_phone_unreadable"])
            if (looks_like_phone)
            else None
        )
    if phonenumbers.is_valid_number(number):
        return None
    if shortnumberinfo.is_valid_short_number_for_region(number, REGION):
        return None
    if not looks_like_phone:
        return None  # a room, a year, a postcode: not a phone number
    reason = phonenumbers.is_possible_number_with_reason(number)
    why = {
        phonenumbers.ValidationResult.TOO_SHORT: L["org_phone_short"],
        phonenumbers.ValidationResult.INVALID_LENGTH: L["org_phone_length"],
        phonenumbers.ValidationResult.TOO_LONG: L["org_phone_long"],
    }.get(reason, L["org_phone_invalid"])
    return L["org_bad_phone"].format(value=raw, why=why)
