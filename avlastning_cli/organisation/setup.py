"""`avlastning anpassa` (`setup`): the coordinator fills in the organisation's contacts.

Interactive: every place the protocol leaves to fill in is asked for with the session's own
prompts, each answer is checked as it is entered and saved at once (Ctrl-C loses nothing
already answered), then what will be printed is shown, and one answer can be changed.
Run again, it goes straight to that view. ``--set KEY=VALUE`` and ``--from FILE`` do the
same without prompts, for scripts and for leaders given a coordinator's file.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from avlastning_cli import prompter as pk
from avlastning_cli.errors import Issue, NoTerminalError, UserError
from avlastning_cli.i18n import tr
from avlastning_cli.organisation import store
from avlastning_cli.organisation.check import problem
from avlastning_cli.organisation.slots import Slot, slots, write_in
from avlastning_cli.prompter import Prompter, asked
from avlastning_cli.protocol import models as m
from avlastning_cli.ui.labels import labels

KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_.")


def raw_protocol(ref: str | None, lang: str | None) -> m.Protocol:
    """The protocol as written, with its places still open (to learn what to ask)."""
    from avlastning_cli.protocol.loader import load_protocol
    from avlastning_cli.protocol.registry import resolve

    return load_protocol(resolve(ref, lang), organisation=False)


def unique_slots(protocol: m.Protocol) -> list[Slot]:
    """One slot per key, in the protocol's order (a contact used twice is asked once)."""
    seen: dict[str, Slot] = {}
    for slot in slots(protocol):
        seen.setdefault(slot.key, slot)
    return list(seen.values())


def all_bundled_slots(language: str) -> list[Slot]:
    from avlastning_cli.protocol.loader import load_protocol
    from avlastning_cli.protocol.registry import protocols_dir

    found: dict[str, Slot] = {}
    for path in sorted(protocols_dir().glob(f"*.{language}.yaml")):
        for slot in unique_slots(load_protocol(path, organisation=False)):
            found.setdefault(slot.key, slot)
    return list(found.values())


def _notes(known: Sequence[Slot]) -> dict[str, str]:
    return {s.key: f"{s.role}: {s.hint}" if s.role else s.hint for s in known}


def _clean(value: str) -> str:
    return " ".join(value.split())


def _save(values: dict[str, str], path: Path, known: Sequence[Slot]) -> Path:
    return store.save_values(values, path, _notes(known))


# --- without prompts ----------------------------------------------------------------------


def parse_set(items: Sequence[str], known: Sequence[Slot], language: str) -> dict[str, str]:
    """``KEY=VALUE`` pairs, each key known and each value checked; a blank value clears."""
    L = labels(language)
    keys = [s.key for s in known]
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UserError(f"--set {item!r}: {L['org_set_form']}")
        if key not in keys:
            close = difflib.get_close_matches(key, keys, n=1)
            hint = " " + L["org_did_you_mean"].format(key=close[0]) if close else ""
            raise UserError(L["org_unknown_key"].format(key=key, close=hint, keys=", ".join(keys)))
        why = problem(value, language)
        if why:
            raise UserError(f"--set {key}: {why}")
        out[key] = _clean(value)
    return out


def read_from(path: Path, language: str) -> dict[str, str]:
    """Another organisation file's answers, each checked; every problem with its place."""
    source = store.read_source(path)
    values = store.values_of(source)
    issues: list[Issue] = []
    for key, value in values.items():
        if not set(key) <= KEY_CHARS:
            issues.append(source.issue(("values", key), tr("org.not_a_key", key=key), key=True))
            continue
        why = problem(value, language)
        if why:
            issues.append(source.issue(("values", key), why))
    if issues:
        raise store.OrganisationError(str(path), issues, store.hint())
    return values


def apply_changes(current: dict[str, str], changes: dict[str, str]) -> dict[str, str]:
    values = dict(current)
    for key, value in changes.items():
        if value:
            values[key] = value
        else:
            values.pop(key, None)
    return values


# --- what will be printed -----------------------------------------------------------------


