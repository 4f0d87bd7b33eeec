"""Answers files (YAML or JSON): checked against the protocol's fields, with locations."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

from avlastning_cli.errors import AnswersError, Issue
from avlastning_cli.protocol.fields import Field, Mode, fields
from avlastning_cli.protocol.models import Protocol
from avlastning_cli.textsafe import describe
from avlastning_cli.yamlsrc import Source, YamlProblem, load, read_text

HINT = "`avlastning answers PROTOCOL` prints a template with every key and its default."


def load_answers(path: Path, protocol: Protocol, mode: Mode = "live") -> dict[str, Any]:
    """The answers in ``path`` (only the keys given), checked against ``protocol``."""
    try:
        source = load(read_text(path, "answers file"), str(path))
    except YamlProblem as exc:
        raise AnswersError(str(path), exc.issues, HINT) from None
    return check_answers(source, protocol, mode)


def check_answers(source: Source, protocol: Protocol, mode: Mode = "live") -> dict[str, Any]:
    data = source.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswersError(
            source.file, [source.issue((), "expected a mapping of KEY: value lines.")], HINT
        )
    known = {f.key: f for f in fields(protocol, mode)}
    issues: list[Issue] = []
    answers: dict[str, Any] = {}
    for name, value in data.items():
        field = known.get(name)
        if field is None:
            close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            issues.append(
                source.issue((name,), f"unknown key '{name}'{hint} for this protocol.", key=True)
            )
            continue
        try:
            answers[name] = coerce(field, value)
        except ValueError as exc:
            issues.append(source.issue((name,), str(exc)))
    if issues:
        raise AnswersError(source.file, issues, HINT)
    return answers


def coerce(field: Field, value: Any) -> Any:
    """``value`` as the field's type, or ValueError with a plain message."""
    t = field.type
    if t == "yes_no":
        if not isinstance(value, bool):
            raise ValueError(f"expected yes or no (true/false), got {describe(value)}.")
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {describe(value)}.")
        if field.min is not None and value < field.min:
            raise ValueError(f"{value} is below the smallest allowed, {field.min}.")
        if field.max is not None and value > field.max:
            raise ValueError(f"{value} is above the largest allowed, {field.max}.")
        return value
    if t in ("choice", "status"):
        if value not in field.options:
            raise ValueError(f"{describe(value)} is not one of: {', '.join(field.options)}.")
        return value
    if t == "ids":
        if value is None:
            return []
        if not isinstance(value, list) or any(v not in field.options for v in value):
            raise ValueError(f"expected a list of ids from: {', '.join(field.options)}.")
        return list(dict.fromkeys(value))
    if t == "date":
        if value in (None, ""):
            return ""
        if isinstance(value, dt.datetime):
            raise ValueError(
                f"expected a date like 2026-12-01 without a time, got {describe(value)}."
            )
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(f"expected a date like 2026-12-01, got {describe(value)}.") from None
    if t == "text":
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {describe(value)}; put it in quotes.")
        if field.max_length is not None and len(value) > field.max_length:
            raise ValueError(f"the text is {len(value)} characters; at most {field.max_length}.")
        return value
    raise AssertionError(f"unknown field type {t}")  # a bug, not a user error
