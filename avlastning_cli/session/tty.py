"""Is there a terminal to ask questions in? (Light: no pydantic, no questionary.)

``sys.stdin`` and ``sys.stdout`` must both be terminals. Tests that drive the real prompts
through prompt_toolkit's pipe input set ``AVLASTNING_ASSUME_TTY=1`` (typer's CliRunner
replaces stdin, so the check would otherwise fail); nothing else should set it.
"""

from __future__ import annotations

import os
import sys

ASSUME_TTY = "AVLASTNING_ASSUME_TTY"


def is_terminal() -> bool:
    if os.environ.get(ASSUME_TTY) == "1":
        return True
    streams = (sys.stdin, sys.stdout)  # None when the shell closed them (`<&-`)
    try:
        return all(s is not None and s.isatty() for s in streams)
    except (OSError, ValueError):  # a closed file
        return False
