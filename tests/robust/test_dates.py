"""Dates at the edges: the last possible follow-up day, a date with a time in an answers file,
and never a Python repr such as datetime.datetime( in a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from tests.conftest import PROTOCOLS

pytestmark = pytest.mark.usefixtures("english")  # these read the English messages

runner = CliRunner()


def test_a_follow_up_on_9999_12_31_is_written_with_its_calendar_file(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("next_steps.follow_up_date: 9999-12-31\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 0, result.output
    ics = next(out.glob("*.ics")).read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:99991231" in ics and "DTEND" not in ics


def test_a_date_with_a_time_in_an_answers_file_is_a_located_problem(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "participants: 2001-01-01 10:00:00\nnext_steps.follow_up_date: 2026-12-20 10:00:00\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["run", "--answers", str(answers), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert not isinstance(result.exception, ValueError)
    out = result.output
    assert f"{answers}:1:15: participants: expected a whole number, got a date and time" in out
    assert f"{answers}:2:28: next_steps.follow_up_date: expected a date" in out
    assert "without a time, got a date and time." in out
    assert "2026-12-20" not in out  # the value is not repeated (issue 14: it could be personal)
    assert "datetime.datetime(" not in result.output and "datetime.date(" not in result.output


def test_protocol_messages_show_dates_as_written(tmp_path: Path) -> None:
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "p.sv.yaml"
    bad.write_text(
        text.replace('title: "Avlastningssamtal"', "title: 2001-01-01 10:00:00", 1),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "got 2001-01-01 10:00:00" in result.output
    assert "datetime.datetime(" not in result.output
