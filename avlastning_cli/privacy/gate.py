"""The final gate: an independent, stricter check of text the scrubber has already cleaned.

The scrubber decides what is personal data. The gate does not try to: it lists everything that
*might* be, by rules that share nothing with the scrubber's name rules, so that what the scrubber
missed has a second chance. It reads the text as a reader sees it (``normalise``) and reports:

* ``capitalised``: every capitalised word that is not an ordinary word, a place or an
  organisation, also at the start of a sentence; a known first name that is also a word
  ("Björn", "Hope") is listed too, except a handful of usual sentence starters ("Alla", "Man");
* ``first_name``: every lower-case word that is a known first name and no ordinary word;
* ``number``: every remaining run of three or more digits (whatever the separators) that is not
  an allowed shape (a time, a year, a date, a dose or sum before its unit) or an allowed number
  (112, 1177, the protocol's own), and any number after a room word ("rum 21", "bay 3").

The API is pure: :func:`gate` lists, :func:`apply` masks what the caller decided to mask, and
:func:`fail_closed` masks everything listed (a scripted run with no one to ask).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from . import lexicon, names, rules
from .normalise import View, views
from .scrubber import MASKED, PLACEHOLDERS, _check_lang

_ALL_PLACEHOLDERS = re.compile(
    "|".join(
        re.escape(p)
        for p in sorted({*MASKED.values(), *(p for t in PLACEHOLDERS.values() for p in t.values())})
    )
)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_GAP = frozenset('.!?:;\n"“”«»•*|>([')
# Usual sentence starters that are also in the first-name lists.
_STARTERS = names._NO_VERB_EVIDENCE | frozenset(
    "Alla Inga Inge Man Han Hon Dina Mina Sina Till Och Över Bo Ring Vi Det Den De Vad Var "
    "Sedan Efter Under Can May Will Mark Bill Do Us Said Per Max".split()
)
_ROOM_NUMBER = re.compile(
    r"(?<!\w)(?:rum(?:met)?|sal(?:en)?|säng|plats|room|bay|bed|cubicle)\x20"
    r"(?:nr\.?\x20|no\.?\x20)?\d{1,4}[A-Za-z]?(?!\w|[.:,]\d)",
    re.I,
)


@dataclass(frozen=True)
class Finding:
    """One uncertain item: its kind, its span in the text as given, and that text."""

    kind: str
    start: int
    end: int
    text: str


def _sentence_start(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_GAP


_PLACE_NEXT = frozenset(
    "street road lane avenue square hospital church school station park gatan vägen".split()
)


def _place(text: str, start: int, end: int) -> bool:
    """A street or a saint's place: "Baker Street", "St Thomas'", "Norrlandsgatan"."""
    word = text[start:end]
    if word.lower().endswith(names._PLACE_SUFFIX) or word in names._SAINTS:
        return True
    nxt = re.match(r"\x20([^\W\d_]+)", text[end : end + 20])
    if nxt and nxt.group(1).lower() in _PLACE_NEXT:
        return True
    before = text[max(0, start - 6) : start].split()
    return bool(before) and before[-1] in names._SAINTS


def _ordinary(word: str, start_of_sentence: bool) -> bool:
    """An ordinary word, place or organisation, not a person's name."""
    if word in lexicon.non_names() or word.rstrip("s") in lexicon.non_names():
        return True
    if word.isupper():
        return word in names.ACRONYMS or word.lower() in lexicon.common_words()
    known = word in lexicon.first_names() or word in lexicon.surnames()
    if known:
        # a name that is also a word: only the usual sentence starters pass
        return start_of_sentence and word in _STARTERS
    parts = [p for p in re.split(r"['’\-]", word) if p]
    return all(names._is_common(p) or p in lexicon.non_names() for p in parts)


def _words(view: View) -> Iterator[tuple[str, int, int]]:
    text = view.text
    for m in _WORD.finditer(text):
        w = m.group()
        if len(w) < 2:
            continue
        if w[0].isupper():
            start = _sentence_start(text, m.start())
            if not _ordinary(w, start) and not _place(text, m.start(), m.end()):
                yield ("capitalised", m.start(), m.end())
        elif w.capitalize() in lexicon.first_names() and w not in lexicon.common_words():
            yield ("first_name", m.start(), m.end())


def _numbers(view: View, allowed: frozenset[str]) -> Iterator[tuple[str, int, int]]:
    text = view.text
    for m in rules._RUN_RE.finditer(text):
        run = m.group()
        digits = rules._NON_DIGIT.sub("", run)
        if len(digits) < 3 or digits in allowed:
            continue
        if rules._ALLOWED_SHAPES.fullmatch(run) or rules._UNIT_AFTER.match(text, m.end()):
            continue
        yield ("number", m.start(), m.end())
    for m in _ROOM_NUMBER.finditer(text):
        yield ("number", m.start(), m.end())


_FRAGMENT = re.compile(r"[\n\u00a0]([^\W\d_]{1,8})(?![\w])")


def _split_word_end(text: str, kind: str, end: int) -> int:
    """A capitalised item broken by a line break or a no-break space ("Pe\\ntra"): the
    lower-case rest of the word goes with it."""
    if kind != "capitalised":
        return end
    m = _FRAGMENT.match(text, end)
    if m and m.group(1).islower():
        return m.end()
    return end


def gate(text: str, language: str, allowed: Iterable[str] = ()) -> list[Finding]:
    """The uncertain items in ``text``, sorted and not overlapping (see the module docstring).

    ``allowed``: numbers to let pass besides 112, 1177 and the like (the protocol's own)."""
    _check_lang(language)
    if not text.strip():
        return []
    ok = rules.allowed_digits(allowed)
    protected = bytearray(len(text))
    for m in _ALL_PLACEHOLDERS.finditer(text):
        protected[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    spans: dict[tuple[int, int], str] = {}
    for view in views(text):
        for kind, s, e in (*_words(view), *_numbers(view, ok)):
            a, b = view.span(s, e)
            if protected.find(1, a, b) == -1:
                spans.setdefault((a, b), kind)
    out: list[Finding] = []
    end = -1
    for (a, b), kind in sorted(spans.items(), key=lambda x: (x[0][0], -x[0][1])):
        if a < end:  # inside one already listed
            continue
        b = _split_word_end(text, kind, b)
        out.append(Finding(kind, a, b, text[a:b]))
        end = b
    return out


def apply(
    text: str,
    decisions: Mapping[Finding, bool] | Iterable[tuple[Finding, bool]],
    language: str = "sv",
) -> str:
    """``text`` with each item decided True (mask) replaced by a placeholder in ``language``."""
    _check_lang(language)
    pairs = decisions.items() if isinstance(decisions, Mapping) else decisions
    masked = sorted((f for f, mask in pairs if mask), key=lambda f: f.start)
    parts: list[str] = []
    pos = 0
    for f in masked:
        if f.start < pos:
            continue
        parts.append(text[pos : f.start])
        parts.append(MASKED[language])
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(frozen=True)
class Gated:
    text: str
    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)


def fail_closed(text: str, language: str, allowed: Iterable[str] = ()) -> Gated:
    """Mask every uncertain item: for a run with nobody to ask (``--answers``)."""
    found = gate(text, language, allowed)
    return Gated(apply(text, [(f, True) for f in found], language), tuple(found))