def preview(protocol: m.Protocol, known: Sequence[Slot], values: dict[str, str]) -> Table:
    """Each place as it will be printed: the value, or the write-in line."""
    L = labels(protocol.language)
    table = Table(title=L["org_preview"], title_justify="left", box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_column(style="dim")
    for slot in known:
        shown = values.get(slot.key) or write_in(slot, protocol.language)
        table.add_row(slot.label, Text(shown), slot.key)
    return table


def show(ref: str | None, lang: str | None, path: Path, console: Console) -> None:
    protocol = raw_protocol(ref, lang)
    L = labels(protocol.language)
    values = store.load_values(path)
    known = unique_slots(protocol)
    console.print(L["org_intro"].format(title=protocol.title, file=path), soft_wrap=True)
    console.print(preview(protocol, known, values))
    others = [k for k in values if k not in {s.key for s in known}]
    for key in others:
        console.print(f"{key}: {values[key]}", markup=False, highlight=False, soft_wrap=True)


# --- the command --------------------------------------------------------------------------


def setup(
    ref: str | None,
    lang: str | None,
    path: Path | None,
    set_items: Sequence[str] = (),
    from_file: Path | None = None,
    *,
    show_only: bool = False,
    interactive: bool = False,
    prompter: Prompter | None = None,
    console: Console | None = None,
) -> Path:
    """`avlastning anpassa`. Returns the organisation file's path."""
    console = console or Console(highlight=False)
    path = path or store.default_path()
    if show_only:
        show(ref, lang, path, console)
        return path
    protocol = raw_protocol(ref, lang)
    L = labels(protocol.language)
    if set_items or from_file is not None:
        known = unique_slots(protocol)
        if ref is None:  # the keys of every bundled protocol may be set without naming it
            have = {s.key for s in known}
            known += [s for s in all_bundled_slots(protocol.language) if s.key not in have]
        values = store.load_values(path)
        if from_file is not None:
            values = apply_changes(values, read_from(from_file, protocol.language))
        values = apply_changes(values, parse_set(set_items, known, protocol.language))
        _save(values, path, known)
        console.print(L["org_saved"].format(file=path), markup=False, soft_wrap=True)
        return path
    if not interactive:
        raise NoTerminalError(L["org_no_terminal"])
    if prompter is None:
        from avlastning_cli.session.live import interactive_prompter

        prompter = interactive_prompter(L, console)
    _interactive(protocol, path, prompter, console)
    return path


def _interactive(protocol: m.Protocol, path: Path, prompter: Prompter, console: Console) -> None:

    L = labels(protocol.language)
    known = unique_slots(protocol)
    if not known:
        console.print(L["org_none"].format(id=protocol.id))
        return
    values = store.load_values(path)
    console.print(L["org_intro"].format(title=protocol.title, file=path), soft_wrap=True)
    console.print(L["org_intro_blank"], style="dim", soft_wrap=True)

    def ask(slot: Slot) -> None:
        help_ = f"{slot.hint} · {slot.key}"  # no [brackets]: rich would read them as markup
        answer = asked(
            lambda: prompter.ask_text(
                pk.setup_key(slot.key),
                slot.label,
                values.get(slot.key, ""),
                help_,
                lambda text: problem(text, protocol.language),
            )
        )
        value = _clean(str(answer))
        if value:
            values[slot.key] = value
        else:
            values.pop(slot.key, None)
        _save(values, path, known)  # at once: Ctrl-C loses nothing already answered

    if not any(s.key in values for s in known):
        for slot in known:
            ask(slot)
    while True:
        console.print()
        console.print(preview(protocol, known, values))
        choice = asked(
            lambda: prompter.navigate(
                L["org_next"],
                [("done", L["org_done"]), ("change", L["org_change"])],
                "done",
                key=pk.SETUP_NEXT,
            )
        )
        if choice != "change":
            break
        options = [(s.key, f"{s.label}: {values.get(s.key) or L['org_unset']}") for s in known]
        which = functools.partial(
            prompter.navigate, L["org_which"], options, options[0][0], key=pk.SETUP_WHICH
        )
        picked = asked(which)
        ask(next(s for s in known if s.key == picked))
    _save(values, path, known)
    console.print(L["org_saved"].format(file=path), markup=False, soft_wrap=True)
    console.print(L["org_share"].format(name=path.name), markup=False, soft_wrap=True)
