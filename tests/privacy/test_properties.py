"""Property tests: generated personal data never survives scrub(), whatever surrounds it."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from avlastning_cli.privacy import scrub

from .corpus import personnummer, phone

SURROUND = st.text(
    alphabet=st.characters(
        whitelist_categories=("Ll", "Lu", "Zs"), whitelist_characters=".,;:!?()\"'\n-åäöÅÄÖ"
    ),
    max_size=40,
)
SEPARATOR = st.sampled_from([" ", ", ", " (", ": ", "\n", " – ", " "])
CLOSER = st.sampled_from([" ", ". ", ", ", ") ", "\n", "!", ""])
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
EMAILS = st.from_regex(
    r"[a-z][a-z0-9._+-]{0,12}[a-z0-9]@[a-z]{2,10}\.(se|com|org|nu)", fullmatch=True
)


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


@settings(max_examples=300, deadline=None)
@given(before=SURROUND, sep=SEPARATOR, seed=SEEDS, closer=CLOSER, after=SURROUND)
def test_personnummer_never_survives(before: str, sep: str, seed: int, closer: str, after: str):
    pnr = personnummer(random.Random(seed))
    out = scrub(before + sep + pnr + closer + after).text
    assert pnr not in out
    assert _digits(pnr)[-4:] not in _digits(out) or _digits(pnr)[-4:] in _digits(before + after)


@settings(max_examples=300, deadline=None)
@given(before=SURROUND, sep=SEPARATOR, seed=SEEDS, closer=CLOSER, after=SURROUND)
def test_phone_never_survives(before: str, sep: str, seed: int, closer: str, after: str) -> None:
    number = phone(random.Random(seed), international_share=0.3)
    out = scrub(before + sep + number + closer + after).text
    assert number not in out
    tail = _digits(number)[-4:]
    assert tail not in _digits(out) or tail in _digits(before + after)


@settings(max_examples=200, deadline=None)
@given(before=SURROUND, sep=SEPARATOR, address=EMAILS, closer=CLOSER, after=SURROUND)
def test_email_never_survives(before: str, sep: str, address: str, closer: str, after: str):
    out = scrub(before + sep + address + closer + after).text
    assert "@" not in out.replace("@", "", (before + after).count("@"))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=120))
def test_scrub_is_idempotent_on_any_text(text: str) -> None:
    once = scrub(text).text
    assert scrub(once).text == once
