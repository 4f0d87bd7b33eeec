"""Which sentences belong to which language, from the catalogue itself.

A text of one language must not contain a sentence that only the other language's catalogue
says. Sentences are cut from each entry at its {fields} and at sentence ends; short scraps
(one word, a few letters) and anything both languages say alike are left out.
"""

from __future__ import annotations

import re
import string
from functools import cache

from avlastning_cli import i18n

LANGUAGES = i18n.LANGUAGES


def _pieces(text: str) -> list[str]:
    literal = "\x00".join(lit for lit, *_ in string.Formatter().parse(text))
    out = []
    for piece in re.split(r"\x00|\n|(?<=[.?!:;])\s+", literal):
        piece = " ".join(piece.split()).strip(" ,;:([\"')")
        if len(piece) >= 12 and len(piece.split()) >= 2:
            out.append(piece)
    return out


def _texts(lang: str) -> list[str]:
    found: list[str] = []
    for key, text in i18n.catalogue(lang)._catalog.items():  # type: ignore[attr-defined]
        if key:
            found.append(text)
    return found


@cache
def sentences_only_in(lang: str) -> frozenset[str]:
    """Sentences of ``lang``'s catalogue that the other language's catalogue never says."""
    other = next(x for x in LANGUAGES if x != lang)
    theirs = "\n".join(" ".join(t.split()) for t in _texts(other))
    return frozenset(p for t in _texts(lang) for p in _pieces(t) if p not in theirs)


def foreign(output: str, lang: str) -> list[str]:
    """Sentences of the other language found in ``output`` (which should be in ``lang``)."""
    other = next(x for x in LANGUAGES if x != lang)
    flat = " ".join(output.split())
    return sorted(p for p in sentences_only_in(other) if p in flat)
