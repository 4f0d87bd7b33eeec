"""Drive the tool in a real terminal (tmux): keys in, the screen's text out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None or sys.platform == "win32", reason="needs tmux"
)


class Pane:
    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.name = f"avl-{uuid.uuid4().hex[:8]}"
        self.done = cwd / f".{self.name}.exit"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "avlastning_cli", *args])
        script = (
            f"cd {shlex.quote(str(cwd))} && env {exports} {command}; "
            f"echo $? > {self.done}; sleep 600"
        )
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "40", script],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-l", "-t", self.name, text], check=True)

    def wait_for(self, *needles: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if any(n in screen for n in needles) or self.exit_code() is not None:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"none of {needles} on screen:\n{self.screen()}")

    def settled(self, quiet: float = 0.3, timeout: float = 30) -> str:
        """The screen once it has not changed for ``quiet`` seconds: the tool is waiting for a
        key, not half-way through drawing the next step."""
        end = time.monotonic() + timeout
        last, since = self.screen(), time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.1)
            now = self.screen()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return now
        return last

    def enter_until(self, *needles: str, limit: int = 120) -> str:
        """Press Enter until one of ``needles`` is on the last lines of the screen; one Enter
        for each settled screen, so no key is typed ahead into a prompt not yet drawn."""
        for _ in range(limit):
            screen = self.settled()
            tail = "\n".join(line for line in screen.splitlines() if line.strip())[-400:]
            if any(n in tail for n in needles) or self.exit_code() is not None:
                return screen
            self.keys("Enter")
        raise AssertionError(f"none of {needles} reached:\n{self.screen()}")

    def enter_until_prompt(self, label: str, limit: int = 120) -> str:
        """Press Enter until the prompt asking ``label`` is the last line on the screen (a
        label seen higher up, in a say box or a tip, is not the prompt)."""
        for _ in range(limit):
            screen = self.settled()
            lines = [line for line in screen.splitlines() if line.strip()]
            if lines and lines[-1].startswith("?") and label in lines[-1]:
                return screen
            if self.exit_code() is not None:
                raise AssertionError(f"exited before {label!r}:\n{screen}")
            self.keys("Enter")
        raise AssertionError(f"{label!r} never asked:\n{self.screen()}")

    def exit_code(self) -> int | None:
        try:
            return int(self.done.read_text().strip())
        except (OSError, ValueError):
            return None

    def wait_exit(self, timeout: float = 30) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            code = self.exit_code()
            if code is not None:
                return code
            time.sleep(0.2)
        raise AssertionError(f"did not exit:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def base_env(state: Path) -> dict[str, str]:
    return {
        "AVLASTNING_STATE_DIR": str(state),
        "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO)),
        "TERM": "xterm",
        "COLUMNS": "100",
        "LINES": "40",
    }
