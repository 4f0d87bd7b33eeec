"""The leader decides the final gate's uncertain items before saving (issue 14, item 3).

In a live session each item the gate doubts is shown in its line with why it is asked, and
the leader picks mask (the default) or keep; the preview shows the text as it will be stored,
and nothing is saved until every item is decided. With an answers file every uncertain item is
masked and the run says how many."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput

from avlastning_cli.prompter import FilePrompter
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.session import state as st
from avlastning_cli.ui.labels import labels
from avlastning_cli.ui.uncertain import CONTEXT, item_in_context
from tests.session.harness import DOWN, ENTER, drive, runner, state_path, summary, summary_files
from tests.session.scripted import (
    EMERGENCY,
    ESCALATIONS,
    GATE,
    INTERRUPT,
    Each,
    nav,
    play,
)

# Left alone by the scrubber when typed; the final gate doubts "rum 12" and "4412".
LESSON = "Larmknappen i rum 12 fungerade inte, ring 4412"
ROOM_KEPT = "Larmknappen i rum 12 fungerade inte, ring [MASKERAT]"


def run_with(tmp_path: Path, script: dict[str, Any], lang: str = "sv") -> Any:
    return play(
        ["run", "--lang", lang, "--out", str(tmp_path)], {"practical.lessons": LESSON, **script}
    )


def stored(tmp_path: Path) -> tuple[str, str, dict[str, Any]]:
    md, js = summary_files(tmp_path)
    data = json.loads(js.read_text(encoding="utf-8"))
    return md.read_text(encoding="utf-8"), data["lessons"], data


@pytest.mark.parametrize(
    ("answers", "lessons", "asked"),
    [
        (Each("keep", "mask"), ROOM_KEPT, 2),
        (Each("mask", "keep"), "Larmknappen i [MASKERAT] fungerade inte, ring 4412", 2),
        (Each("keep", "keep"), LESSON, 2),
        ("mask_rest", "Larmknappen i [MASKERAT] fungerade inte, ring [MASKERAT]", 1),
    ],
)
def test_the_leader_decides_each_uncertain_item(
    tmp_path: Path, answers: Any, lessons: str, asked: int
) -> None:
    result = run_with(tmp_path, {GATE: answers})
    assert result.exit_code == 0, result.output
    assert result.asked.count(GATE) == asked
    # asked before the save question, each item in its line, saying why
    assert result.asked.index(GATE) < result.asked.index(nav("@end"))
    out = result.output
    assert "Innan något sparas: 2 uppgift(er) i den fria texten kan peka ut en person" in out
    assert "Osäker uppgift 1 av 2: »rum 12«. Det är ett nummer som kan peka ut en person." in out
    assert "Larmknappen i »rum 12« fungerade inte, ring 4412" in out
    md, saved, data = stored(tmp_path)
    assert saved == lessons
    assert lessons.replace("[", "\\[").replace("]", "\\]") in md  # as Markdown escapes it
    assert data["redactions"] == lessons.count("[MASKERAT]")
    assert f"{lessons.count('[MASKERAT]')} uppgift" in md.split("---")[-1]  # the footer's count
    # the preview shown before "Spara?" is the text as stored, after the decisions
    preview = out[out.rindex("? Osäker uppgift") : out.rindex("? Spara sammanfattningen")]
    assert lessons.replace("[", "\\[").replace("]", "\\]") in preview
    masked = lessons.count("[MASKERAT]")
    decided = f"{masked} av 2 osäkra uppgifter maskeras, {2 - masked} behålls."
    assert decided in preview.split("Lärdomar att ta vidare")[-1]  # said with the preview


def test_enter_at_every_item_masks_them_all(tmp_path: Path) -> None:
    result = run_with(tmp_path, {})
    assert result.exit_code == 0, result.output
    assert result.asked.count(GATE) == 2  # asked all the same; the default is mask
    assert stored(tmp_path)[1] == "Larmknappen i [MASKERAT] fungerade inte, ring [MASKERAT]"
    assert "2 av 2 osäkra uppgifter maskeras, 0 behålls." in result.output


def test_english_session_asks_in_english(tmp_path: Path) -> None:
    lesson = "The call came from bay 3, ring 4412"
    result = play(
        ["run", "--lang", "en", "--out", str(tmp_path)],
        {"practical.lessons": lesson, GATE: Each("keep", "mask")},
    )
    assert result.exit_code == 0, result.output
    assert "Uncertain item 1 of 2: »bay 3«. It is a number that could point to a person." in (
        result.output
    )
    assert stored(tmp_path)[1] == "The call came from bay 3, ring [MASKED]"


def test_ctrl_c_at_a_decision_saves_nothing_and_resume_asks_again(tmp_path: Path) -> None:
    first = run_with(tmp_path, {GATE: Each("keep", INTERRUPT)})
    assert first.exit_code == 130, first.output
    assert "avlastning resume" in first.output
    assert not list(tmp_path.iterdir())  # one item decided is not all: nothing written
    kept = json.loads(state_path().read_text(encoding="utf-8"))
    assert kept["answers"]["practical.lessons"] == LESSON  # nothing lost
    second = play(["resume"], {GATE: Each("keep", "mask")})
    assert second.exit_code == 0, second.output
    assert second.asked[:2] == [GATE, GATE]  # both asked again, first thing
    assert stored(tmp_path)[1] == ROOM_KEPT
    assert not state_path().exists()


def test_the_emergency_key_at_a_decision_asks_the_same_item_again(tmp_path: Path) -> None:
    result = run_with(
        tmp_path, {GATE: Each(EMERGENCY, "keep", "mask"), ESCALATIONS: "physical_injury"}
    )
    assert result.exit_code == 0, result.output
    assert result.asked.count(GATE) == 3
    out = result.output
    assert out.count("Osäker uppgift 1 av 2") == 2 and out.count("Osäker uppgift 2 av 2") == 1
    assert out.count("Larmknappen i »rum 12« fungerade inte") == 2  # shown again in context
    _md, lessons, data = stored(tmp_path)
    assert lessons == ROOM_KEPT
    assert data["warning_signs"]["escalations"] == ["physical_injury"]


def test_pause_after_the_decisions_asks_them_again_on_resume(tmp_path: Path) -> None:
    first = run_with(tmp_path, {GATE: Each("keep", "keep"), nav("@end"): "pause"})
    assert first.exit_code == 0, first.output
    assert not list(tmp_path.iterdir())
    second = play(["resume"], {GATE: Each("keep", "mask")})
    assert second.exit_code == 0, second.output
    assert second.asked.count(GATE) == 2
    assert stored(tmp_path)[1] == ROOM_KEPT


def test_lessons_with_nothing_uncertain_ask_nothing(tmp_path: Path) -> None:
    result = play(
        ["run", "--out", str(tmp_path)], {"practical.lessons": "Rutinen för larm ses över"}
    )
    assert result.exit_code == 0, result.output
    assert GATE not in result.asked
    assert "Osäker uppgift" not in result.output


# --- with an answers file: nobody to ask, so every uncertain item is masked -----------------


@pytest.mark.parametrize(
    ("lang", "lesson", "said", "lessons"),
    [
        (
            "sv",
            LESSON,
            "Osäkra uppgifter maskerade: 2. Med en svarsfil finns ingen att fråga",
            "Larmknappen i [MASKERAT] fungerade inte, ring [MASKERAT]",
        ),
        (
            "en",
            "The call came from bay 3, ring 4412",
            "Uncertain items masked: 2. With an answers file there is no one to ask",
            "The call came from [MASKED], ring [MASKED]",
        ),
    ],
)
def test_answers_run_masks_every_uncertain_item_and_says_so(
    tmp_path: Path, lang: str, lesson: str, said: str, lessons: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f'participants: 3\npractical.lessons: "{lesson}"\n', encoding="utf-8")
    out = tmp_path / "out"
    result = drive(["run", "--lang", lang, "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert said in result.output
    md, _js = summary_files(out)
    assert result.output.index(str(md)) < result.output.index(said)  # said after saving
    assert summary(out)["lessons"] == lessons


def test_answers_run_with_nothing_uncertain_says_nothing_of_it(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text('practical.lessons: "Rutinen för larm ses över"\n', encoding="utf-8")
    result = drive(["run", "--answers", str(answers), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Osäkra uppgifter" not in result.output


def test_the_answers_prompter_always_masks() -> None:
    options = [("mask", "Maskera"), ("keep", "Behåll")]
    assert FilePrompter().ask_uncertain(GATE, "?", "", options) == "mask"


# --- through the real prompts (pipe input) --------------------------------------------------


def at_the_end(tmp_path: Path, lessons: str) -> None:
    """A paused session at its end: only the decisions, the preview and the save are left."""
    path = resolve(None, "sv")
    p = load_protocol(path)
    state = st.new_state("live", p.id, p.version, p.language, path, tmp_path)
    state.position = len(p.sections)
    state.answers = {"participants": 4, "practical.lessons": lessons}
    st.save(state)


def test_real_prompts_ask_in_swedish_and_keep_what_the_leader_keeps(tmp_path: Path) -> None:
    at_the_end(tmp_path, LESSON)
    screen = io.StringIO()
    # item 1: Down to "Behåll", Enter; item 2: Enter (mask, the default); Enter: Spara
    with create_pipe_input() as pipe:
        pipe.send_text(DOWN + ENTER + ENTER + ENTER)
        pipe.close()
        with create_app_session(input=pipe, output=PlainTextOutput(screen)):
            result = runner.invoke(app(), ["resume"], env={"AVLASTNING_ASSUME_TTY": "1"})
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    assert "Osäker uppgift 1 av 2: »rum 12«." in " ".join(shown.split())
    assert "Maskera (säkrast)" in shown and "Behåll, det pekar inte ut någon" in shown
    assert "Maskera alla återstående (2)" in shown
    assert "Larmknappen i »rum 12« fungerade inte, ring 4412" in result.output  # the context
    assert stored(tmp_path)[1] == ROOM_KEPT


def app() -> Any:
    from avlastning_cli.cli import app

    return app


# --- how an item is shown ----------------------------------------------------------------------


def test_an_item_is_shown_in_its_own_line_cut_at_words() -> None:
    text = "Första raden\n" + "ord " * 40 + "Lisa" + " ord" * 40 + "\nSista raden"
    start = text.index("Lisa")
    shown = item_in_context(text, start, start + 4).plain
    assert "»Lisa«" in shown
    assert "Första" not in shown and "Sista" not in shown
    assert shown.strip().startswith("… ord") and shown.endswith("ord…")
    assert len(shown) <= 2 * CONTEXT + 10


def test_an_item_with_control_characters_cannot_drive_the_terminal() -> None:
    text = "Ring \x1b[2J4412\nnu"
    shown = item_in_context(text, 5, len("Ring \x1b[2J4412")).plain
    assert "\x1b" not in shown and "^[" in shown


def test_an_escalation_at_the_save_prompt_is_saved_too(tmp_path: Path) -> None:
    result = play(
        ["run", "--out", str(tmp_path)],
        {nav("@end"): Each(EMERGENCY, "save"), ESCALATIONS: "physical_injury"},
    )
    assert result.exit_code == 0, result.output
    assert summary(tmp_path)["warning_signs"]["escalations"] == ["physical_injury"]


def test_after_the_emergency_key_at_the_save_prompt_the_summary_comes_back_with_it(
    tmp_path: Path,
) -> None:
    result = play(
        ["run", "--out", str(tmp_path)],
        {nav("@end"): Each(EMERGENCY, "save"), ESCALATIONS: "physical_injury"},
    )
    L = labels("sv")
    after = result.output[result.output.rindex(L["which_sign"]) :]  # after the emergency panel
    assert L["preview"] in after  # the summary again, not the question under the panel
    shown = after[after.index(L["preview"]) : after.rindex(L["save_q"])]
    assert "Eskalering: ja (Fysiska skador)" in " ".join(shown.split())
