"""In a session: a calm banner when contacts are missing, an emergency panel that says what
to do without them, and the organisation's contacts kept apart from participants' data."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from avlastning_cli.export.calendar import ics_text
from tests.session.harness import CTRL_C, DOWN, ENTER, drive, enters, state_path, summary_files
from tests.session.scripted import EMERGENCY, PARTICIPANTS, Each, play

ALL = [
    "--set", "akutmottagning=Akutmottagningen, Sjukhusvägen 1, 031-342 00 00",
    "--set", "foretagshalsovard=010-123 45 67",
    "--set", "vardcentral=din egen vårdcentral, eller 1177",
    "--set", "manager=Maria Lind, 010-456 78 90",
    "--set", "posom=via tjänsteperson i beredskap, 031-365 00 00",
    "--set", "pkl=via sjukhusets växel 031-342 10 00",
]  # fmt: skip
BANNER = "Kontaktuppgifter saknas"


def flat(screen: str) -> str:
    """What the screen says, without panel borders and line breaks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", screen).split())


def set_up() -> None:
    result = drive(["anpassa", *ALL], tty=False)
    assert result.exit_code == 0, result.output


def test_without_set_up_a_live_session_starts_with_the_banner(tmp_path: Path) -> None:
    # the real prompts, Enter at every one; the other sessions here answer by key (faster)
    result = drive(["run", "--out", str(tmp_path)], enters())
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert BANNER in out
    banner = out[out.index(BANNER) : out.index("Steg 1/")]  # at the start
    for name in ("Företagshälsovården", "Vårdcentralen", "Närmaste chef", "POSOM"):
        assert name in banner
    assert "112 (akut) och 1177" in banner and "avlastning anpassa" in banner
    assert "fyll i" not in out and "<" not in out  # never markup on screen
    assert "Företagshälsovården · (uppgift saknas)" in out  # the next steps' contacts


def test_in_english_too(tmp_path: Path) -> None:
    result = play(["run", "--lang", "en", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Contacts missing" in result.output and "<fill in" not in result.output


def test_with_set_up_there_is_no_banner_and_the_contacts_show(tmp_path: Path) -> None:
    set_up()
    result = play(["run", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert BANNER not in result.output and "uppgift saknas" not in result.output
    assert "Närmaste chef · Maria Lind, 010-456 78 90" in flat(result.output)


def test_the_emergency_panel_says_what_to_do_without_a_contact(tmp_path: Path) -> None:
    # at the first prompt: !, then "just looking" (the emergency screen in full: what to do
    # first, and each sign's detail, which a live session shows as the sign is selected)
    result = play(["run", "--out", str(tmp_path)], {PARTICIPANTS: Each(EMERGENCY)})
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    panel = out[out.index("Gör först") :]
    assert "(Företagshälsovården: uppgift saknas – ring 112 vid fara, annars 1177)" in panel
    assert "ring 112 vid fara för liv och hälsa, annars 1177" in panel


def test_the_emergency_panel_shows_the_filled_in_number(tmp_path: Path) -> None:
    set_up()
    result = play(["run", "--out", str(tmp_path)], {PARTICIPANTS: Each(EMERGENCY)})
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    panel = out[out.index("Gör först") : out.index("Innan ni börjar", out.index("Gör först"))]
    assert "(010-123 45 67)" in panel and "uppgift saknas" not in panel


def test_the_menu_fills_them_in(tmp_path: Path) -> None:
    keys = DOWN * 4 + ENTER + ENTER + "010-123 45 67" + ENTER * 5 + ENTER
    result = drive([], keys)
    assert result.exit_code == 0, result.output
    org = Path(os.environ["AVLASTNING_CONFIG_DIR"]) / "organisation.yaml"
    assert 'foretagshalsovard: "010-123 45 67"' in org.read_text(encoding="utf-8")


def test_organisation_contacts_reach_the_calendar_but_not_participants_data(
    tmp_path: Path,
) -> None:
    set_up()
    answers = tmp_path / "svar.yaml"
    answers.write_text(
        "participants: 3\n"
        'practical.lessons: "Ring Kalle Svensson 070-987 65 43 om rutinen"\n'
        "next_steps.follow_up_date: 2031-01-02\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = drive(["run", "--answers", str(answers), "--out", str(out)], tty=False)
    # the final scan does not refuse the summary for the organisation's own contacts
    assert result.exit_code == 0, result.output
    ics = ics_text(next(out.glob("*.ics")).read_bytes())
    assert "Maria Lind" in ics and "010-456 78 90" in ics  # the first next-steps contact
    md, js = summary_files(out)
    for path in (md, js):
        text = path.read_text(encoding="utf-8")
        assert "Kalle" not in text and "Svensson" not in text and "070-987" not in text
        assert "Maria Lind" not in text and "010-456" not in text  # roles only, as before
    assert json.loads(js.read_text(encoding="utf-8"))["redactions"] >= 2


def test_the_saved_state_holds_no_contact_details(tmp_path: Path) -> None:
    set_up()
    result = drive(["run", "--out", str(tmp_path)], ENTER * 4 + CTRL_C)
    assert result.exit_code == 130
    state = state_path().read_text(encoding="utf-8")
    assert "Maria Lind" not in state and "010-456" not in state


def test_a_broken_organisation_file_does_not_stop_a_session(tmp_path: Path) -> None:
    org = Path(os.environ["AVLASTNING_CONFIG_DIR"]) / "organisation.yaml"
    org.write_text("values: [oops\n", encoding="utf-8")
    result = play(["run", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert str(org) in result.output  # shown as a warning, with where
    assert BANNER in result.output


def test_a_rehearsal_uses_them_too(tmp_path: Path) -> None:
    assert BANNER in play(["rehearse"]).output
    set_up()
    result = play(["rehearse"])
    assert result.exit_code == 0, result.output
    assert BANNER not in result.output
    assert "Maria Lind, 010-456 78 90" in flat(result.output)
