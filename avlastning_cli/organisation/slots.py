"""Where a protocol has ``<fyll i: …>`` places, their stable keys, and filling them in.

Keys do not depend on wording, so a reworded protocol keeps its answers:

- a placeholder in a contact's ``reach`` is keyed by the contact's id (``manager``); the same
  contact id means the same contact in every protocol, so it is filled in once for all;
- one elsewhere in a contact is ``ID.FIELD`` (``manager.when``);
- any other is ``PROTOCOL.PATH``, with section and other ids instead of list positions
  (``efterlevandestod.card.closing``, ``avlastningssamtal.purpose.say.2``);
- a second placeholder in the same text gets ``.2`` (then ``.3`` …).

The ids are the same in every language, so are the keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from avlastning_cli.protocol import models as m

PLACEHOLDER = re.compile(r"<\s*(?:fyll i|fill in)\b\s*:?\s*([^>]*)>", re.IGNORECASE)
#: what the hint says when it asks for a phone number (a write-in line then says "Telefon:")
PHONE_HINT = re.compile(r"telefon|phone|\bnummer|\bnumber", re.IGNORECASE)

PathT = tuple[str | int, ...]


@dataclass(frozen=True)
class Slot:
    """One place to fill in."""

    key: str
    hint: str  # the placeholder's own words after "fyll i:", e.g. "chefens namn och telefonnummer"
    path: PathT  # where in the protocol
    contact: str | None = None  # the contact's id, when it is in a contact
    role: str | None = None  # the contact's role, for labels

    @property
    def wants_phone(self) -> bool:
        return bool(PHONE_HINT.search(self.hint))

    @property
    def label(self) -> str:
        """A short name for menus: the contact's role, else the hint."""
        return self.role or self.hint


def _children(node: Any) -> Iterator[tuple[str | int, Any]]:
    """The parts of a model (its fields, in order), a mapping or a list."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield name, getattr(node, name)
    elif isinstance(node, dict):
        yield from node.items()
    elif isinstance(node, list | tuple):
        yield from enumerate(node)


def _walk(data: Any, path: PathT) -> Iterator[tuple[PathT, str]]:
    if isinstance(data, str):
        yield path, data
        return
    for step, value in _children(data):
        yield from _walk(value, (*path, step))


def _at(node: Any, step: str | int) -> Any:
    return getattr(node, str(step)) if isinstance(node, BaseModel) else node[step]


def _id(node: Any) -> str | None:
    value = node.get("id") if isinstance(node, dict) else getattr(node, "id", None)
    return None if value is None else str(value)


def _named(data: Any, path: PathT) -> list[str]:
    """``path`` with ids instead of list positions where the items have ids (1-based else)."""
    parts: list[str] = []
    node = data
    for step in path:
        node = _at(node, step)
        parts.append(str(step) if not isinstance(step, int) else _id(node) or str(step + 1))
    return parts


def _base_key(data: Any, path: PathT) -> tuple[str, str | None, str | None]:
    if len(path) >= 3 and path[0] == "contacts" and isinstance(path[1], int):
        contact = _at(_at(data, "contacts"), path[1])
        cid = _id(contact) or str(path[1] + 1)
        role = contact.get("role") if isinstance(contact, dict) else contact.role
        role = str(role or "")
        if path[2:] == ("reach",):
            return cid, cid, role
        return ".".join([cid, *_named(contact, path[2:])]), cid, role
    return ".".join([_id(data) or "protocol", *_named(data, path)]), None, None


def placeholders_in(data: Any) -> Iterator[tuple[Slot, re.Match[str]]]:
    """Each place to fill in within a protocol (the model, or the file's data as read)."""
    for path, text in _walk(data, ()):
        if path and path[-1] == "id":
            continue
        for n, match in enumerate(PLACEHOLDER.finditer(text), start=1):
            base, contact, role = _base_key(data, path)
            key = base if n == 1 else f"{base}.{n}"
            hint = " ".join(match.group(1).split())
            yield Slot(key, hint, path, contact, role), match


def slots(protocol: m.Protocol) -> list[Slot]:
    """Every place the protocol leaves to fill in, in the protocol's order."""
    return [slot for slot, _ in placeholders_in(protocol)]


def _replace(node: Any, path: PathT, text: str) -> Any:
    """``node`` with the text at ``path`` replaced: copies along the path, shares the rest
    (the new text is plain text in a text field, so nothing needs validating again)."""
    if not path:
        return text
    step, rest = path[0], path[1:]
    if isinstance(node, BaseModel):
        name = str(step)
        return node.model_copy(update={name: _replace(getattr(node, name), rest, text)})
    items = list(node)
    items[int(step)] = _replace(items[int(step)], rest, text)
    return items


def fill(
    protocol: m.Protocol,
    values: Mapping[str, str],
    unfilled: Callable[[Slot], str] | None = None,
) -> m.Protocol:
    """The protocol with each place filled from ``values``; a place without a value becomes
    ``unfilled(slot)``, or stays as it is when ``unfilled`` is None."""
    texts: dict[PathT, list[tuple[Slot, re.Match[str]]]] = {}
    for slot, match in placeholders_in(protocol):
        texts.setdefault(slot.path, []).append((slot, match))
    result = protocol
    for path, found in texts.items():
        text: str = found[0][1].string
        out, last = [], 0
        for slot, match in found:
            value = values.get(slot.key)
            if value:
                new = value
            elif unfilled is not None:
                new = unfilled(slot)
            else:
                new = match.group(0)
            out += [text[last : match.start()], new]
            last = match.end()
        out.append(text[last:])
        joined = "".join(out)
        if joined != text:
            result = _replace(result, path, joined)
    return result


WRITE_IN = "______________"


def write_in(slot: Slot, language: str) -> str:
    """On paper: a line to write on, so a leader can fill it in by hand."""
    from avlastning_cli.ui.labels import labels

    if slot.wants_phone:
        return f"{labels(language)['write_in_phone']}: {WRITE_IN}"
    return WRITE_IN


def on_paper(protocol: m.Protocol) -> m.Protocol:
    """Every place still left to fill in becomes a write-in line."""
    return fill(protocol, {}, lambda slot: write_in(slot, protocol.language))


def on_screen(protocol: m.Protocol, missing_text: str) -> tuple[m.Protocol, list[Slot]]:
    """For a live session: each place still left becomes ``missing_text`` (never markup);
    also returns which places those were, for the banner at the start."""
    left = slots(protocol)
    if not left:
        return protocol, []
    return fill(protocol, {}, lambda slot: missing_text), left
