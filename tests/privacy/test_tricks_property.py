"""Property tests: the Unicode and markup tricks of issue 14 hide neither a number nor a name.

Any six-digit-or-longer number, with any mix of odd separators (dashes, minus, thin and
no-break spaces, zero-width characters, soft hyphens, slashes, dots, line breaks), full-width
digits and Markdown or HTML around parts of it, never survives the scrubber as six digits a reader
can see. Any known first name, with zero-width characters or soft hyphens inside, full-width
letters, any case, or split by Markdown or HTML, never survives the scrubber and the final gate
(as a scripted run uses them).
"""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from avlastning_cli.privacy import lexicon, scrub
from avlastning_cli.privacy.gate import fail_closed
from avlastning_cli.privacy.normalise import reader_text
from avlastning_cli.privacy.rules import _ALLOWED_SHAPES, _RUN_RE, allowed_digits

from .adversarial import reader_words

SEPARATORS = [
    "", "", "", " ", "-", "\u2013", "\u2014", "\u2212", "\u2009", "\u00a0", "\u200b",
    "\u00ad", "\u200d", "\u2060", "\ufeff", "/", ".", "  ", "\n", "\u2010", "\u3000",
]  # fmt: skip
INVISIBLE = ["", "", "\u200b", "\u00ad", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e"]
CARRIERS_SV = [
    "{}",
    "Hon sa {} igår.",
    "Ring {} nu!",
    "Kollegan ({}) grät.",
    "Det var {}, tror jag.",
]
CARRIERS_EN = [
    "{}",
    "She said {} today.",
    "Call {} now!",
    "Our colleague ({}) cried.",
    "It was {}.",
]


def _fullwidth(c: str) -> str:
    return chr(ord(c) - 0x21 + 0xFF01) if "!" <= c <= "~" else c


@st.composite
def tricked_number(draw: st.DrawFn) -> tuple[str, str]:
    digits = draw(st.text(alphabet="0123456789", min_size=6, max_size=13))
    out = []
    for k, d in enumerate(digits):
        if k:
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(_fullwidth(d) if draw(st.booleans()) and draw(st.booleans()) else d)
    typed = "".join(out)
    cut = draw(st.integers(min_value=1, max_value=len(typed) - 1))
    wrap = draw(st.sampled_from(["{}", "**{}**", "<b>{}</b>", "_{}_", "`{}`"]))
    typed = wrap.format(typed[:cut]) + typed[cut:]
    carrier = draw(st.sampled_from(CARRIERS_SV + CARRIERS_EN))
    return digits, carrier.format(typed)


def _visible_runs(text: str) -> list[str]:
    seen = reader_text(text)
    return [m.group() for m in _RUN_RE.finditer(seen) if len(re.sub(r"\D", "", m.group())) >= 6]


@settings(max_examples=400, deadline=None)
@given(case=tricked_number(), lang=st.sampled_from(["sv", "en"]))
def test_no_six_digit_run_survives_the_tricks(case: tuple[str, str], lang: str) -> None:
    _digits, text = case
    runs = _visible_runs(text)
    # what the rules allow on purpose (a time range, a date, a year range, 116 123) is no leak
    allowed = allowed_digits(())
    assume(runs and not any(_ALLOWED_SHAPES.fullmatch(r) for r in runs))
    assume(not any(re.sub(r"\D", "", r) in allowed for r in runs))
    out = scrub(text, lang).text
    assert _visible_runs(out) == [], (text, out)


NAMES = sorted(
    n
    for n in lexicon.first_names()
    if n.isascii()
    and n.isalpha()
    and 4 <= len(n) <= 8
    and n.lower() not in lexicon.common_words()
    and n not in lexicon.ambiguous_names()
)[::40]


@st.composite
def tricked_name(draw: st.DrawFn) -> tuple[str, str, str]:
    name = draw(st.sampled_from(NAMES))
    case = draw(st.sampled_from([str.title, str.lower, str.upper]))
    shown = case(name)
    chars = []
    for k, c in enumerate(shown):
        if k:
            chars.append(draw(st.sampled_from(INVISIBLE)))
        chars.append(_fullwidth(c) if draw(st.integers(0, 5)) == 0 else c)
    typed = "".join(chars)
    split = draw(st.sampled_from(["", "**", "<b>", "_", "`"]))
    if split:
        cut = draw(st.integers(min_value=1, max_value=len(typed) - 1))
        close = {"<b>": "</b>"}.get(split, split)
        typed = split + typed[:cut] + close + typed[cut:]
    lang = draw(st.sampled_from(["sv", "en"]))
    carrier = draw(st.sampled_from(CARRIERS_SV if lang == "sv" else CARRIERS_EN))
    return name, carrier.format(typed), lang


@settings(max_examples=400, deadline=None)
@given(case=tricked_name())
def test_no_known_name_survives_the_tricks(case: tuple[str, str, str]) -> None:
    name, text, lang = case
    out = fail_closed(scrub(text, lang).text, lang).text
    assert reader_words(out)[name.casefold()] == 0, (text, out)
