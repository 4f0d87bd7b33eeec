"""Name and write a summary's files: ``.md`` and ``.json`` side by side (and ``.ics`` when a
follow-up date is set), atomically, under a new name — never over an existing file — and only
after the final privacy scan passed."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from avlastning_cli.errors import PrivacyError
from avlastning_cli.i18n import tr
from avlastning_cli.protocol import models as m
from avlastning_cli.summary import model as sm
from avlastning_cli.summary.gate import Decide, gate_free_text, refuse_if_personal
from avlastning_cli.summary.render import render_markdown

Record = sm.HeldSummary | sm.NotHeldRecord
SUFFIXES = {"live": "", "rehearsal": "-ovning", "not_held": "-ej-hallet"}


def file_stem(summary: Record) -> str:
    return f"avlastning-{summary.date.isoformat()}-{summary.protocol.id}" + SUFFIXES[summary.mode]


class SummaryFiles(NamedTuple):
    """What :func:`write_summary_files` wrote: the pair, the calendar file if any, and how many
    uncertain items the final gate masked."""

    md: Path
    json: Path
    ics: Path | None
    gate_masked: int = 0


def write_summary(
    protocol: m.Protocol, summary: Record, out_dir: Path, decide: Decide | None = None
) -> tuple[Path, Path]:
    """Gate and scan once more, then write ``.md`` and ``.json`` side by side under a new name
    (and ``.ics`` beside them when a follow-up date is set; see :func:`write_summary_files`)."""
    files = write_summary_files(protocol, summary, out_dir, decide)
    return files.md, files.json


def write_summary_files(
    protocol: m.Protocol, summary: Record, out_dir: Path, decide: Decide | None = None
) -> SummaryFiles:
    """Scan everything once more (nothing is written if personal data is still found), then
    run the final gate over the free text (``decide`` asks the leader about each uncertain
    item; without it every one is masked) and write ``.md``, ``.json`` and, when the summary
    has a follow-up date, a calendar file ``.ics`` under the same new name. The files are
    written as a set: all, or none (OSError, e.g. a full disk, with nothing left behind)."""
    markdown, ics = _scanned(protocol, summary)
    summary, gate_masked = gate_free_text(summary, protocol, decide)
    if gate_masked:
        markdown, ics = _scanned(protocol, summary)
    return _write(summary, markdown, ics, out_dir, gate_masked)


def _scanned(protocol: m.Protocol, summary: Record) -> tuple[str, bytes | None]:
    """The Markdown and calendar file of ``summary``, refused if they hold personal data."""
    from avlastning_cli.export.calendar import follow_up_date, follow_up_ics, ics_text

    data = summary.to_data()
    markdown = render_markdown(summary, protocol)
    ics = follow_up_ics(protocol, data) if follow_up_date(data) else None
    refuse_if_personal(data, markdown, protocol, [ics_text(ics)] if ics else [])
    return markdown, ics


def _write(
    summary: Record, markdown: str, ics: bytes | None, out_dir: Path, gate_masked: int
) -> SummaryFiles:
    from avlastning_cli.fsutil import write_set

    text = summary.to_json()
    parts: dict[str, bytes | str] = {".md": markdown, ".json": text}
    if ics:
        parts[".ics"] = ics
    try:
        written = write_set(out_dir, file_stem(summary), parts, reserve=(".md", ".json", ".ics"))
    except FileExistsError:  # pragma: no cover - 10,000 summaries of one day and protocol
        raise PrivacyError(
            tr("err.too_many_files", stem=file_stem(summary), folder=out_dir)
        ) from None
    return SummaryFiles(written[".md"], written[".json"], written.get(".ics"), gate_masked)
