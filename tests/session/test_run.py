"""`avlastning run`: from Enter-through to the summary files. The Swedish Enter-through goes
through the real prompts (pipe input); the rest is keyed by meaning (``scripted.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.session.harness import (
    drive,
    enters,
    state_path,
    summary,
    summary_files,
)
from tests.session.scripted import INTERRUPT, PARTICIPANTS, SECOND_LEADER, play


@pytest.mark.parametrize(
    ("lang", "title", "spoke_word"),
    [("sv", "# Sammanfattning: Avlastningssamtal", "talade: 1"), ("en", "Defusing", "spoke: 1")],
)
def test_enter_through_whole_protocol_writes_both_files(
    tmp_path: Path, lang: str, title: str, spoke_word: str
) -> None:
    args = ["run", "--lang", lang, "--out", str(tmp_path)]
    result = drive(args, enters()) if lang == "sv" else play(args)
    assert result.exit_code == 0, result.output
    md, js = summary_files(tmp_path)
    text = md.read_text(encoding="utf-8")
    assert title in text
    assert spoke_word in text.lower()
    data = summary(tmp_path)
    assert data["protocol"] == {
        "id": "avlastningssamtal",
        "version": "1.0",
        "language": lang,
        "type": "defusing",
    }
    assert data["participants"] == 1
    assert data["second_leader"] is False
    assert {s["status"] for s in data["steps"]} == {"done"}
    assert len(data["steps"]) == 11
    assert data["round"] == {"spoke": 1, "passed": 0}
    assert data["warning_signs"]["escalations"] == []
    assert data["warning_signs"]["escalated"] is False
    # the paths are printed, and a finished session leaves no state behind
    assert str(md) in result.output and str(js) in result.output
    assert not state_path().exists()


def test_screens_show_step_counter_words_to_say_and_tips(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)])
    out = result.output
    assert "Steg 1/11" in out and "Steg 11/11" in out
    assert "Säg" in out and "Tips för dig (läs inte upp)" in out
    assert "Tack för att ni är här." in out  # words to say, from the YAML
    assert "Nödläge: tryck !" in out
    assert "ÖVNING" not in out


def test_no_terminal_and_no_answers_says_use_answers(tmp_path: Path) -> None:
    result = drive(["run", "--out", str(tmp_path)], tty=False)
    assert result.exit_code == 1
    assert "--answers" in result.output
    assert not list(tmp_path.iterdir())


def test_participants_and_second_leader_are_asked_first(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {PARTICIPANTS: 6, SECOND_LEADER: True})
    assert result.exit_code == 0, result.output
    assert result.asked[:2] == [PARTICIPANTS, SECOND_LEADER]
    data = summary(tmp_path)
    assert data["participants"] == 6
    assert data["second_leader"] is True
    # Enter at every turn: all six spoke
    assert data["round"] == {"spoke": 6, "passed": 0}


def test_ctrl_c_pauses_with_message_and_exit_130(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {"setup.calm_place": INTERRUPT})
    assert result.exit_code == 130
    assert "pausat" in result.output and "avlastning resume" in result.output
    assert "Traceback" not in result.output
    assert state_path().exists()
    assert not list(tmp_path.iterdir())
