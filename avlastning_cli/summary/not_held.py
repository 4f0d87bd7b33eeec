"""The one place that shapes a record of a session considered but not held: build it (only
the protocol, the date and a reason id from the protocol's ``not_held_reasons``), and render
it. It is written like any summary (:mod:`.files`), and `stats` reads it with the same model.
"""

from __future__ import annotations

import datetime as dt

from avlastning_cli.errors import UserError
from avlastning_cli.export.render import md_escape
from avlastning_cli.i18n import tr
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm
from avlastning_cli.summary.build import protocol_ref, tool
from avlastning_cli.summary.render import LABELS

#: Kept for code that imports it: the same ``summary.*`` entries as :data:`LABELS`.
NOT_HELD_LABELS = LABELS


def build_not_held(protocol: m.Protocol, reason: str, date: dt.date) -> sm.NotHeldRecord:
    """A record that a session was considered but not held, and why (a reason id from the
    protocol). It has no session fields at all — no participants, steps or lessons — so that
    nothing can mistake it for a held session with zero participants."""
    ids = [r.id for r in protocol.not_held_reasons]
    if reason not in ids:
        import difflib

        close = difflib.get_close_matches(reason, ids, n=1)
        hint = tr("err.did_you_mean", name=close[0]) if close else ""
        if not ids:
            raise UserError(tr("err.no_reasons", id=protocol.id))
        raise UserError(
            tr("err.not_a_reason", id=protocol.id),
            tr("err.valid_reasons", hint=hint, ids=", ".join(ids)),
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
    t = LABELS[protocol.language]
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
