"""The one place that shapes a record of a session considered but not held: build it (only
the protocol, the date and a reason id from the protocol's ``not_held_reasons``), and render
it. It is written like any summary (:mod:`.files`), and `stats` reads it with the same model.
"""

from __future__ import annotations

import datetime as dt

from avlastning_cli.errors import UserError
from avlastning_cli.export.render import md_escape
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm
from avlastning_cli.summary.build import protocol_ref, tool
from avlastning_cli.summary.render import LABELS

NOT_HELD_LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "not_held": "Samtalet hölls inte",
        "considered": "Ett samtal övervägdes men hölls inte.",
        "reason": "Skäl",
    },
    "en": {
        "not_held": "The session was not held",
        "considered": "A session was considered but not held.",
        "reason": "Reason",
    },
}


def build_not_held(protocol: m.Protocol, reason: str, date: dt.date) -> sm.NotHeldRecord:
    """A record that a session was considered but not held, and why (a reason id from the
    protocol). It has no session fields at all — no participants, steps or lessons — so that
    nothing can mistake it for a held session with zero participants."""
    ids = [r.id for r in protocol.not_held_reasons]
    if reason not in ids:
        import difflib

        close = difflib.get_close_matches(reason, ids, n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        if not ids:
            raise UserError(f"The protocol '{protocol.id}' lists no reasons for not holding it.")
        raise UserError(
            f"The reason given is not a reason in the protocol '{protocol.id}'.",
            f"{hint}Valid reasons: {', '.join(ids)}.",
        )
    return sm.NotHeldRecord.model_validate(
        {
            "schema": sm.SCHEMA,
            "mode": "not_held",
            "protocol": protocol_ref(protocol),
            "date": date,
            "not_held": sm.NotHeldReason(reason=reason),
            "tool": tool(),
        }
    )


def render_not_held(summary: sm.NotHeldRecord, protocol: m.Protocol) -> str:
    t = LABELS[protocol.language] | NOT_HELD_LABELS[protocol.language]
    p = summary.protocol
    reason = summary.not_held.reason
    text = md_escape({r.id: r.text for r in protocol.not_held_reasons}.get(reason, reason))
    title = md_escape(protocol.title, line_start=False)
    return "\n".join(
        [
            f"# {t['not_held']}: {title}",
            "",
            t["considered"],
            "",
            f"- {t['protocol']}: {p.id} {p.version} ({p.language})",
            f"- {t['date']}: {summary.date.isoformat()}",
            f"- {t['reason']}: {text} ({reason})",
            "",
            "---",
            "",
            t["privacy"],
            "",
        ]
    )
