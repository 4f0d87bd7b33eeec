"""The leader decides the final gate's uncertain items before the summary is saved.

The final gate (:mod:`avlastning_cli.privacy.gate`, run by
:func:`avlastning_cli.summary.gate.gate_free_text`) lists every item of the free text that
might point to a person. In a live session each one is shown in its line and the leader picks
mask or keep (mask is the default); the preview then shows the text as it will be stored, and
saving replays the same decisions. Nothing is saved until every item is decided: Ctrl-C at a
decision pauses the session as anywhere else, and the end asks again. With an answers file
there is no one to ask, so every uncertain item is masked and the run says how many.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text

from avlastning_cli import prompter as pk
from avlastning_cli.prompter import Prompter
from avlastning_cli.protocol import models as m
from avlastning_cli.ui.uncertain import flat, item_in_context

if TYPE_CHECKING:
    from avlastning_cli.privacy.gate import Finding
    from avlastning_cli.summary.files import SummaryFiles
    from avlastning_cli.summary.gate import Decide, Record

#: The key of every uncertain item's prompt (asked once per item, in text order).
KEY = pk.prompt_key(pk.END, pk.GATE)


class Decisions:
    """A ``decide`` callback (see :data:`avlastning_cli.summary.gate.Decide`) that asks the
    leader through ``ask`` (the walkthrough's, so the emergency key works here too), and
    remembers the answers so that saving can :meth:`replay` them."""

    def __init__(
        self, prompter: Prompter, ask: Callable[[Callable[[], Any]], Any], L: Mapping[str, str]
    ) -> None:
        self.prompter = prompter
        self.ask = ask
        self.L = L
        self.made: dict[Finding, bool] = {}

    def __call__(self, text: str, found: Sequence[Finding]) -> dict[Finding, bool]:
        L = self.L
        n = len(found)
        self.prompter.show(Text(L["gate_intro"].format(n=n)))
        made: dict[Finding, bool] = {}
        for i, item in enumerate(found, 1):
            options = [(pk.MASK, L["gate_mask"]), (pk.KEEP_ITEM, L["gate_keep"])]
            if n - i > 0:
                options.append((pk.MASK_REST, L["gate_mask_rest"].format(n=n - i + 1)))
            why = L.get(f"gate_why_{item.kind}", L["gate_why_capitalised"])
            label = L["gate_q"].format(i=i, n=n, item=flat(item.text), why=why)
            context = item_in_context(text, item.start, item.end)
            choice = self.ask(partial(self.prompter.ask_uncertain, KEY, label, context, options))
            if choice == pk.MASK_REST:
                made.update((rest, True) for rest in found[i - 1 :])
                break
            made[item] = choice != pk.KEEP_ITEM
        self.made = made
        return made

    def note(self) -> list[Text]:
        """What was decided, to show with the preview (nothing when nothing was asked)."""
        n, masked = len(self.made), sum(self.made.values())
        if not n:
            return []
        return [Text(self.L["gate_decided"].format(masked=masked, n=n, kept=n - masked))]

    def replay(self, text: str, found: Sequence[Finding]) -> dict[Finding, bool]:
        """The same decisions for the same text; an item not decided is masked."""
        return {item: self.made.get(item, True) for item in found}


@dataclass
class Decided:
    """The summary as it will be stored (for the preview), the ``decide`` to save it with
    (None: every uncertain item is masked) and what to say about it with the preview."""

    shown: Record
    decide: Decide | None
    notes: list[Text]

    def show_notes(self, prompter: Prompter) -> None:
        for note in self.notes:
            prompter.show(note)

    def again(self, protocol: m.Protocol, build: Callable[[], Record]) -> Record:
        """The summary as it will be stored, built afresh with the same decisions (what was
        recorded since, such as an escalation, counts; the free text is the same)."""
        from avlastning_cli.summary.gate import gate_free_text

        return gate_free_text(build(), protocol, self.decide)[0]


def decide_before_saving(
    protocol: m.Protocol,
    build: Callable[[], Record],
    prompter: Prompter,
    ask: Callable[[Callable[[], Any]], Any],
    L: Mapping[str, str],
) -> Decided:
    """Ask about every uncertain item of the summary ``build`` makes, when there is someone
    to ask."""
    from avlastning_cli.summary.gate import gate_free_text

    if not prompter.interactive:
        return Decided(gate_free_text(build(), protocol)[0], None, [])
    decisions = Decisions(prompter, ask, L)
    gate_free_text(build(), protocol, decisions)
    # built again: an escalation recorded during the decisions (the emergency key) counts;
    # the free text is the same, so the same items get the same decisions
    shown, _ = gate_free_text(build(), protocol, decisions.replay)
    return Decided(shown, decisions.replay, decisions.note())


def saved_note(files: SummaryFiles, prompter: Prompter, L: Mapping[str, str]) -> list[str]:
    """What the run says after saving about the items the gate masked with no one to ask."""
    if prompter.interactive or not files.gate_masked:
        return []
    return [L["gate_fail_closed"].format(n=files.gate_masked)]
