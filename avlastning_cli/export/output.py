"""Choosing an export's format and writing it to a new file, for the checklist and card commands."""

from __future__ import annotations

from pathlib import Path

from avlastning_cli.errors import UserError
from avlastning_cli.export.render import FORMATS, Format
from avlastning_cli.i18n import tr

SUFFIXES: dict[str, Format] = {".md": "md", ".txt": "txt", ".html": "html", ".htm": "html"}
SUFFIXES[".pdf"] = "pdf"
TO_FILE_ONLY: tuple[Format, ...] = ("html", "pdf")


class ExportUsageError(UserError):
    """Options that do not go together; exit code 2, like any other usage error."""

    exit_code = 2


def pick_format(fmt: str | None, output: Path | None, example: str = "checklist") -> Format:
    """``--format`` if given, else the -o file's suffix, else md. html and pdf need -o."""
    if fmt is None:
        if output is None:
            return "md"
        found = SUFFIXES.get(output.suffix.lower())
        if found is None:
            raise ExportUsageError(
                tr("err.format_from_name", name=output.name),
                tr("err.format_from_name_hint"),
            )
        return found
    chosen = next((f for f in FORMATS if f == fmt.lower()), None)
    if chosen is None:  # the command line's own choices refuse it first
        raise ExportUsageError(tr("err.unknown_export_format", fmt=fmt))
    if chosen in TO_FILE_ONLY and output is None:
        raise ExportUsageError(
            tr("err.needs_output", FMT=chosen.upper(), example=example, fmt=chosen)
        )
    return chosen
