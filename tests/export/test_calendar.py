"""The follow-up calendar file: written beside the summary, neutral, reproducible, scanned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from avlastning_cli.errors import PrivacyError
from avlastning_cli.export import calendar
from avlastning_cli.export.summary import (
    HeldSummary,
    build_summary,
    write_summary,
    write_summary_files,
)
from avlastning_cli.i18n import tr
from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.session.state import new_state
from tests.conftest import PROTOCOLS


def _summary(lang: str, out: Path, follow_up: str | None) -> tuple[object, HeldSummary]:
    path = PROTOCOLS / f"avlastningssamtal.{lang}.yaml"
    protocol = load_protocol(path)
    state = new_state(
        "live", protocol.id, protocol.version, lang, path, out, now=dt.datetime(2025, 3, 4, 15)
    )
    state.answers[f.PARTICIPANTS] = 6
    if follow_up:
        state.answers[f.key("next_steps", f.FOLLOW_UP_DATE)] = follow_up
    return protocol, build_summary(protocol, state)


def _event(data: bytes):  # type: ignore[no-untyped-def]
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 1
    return events[0]


@pytest.mark.parametrize(("lang", "title"), [("sv", "Uppföljning"), ("en", "Follow-up")])
def test_ics_written_beside_summary_with_neutral_title(
    tmp_path: Path, lang: str, title: str
) -> None:
    protocol, summary = _summary(lang, tmp_path, "2025-03-07")
    files = write_summary_files(protocol, summary, tmp_path)  # type: ignore[arg-type]

    assert files.ics is not None
    assert files.ics == files.json.with_suffix(".ics")
    event = _event(files.ics.read_bytes())
    assert event.decoded("dtstart") == dt.date(2025, 3, 7)
    assert event.decoded("dtend") == dt.date(2025, 3, 8)
    assert str(event["summary"]) == title
    # the protocol's follow-up text, then the first next-steps contact (the manager)
    expected = {
        "sv": [
            "Uppföljning efter avlastningssamtal. Följ upp igen om cirka 4 veckor.",
            "Närmaste chef: <fyll i: chefens namn och telefonnummer>",
        ],
        "en": [
            "Follow-up after defusing. Follow up again in about 4 weeks.",
            "Your manager: <fill in: the manager's name and phone number>",
        ],
    }
    assert str(event["description"]).splitlines() == expected[lang]
    alarm = event.walk("VALARM")[0]
    assert alarm.decoded("trigger") == dt.timedelta(hours=8)
    assert str(alarm["action"]) == "DISPLAY"


def test_ics_holds_nothing_of_the_session(tmp_path: Path) -> None:
    protocol, summary = _summary("sv", tmp_path, "2025-03-07")
    data = summary.to_data()  # the calendar reads the summary's JSON form
    data["lessons"] = "Larmkedjan behöver en genväg på avdelningen."
    raw = calendar.follow_up_ics(protocol, data)  # type: ignore[arg-type]
    text = calendar.ics_text(raw)
    assert "Larmkedjan" not in text
    assert "6" not in str(_event(raw)["description"])  # not even the number of participants
    assert "CLASS:PRIVATE" in text


def test_ics_is_reproducible_and_uid_follows_the_summary(tmp_path: Path) -> None:
    protocol, model = _summary("en", tmp_path, "2025-03-07")
    summary = model.to_data()
    one = calendar.follow_up_ics(protocol, summary)  # type: ignore[arg-type]
    two = calendar.follow_up_ics(protocol, dict(summary))  # type: ignore[arg-type]
    assert one == two
    assert _event(one).decoded("dtstamp") == dt.datetime(2025, 3, 4, tzinfo=dt.UTC)
    other = dict(summary, participants=7)
    assert str(_event(calendar.follow_up_ics(protocol, other))["uid"]) != str(  # type: ignore[arg-type]
        _event(one)["uid"]
    )


def test_no_follow_up_date_no_calendar_file(tmp_path: Path) -> None:
    protocol, summary = _summary("sv", tmp_path, None)
    files = write_summary_files(protocol, summary, tmp_path)  # type: ignore[arg-type]
    assert files.ics is None
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".md"]


def test_write_summary_keeps_its_pair_and_writes_ics_too(tmp_path: Path) -> None:
    protocol, summary = _summary("sv", tmp_path, "2025-03-07")
    result = write_summary(protocol, summary, tmp_path)  # type: ignore[arg-type]
    assert len(result) == 2
    md, js = result
    assert js.suffix == ".json" and js.stem == md.stem
    assert md.with_suffix(".ics").is_file()
    # a second summary of the same day never overwrites: the trio moves on to -2
    again = write_summary_files(protocol, summary, tmp_path)  # type: ignore[arg-type]
    assert again.ics is not None and again.ics.name.endswith("-2.ics")
    assert md.with_suffix(".ics").read_bytes() == again.ics.read_bytes()


def test_privacy_scan_blocks_personal_data_in_the_calendar_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    protocol, summary = _summary("sv", tmp_path, "2025-03-07")
    real = calendar.follow_up_ics

    def leaky(p, s):  # type: ignore[no-untyped-def]
        data = real(p, s).decode()
        # long enough to be folded over two lines and the number split by the fold
        line = "DESCRIPTION:" + "x" * 60 + ", ring Anna Lindqvist på 070-123 45 67\r\n"
        return data.replace("BEGIN:VALARM", _fold(line) + "BEGIN:VALARM").encode()

    monkeypatch.setattr(calendar, "follow_up_ics", leaky)
    with pytest.raises(PrivacyError, match="personuppgifter"):
        write_summary_files(protocol, summary, tmp_path)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def _fold(line: str) -> str:
    body = line.rstrip("\r\n")
    parts = [body[i : i + 74] for i in range(0, len(body), 74)]
    return "\r\n ".join(parts) + "\r\n"


def _by_icalendar(protocol, summary) -> bytes:  # type: ignore[no-untyped-def]
    """The same event built with the icalendar library, as the reference."""
    from icalendar import Alarm, Event

    day = calendar.follow_up_date(summary)
    assert day is not None
    title = tr("calendar.title", protocol.language)
    cal = Calendar()
    cal.add("prodid", calendar.PRODID.format(lang=protocol.language.upper()))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", calendar._uid(summary))
    written = dt.date.fromisoformat(summary["date"])
    event.add("dtstamp", dt.datetime.combine(written, dt.time(0, 0), tzinfo=dt.UTC))
    event.add("dtstart", day)
    if day < dt.date.max:
        event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", title)
    text = calendar.description(protocol, summary)
    if text:
        event.add("description", text)
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", calendar.REMINDER)
    event.add_component(alarm)
    cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(
    "follow_up_text",
    [
        None,
        "Träffas igen; ta med: frågor, tankar\\funderingar\noch kaffe",
        "å" * 100 + "," + "x" * 80,
        "a" * 73 + "ö" + "b" * 200,
    ],
    ids=["bundled", "escapes", "long-utf8", "fold-at-a-character"],
)
def test_the_hand_written_ics_is_what_icalendar_writes(
    tmp_path: Path, lang: str, follow_up_text: str | None
) -> None:
    protocol, model = _summary(lang, tmp_path, "2025-03-07")
    summary = model.to_data()  # the calendar reads the summary's JSON form
    if follow_up_text is not None:
        sections = []
        for s in protocol.sections:  # type: ignore[attr-defined]
            if getattr(s, "follow_up", None) is not None:
                new = s.follow_up.model_copy(update={"text": follow_up_text})
                s = s.model_copy(update={"follow_up": new})
            sections.append(s)
        protocol = protocol.model_copy(update={"sections": sections})  # type: ignore[attr-defined]
    ours = calendar.follow_up_ics(protocol, summary)  # type: ignore[arg-type]
    assert ours == _by_icalendar(protocol, summary)
    assert all(len(line) <= 75 for line in ours.split(b"\r\n"))
    event = _event(ours)
    if follow_up_text is not None:
        assert str(event["description"]).startswith(follow_up_text)
