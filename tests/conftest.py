"""Shared test set-up: deterministic output, and never the user's real state or config folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROTOCOLS = REPO / "protocols"


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
