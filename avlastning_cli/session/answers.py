"""Answers files (YAML or JSON): checked against the protocol's fields, with locations."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

from avlastning_cli.errors import AnswersError, Issue
from avlastning_cli.protocol.fields import Field, Mode, fields
from avlastning_cli.protocol.models import Protocol
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
            issues.append(_unknown_key(source, name, list(known)))
            continue
        try:
            answers[name] = coerce(field, value)
        except ValueError as exc:
            issues.append(source.issue((name,), str(exc)))
    if issues:
        raise AnswersError(source.file, issues, HINT)
    return answers


#: A key as the template writes them: echoing one that looks like this in a message is safe.
KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39})?")


def _unknown_key(source: Source, name: Any, known: list[str]) -> Issue:
    """An unknown key, named only if it looks like a key (a line such as ``Anna Lindqvist
    850312-1234: true`` is pointed at by its line and column, never repeated)."""
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    if isinstance(name, str) and KEY_RE.fullmatch(name):
        return source.issue((name,), f"unknown key '{name}'{hint} for this protocol.", key=True)
    location = source.location((name,), key=True)
    return Issue(
        location,
        "",
        f"this line's key is not a key of this protocol{hint}; keys look like "
        "'section.item' (it is not repeated here, in case it holds personal data).",
    )


def kind_of(value: Any) -> str:
    """What sort of value was given, without the value itself: an answers file may hold
    personal data by mistake, and a message must not repeat it on the screen."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def coerce(field: Field, value: Any) -> Any:
    """``value`` as the field's type, or ValueError with a plain message that says what is
    expected and what sort of value was given, never the value (see :func:`kind_of`)."""
    t = field.type
    if t == "yes_no":
        if not isinstance(value, bool):
            raise ValueError(f"expected yes or no (true/false), got {kind_of(value)}.")
        return value
    if t == "number":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {kind_of(value)}.")
        if field.min is not None and value < field.min:
            raise ValueError(f"the number is below the smallest allowed, {field.min}.")
        if field.max is not None and value > field.max:
            raise ValueError(f"the number is above the largest allowed, {field.max}.")
        return value
    if t in ("choice", "status"):
        if value not in field.options:
            raise ValueError(
                f"expected one of: {', '.join(field.options)}; got {kind_of(value)} that is "
                "none of them."
            )
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
            raise ValueError("expected a date like 2026-12-01 without a time, got a date and time.")
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(f"expected a date like 2026-12-01, got {kind_of(value)}.") from None
    if t == "text":
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {kind_of(value)}; put it in quotes.")
        if field.max_length is not None and len(value) > field.max_length:
            raise ValueError(f"the text is {len(value)} characters; at most {field.max_length}.")
        return value
    raise AssertionError(f"unknown field type {t}")  # a bug, not a user error
