"""The final gate wired into the summary writer (issue 14): every uncertain item in the free text
is decided, masked when nobody is asked, and the footer says how many items were masked."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.summary.build import build_summary
from avlastning_cli.summary.files import write_summary_files
from tests.session.harness import drive, summary, summary_files


@dataclass
class Values:
    answers: dict[str, Any]
    mode: str = "live"
    date: str = "2026-12-02"
    seconds: dict[str, float] = field(default_factory=dict)
    redactions: int = 1


def held(lessons: str, lang: str = "sv") -> tuple[Any, Any]:
    protocol = load_protocol(resolve(None, lang))
    values = Values({"participants": 4, "practical.lessons": lessons})
    return protocol, build_summary(protocol, values)  # type: ignore[arg-type]


def test_without_anyone_to_ask_every_uncertain_item_is_masked(tmp_path: Path) -> None:
    # what the scrubber leaves (it was run when the text was typed) and the gate doubts
    protocol, s = held("Koden 4471 ska bytas, larmet kom från rum 21.")
    files = write_summary_files(protocol, s, tmp_path)
    md = files.md.read_text(encoding="utf-8")
    assert "4471" not in md and "rum 21" not in md
    lessons = json.loads(files.json.read_text(encoding="utf-8"))["lessons"]
    assert lessons == "Koden [MASKERAT] ska bytas, larmet kom från [MASKERAT]."
    assert files.gate_masked == 2
    assert "3 uppgifter maskerade" in md  # one at entry, two by the gate
    assert "inga namn" not in md  # the footer never claims there are none


def test_the_leader_decides_each_item(tmp_path: Path) -> None:
    protocol, s = held("Koden 4471 ska bytas, larmet kom från rum 21.")
    asked: list[str] = []

    def decide(text: str, items: list[Any]) -> dict[Any, bool]:
        asked.extend(i.text for i in items)
        return {i: i.text != "rum 21" for i in items}  # keep the room, mask the code

    files = write_summary_files(protocol, s, tmp_path, decide)
    md = files.md.read_text(encoding="utf-8")
    assert asked == ["4471", "rum 21"]
    assert "rum 21" in md and "4471" not in md
    assert files.gate_masked == 1


def test_an_item_left_undecided_is_masked(tmp_path: Path) -> None:
    protocol, s = held("Koden 4471 ska bytas, larmet kom från rum 21.", "sv")
    files = write_summary_files(protocol, s, tmp_path, lambda text, items: {})
    assert files.gate_masked == 2


def test_the_protocols_own_numbers_and_ordinary_lessons_pass(tmp_path: Path) -> None:
    protocol, s = held("Påminn om 1177 och 112, och ha en extra person på natten.")
    files = write_summary_files(protocol, s, tmp_path)
    md = files.md.read_text(encoding="utf-8")
    assert "1177 och 112" in md and files.gate_masked == 0


def test_answers_run_masks_uncertain_items_in_english(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "participants: 3\n"
        'practical.lessons: "The code 4471 must change, the call came from bay 3"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = drive(["run", "--lang", "en", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = summary(out)
    assert data["lessons"] == "The code [MASKED] must change, the call came from [MASKED]"
    md, _js = summary_files(out)
    assert "items masked" in md.read_text(encoding="utf-8")
