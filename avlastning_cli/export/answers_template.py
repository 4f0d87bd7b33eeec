"""The answers template: every answerable key with its default, as YAML or JSON."""

from __future__ import annotations

import json

import yaml

from avlastning_cli.protocol.fields import Field, Mode, fields
from avlastning_cli.protocol.models import Protocol


def answers_json(protocol: Protocol, mode: Mode = "live") -> str:
    data = {f.key: f.describe() for f in fields(protocol, mode)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _value(value: object) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return text.removesuffix("\n...\n").strip()


def _comment(f: Field) -> str:
    label = " ".join(f.label.split())
    if f.type == "yes_no":
        kind = "true/false"
    elif f.type == "number":
        kind = f"a whole number {f.min}–{f.max}"
    elif f.type in ("choice", "status"):
        kind = "one of: " + ", ".join(f.options)
    elif f.type == "ids":
        kind = "a list of: " + ", ".join(f.options)
    elif f.type == "date":
        kind = "a date YYYY-MM-DD from today on, a number of days from today, or empty"
    else:
        kind = f"free text, at most {f.max_length} characters; scrubbed of personal data"
    if f.default is None and f.type in ("yes_no", "number"):
        kind += ", or null for not answered"
    cond = f"  (only if {f.show_if[0]} is {_value(f.show_if[1])})" if f.show_if else ""
    return f"# {label} — {kind}{cond}"


def answers_yaml(protocol: Protocol, mode: Mode = "live") -> str:
    what = "a REHEARSAL of" if mode == "rehearsal" else "a live session of"
    lines = [
        f"# Answers for {what} {protocol.id} {protocol.version} ({protocol.language}).",
        *(
            [
                "# For `avlastning rehearse --answers FILE`: the scenario choices (scenario.*)",
                "# and the self-rating (self_rating.*) are at the end.",
            ]
            if mode == "rehearsal"
            else ["# For `avlastning run --answers FILE`."]
        ),
        "# Every key is optional: a key left out takes the default shown here.",
        "# Never write names or other personal data in this file.",
        "",
    ]
    current: str | None = None
    for f in fields(protocol, mode):
        if f.section != current:
            current = f.section
            lines.append("")
        lines.append(_comment(f))
        lines.append(f"{f.key}: {_value(f.default)}")
    return "\n".join(lines).strip("\n").replace("\n\n\n", "\n\n") + "\n"
