"""What is entered makes sense: nothing assumed at Enter, counts that add up, follow-up dates
from today on, escalations carried into the signs step, and a summary that says it all.
Each rule through the prompts (keyed by meaning, ``scripted.py``; the Enter-through and the
emergency key on the real prompts with pipe input) and through an answers file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.ui import screens
from avlastning_cli.ui.labels import labels
from tests.session.harness import DOWN, ENTER, drive, enters, summary, summary_files
from tests.session.scripted import (
    EMERGENCY,
    ESCALATIONS,
    PARTICIPANTS,
    Each,
    ScriptedPrompter,
    keep,
    play,
    turn,
)

SV, EN = labels("sv"), labels("en")


def run(tmp_path: Path, script: dict, *args: str):
    result = play(["run", *args, "--out", str(tmp_path)], script)
    assert result.exit_code == 0, result.output
    return result


def answers(tmp_path: Path, text: str, *args: str, command: str = "run"):
    path = tmp_path / "svar.yaml"
    path.write_text(text, encoding="utf-8")
    return drive([command, *args, "--answers", str(path), "--out", str(tmp_path / "out")])


# --- nothing assumed ---------------------------------------------------------------------


def test_real_prompts_emergency_key_at_the_first_prompt_ticks_the_sign(tmp_path: Path) -> None:
    result = drive(["run", "--out", str(tmp_path)], "!" + DOWN + ENTER + enters())
    assert result.exit_code == 0, result.output
    data = summary(tmp_path)
    first = data["warning_signs"]["escalations"]
    assert len(first) == 1 and data["warning_signs"]["flagged"] == first


def test_answers_file_may_say_not_answered_with_null(tmp_path: Path) -> None:
    result = answers(tmp_path, "participants: null\nsecond_leader: null\nsetup.calm_place: true\n")
    assert result.exit_code == 0, result.output
    data = summary(tmp_path / "out")
    assert data["participants"] is None and data["second_leader"] is None
    assert data["checks"]["setup.calm_place"] is True
    assert data["checks"]["setup.drinks_blankets"] is None
    md = summary_files(tmp_path / "out")[0].read_text(encoding="utf-8")
    assert "- Deltagare: inte besvarat" in md
    assert "Dryck och filtar finns, om det behövs. — inte besvarat" in md


def test_template_shows_null_for_what_is_asked_not_assumed(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from avlastning_cli.cli import app

    out = CliRunner().invoke(app, ["answers", "--lang", "en"]).output
    assert "participants: null" in out and "or null for not answered" in out
    assert "practical.home_transport_needed: null" in out


# --- the round adds up -------------------------------------------------------------------


def test_a_mis_marked_person_in_the_round_is_corrected(tmp_path: Path) -> None:
    # person 1 marked "passed" by mistake; at person 2, undo; then person 1, 2 and 3 spoke
    script = {PARTICIPANTS: 3, turn("round"): Each("passed", "undo", "spoke", "spoke", "spoke")}
    result = run(tmp_path, script)
    assert [x for x in result.output.split("\n") if x.startswith("? Person")] == [
        "? Person 1/3",
        "? Person 2/3",
        "? Person 1/3",  # asked again
        "? Person 2/3",
        "? Person 3/3",
    ]
    assert summary(tmp_path)["round"] == {"spoke": 3, "passed": 0}


def test_more_counted_in_the_round_than_present_is_refused(tmp_path: Path) -> None:
    bad = answers(tmp_path, "participants: 2\nround.spoke: 2\nround.passed: 1\n")
    assert bad.exit_code == 1
    assert "round.spoke + round.passed är 3, fler än de 2 deltagarna" in bad.output
    assert "svar.yaml:2" in bad.output and "Traceback" not in bad.output


def test_round_counts_without_participants_are_refused(tmp_path: Path) -> None:
    result = answers(tmp_path, "round.passed: 2\n")
    assert result.exit_code == 1
    assert "ange också antalet deltagare" in result.output and "svar.yaml:1" in result.output


def test_participants_lower_bound_is_the_round_count() -> None:
    from avlastning_cli.session.engine import Engine
    from avlastning_cli.session.state import new_state

    p = load_protocol(resolve(None, "sv"))
    state = new_state("live", p.id, p.version, p.language, resolve(None, "sv"), Path("."))
    engine = Engine(p, state)
    engine.answer("participants", 4)
    for outcome in ("spoke", "passed", "spoke"):
        engine.turn("round", outcome)
    assert engine.counted_in_rounds() == 3
    engine.undo_turn("round")
    assert engine.round_counts("round") == (1, 1) and engine.counted_in_rounds() == 2


# --- the follow-up date ------------------------------------------------------------------


def test_follow_up_in_the_past_is_refused_at_the_prompt_then_days_work(tmp_path: Path) -> None:
    said: dict[str, str | None] = {}

    class Typing(ScriptedPrompter):
        """Types a past date at the follow-up prompt (refused), then a number of days."""

        def ask_text(self, key, label, default, help, validate, text_field=True):  # type: ignore[no-untyped-def]
            if key == "next_steps.follow_up_date":
                said["past"] = validate("2020-01-01")
                said["days"] = validate("7")
                said["date"] = validate("2099-01-01")
                return "7"
            return super().ask_text(key, label, default, help, validate, text_field)

    from unittest import mock

    from avlastning_cli.session import live

    with mock.patch.object(live, "interactive_prompter", lambda L, console: Typing({}, console)):
        result = drive(["run", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert said["past"] == SV["follow_up_past"]  # "Datumet har redan varit …"
    assert said["days"] is None and said["date"] is None
    expected = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    assert summary(tmp_path)["follow_up"]["date"] == expected


def test_one_parser_for_the_prompt_and_the_file() -> None:
    import pytest

    from avlastning_cli.session.answers import parse_follow_up

    today = dt.date(2026, 12, 2)
    assert parse_follow_up("7", today) == parse_follow_up(7, today) == "2026-12-09"
    assert parse_follow_up(" 2026-12-02 ", today) == "2026-12-02"  # today is fine
    assert parse_follow_up(dt.date(2027, 1, 1), today) == "2027-01-01"
    assert parse_follow_up("", today) == parse_follow_up(None, today) == ""
    for bad in ("2026-12-01", "igår", "-1", True):
        with pytest.raises(ValueError):
            parse_follow_up(bad, today)


def test_follow_up_in_an_answers_file_takes_days_or_a_date_and_refuses_the_past(
    tmp_path: Path,
) -> None:
    key = "next_steps.follow_up_date"
    for value in ("7", "'7'"):
        (tmp_path / "out").mkdir(exist_ok=True)
        for old in (tmp_path / "out").iterdir():
            old.unlink()
        result = answers(tmp_path, f"{key}: {value}\n")
        assert result.exit_code == 0, result.output
        expected = (dt.date.today() + dt.timedelta(days=7)).isoformat()
        assert summary(tmp_path / "out")["follow_up"]["date"] == expected
    past = answers(tmp_path, f"participants: 3\n{key}: 2020-01-01\n")
    assert past.exit_code == 1
    assert "2020-01-01 har redan varit" in past.output and "svar.yaml:2" in past.output


# --- escalations -------------------------------------------------------------------------


def test_escalated_sign_is_ticked_at_the_signs_step_and_named_in_markdown(tmp_path: Path) -> None:
    # at the first prompt, the emergency key, then "Fysiska skador"; Enter keeps the tick
    run(tmp_path, {PARTICIPANTS: Each(EMERGENCY), ESCALATIONS: "physical_injury"})
    data = summary(tmp_path)
    assert data["warning_signs"]["flagged"] == ["physical_injury"]
    assert data["warning_signs"]["escalations"] == ["physical_injury"]
    md = summary_files(tmp_path)[0].read_text(encoding="utf-8")
    assert "- Eskalering: ja (Fysiska skador)" in md


def test_escalations_in_an_answers_file_are_flagged_too(tmp_path: Path) -> None:
    result = answers(tmp_path, "escalations: [suicidal_thoughts]\n", "--lang", "en")
    assert result.exit_code == 0, result.output
    data = summary(tmp_path / "out")
    assert data["warning_signs"]["flagged"] == ["suicidal_thoughts"]
    md = summary_files(tmp_path / "out")[0].read_text(encoding="utf-8")
    assert "- Escalation: yes (Thoughts of not wanting to live)" in md


# --- what is said --------------------------------------------------------------------------


def test_every_file_written_is_listed_calendar_too(tmp_path: Path) -> None:
    result = answers(tmp_path, "next_steps.follow_up_date: 3\n")
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "out").iterdir())
    assert [p.suffix for p in written] == [".ics", ".json", ".md"]
    for path in written:
        assert str(path) in result.output


def test_scrub_note_and_plural_are_said_once_and_naturally(tmp_path: Path) -> None:
    text = "Anna Svensson ringde 070-123 45 67 om larmet"
    result = run(tmp_path, {"practical.lessons": text, keep("practical.lessons"): "keep"})
    out = result.output
    assert "Texten rensas från personuppgifter." in out
    assert "(rensas från personuppgifter)" not in out  # the protocol's help says it already
    assert "uppgifter maskerade" in out and "uppgift(er)" not in out
    assert screens.masked(1, SV) == "1 uppgift maskerad"
    assert screens.masked(5, SV) == "5 uppgifter maskerade"
    assert screens.masked(2, EN) == "2 items masked"


def test_passing_is_fine_is_said_once_in_the_round() -> None:
    import io

    from rich.console import Console

    for lang, words in (("sv", "Du måste inte prata"), ("en", "You don't have to")):
        p = load_protocol(resolve(None, lang))
        i = next(i for i, s in enumerate(p.sections) if s.kind == "round")
        buffer = io.StringIO()
        Console(file=buffer, width=80).print(
            screens.section_screen(p, p.sections[i], i, 10, 0, SV if lang == "sv" else EN)
        )
        assert buffer.getvalue().count(words) == 1, buffer.getvalue()


def test_stats_reads_summaries_with_not_answered_counts(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from avlastning_cli.cli import app

    assert answers(tmp_path, "{}\n").exit_code == 0  # nothing answered
    (tmp_path / "svar.yaml").unlink()
    assert answers(tmp_path, "participants: 4\n").exit_code == 0
    result = CliRunner().invoke(app, ["stats", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert report["files"]["read"] == 2 and report["files"]["skipped"] == 0
