"""Shared test set-up: deterministic output, and never the user's real state or cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROTOCOLS = REPO / "protocols"


@pytest.fixture(scope="session")
def protocol_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One protocol cache for the whole run (as one user's machine has): most loads hit it."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    protocol_cache_dir: Path,
) -> None:
    monkeypatch.setenv("AVLASTNING_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    monkeypatch.setenv("AVLASTNING_CACHE_DIR", str(protocol_cache_dir))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("AVLASTNING_LANG", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
