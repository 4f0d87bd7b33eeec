"""Bare `avlastning`: a menu in a terminal, help otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from avlastning_cli.prompter import MENU, NOT_HELD_REASON
from tests.session.harness import CTRL_C, ENTER, drive, state_path, summary
from tests.session.scripted import PARTICIPANTS, play


def test_bare_command_without_terminal_prints_help() -> None:
    result = drive([], tty=False)
    assert result.exit_code == 0
    assert "Användning" in result.output and "run" in result.output and "resume" in result.output


def test_real_prompts_menu_starts_a_session_with_enter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = drive([], ENTER + "\x7f5" + ENTER + CTRL_C)  # Enter: lead a session; 5 people
    assert result.exit_code == 130, result.output
    state = json.loads(state_path().read_text(encoding="utf-8"))
    assert state["mode"] == "live" and state["answers"]["participants"] == 5


def test_menu_offers_resume_first_when_a_session_is_paused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    play(["run"], {PARTICIPANTS: 9}, interrupt_at=1)
    result = play([])  # Enter: resume is first
    assert result.exit_code == 0, result.output
    assert summary(tmp_path)["participants"] == 9


def test_menu_checklist_writes_checklist_and_card_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = play([], {MENU: "checklist"})
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["checklista-avlastningssamtal.pdf", "kort-avlastningssamtal.pdf"]
    assert (tmp_path / names[0]).read_bytes().startswith(b"%PDF")
    again = play([], {MENU: "checklist"})  # never over the first ones
    assert again.exit_code == 0, again.output
    assert (tmp_path / "checklista-avlastningssamtal-2.pdf").exists()


def test_menu_records_a_session_not_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = play([], {MENU: "not_held", NOT_HELD_REASON: "held_later"})
    assert result.exit_code == 0, result.output
    data = summary(tmp_path)
    assert data["mode"] == "not_held"
    assert data["not_held"]["reason"] == "held_later"


def test_menu_quit_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    quit_ = play([], {MENU: "quit"})
    assert quit_.exit_code == 0 and not list(tmp_path.iterdir())
