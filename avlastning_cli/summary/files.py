"""Name and write a summary's files: ``.md`` and ``.json`` side by side (and ``.ics`` when a
follow-up date is set), atomically, under a new name — never over an existing file — and only
after the final privacy scan passed."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from avlastning_cli.errors import PrivacyError
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm
from avlastning_cli.summary.gate import refuse_if_personal
from avlastning_cli.summary.render import render_markdown

Record = sm.HeldSummary | sm.NotHeldRecord
SUFFIXES = {"live": "", "rehearsal": "-ovning", "not_held": "-ej-hallet"}


def file_stem(summary: Record) -> str:
    return f"avlastning-{summary.date.isoformat()}-{summary.protocol.id}" + SUFFIXES[summary.mode]


class SummaryFiles(NamedTuple):
    """What :func:`write_summary_files` wrote: the pair, and the calendar file if any."""

    md: Path
    json: Path
    ics: Path | None


def write_summary(protocol: m.Protocol, summary: Record, out_dir: Path) -> tuple[Path, Path]:
    """Scan once more, then write ``.md`` and ``.json`` side by side under a new name (and
    ``.ics`` beside them when a follow-up date is set; see :func:`write_summary_files`)."""
    files = write_summary_files(protocol, summary, out_dir)
    return files.md, files.json


def write_summary_files(protocol: m.Protocol, summary: Record, out_dir: Path) -> SummaryFiles:
    """Scan everything once more, then write ``.md``, ``.json`` and, when the summary has a
    follow-up date, a calendar file ``.ics`` under the same new name. Nothing is written if
    any of them still holds personal data, and the files are written as a set: all, or none
    (OSError, e.g. a full disk, with nothing left behind)."""
    from avlastning_cli.export.calendar import follow_up_date, follow_up_ics, ics_text
    from avlastning_cli.fsutil import write_set

    data = summary.to_data()
    markdown = render_markdown(summary, protocol)
    ics = follow_up_ics(protocol, data) if follow_up_date(data) else None
    refuse_if_personal(data, markdown, protocol, [ics_text(ics)] if ics else [])
    text = summary.to_json()
    parts: dict[str, bytes | str] = {".md": markdown, ".json": text}
    if ics:
        parts[".ics"] = ics
    try:
        written = write_set(out_dir, file_stem(summary), parts, reserve=(".md", ".json", ".ics"))
    except FileExistsError:  # pragma: no cover - 10,000 summaries of one day and protocol
        raise PrivacyError(
            f"Too many summaries named {file_stem(summary)}-N in {out_dir}."
        ) from None
    return SummaryFiles(written[".md"], written[".json"], written.get(".ics"))
