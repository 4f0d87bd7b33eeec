"""Answers files (YAML or JSON): checked against the protocol's fields, with locations."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

from avlastning_cli.errors import AnswersError, Issue
from avlastning_cli.i18n import tr
from avlastning_cli.protocol.fields import Field, Mode, fields
from avlastning_cli.protocol.models import Protocol
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
        raise ValueError(tr("val.expected_date_or_days", got=kind_of(value)))
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dt.datetime):
        raise ValueError(tr("val.date_with_time", got=kind_of(value)))
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
            raise ValueError(tr("val.expected_date_or_days", got=kind_of(value))) from None
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
            issues.append(_unknown_key(source, name, list(known)))
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


#: A key as the template writes them: echoing one that looks like this in a message is safe.
KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39})?")


def _unknown_key(source: Source, name: Any, known: list[str]) -> Issue:
    """An unknown key, named only if it looks like a key (a line such as ``Anna Lindqvist
    850312-1234: true`` is pointed at by its line and column, never repeated)."""
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    hint = tr("val.did_you_mean", name=close[0]) if close else ""
    if isinstance(name, str) and KEY_RE.fullmatch(name):
        return source.issue((name,), tr("val.unknown_answer", key=name, hint=hint), key=True)
    location = source.location((name,), key=True)
    return Issue(location, "", tr("val.unknown_answer_unnamed", hint=hint))


def kind_of(value: Any) -> str:
    """What sort of value was given, without the value itself: an answers file may hold
    personal data by mistake, and a message must not repeat it on the screen."""
    if value is None:
        return tr("val.kind.nothing")
    if isinstance(value, bool):
        return tr("val.kind.bool")
    if isinstance(value, int | float):
        return tr("val.kind.number")
    if isinstance(value, dt.datetime):
        return tr("val.kind.datetime")
    if isinstance(value, dt.date):
        return tr("val.kind.date")
    if isinstance(value, list):
        return tr("val.kind.list")
    if isinstance(value, dict):
        return tr("val.kind.mapping")
    return tr("val.kind.text")


def coerce(field: Field, value: Any) -> Any:
    """``value`` as the field's type, or ValueError with a plain message that says what is
    expected and what sort of value was given, never the value (see :func:`kind_of`)."""
    t = field.type
    if value is None and field.default is None and t in ("yes_no", "number"):
        return None  # not answered
    if t == "yes_no":
        if not isinstance(value, bool):
            raise ValueError(tr("val.expected_bool", got=kind_of(value)))
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(tr("val.expected_int", got=kind_of(value)))
        if field.min is not None and value < field.min:
            raise ValueError(tr("val.below_min", min=field.min))
        if field.max is not None and value > field.max:
            raise ValueError(tr("val.above_max", max=field.max))
        return value
    if t in ("choice", "status"):
        if value not in field.options:
            raise ValueError(
                tr("val.not_one_of", got=kind_of(value), options=", ".join(field.options))
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
            raise ValueError(tr("val.date_with_time", got=kind_of(value)))
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(tr("val.expected_date", got=kind_of(value))) from None
    if t == "text":
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError(tr("val.expected_text", got=kind_of(value)))
        if field.max_length is not None and len(value) > field.max_length:
            raise ValueError(tr("val.text_too_long", length=len(value), max=field.max_length))
        return value
    raise AssertionError(f"unknown field type {t}")  # a bug, not a user error
