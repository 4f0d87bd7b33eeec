"""Drive the real prompts in-process: prompt_toolkit's pipe input and a dummy output around
typer's CliRunner. ``AVLASTNING_ASSUME_TTY=1`` tells the tool there is a terminal (the
CliRunner replaces stdin, so its own check would say there is none)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner, Result

from avlastning_cli.cli import app
from avlastning_cli.session import state as st

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
SPACE = " "

runner = CliRunner()


def drive(args: list[str], keys: str = "", *, tty: bool = True) -> Result:
    """Run ``avlastning ARGS`` with ``keys`` typed into the prompts. Input that runs out
    ends the prompt with end-of-file (the session pauses) instead of hanging."""
    env = {"AVLASTNING_ASSUME_TTY": "1" if tty else "0"}
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return runner.invoke(app, args, env=env)


def enters(n: int = 80) -> str:
    return ENTER * n


def summary_files(folder: Path) -> tuple[Path, Path]:
    md = sorted(folder.glob("*.md"))
    js = sorted(folder.glob("*.json"))
    assert len(md) == 1 and len(js) == 1, (md, js)
    return md[0], js[0]


def summary(folder: Path) -> dict[str, Any]:
    return json.loads(summary_files(folder)[1].read_text(encoding="utf-8"))


def state_path(mode: st.Mode = "live") -> Path:
    return Path(os.environ["AVLASTNING_STATE_DIR"]) / f"{mode}-session.json"
