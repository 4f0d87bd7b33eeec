"""Checks only `validate --strict` makes: placeholders left to fill in, a passed review date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from avlastning_cli.errors import Issue
from avlastning_cli.i18n import tr
from avlastning_cli.organisation.slots import PLACEHOLDER, placeholders_in
from avlastning_cli.protocol.models import Protocol
from avlastning_cli.yamlsrc import Source

__all__ = ["PLACEHOLDER", "strict_issues"]


def strict_issues(
    protocol: Protocol,
    source: Source,
    today: dt.date | None = None,
    filled: Mapping[str, str] | None = None,
) -> list[Issue]:
    """Problems a leader would meet. A placeholder the organisation file fills in (``filled``,
    saved with `avlastning anpassa`) is not one."""
    today = today or dt.date.today()
    filled = filled or {}
    issues = []
    if isinstance(source.data, dict):
        issues = [
            source.issue(
                slot.path, tr("val.placeholder_anpassa", match=repr(match.group(0)), key=slot.key)
            )
            for slot, match in placeholders_in(source.data)
            if slot.key not in filled
        ]
    if protocol.review_by < today:
        issues.append(
            source.issue(
                ("review_by",),
                tr("val.review_passed", date=protocol.review_by),
            )
        )
    return issues
