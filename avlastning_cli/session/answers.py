"""Answers files (YAML or JSON): checked against the protocol's fields, with locations."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from avlastning_cli.errors import AnswersError, Issue
from avlastning_cli.i18n import tr
from avlastning_cli.protocol.fields import Field, Mode, fields
from avlastning_cli.protocol.models import Protocol
from avlastning_cli.textsafe import describe
from avlastning_cli.yamlsrc import Source, YamlProblem, load, read_text


def _hint() -> str:
    return tr("val.answers_hint")


MAX_FOLLOW_UP_DAYS = 3650


class PastDate(ValueError):
    """A follow-up date before today."""


def parse_follow_up(value: Any, today: dt.date) -> str:
    """A follow-up date as YYYY-MM-DD, or '' for none. Takes a date (YYYY-MM-DD) or a number
    of days from ``today``, typed at the prompt or written in an answers file alike; a date
    before ``today`` is refused. ValueError (with a plain message) otherwise."""
    if value is None or isinstance(value, bool):
        if value is None:
            return ""
        raise ValueError(tr("val.expected_date_or_days", got=describe(value)))
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dt.datetime):
        raise ValueError(tr("val.date_with_time", got=describe(value)))
    if isinstance(value, dt.date):
        day = value
    else:
        raw = str(value).strip()
        if not raw:
            return ""
        if raw.isdigit():
            days = int(raw)
            if days > MAX_FOLLOW_UP_DAYS:
                raise ValueError(tr("val.days_too_far", days=days, max=MAX_FOLLOW_UP_DAYS))
            return (today + dt.timedelta(days=days)).isoformat()
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(tr("val.expected_date_or_days", got=describe(value))) from None
    if day < today:
        raise PastDate(tr("val.date_past", day=day.isoformat(), today=today.isoformat()))
    return day.isoformat()


def load_answers(
    path: Path, protocol: Protocol, mode: Mode = "live", today: dt.date | None = None
) -> dict[str, Any]:
    """The answers in ``path`` (only the keys given), checked against ``protocol``."""
    try:
        source = load(read_text(path, tr("what.answers_file")), str(path))
    except YamlProblem as exc:
        raise AnswersError(str(path), exc.issues, _hint()) from None
    return check_answers(source, protocol, mode, today)


def check_answers(
    source: Source, protocol: Protocol, mode: Mode = "live", today: dt.date | None = None
) -> dict[str, Any]:
    data = source.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersError(source.file, [source.issue((), tr("val.answers_not_mapping"))], _hint())
    known = {f.key: f for f in fields(protocol, mode)}
    issues: list[Issue] = []
    answers: dict[str, Any] = {}
    for name, value in data.items():
        field = known.get(name)
        if field is None:
            close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
            hint = tr("val.did_you_mean", name=close[0]) if close else ""
            issues.append(
                source.issue((name,), tr("val.unknown_answer", key=name, hint=hint), key=True)
            )
            continue
        try:
            if field.type == "date":
                answers[name] = parse_follow_up(value, today or dt.date.today())
            else:
                answers[name] = coerce(field, value)
        except ValueError as exc:
            issues.append(source.issue((name,), str(exc)))
    issues += _round_issues(source, protocol, answers)
    if issues:
        raise AnswersError(source.file, issues, _hint())
    return answers


def _round_issues(source: Source, protocol: Protocol, answers: dict[str, Any]) -> list[Issue]:
    """Spoke and passed count people taking part: together never more than the participants."""
    from avlastning_cli.protocol.fields import PARTICIPANTS, PASSED, SPOKE, key

    issues = []
    n = answers.get(PARTICIPANTS)
    for s in protocol.sections_of("round"):
        spoke, passed = key(s.id, SPOKE), key(s.id, PASSED)
        counted = answers.get(spoke, 0) + answers.get(passed, 0)
        if not counted:
            continue
        where = spoke if spoke in answers else passed
        if n is None:
            issues.append(
                source.issue((where,), tr("val.round_without_participants", counted=counted))
            )
        elif counted > n:
            issues.append(
                source.issue(
                    (where,),
                    tr("val.round_too_many", spoke=spoke, passed=passed, counted=counted, n=n),
                )
            )
    return issues


def coerce(field: Field, value: Any) -> Any:
    """``value`` as the field's type, or ValueError with a plain message."""
    t = field.type
    if value is None and field.default is None and t in ("yes_no", "number"):
        return None  # not answered
    if t == "yes_no":
        if not isinstance(value, bool):
            raise ValueError(tr("val.expected_bool", got=describe(value)))
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(tr("val.expected_int", got=describe(value)))
        if field.min is not None and value < field.min:
            raise ValueError(tr("val.below_min", value=value, min=field.min))
        if field.max is not None and value > field.max:
            raise ValueError(tr("val.above_max", value=value, max=field.max))
        return value
    if t in ("choice", "status"):
        if value not in field.options:
            raise ValueError(
                tr("val.not_one_of", value=describe(value), options=", ".join(field.options))
            )
        return value
    if t == "ids":
        if value is None:
            return []
        if not isinstance(value, list) or any(v not in field.options for v in value):
            raise ValueError(tr("val.expected_ids", options=", ".join(field.options)))
        return list(dict.fromkeys(value))
    if t == "date":
        if value in (None, ""):
            return ""
        if isinstance(value, dt.datetime):
            raise ValueError(tr("val.date_with_time", got=describe(value)))
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(tr("val.expected_date", got=describe(value))) from None
    if t == "text":
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError(tr("val.expected_text", got=describe(value)))
        if field.max_length is not None and len(value) > field.max_length:
            raise ValueError(tr("val.text_too_long", length=len(value), max=field.max_length))
        return value
    raise AssertionError(f"unknown field type {t}")  # a bug, not a user error
