"""Nothing lost: Ctrl-C at any prompt, then `avlastning resume`, gives the same summary
(apart from duration) as the same answers given without a break."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.session.harness import CTRL_C, DOWN, ENTER, SPACE, drive, enters, state_path, summary

UP = "\x1b[A"
EMERGENCY_FIRST_SIGN = "!" + DOWN + ENTER  # the emergency key, then the first sign

# One unit per prompt: (step, keys, keys that keep the stored answer when the step is
# asked again after a resume; None when the prompt is not asked again, like a counted turn).
UNITS: list[tuple[str, str, str | None]] = [
    ("opening", "\x7f3" + ENTER, ENTER),  # 3 participants
    ("opening", UP * 2 + ENTER, ENTER),  # second leader: yes
    ("opening", ENTER, ENTER),  # go on
    ("setup", UP * 2 + ENTER, ENTER),  # calm place: yes
    ("setup", ENTER, ENTER),
    ("setup", ENTER, ENTER),
    ("purpose", ENTER, ENTER),
    ("ground_rules", UP * 2 + ENTER, ENTER),  # phones off: yes
    ("ground_rules", EMERGENCY_FIRST_SIGN + ENTER, ENTER),  # emergency, then go on
    ("introductions", DOWN + ENTER, ENTER),  # skip this step
    ("round", ENTER, None),  # person 1 spoke
    ("round", DOWN + ENTER, None),  # person 2 passed
    ("round", ENTER, ENTER),  # person 3 spoke; asked again: "do the round again?" no
    ("round", ENTER, ENTER),
    ("tell_at_home", ENTER, ENTER),
    ("warning_signs", DOWN + SPACE + ENTER, ENTER),  # the second sign
    ("warning_signs", ENTER, ENTER),
    ("practical", UP * 2 + ENTER, ENTER),  # other staff: yes
    ("practical", ENTER, ENTER),
    ("practical", UP * 2 + ENTER, ENTER),  # someone alone tonight: yes
    ("practical", UP * 2 + ENTER, ENTER),  # ... arranged: yes
    ("practical", "Rutinen for larm behover ses over" + ENTER + ENTER, ENTER),  # text, keep
    ("practical", ENTER, ENTER),
    ("next_steps", "3" + ENTER, ENTER),  # follow-up in 3 days
    ("next_steps", ENTER, ENTER),
    ("closing", ENTER, ENTER),
    ("end", ENTER, ENTER),  # save
]


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data.pop("duration_minutes")
    return data


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("reference")
    result = drive(["run", "--out", str(out)], "".join(k for _, k, _ in UNITS))
    assert result.exit_code == 0, result.output
    data = summary(out)
    # the script really answered what it says
    assert data["participants"] == 3 and data["second_leader"] is True
    assert data["round"] == {"spoke": 2, "passed": 1}
    assert data["warning_signs"]["escalations"] == ["overwhelming_reaction"]
    # the escalated sign is ticked already; the second one is ticked by hand
    assert data["warning_signs"]["flagged"] == ["overwhelming_reaction", "physical_injury"]
    assert {s["id"]: s["status"] for s in data["steps"]}["introductions"] == "skipped"
    assert data["follow_up"]["answers"]["practical.alone_tonight_arranged"] is True
    assert data["follow_up"]["date"]
    assert data["lessons"] == "Rutinen for larm behover ses over"
    return data


# the first prompt of every step, and a few prompts inside steps (a turn of the round, after
# the round, the free text); every prompt would take a minute on a slow machine
AT = sorted(
    {next(i for i, u in enumerate(UNITS) if u[0] == step) for step, _, _ in UNITS}
    | {11, 13, 21, 22}
)


@pytest.mark.parametrize("at", AT, ids=[f"{i}-{UNITS[i][0]}" for i in AT])
def test_interrupt_anywhere_then_resume_gives_same_summary(
    tmp_path: Path, reference: dict[str, Any], at: int
) -> None:
    before = "".join(k for _, k, _ in UNITS[:at])
    first = drive(["run", "--out", str(tmp_path)], before + CTRL_C)
    assert first.exit_code == 130, first.output
    assert "avlastning resume" in first.output
    assert state_path().exists()
    assert not list(tmp_path.glob("*.md"))
    # the resumed step is asked again from its start, with the answers kept as defaults
    step = UNITS[at][0]
    again = "".join(r or "" for s, _, r in UNITS[:at] if s == step)
    rest = "".join(k for _, k, _ in UNITS[at:])
    second = drive(["resume"], again + rest)
    assert second.exit_code == 0, second.output
    assert comparable(summary(tmp_path)) == comparable(reference)
    assert not state_path().exists()


def test_state_file_holds_no_free_text_before_scrubbing(tmp_path: Path) -> None:
    i = next(i for i, u in enumerate(UNITS) if "Rutinen" in u[1])
    keys = "".join(k for _, k, _ in UNITS[:i])
    keys += "Ring Anna Svensson 070-123 45 67" + ENTER + ENTER + CTRL_C
    result = drive(["run", "--out", str(tmp_path)], keys)
    assert result.exit_code == 130
    saved = state_path().read_text(encoding="utf-8")
    assert "070-123" not in saved and "Svensson" not in saved
    assert json.loads(saved)["redactions"] >= 2


def test_resume_discard_drops_the_paused_session(tmp_path: Path) -> None:
    drive(["run", "--out", str(tmp_path)], ENTER * 4 + CTRL_C)
    assert state_path().exists()
    result = drive(["resume", "--discard"])
    assert result.exit_code == 0
    assert "borttaget" in result.output
    assert not state_path().exists()
    again = drive(["resume"])
    assert again.exit_code == 1
    assert "inget pausat samtal" in again.output.lower()


def test_corrupt_state_file_suggests_discard(tmp_path: Path) -> None:
    state_path().parent.mkdir(parents=True, exist_ok=True)
    state_path().write_text("{not json", encoding="utf-8")
    result = drive(["resume"])
    assert result.exit_code == 1
    assert "avlastning resume --discard" in result.output
    assert "Traceback" not in result.output


def test_run_offers_to_resume_a_paused_session(tmp_path: Path) -> None:
    drive(["run", "--out", str(tmp_path)], "\x7f5" + ENTER + CTRL_C)
    # Enter at "go on with the paused session", then Enter through
    result = drive(["run", "--out", str(tmp_path)], enters())
    assert result.exit_code == 0, result.output
    assert "pausat samtal" in result.output
    assert summary(tmp_path)["participants"] == 5


def test_changed_protocol_warns_and_keeps_fitting_answers(tmp_path: Path) -> None:
    from tests.conftest import PROTOCOLS

    mine = tmp_path / "mitt.yaml"
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    mine.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first = drive(["run", str(mine), "--out", str(out)], "\x7f4" + ENTER + ENTER + CTRL_C)
    assert first.exit_code == 130
    mine.write_text(text.replace('version: "1.0"', 'version: "1.1"'), encoding="utf-8")
    result = drive(["resume"], enters())
    assert result.exit_code == 0, result.output
    assert "har ändrats" in result.output
    data = summary(out)
    assert data["participants"] == 4
    assert data["protocol"]["version"] == "1.1"
