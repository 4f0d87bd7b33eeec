"""`avlastning rehearse`: the same walkthrough, marked ÖVNING, with scenarios and timing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.session.harness import DOWN, ENTER, drive, enters, summary


def test_rehearsal_shows_scenarios_feedback_and_timing_and_writes_with_out(
    tmp_path: Path,
) -> None:
    # up to the round's first scenario (participants … round turn, 11 prompts), then pick
    # the second (not recommended) response
    keys = ENTER * 11 + DOWN + ENTER + enters(90)
    result = drive(["rehearse", "--out", str(tmp_path)], keys)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "ÖVNING" in out and out.count("ÖVNING") >= 10  # on every screen
    assert "Övningssituation" in out
    assert "Under rundan börjar en deltagare gråta" in out
    assert "Inte det rekommenderade svaret" in out and "Rekommenderat svar." in out
    assert "Varför" in out  # the reasons are shown in full
    assert "Tid per steg" in out
    data = summary(tmp_path)
    assert data["mode"] == "rehearsal"
    scenarios = {s["id"]: s for s in data["rehearsal"]["scenarios"]}
    assert scenarios["participant_crying_leaves"]["choice"] == "ask_to_stay"
    assert scenarios["participant_crying_leaves"]["recommended"] is False
    assert scenarios["blames_colleague"]["recommended"] is True
    assert data["rehearsal"]["self_rating"]["calm_pace"] == 3
    assert data["rehearsal"]["timing"][0]["id"] == "setup"


def test_rehearsal_without_out_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = drive(["rehearse", "--lang", "en"], enters(90))
    assert result.exit_code == 0, result.output
    assert "REHEARSAL" in result.output
    assert "The rehearsal is done. Nothing was saved." in result.output
    assert not list(tmp_path.iterdir())


def test_rehearsal_from_an_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "svar.yaml"
    answers.write_text(
        "scenario.overwhelming_reaction: send_home_to_rest\nself_rating.calm_pace: 5\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = drive(["rehearse", "--answers", str(answers), "--out", str(out)], tty=False)
    assert result.exit_code == 0, result.output
    data = summary(out)
    scenarios = {s["id"]: s for s in data["rehearsal"]["scenarios"]}
    assert scenarios["overwhelming_reaction"]["recommended"] is False
    assert data["rehearsal"]["self_rating"]["calm_pace"] == 5
