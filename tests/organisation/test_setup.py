"""`avlastning anpassa`: answered through the session's prompts, or with --set / --from,
then used by every command without extra flags."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from avlastning_cli.cli import app
from tests.session.harness import CTRL_C, DOWN, ENTER, drive, runner

CTRL_U = "\x15"  # clear the pre-filled answer
ALL = [
    "--set", "akutmottagning=Akutmottagningen, Sjukhusvägen 1, 031-342 00 00",
    "--set", "foretagshalsovard=010-123 45 67",
    "--set", "vardcentral=din egen vårdcentral, eller 1177",
    "--set", "manager=Anna Andersson, 070-123 45 67",
    "--set", "posom=via tjänsteperson i beredskap, 031-365 00 00",
    "--set", "pkl=via sjukhusets växel 031-342 10 00",
]  # fmt: skip


def org_file() -> Path:
    return Path(os.environ["AVLASTNING_CONFIG_DIR"]) / "organisation.yaml"


def pdf_text(path: Path) -> str:
    """The PDF's words, with its line breaks as spaces (a cell may wrap a phone number)."""
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_answered_through_the_prompts_then_the_card_prints_the_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    keys = (
        ENTER  # akutmottagning: left blank
        + "010-123 45 67" + ENTER  # företagshälsovården
        + ENTER  # vårdcentralen: left blank
        + "Anna Andersson, 070-123 45 67" + ENTER  # närmaste chef
        + "via tjänsteperson i beredskap" + ENTER  # POSOM
        + "031-342 10 00" + ENTER  # PKL
        + ENTER  # "Klar"
    )  # fmt: skip
    result = drive(["anpassa"], keys)
    assert result.exit_code == 0, result.output
    assert "Så här skrivs kontakterna ut" in result.output
    assert f"Sparat i {org_file()}" in result.output
    saved = org_file().read_text(encoding="utf-8")
    assert 'manager: "Anna Andersson, 070-123 45 67"' in saved
    assert "vardcentral:" not in saved  # a blank is a blank

    card = drive(["card", "--format", "pdf", "-o", "kort.pdf"], tty=False)
    assert card.exit_code == 0, card.output
    text = pdf_text(tmp_path / "kort.pdf")
    assert "010-123 45 67" in text and "Anna Andersson, 070-123 45 67" in text
    assert "<" not in text and "fyll i" not in text
    assert "Telefon: ______________" in text  # the health centre, left blank


def test_without_set_up_the_card_has_lines_to_write_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for fmt in ("pdf", "txt"):
        result = drive(["card", "--format", fmt, "-o", f"kort.{fmt}"], tty=False)
        assert result.exit_code == 0, result.output
    for text in (pdf_text(tmp_path / "kort.pdf"), (tmp_path / "kort.txt").read_text("utf-8")):
        assert "<" not in text and "fyll i" not in text
        assert "Telefon: ______________" in text  # health service, centre, manager …


def test_the_checklist_uses_the_saved_contacts_too() -> None:
    assert drive(["anpassa", *ALL], tty=False).exit_code == 0
    result = drive(["checklist", "--format", "txt"], tty=False)
    assert result.exit_code == 0, result.output
    assert "Anna Andersson, 070-123 45 67" in result.output
    assert "fyll i" not in result.output and "______" not in result.output


def test_a_bad_phone_number_is_refused_and_what_was_typed_is_kept() -> None:
    # the refused "070-12" stays in the field: typing the rest of the number completes it
    keys = ENTER + "070-12" + ENTER + "3 45 67" + ENTER + ENTER * 4 + ENTER
    result = drive(["anpassa"], keys)
    assert result.exit_code == 0, result.output
    assert 'foretagshalsovard: "070-123 45 67"' in org_file().read_text(encoding="utf-8")


def test_run_again_to_change_one_answer() -> None:
    assert drive(["anpassa", *ALL], tty=False).exit_code == 0
    before = org_file().read_text(encoding="utf-8")
    # straight to the overview: "Ändra en uppgift", the fourth one (manager), new value, "Klar"
    keys = DOWN + ENTER + DOWN * 3 + ENTER + CTRL_U + "Bo Berg, 070-111 22 33" + ENTER + ENTER
    result = drive(["anpassa"], keys)
    assert result.exit_code == 0, result.output
    after = org_file().read_text(encoding="utf-8")
    assert 'manager: "Bo Berg, 070-111 22 33"' in after
    assert before.replace("Anna Andersson, 070-123 45 67", "Bo Berg, 070-111 22 33") == after


