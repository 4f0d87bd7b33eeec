"""`avlastning new`: a local copy of a bundled protocol, pointing editors at the schema."""

from __future__ import annotations

from pathlib import Path

from avlastning_cli.fsutil import write_new_file
from avlastning_cli.protocol.registry import resolve, schema_path

SCHEMA_LINE = "# yaml-language-server: $schema="


def copy_bundled(protocol_id: str, lang: str | None, target: Path) -> None:
    source = resolve(protocol_id, lang)
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and lines[0].startswith(SCHEMA_LINE):
        lines = lines[1:]
    header = f"{SCHEMA_LINE}{schema_path().resolve().as_uri()}\n"
    write_new_file(target, header + "".join(lines))
