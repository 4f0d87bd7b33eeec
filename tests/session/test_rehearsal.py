"""`avlastning rehearse`: the same walkthrough, marked ÖVNING, with scenarios and timing."""

from __future__ import annotations

from pathlib import Path

import pytest

from avlastning_cli.protocol.fields import scenario_order
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from tests.session.harness import drive, summary
from tests.session.scripted import play


def test_rehearsal_shows_scenarios_feedback_and_timing_and_writes_with_out(
    tmp_path: Path,
) -> None:
    protocol = load_protocol(resolve(None, "sv"))
    crying, blames = [s for s in protocol.scenarios if s.section == "round"][:2]
    recommended = {c.id for s in protocol.scenarios for c in s.choices if c.recommended}
    shown = scenario_order(crying)  # not the protocol's order: recommended is not always first
    wrong = next(i for i, cid in enumerate(shown) if cid not in recommended)
    # a response that is not recommended at the first; Enter (the first shown) at the second
    script = {f"scenario.{crying.id}": shown[wrong]}
    result = play(["rehearse", "--out", str(tmp_path)], script)
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
    assert scenarios["participant_crying_leaves"]["choice"] == shown[wrong]
    assert scenarios["participant_crying_leaves"]["recommended"] is False
    first = scenario_order(blames)[0]
    assert scenarios["blames_colleague"]["choice"] == first
    assert scenarios["blames_colleague"]["recommended"] is (first in recommended)
    assert data["rehearsal"]["self_rating"]["calm_pace"] == 3
    assert data["rehearsal"]["timing"][0]["id"] == "setup"


def test_rehearsal_without_out_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = play(["rehearse", "--lang", "en"])
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
    # the trainer gets the same report as an interactive rehearsal
    out_text = result.output
    assert "Tid per steg" in out_text and "Σ" in out_text  # timing against the targets
    protocol = load_protocol(resolve(None, "sv"))
    crisis = next(s for s in protocol.scenarios if s.id == "overwhelming_reaction")
    picked = next(c for c in crisis.choices if c.id == "send_home_to_rest")
    assert " ".join(picked.text.split())[:40] in " ".join(out_text.split())  # the choice
    assert " ".join(picked.feedback.split())[:40] in " ".join(out_text.split())  # its feedback
    assert "Inte det rekommenderade svaret" in out_text
    assert out_text.count("→ ") >= len(protocol.scenarios)  # every scenario's choice
    assert "Självskattning" in out_text and "5" in out_text.split("Självskattning")[-1]


def test_rehearsal_answers_template_names_itself_and_has_every_key(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from avlastning_cli.cli import app

    text = CliRunner().invoke(app, ["answers", "--rehearsal"]).output
    assert text.startswith("# Svar för en ÖVNING med avlastningssamtal")
    assert "rehearse --answers" in text and "run --answers" not in text
    protocol = load_protocol(resolve(None, "sv"))
    for sc in protocol.scenarios:
        assert f"\nscenario.{sc.id}: " in text
    for q in protocol.self_rating:
        assert f"\nself_rating.{q.id}: " in text
    # and the template, unchanged, is a rehearsal answers file that prints the report
    path = tmp_path / "mall.yaml"
    path.write_text(text, encoding="utf-8")
    result = drive(["rehearse", "--answers", str(path)], tty=False)
    assert result.exit_code == 0, result.output
    assert "Tid per steg" in result.output and "Självskattning" in result.output
    assert "Övningen är klar. Inget sparades." in result.output
