"""Find protocols: bundled ones by id and language, or a YAML file by path.

Listing reads only each file's head with plain YAML, so it needs no pydantic.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from avlastning_cli.errors import NotFoundError, UserError

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


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def bundled() -> tuple[Bundled, ...]:
    """Every bundled protocol, read in full (for listing; `resolve` needs no reading)."""
    found = []
    for path in sorted(protocols_dir().glob("*.yaml")):
        head = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
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


def default_language() -> str:
    lang = os.environ.get("AVLASTNING_LANG", "sv").strip().lower()[:2]
    return lang if lang in LANGUAGES else "sv"


def check_language(lang: str | None) -> str:
    if lang is None:
        return default_language()
    if lang not in LANGUAGES:
        raise UserError(f"Unknown language '{lang}'.", "Use --lang sv or --lang en.")
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
            raise NotFoundError(f"{ref}: no such protocol file.", "Check the path and try again.")
        return path
    # bundled files are named ID.LANG.yaml (a test holds them to it): no need to read them
    path = protocols_dir() / f"{ref}.{language}.yaml"
    if path.is_file():
        return path
    ids = sorted({p.name.split(".")[0] for p in protocols_dir().glob("*.yaml")})
    close = difflib.get_close_matches(ref, ids, n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    if ref in ids:
        raise NotFoundError(f"The protocol '{ref}' has no '{language}' version.")
    raise NotFoundError(
        f"No bundled protocol is called '{ref}', and there is no such file.",
        f"{hint}See `avlastning protocols` for the list, or give a path to a YAML file.",
    )
