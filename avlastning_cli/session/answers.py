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


def load_answers(path: Path, protocol: Protocol, mode: Mode = "live") -> dict[str, Any]:
    """The answers in ``path`` (only the keys given), checked against ``protocol``."""
    try:
        source = load(read_text(path, tr("what.answers_file")), str(path))
    except YamlProblem as exc:
        raise AnswersError(str(path), exc.issues, _hint()) from None
    return check_answers(source, protocol, mode)


def check_answers(source: Source, protocol: Protocol, mode: Mode = "live") -> dict[str, Any]:
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
            answers[name] = coerce(field, value)
        except ValueError as exc:
            issues.append(source.issue((name,), str(exc)))
    if issues:
        raise AnswersError(source.file, issues, _hint())
    return answers


def coerce(field: Field, value: Any) -> Any:
    """``value`` as the field's type, or ValueError with a plain message."""
    t = field.type
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
