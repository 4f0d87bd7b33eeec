"""The interactive prompter: the only module that imports questionary (and prompt_toolkit).

Every prompt has a safe default (Enter walks on). At every prompt the emergency action is one
key away: ``!`` (and F1, which also works in text fields) ends the prompt with
:data:`~avlastning_cli.prompter.EMERGENCY`, and the walkthrough asks the same prompt again
afterwards. Ctrl-C raises KeyboardInterrupt, which the walkthrough turns into a saved pause.
"""

from __future__ import annotations

import shutil
import textwrap
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.key_binding.key_processor import KeyPressEvent
from questionary import Choice, Style
from questionary.prompts import checkbox as _checkbox
from questionary.prompts import common as _common
from rich.console import Console

from avlastning_cli.prompter import EMERGENCY
from avlastning_cli.textsafe import visible
from avlastning_cli.ui.console import safe_console

#: Calm: no red, nothing blinking; colours fall away with NO_COLOR.
STYLE = Style(
    [
        ("qmark", "fg:ansiblue"),
        ("question", "bold"),
        ("answer", "fg:ansicyan"),
        ("pointer", "fg:ansiblue bold"),
        ("highlighted", "bold"),
        ("selected", "fg:ansicyan"),
        ("instruction", "fg:ansigray"),
        ("text", ""),
        ("disabled", "fg:ansigray italic"),
    ]
)
QMARK = "›"

#: questionary's own words are English; these are the session's. Set by InteractivePrompter.
_WORDS: dict[str, str] = {"description": "Description"}


class _Control(_common.InquirerControl):
    """questionary's list, with "Description:" in the session's language."""

    def _get_choice_tokens(self) -> Any:
        english = "  Description: "
        ours = f"  {_WORDS['description']}: "
        return [
            (style, ours + text[len(english) :]) if text.startswith(english) else (style, text)
            for style, text, *_ in super()._get_choice_tokens()
        ]


_checkbox.InquirerControl = _Control  # type: ignore[misc]  # questionary.checkbox builds its list with it


def _with_emergency(question: questionary.Question, *, text_field: bool = False) -> Any:
    """Ask ``question``; ``!`` (not in text fields) or F1 returns EMERGENCY instead."""
    kb = KeyBindings()

    def _emergency(event: KeyPressEvent) -> None:
        event.app.exit(result=EMERGENCY)

    kb.add("f1", eager=True)(_emergency)
    if not text_field:
        kb.add("!", eager=True)(_emergency)
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), kb])
    return question.unsafe_ask()


def _columns() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def fit(text: Any, indent: int = 2) -> Any:
    """Wrap a prompt's text at word boundaries (the terminal would cut words in half)."""
    if not isinstance(text, str):
        return text  # a live Countdown: short, and redrawn each second
    words = " ".join(visible(text).split())
    return textwrap.fill(words, _columns() - indent - 1, subsequent_indent=" " * indent)


class Countdown:
    """A prompt message that shows the soft time left each time it is rendered."""

    def __init__(self, prefix: str, seconds: int, L: Mapping[str, str]) -> None:
        self.prefix = prefix
        self.seconds = seconds
        self.L = L
        self.start = time.monotonic()

    def __str__(self) -> str:
        left = round(self.seconds - (time.monotonic() - self.start))
        if left <= 0:
            return f"{self.prefix} · {self.L['time_up']}"
        return f"{self.prefix} · {self.L['left'].format(m=left // 60, s=left % 60)}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class InteractivePrompter:
    interactive = True

    def __init__(self, L: Mapping[str, str], console: Console | None = None) -> None:
        self.L = L
        self.console = console or safe_console()
        _WORDS["description"] = L["description"]

    def show(self, renderable: Any) -> None:
        self.console.print(renderable)

    def new_screen(self) -> None:
        """Clear the terminal (nothing is written when output is not a terminal)."""
        self.console.clear()

    def _select(
        self, label: Any, options: Sequence[tuple[str, str]], default: str, **kw: Any
    ) -> Any:
        choices = [Choice(title=fit(text, 3), value=value) for value, text in options]
        values = [value for value, _ in options]
        q = questionary.select(
            fit(label),
            choices=choices,
            default=default if default in values else values[0],
            qmark=QMARK,
            style=STYLE,
            instruction=self.L["select_hint"],
            **kw,
        )
        return _with_emergency(q)

    def ask_number(self, key: str, label: str, default: int, lo: int, hi: int) -> Any:
        message = self.L["number_range"].format(lo=lo, hi=hi)

        def check(text: str) -> bool | str:
            raw = text.strip()
            if not raw or (raw.isdigit() and lo <= int(raw) <= hi):
                return True
            return message

        # The default is shown, not pre-typed: typing "6" must give 6, not "16".
        q = questionary.text(fit(f"{label} [{default}]"), validate=check, qmark=QMARK, style=STYLE)
        result = _with_emergency(q)
        if result is EMERGENCY:
            return result
        raw = str(result).strip()
        return int(raw) if raw else default

    def ask_yes_no(self, key: str, label: str, default: bool, help: str | None = None) -> Any:
        if help:
            self.console.print(" ".join(help.split()), style="dim")
        options = [("yes", self.L["yes"]), ("no", self.L["no"])]
        result = self._select(label, options, "yes" if default else "no")
        return result if result is EMERGENCY else result == "yes"

    def ask_choice(
        self, key: str, label: str, options: Sequence[tuple[str, str]], default: str
    ) -> Any:
        return self._select(label, options, default)

    def ask_multi(
        self,
        key: str,
        label: str,
        options: Sequence[tuple[str, str, str]],
        default: Sequence[str],
    ) -> Any:
        choices = [
            Choice(
                title=fit(text, 5),
                value=value,
                checked=value in default,
                description=more or None,
            )
            for value, text, more in options
        ]
        q = questionary.checkbox(
            fit(label), choices=choices, qmark=QMARK, style=STYLE, instruction=self.L["multi_hint"]
        )
        # questionary would leave "done (2 selections)" on screen: say it in our words instead
        q.application.erase_when_done = True
        result = _with_emergency(q)
        if result is not EMERGENCY:
            count = len(result)
            done = self.L["done_none"] if not count else self.L["done_some"].format(n=count)
            self.console.print(f"{QMARK} {fit(label)} {done}", highlight=False, markup=False)
        return result

    def ask_text(
        self,
        key: str,
        label: str,
        default: str,
        help: str | None,
        validate: Callable[[str], str | None],
        text_field: bool = True,
    ) -> Any:
        if help:
            self.console.print(help, style="dim")

        def check(text: str) -> bool | str:
            problem = validate(text)
            return True if problem is None else problem

        q = questionary.text(fit(label), default=default, validate=check, qmark=QMARK, style=STYLE)
        return _with_emergency(q, text_field=text_field)

    def navigate(
        self, label: str, options: Sequence[tuple[str, str]], default: str, *, key: str = ""
    ) -> Any:
        return self._select(label, options, default)

    def round_turn(self, k: int, n: int, seconds: int, *, key: str = "") -> Any:
        L = self.L
        message = Countdown(L["person"].format(k=k, n=n), seconds, L)
        options = [("spoke", L["spoke"]), ("passed", L["passed"]), ("end", L["end_round"])]
        return self._select(message, options, "spoke", refresh_interval=1.0)
