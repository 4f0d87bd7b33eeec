"""`avlastning anpassa` through the keyed test harness: answers by meaning (the organisation
key), not by keystrokes; the harness also checks each answer passes the prompt's own check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from avlastning_cli.prompter import SETUP_NEXT, SETUP_WHICH, setup_key
from tests.session.scripted import Each, play


def org_file() -> Path:
    return Path(os.environ["AVLASTNING_CONFIG_DIR"]) / "organisation.yaml"


def test_every_place_is_asked_by_its_key_then_saved() -> None:
    played = play(
        ["anpassa"],
        {
            setup_key("foretagshalsovard"): "010-123 45 67",
            setup_key("manager"): "Maria Lind, 010-456 78 90",
            SETUP_NEXT: "done",
        },
    )
    assert played.exit_code == 0, played.output
    assert played.asked == [
        setup_key(k)
        for k in ("akutmottagning", "foretagshalsovard", "vardcentral", "manager", "posom", "pkl")
    ] + [SETUP_NEXT]
    saved = org_file().read_text(encoding="utf-8")
    assert 'manager: "Maria Lind, 010-456 78 90"' in saved and "posom" not in saved
    assert "? Närmaste chef" in played.output  # the contact's role is the prompt's label


def test_run_again_goes_to_the_overview_and_changes_one() -> None:
    assert play(["anpassa"], {setup_key("manager"): "Maria Lind, 010-456 78 90"}).exit_code == 0
    played = play(
        ["anpassa"],
        {
            SETUP_NEXT: Each("change", "done"),
            SETUP_WHICH: "pkl",
            setup_key("pkl"): "via sjukhusets växel 031-342 10 00",
        },
    )
    assert played.exit_code == 0, played.output
    assert played.asked == [SETUP_NEXT, SETUP_WHICH, setup_key("pkl"), SETUP_NEXT]
    saved = org_file().read_text(encoding="utf-8")
    assert "Maria Lind" in saved and "031-342 10 00" in saved


def test_a_value_the_prompt_would_refuse_is_caught() -> None:
    with pytest.raises(AssertionError, match="would refuse '070-12'"):
        play(["anpassa"], {setup_key("manager"): "070-12"})


def test_the_menu_entry_asks_the_same_keys(tmp_path: Path) -> None:
    from avlastning_cli.prompter import MENU

    played = play([], {MENU: "setup", setup_key("vardcentral"): "1177", SETUP_NEXT: "done"})
    assert played.exit_code == 0, played.output
    assert 'vardcentral: "1177"' in org_file().read_text(encoding="utf-8")
