"""Robustness tests that read the tool's English messages ask for them with
``@pytest.mark.usefixtures("english")`` (the same paths in Swedish: tests/test_language.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVLASTNING_LANG", "en")
