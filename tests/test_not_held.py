"""`avlastning not-held`: a record with no personal data that a session was not held, and why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.errors import UserError
from avlastning_cli.not_held import record_not_held
from avlastning_cli.protocol.loader import load_protocol
from tests.conftest import PROTOCOLS

runner = CliRunner()
TODAY = dt.date.today().isoformat()


def _run(*args: str) -> object:
    return runner.invoke(app, ["not-held", *args])


def test_records_reason_and_nothing_else(tmp_path: Path) -> None:
    result = _run("--reason", "crisis_support_group", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    stem = f"avlastning-{TODAY}-avlastningssamtal-ej-hallet"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{stem}.json", f"{stem}.md"]
    assert f"{stem}.md" in result.output  # type: ignore[attr-defined]
    data = json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8"))
    assert data["schema"] == "avlastning.summary/1"
    assert data["mode"] == "not_held"
    assert data["not_held"] == {"reason": "crisis_support_group"}
    assert data["date"] == TODAY
    assert data["protocol"]["id"] == "avlastningssamtal"
    assert data["protocol"]["language"] == "sv"
    for session_field in ("participants", "steps", "lessons", "round", "warning_signs"):
        assert session_field not in data
    md = (tmp_path / f"{stem}.md").read_text(encoding="utf-8")
    assert "Samtalet hölls inte" in md
    assert "Skäl: Kommunens krisstödsgrupp (POSOM) eller PKL-gruppen tog över." in md


def test_english_labels(tmp_path: Path) -> None:
    result = _run("--lang", "en", "--reason", "nobody_wanted", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    md = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert "The session was not held" in md
    assert "Reason: Nobody wanted to take part just now. (nobody_wanted)" in md
    assert json.loads(next(tmp_path.glob("*.json")).read_text())["protocol"]["language"] == "en"


def test_never_overwrites(tmp_path: Path) -> None:
    assert _run("--reason", "held_later", "--out", str(tmp_path)).exit_code == 0  # type: ignore[attr-defined]
    first = next(tmp_path.glob("*ej-hallet.json"))
    before = first.read_bytes()
    assert _run("--reason", "other", "--out", str(tmp_path)).exit_code == 0  # type: ignore[attr-defined]
    assert first.read_bytes() == before
    second = tmp_path / first.name.replace(".json", "-2.json")
    assert json.loads(second.read_text())["not_held"]["reason"] == "other"
    assert len(list(tmp_path.iterdir())) == 4


def test_unknown_reason_lists_valid_ids(tmp_path: Path) -> None:
    result = _run("--reason", "held_latr", "--out", str(tmp_path))
    assert result.exit_code == 1
    out = result.output  # type: ignore[attr-defined]
    assert "Skälet som angavs är inget skäl i protokollet 'avlastningssamtal'" in out
    assert "held_latr" not in out  # not echoed: a reason typed wrongly could be anything
    assert "Menade du 'held_later'?" in out
    assert "nobody_wanted, held_later, crisis_support_group, individual_talks, other" in out
    assert list(tmp_path.iterdir()) == []


def test_no_reason_without_a_terminal_says_to_pass_it(tmp_path: Path) -> None:
    result = _run("--out", str(tmp_path))
    assert result.exit_code == 1
    assert "--reason" in result.output  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_asked_in_a_terminal_like_in_the_menu(tmp_path: Path) -> None:
    from tests.session.harness import DOWN, ENTER, drive

    result = drive(["not-held", "--out", str(tmp_path)], DOWN * 3 + ENTER)
    assert result.exit_code == 0, result.output
    assert "Antecknat, utan personuppgifter" in result.output
    data = json.loads(next(tmp_path.glob("*.json")).read_text())
    assert data["not_held"]["reason"] == "individual_talks"


def test_library_call_for_the_menu(tmp_path: Path) -> None:
    protocol = load_protocol(PROTOCOLS / "avlastningssamtal.en.yaml")
    md, js = record_not_held(protocol, "held_later", tmp_path, dt.date(2025, 1, 31))
    assert js.name == "avlastning-2025-01-31-avlastningssamtal-ej-hallet.json"
    assert md.with_suffix(".json") == js
    with pytest.raises(UserError, match="Giltiga skäl"):
        record_not_held(protocol, "bored", tmp_path)


def test_not_held_can_be_recorded_for_an_earlier_day(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["not-held", "--reason", "held_later", "--date", "2026-01-05", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    (path,) = tmp_path.glob("*.json")
    assert json.loads(path.read_text(encoding="utf-8"))["date"] == "2026-01-05"
    assert "2026-01-05" in path.name


@pytest.mark.parametrize(("value", "code"), [("2999-01-01", 1), ("5 januari", 2)])
def test_not_held_refuses_a_bad_date(tmp_path: Path, value: str, code: int) -> None:
    result = runner.invoke(
        app, ["not-held", "--reason", "held_later", "--date", value, "--out", str(tmp_path)]
    )
    assert result.exit_code == code, result.output
    assert not list(tmp_path.iterdir())
