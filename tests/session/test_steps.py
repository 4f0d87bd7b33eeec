"""At every step: back, emergency, the round, free text. Through the real prompts."""

from __future__ import annotations

from pathlib import Path

from tests.session.harness import DOWN, ENTER, drive, enters, summary, summary_files

# With Enter at every prompt, the prompts come in this order (Enter answers each):
# 0 participants, 1 second leader, 2 go on | setup: 3-4 checks, 5 go on | 6 purpose |
# ground rules: 7 check, 8 go on | 9 introductions | round: 10 participants (not given
# at the start, so asked again; not given, the round is not counted), 11 go on | 12 tell at
# home | warning signs: 13 marks, 14 go on | practical: 15-17 yes/no, 18 lessons, 19 go on |
# next steps: 20 follow-up date, 21 go on | 22 closing | 23 save
BACK = DOWN * 2 + ENTER  # go on, skip, back, pause, emergency
PAUSE = DOWN * 3 + ENTER
YES = "\x1b[A" * 2 + ENTER  # Ja, Nej, Inget svar: the pointer starts at "Inget svar"


def run(tmp_path: Path, keys: str, *args: str):
    result = drive(["run", *args, "--out", str(tmp_path)], keys)
    assert result.exit_code == 0, result.output
    return result


def test_back_goes_to_the_previous_step_and_answers_stay_editable(tmp_path: Path) -> None:
    keys = ENTER * 5 + BACK + "\x7f7" + ENTER + enters()
    out = run(tmp_path, keys).output
    assert "Innan ni börjar" in out[out.index("Steg 1/10") :]  # the opening, drawn again
    assert summary(tmp_path)["participants"] == 7


def test_back_keeps_answers_given_in_the_step(tmp_path: Path) -> None:
    # tick "calm place" (Ja), go on, go back from purpose: the tick is kept
    keys = ENTER * 3 + YES + ENTER + ENTER + BACK + enters()
    run(tmp_path, keys)
    assert summary(tmp_path)["checks"]["setup.calm_place"] is True


def test_emergency_key_records_the_sign_and_returns_to_the_same_step(tmp_path: Path) -> None:
    keys = ENTER * 6 + "!" + DOWN * 2 + ENTER + enters()  # at purpose: the second sign
    result = run(tmp_path, keys)
    out = result.output
    assert "Nödläge" in out and "Ring 112" in out
    noted = out.index("Antecknat: eskalering (Fysiska skador)")  # the sign's name, not its id
    emergency = out.index("Gör först")  # the emergency screen
    # the same step is drawn again after the emergency, with what to do kept in sight
    assert emergency < out.rindex("Syftet med samtalet", 0, noted)
    assert "→ Akuten! Se till att personen får vård nu" in out[emergency:noted]
    data = summary(tmp_path)
    assert data["warning_signs"]["escalations"] == ["physical_injury"]
    assert data["warning_signs"]["escalated"] is True
    assert {s["status"] for s in data["steps"]} == {"done"}


def test_emergency_from_the_menu_entry_and_just_looking_records_nothing(tmp_path: Path) -> None:
    keys = ENTER * 6 + DOWN * 4 + ENTER + ENTER + enters()  # "Nödläge", then "just looking"
    result = run(tmp_path, keys)
    assert "Gör så här nu" not in result.output  # no sign was marked in the signs step
    assert "Stanna hos personen" in result.output and "ring 112 nu" in result.output
    assert summary(tmp_path)["warning_signs"]["escalations"] == []


def test_emergency_inside_a_question_returns_to_that_question(tmp_path: Path) -> None:
    # at the first check of setup: !, pick the first sign, then answer the check "Ja"
    keys = ENTER * 3 + "!" + DOWN + ENTER + YES + enters()
    run(tmp_path, keys)
    data = summary(tmp_path)
    assert data["warning_signs"]["escalations"] == ["overwhelming_reaction"]
    assert data["checks"]["setup.calm_place"] is True


def test_round_counts_spoke_passed_and_can_end_early(tmp_path: Path) -> None:
    keys = "\x7f5" + ENTER + ENTER * 9  # 5 people; up to the round
    keys += ENTER + DOWN + ENTER + ENTER + DOWN * 3 + ENTER  # spoke, passed, spoke, end
    result = run(tmp_path, keys + enters())
    assert "Rundan: 2 talade, 1 avstod." in result.output
    assert summary(tmp_path)["round"] == {"spoke": 2, "passed": 1}


def test_skip_marks_a_step_skipped(tmp_path: Path) -> None:
    keys = ENTER * 9 + DOWN + ENTER + enters()  # skip introductions
    run(tmp_path, keys)
    steps = {s["id"]: s["status"] for s in summary(tmp_path)["steps"]}
    assert steps["introductions"] == "skipped"
    assert list(steps.values()).count("done") == 9


def test_free_text_is_scrubbed_shown_and_stored_scrubbed(tmp_path: Path) -> None:
    text = "Anna Svensson ringde 070-123 45 67 om larmet, rutinen behover ses over"
    keys = ENTER * 18 + text + ENTER + ENTER + enters()
    result = run(tmp_path, keys)
    assert "Så här sparas texten" in result.output
    assert "rensas från personuppgifter" in result.output
    md, js = summary_files(tmp_path)
    for path in (md, js):
        stored = path.read_text(encoding="utf-8")
        assert "070-123" not in stored and "Svensson" not in stored
        assert "rutinen behover ses over" in stored
    assert summary(tmp_path)["redactions"] >= 2


def test_free_text_can_be_typed_again(tmp_path: Path) -> None:
    keys = ENTER * 18 + "Ring 070-123 45 67" + ENTER + DOWN + ENTER
    keys += "\x7f" * 30 + "Mer stod vid larm" + ENTER + ENTER + enters()
    run(tmp_path, keys)
    assert summary(tmp_path)["lessons"] == "Mer stod vid larm"


def test_follow_up_date_accepts_days_or_a_date(tmp_path: Path) -> None:
    run(tmp_path, ENTER * 20 + "2031-05-06" + ENTER + enters())
    assert summary(tmp_path)["follow_up"]["date"] == "2031-05-06"


def test_warning_sign_marked_shows_its_action(tmp_path: Path) -> None:
    keys = ENTER * 13 + " " + ENTER + enters()  # mark the first sign
    result = run(tmp_path, keys)
    assert "Gör så här nu" in result.output
    assert summary(tmp_path)["warning_signs"]["flagged"] == ["overwhelming_reaction"]


def test_pause_saves_and_exits_calmly(tmp_path: Path) -> None:
    result = drive(["run", "--out", str(tmp_path)], ENTER * 5 + PAUSE)
    assert result.exit_code == 0, result.output
    assert "pausat och sparat" in result.output and "avlastning resume" in result.output
    resumed = drive(["resume"], enters())
    assert resumed.exit_code == 0, resumed.output
    assert len(summary(tmp_path)["steps"]) == 10


def test_quit_without_saving_writes_nothing(tmp_path: Path) -> None:
    result = drive(["run", "--out", str(tmp_path)], ENTER * 23 + DOWN * 3 + ENTER)
    assert result.exit_code == 0, result.output
    assert "Inget sparades" in result.output
    assert not list(tmp_path.iterdir())


def test_typing_a_number_replaces_the_shown_default(tmp_path: Path) -> None:
    result = drive(["run", "--out", str(tmp_path)], "6" + ENTER + enters())
    assert result.exit_code == 0, result.output
    assert summary(tmp_path)["participants"] == 6
