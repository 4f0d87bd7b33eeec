"""Find protocols: bundled ones by id and language, or a YAML file by path.

Listing reads only each file's head with plain YAML, so it needs no pydantic.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from avlastning_cli.errors import NotFoundError, UserError
from avlastning_cli.i18n import language, tr

DEFAULT_ID = "avlastningssamtal"
LANGUAGES = ("sv", "en")
SCHEMA_NAME = "protocol.schema.json"


@dataclass(frozen=True)
class Bundled:
    id: str
    language: str
    title: str
    version: str
    type: str
    path: Path


def protocols_dir() -> Path:
    """Where the bundled protocols are: inside the wheel, or the repo's protocols/ folder."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_protocols", here.parent / "protocols"):
        if (candidate / SCHEMA_NAME).is_file():
            return candidate
    raise RuntimeError(f"bundled protocols not found beside {here}")  # a broken install: a bug


def schema_path() -> Path:
    return protocols_dir() / SCHEMA_NAME


#: the keys a listing shows (``type`` may be left out: defusing)
HEAD_KEYS = ("id", "language", "title", "version")
#: a top-level key with nothing after it opens a nested block: the head ends there
_BLOCK_START = re.compile(r"[A-Za-z_][\w-]*:[ \t]*(#.*)?\r?\n?")


#: ``key: value`` where the value means the same text to every YAML reader: quoted without
#: escapes, or a lower-case word that is not one of YAML's booleans or null
_SIMPLE = re.compile(
    r"""(id|language|title|version|type):[ \t]+(?:"([^"\\]*)"|'([^']*)'|([a-z][a-z0-9_]*))"""
    r"[ \t]*\r?\n?"
)
_NOT_TEXT = {"y", "yes", "n", "no", "on", "off", "true", "false", "null"}


def read_head(path: Path) -> dict[str, Any]:
    """The top-level keys of a protocol file before its first nested block (``id``,
    ``version``, ``language``, ``type`` and ``title`` stand there in every bundled file).

    Plain ``key: "value"`` lines are read as they are (the listing then needs no PyYAML);
    anything else in them is read with YAML, and the whole file when the head lacks a key.
    """
    lines = []
    simple: dict[str, Any] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if _BLOCK_START.fullmatch(line):
                break
            lines.append(line)
            found = _SIMPLE.fullmatch(line)
            if found:
                simple[found[1]] = next(v for v in found.groups()[1:] if v is not None)
    if all(key in simple for key in HEAD_KEYS) and _NOT_TEXT.isdisjoint(simple.values()):
        return simple
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    head = yaml.load("".join(lines), Loader=loader)
    if not isinstance(head, dict) or not all(key in head for key in HEAD_KEYS):
        head = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return dict(head)


@cache
def bundled() -> tuple[Bundled, ...]:
    """Every bundled protocol, from the head of its file (`resolve` needs no reading)."""
    found = []
    for path in sorted(protocols_dir().glob("*.yaml")):
        head = read_head(path)
        found.append(
            Bundled(
                id=str(head["id"]),
                language=str(head["language"]),
                title=str(head["title"]),
                version=str(head["version"]),
                type=str(head.get("type", "defusing")),
                path=path,
            )
        )
    return tuple(found)


def plain_table(items: tuple[Bundled, ...]) -> str:
    """The listing as aligned plain-text columns (rich's table costs more to import than the
    whole listing takes)."""
    rows = [tuple(tr(f"cli.protocols.col.{c}") for c in ("id", "lang", "version", "type", "title"))]
    rows += [(b.id, b.language, b.version, b.type, b.title) for b in items]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        lines.append("  ".join([*cells, row[4]]) + "\n")
    return "".join(lines)


def default_language() -> str:
    """The language of this command (its --lang, $AVLASTNING_LANG, the locale, or Swedish)."""
    return language()


def check_language(lang: str | None) -> str:
    if lang is None:
        return default_language()
    if lang not in LANGUAGES:
        raise UserError(tr("err.unknown_language", lang=lang), tr("err.unknown_language_hint"))
    return lang


def looks_like_path(ref: str) -> bool:
    return ref.endswith((".yaml", ".yml", ".json")) or os.sep in ref or "/" in ref


def resolve(ref: str | None, lang: str | None = None) -> Path:
    """A bundled id (in ``lang``) or a path to a protocol file."""
    ref = ref or DEFAULT_ID
    language = check_language(lang)
    if looks_like_path(ref) or Path(ref).is_file():
        path = Path(ref)
        if not os.path.lexists(path):  # a folder or a device is named as such by the reader
            raise NotFoundError(tr("err.no_protocol_file", file=ref), tr("err.check_path"))
        return path
    # bundled files are named ID.LANG.yaml (a test holds them to it): no need to read them
    path = protocols_dir() / f"{ref}.{language}.yaml"
    if path.is_file():
        return path
    ids = sorted({p.name.split(".")[0] for p in protocols_dir().glob("*.yaml")})
    close = difflib.get_close_matches(ref, ids, n=1)
    hint = tr("err.did_you_mean", name=close[0]) if close else ""
    if ref in ids:
        raise NotFoundError(tr("err.no_language_version", id=ref, lang=language))
    raise NotFoundError(
        tr("err.no_such_protocol", id=ref), tr("err.no_such_protocol_hint", hint=hint)
    )
