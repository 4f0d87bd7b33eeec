"""Shared test set-up: deterministic output, and never the user's real state folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from avlastning_cli import i18n

# The language is decided from the environment, and help texts at import (collection time):
# tests speak Swedish unless they ask, whatever the machine's locale says.
for _var in ("AVLASTNING_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

REPO = Path(__file__).resolve().parent.parent
PROTOCOLS = REPO / "protocols"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("AVLASTNING_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("AVLASTNING_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(i18n, "_active", None)  # each test decides its language afresh
