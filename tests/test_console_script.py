"""The console script builds only the command it runs: same words, same exit codes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import _only_the_command_named, app


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["card", "-f", "md"], ["card"]),
        (["anpassa", "--show"], ["anpassa"]),
        (["--lang", "en", "card"], None),  # a global option first: the whole app
        (["kard"], None),  # misspelt: the whole app, which suggests "card"
        ([], None),
        (["--help"], None),
    ],
)
def test_only_the_named_command_is_built(argv: list[str], names: list[str] | None) -> None:
    chosen = _only_the_command_named(argv)
    if names is None:
        assert chosen is app
    else:
        assert [info.name for info in chosen.registered_commands] == names
        assert len(app.registered_commands) > 10  # the app itself is untouched


@pytest.mark.parametrize(
    "args",
    [["card", "-f", "md"], ["card", "--help"], ["card", "-f", "doc"], ["kard"], ["protocols"]],
)
def test_the_console_script_says_what_the_whole_app_says(args: list[str]) -> None:
    env = {"AVLASTNING_LANG": "sv", "AVLASTNING_ASSUME_TTY": "0", "COLUMNS": "80"}
    whole = CliRunner().invoke(app, args, env=env, prog_name="avlastning")
    code = "import sys; sys.argv[0] = 'avlastning'; from avlastning_cli.cli import main; main()"
    cmd = [sys.executable, "-c", code, *args]
    script = subprocess.run(cmd, capture_output=True, encoding="utf-8", env={**os.environ, **env})
    assert script.returncode == whole.exit_code
    # the same words (lines may wrap at another width: CliRunner is not a terminal)
    assert (script.stdout + script.stderr).split() == whole.output.split()
