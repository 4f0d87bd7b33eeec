"""Word and name lists used by the scrubber, loaded lazily once from the package's ``data/``."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _load(name: str) -> frozenset[str]:
    text = resources.files("avlastning_cli.privacy").joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def first_names() -> frozenset[str]:
    """Known first names (Swedish, English and names common in Sweden of other origins)."""
    return _load("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    """Known surnames."""
    return _load("surnames.txt")


@cache
def ambiguous_names() -> frozenset[str]:
    """Names that are also ordinary words ("Bo", "Dag", "Hans", "Will"): need context."""
    return _load("ambiguous_names.txt")


@cache
def common_words() -> frozenset[str]:
    """Lower-case ordinary words in Swedish and English."""
    return _load("common_words.txt")


@cache
def non_names() -> frozenset[str]:
    """Capitalised words that are not people: places, organisations, months, systems."""
    return _load("non_names.txt")


@cache
def _names() -> frozenset[str]:
    return first_names() | surnames()


def capitalised_common(word: str) -> bool:
    """An ordinary word written with a capital ("Det", "Patienten") that is not a name, nor a
    name in the genitive: a quick exit for sentence starts. Looked up, not built: a set of
    every common word capitalised took longer than the rest of a first scrub (the common words
    are lower case, and capitalised they lower back to themselves: a test keeps it so)."""
    low = word.lower()
    if low not in common_words() or low.capitalize() != word:
        return False
    names = _names()
    return word not in names and not (word.endswith("s") and word[:-1] in names)
