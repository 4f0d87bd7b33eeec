"""A held session's summary, built from plain values: the answers by key, the seconds per
step, the date and the count of masked items. The fields' roles say what each answer is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm


class SessionValues(Protocol):
    """What a summary is built from (a session's state has these; so can a test)."""

    @property
    def mode(self) -> f.Mode: ...
    @property
    def date(self) -> str: ...
    @property
    def answers(self) -> Mapping[str, Any]: ...
    @property
    def seconds(self) -> Mapping[str, float]: ...
    @property
    def redactions(self) -> int: ...


def tool() -> sm.Tool:
    from avlastning_cli import __version__

    return sm.Tool(name="avlastning", version=__version__)


def protocol_ref(protocol: m.Protocol) -> sm.ProtocolRef:
    return sm.ProtocolRef(
        id=protocol.id, version=protocol.version, language=protocol.language, type=protocol.type
    )


def build_summary(protocol: m.Protocol, session: SessionValues) -> sm.HeldSummary:
    """The summary of a held session. Duration is the time spent in the steps, so a paused
    and resumed session sums the same way as an uninterrupted one."""
    mode = session.mode
    all_fields = f.fields(protocol, mode)
    values = {x.key: x.default for x in all_fields}
    values.update(session.answers)

    def of(role: f.Role) -> list[f.Field]:
        return [x for x in all_fields if x.role == role]

    flagged: list[str] = []
    for x in of("flagged"):
        flagged += [i for i in values[x.key] if i not in flagged]
    escalations = [str(i) for x in of("escalations") for i in values[x.key]]
    answers: dict[str, Any] = {}
    lessons: list[str] = []
    for x in of("question"):
        if not x.applies(values.__getitem__):
            continue
        if x.type == "text":
            text = str(values[x.key]).strip()
            if text:
                lessons.append(text)
        else:
            answers[x.key] = values[x.key]
    categories: list[str] = []
    for x in of("lesson_categories"):
        if x.applies(values.__getitem__):
            categories += [str(i) for i in values[x.key] if i not in categories]
    follow_up_date = None
    for x in of("follow_up"):
        follow_up_date = values[x.key] or follow_up_date
    next_steps: list[str] = []
    for s in protocol.sections:
        if isinstance(s, m.NextStepsSection):
            next_steps += [c for c in s.contacts if c not in next_steps]
    return sm.HeldSummary.model_validate(
        {
            "schema": sm.SCHEMA,
            "mode": mode,
            "protocol": protocol_ref(protocol),
            "date": _date(session.date),
            "duration_minutes": round(sum(session.seconds.values()) / 60),
            "participants": values[f.PARTICIPANTS],
            "second_leader": values[f.SECOND_LEADER],
            "steps": [sm.Step(id=str(x.section), status=values[x.key]) for x in of("status")],
            "checks": {x.key: values[x.key] for x in of("check")},
            # Turns are counted against the number present: without it, not counted.
            "round": None
            if values[f.PARTICIPANTS] is None
            else sm.Round(
                spoke=sum(int(values[x.key]) for x in of("spoke")),
                passed=sum(int(values[x.key]) for x in of("passed")),
            ),
            "warning_signs": sm.WarningSigns(
                flagged=flagged, escalated=bool(escalations), escalations=escalations
            ),
            "follow_up": sm.FollowUp(
                answers=answers,
                next_steps=next_steps,
                date=_date(follow_up_date) if follow_up_date else None,
            ),
            "lessons": "\n".join(lessons),
            "lesson_categories": categories,
            "redactions": session.redactions,
            "tool": tool(),
            "rehearsal": _rehearsal(protocol, session, values) if mode == "rehearsal" else None,
        }
    )


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _rehearsal(
    protocol: m.Protocol, session: SessionValues, values: Mapping[str, Any]
) -> sm.Rehearsal:
    timing = [
        sm.Timing(
            id=s.id,
            target_minutes=s.minutes,
            minutes=round(session.seconds.get(s.id, 0.0) / 60, 1),
        )
        for s in protocol.sections
    ]
    scenarios = []
    for sc in protocol.scenarios:
        choice = values.get(f.key(f.SCENARIO, sc.id))
        picked = next((c for c in sc.choices if c.id == choice), None)
        scenarios.append(
            sm.ScenarioResult(
                id=sc.id, choice=choice, recommended=bool(picked and picked.recommended)
            )
        )
    rating = {q.id: values.get(f.key(f.SELF_RATING, q.id)) for q in protocol.self_rating}
    return sm.Rehearsal(timing=timing, scenarios=scenarios, self_rating=rating)
