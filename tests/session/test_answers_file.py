"""`run --answers FILE`: no prompt shown, the summary written; located errors; no network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.session.harness import drive, state_path, summary, summary_files


def write(tmp_path: Path, text: str, name: str = "svar.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_file_writes_the_summary_without_prompts(tmp_path: Path) -> None:
    answers = write(
        tmp_path,
        "participants: 4\n"
        "second_leader: true\n"
        "introductions.status: skipped\n"
        "round.spoke: 3\n"
        "round.passed: 1\n"
        "warning_signs.flagged: [suicidal_thoughts]\n"
        "escalations: [suicidal_thoughts]\n"
        "practical.someone_alone_tonight: true\n"
        "practical.alone_tonight_arranged: true\n"
        'practical.lessons: "Ring Anna Svensson 070-123 45 67 om rutinen"\n'
        "next_steps.follow_up_date: 2031-01-02\n",
    )
    out = tmp_path / "out"
    # no terminal at all: an answers file needs none
    result = drive(["run", "--answers", str(answers), "--out", str(out)], tty=False)
    assert result.exit_code == 0, result.output
    assert "Steg 1/11" not in result.output  # nothing is shown but the result
    data = summary(out)
    assert data["participants"] == 4 and data["second_leader"] is True
    assert data["round"] == {"spoke": 3, "passed": 1}
    assert data["warning_signs"]["escalations"] == ["suicidal_thoughts"]
    steps = {s["id"]: s["status"] for s in data["steps"]}
    assert steps["introductions"] == "skipped" and steps["round"] == "done"
    assert data["follow_up"]["answers"]["practical.alone_tonight_arranged"] is True
    assert data["follow_up"]["date"] == "2031-01-02"
    md, js = summary_files(out)
    for path in (md, js):
        assert "070-123" not in path.read_text(encoding="utf-8")
        assert str(path) in result.output
    assert data["redactions"] >= 2
    assert not state_path().exists()  # a scripted run leaves no paused session behind


def test_empty_answers_file_takes_every_default(tmp_path: Path) -> None:
    answers = write(tmp_path, "{}\n", "svar.json")
    out = tmp_path / "out"
    result = drive(["run", "--lang", "en", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = summary(out)
    assert data["participants"] == 1 and data["round"] == {"spoke": 0, "passed": 0}
    assert data["protocol"]["language"] == "en"


def test_unknown_key_is_named_with_did_you_mean(tmp_path: Path) -> None:
    answers = write(tmp_path, "participant: 3\n")
    result = drive(["run", "--answers", str(answers), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "okänd nyckel 'participant'" in result.output
    assert "menade du 'participants'" in result.output
    assert f"{answers}:1" in result.output
    assert not (tmp_path / "o").exists()


def test_wrong_type_is_reported_with_file_and_line(tmp_path: Path) -> None:
    answers = write(tmp_path, "participants: 3\nsecond_leader: maybe\n")
    result = drive(["run", "--answers", str(answers), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{answers}:2" in result.output
    assert "ja eller nej" in result.output
    assert "Traceback" not in result.output


def test_missing_answers_file_is_a_clear_error(tmp_path: Path) -> None:
    result = drive(["run", "--answers", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "filen finns inte" in result.output


def test_a_whole_session_opens_no_network_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the tool tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    answers = write(tmp_path, "participants: 2\npractical.lessons: Mer stod\n")
    result = drive(["run", "--answers", str(answers), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert summary(tmp_path / "out")["lessons"] == "Mer stod"
