"""Shared test set-up: deterministic output, and never the user's real folders.

Isolation happens in :func:`pytest_configure`, before any test module is imported and before
any fixture (of any scope) runs: every place the tool or a library could read or write the
user's own files (state, data, config, cache, home) points at a temporary folder for the
whole run. A module- or session-scoped fixture therefore cannot reach a real paused session.
The autouse fixture then gives each test a state folder of its own.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from avlastning_cli import i18n
from tests.language import foreign

# The language is decided from the environment, and help texts at import (collection time):
# tests speak Swedish unless they ask, whatever the machine's locale says.
for _var in ("AVLASTNING_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


def _speaking_one_language(invoke: Any) -> Any:
    """Every command a test runs is also checked for sentences of the other language: the
    language it spoke (``--lang``, the environment, or its protocol's) is the one it ended in."""

    def checked(self: CliRunner, *args: Any, **kwargs: Any) -> Result:
        result = invoke(self, *args, **kwargs)
        command = list(args[1] if len(args) > 1 else kwargs.get("args") or [])
        if "schema" in command:  # the JSON Schema's descriptions are for editors, in English
            return result
        env = kwargs.get("env") or {}
        lang = i18n._active or i18n.resolve(env.get("AVLASTNING_LANG"))
        mixed = foreign(result.output, lang)
        assert not mixed, f"a command speaking {lang} said, in the other language: {mixed}"
        return result

    return checked


CliRunner.invoke = _speaking_one_language(CliRunner.invoke)  # type: ignore[method-assign]

REPO = Path(__file__).resolve().parent.parent
PROTOCOLS = REPO / "protocols"

#: Environment variables that name a user folder (POSIX, macOS via HOME, Windows).
USER_FOLDERS = (
    "HOME",
    "USERPROFILE",
    "APPDATA",
    "LOCALAPPDATA",
    "XDG_STATE_HOME",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_RUNTIME_DIR",
)
_SANDBOX: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _SANDBOX
    _SANDBOX = Path(tempfile.mkdtemp(prefix="avlastning-tests-"))
    for name in USER_FOLDERS:
        folder = _SANDBOX / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)
    state = _SANDBOX / "avlastning-state"
    state.mkdir(mode=0o700)
    os.environ["AVLASTNING_STATE_DIR"] = str(state)
    config = _SANDBOX / "avlastning-config"  # the organisation's contacts (anpassa)
    config.mkdir(mode=0o700)
    os.environ["AVLASTNING_CONFIG_DIR"] = str(config)
    os.environ.pop("AVLASTNING_ORGANISATION", None)
    # one protocol cache for the whole run, as one user's machine has: most loads hit it
    cache = _SANDBOX / "avlastning-cache"
    cache.mkdir(mode=0o700)
    os.environ["AVLASTNING_CACHE_DIR"] = str(cache)


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SANDBOX is not None:
        shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("AVLASTNING_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("AVLASTNING_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("AVLASTNING_ORGANISATION", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("AVLASTNING_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(i18n, "_active", None)  # each test decides its language afresh


def build_wheel(out: Path) -> Path:
    """The wheel ``pip install .`` would install, built from this checkout into ``out``."""
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("avlastning-*.whl")
    return path
