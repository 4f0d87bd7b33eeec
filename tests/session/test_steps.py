"""At every step: back, emergency, the round, free text.

Keyed by meaning (``scripted.py``); the tests named ``test_real_prompts_*`` go through the
real prompts with pipe input, to keep the keys themselves tested."""

from __future__ import annotations

import json
from pathlib import Path

from avlastning_cli.prompter import END, OPENING
from tests.session.harness import CTRL_C, DOWN, ENTER, drive, state_path, summary, summary_files
from tests.session.scripted import (
    EMERGENCY,
    ESCALATIONS,
    PARTICIPANTS,
    Each,
    Played,
    keep,
    nav,
    play,
    turn,
)


def run(tmp_path: Path, script: dict, *args: str) -> Played:
    result = play(["run", *args, "--out", str(tmp_path)], script)
    assert result.exit_code == 0, result.output
    return result


def test_back_goes_to_the_previous_step_and_answers_stay_editable(tmp_path: Path) -> None:
    result = run(tmp_path, {nav("setup"): Each("back"), PARTICIPANTS: Each(1, 7)})
    assert result.output.count("Innan ni börjar") == 2
    assert summary(tmp_path)["participants"] == 7


def test_back_keeps_answers_given_in_the_step(tmp_path: Path) -> None:
    # tick "calm place", go on, go back from purpose: the tick is kept (Enter keeps it)
    run(tmp_path, {"setup.calm_place": Each(True), nav("purpose"): Each("back")})
    assert summary(tmp_path)["checks"]["setup.calm_place"] is True


def test_emergency_key_records_the_sign_and_returns_to_the_same_step(tmp_path: Path) -> None:
    result = run(tmp_path, {nav("purpose"): Each(EMERGENCY), ESCALATIONS: "physical_injury"})
    out = result.output
    assert "Nödläge" in out and "Ring 112" in out
    noted = out.index("Antecknat: eskalering (Fysiska skador)")  # the sign's name, not its id
    emergency = out.index("Vid varningstecken: gör så här nu")  # the emergency screen
    # the same step is drawn again after the emergency, with what to do kept in sight
    assert emergency < out.rindex("Syftet med samtalet", 0, noted)
    assert "→ Akuten! Se till att personen får vård nu" in out[emergency:noted]
    data = summary(tmp_path)
    assert data["warning_signs"]["escalations"] == ["physical_injury"]
    assert data["warning_signs"]["escalated"] is True
    assert {s["status"] for s in data["steps"]} == {"done"}


def test_emergency_from_the_menu_entry_and_just_looking_records_nothing(tmp_path: Path) -> None:
    result = run(tmp_path, {nav("purpose"): Each("emergency"), ESCALATIONS: "none"})
    assert "Gör så här nu" not in result.output  # no sign was marked in the signs step
    assert "Vid varningstecken: gör så här nu." in result.output
    assert summary(tmp_path)["warning_signs"]["escalations"] == []


def test_emergency_inside_a_question_returns_to_that_question(tmp_path: Path) -> None:
    script = {"setup.calm_place": Each(EMERGENCY, True), ESCALATIONS: "overwhelming_reaction"}
    result = run(tmp_path, script)
    assert result.asked.count("setup.calm_place") == 2
    data = summary(tmp_path)
    assert data["warning_signs"]["escalations"] == ["overwhelming_reaction"]
    assert data["checks"]["setup.calm_place"] is True


def test_round_counts_spoke_passed_and_can_end_early(tmp_path: Path) -> None:
    script = {PARTICIPANTS: 5, turn("round"): Each("spoke", "passed", "spoke", "end")}
    result = run(tmp_path, script)
    assert result.asked.count(turn("round")) == 4
    assert "Rundan: 2 talade, 1 avstod." in result.output
    assert summary(tmp_path)["round"] == {"spoke": 2, "passed": 1}


