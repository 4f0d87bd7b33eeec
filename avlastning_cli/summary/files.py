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
    any of them still holds personal data."""
    from avlastning_cli.export.calendar import follow_up_date, follow_up_ics, ics_text
    from avlastning_cli.fsutil import write_new

    data = summary.to_data()
    markdown = render_markdown(summary, protocol)
    ics = follow_up_ics(protocol, data) if follow_up_date(data) else None
    refuse_if_personal(data, markdown, protocol, [ics_text(ics)] if ics else [])
    text = summary.to_json()
    stem = file_stem(summary)
    suffixes = (".md", ".json", ".ics")
    for n in range(1, 1000):
        name = stem if n == 1 else f"{stem}-{n}"
        if any((out_dir / f"{name}{suffix}").exists() for suffix in suffixes):
            continue
        md_path = write_new(out_dir, name, ".md", markdown)
        if md_path.stem != name:  # taken in the meantime: keep the pair's names together
            md_path.unlink()
            continue
        json_path = write_new(out_dir, name, ".json", text)
        ics_path = write_new(out_dir, name, ".ics", ics) if ics else None
        return SummaryFiles(md_path, json_path, ics_path)
    raise PrivacyError(f"Too many summaries named {stem}-N in {out_dir}.")  # pragma: no cover
