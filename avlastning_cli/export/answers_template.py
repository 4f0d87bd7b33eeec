"""The answers template: every answerable key with its default, as YAML or JSON."""

from __future__ import annotations

import json

import yaml

from avlastning_cli.i18n import tr
from avlastning_cli.protocol.fields import Field, Mode, fields
from avlastning_cli.protocol.models import Protocol


def answers_json(protocol: Protocol, mode: Mode = "live") -> str:
    data = {f.key: f.describe() for f in fields(protocol, mode)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _value(value: object) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return text.removesuffix("\n...\n").strip()


def _comment(f: Field, lang: str) -> str:
    label = " ".join(f.label.split())
    options = ", ".join(f.options)
    if f.type == "yes_no":
        kind = "true/false"
    elif f.type == "number":
        kind = tr("template.number", lang, min=f.min, max=f.max)
    elif f.type in ("choice", "status"):
        kind = tr("template.one_of", lang, options=options)
    elif f.type == "ids":
        kind = tr("template.list_of", lang, options=options)
    elif f.type == "date":
        kind = tr("template.date", lang)
    else:
        kind = tr("template.text", lang, max=f.max_length)
    cond = ""
    if f.show_if:
        cond = tr("template.only_if", lang, key=f.show_if[0], value=_value(f.show_if[1]))
    return f"# {label} — {kind}{cond}"


def answers_yaml(protocol: Protocol, mode: Mode = "live") -> str:
    """The template in the protocol's language (its comments are read next to its wording)."""
    lang = protocol.language
    head = tr(
        "template.head", lang, id=protocol.id, version=protocol.version, language=lang, mode=mode
    )
    lines = [
        f"# {head}",
        f"# {tr('template.optional', lang)}",
        f"# {tr('template.private', lang)}",
        "",
    ]
    current: str | None = None
    for f in fields(protocol, mode):
        if f.section != current:
            current = f.section
            lines.append("")
        lines.append(_comment(f, lang))
        lines.append(f"{f.key}: {_value(f.default)}")
    return "\n".join(lines).strip("\n").replace("\n\n\n", "\n\n") + "\n"
