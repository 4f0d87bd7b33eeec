"""The anonymised summary: counts, ticks, ids and scrubbed general lessons — never names,
never quotes. Built as one dict (the JSON), rendered as Markdown in the protocol's language,
scanned once more for personal data, and written atomically without overwriting anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from avlastning_cli import __version__
from avlastning_cli.errors import PrivacyError, UserError
from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol import models as m
from avlastning_cli.session.state import SessionState

SCHEMA = "avlastning.summary/1"

LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Sammanfattning",
        "rehearsal": "ÖVNING — inte ett verkligt samtal",
        "protocol": "Protokoll",
        "date": "Datum",
        "duration": "Tid",
        "minutes": "min",
        "participants": "Deltagare",
        "second_leader": "Andra ledare med",
        "steps": "Steg",
        "done": "genomfört",
        "skipped": "överhoppat",
        "checks": "Avbockat",
        "round": "Rundan",
        "spoke": "talade",
        "passed": "avstod",
        "signs": "Varningstecken",
        "flagged": "Markerade",
        "escalated": "Eskalering",
        "none": "inga",
        "not_set": "inget satt",
        "follow_up": "Uppföljning",
        "next_steps": "Nästa steg",
        "follow_up_date": "Datum för uppföljning",
        "lessons": "Lärdomar att ta vidare",
        "redactions": "Maskerade personuppgifter",
        "yes": "ja",
        "no": "nej",
        "not_answered": "inte besvarat",
        "not_counted": "inte räknad (antalet deltagare är inte angivet)",
        "timing": "Tidsåtgång per steg",
        "target": "mål",
        "scenarios": "Scenarier",
        "recommended": "rekommenderat",
        "not_recommended": "inte rekommenderat",
        "self_rating": "Självskattning",
        "privacy_refused": "Sammanfattningen sparades inte: den sista kontrollen hittade "
        "fortfarande personuppgifter ({kinds}).",
        "privacy_refused_hint": "Inget är förlorat: samtalet är sparat. Kör `avlastning resume`, "
        "gå tillbaka till fritextsvaret och skriv om det utan namn eller nummer.",
        "privacy": "Innehåller inga namn eller citat: endast antal, bockar, id och allmänna "
        "lärdomar.",
    },
    "en": {
        "title": "Summary",
        "rehearsal": "REHEARSAL — not a real session",
        "protocol": "Protocol",
        "date": "Date",
        "duration": "Duration",
        "minutes": "min",
        "participants": "Participants",
        "second_leader": "Second leader present",
        "steps": "Steps",
        "done": "done",
        "skipped": "skipped",
        "checks": "Ticked",
        "round": "The round",
        "spoke": "spoke",
        "passed": "passed",
        "signs": "Warning signs",
        "flagged": "Flagged",
        "escalated": "Escalation",
        "none": "none",
        "not_set": "not set",
        "follow_up": "Follow-up",
        "next_steps": "Next steps",
        "follow_up_date": "Follow-up date",
        "lessons": "Lessons to take further",
        "redactions": "Personal data masked",
        "yes": "yes",
        "no": "no",
        "not_answered": "not answered",
        "not_counted": "not counted (the number taking part is not given)",
        "timing": "Time per step",
        "target": "target",
        "scenarios": "Scenarios",
        "recommended": "recommended",
        "not_recommended": "not recommended",
        "self_rating": "Self-rating",
        "privacy_refused": "The summary was not written: the final check still found personal "
        "data ({kinds}).",
        "privacy_refused_hint": "Nothing is lost: the session is saved. Run `avlastning resume`, "
        "go back to the free-text answer and rewrite it without names or numbers.",
        "privacy": "Holds no names or quotes: only counts, ticks, ids and general lessons.",
    },
}


def _answer(protocol: m.Protocol, state: SessionState, mode: f.Mode) -> dict[str, Any]:
    values = f.defaults(protocol, mode)
    values.update(state.answers)
    return values


def build_summary(protocol: m.Protocol, state: SessionState) -> dict[str, Any]:
    """The summary as a JSON-ready dict. Duration is the time spent in the steps, so a
    paused and resumed session sums the same way as an uninterrupted one."""
    mode = state.mode
    values = _answer(protocol, state, mode)
    all_fields = f.fields(protocol, mode)
    by_section: dict[str | None, list[f.Field]] = {}
    for field in all_fields:
        by_section.setdefault(field.section, []).append(field)

    steps = [{"id": s.id, "status": values[f.key(s.id, f.STATUS)]} for s in protocol.sections]
    checks = {
        f.key(s.id, c.id): values[f.key(s.id, c.id)]  # None: not answered
        for s in protocol.sections
        for c in s.checks
    }
    spoke = sum(values[f.key(s.id, f.SPOKE)] for s in protocol.sections_of("round"))
    passed = sum(values[f.key(s.id, f.PASSED)] for s in protocol.sections_of("round"))
    flagged: list[str] = []
    for s in protocol.sections_of("warning_signs"):
        flagged += [i for i in values[f.key(s.id, f.FLAGGED)] if i not in flagged]
    escalations = list(values[f.ESCALATIONS])

    answers: dict[str, Any] = {}
    lessons: list[str] = []
    for s in protocol.sections:
        for q in s.questions:
            field = next(x for x in by_section[s.id] if x.key == f.key(s.id, q.id))
            if not field.applies(values.__getitem__):
                continue
            if field.type == "text":
                text = str(values[field.key]).strip()
                if text:
                    lessons.append(text)
            else:
                answers[field.key] = values[field.key]
    next_steps: list[str] = []
    follow_up_date: str | None = None
    for s in protocol.sections:
        if isinstance(s, m.NextStepsSection):
            next_steps += [c for c in s.contacts if c not in next_steps]
            if s.follow_up is not None:
                follow_up_date = values[f.key(s.id, f.FOLLOW_UP_DATE)] or follow_up_date
    summary: dict[str, Any] = {
        "schema": SCHEMA,
        "mode": mode,
        "protocol": {
            "id": protocol.id,
            "version": protocol.version,
            "language": protocol.language,
            "type": protocol.type,
        },
        "date": state.date,
        "duration_minutes": round(sum(state.seconds.values()) / 60),
        "participants": values[f.PARTICIPANTS],
        "second_leader": values[f.SECOND_LEADER],
        "steps": steps,
        "checks": checks,
        # Turns are counted against the number present: without it, not counted.
        "round": None if values[f.PARTICIPANTS] is None else {"spoke": spoke, "passed": passed},
        "warning_signs": {
            "flagged": flagged,
            "escalated": bool(escalations),
            "escalations": escalations,
        },
        "follow_up": {
            "answers": answers,
            "next_steps": next_steps,
            "date": follow_up_date,
        },
        "lessons": "\n".join(lessons),
        "redactions": state.redactions,
        "tool": {"name": "avlastning", "version": __version__},
    }
    if mode == "rehearsal":
        summary["rehearsal"] = _rehearsal(protocol, state, values)
    return summary


NOT_HELD_LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "not_held": "Samtalet hölls inte",
        "considered": "Ett samtal övervägdes men hölls inte.",
        "reason": "Skäl",
    },
    "en": {
        "not_held": "The session was not held",
        "considered": "A session was considered but not held.",
        "reason": "Reason",
    },
}


def build_not_held(protocol: m.Protocol, reason: str, date: str) -> dict[str, Any]:
    """A record that a session was considered but not held, and why (a reason id from the
    protocol). It has no session fields at all — no participants, steps or lessons — so that
    nothing can mistake it for a held session with zero participants."""
    ids = [r.id for r in protocol.not_held_reasons]
    if reason not in ids:
        import difflib

        close = difflib.get_close_matches(reason, ids, n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        if not ids:
            raise UserError(f"The protocol '{protocol.id}' lists no reasons for not holding it.")
        raise UserError(
            f"'{reason}' is not a reason in the protocol '{protocol.id}'.",
            f"{hint}Valid reasons: {', '.join(ids)}.",
        )
    return {
        "schema": SCHEMA,
        "mode": "not_held",
        "protocol": {
            "id": protocol.id,
            "version": protocol.version,
            "language": protocol.language,
            "type": protocol.type,
        },
        "date": date,
        "not_held": {"reason": reason},
        "tool": {"name": "avlastning", "version": __version__},
    }


def _render_not_held(summary: dict[str, Any], protocol: m.Protocol) -> str:
    t = LABELS[protocol.language] | NOT_HELD_LABELS[protocol.language]
    p = summary["protocol"]
    reason = summary["not_held"]["reason"]
    text = {r.id: r.text for r in protocol.not_held_reasons}.get(reason, reason)
    return "\n".join(
        [
            f"# {t['not_held']}: {protocol.title}",
            "",
            t["considered"],
            "",
            f"- {t['protocol']}: {p['id']} {p['version']} ({p['language']})",
            f"- {t['date']}: {summary['date']}",
            f"- {t['reason']}: {text} ({reason})",
            "",
            "---",
            "",
            t["privacy"],
            "",
        ]
    )


def _rehearsal(protocol: m.Protocol, state: SessionState, values: dict[str, Any]) -> dict[str, Any]:
    timing = [
        {
            "id": s.id,
            "target_minutes": s.minutes,
            "minutes": round(state.seconds.get(s.id, 0.0) / 60, 1),
        }
        for s in protocol.sections
    ]
    scenarios = []
    for sc in protocol.scenarios:
        choice = values.get(f.key(f.SCENARIO, sc.id))
        picked = next((c for c in sc.choices if c.id == choice), None)
        scenarios.append(
            {"id": sc.id, "choice": choice, "recommended": bool(picked and picked.recommended)}
        )
    rating = {q.id: values.get(f.key(f.SELF_RATING, q.id)) for q in protocol.self_rating}
    return {"timing": timing, "scenarios": scenarios, "self_rating": rating}


def _or(value: Any, t: dict[str, str]) -> str:
    return t["not_answered"] if value is None else str(value)


def render_markdown(summary: dict[str, Any], protocol: m.Protocol) -> str:
    """The same content as the JSON, for people, in the protocol's language."""
    if summary["mode"] == "not_held":
        return _render_not_held(summary, protocol)
    t = LABELS[protocol.language]
    yes_no = {True: t["yes"], False: t["no"], None: t["not_answered"]}
    titles = {s.id: s.title for s in protocol.sections}
    lines = [f"# {t['title']}: {protocol.title}", ""]
    if summary["mode"] == "rehearsal":
        lines += [f"**{t['rehearsal']}**", ""]
    p = summary["protocol"]
    lines += [
        f"- {t['protocol']}: {p['id']} {p['version']} ({p['language']})",
        f"- {t['date']}: {summary['date']}",
        f"- {t['duration']}: {summary['duration_minutes']} {t['minutes']}",
        f"- {t['participants']}: {_or(summary['participants'], t)}",
        f"- {t['second_leader']}: {yes_no[summary['second_leader']]}",
        "",
        f"## {t['steps']}",
        "",
    ]
    for step in summary["steps"]:
        mark = "x" if step["status"] == "done" else " "
        lines.append(f"- [{mark}] {titles.get(step['id'], step['id'])} — {t[step['status']]}")
    check_text = {f.key(s.id, c.id): c.text for s in protocol.sections for c in s.checks}
    if summary["checks"]:
        lines += ["", f"## {t['checks']}", ""]
        for k, ticked in summary["checks"].items():
            text = check_text.get(k, k)
            if ticked is None:
                text += f" — {t['not_answered']}"
            lines.append(f"- [{'x' if ticked else ' '}] {text}")
    if protocol.sections_of("round"):
        r = summary["round"]
        lines += ["", f"## {t['round']}", ""]
        if r is None:
            lines.append(f"- {t['not_counted']}")
        else:
            lines += [f"- {t['spoke']}: {r['spoke']}", f"- {t['passed']}: {r['passed']}"]
    sign_text = {
        sign.id: sign.text
        for s in protocol.sections
        if isinstance(s, m.WarningSignsSection)
        for sign in s.signs
    }
    w = summary["warning_signs"]
    flagged = ", ".join(sign_text.get(i, i) for i in w["flagged"]) or t["none"]
    lines += ["", f"## {t['signs']}", "", f"- {t['flagged']}: {flagged}"]
    escalated = yes_no[w["escalated"]]
    if w["escalations"]:
        titles_of = {
            sign.id: m.sign_label(sign)
            for s in protocol.sections
            if isinstance(s, m.WarningSignsSection)
            for sign in s.signs
        }
        escalated += " (" + ", ".join(titles_of.get(i, i) for i in w["escalations"]) + ")"
    lines.append(f"- {t['escalated']}: {escalated}")
    questions = {f.key(s.id, q.id): q for s in protocol.sections for q in s.questions}
    fu = summary["follow_up"]
    lines += ["", f"## {t['follow_up']}", ""]
    for k, value in fu["answers"].items():
        q = questions.get(k)
        shown = yes_no[value] if value is None or isinstance(value, bool) else str(value)
        if isinstance(q, m.ChoiceQuestion):
            shown = next((o.text for o in q.options if o.id == value), shown)
        lines.append(f"- {q.text if q else k} {shown}")
    roles = {c.id: c.role for c in protocol.contacts}
    lines.append(
        f"- {t['next_steps']}: "
        + (", ".join(roles.get(c, c) for c in fu["next_steps"]) or t["none"])
    )
    lines.append(f"- {t['follow_up_date']}: {fu['date'] or t['not_set']}")
    lines += ["", f"## {t['lessons']}", ""]
    lines += [summary["lessons"] or f"({t['none']})"]
    if "rehearsal" in summary:
        reh = summary["rehearsal"]
        lines += ["", f"## {t['timing']}", ""]
        for row in reh["timing"]:
            lines.append(
                f"- {titles.get(row['id'], row['id'])}: {row['minutes']} {t['minutes']} "
                f"({t['target']} {row['target_minutes']:g})"
            )
        if reh["scenarios"]:
            lines += ["", f"## {t['scenarios']}", ""]
            for sc in reh["scenarios"]:
                verdict = t["recommended"] if sc["recommended"] else t["not_recommended"]
                lines.append(f"- {sc['id']}: {sc['choice']} — {verdict}")
        if reh["self_rating"]:
            lines += ["", f"## {t['self_rating']}", ""]
            for qid, value in reh["self_rating"].items():
                lines.append(f"- {qid}: {value if value not in (None, '') else '–'}")
    lines += [
        "",
        "---",
        "",
        f"{t['redactions']}: {summary['redactions']}. {t['privacy']}",
        "",
    ]
    return "\n".join(lines)


