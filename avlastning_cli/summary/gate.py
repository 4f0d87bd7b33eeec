"""The final privacy scan: everything about to be written is scanned once more, and nothing
is written if personal data is still found."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from avlastning_cli.errors import PrivacyError
from avlastning_cli.protocol import models as m
from avlastning_cli.summary.render import LABELS


def privacy_findings(
    data: dict[str, Any], markdown: str, protocol: m.Protocol, extra: Iterable[str] = ()
) -> list[str]:
    """Types of personal data still found in the summary's JSON form, its Markdown and any
    ``extra`` text. Text that is the protocol's own wording (bounded as a word) is not a
    finding: it is the organisation's vetted content, not the session's."""
    from avlastning_cli.privacy import find

    own = protocol.model_dump_json()
    found: list[str] = []
    for text in (json.dumps(data, ensure_ascii=False), markdown, *extra):
        for hit in find(text, protocol.language):
            pattern = r"(?<!\w)" + re.escape(text[hit.start : hit.end]) + r"(?!\w)"
            if not re.search(pattern, own):
                found.append(hit.type)
    return found


def refuse_if_personal(
    data: dict[str, Any], markdown: str, protocol: m.Protocol, extra: Iterable[str] = ()
) -> None:
    """Raise :class:`PrivacyError` (in the session's language, saying what kinds were found
    and that nothing is lost) when :func:`privacy_findings` finds anything."""
    found = privacy_findings(data, markdown, protocol, extra)
    if not found:
        return
    from avlastning_cli.privacy import PLACEHOLDERS

    t = LABELS[protocol.language]
    names = PLACEHOLDERS[protocol.language]
    kinds = ", ".join(sorted({names.get(k, k).strip("[]").lower() for k in found}))
    raise PrivacyError(t["privacy_refused"].format(kinds=kinds), t["privacy_refused_hint"])
