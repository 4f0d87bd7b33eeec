"""A record that a session was considered but not held, and why — with no personal data.

It is a summary with ``"mode": "not_held"`` and the reason's id from the protocol's
``not_held_reasons``, written the same way as a real summary: scanned once more, atomically,
never over an existing file. The menu and the ``not-held`` command both call
:func:`record_not_held`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from avlastning_cli.protocol import models as m


def record_not_held(
    protocol: m.Protocol, reason_id: str, out_dir: Path, date: dt.date | None = None
) -> tuple[Path, Path]:
    """Write ``avlastning-DATE-ID-ej-hallet.md`` and ``.json`` in ``out_dir``.

    Raises :class:`~avlastning_cli.errors.UserError` for a reason the protocol does not list.
    """
    from avlastning_cli.summary.files import write_summary
    from avlastning_cli.summary.not_held import build_not_held

    summary = build_not_held(protocol, reason_id, date or dt.date.today())
    return write_summary(protocol, summary, out_dir)
