"""What the tool leaves behind and says (issue 14, item 6): error messages never repeat what
was written in an answers file; the folders it creates are the user's alone; a rehearsal
that has ended leaves nothing in the state folder."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tests.session.harness import drive
from tests.session.scripted import INTERRUPT, PARTICIPANTS, play

PERSONAL = "Anna Lindqvist 850312-1234"
#: One key of each kind of field in the bundled protocol, and what the message must say (the
#: protocol is Swedish, so its messages are; the English ones: tests/test_language.py).
KINDS = {
    "second_leader": "här ska det stå ja eller nej (true/false), men det står text",
    PARTICIPANTS: "här ska det stå ett heltal, men det står text",
    "introductions.status": "här ska det stå ett av: done, skipped, men det står text som",
    "warning_signs.flagged": "här ska det stå en lista med id från:",
    "escalations": "här ska det stå en lista med id från:",
    "next_steps.follow_up_date": (
        "här ska det stå ett datum som 2027-11-01 eller ett antal dagar, men det står text"
    ),
    "practical.lesson_areas": "här ska det stå en lista med id från: routines",
    "setup.calm_place": "här ska det stå ja eller nej (true/false), men det står text",
}


def run_answers(tmp_path: Path, text: str) -> str:
    answers = tmp_path / "svar.yaml"
    answers.write_text(text, encoding="utf-8")
    result = drive(["run", "--answers", str(answers), "--out", str(tmp_path / "out")], tty=False)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.mark.parametrize("key", list(KINDS))
def test_a_bad_value_is_not_repeated_but_the_key_and_what_is_expected_are(
    tmp_path: Path, key: str
) -> None:
    value = f"[{PERSONAL!r}]" if key.endswith(("flagged", "escalations", "areas")) else PERSONAL
    out = run_answers(tmp_path, f"{key}: {value}\n")
    flat = " ".join(out.split())
    assert "svar.yaml:1:" in flat and f" {key}: " in flat
    assert KINDS[key] in flat
    assert "Lindqvist" not in out and "850312" not in out and "1234" not in out


def test_numbers_and_text_of_the_wrong_kind_are_not_repeated(tmp_path: Path) -> None:
    out = run_answers(
        tmp_path,
        f"{PARTICIPANTS}: 8503121234\n"  # a personnummer typed as a number
        "practical.lessons: 8503121234\n"  # a number where text belongs
        "introductions.status: 8503121234\n",
    )
    assert "8503121234" not in out
    assert "talet är större än det största tillåtna, 60" in out
    assert "här ska det stå text, men det står ett tal; sätt det inom citattecken" in out


def test_an_unknown_key_that_holds_personal_data_is_pointed_at_not_repeated(
    tmp_path: Path,
) -> None:
    out = run_answers(tmp_path, f"participants: 3\n{PERSONAL}: true\nparticpants: 4\n")
    flat = " ".join(out.split())
    assert "Lindqvist" not in out and "850312" not in out
    assert "svar.yaml:2:1: nyckeln på den här raden är ingen nyckel i det här protokollet" in flat
    assert "den upprepas inte här, ifall den innehåller personuppgifter" in flat
    # a key that looks like a key is still named, with its likely meaning
    assert "okänd nyckel 'particpants' (menade du 'participants'?)" in flat


posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_folders_the_tool_creates_are_the_users_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    os.chmod(tmp_path, 0o755)
    state = tmp_path / "state" / "avlastning"
    monkeypatch.setenv("AVLASTNING_STATE_DIR", str(state))
    out = tmp_path / "summaries" / "2026"
    old = os.umask(0o022)
    try:
        result = play(["run", "--out", str(out)], {"setup.calm_place": INTERRUPT})
    finally:
        os.umask(old)
    assert result.exit_code == 130, result.output
    assert (state / "live-session.json").is_file()  # the paused session is kept…
    for folder in (state, state.parent, out, out.parent):
        assert mode_of(folder) == 0o700, folder  # …in folders only its user can open
    assert mode_of(tmp_path) == 0o755  # a folder that was there is left as it was


@posix_only
def test_a_summary_in_an_existing_folder_leaves_its_mode_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o775)
    result = play(["run", "--out", str(shared)], {})
    assert result.exit_code == 0, result.output
    assert mode_of(shared) == 0o775
    assert all(mode_of(p) == 0o600 for p in shared.iterdir())


def test_a_rehearsal_that_ends_leaves_nothing_in_the_state_folder() -> None:
    state = Path(os.environ["AVLASTNING_STATE_DIR"])
    result = play(["rehearse"], {})
    assert result.exit_code == 0, result.output
    assert not state.exists() or list(state.iterdir()) == []
    # a rehearsal that is interrupted keeps its state, so it can be resumed
    stopped = play(["rehearse"], {PARTICIPANTS: INTERRUPT})
    assert stopped.exit_code == 130
    assert (state / "rehearsal-session.json").is_file()
    resumed = play(["resume"], {}, check_keys=False)
    assert resumed.exit_code == 0, resumed.output
    assert list(state.iterdir()) == []