def test_skip_marks_a_step_skipped(tmp_path: Path) -> None:
    run(tmp_path, {nav("introductions"): "skip"})
    steps = {s["id"]: s["status"] for s in summary(tmp_path)["steps"]}
    assert steps["introductions"] == "skipped"
    assert list(steps.values()).count("done") == 10


def test_free_text_is_scrubbed_shown_and_stored_scrubbed(tmp_path: Path) -> None:
    text = "Anna Svensson ringde 070-123 45 67 om larmet, rutinen behover ses over"
    result = run(tmp_path, {"practical.lessons": text})
    assert "Så här sparas texten" in result.output
    assert "rensas från personuppgifter" in result.output
    md, js = summary_files(tmp_path)
    for path in (md, js):
        stored = path.read_text(encoding="utf-8")
        assert "070-123" not in stored and "Svensson" not in stored
        assert "rutinen behover ses over" in stored
    assert summary(tmp_path)["redactions"] >= 2


def test_free_text_can_be_typed_again(tmp_path: Path) -> None:
    script = {
        "practical.lessons": Each("Ring 070-123 45 67", "Mer stod vid larm"),
        keep("practical.lessons"): Each("retype", "keep"),
    }
    run(tmp_path, script)
    assert summary(tmp_path)["lessons"] == "Mer stod vid larm"


def test_follow_up_date_accepts_days_or_a_date(tmp_path: Path) -> None:
    run(tmp_path, {"next_steps.follow_up_date": "2031-05-06"})
    assert summary(tmp_path)["follow_up"]["date"] == "2031-05-06"


def test_warning_sign_marked_shows_its_action(tmp_path: Path) -> None:
    result = run(tmp_path, {"warning_signs.flagged": ["overwhelming_reaction"]})
    assert "Gör så här nu" in result.output
    assert summary(tmp_path)["warning_signs"]["flagged"] == ["overwhelming_reaction"]


def test_pause_saves_and_exits_calmly(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {nav("setup"): "pause"})
    assert result.exit_code == 0, result.output
    assert "pausat och sparat" in result.output and "avlastning resume" in result.output
    resumed = play(["resume"])
    assert resumed.exit_code == 0, resumed.output
    assert summary(tmp_path)["participants"] == 1


def test_quit_without_saving_writes_nothing(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {nav(END): "quit"})
    assert result.exit_code == 0, result.output
    assert "Inget sparades" in result.output
    assert not list(tmp_path.iterdir())


def test_opening_cannot_skip_or_go_back(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {nav(OPENING): "pause"})
    assert result.exit_code == 0
    assert result.asked[:3] == ["participants", "second_leader", nav(OPENING)]


# --- through the real prompts (pipe input) -------------------------------------------------


def saved_state() -> dict:
    return json.loads(state_path().read_text(encoding="utf-8"))


def test_real_prompts_typing_a_number_replaces_the_shown_default(tmp_path: Path) -> None:
    result = drive(["run", "--out", str(tmp_path)], "6" + ENTER + CTRL_C)
    assert result.exit_code == 130, result.output
    assert saved_state()["answers"]["participants"] == 6


def test_real_prompts_emergency_key_then_back(tmp_path: Path) -> None:
    # 0 participants, 1 second leader, 2 go on | setup: 3-4 checks (! at 3: the third sign), 5 back
    back = DOWN * 2 + ENTER  # go on, skip, back, pause, emergency
    sign = "!" + DOWN * 3 + ENTER
    keys = ENTER * 3 + sign + "\x1b[A" + ENTER + ENTER + back + "\x7f7" + ENTER
    result = drive(["run", "--out", str(tmp_path)], keys + CTRL_C)
    assert result.exit_code == 130, result.output
    assert result.output.count("Innan ni börjar") == 2  # the opening, again after back
    answers = saved_state()["answers"]
    assert answers["escalations"] == ["overwhelming_reaction"]
    assert answers["setup.calm_place"] is True
    assert answers["participants"] == 7
