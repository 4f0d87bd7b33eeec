"""The follow-up as a calendar file (.ics) the leader can open in any calendar.

It holds only what anyone glancing at the leader's calendar may see: a neutral title, the
protocol's own follow-up text and the contact to use. No names, nothing about the incident.
The output is reproducible: the UID is a hash of the summary and the DTSTAMP is the summary's
date, so the same summary always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from avlastning_cli.i18n import tr
from avlastning_cli.protocol import models as m

PRODID = "-//avlastning//avlastning//{lang}"
#: The reminder fires at 08:00 on the day (an all-day event starts at local midnight).
REMINDER = dt.timedelta(hours=8)


def follow_up_date(summary: dict[str, Any]) -> dt.date | None:
    """The summary's follow-up date, or None when none was set."""
    raw = (summary.get("follow_up") or {}).get("date")
    return dt.date.fromisoformat(raw) if raw else None


def _uid(summary: dict[str, Any]) -> str:
    stable = {k: v for k, v in summary.items() if k != "tool"}
    digest = hashlib.sha256(
        json.dumps(stable, ensure_ascii=False, sort_keys=True).encode("utf-8")
    ).hexdigest()
    return f"{digest[:32]}@avlastning"


def description(protocol: m.Protocol, summary: dict[str, Any]) -> str:
    """The protocol's follow-up text, then the first next-steps contact: role and how to reach."""
    lines: list[str] = []
    for section in protocol.sections:
        if isinstance(section, m.NextStepsSection) and section.follow_up is not None:
            lines.append(section.follow_up.text)
            break
    known = {c.id for c in protocol.contacts}
    contact_ids = [c for c in summary["follow_up"].get("next_steps", []) if c in known]
    if not contact_ids:
        contact_ids = [
            c for s in protocol.sections if isinstance(s, m.NextStepsSection) for c in s.contacts
        ]
    if contact_ids:
        contact = protocol.contact(contact_ids[0])
        lines.append(f"{contact.role}: {contact.reach}")
    return "\n".join(lines)


def follow_up_ics(protocol: m.Protocol, summary: dict[str, Any]) -> bytes:
    """An all-day VEVENT on the follow-up date, with a display reminder that morning.

    Written by hand (RFC 5545: CRLF line ends, TEXT escaped, lines folded at 75 octets): it is
    twenty lines, and the icalendar library took longer to import than the rest of writing
    the summary. A test reads the file back with icalendar.

    Raises ValueError if the summary has no follow-up date.
    """
    day = follow_up_date(summary)
    if day is None:
        raise ValueError("the summary has no follow-up date")
    # neutral on purpose: it may show on a shared screen or a phone's lock screen
    title = _escape(tr("calendar.title", protocol.language))
    written = dt.date.fromisoformat(summary["date"])
    text = description(protocol, summary)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID.format(lang=protocol.language.upper())}",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"SUMMARY:{title}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        # without DTEND an all-day event lasts its one day (RFC 5545): the last day has none
        *([f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}"] if day < dt.date.max else []),
        f"DTSTAMP:{written:%Y%m%d}T000000Z",
        f"UID:{_uid(summary)}",
        "CLASS:PRIVATE",
        *([f"DESCRIPTION:{_escape(text)}"] if text else []),
        "TRANSP:TRANSPARENT",  # a reminder, not a meeting: it does not block the day
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{title}",
        f"TRIGGER:PT{REMINDER.seconds // 3600}H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _escape(text: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str, limit: int = 75) -> str:
    """Fold a content line so that no line is longer than ``limit`` octets (a continuation
    line starts with one space), never inside a UTF-8 character."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets >= limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += octets
    parts.append(current)
    return "\r\n ".join(parts)


def ics_text(data: bytes) -> str:
    """The calendar file as plain text for the privacy scan: lines unfolded, escapes undone,
    so that a name folded across two lines or next to an escaped comma is still found."""
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8"))
    return re.sub(r"\\([\\;,nN])", lambda mo: "\n" if mo.group(1) in "nN" else mo.group(1), text)
