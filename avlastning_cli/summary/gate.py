"""The final privacy scan: everything about to be written is scanned once more, and nothing
is written if personal data is still found."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from avlastning_cli.errors import PrivacyError
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm
from avlastning_cli.summary.render import LABELS

if TYPE_CHECKING:
    from avlastning_cli.privacy.gate import Finding

# Asks whoever runs the session about the uncertain items in a text: True masks an item,
# False keeps it. An item left out is masked (fail closed).
Decide = Callable[[str, "list[Finding]"], "Mapping[Finding, bool]"]
_NUMBER = re.compile(r"\d[\d\x20\-]*\d")


def protocol_numbers(protocol: m.Protocol) -> set[str]:
    """Numbers the protocol itself names (112, 1177, the organisation's contacts): the final
    gate lets them pass in free text too."""
    return set(_NUMBER.findall(protocol.model_dump_json()))


Record = sm.HeldSummary | sm.NotHeldRecord


def gate_free_text(
    summary: Record, protocol: m.Protocol, decide: Decide | None = None
) -> tuple[Record, int]:
    """Run the final gate (``privacy.gate``) over the summary's free text, all of it at once,
    and mask what ``decide`` says to mask, or every uncertain item when there is no one to ask
    (``decide`` None: a run from an answers file fails closed). Returns the summary with the
    free text masked and its ``redactions`` raised by the count masked here, and that count."""
    if not isinstance(summary, sm.HeldSummary) or not summary.lessons.strip():
        return summary, 0
    from avlastning_cli.privacy.gate import apply, gate

    lang = protocol.language
    found = gate(summary.lessons, lang, allowed=protocol_numbers(protocol))
    if not found:
        return summary, 0
    decided = dict(decide(summary.lessons, found)) if decide is not None else {}
    decisions = {item: decided.get(item, True) for item in found}
    masked = sum(decisions.values())
    text = apply(summary.lessons, decisions, lang)
    updated = summary.model_copy(
        update={"lessons": text, "redactions": summary.redactions + masked}
    )
    return updated, masked


def privacy_findings(
    data: dict[str, Any], markdown: str, protocol: m.Protocol, extra: Iterable[str] = ()
) -> list[str]:
    """Types of personal data still found in the summary's JSON form, its Markdown and any
    ``extra`` text. Text that is the protocol's own wording (bounded as a word) is not a
    finding: it is the organisation's vetted content, not the session's."""
    from avlastning_cli.privacy import find

    own: str | None = None  # the protocol as text, only when something is found (it costs)
    found: list[str] = []
    for text in (json.dumps(data, ensure_ascii=False), markdown, *extra):
        for hit in find(text, protocol.language):
            own = protocol.model_dump_json() if own is None else own
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
