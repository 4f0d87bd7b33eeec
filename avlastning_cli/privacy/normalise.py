"""The text as a reader sees it, with a map back to the text as typed.

Every scan runs on two *views* of the typed text, and what it finds is mapped back to the typed
characters:

* the **normalised** view: Unicode NFKC (full-width digits become digits, "ﬁ" becomes "fi",
  accents typed as combining marks are composed), format characters dropped (zero-width spaces
  and joiners, soft hyphens, direction marks and overrides), every dash and minus folded to "-"
  and every space variant (no-break, thin, ideographic) to " ";
* the **rendered** view (only when the text has markup): that view with HTML tags and entities
  and Markdown emphasis (``*``, ``_``, `````, ``~``) removed, as a reader of the Markdown or HTML
  summary would see it: ``**An**na <b>Lind</b>qvist`` reads "Anna Lindqvist".

A view's character ``j`` comes from the typed characters ``lo[j]`` to ``hi[j]`` (end exclusive),
so a finding ``[s, e)`` in a view covers ``[lo[s], hi[e - 1])`` of the typed text, including any
dropped characters inside it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

# Characters that need more than a copy: anything outside printable ASCII and the Latin-1
# letters (which NFKC leaves as they are). Plain Swedish and English text takes the fast path.
_SPECIAL = re.compile(r"[^\t\n\r\x20-\x7e\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]+")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2043")
_MARKUP = re.compile(r"<[A-Za-z/!][^<>\n]{0,200}>|&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|\w{2,8});|[*_`~]")
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|li|tr|h\d)\b", re.I)


@dataclass(frozen=True)
class View:
    """A view of a typed text: see the module docstring.

    The map back is kept as segments, one per stretch copied as it is and one per character
    changed, so building a view of a long text costs little; ``parent`` is the view this one was
    made from (None: made from the typed text).
    """

    text: str
    starts: list[int] = field(default_factory=list)  # where each segment starts in this view
    lo: list[int] = field(default_factory=list)  # its first typed character
    hi: list[int] = field(default_factory=list)  # the end of its typed characters
    copied: list[bool] = field(default_factory=list)  # copied one to one, or changed
    parent: View | None = None
    identity: bool = False

    def _lo(self, j: int) -> int:
        k = bisect_right(self.starts, j) - 1
        return self.lo[k] + (j - self.starts[k]) if self.copied[k] else self.lo[k]

    def _hi(self, j: int) -> int:
        k = bisect_right(self.starts, j) - 1
        return self.lo[k] + (j - self.starts[k]) + 1 if self.copied[k] else self.hi[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The typed text's span for this view's ``[start, end)``."""
        if self.identity:
            return start, end
        s, e = self._lo(start), self._hi(end - 1)
        return self.parent.span(s, e) if self.parent is not None else (s, e)


def _fold(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return ""
    if cat == "Zs":
        return " "
    out = unicodedata.normalize("NFKC", ch)
    if len(out) == 1 and out != ch:
        return _fold(out) if out in _DASHES or unicodedata.category(out) in ("Zs", "Cf") else out
    return out


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.lo: list[int] = []
        self.hi: list[int] = []
        self.copied: list[bool] = []
        self.length = 0

    def _seg(self, s: str, a: int, b: int, copied: bool) -> None:
        self.parts.append(s)
        self.starts.append(self.length)
        self.lo.append(a)
        self.hi.append(b)
        self.copied.append(copied)
        self.length += len(s)

    def copy(self, text: str, a: int, b: int) -> None:
        if b > a:
            self._seg(text[a:b], a, b, True)

    def put(self, s: str, a: int, b: int) -> None:
        if s:
            self._seg(s, a, b, False)

    def _pop(self) -> tuple[str, int, int, bool]:
        s = self.parts.pop()
        self.starts.pop()
        self.length -= len(s)
        return s, self.lo.pop(), self.hi.pop(), self.copied.pop()

    def compose(self, marks: str, a: int, b: int) -> None:
        """Combining marks typed at ``[a, b)``: compose with the character before them."""
        if not self.parts:
            self.put(unicodedata.normalize("NFKC", marks), a, b)
            return
        last, lo, hi, copied = self._pop()
        if copied and len(last) > 1:  # a copied stretch: only its last character takes them
            self._seg(last[:-1], lo, hi - 1, True)
            last, lo = last[-1], hi - 1
        self.put(unicodedata.normalize("NFKC", last + marks), lo, b)

    def view(self, parent: View | None = None) -> View:
        return View("".join(self.parts), self.starts, self.lo, self.hi, self.copied, parent=parent)


def normalised(text: str) -> View:
    """The normalised view of ``text`` (the text itself when nothing needs changing)."""
    if not _SPECIAL.search(text):
        return View(text, identity=True)
    b = _Builder()
    pos = 0
    for m in _SPECIAL.finditer(text):
        b.copy(text, pos, m.start())
        i = m.start()
        while i < m.end():
            ch = text[i]
            if unicodedata.combining(ch):
                j = i + 1
                while j < m.end() and unicodedata.combining(text[j]):
                    j += 1
                b.compose(text[i:j], i, j)
                i = j
                continue
            b.put(_fold(ch), i, i + 1)
            i += 1
        pos = m.end()
    b.copy(text, pos, len(text))
    return b.view()


def _fold_all(s: str) -> str:
    return "".join(_fold(c) for c in s)


def rendered(view: View) -> View | None:
    """The paragraphs of ``view`` that hold markup, one after the other, with HTML tags,
    entities and Markdown emphasis removed (a block tag reads as a line break): what a reader
    sees of them. None when there is no markup. Only those paragraphs are rendered, so a long
    text with a little markup is not scanned twice."""
    text = view.text
    ranges: list[list[int]] = []
    for m in _MARKUP.finditer(text):
        if ranges and m.start() < ranges[-1][1]:
            continue
        # the whole paragraph with the markup: a number or a name may go on over a line break
        ls = text.rfind("\n\n", 0, m.start())
        ls = 0 if ls == -1 else ls + 2
        le = text.find("\n\n", m.end())
        le = len(text) if le == -1 else le
        if ranges and ls <= ranges[-1][1]:
            ranges[-1][1] = max(ranges[-1][1], le)
        else:
            ranges.append([ls, le])
    if not ranges:
        return None
    lines = _Builder()
    for ls, le in ranges:
        lines.copy(text, ls, le)
        lines.put("\n", le, le)
    marked = lines.view(view)
    src = marked.text
    b = _Builder()
    pos = 0
    for m in _MARKUP.finditer(src):
        b.copy(src, pos, m.start())
        tok = m.group()
        if tok.startswith("<"):
            if _BLOCK_TAG.match(tok):
                b.put("\n", m.start(), m.end())
        elif tok.startswith("&"):
            b.put(_fold_all(html.unescape(tok)), m.start(), m.end())
        pos = m.end()
    b.copy(src, pos, len(src))
    return b.view(marked)


def views(text: str) -> list[View]:
    """The views every scan runs on: the normalised text, and the rendered lines with markup."""
    first = normalised(text)
    second = rendered(first)
    return [first] if second is None else [first, second]


def reader_text(text: str) -> str:
    """The text as a reader sees it, whole: normalised, then rendered (used by the gate)."""
    first = normalised(text).text
    if not _MARKUP.search(first):
        return first
    out = _MARKUP.sub(
        lambda m: (
            ("\n" if _BLOCK_TAG.match(m.group()) else "")
            if m.group().startswith("<")
            else _fold_all(html.unescape(m.group()))
            if m.group().startswith("&")
            else ""
        ),
        first,
    )
    return out
