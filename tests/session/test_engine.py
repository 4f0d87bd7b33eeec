"""The engine alone: pure logic, no prompts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.session.engine import OPENING, Engine
from avlastning_cli.session.state import new_state


def engine(tmp_path: Path, mode: str = "live") -> Engine:
    path = resolve(None, "sv")
    p = load_protocol(path)
    state = new_state(mode, p.id, p.version, p.language, path, tmp_path)  # type: ignore[arg-type]
    return Engine(p, state)


def test_steps_go_on_back_and_skip(tmp_path: Path) -> None:
    e = engine(tmp_path)
    assert e.position == OPENING
    e.go_on()
    assert e.position == 0
    e.skip()
    assert e.state.answers["setup.status"] == "skipped"
    e.back()
    e.back()
    e.back()
    assert e.position == OPENING
    for _ in range(20):
        e.go_on()
    assert e.at_end and e.position == e.total


def test_show_if_follows_the_earlier_answer(tmp_path: Path) -> None:
    e = engine(tmp_path)
    arranged = e.by_key["practical.alone_tonight_arranged"]
    assert not e.visible(arranged)
    e.answer("practical.someone_alone_tonight", True)
    assert e.visible(arranged)


def test_round_counts_and_ends(tmp_path: Path) -> None:
    e = engine(tmp_path)
    e.answer("participants", 3)
    assert e.next_person("round") == 1
    e.turn("round", "spoke")
    e.turn("round", "passed")
    assert e.next_person("round") == 3
    e.turn("round", "spoke")
    assert e.next_person("round") is None and e.round_ended("round")
    assert e.round_counts("round") == (2, 1)
    e.restart_round("round")
    assert e.round_counts("round") == (0, 0) and e.next_person("round") == 1
    e.turn("round", "end")
    assert e.next_person("round") is None


def test_text_is_scrubbed_before_it_is_stored_and_counted_once(tmp_path: Path) -> None:
    e = engine(tmp_path)
    e.answer("practical.lessons", "Ring 070-123 45 67 i morgon")
    assert "070" not in e.state.answers["practical.lessons"]
    first = e.state.redactions
    assert first >= 1
    e.answer("practical.lessons", "Ring 070-123 45 67 i morgon")  # typed again: not twice
    assert e.state.redactions == first
    e.answer("practical.lessons", "Inget särskilt")
    assert e.state.redactions == 0


def test_escalations_hold_only_sign_ids_once(tmp_path: Path) -> None:
    e = engine(tmp_path)
    e.escalate("suicidal_thoughts")
    e.escalate("suicidal_thoughts")
    assert e.state.answers["escalations"] == ["suicidal_thoughts"]
    with pytest.raises(ValueError):
        e.answer("escalations", ["someone"])


def test_follow_up_date_parsing() -> None:
    today = dt.date(2026, 1, 30)
    assert Engine.parse_follow_up("", today) == ""
    assert Engine.parse_follow_up("3", today) == "2026-02-02"
    assert Engine.parse_follow_up(" 2026-03-01 ", today) == "2026-03-01"
    with pytest.raises(ValueError):
        Engine.parse_follow_up("tisdag", today)


def test_time_is_counted_per_section(tmp_path: Path) -> None:
    e = engine(tmp_path)
    e.add_time(30)  # the opening: not a section
    e.go_on()
    e.add_time(90)
    e.add_time(30)
    assert e.state.seconds == {"setup": 120.0}
    assert e.timing()[0] == ("Förberedelser: plats och deltagare", 2, 2.0)


def test_answers_that_no_longer_fit_are_dropped(tmp_path: Path) -> None:
    e = engine(tmp_path)
    e.state.answers.update({"participants": 4, "gone.key": True, "round.spoke": "x"})
    e.state.position = 99
    assert sorted(e.keep_fitting_answers()) == ["gone.key", "round.spoke"]
    assert e.state.answers == {"participants": 4} and e.at_end


def test_scenario_responses_are_not_shown_recommended_first() -> None:
    from avlastning_cli.protocol.fields import scenario_order
    from tests.conftest import PROTOCOLS

    positions = []
    for path in sorted(PROTOCOLS.glob("*.yaml")):
        for sc in load_protocol(path).scenarios:
            order = scenario_order(sc)
            assert sorted(order) == sorted(c.id for c in sc.choices)
            assert order == scenario_order(sc)  # the same every time
            good = {c.id for c in sc.choices if c.recommended}
            positions.append(next(i for i, cid in enumerate(order) if cid in good))
    assert len(set(positions)) >= 3, positions  # not always first: a trainee cannot game it
