"""Renderers of a :class:`~avlastning_cli.export.document.Document`: Markdown, plain text, HTML.

PDF lives in :mod:`avlastning_cli.export.pdf`, imported only when asked for, so that fpdf stays
off every other path. All protocol text is escaped for the format it goes into.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from typing import Literal

from avlastning_cli.export.document import Block, Bullets, Document, Heading, Para, Tick
from avlastning_cli.textsafe import visible

Format = Literal["md", "txt", "html", "pdf"]
FORMATS: tuple[Format, ...] = ("md", "txt", "html", "pdf")
TEXT_WIDTH = 78


def render(doc: Document, fmt: Format) -> str | bytes:
    """The document in ``fmt``: str for md, txt and html; bytes for pdf. Control characters
    from the protocol are shown as ``^[`` (see :mod:`avlastning_cli.textsafe`), never sent."""
    if fmt == "md":
        return visible(to_markdown(doc))
    if fmt == "txt":
        return visible(to_text(doc))
    if fmt == "html":
        return visible(to_html(doc))
    if fmt == "pdf":
        from avlastning_cli.export.pdf import to_pdf

        return to_pdf(doc)
    raise ValueError(f"unknown format {fmt!r}")  # the CLI only passes known formats


def _in_list(block: Block) -> bool:
    """Ticks and the lines indented under them form one tight list: no blank lines between."""
    return isinstance(block, Tick) or (isinstance(block, Para) and block.indent > 0)


def _join(chunks: Iterator[tuple[Block, list[str]]]) -> str:
    lines: list[str] = []
    previous: Block | None = None
    for block, block_lines in chunks:
        if previous is not None and not (_in_list(previous) and _in_list(block)):
            lines.append("")
        lines += block_lines
        previous = block
    return "\n".join(lines) + "\n"


# Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_BLOCK_START = re.compile(r"^([#+-])")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_escape(text: str, line_start: bool = True) -> str:
    """Protocol text as literal Markdown: no emphasis, links, tags or table cells from it, and
    (where it starts a line) no heading or list either."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if line_start:
        text = _MD_NUMBERED.sub(r"\1\\\2", _MD_BLOCK_START.sub(r"\\\1", text))
    return text


class _QuoteBreak(Para):
    """An empty line inside a quote, within a list."""


def _md_block(block: Block) -> list[str]:
    if isinstance(block, _QuoteBreak):
        return [f"{'  ' * block.indent}>"]
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {md_escape(block.text, line_start=False)}"]
    if isinstance(block, Tick):
        text = md_escape(block.text)
        return [f"{'  ' * block.indent}- [ ] {f'**{text}**' if block.strong else text}"]
    if isinstance(block, Para):
        quote = "> " if block.style == "say" else ""
        label = f"**{md_escape(block.label)}:** " if block.label else ""
        return [f"{'  ' * block.indent}{quote}{label}{md_escape(block.text)}".rstrip()]
    if isinstance(block, Bullets):
        pad = "  " * block.indent + ("> " if block.style == "say" else "")
        lines = [f"{pad}**{md_escape(block.label)}:**"] if block.label else []
        if block.label and block.style == "say":
            lines.append(pad.rstrip())
        return lines + [f"{pad}- {md_escape(item)}" for item in block.items]
    header = "| " + " | ".join(md_escape(h) for h in block.header) + " |"
    rule = "|" + "|".join("---" for _ in block.header) + "|"
    rows = ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows]
    return [header, rule, *rows]


def to_markdown(doc: Document) -> str:
    head = [f"# {md_escape(doc.title, line_start=False)}"]
    if doc.subtitle:
        head += ["", f"*{md_escape(doc.subtitle)}*"]
    body = _join((b, _md_block(b)) for b in _md_quote_breaks(doc.blocks))
    return "\n".join(head) + "\n\n" + body


