"""The summary as Markdown, for people, in the protocol's language (the same content as the
JSON; ids are shown as the protocol's wording)."""

from __future__ import annotations

from collections.abc import Mapping

from avlastning_cli.export.render import md_escape
from avlastning_cli.i18n import Tables, ntr
from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm
from avlastning_cli.textsafe import visible

#: The summary's own words: the catalogue's ``summary.*`` entries.
LABELS = Tables("summary")


def render_markdown(summary: sm.HeldSummary | sm.NotHeldRecord, protocol: m.Protocol) -> str:
    """The same content as the JSON, for people, in the protocol's language."""
    if isinstance(summary, sm.NotHeldRecord):
        from avlastning_cli.summary.not_held import render_not_held

        return render_not_held(summary, protocol)
    t = LABELS[protocol.language]
    lines = [
        *_head(summary, protocol, t),
        *_steps(summary, protocol, t),
        *_signs(summary, protocol, t),
        *_follow_up(summary, protocol, t),
        *_lessons(summary, protocol, t),
    ]
    if summary.rehearsal is not None:
        lines += _rehearsal(summary.rehearsal, protocol, t)
    masked = ntr(
        "summary.redactions", "summary.redactions#plural", summary.redactions, protocol.language
    )
    lines += ["", "---", "", f"{masked}. {t['privacy']}", ""]
    return visible("\n".join(lines))


def _lesson_lines(text: str) -> list[str]:
    """What the leader typed, one escaped line each: a `# heading`, `<script>` or an image
    link in the text stays literal text in the Markdown."""
    return [md_escape(line) for line in text.splitlines() if line.strip()]


def _lessons(summary: sm.HeldSummary, protocol: m.Protocol, t: Mapping[str, str]) -> list[str]:
    """The areas ticked (as the protocol words them), then the optional short text."""
    areas = {
        o.id: o.text
        for s in protocol.sections
        for q in s.questions
        if isinstance(q, m.LessonCategoriesQuestion)
        for o in q.options
    }
    lines = ["", f"## {t['lessons']}", ""]
    lines += [f"- {md_escape(areas.get(i, i))}" for i in summary.lesson_categories]
    text = _lesson_lines(summary.lessons)
    if text:
        lines += [""] if summary.lesson_categories else []
        lines += text
    elif not summary.lesson_categories:
        lines.append(f"({t['none']})")
    return lines


def _yes_no(t: Mapping[str, str]) -> dict[bool | None, str]:
    return {True: t["yes"], False: t["no"], None: t["not_answered"]}


def _or_not_answered(value: object, t: Mapping[str, str]) -> str:
    return t["not_answered"] if value is None else str(value)


def _head(summary: sm.HeldSummary, protocol: m.Protocol, t: Mapping[str, str]) -> list[str]:
    lines = [f"# {t['title']}: {md_escape(protocol.title, line_start=False)}", ""]
    if summary.mode == "rehearsal":
        lines += [f"**{t['rehearsal']}**", ""]
    p = summary.protocol
    return [
        *lines,
        f"- {t['protocol']}: {p.id} {p.version} ({p.language})",
        f"- {t['date']}: {summary.date.isoformat()}",
        f"- {t['duration']}: {summary.duration_minutes} {t['minutes']}",
        f"- {t['participants']}: {_or_not_answered(summary.participants, t)}",
        f"- {t['second_leader']}: {_yes_no(t)[summary.second_leader]}",
    ]


def _steps(summary: sm.HeldSummary, protocol: m.Protocol, t: Mapping[str, str]) -> list[str]:
    titles = {s.id: s.title for s in protocol.sections}
    lines = ["", f"## {t['steps']}", ""]
    for step in summary.steps:
        mark = "x" if step.status == "done" else " "
        title = md_escape(titles.get(step.id, step.id))
        lines.append(f"- [{mark}] {title} — {t[step.status]}")
    check_text = {f.key(s.id, c.id): c.text for s in protocol.sections for c in s.checks}
    if summary.checks:
        lines += ["", f"## {t['checks']}", ""]
        for k, ticked in summary.checks.items():
            text = md_escape(check_text.get(k, k))
            if ticked is None:
                text += f" — {t['not_answered']}"
            lines.append(f"- [{'x' if ticked else ' '}] {text}")
    if protocol.sections_of("round"):
        r = summary.round
        lines += ["", f"## {t['round']}", ""]
        if r is None:
            lines.append(f"- {t['not_counted']}")
        else:
            lines += [f"- {t['spoke']}: {r.spoke}", f"- {t['passed']}: {r.passed}"]
    return lines


def _signs(summary: sm.HeldSummary, protocol: m.Protocol, t: Mapping[str, str]) -> list[str]:
    sign_text = {
        sign.id: sign.text
        for s in protocol.sections
        if isinstance(s, m.WarningSignsSection)
        for sign in s.signs
    }
    titles = {
        sign.id: m.sign_label(sign)
        for s in protocol.sections
        if isinstance(s, m.WarningSignsSection)
        for sign in s.signs
    }
    w = summary.warning_signs
    flagged = ", ".join(md_escape(sign_text.get(i, i)) for i in w.flagged) or t["none"]
    escalated = _yes_no(t)[w.escalated]
    if w.escalations:  # which signs, by their title, as the JSON has their ids
        escalated += " (" + ", ".join(md_escape(titles.get(i, i)) for i in w.escalations) + ")"
    return [
        "",
        f"## {t['signs']}",
        "",
        f"- {t['flagged']}: {flagged}",
        f"- {t['escalated']}: {escalated}",
    ]


def _follow_up(summary: sm.HeldSummary, protocol: m.Protocol, t: Mapping[str, str]) -> list[str]:
    questions = {f.key(s.id, q.id): q for s in protocol.sections for q in s.questions}
    fu = summary.follow_up
    lines = ["", f"## {t['follow_up']}", ""]
    for k, value in fu.answers.items():
        q = questions.get(k)
        shown = _yes_no(t)[value] if value is None or isinstance(value, bool) else str(value)
        if isinstance(q, m.ChoiceQuestion):
            shown = next((o.text for o in q.options if o.id == value), shown)
        lines.append(f"- {md_escape(q.text if q else k)} {md_escape(shown)}")
    roles = {c.id: c.role for c in protocol.contacts}
    contacts = ", ".join(md_escape(roles.get(c, c)) for c in fu.next_steps) or t["none"]
    lines.append(f"- {t['next_steps']}: {contacts}")
    lines.append(f"- {t['follow_up_date']}: {fu.date.isoformat() if fu.date else t['not_set']}")
    return lines


def _rehearsal(reh: sm.Rehearsal, protocol: m.Protocol, t: Mapping[str, str]) -> list[str]:
    titles = {s.id: s.title for s in protocol.sections}
    lines = ["", f"## {t['timing']}", ""]
    for row in reh.timing:
        lines.append(
            f"- {md_escape(titles.get(row.id, row.id))}: {row.minutes} {t['minutes']} "
            f"({t['target']} {row.target_minutes:g})"
        )
    if reh.scenarios:
        lines += ["", f"## {t['scenarios']}", ""]
        for sc in reh.scenarios:
            verdict = t["recommended"] if sc.recommended else t["not_recommended"]
            lines.append(f"- {sc.id}: {sc.choice} — {verdict}")
    if reh.self_rating:
        lines += ["", f"## {t['self_rating']}", ""]
        for qid, rated in reh.self_rating.items():
            lines.append(f"- {qid}: {rated if rated not in (None, '') else '–'}")
    return lines
