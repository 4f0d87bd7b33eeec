"""The bundled protocols: valid, the same structure in Swedish and English, schema current."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from avlastning_cli.protocol.loader import load_protocol, read_protocol
from avlastning_cli.protocol.registry import HEAD_KEYS, bundled, read_head
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


@pytest.mark.parametrize("path", YAMLS, ids=lambda p: p.name)
def test_the_listing_reads_the_head_and_it_says_what_the_whole_file_says(path, monkeypatch):
    full = yaml.safe_load(path.read_text(encoding="utf-8"))
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("read in full"))
    head = read_head(path)
    for key in (*HEAD_KEYS, "type"):
        assert head[key] == full[key]
    assert "sections" not in head


def test_a_file_whose_head_lacks_a_key_is_read_in_full(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: x\nsections:\n  - a\nlanguage: sv\ntitle: T\nversion: '1'\n", "utf-8")
    assert read_head(path) == {
        "id": "x",
        "sections": ["a"],
        "language": "sv",
        "title": "T",
        "version": "1",
    }


@pytest.mark.parametrize(
    "head",
    [
        'id: x\nlanguage: sv\ntitle: "Tre \\"ord\\""\nversion: "1.0"\n',
        "id: x # a comment\nlanguage: 'sv'\ntitle: 'it''s'\nversion: 1.0\ntype: conversation\n",
        "id: x\nlanguage: en\ntitle: >-\n  Two\n  lines\nversion: '2'\ntype: yes\n",
        'id: x\nlanguage: en\ntitle: "T"\nversion: "2"\ntype: yes\n',
    ],
)
def test_a_head_reads_as_yaml_reads_it(head, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(head + "sections:\n  - a\n", encoding="utf-8")
    expected = yaml.safe_load(head)
    got = read_head(path)
    assert {k: got.get(k) for k in expected} == expected
