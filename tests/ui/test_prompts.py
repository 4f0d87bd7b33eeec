"""The prompter's keys, through prompt_toolkit's pipe input: the emergency action is one key
away everywhere, and '!' stays a character in free text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from avlastning_cli.prompter import EMERGENCY
from avlastning_cli.ui.labels import labels
from avlastning_cli.ui.prompts import InteractivePrompter

F1 = "\x1bOP"


def typed(keys: str, ask: Callable[[InteractivePrompter], Any]) -> Any:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        with create_app_session(input=pipe, output=DummyOutput()):
            return ask(InteractivePrompter(labels("sv")))


def text(p: InteractivePrompter) -> Any:
    return p.ask_text("practical.lessons", "Lärdomar", "", None, lambda _: None)


def test_f1_opens_the_emergency_action_in_a_text_field() -> None:
    assert typed("Larmet kom sent" + F1, text) is EMERGENCY


def test_exclamation_mark_is_just_a_character_in_a_text_field() -> None:
    assert typed("Bra jobbat!\r", text) == "Bra jobbat!"


def test_exclamation_mark_opens_the_emergency_action_in_a_menu() -> None:
    options = [("go_on", "Gå vidare"), ("pause", "Paus")]
    assert typed("!", lambda p: p.navigate("Vad nu?", options, "go_on")) is EMERGENCY
    assert typed("\r", lambda p: p.navigate("Vad nu?", options, "go_on")) == "go_on"


def test_number_prompt_takes_the_default_on_enter_and_refuses_out_of_range() -> None:
    def ask(p: InteractivePrompter) -> Any:
        return p.ask_number("participants", "Hur många?", 1, 1, 60)

    assert typed("\r", ask) == 1
    assert typed("61\r\x7f\x7f12\r", ask) == 12  # 61 is refused; the leader corrects it


F2 = "\x1bOQ"
RIGHT = "\x1b[C"


def with_step(p: InteractivePrompter, lang: str = "sv") -> InteractivePrompter:
    """The prompter with a real step on screen (tips to fold, words to say to page)."""
    from avlastning_cli.protocol.loader import load_protocol
    from avlastning_cli.protocol.registry import resolve
    from avlastning_cli.ui import screens

    proto = load_protocol(resolve(None, lang))
    i = next(i for i, s in enumerate(proto.sections) if s.kind == "next_steps")
    p.show(screens.section_screen(proto, proto.sections[i], i, 10, 0, labels(lang)))
    return p


def test_tips_and_pages_keep_what_was_typed_in_a_text_field() -> None:
    def ask(p: InteractivePrompter) -> Any:
        return text(with_step(p))

    assert typed("Larmet " + F2 + "kom sent" + F2 + "\r", ask) == "Larmet kom sent"


def test_question_mark_and_arrows_change_the_view_not_the_answer() -> None:
    options = [("go_on", "Gå vidare"), ("pause", "Paus")]

    def ask(p: InteractivePrompter) -> Any:
        answer = with_step(p).navigate("Vad nu?", options, "go_on")
        return answer, p.view.tips, p.view.page

    assert typed("?" + "\r", ask) == ("go_on", True, 0)  # tips open, then Enter answers
    assert typed(RIGHT + "\r", ask) == ("go_on", False, 1)  # the second page of the step
