"""Session tests keyed by meaning: a prompter that answers each prompt by its key.

The walkthrough passes a key to every prompt (a field's key such as ``setup.calm_place`` or
``participants``; ``STEP:WHAT`` for the others, see :mod:`avlastning_cli.prompter`). A script
maps keys to answers; every prompt not in the script takes its default (Enter). So a test says
*what* it answers, not how many Enters come first, and a new question in a protocol does not
break it. It runs at engine speed: no terminal, no keystrokes.

    result = play(["run", "--out", str(tmp_path)], {
        "participants": 5,
        "setup.calm_place": True,
        nav("introductions"): "skip",
        turn("round"): Each("spoke", "passed", "end"),
        "setup.drinks_blankets": Each(EMERGENCY, True),  # ! at this prompt, then Ja
        ESCALATIONS: "physical_injury",  # the sign picked in the emergency action
    })

``Each(a, b, …)`` answers the key's 1st, 2nd, … ask (then defaults). ``INTERRUPT`` raises
Ctrl-C there; ``play(..., interrupt_at=n)`` raises it at the n-th prompt (0-based).
Every scripted key must be asked at least once (unless the run was interrupted), so a
mistyped key fails the test instead of silently testing the defaults.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from rich.console import Console
from typer.testing import CliRunner, Result

from avlastning_cli import prompter as pk
from avlastning_cli.cli import app
from avlastning_cli.prompter import EMERGENCY
from avlastning_cli.protocol.fields import ESCALATIONS, PARTICIPANTS, SECOND_LEADER
from avlastning_cli.session import live

__all__ = [
    "EMERGENCY",
    "ESCALATIONS",
    "GATE",
    "INTERRUPT",
    "PARTICIPANTS",
    "SECOND_LEADER",
    "Each",
    "Played",
    "ScriptedPrompter",
    "keep",
    "nav",
    "play",
    "redo",
    "scripted",
    "turn",
]


class _Interrupt:
    def __repr__(self) -> str:
        return "INTERRUPT"


#: A scripted answer that presses Ctrl-C at that prompt.
INTERRUPT: Any = _Interrupt()


class Each:
    """Answers for a key's successive asks: ``Each(EMERGENCY, True)``."""

    def __init__(self, *values: Any) -> None:
        self.values = list(values)

    def __repr__(self) -> str:
        return f"Each{tuple(self.values)!r}"


def nav(step: str) -> str:
    """The key of a step's "what now?" (go_on/skip/back/pause/emergency); ``nav(pk.OPENING)``
    after the opening questions, ``nav(pk.END)`` for save/back/pause/quit at the end."""
    return pk.prompt_key(step, pk.NAVIGATE)


def turn(section_id: str) -> str:
    """The key of a turn in the round (spoke/passed/end)."""
    return pk.prompt_key(section_id, pk.TURN)


def redo(section_id: str) -> str:
    return pk.prompt_key(section_id, pk.REDO)


#: The key of each uncertain item at the end (mask / keep / mask_rest), asked once per item:
#: script it with ``Each("keep", "mask")``.
GATE = pk.prompt_key(pk.END, pk.GATE)


def keep(field_key: str) -> str:
    """The key of "keep this text as stored, or retype" after a free text (keep/retype)."""
    return pk.prompt_key(field_key, pk.KEEP)


