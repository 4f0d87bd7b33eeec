"""How an uncertain item of the free text is shown before saving: in its line, marked."""

from __future__ import annotations

import re

from rich.text import Text

from avlastning_cli.textsafe import visible

_SPACE = re.compile(r"\s+")
#: Characters of context shown on each side of the item (cut at a word boundary).
CONTEXT = 70


def flat(text: str) -> str:
    """``text`` on one line, safe for a terminal: whitespace runs become one space."""
    return _SPACE.sub(" ", visible(text))


def _before(text: str, start: int) -> str:
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if len(line) <= CONTEXT:
        return line
    cut = line[-CONTEXT:]
    space = cut.find(" ")
    return "…" + (cut[space:] if 0 <= space < CONTEXT // 2 else cut)


def _after(text: str, end: int) -> str:
    stop = text.find("\n", end)
    line = text[end : len(text) if stop == -1 else stop]
    if len(line) <= CONTEXT:
        return line
    cut = line[:CONTEXT]
    space = cut.rfind(" ")
    return (cut[:space] if space > CONTEXT // 2 else cut) + "…"


def item_in_context(text: str, start: int, end: int) -> Text:
    """The line of ``text`` that holds ``text[start:end]``, with the item between » « and
    set off (the marks stay when colours and styles are off)."""
    shown = Text("  ")
    shown.append(flat(_before(text, start)))
    shown.append(f"»{flat(text[start:end])}«", style="bold reverse")
    shown.append(flat(_after(text, end)))
    return shown
