"""What a user can cause gives a plain message and a non-zero exit, never a traceback:
unreadable files, odd state files, closed stdin, a full disk, located YAML problems."""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.prompter import OPENING
from avlastning_cli.session import state as st
from tests.conftest import PROTOCOLS
from tests.robust.helpers import no_traceback, run_cli
from tests.session.harness import drive, enters, state_path
from tests.session.scripted import Each, nav, play

runner = CliRunner()
SV = PROTOCOLS / "avlastningssamtal.sv.yaml"


def plain(result: object, code: int = 1) -> str:
    """The result ended with ``code`` through a message, not an exception."""
    exc = getattr(result, "exception", None)
    assert exc is None or isinstance(exc, SystemExit), repr(exc)
    assert result.exit_code == code, result.output
    return str(result.output)


# --- unreadable protocol (tests run as root, so mode 000 would still be readable) --------


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "locked.sv.yaml"
    path.write_bytes(SV.read_bytes())
    real_open = os.open

    def deny(file: object, *args: object, **kwargs: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    return path


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    "command",
    [["run", "--answers", "ANSWERS"], ["checklist"], ["card"], ["answers"], ["validate"]],
    ids=["run", "checklist", "card", "answers", "validate"],
)
def test_an_unreadable_protocol_gives_a_plain_message(
    command: list[str], unreadable: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("participants: 3\n", encoding="utf-8")
    args = [command[0], str(unreadable)] + [
        str(answers) if a == "ANSWERS" else a for a in command[1:]
    ]
    output = plain(runner.invoke(app, args))
    assert "cannot be read (Permission denied)" in output


# --- the state file ---------------------------------------------------------------------


def _saved_state(**changes: object) -> None:
    state = st.new_state("live", "avlastningssamtal", "1.0", "sv", SV, Path.cwd())
    data = json.loads(state.to_json())
    data.update(changes)
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "changes",
    [{"position": "x"}, {"answers": []}, {"seconds": {"opening": "lång"}}, {"mode": 3}],
    ids=["position", "answers", "seconds", "mode"],
)
def test_a_state_file_with_wrong_types_points_to_discard(changes: dict[str, object]) -> None:
    _saved_state(**changes)
    output = plain(drive(["resume"], enters(3)))
    assert "avlastning resume --discard" in output


def test_a_wrongly_typed_answer_in_the_state_is_dropped_not_a_crash(tmp_path: Path) -> None:
    _saved_state(answers={"participants": "många", "second_leader": 7}, out_dir=str(tmp_path))
    result = play(["resume"])
    assert plain(result, 0)
    assert len(list(tmp_path.glob("*.json"))) == 1


@pytest.mark.usefixtures("english")
def test_a_state_path_that_is_a_folder_gives_a_plain_message() -> None:
    state_path().mkdir(parents=True)
    output = plain(drive(["run"], enters(3)))
    assert "is a folder" in output
    output = plain(runner.invoke(app, ["resume", "--discard"]))
    assert "cannot be removed" in output


# --- the autosave fails: warn once, carry on, still save the summary ---------------------


@pytest.fixture
def full_disk_for_the_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write of the session state fails as on a full disk (the summary still writes)."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(st, "atomic_write", full)


@pytest.mark.usefixtures("full_disk_for_the_state")
def test_a_full_disk_for_the_autosave_warns_once_and_the_session_is_saved(tmp_path: Path) -> None:
    out = tmp_path / "out"
    output = plain(play(["run", "--out", str(out)]), 0)
    assert output.count("kunde inte sparas löpande (No space left on device)") == 1
    assert len(list(out.glob("*.md"))) == 1 and len(list(out.glob("*.json"))) == 1


def test_an_unwritable_state_folder_warns_and_the_session_is_saved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("AVLASTNING_STATE_DIR", str(blocker / "state"))
    out = tmp_path / "out"
    output = plain(play(["run", "--lang", "en", "--out", str(out)]), 0)
    assert output.count("could not be saved as it goes") == 1
    assert len(list(out.glob("*.json"))) == 1


@pytest.mark.usefixtures("full_disk_for_the_state")
def test_pausing_when_nothing_can_be_saved_keeps_the_session_going(tmp_path: Path) -> None:
    out = tmp_path / "out"
    output = plain(play(["run", "--out", str(out)], {nav(OPENING): Each("pause")}), 0)
    assert "Pausen kan inte sparas" in output
    assert len(list(out.glob("*.json"))) == 1


# --- streams -----------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
@pytest.mark.skipif(sys.platform == "win32", reason="closing fd 0 in the child is POSIX")
@pytest.mark.parametrize("args", [["run"], ["scrub"], ["resume"]], ids=["run", "scrub", "resume"])
def test_closed_stdin_gives_a_plain_message(args: list[str], tmp_path: Path) -> None:
    result = run_cli(
        args,
        cwd=tmp_path,
        env={"AVLASTNING_STATE_DIR": str(tmp_path)},
        preexec_fn=lambda: os.close(0),
    )
    no_traceback(result.stdout, result.stderr)
    assert result.returncode == 1


@pytest.mark.usefixtures("english")
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["checklist"], ["protocols"], ["--help"], ["scrub", "TEXT"]], ids=str
)
def test_stdout_on_a_full_device_says_so_plainly(args: list[str], tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("Hej\n", encoding="utf-8")
    with open("/dev/full", "w") as full:
        result = run_cli(
            [str(text) if a == "TEXT" else a for a in args],
            cwd=tmp_path,
            stdout=full,
            stderr=-1,
        )
    no_traceback(result.stderr)
    assert result.returncode == 1
    assert (
        b"could not be written in full" in result.stderr
        or b"kunde inte skrivas klart" in result.stderr
    )


# --- located YAML problems ---------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_a_raw_control_character_in_yaml_is_located_by_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"id: x\nversion: '1'\ntitle: ab\x07c\n")
    output = plain(runner.invoke(app, ["validate", str(bad)]))
    assert f"{bad}:3:10: a control character (U+0007)" in output
    assert "position" not in output


@pytest.mark.usefixtures("english")
def test_invalid_utf8_is_located_by_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes('id: x\ntitle: "åäö \xff"\n'.encode().replace(b"\xc3\xbf", b"\xff"))
    output = plain(runner.invoke(app, ["validate", str(bad)]))
    assert f"{bad}:2:13: the file is not UTF-8 text" in output
