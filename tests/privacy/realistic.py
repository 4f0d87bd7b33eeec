"""Loader for the hand-written realistic set: ``realistic_sv.txt`` and ``realistic_en.txt``.

The files were written independently of the recogniser's rules: notes the way a stressed team
leader types them. Personal data is marked inline, ``{name:Sara Ali}``, ``{phone:070-123 45 67}``,
``{pnr:…}``, ``{email:…}``, ``{addr:…}``, ``{post:…}``, ``{room:…}`` (rooms marked since issue 14
made them personal data); a line without markup is a clean sentence in which nothing may be
masked. A name annotation is split into one item per whitespace-separated part (as in the seeded
corpus), and a part is *held out* when it is not in the shipped name lists (compared in title
case, with a genitive ``s``/``'s`` removed), so recall on names the lists do not know is measured
separately.
"""

from __future__ import annotations

import re
from functools import cache

from avlastning_cli.privacy import lexicon

from .corpus import HERE, Item, Sentence

TAGS = {
    "name": "name",
    "pnr": "id_number",
    "phone": "phone",
    "email": "email",
    "addr": "address",
    "post": "postcode",
    "room": "room",  # personal data since issue 14: a room or bed points to a patient
}
_MARK = re.compile(r"\{(\w+):([^{}]+)\}")


def _forms(part: str) -> list[str]:
    p = part.title() if part.isupper() or part.islower() else part
    out = [p]
    for suffix in ("'s", "'", "s"):
        if p.endswith(suffix) and len(p) > len(suffix) + 1:
            out.append(p[: -len(suffix)])
    return out


def is_known(token: str) -> bool:
    """True when the shipped lists hold this name part (or each of its hyphenated parts)."""
    shipped = lexicon.first_names() | lexicon.surnames()
    for form in _forms(token):
        if form in shipped or all(p in shipped for p in form.split("-")):
            return True
    return False


def parse(line: str, lang: str) -> Sentence:
    parts: list[str] = []
    items: list[Item] = []
    pos = last = 0
    for m in _MARK.finditer(line):
        tag, value = m.group(1), m.group(2)
        if tag not in TAGS:
            raise ValueError(f"unknown tag {tag!r} in {line!r}")
        before = line[last : m.start()]
        parts.append(before)
        pos += len(before)
        if tag == "name":
            for t in re.finditer(r"\S+", value):
                s, e = pos + t.start(), pos + t.end()
                items.append(Item("name", s, e, heldout=not is_known(t.group())))
        else:
            items.append(Item(TAGS[tag], pos, pos + len(value)))
        parts.append(value)
        pos += len(value)
        last = m.end()
    parts.append(line[last:])
    text = "".join(parts)
    if "{" in text or "}" in text:
        raise ValueError(f"unbalanced markup in {line!r}")
    return Sentence(text, lang, tuple(items))


@cache
def realistic(lang: str) -> tuple[Sentence, ...]:
    """Every line of ``realistic_<lang>.txt``, marked-up or clean, as a Sentence."""
    lines = (HERE / f"realistic_{lang}.txt").read_text("utf-8").splitlines()
    return tuple(parse(s.strip(), lang) for s in lines if s.strip() and not s.startswith("#"))


def realistic_set() -> tuple[list[Sentence], list[tuple[str, str]]]:
    """(sentences holding personal data, clean (lang, text) pairs) for ``corpus.evaluate``."""
    sentences: list[Sentence] = []
    clean: list[tuple[str, str]] = []
    for lang in ("sv", "en"):
        for s in realistic(lang):
            if s.items:
                sentences.append(s)
            else:
                clean.append((lang, s.text))
    return sentences, clean


def heldout_parts() -> set[str]:
    return {
        s.text[it.start : it.end]
        for lang in ("sv", "en")
        for s in realistic(lang)
        for it in s.items
        if it.heldout
    }