def test_ctrl_c_keeps_what_was_already_answered() -> None:
    result = drive(["anpassa"], ENTER + "010-123 45 67" + ENTER + CTRL_C)
    assert result.exit_code == 130
    assert 'foretagshalsovard: "010-123 45 67"' in org_file().read_text(encoding="utf-8")


def test_english_alias_and_english_messages() -> None:
    result = drive(["setup", "--lang", "en", "--set", "manager=070-12"], tty=False)
    assert result.exit_code == 1
    assert "“070-12”: too short for a phone number (e.g. 010-123 45 67 or 1177)" in result.output
    assert not org_file().exists()


def test_set_refuses_a_bad_value_and_keeps_the_file_as_it_was() -> None:
    assert drive(["anpassa", *ALL], tty=False).exit_code == 0
    before = org_file().read_bytes()
    result = drive(["anpassa", "--set", "pkl=https//sjukhus.se"], tty=False)
    assert result.exit_code == 1
    assert "”https//sjukhus.se”: ingen hel webbadress" in result.output
    assert "Traceback" not in result.output
    assert org_file().read_bytes() == before


def test_set_an_unknown_key_suggests_the_right_one() -> None:
    result = drive(["anpassa", "--set", "manger=070-123 45 67"], tty=False)
    assert result.exit_code == 1
    assert "Okänd nyckel 'manger'. Menade du 'manager'?" in result.output


def test_set_a_key_of_another_bundled_protocol_and_clear_one() -> None:
    assert drive(["anpassa", "--set", "anhorigkonsulent=0771-11 22 33"], tty=False).exit_code == 0
    assert drive(["anpassa", *ALL, "--set", "posom="], tty=False).exit_code == 0
    saved = org_file().read_text(encoding="utf-8")
    assert "anhorigkonsulent" in saved and "posom" not in saved and "manager" in saved


def test_from_a_coordinators_file(tmp_path: Path) -> None:
    shared = tmp_path / "organisation.yaml"
    assert drive(["anpassa", *ALL, "--file", str(shared)], tty=False).exit_code == 0
    assert not org_file().exists()
    result = drive(["anpassa", "--from", str(shared)], tty=False)
    assert result.exit_code == 0, result.output
    assert "Anna Andersson" in org_file().read_text(encoding="utf-8")


def test_from_a_file_with_a_bad_value_points_at_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "org.yaml"
    bad.write_text('values:\n  manager: "070-12"\n', encoding="utf-8")
    result = drive(["anpassa", "--from", str(bad)], tty=False)
    assert result.exit_code == 1
    assert f"{bad}:2:12: values.manager: ”070-12”: för kort för" in result.output
    assert not org_file().exists()


def test_a_shared_copy_through_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "delad" / "organisation.yaml"
    monkeypatch.setenv("AVLASTNING_ORGANISATION", str(shared))
    assert drive(["anpassa", *ALL], tty=False).exit_code == 0
    assert shared.exists() and not org_file().exists()
    card = drive(["card", "--format", "txt"], tty=False)
    assert "Anna Andersson, 070-123 45 67" in card.output


def test_show_lists_keys_and_answers() -> None:
    assert (
        drive(["anpassa", "--set", "manager=Anna Andersson, 070-123 45 67"], tty=False).exit_code
        == 0
    )
    result = drive(["anpassa", "--show"], tty=False)
    assert result.exit_code == 0, result.output
    assert str(org_file()) in result.output
    for key in ("akutmottagning", "foretagshalsovard", "vardcentral", "manager", "posom", "pkl"):
        assert key in result.output
    assert "Anna Andersson, 070-123 45 67" in result.output


def test_no_terminal_and_no_answers_says_what_to_do() -> None:
    result = drive(["anpassa"], tty=False)
    assert result.exit_code == 1
    assert "--set NYCKEL=VÄRDE" in result.output and "Traceback" not in result.output


def test_a_broken_organisation_file_is_a_located_error_for_the_card() -> None:
    org_file().write_text("values:\n  manager: [1, 2]\n", encoding="utf-8")
    result = drive(["card"], tty=False)
    assert result.exit_code == 1
    assert f"{org_file()}:2:12: values.manager:" in result.output
    assert "Traceback" not in result.output


def test_validate_strict_reports_only_what_is_not_filled_in() -> None:
    path = str(Path(__file__).resolve().parents[2] / "protocols" / "avlastningssamtal.sv.yaml")
    before = runner.invoke(app, ["validate", "--strict", path])
    assert before.exit_code == 1
    assert "(nyckel manager)" in before.output and "avlastning anpassa" in before.output
    assert drive(["anpassa", *ALL], tty=False).exit_code == 0
    after = runner.invoke(app, ["validate", "--strict", path])
    assert after.exit_code == 0, after.output
