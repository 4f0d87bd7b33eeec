"""The whole summary is scanned again before it is written: anything found stops the save,
and nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.session import state as st
from tests.session.harness import drive, enters, state_path


def test_personal_data_that_got_into_the_state_stops_the_save(tmp_path: Path) -> None:
    # a state written by hand (or by an older version): the text was never scrubbed
    path = resolve(None, "sv")
    p = load_protocol(path)
    state = st.new_state("live", p.id, p.version, p.language, path, tmp_path)
    state.position = len(p.sections)  # at the end: only the preview and save are left
    state.answers = {"participants": 4, "practical.lessons": "Ring Anna på 070-123 45 67"}
    st.save(state)
    result = drive(["resume"], enters())
    assert result.exit_code == 1, result.output
    assert "Sammanfattningen sparades inte" in result.output  # in the session's language
    assert "personuppgifter (namn, telefon)" in result.output
    assert "avlastning resume" in result.output
    assert not list(tmp_path.glob("*.md")) and not list(tmp_path.glob("*.json"))
    kept = json.loads(state_path().read_text(encoding="utf-8"))
    assert kept["answers"]["participants"] == 4  # nothing lost
