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


def test_the_console_script_runs_with_the_collector_tuned_for_start_up() -> None:
    code = (
        "import gc, sys\n"
        "from avlastning_cli.__main__ import FIRST_THRESHOLD, main\n"
        "sys.argv = ['avlastning', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.get_threshold()[0] == FIRST_THRESHOLD, gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["True", "True"]


def test_the_installed_script_is_that_entry_point() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "avlastning"]
    assert script.value == "avlastning_cli.__main__:main"
