"""Every bundled protocol, in both languages, works through every command that takes one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.protocol.registry import bundled

runner = CliRunner()
CASES = sorted({(b.id, b.language) for b in bundled()})


def test_the_conversation_protocols_are_bundled():
    assert {pid for pid, _ in CASES} >= {
        "avlastningssamtal",
        "stodsamtal",
        "anhorigsamtal",
        "efterlevandestod",
    }


@pytest.mark.parametrize(("pid", "lang"), CASES)
def test_run_and_rehearse_with_the_template_answers(tmp_path: Path, pid: str, lang: str):
    template = runner.invoke(app, ["answers", pid, "--lang", lang, "--rehearsal"])
    assert template.exit_code == 0, template.output
    answers = tmp_path / "svar.yaml"
    answers.write_text(template.output, encoding="utf-8")
    live = runner.invoke(app, ["answers", pid, "--lang", lang])
    (tmp_path / "live.yaml").write_text(live.output, encoding="utf-8")
    run = runner.invoke(
        app,
        [
            "run",
            pid,
            "--lang",
            lang,
            "--answers",
            str(tmp_path / "live.yaml"),
            "--out",
            str(tmp_path / "live"),
        ],
    )
    assert run.exit_code == 0, run.output
    (summary,) = (tmp_path / "live").glob("*.json")
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["mode"] == "live" and data["protocol"] == {
        **data["protocol"],
        "id": pid,
        "language": lang,
    }
    rehearse = runner.invoke(
        app,
        [
            "rehearse",
            pid,
            "--lang",
            lang,
            "--answers",
            str(answers),
            "--out",
            str(tmp_path / "reh"),
        ],
    )
    assert rehearse.exit_code == 0, rehearse.output
    (reh,) = (tmp_path / "reh").glob("*.json")
    assert json.loads(reh.read_text(encoding="utf-8"))["mode"] == "rehearsal"


@pytest.mark.parametrize(("pid", "lang"), CASES)
def test_checklist_and_card(pid: str, lang: str):
    for args in (["checklist"], ["checklist", "--full"], ["card"]):
        result = runner.invoke(app, [*args, pid, "--lang", lang, "--format", "txt"])
        assert result.exit_code == 0, (args, result.output)
        assert len(result.output) > 200
