"""Checks only `validate --strict` makes: placeholders left to fill in, a passed review date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from avlastning_cli.errors import Issue
from avlastning_cli.i18n import tr
from avlastning_cli.protocol.models import Protocol
from avlastning_cli.yamlsrc import PathT, Source

PLACEHOLDER = re.compile(r"<\s*(?:fyll i|fill in)\b[^>]*>", re.IGNORECASE)


def strict_issues(protocol: Protocol, source: Source, today: dt.date | None = None) -> list[Issue]:
    today = today or dt.date.today()
    issues = [
        source.issue(path, tr("val.placeholder", match=repr(match)))
        for path, match in _placeholders(source.data, ())
    ]
    if protocol.review_by < today:
        issues.append(
            source.issue(
                ("review_by",),
                tr("val.review_passed", date=protocol.review_by),
            )
        )
    return issues


def _placeholders(data: Any, path: PathT) -> Iterator[tuple[PathT, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _placeholders(value, (*path, i))
    elif isinstance(data, str):
        for match in PLACEHOLDER.finditer(data):
            yield path, match.group(0)
