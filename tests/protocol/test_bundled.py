"""The bundled protocols: valid, the same structure in Swedish and English, schema current."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from avlastning_cli.protocol.loader import load_protocol, read_protocol
from avlastning_cli.protocol.registry import bundled
from avlastning_cli.protocol.schema import protocol_schema
from avlastning_cli.protocol.strict import strict_issues
from tests.conftest import PROTOCOLS

YAMLS = sorted(PROTOCOLS.glob("*.yaml"))


def structure(data: Any) -> Any:
    """Everything but the human text: keys, ids, kinds, types, numbers, references."""
    if isinstance(data, dict):
        return {
            k: (v if k in ("id", "kind", "type", "language") else structure(v))
            for k, v in data.items()
            if k != "language"
        }
    if isinstance(data, list):
        return [structure(v) for v in data]
    if isinstance(data, str):
        return "<text>"
    return data


@pytest.mark.parametrize("path", YAMLS, ids=lambda p: p.name)
def test_bundled_protocol_is_valid_and_starts_with_schema_line(path):
    load_protocol(path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=protocol.schema.json"


def test_every_bundled_protocol_has_swedish_and_english_with_same_structure():
    by_id: dict[str, dict[str, Any]] = {}
    for b in bundled():
        by_id.setdefault(b.id, {})[b.language] = yaml.safe_load(b.path.read_text("utf-8"))
    assert "avlastningssamtal" in by_id
    for pid, langs in by_id.items():
        assert set(langs) == {"sv", "en"}, pid
        sv, en = structure(langs["sv"]), structure(langs["en"])
        assert sv == en, f"{pid}: Swedish and English differ in structure"


def test_structure_comparison_notices_a_changed_id():
    sv = yaml.safe_load((PROTOCOLS / "avlastningssamtal.sv.yaml").read_text("utf-8"))
    en = yaml.safe_load((PROTOCOLS / "avlastningssamtal.en.yaml").read_text("utf-8"))
    en["sections"][0]["id"] = "something_else"
    assert structure(sv) != structure(en)


@pytest.mark.parametrize("path", YAMLS, ids=lambda p: p.name)
def test_strict_finds_only_the_deliberate_placeholders(path):
    import datetime as dt

    protocol, source = read_protocol(path)
    issues = strict_issues(protocol, source, today=dt.date(2026, 11, 23))
    assert issues, "the bundled protocols keep placeholders for local contacts"
    assert all("platshållaren" in i.message for i in issues), [str(i) for i in issues]
    # local contacts only: 112 and 1177 are real and are never placeholders
    for c in protocol.contacts:
        if "112" in c.reach or "1177" in c.reach:
            assert "<" not in c.reach


def test_committed_schema_is_current():
    committed = json.loads((PROTOCOLS / "protocol.schema.json").read_text("utf-8"))
    assert committed == protocol_schema(), (
        "protocols/protocol.schema.json is stale: run "
        "`avlastning schema > protocols/protocol.schema.json`"
    )


def test_no_personal_contact_from_the_seed():
    for path in YAMLS:
        text = path.read_text("utf-8").lower()
        assert "@" not in text
        assert "jonsson" not in text


def test_bundled_files_are_named_by_id_and_language():
    for b in bundled():
        assert b.path.name == f"{b.id}.{b.language}.yaml"
