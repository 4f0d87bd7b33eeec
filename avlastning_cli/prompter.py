"""What the walkthrough asks, as an interface: no questionary, no session logic.

The interactive prompter (``ui.prompts``), the answers-file prompter (:class:`FilePrompter`)
and the tests' scripted prompter all implement :class:`Prompter`. It lives apart from both
``session`` and ``ui`` so that neither package imports the other to share it.

Every prompt has a key. A field's prompt uses the field's key (``setup.calm_place``,
``participants``; see :mod:`avlastning_cli.protocol.fields`); the prompts that are not fields
use ``STEP:WHAT`` (:func:`prompt_key`), where STEP is a section id or :data:`OPENING` /
:data:`END` — a colon never appears in a field key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol


class _Emergency:
    def __repr__(self) -> str:
        return "EMERGENCY"


#: What an interactive prompt returns when the leader pressed the emergency key.
EMERGENCY: Any = _Emergency()


def asked(ask: Callable[[], Any]) -> Any:
    """``ask()`` again until it gives an answer: for prompts where the emergency key has
    nothing to open (menus, set-up), so pressing it simply asks again."""
    answer = ask()
    while answer is EMERGENCY:
        answer = ask()
    return answer


#: The steps that are not sections: the opening questions, and the end (save or not).
OPENING = "@opening"
END = "@end"
#: What the non-field prompts ask.
NAVIGATE = "navigate"  # go on / skip / back / pause / emergency (at the end: save / ...)
TURN = "turn"  # one person's turn in the round
REDO = "redo"  # a finished round: do it again?
KEEP = "keep"  # a free text as it will be stored: keep or retype
GATE = "gate"  # at the end: one uncertain item of the free text, mask or keep
#: The answers of :meth:`Prompter.ask_uncertain`.
MASK = "mask"
KEEP_ITEM = "keep"
MASK_REST = "mask_rest"
#: Prompts outside a walkthrough.
MENU = "@menu:navigate"
RESUME_OR_NEW = "@paused:navigate"
RESUME_WHICH = "@paused:which"
NOT_HELD_REASON = "@not_held:reason"
#: `avlastning anpassa`: each organisation value is ``@setup:KEY`` (:func:`setup_key`); then
#: what now (done / change one) and which one to change.
SETUP = "@setup"
SETUP_NEXT = "@setup:navigate"
SETUP_WHICH = "@setup:which"


def setup_key(org_key: str) -> str:
    """The prompt key of one organisation value: ``setup_key("manager") == "@setup:manager"``."""
    return f"{SETUP}:{org_key}"


def prompt_key(step: str, what: str) -> str:
    """The key of a prompt that is not a field: ``prompt_key("round", TURN) == "round:turn"``;
    for a text field's keep-or-retype, STEP is the field's key."""
    return f"{step}:{what}"


class Prompter(Protocol):
    """Everything the walkthrough asks. Each ask may return :data:`EMERGENCY`."""

    interactive: bool

    def show(self, renderable: Any) -> None: ...

    def new_screen(self) -> None:
        """Start a fresh screen: one step (or the emergency action) on screen at a time."""

    def ask_number(self, key: str, label: str, default: int | None, lo: int, hi: int) -> Any: ...

    def ask_yes_no(
        self, key: str, label: str, default: bool | None, help: str | None = None
    ) -> Any: ...

    def ask_choice(
        self, key: str, label: str, options: Sequence[tuple[str, str]], default: str
    ) -> Any: ...

    def ask_multi(
        self,
        key: str,
        label: str,
        options: Sequence[tuple[str, str, str]],
        default: Sequence[str],
    ) -> Any: ...

    def ask_text(
        self,
        key: str,
        label: str,
        default: str,
        help: str | None,
        validate: Callable[[str], str | None],
        text_field: bool = True,
    ) -> Any: ...

    def navigate(
        self, label: str, options: Sequence[tuple[str, str]], default: str, *, key: str = ""
    ) -> Any: ...

    def round_turn(self, k: int, n: int, seconds: int, *, key: str = "") -> Any: ...

    def ask_uncertain(
        self, key: str, label: str, context: Any, options: Sequence[tuple[str, str]]
    ) -> Any:
        """One uncertain item of the free text before saving: ``context`` (a renderable)
        shows it marked in its text, ``label`` says why it is asked. Returns :data:`MASK`,
        :data:`KEEP_ITEM` or :data:`MASK_REST` (whichever ``options`` offer); the default is
        :data:`MASK`."""


class FilePrompter:
    """Answers from a file: the engine already holds them, so every prompt takes its current
    value (the file's answer, else the default). Nothing is shown."""

    interactive = False

    def show(self, renderable: Any) -> None:
        return None

    def new_screen(self) -> None:
        return None

    def ask_number(self, key: str, label: str, default: int | None, lo: int, hi: int) -> Any:
        return default

    def ask_yes_no(
        self, key: str, label: str, default: bool | None, help: str | None = None
    ) -> Any:
        return default

    def ask_choice(
        self, key: str, label: str, options: Sequence[tuple[str, str]], default: str
    ) -> Any:
        return default

    def ask_multi(
        self,
        key: str,
        label: str,
        options: Sequence[tuple[str, str, str]],
        default: Sequence[str],
    ) -> Any:
        return list(default)

    def ask_text(
        self,
        key: str,
        label: str,
        default: str,
        help: str | None,
        validate: Callable[[str], str | None],
        text_field: bool = True,
    ) -> Any:
        return default

    def navigate(
        self, label: str, options: Sequence[tuple[str, str]], default: str, *, key: str = ""
    ) -> Any:
        return default

    def round_turn(self, k: int, n: int, seconds: int, *, key: str = "") -> Any:
        return "spoke"

    def ask_uncertain(
        self, key: str, label: str, context: Any, options: Sequence[tuple[str, str]]
    ) -> Any:
        return MASK  # nobody to ask: fail closed