def _protocol_text(protocol: m.Protocol) -> str:
    return protocol.model_dump_json()


def privacy_findings(
    summary: dict[str, Any], markdown: str, protocol: m.Protocol, extra: Iterable[str] = ()
) -> list[str]:
    """Types of personal data still found in the summary (text that is the protocol's own
    wording is not a finding: it is the organisation's vetted content, not the session's)."""
    from avlastning_cli.privacy import find

    own = _protocol_text(protocol)
    found: list[str] = []
    for text in (json.dumps(summary, ensure_ascii=False), markdown, *extra):
        for hit in find(text, protocol.language):
            pattern = r"(?<!\w)" + re.escape(text[hit.start : hit.end]) + r"(?!\w)"
            if not re.search(pattern, own):
                found.append(hit.type)
    return found


def file_stem(summary: dict[str, Any]) -> str:
    stem = f"avlastning-{summary['date']}-{summary['protocol']['id']}"
    suffix = {"rehearsal": "-ovning", "not_held": "-ej-hallet"}.get(summary["mode"], "")
    return stem + suffix


class SummaryFiles(NamedTuple):
    """What :func:`write_summary_files` wrote: the pair, and the calendar file if any."""

    md: Path
    json: Path
    ics: Path | None


def write_summary(
    protocol: m.Protocol, summary: dict[str, Any], out_dir: Path
) -> tuple[Path, Path]:
    """Scan once more, then write ``.md`` and ``.json`` side by side under a new name (and
    ``.ics`` beside them when a follow-up date is set; see :func:`write_summary_files`)."""
    files = write_summary_files(protocol, summary, out_dir)
    return files.md, files.json


