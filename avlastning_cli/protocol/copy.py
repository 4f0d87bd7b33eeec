"""`avlastning new`: a local copy of a bundled protocol, pointing editors at the schema."""

from __future__ import annotations

from pathlib import Path

from avlastning_cli.errors import UserError
from avlastning_cli.fsutil import write_exclusive
from avlastning_cli.protocol.registry import resolve, schema_path

SCHEMA_LINE = "# yaml-language-server: $schema="


def copy_bundled(protocol_id: str, lang: str | None, target: Path) -> None:
    source = resolve(protocol_id, lang)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and lines[0].startswith(SCHEMA_LINE):
        lines = lines[1:]
    header = f"{SCHEMA_LINE}{schema_path().resolve().as_uri()}\n"
    try:
        write_exclusive(target, header + "".join(lines))
    except FileExistsError:
        raise UserError(
            f"{target} already exists; it was not changed.", "Choose another file name."
        ) from None
    except OSError as exc:
        raise UserError(f"{target}: cannot be written ({exc.strerror}).") from None