def _md_quote_breaks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Keep two quoted lines in a row as two paragraphs (Markdown would join them into one)."""
    previous: Block | None = None
    for block in blocks:
        if (
            isinstance(block, Para)
            and isinstance(previous, Para)
            and block.style == previous.style == "say"
            and block.indent == previous.indent > 0
        ):
            yield _QuoteBreak("", style="say", indent=block.indent)
        yield block
        previous = block


# Plain text --------------------------------------------------------------------------------


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        width=TEXT_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _txt_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        text = " ".join(block.text.split())
        return [text, ("-" if block.level == 2 else "·") * min(len(text), TEXT_WIDTH)]
    if isinstance(block, Tick):
        pad = "    " * block.indent
        return _wrap(block.text, pad + "[ ] ", pad + "    ")
    if isinstance(block, Para):
        pad = "    " * block.indent
        mark = "» " if block.style == "say" else ""
        label = f"{block.label}: " if block.label else ""
        return _wrap(label + block.text, pad + mark, pad + " " * len(mark))
    if isinstance(block, Bullets):
        pad = "    " * block.indent
        lines = _wrap(block.label + ":", pad, pad) if block.label else []
        for item in block.items:
            if block.style == "say":
                lines += _wrap(item, pad + "    » ", pad + "      ")
            else:
                lines += _wrap(item, pad + "- ", pad + "  ")
        return lines
    lines = []
    for row in block.rows:
        lines += _wrap(row[0], "* ", "  ")
        for header, cell in zip(block.header[1:], row[1:], strict=True):
            lines += _wrap(f"{header}: {cell}", "    ", "      ")
    return lines


def to_text(doc: Document) -> str:
    title = " ".join(doc.title.split())
    head = ["=" * len(title), title, "=" * len(title)]
    if doc.subtitle:
        head.append(doc.subtitle)
    return "\n".join(head) + "\n\n" + _join((b, _txt_block(b)) for b in doc.blocks)


# HTML --------------------------------------------------------------------------------------

_CSS = """\
@page { size: A4; margin: 12mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10.5pt;
  line-height: 1.35; color: #111; background: #fff; max-width: 182mm; margin: 1.5em auto;
  padding: 0 1em; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 12pt 0 4pt; padding-bottom: 2pt; border-bottom: 1px solid #888; }
h3 { font-size: 11pt; margin: 12pt 0 3pt; }
p { margin: 3pt 0; }
ul { margin: 2pt 0 4pt; padding-left: 16pt; }
.subtitle { margin: 0 0 8pt; color: #444; }
.label { font-weight: bold; }
.i1 { margin-left: 17pt; }
.i2 { margin-left: 34pt; }
.tick { display: flex; align-items: baseline; gap: 5pt; margin: 3pt 0 1pt; }
.tick.strong { font-weight: bold; margin-top: 6pt; }
.box { flex: none; display: inline-block; width: 0.8em; height: 0.8em; border: 1.2pt solid #000;
  position: relative; top: 0.1em; }
.say { font-style: italic; border-left: 2pt solid #777; padding-left: 6pt; }
ul.say { padding-left: 20pt; }
.note { border: 1px dashed #888; padding: 3pt 6pt; margin: 4pt 0; font-size: 0.93em; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0 6pt; }
th, td { border: 1px solid #888; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  body.one-page { font-size: 7.5pt; line-height: 1.25; }
  h1 { font-size: 1.7em; }
  h2, h3 { break-after: avoid; }
  tr, .tick, .say, .note { break-inside: avoid; }
}"""


def _e(text: str) -> str:
    from html import escape  # here: md and txt need not import html and its entity table

    return escape(" ".join(text.split()), quote=True)


def _indent(level: int) -> str:
    return f" i{min(level, 2)}" if level else ""


def _html_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"<h{block.level}>{_e(block.text)}</h{block.level}>"]
    if isinstance(block, Tick):
        strong = " strong" if block.strong else ""
        return [
            f'<div class="tick{_indent(block.indent)}{strong}"><span class="box"></span>'
            f"<span>{_e(block.text)}</span></div>"
        ]
    if isinstance(block, Para):
        label = f'<span class="label">{_e(block.label)}:</span> ' if block.label else ""
        cls = f"{block.style}{_indent(block.indent)}"
        return [f'<p class="{cls}">{label}{_e(block.text)}</p>']
    if isinstance(block, Bullets):
        lines = [f'<div class="{block.style}{_indent(block.indent)}">']
        if block.label:
            lines.append(f'<p class="label">{_e(block.label)}:</p>')
        lines.append(f'<ul class="{block.style}">')
        lines += [f"<li>{_e(item)}</li>" for item in block.items]
        return [*lines, "</ul>", "</div>"]
    total = sum(block.widths)
    cols = "".join(f'<col style="width:{100 * w / total:.0f}%">' for w in block.widths)
    head = "".join(f"<th>{_e(h)}</th>" for h in block.header)
    lines = ["<table>", f"<colgroup>{cols}</colgroup>", f"<thead><tr>{head}</tr></thead>"]
    lines.append("<tbody>")
    lines += ["<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in block.rows]
    return [*lines, "</tbody>", "</table>"]


def to_html(doc: Document) -> str:
    """One self-contained page: inline CSS, no scripts, nothing fetched from anywhere."""
    body_class = ' class="one-page"' if doc.pages == 1 else ""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(doc.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(doc.title)}</title>",
        "<style>",
        _CSS,
        "</style>",
        "</head>",
        f"<body{body_class}>",
        f"<h1>{_e(doc.title)}</h1>",
    ]
    if doc.subtitle:
        lines.append(f'<p class="subtitle">{_e(doc.subtitle)}</p>')
    for block in doc.blocks:
        lines += _html_block(block)
    return "\n".join([*lines, "</body>", "</html>"]) + "\n"
