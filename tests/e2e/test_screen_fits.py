"""In a real 80×24 terminal (tmux), at every prompt of every bundled protocol in both
languages: the current step's first words to say and the prompt are both on screen. The
emergency panel fits 24 rows at 60 columns, and a resize redraws the screen.

Each test drives one session by reading the screen: it waits until a prompt is live (a
select's pointer, or the cursor on a text prompt's line), never counting keys.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from avlastning_cli.protocol import models as m
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.ui.labels import labels

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        sys.platform == "win32" or shutil.which("tmux") is None, reason="needs tmux"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ["avlastningssamtal", "stodsamtal", "anhorigsamtal", "efterlevandestod"]
TIMEOUT = 20.0
QMARK = "› "
POINTER = " » "


class Terminal:
    """A tmux session on its own server socket, running one command."""

    def __init__(self, tmp: Path, command: list[str], env: dict[str, str], size=(80, 24)):
        # a short path: a Unix socket's path is limited to about 100 bytes
        self.folder = tempfile.mkdtemp(prefix="avl-tmux-")
        self.sock = os.path.join(self.folder, "s")
        inner = " ".join(
            [
                "env",
                "-u",
                "COLUMNS",  # the terminal's own size, not the test session's
                "-u",
                "LINES",
                *(shlex.quote(f"{k}={v}") for k, v in env.items()),
                *map(shlex.quote, command),
            ]
        )
        # keep the pane after the program ends, so its last screen can be read
        script = f"{inner}; echo EXIT=$?; sleep 60"
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(size[0]),
                  "-y", str(size[1]), script)  # fmt: skip

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.sock, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def screen(self) -> list[str]:
        return self.tmux("capture-pane", "-p", "-t", "t").rstrip("\n").split("\n")

    def cursor_y(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "t", "#{cursor_y}").strip())

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)

    def resize(self, cols: int, rows: int) -> None:
        self.tmux("resize-window", "-t", "t", "-x", str(cols), "-y", str(rows))

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.sock, "kill-server"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def wait(self, ready: Callable[[list[str]], bool], what: str) -> list[str]:
        end = time.monotonic() + TIMEOUT
        lines = self.screen()
        while time.monotonic() < end:
            lines = self.screen()
            if ready(lines):
                return lines
            time.sleep(0.03)
        pytest.fail(f"no {what} within {TIMEOUT} s; the screen:\n" + "\n".join(lines))

    def live_prompt(self, lines: list[str]) -> int | None:
        """The row of the prompt that waits for input, or None while none does."""
        rows = [i for i, line in enumerate(lines) if line.startswith(QMARK)]
        if not rows:
            return None
        at = rows[-1]
        if any(line.startswith(POINTER) for line in lines[at + 1 :]):
            return at  # a select or checkbox, with its pointer
        y = self.cursor_y()
        below = lines[y + 1 :] if y + 1 < len(lines) else []
        if y >= at and y < len(lines) and lines[y].strip() and not any(s.strip() for s in below):
            return at  # a text prompt, with the cursor on its line
        return None

    def next_prompt(self, before: list[str] | None) -> tuple[list[str], int]:
        """Wait until a prompt is live on a screen that is not ``before`` and is stable."""
        found: dict[str, int] = {}

        def ready(lines: list[str]) -> bool:
            if lines == before:
                return False
            at = self.live_prompt(lines)
            if at is None:
                return False
            time.sleep(0.03)
            if self.screen() != lines:
                return False
            found["at"] = at
            return True

        lines = self.wait(ready, "live prompt")
        return lines, found["at"]


def first_words(section: m.AnySection) -> str | None:
    """The first words to say in ``section`` (what must be on screen at its prompts)."""
    say = [" ".join(s.split()) for s in section.say]
    if isinstance(section, m.RoundSection):
        passing = " ".join(section.passing_ok.split()).split(". ")[0]
        say = [s for s in say if not s.startswith(passing)] or [section.question]
    return say[0][:25] if say else None


def session(tmp_path: Path, protocol_id: str, lang: str) -> tuple[Terminal, m.Protocol]:
    protocol = load_protocol(resolve(protocol_id, lang))
    env = {
        "AVLASTNING_STATE_DIR": str(tmp_path / "state"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "HOME": str(tmp_path),
        "TERM": "screen",
    }
    command = [sys.executable, "-m", "avlastning_cli", "run", protocol_id, "--lang", lang]
    command += ["--out", str(tmp_path / "out")]
    return Terminal(tmp_path, command, env), protocol


def step_of(header: str, L: dict[str, str], total: int) -> int | None:
    pattern = re.escape(L["step"]).replace(r"\{i\}", r"(\d+)").replace(r"\{n\}", str(total))
    found = re.search(pattern, header)
    return int(found.group(1)) - 1 if found else None


def check_emergency(term: Terminal, protocol: m.Protocol, L: dict[str, str]) -> None:
    """At 60×24: what to do first, one line per sign, a sign's detail on selection."""
    term.resize(60, 24)
    lines, _ = term.next_prompt(None)
    assert all(len(line) <= 60 for line in lines), "\n".join(lines)  # redrawn, not wrapped
    term.type("!")
    lines, at = term.next_prompt(lines)
    text = "\n".join(lines)
    assert lines[0].startswith(L["emergency_title"]), text
    assert L["first_title"] in text and "112" in text, text
    assert lines[at].startswith(QMARK + L["which_sign"][:20]), text
    signs = [s for sec in protocol.sections if isinstance(sec, m.WarningSignsSection)
             for s in sec.signs]  # fmt: skip
    for sign in signs:
        assert any(line.strip(" »") == m.sign_label(sign) for line in lines), (sign.id, text)
    assert len(lines) <= 24 and all(len(line) <= 60 for line in lines)
    term.send("Down")
    lines, _ = term.next_prompt(lines)
    from avlastning_cli.ui.screens import emergency_signs

    action = " ".join(emergency_signs(protocol)[0].action.split())[:20]  # the first listed
    assert any(action in line for line in lines), "\n".join(lines)  # its detail
    term.send("Up")
    lines, _ = term.next_prompt(lines)
    term.send("Enter")  # "just looking": nothing recorded
    lines, _ = term.next_prompt(lines)
    term.resize(80, 24)
    term.wait(
        lambda s: term.live_prompt(s) is not None and any(len(line) > 60 for line in s),
        "redraw at 80 columns",
    )


