"""The JSON Schema of the protocol format, generated from the models."""

from __future__ import annotations

import json

from avlastning_cli.protocol.models import Protocol


def protocol_schema() -> dict[str, object]:
    schema = Protocol.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://avlastning.invalid/protocol.schema.json"
    return schema


def protocol_schema_text() -> str:
    return json.dumps(protocol_schema(), ensure_ascii=False, indent=2) + "\n"
