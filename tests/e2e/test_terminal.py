"""End-to-end in a real terminal (a pty, via pexpect): what a person sees and types."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty"),
]

TIMEOUT = 30
ENTER = "\r"


def spawn(args: list[str], state: Path, cwd: Path) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k != "AVLASTNING_ASSUME_TTY"}
    env.update(
        {"AVLASTNING_STATE_DIR": str(state), "TERM": "xterm", "COLUMNS": "80", "LINES": "40"}
    )
    return pexpect.spawn(
        sys.executable,
        ["-m", "avlastning_cli", *args],
        env=env,
        cwd=str(cwd),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 80),
    )


def settled(child: pexpect.spawn, quiet: float = 0.3) -> str:
    """Everything printed until the tool has been quiet for ``quiet`` seconds, i.e. it waits
    for a key. One Enter per settled screen never types ahead into a prompt not yet drawn
    (a prompt draws its "›" more than once, so counting marks does)."""
    seen = ""
    while True:
        try:
            seen += child.read_nonblocking(100_000, timeout=quiet)
        except pexpect.TIMEOUT:
            return seen
        except pexpect.EOF:
            return seen + "\0EOF"


def enter_until(child: pexpect.spawn, *needles: str) -> str:
    """Press Enter at every settled prompt until one of ``needles`` has been printed."""
    for _ in range(200):
        seen = settled(child)
        if any(n in seen for n in needles) or seen.endswith("\0EOF"):
            return seen
        child.send(ENTER)
    raise AssertionError(f"none of {needles} reached")


def enter_until_saved(child: pexpect.spawn) -> None:
    """Press Enter at every prompt until the summary is saved."""
    assert "Sammanfattningen är sparad" in enter_until(child, "Sammanfattningen är sparad")
    child.expect(pexpect.EOF)
    child.close()


def test_ctrl_c_in_the_middle_then_resume(tmp_path: Path) -> None:
    out = tmp_path / "out"
    state = tmp_path / "state"
    child = spawn(["run", "--out", str(out)], state, tmp_path)
    child.expect("Hur många deltar")
    assert "Spelregler" in enter_until(child, "Spelregler")  # at a prompt of that step
    child.sendcontrol("c")
    child.expect("avlastning resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert (state / "live-session.json").exists()
    again = spawn(["resume"], state, tmp_path)
    again.expect(r"Steg \d+/11")
    enter_until_saved(again)
    assert again.exitstatus == 0
    assert len(list(out.glob("*.json"))) == 1
    assert not (state / "live-session.json").exists()


def test_a_killed_process_loses_at_most_the_answer_being_entered(tmp_path: Path) -> None:
    import json
    import signal

    out = tmp_path / "out"
    state = tmp_path / "state"
    child = spawn(["run", "--out", str(out)], state, tmp_path)
    child.expect("Hur många deltar")
    child.send("7" + ENTER)
    assert "Person 1 av 7" in enter_until(child, "Person 1 av 7")  # Enter up to the round
    child.send(ENTER)  # a person spoke
    saved_file = state / "live-session.json"
    for _ in range(100):  # the screen redraws only what changed, so wait for the save itself
        if saved_file.exists() and json.loads(saved_file.read_text(encoding="utf-8"))[
            "answers"
        ].get("round.spoke"):
            break
        time.sleep(0.1)
    settled(child)  # and the next turn is being asked
    child.kill(signal.SIGKILL)
    child.close()
    saved = json.loads((state / "live-session.json").read_text(encoding="utf-8"))
    assert saved["answers"]["participants"] == 7
    spoke = saved["answers"]["round.spoke"]
    assert 1 <= spoke < 7
    again = spawn(["resume"], state, tmp_path)
    again.expect(f"Person {spoke + 1} av 7")  # the round goes on at the next person
    enter_until_saved(again)
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert data["participants"] == 7
    assert data["round"] == {"spoke": 7, "passed": 0}
