"""In a real terminal: SIGTERM and SIGHUP end the session like Ctrl-C (state kept, cursor
shown again), and keys typed under a non-UTF-8 locale are read as UTF-8."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.robust.tmuxdrive import Pane, base_env, needs_tmux

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pty"),
]

SHOW_CURSOR = "\x1b[?25h"
HIDE_CURSOR = "\x1b[?25l"


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_state_restores_the_cursor_and_exits(name: str, tmp_path: Path) -> None:
    state = tmp_path / "state"
    env = {k: v for k, v in os.environ.items() if k != "AVLASTNING_ASSUME_TTY"}
    env.update(base_env(state))
    child = pexpect.spawn(
        sys.executable,
        ["-m", "avlastning_cli", "run", "--out", str(tmp_path / "out")],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.expect("Hur många deltar")
    child.send("4\r")
    child.expect("andra samtalsledare")
    time.sleep(0.5)  # the prompt is up, with the cursor hidden while it draws
    child.kill(getattr(signal, name))
    child.expect(pexpect.EOF)
    child.close()
    printed = child.before
    assert child.exitstatus == 128 + getattr(signal, name)
    assert "Traceback" not in printed
    assert "Samtalet är pausat och sparat" in printed
    assert printed.rfind(SHOW_CURSOR) > printed.rfind(HIDE_CURSOR)
    assert printed.rstrip().endswith(SHOW_CURSOR) or "avlastning resume" in printed[-200:]
    saved = json.loads((state / "live-session.json").read_text(encoding="utf-8"))
    assert saved["answers"]["participants"] == 4


@needs_tmux
@pytest.mark.parametrize(
    "locale",
    [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}],
    ids=["LC_ALL=C", "PYTHONIOENCODING=ascii"],
)
def test_aao_typed_under_a_non_utf8_locale_are_kept(locale: dict[str, str], tmp_path: Path) -> None:
    env = base_env(tmp_path / "state")
    env.update(locale)
    pane = Pane(["run", "--out", str(tmp_path / "out")], env, tmp_path)
    try:
        pane.enter_until_prompt("rdomar att diskutera")  # ASCII: the locale prints ä as ?
        time.sleep(0.5)  # the prompt is drawn; let it take keys
        pane.type("åäö gick bra")
        pane.wait_for("gick bra")
        pane.keys("Enter")
        screen = pane.enter_until("sparad:", "Traceback")
        assert "Traceback" not in screen
        assert pane.wait_exit() == 0, pane.screen()
    finally:
        pane.close()
    summary = json.loads(next((tmp_path / "out").glob("*.json")).read_text(encoding="utf-8"))
    assert summary["lessons"] == "åäö gick bra"


@needs_tmux
def test_two_terminals_one_state_the_second_is_told_and_touches_nothing(tmp_path: Path) -> None:
    state = tmp_path / "state"
    env = base_env(state)
    first = Pane(["run", "--out", str(tmp_path / "out")], env, tmp_path)
    second: Pane | None = None
    try:
        first.wait_for("Hur många deltar")
        first.type("5")
        first.keys("Enter")
        first.wait_for("andra samtalsledare")
        saved = (state / "live-session.json").read_bytes()

        second = Pane(["run", "--out", str(tmp_path / "out")], env, tmp_path)
        assert second.wait_exit() == 1
        screen = second.screen()
        assert "Ett samtal pågår redan i terminalen /dev/" in screen, screen
        assert "Traceback" not in screen and "Fortsätt det pausade" not in screen
        assert (state / "live-session.json").read_bytes() == saved  # untouched

        resume = Pane(["resume"], env, tmp_path)
        assert resume.wait_exit() == 1
        assert "Ett samtal pågår redan" in resume.screen()
        resume.close()

        first.keys("C-c")  # the first pauses; now the second may take it over
        assert first.wait_exit() == 130
        second.close()
        second = Pane(["run", "--out", str(tmp_path / "out")], env, tmp_path)
        second.wait_for("Fortsätt det pausade samtalet")
        assert "pågår redan" not in second.screen()
    finally:
        first.close()
        if second is not None:
            second.close()
    saved_state = json.loads((state / "live-session.json").read_text(encoding="utf-8"))
    assert saved_state["answers"]["participants"] == 5
