"""Nothing lost: Ctrl-C at any prompt, then `avlastning resume`, gives the same summary
(apart from duration) as the same answers given without a break.

Keyed by meaning (see ``scripted.py``): the prompts are answered by key at engine speed, so
the session is interrupted at *every* prompt. ``test_real_prompts_*`` keep one interruption
through the real prompts (pipe input)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.session.harness import CTRL_C, DOWN, ENTER, drive, state_path, summary
from tests.session.scripted import (
    EMERGENCY,
    ESCALATIONS,
    PARTICIPANTS,
    SECOND_LEADER,
    Each,
    keep,
    nav,
    play,
    turn,
)

LESSON = "Rutinen for larm behover ses over"
SCRIPT: dict[str, Any] = {
    PARTICIPANTS: 3,
    SECOND_LEADER: True,
    "setup.calm_place": True,
    "ground_rules.phones_off": True,
    nav("ground_rules"): Each(EMERGENCY, "go_on"),  # the emergency key, then go on
    ESCALATIONS: "overwhelming_reaction",  # ... the sign picked there
    nav("introductions"): "skip",
    turn("round"): Each("spoke", "passed", "spoke"),
    "warning_signs.flagged": ["physical_injury"],
    "practical.other_staff_involved": True,
    "practical.someone_alone_tonight": True,
    "practical.alone_tonight_arranged": True,
    "practical.lessons": LESSON,
    keep("practical.lessons"): "keep",
    "next_steps.follow_up_date": "3",
}


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data.pop("duration_minutes")
    return data


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], list[str]]:
    out = tmp_path_factory.mktemp("reference")
    played = play(["run", "--out", str(out)], SCRIPT)
    assert played.exit_code == 0, played.output
    data = summary(out)
    # the script really answered what it says
    assert data["participants"] == 3 and data["second_leader"] is True
    assert data["round"] == {"spoke": 2, "passed": 1}
    assert data["warning_signs"]["escalations"] == ["overwhelming_reaction"]
    assert data["warning_signs"]["flagged"] == ["physical_injury"]
    assert {s["id"]: s["status"] for s in data["steps"]}["introductions"] == "skipped"
    assert data["follow_up"]["answers"]["practical.alone_tonight_arranged"] is True
    assert data["follow_up"]["date"]
    assert data["lessons"] == LESSON
    return data, played.asked


def test_the_reference_script_answers_what_it_says(
    reference: tuple[dict[str, Any], list[str]],
) -> None:
    data, asked = reference
    assert asked.count(turn("round")) == 3
    assert data["lessons"] == LESSON


CHUNKS = 3  # the prompts are shared out so that pytest-xdist can run the chunks side by side


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_interrupt_at_every_prompt_then_resume_gives_same_summary(
    tmp_path_factory: pytest.TempPathFactory,
    reference: tuple[dict[str, Any], list[str]],
    chunk: int,
) -> None:
    data, asked = reference
    assert len(asked) > 25
    for at, key in enumerate(asked):
        if at % CHUNKS != chunk or key == ESCALATIONS:
            continue  # inside the emergency action: Ctrl-C there leaves no escalation
        out = tmp_path_factory.mktemp(f"at{at}")
        first = play(["run", "--out", str(out)], SCRIPT, interrupt_at=at)
        assert first.exit_code == 130, (at, key, first.output)
        assert "avlastning resume" in first.output
        assert state_path().exists()
        assert not list(out.glob("*.md"))
        assert first.prompter is not None
        second = play(["resume"], first.prompter.remaining(), check_keys=False)
        assert second.exit_code == 0, (at, key, second.output)
        assert comparable(summary(out)) == comparable(data), (at, key)
        assert not state_path().exists()


def test_state_file_holds_no_free_text_before_scrubbing(tmp_path: Path) -> None:
    script = {**SCRIPT, "practical.lessons": "Ring Anna Svensson 070-123 45 67"}
    at = reference_index(script, tmp_path, "next_steps.follow_up_date")
    result = play(["run", "--out", str(tmp_path / "x")], script, interrupt_at=at)
    assert result.exit_code == 130
    saved = state_path().read_text(encoding="utf-8")
    assert "070-123" not in saved and "Svensson" not in saved
    assert json.loads(saved)["redactions"] >= 2


def reference_index(script: dict[str, Any], tmp_path: Path, key: str) -> int:
    whole = play(["run", "--out", str(tmp_path / "whole")], script, check_keys=False)
    return whole.asked.index(key)


def test_resume_discard_drops_the_paused_session(tmp_path: Path) -> None:
    play(["run", "--out", str(tmp_path)], interrupt_at=4)
    assert state_path().exists()
    result = play(["resume", "--discard"])
    assert result.exit_code == 0
    assert "borttaget" in result.output
    assert not state_path().exists()
    again = play(["resume"])
    assert again.exit_code == 1
    assert "inget pausat samtal" in again.output.lower()


def test_corrupt_state_file_suggests_discard(tmp_path: Path) -> None:
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text("{not json", encoding="utf-8")
    result = play(["resume"])
    assert result.exit_code == 1
    assert "avlastning resume --discard" in result.output
    assert "Traceback" not in result.output


def test_run_offers_to_resume_a_paused_session(tmp_path: Path) -> None:
    play(["run", "--out", str(tmp_path)], {PARTICIPANTS: 5}, interrupt_at=1)
    result = play(["run", "--out", str(tmp_path)])  # Enter: "go on with the paused session"
    assert result.exit_code == 0, result.output
    assert "pausat samtal" in result.output
    assert summary(tmp_path)["participants"] == 5


def test_changed_protocol_warns_and_keeps_fitting_answers(tmp_path: Path) -> None:
    from tests.conftest import PROTOCOLS

    mine = tmp_path / "mitt.yaml"
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    mine.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first = play(["run", str(mine), "--out", str(out)], {PARTICIPANTS: 4}, interrupt_at=2)
    assert first.exit_code == 130
    mine.write_text(text.replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    result = play(["resume"])
    assert result.exit_code == 0, result.output
    assert "har ändrats" in result.output
    data = summary(out)
    assert data["participants"] == 4
    assert data["protocol"]["version"] == "1.1"


# --- through the real prompts (pipe input): keys, not keys by meaning ----------------------


def test_real_prompts_ctrl_c_then_resume_keeps_the_answers(tmp_path: Path) -> None:
    first = drive(["run", "--out", str(tmp_path)], "\x7f3" + ENTER + CTRL_C)
    assert first.exit_code == 130, first.output
    assert "avlastning resume" in first.output
    assert state_path().exists()
    # the resumed opening shows 3 as the default: Enter keeps it; then pause (go on, pause, …)
    second = drive(["resume"], ENTER * 2 + DOWN + ENTER)
    assert second.exit_code == 0, second.output
    assert "pausat och sparat" in second.output
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved["answers"]["participants"] == 3 and saved["position"] == -1
