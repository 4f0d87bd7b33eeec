"""The organisation file: where it is, reading it, writing it.

One small YAML file holds the answers, keyed as in :mod:`.slots`::

    # avlastning: organisationens kontaktuppgifter
    version: 1
    values:
      manager: "Anna Andersson, 070-123 45 67"

Where it is, first found wins:

1. ``--file`` of ``avlastning anpassa`` (that command only);
2. ``$AVLASTNING_ORGANISATION``: a shared copy, e.g. on the unit's network drive;
3. ``organisation.yaml`` in ``$AVLASTNING_CONFIG_DIR`` (tests use it), else in the user's
   config folder (platformdirs), which is where ``avlastning anpassa`` saves by default.

A coordinator shares it by handing over the file: each leader runs
``avlastning anpassa --from FILE`` (or copies it to the path ``avlastning anpassa --show``
prints), or points ``AVLASTNING_ORGANISATION`` at one shared copy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from avlastning_cli.errors import Issue, IssuesError, UserError
from avlastning_cli.i18n import tr
from avlastning_cli.yamlsrc import Source, YamlProblem, load, read_text

FILE_NAME = "organisation.yaml"
ENV_FILE = "AVLASTNING_ORGANISATION"
ENV_DIR = "AVLASTNING_CONFIG_DIR"
VERSION = 1


def hint() -> str:
    return tr("org.hint")


class OrganisationError(IssuesError):
    """An organisation file that cannot be used."""


def config_dir() -> Path:
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("avlastning", appauthor=False))


def default_path() -> Path:
    """Where the organisation file is read from (and saved to) unless told otherwise."""
    shared = os.environ.get(ENV_FILE)
    if shared:
        return Path(shared)
    return config_dir() / FILE_NAME


def read_source(path: Path) -> Source:
    try:
        return load(read_text(path, "organisation file"), str(path))
    except YamlProblem as exc:
        raise OrganisationError(str(path), exc.issues, hint()) from None


def values_of(source: Source) -> dict[str, str]:
    """The file's answers, checked for shape (values are checked when they are entered)."""
    data = source.data
    if data is None:
        return {}
    issues: list[Issue] = []
    if not isinstance(data, dict):
        issues.append(source.issue((), tr("org.not_mapping")))
        raise OrganisationError(source.file, issues, hint())
    for key in data:
        if key not in ("version", "values"):
            issues.append(source.issue((key,), tr("org.unknown_key", key=key), key=True))
    raw = data.get("values") or {}
    if not isinstance(raw, dict):
        issues.append(source.issue(("values",), tr("org.values_not_mapping")))
        raw = {}
    values: dict[str, str] = {}
    for key, value in raw.items():
        if value is None:
            continue
        if not isinstance(value, str | int) or isinstance(value, bool):
            issues.append(source.issue(("values", key), tr("org.value_not_text", key=key)))
            continue
        text = " ".join(str(value).split())
        if text:
            values[str(key)] = text
    if issues:
        raise OrganisationError(source.file, issues, hint())
    return values


def load_values(path: Path | None = None) -> dict[str, str]:
    """The saved answers; none when there is no file yet."""
    path = path or default_path()
    if not path.exists():
        return {}
    return values_of(read_source(path))


def dump(values: dict[str, str], notes: dict[str, str] | None = None) -> str:
    """The file's text: a short header, then one ``key: "value"`` per line (with its
    contact's role as a comment, so the file can be read without the tool)."""
    lines = [
        "# avlastning: organisationens kontaktuppgifter (the organisation's contacts)",
        "# Ändra med `avlastning anpassa`. Ge en kopia till varje teamledare:",
        "#   avlastning anpassa --from organisation.yaml",
        f"version: {VERSION}",
        "values:" if values else "values: {}",
    ]
    for key, value in values.items():
        note = (notes or {}).get(key)
        if note:
            lines.append(f"  # {' '.join(note.split())}")
        # a JSON string is a valid YAML double-quoted scalar
        lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def save_values(
    values: dict[str, str], path: Path | None = None, notes: dict[str, str] | None = None
) -> Path:
    """Write the answers atomically (a reader sees the old file or the new one)."""
    from avlastning_cli.fsutil import atomic_write

    path = path or default_path()
    try:
        atomic_write(path, dump(values, notes))
    except OSError as exc:
        raise UserError(tr("err.cannot_write", file=path, error=exc.strerror or exc)) from None
    return path
