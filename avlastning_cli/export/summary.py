"""Kept for the code that imports from here: the summary lives in :mod:`avlastning_cli.summary`
(model, build, render, gate, files, not_held), one job per module."""

from __future__ import annotations

from avlastning_cli.summary.build import build_summary
from avlastning_cli.summary.files import SummaryFiles, file_stem, write_summary, write_summary_files
from avlastning_cli.summary.gate import privacy_findings
from avlastning_cli.summary.model import SCHEMA, HeldSummary, NotHeldRecord
from avlastning_cli.summary.not_held import NOT_HELD_LABELS, build_not_held
from avlastning_cli.summary.render import LABELS, render_markdown

__all__ = [
    "LABELS",
    "NOT_HELD_LABELS",
    "SCHEMA",
    "HeldSummary",
    "NotHeldRecord",
    "SummaryFiles",
    "build_not_held",
    "build_summary",
    "file_stem",
    "privacy_findings",
    "render_markdown",
    "write_summary",
    "write_summary_files",
]