def walk(tmp_path: Path, protocol_id: str, lang: str) -> None:
    """Enter through a whole session (2 participants), checking every prompt's screen; at
    the second step, the emergency panel at 60 columns."""
    term, protocol = session(tmp_path, protocol_id, lang)
    L = labels(lang)
    total = len(protocol.sections)
    seen: set[int] = set()
    emergency_done = False
    where = f"{protocol_id}.{lang}"
    try:
        before: list[str] | None = None
        for _ in range(400):
            lines, at = term.next_prompt(before)
            text = "\n".join(lines)
            assert len(lines) <= 24 and all(len(line) <= 80 for line in lines), text
            label = lines[at][len(QMARK) :]
            step = step_of(lines[0], L, total)
            if step is not None:
                seen.add(step)
                words = first_words(protocol.sections[step])
                if words:
                    flat = " ".join(text.replace("│", " ").split())
                    assert words in flat, f"{where} step {step + 1}: {words!r} not in:\n{text}"
                if step == 1 and not emergency_done:
                    check_emergency(term, protocol, L)
                    emergency_done = True
                    before = None
                    continue
            if label.startswith(L["participants"][:12]):
                term.type("2")  # so the round's turns are prompts too
            if label.startswith(L["save_q"]):
                term.send("Enter")
                term.wait(lambda s: any("EXIT=" in line for line in s), "end")
                break
            term.send("Enter")
            before = lines
        final = "\n".join(term.screen())
        assert "EXIT=0" in final and L["saved"] in final, f"{where}:\n{final}"
        out = tmp_path / "out"  # the summary: both files
        assert len(list(out.glob("*.md"))) == 1 and len(list(out.glob("*.json"))) == 1, where
        assert seen == set(range(total)), (where, sorted(seen))
        assert emergency_done, where
    finally:
        term.close()


def test_words_to_say_and_prompt_are_on_screen_at_every_prompt(tmp_path: Path) -> None:
    """Every bundled protocol in both languages, four sessions at a time (each mostly waits
    for its screen), so the whole check stays quick."""
    from concurrent.futures import ThreadPoolExecutor

    runs = [(p, lang) for p in BUNDLED for lang in ("sv", "en")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = []
        for protocol_id, lang in runs:
            folder = tmp_path / f"{protocol_id}-{lang}"
            folder.mkdir()
            futures.append(pool.submit(walk, folder, protocol_id, lang))
        for future in futures:
            future.result()