def write_summary_files(
    protocol: m.Protocol, summary: dict[str, Any], out_dir: Path
) -> SummaryFiles:
    """Scan everything once more, then write ``.md``, ``.json`` and, when the summary has a
    follow-up date, a calendar file ``.ics`` under the same new name. Nothing is written if
    any of them still holds personal data."""
    from avlastning_cli.export.calendar import follow_up_date, follow_up_ics, ics_text
    from avlastning_cli.fsutil import write_new

    markdown = render_markdown(summary, protocol)
    ics = follow_up_ics(protocol, summary) if follow_up_date(summary) else None
    found = privacy_findings(summary, markdown, protocol, [ics_text(ics)] if ics else [])
    if found:
        from avlastning_cli.privacy import PLACEHOLDERS

        t = LABELS[protocol.language]
        names = PLACEHOLDERS[protocol.language]
        kinds = ", ".join(sorted({names.get(k, k).strip("[]").lower() for k in found}))
        raise PrivacyError(t["privacy_refused"].format(kinds=kinds), t["privacy_refused_hint"])
    data = json.dumps(summary, ensure_ascii=False, indent=2) + "\n"
    stem = file_stem(summary)
    suffixes = (".md", ".json", ".ics")
    for n in range(1, 1000):
        name = stem if n == 1 else f"{stem}-{n}"
        if any((out_dir / f"{name}{suffix}").exists() for suffix in suffixes):
            continue
        md_path = write_new(out_dir, name, ".md", markdown)
        if md_path.stem != name:  # taken in the meantime: keep the pair's names together
            md_path.unlink()
            continue
        json_path = write_new(out_dir, name, ".json", data)
        ics_path = write_new(out_dir, name, ".ics", ics) if ics else None
        return SummaryFiles(md_path, json_path, ics_path)
    raise PrivacyError(f"Too many summaries named {stem}-N in {out_dir}.")  # pragma: no cover