@dataclass
class ScriptedPrompter:
    """A :class:`~avlastning_cli.prompter.Prompter` that answers from a script by key and
    shows what a terminal would (screens, and each prompt's label after ``?``)."""

    script: Mapping[str, Any] = field(default_factory=dict)
    console: Console = field(default_factory=lambda: Console(highlight=False))
    interrupt_at: int | None = None
    interactive: bool = True
    asked: list[str] = field(default_factory=list)  # every prompt's key, in order

    def __post_init__(self) -> None:
        self._queues = {k: list(v.values) for k, v in self.script.items() if isinstance(v, Each)}

    def _answer(self, key: str, label: Any, default: Any) -> Any:
        n = len(self.asked)
        self.asked.append(key)
        self.console.print(f"? {label}", markup=False, highlight=False)
        if self.interrupt_at is not None and n >= self.interrupt_at:
            raise KeyboardInterrupt
        if key not in self.script:
            return default
        value = self.script[key]
        if isinstance(value, Each):
            queue = self._queues[key]
            if not queue:
                return default
            value = queue.pop(0)
        if value is INTERRUPT:
            raise KeyboardInterrupt
        return value

    def remaining(self) -> dict[str, Any]:
        """The script as it stands now: the answers of ``Each`` not yet given. Resuming with
        it continues the same session (plain answers are given again when a step is)."""
        return {
            k: Each(*self._queues[k]) if isinstance(v, Each) else v for k, v in self.script.items()
        }

    def unasked(self) -> list[str]:
        return [k for k in self.script if k not in self.asked]

    def _help(self, help: str | None) -> None:
        if help:  # shown above the prompt, as the real prompter does
            self.console.print(" ".join(help.split()), style="dim")

    # --- the Prompter interface --------------------------------------------------------

    def show(self, renderable: Any) -> None:
        self.console.print(renderable)

    def new_screen(self) -> None:
        self.console.clear()

    def ask_number(self, key: str, label: str, default: int | None, lo: int, hi: int) -> Any:
        value = self._answer(key, label if default is None else f"{label} [{default}]", default)
        if value is not EMERGENCY and value is not None:  # None: not answered
            assert lo <= int(value) <= hi, f"{key}: {value} is outside {lo}–{hi}"
        return value

    def ask_yes_no(
        self, key: str, label: str, default: bool | None, help: str | None = None
    ) -> Any:
        self._help(help)
        value = self._answer(key, label, default)
        assert value is EMERGENCY or value is None or isinstance(value, bool), (
            f"{key}: {value!r} is not a bool (or None: not answered)"
        )
        return value

    def ask_choice(
        self, key: str, label: str, options: Sequence[tuple[str, str]], default: str
    ) -> Any:
        return self._pick(key, label, options, default)

    def _pick(self, key: str, label: str, options: Sequence[tuple[str, str]], default: str) -> Any:
        value = self._answer(key, label, default)
        ids = [o for o, _ in options]
        assert value is EMERGENCY or value in ids, f"{key}: {value!r} is not one of {ids}"
        return value

    def ask_multi(
        self,
        key: str,
        label: str,
        options: Sequence[tuple[str, str, str]],
        default: Sequence[str],
    ) -> Any:
        value = self._answer(key, label, list(default))
        if value is not EMERGENCY:
            ids = [o for o, _, _ in options]
            assert set(value) <= set(ids), f"{key}: {value!r} are not all in {ids}"
        return value

    def ask_text(
        self,
        key: str,
        label: str,
        default: str,
        help: str | None,
        validate: Callable[[str], str | None],
        text_field: bool = True,
    ) -> Any:
        self._help(help)
        value = self._answer(key, label, default)
        if value is not EMERGENCY:
            problem = validate(str(value))
            assert problem is None, f"{key}: the prompt would refuse {value!r}: {problem}"
        return value

    def navigate(
        self, label: str, options: Sequence[tuple[str, str]], default: str, *, key: str = ""
    ) -> Any:
        return self._pick(key, label, options, default)

    def round_turn(self, k: int, n: int, seconds: int, *, key: str = "") -> Any:
        options = [("spoke", ""), ("passed", ""), ("undo", ""), ("end", "")]
        return self._pick(
            key, f"Person {k}/{n}", options if k > 1 else options[:2] + options[3:], "spoke"
        )

    def ask_uncertain(
        self, key: str, label: str, context: Any, options: Sequence[tuple[str, str]]
    ) -> Any:
        self.show(context)
        return self._pick(key, label, options, pk.MASK)


@dataclass
class Played:
    """What a scripted run gave: exit code and output (as from CliRunner) and the prompts."""

    result: Result
    prompter: ScriptedPrompter | None

    @property
    def exit_code(self) -> int:
        return self.result.exit_code

    @property
    def output(self) -> str:
        return self.result.output

    @property
    def asked(self) -> list[str]:
        return self.prompter.asked if self.prompter else []


@contextmanager
def scripted(script: Mapping[str, Any] | None = None, *, interrupt_at: int | None = None):
    """Within the block, a terminal session's prompter is a :class:`ScriptedPrompter`;
    yields a list that receives the prompters made (one per session started)."""
    made: list[ScriptedPrompter] = []

    def factory(L: dict[str, str], console: Console) -> ScriptedPrompter:
        p = ScriptedPrompter(dict(script or {}), console, interrupt_at)
        made.append(p)
        return p

    with mock.patch.object(live, "interactive_prompter", factory):
        yield made


runner = CliRunner()


def play(
    args: list[str],
    script: Mapping[str, Any] | None = None,
    *,
    interrupt_at: int | None = None,
    check_keys: bool = True,
) -> Played:
    """Run ``avlastning ARGS`` as if in a terminal, answering prompts from ``script``."""
    with scripted(script, interrupt_at=interrupt_at) as made:
        result = runner.invoke(app, args, env={"AVLASTNING_ASSUME_TTY": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # an assertion in the prompter, or a real bug: show it
    prompter = made[-1] if made else None
    if check_keys and prompter is not None and result.exit_code != 130:
        unasked = [k for k in (script or {}) if all(k not in p.asked for p in made)]
        assert not unasked, f"never asked: {unasked}; asked: {prompter.asked}"
    return Played(result, prompter)
