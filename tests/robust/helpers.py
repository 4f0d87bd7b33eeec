"""Hostile inputs shared by the robustness tests (issue 15)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROTOCOLS

REPO = Path(__file__).resolve().parents[2]

#: Set the terminal's title, clear the screen, hide text, open a hyperlink, ring the bell.
HOSTILE = r"Titel \e]0;pwned\a \e[2J \e[8mdold \e]8;;http://evil.example\e\\länk\e]8;;\e\\ \x9b31m"
RAW_ESCAPES = ("\x1b", "\x07", "\x9b")


def hostile_protocol(folder: Path, *, title: str = HOSTILE, tip: str = HOSTILE) -> Path:
    """The bundled Swedish protocol with escape sequences in its title and first tip."""
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    text = re.sub(
        r'^title: "Avlastningssamtal"$', lambda _: f'title: "{title}"', text, count=1, flags=re.M
    )
    text = re.sub(
        r"^(\s+)tips:\n",
        lambda m: f'{m.group(0)}{m.group(1)}  - "{tip}"\n',
        text,
        count=1,
        flags=re.M,
    )
    path = folder / "hostile.sv.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(
    args: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    """``python -m avlastning_cli ARGS`` in a child process, output as bytes."""
    full = {**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", str(REPO)), **(env or {})}
    full.pop("AVLASTNING_ASSUME_TTY", None)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "avlastning_cli", *args],
        cwd=cwd,
        env=full,
        capture_output=kwargs.pop("capture_output", True) if "stdout" not in kwargs else False,
        timeout=timeout,
        **kwargs,
    )


def no_traceback(*outputs: bytes | str) -> None:
    for out in outputs:
        text = out.decode("utf-8", "replace") if isinstance(out, bytes) else out
        assert "Traceback" not in text, text
