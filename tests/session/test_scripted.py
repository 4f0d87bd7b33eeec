"""The keyed test harness fails loudly on a script that would not test what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.session.scripted import nav, play


def test_a_key_never_asked_fails(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="never asked"):
        play(["run", "--out", str(tmp_path)], {"setup.calm_plase": True})


def test_an_option_the_prompt_does_not_offer_fails(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="not one of"):
        play(["run", "--out", str(tmp_path)], {nav("setup"): "jump"})


def test_a_number_out_of_range_fails(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="outside"):
        play(["run", "--out", str(tmp_path)], {"participants": 0})
