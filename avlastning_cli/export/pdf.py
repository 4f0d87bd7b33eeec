"""PDF rendering of a :class:`~avlastning_cli.export.document.Document`, with fpdf2.

The PDF core fonts are Latin-1 only, so the package's own subset of DejaVu Sans is embedded
(see tools/subset_fonts.py): å, ä, ö, dashes, curly quotes and arrows come out as written.
A document with a page limit is set in smaller type until it fits that many A4 pages. The creation
date is a fixed one, so the same protocol gives the same bytes.

Speed: the fonts are parsed once, however many type sizes are tried, and text is wrapped here
(:func:`wrap`, with the font's own glyph widths) and set one line at a time: fpdf2's
``multi_cell`` and ``table`` measured the growing line once per character, most of the time a
PDF took. The layout is the same as theirs.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from importlib.resources import as_file, files
from pathlib import Path

from avlastning_cli.export.document import Block, Bullets, Document, Heading, Para, Table, Tick
from avlastning_cli.textsafe import visible

#: What fpdf2 imports only when it is installed, for what a checklist never does: numpy to
#: decode images faster, cryptography to sign and encrypt. About 60 ms of every PDF export.
UNUSED_EXTRAS = ("numpy", "cryptography")


@contextmanager
def _left_out(names: tuple[str, ...]) -> Iterator[None]:
    """While inside, ``import name`` raises ImportError for each of ``names`` not imported
    yet (a None entry in ``sys.modules`` means just that), as if it were not installed."""
    added = [name for name in names if name not in sys.modules]
    for name in added:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in added:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


try:
    with _left_out(UNUSED_EXTRAS):
        import fpdf.fonts
except ImportError:  # a release of fpdf2 that needs one of them after all
    import fpdf.fonts

FPDF = fpdf.FPDF
CoreFont = fpdf.fonts.CoreFont
TTFFont = fpdf.fonts.TTFFont

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
MARGIN_MM = 12.0
INDENT_MM = 5.5
CELL_PAD_MM = 1.2  # space left and right of a table cell's text
CELL_PAD_LINES = 0.15  # space above and below it, in lines
#: Written as the creation date instead of "now", so that output is reproducible.
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
#: Type sizes (pt) tried in turn; a document with a page limit takes the largest that fits.
SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)


class _Fonts(dict[str, Path]):
    """The font files by style, and the fonts parsed from them once for every document laid
    out while they are open (one per type size tried): each document gets a copy that shares
    the parsed font file and keeps its own record of the glyphs it used. (Not across calls:
    writing a PDF subsets the shared font file in place.)"""

    def parsed(self) -> dict[str, CoreFont | TTFFont]:
        if not hasattr(self, "_parsed"):
            parser = FPDF()
            for style, path in self.items():
                parser.add_font(FONT, style, str(path))
            self._parsed = dict(parser.fonts)
        return self._parsed


@contextmanager
def _font_paths() -> Iterator[_Fonts]:
    """The bundled fonts as real files (extracted for a moment if the package is zipped)."""
    folder = files("avlastning_cli.export") / "fonts"
    with ExitStack() as stack:
        yield _Fonts(
            {
                style: stack.enter_context(as_file(folder / name))
                for style, name in FONT_FILES.items()
            }
        )


def _add_fonts(pdf: FPDF, fonts: dict[str, Path]) -> None:
    if not isinstance(fonts, _Fonts):
        for style, path in fonts.items():
            pdf.add_font(FONT, style, str(path))
        return
    for key, font in fonts.parsed().items():
        pdf.fonts[key] = copy.deepcopy(font)


class _Writer:
    def __init__(self, doc: Document, size: float, fonts: dict[str, Path]) -> None:
        self.size = size
        self.line = size * 0.47  # line height in mm: about 1.33 × the type size
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        pdf.set_auto_page_break(True, margin=MARGIN_MM)
        _add_fonts(pdf, fonts)
        pdf.set_title(doc.title)
        pdf.set_lang(doc.language)
        pdf.set_creator("avlastning")
        pdf.set_producer("avlastning")
        pdf.set_creation_date(FIXED_DATE)  # the same protocol gives the same bytes
        pdf.add_page()
        self.pdf = pdf

    def font(self, bold: bool = False, scale: float = 1.0) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", self.size * scale)

    def text(
        self, x: float, height: float, text: str, marker: tuple[float, str] | None = None
    ) -> None:
        """``text`` in the current font, wrapped between ``x`` and the right margin, one line
        of ``height`` after another (a line that does not fit on the page starts the next),
        with ``marker`` (its x, its text) beside the first line. Each line is placed where
        fpdf2's ``cell`` would place it, with ``FPDF.text`` (a third of the cost)."""
        pdf = self.pdf
        width = pdf.w - pdf.r_margin - x
        for n, line in enumerate(wrap(text, width - 2 * pdf.c_margin, self.width)):
            if pdf.y + height > pdf.page_break_trigger:
                pdf.add_page()
            if n == 0 and marker:
                self.put(marker[0], pdf.y, height, marker[1])
            self.put(x, pdf.y, height, line)
            pdf.set_xy(pdf.l_margin, pdf.y + height)

    def put(self, x: float, y: float, height: float, line: str) -> None:
        """One line of text as ``cell(…, height, line)`` at (x, y) would set it."""
        pdf = self.pdf
        if line:
            pdf.text(x + pdf.c_margin, y + 0.5 * height + 0.3 * pdf.font_size, line)

    def width(self, text: str) -> float:
        """The width of ``text`` in the current font, in mm: the sum of its glyph widths, as
        fpdf2 measures it (no kerning, no letter spacing)."""
        pdf = self.pdf
        font = pdf.current_font
        if not isinstance(font, TTFFont):  # the bundled fonts are TrueType: never here
            return pdf.get_string_width(text)
        cw = font.cw
        return sum(cw[ord(ch)] for ch in text) * pdf.font_size_pt * 0.001 / pdf.k

    def gap(self, factor: float = 0.5) -> None:
        self.pdf.ln(self.line * factor)

    def hanging(self, indent: int, marker: str, text: str, bold: bool = False) -> None:
        """``marker`` at the indent, ``text`` wrapped beside it."""
        pdf = self.pdf
        x = pdf.l_margin + indent * INDENT_MM
        self.font(bold)
        width = max(pdf.get_string_width(marker + " "), INDENT_MM * 0.7) if marker else 0.0
        self.text(x + width, self.line, text, (x, marker) if marker else None)

    def tick(self, block: Tick) -> None:
        pdf = self.pdf
        if block.strong:
            self.gap(0.25)
        box = self.size * 0.3
        x = pdf.l_margin + block.indent * INDENT_MM
        y = pdf.get_y()
        if y + self.line > pdf.page_break_trigger:  # keep the box with its text
            pdf.add_page()
            y = pdf.get_y()
        pdf.set_line_width(0.25)
        pdf.rect(x, y + (self.line - box) / 2, box, box)
        pdf.set_y(y)
        self.font(block.strong)
        self.text(x + box + 1.5, self.line, block.text)

    def para(self, block: Para) -> None:
        self.gap(0 if block.indent else 0.3)
        if block.label and not block.text:  # a label on its own, over what follows
            self.hanging(block.indent, "", block.label + ":", bold=True)
            return
        text = f"{block.label}: {block.text}" if block.label else block.text
        self.hanging(block.indent, "»" if block.style == "say" else "", text)

    def bullets(self, block: Bullets) -> None:
        self.gap(0.3)
        if block.label:
            self.hanging(block.indent, "", block.label + ":", bold=True)
        for item in block.items:
            self.hanging(block.indent + 1, "»" if block.style == "say" else "•", item)

    def heading(self, block: Heading) -> None:
        pdf = self.pdf
        self.gap(0.8)
        if pdf.get_y() + 4 * self.line > pdf.page_break_trigger:
            pdf.add_page()
        self.font(bold=True, scale=1.25 if block.level == 2 else 1.1)
        self.text(pdf.l_margin, self.line * 1.25, block.text)
        if block.level == 2:
            pdf.set_line_width(0.2)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        self.gap(0.3)

    def table(self, block: Table) -> None:
        """Rows of wrapped cells with a rule between rows (none above the first or below the
        last), the header in bold and again at the top of a new page, where a row that does
        not fit starts (a row is not split)."""
        pdf = self.pdf
        self.gap(0.3)
        pdf.set_line_width(0.15)
        total = pdf.w - pdf.l_margin - pdf.r_margin
        widths = [total * w / sum(block.widths) for w in block.widths]
        header = self.cells(block.header, widths, bold=True)
        self.row(header, widths, bold=True)
        for texts in block.rows:
            cells = self.cells(texts, widths)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + total, pdf.get_y())
            if pdf.get_y() + self.row_height(cells) > pdf.page_break_trigger:
                pdf.add_page()  # the rule just drawn closes the table on the page before
                self.row(header, widths, bold=True)
                pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + total, pdf.get_y())
            self.row(cells, widths)

    def cells(
        self, texts: tuple[str, ...], widths: list[float], bold: bool = False
    ) -> list[list[str]]:
        self.font(bold)
        inner = [width - 2 * CELL_PAD_MM for width in widths]
        return [wrap(text, width, self.width) for text, width in zip(texts, inner, strict=True)]

    def row_height(self, cells: list[list[str]]) -> float:
        return max(map(len, cells)) * self.line + 2 * self.line * CELL_PAD_LINES

    def row(self, cells: list[list[str]], widths: list[float], bold: bool = False) -> None:
        pdf = self.pdf
        self.font(bold)
        top, x = pdf.get_y(), pdf.l_margin
        for lines, width in zip(cells, widths, strict=True):
            for n, line in enumerate(lines):
                y = top + self.line * (CELL_PAD_LINES + n)
                self.put(x + CELL_PAD_MM - pdf.c_margin, y, self.line, line)
            x += width
        pdf.set_xy(pdf.l_margin, top + self.row_height(cells))

    def title(self, doc: Document) -> None:
        self.font(bold=True, scale=1.8)
        self.text(self.pdf.l_margin, self.line * 1.8, doc.title)
        if doc.subtitle:
            self.font()
            self.text(self.pdf.l_margin, self.line, doc.subtitle)

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Tick):
            self.tick(block)
        elif isinstance(block, Para):
            self.para(block)
        elif isinstance(block, Bullets):
            self.bullets(block)
        else:
            self.table(block)


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` in lines no wider than ``width``: broken at spaces (and at line breaks in the
    text), a word wider than a whole line broken where it must. ``measure`` gives a text's
    width. Spaces where a line is broken are dropped, every other character is kept."""
    lines: list[str] = []
    space = measure(" ")
    for paragraph in text.split("\n"):
        line, used, started = "", 0.0, False
        for word in paragraph.split(" "):
            size = measure(word)
            if started and used + space + size <= width:
                line, used = f"{line} {word}", used + space + size
                continue
            if started:
                lines.append(line)
            while size > width and len(word) > 1:
                cut = _longest_fit(word, width, measure)
                lines.append(word[:cut])
                word = word[cut:]
                size = measure(word)
            line, used, started = word, size, True
        lines.append(line)
    return lines


def _longest_fit(word: str, width: float, measure: Callable[[str], float]) -> int:
    """How many of ``word``'s first characters fit in ``width`` (at least one)."""
    cut = 1
    while cut < len(word) and measure(word[: cut + 1]) <= width:
        cut += 1
    return cut


def _write(doc: Document, size: float, fonts: dict[str, Path]) -> FPDF:
    writer = _Writer(doc, size, fonts)
    writer.title(doc)
    for block in doc.blocks:
        writer.block(block)
    return writer.pdf


def _used_height(pdf: FPDF) -> float:
    page = pdf.h - pdf.t_margin - pdf.b_margin
    return (pdf.pages_count - 1) * page + pdf.get_y() - pdf.t_margin


_DRAWABLE: list[frozenset[int]] = []  # the set below, once found in this process


def _drawable() -> frozenset[int]:
    """The code points the bundled font (both styles) has glyphs for."""
    if not _DRAWABLE:
        with _font_paths() as fonts:
            _remember_drawable(fonts)
    return _DRAWABLE[0]


def _remember_drawable(fonts: _Fonts) -> None:
    """Find the drawable code points in the fonts as parsed for the layout (no second parse)."""
    if not _DRAWABLE:
        cmaps = [set(f.cmap) for f in fonts.parsed().values() if isinstance(f, TTFFont)]
        _DRAWABLE.append(frozenset(set.intersection(*cmaps)))


def _strings(doc: Document) -> Iterator[str]:
    yield doc.title
    if doc.subtitle:
        yield doc.subtitle
    for block in doc.blocks:
        if isinstance(block, Table):
            yield from block.header
            for row in block.rows:
                yield from row
        elif isinstance(block, Bullets):
            yield from block.items
        else:
            yield block.text
        label = getattr(block, "label", None)
        if label:
            yield label


def undrawable(doc: Document) -> list[str]:
    """The characters in ``doc`` the PDF font has no glyph for (emoji, CJK, Hebrew, Arabic…):
    :func:`to_pdf` prints each as "?" so that the gap shows; the caller warns about them."""
    have = _drawable()
    found: dict[str, None] = {}
    for text in _strings(doc):
        for ch in visible(text):
            if ord(ch) not in have and not ch.isspace():
                found[ch] = None
    return list(found)


def _fallback(text: str, missing: frozenset[str]) -> str:
    text = visible(text)
    return "".join("?" if ch in missing else ch for ch in text) if missing else text


def _drawable_doc(doc: Document) -> Document:
    """``doc`` with control characters made visible and glyphs the font lacks shown as "?"."""
    missing = frozenset(undrawable(doc))

    def fix(text: str) -> str:
        return _fallback(text, missing)

    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            blocks.append(
                block._replace(
                    header=tuple(map(fix, block.header)),
                    rows=tuple(tuple(map(fix, row)) for row in block.rows),
                )
            )
        elif isinstance(block, Bullets):
            label = fix(block.label) if block.label else block.label
            blocks.append(block._replace(items=tuple(map(fix, block.items)), label=label))
        elif isinstance(block, Para):
            label = fix(block.label) if block.label else block.label
            blocks.append(block._replace(text=fix(block.text), label=label))
        else:
            blocks.append(block._replace(text=fix(block.text)))
    subtitle = fix(doc.subtitle) if doc.subtitle else doc.subtitle
    return doc._replace(title=fix(doc.title), subtitle=subtitle, blocks=tuple(blocks))


def to_pdf(doc: Document) -> bytes:
    """The document as PDF bytes; with a page limit, the type shrinks until it fits.
    Characters the font cannot draw come out as "?" (see :func:`undrawable`)."""
    limit = doc.pages

    def _fits(pdf: FPDF) -> bool:
        return limit is None or pdf.pages_count <= limit

    with _font_paths() as fonts:
        if isinstance(fonts, _Fonts):
            _remember_drawable(fonts)
        doc = _drawable_doc(doc)
        pdf = _write(doc, SIZES[0], fonts)
        if limit is not None and not _fits(pdf):
            # Height grows about with the square of the type size: start from that estimate,
            # then step to the largest size that fits (usually two or three tries in all).
            page = pdf.h - pdf.t_margin - pdf.b_margin
            guess = SIZES[0] * math.sqrt(limit * page / _used_height(pdf))
            index = next((i for i, size in enumerate(SIZES) if size <= guess), len(SIZES) - 1)
            pdf = _write(doc, SIZES[index], fonts)
            if _fits(pdf):
                while index > 1:
                    larger = _write(doc, SIZES[index - 1], fonts)
                    if not _fits(larger):
                        break
                    pdf, index = larger, index - 1
            while not _fits(pdf) and index < len(SIZES) - 1:
                index += 1
                pdf = _write(doc, SIZES[index], fonts)
        return bytes(pdf.output())
