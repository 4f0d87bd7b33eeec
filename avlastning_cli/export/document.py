"""A small, neutral document structure that the printable exports are built from.

A checklist or a card is described once, as a flat sequence of blocks; the renderers in
:mod:`avlastning_cli.export.render` (md, txt, html) and :mod:`avlastning_cli.export.pdf` turn the
same description into each format. Every string here is plain text, never markup: each renderer
escapes it for its own format. The blocks are named tuples, not dataclasses: a dataclass costs
about 0.4 ms to define, and every export defines these.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

#: plain: ordinary text; say: words read aloud; note: the leader's own notes, never read aloud.
Style = Literal["plain", "say", "note"]


class Heading(NamedTuple):
    text: str
    level: int = 2  # 2: a part of the document, 3: a step in the full script


class Para(NamedTuple):
    text: str
    style: Style = "plain"
    indent: int = 0
    label: str | None = None  # a UI label shown before the text, e.g. "Varför"


class Tick(NamedTuple):
    """A tick box with its text; ``strong`` for a step, plain for a check under it."""

    text: str
    indent: int = 0
    strong: bool = False


class Bullets(NamedTuple):
    items: tuple[str, ...]
    style: Style = "plain"
    indent: int = 0
    label: str | None = None  # a UI label shown above the list


class Table(NamedTuple):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # relative column widths, for html and pdf


Block = Heading | Para | Tick | Bullets | Table


class Document(NamedTuple):
    title: str
    language: str
    blocks: tuple[Block, ...]
    subtitle: str | None = None
    #: At most this many A4 pages in the pdf, which sets its type smaller until it fits
    #: (a checklist for the room: 2, one sheet printed on both sides; a card: 1). None: no limit.
    pages: int | None = None
