"""The final gate: what it lists, what apply() and fail_closed() write."""

from __future__ import annotations

import pytest

from avlastning_cli.privacy import scrub
from avlastning_cli.privacy.gate import Finding, apply, fail_closed, gate


def listed(text: str, lang: str = "sv", **kw: object) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in gate(text, lang, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Tesfalem tog det hårt.", "sv", [("capitalised", "Tesfalem")]),
        ("Vi pratade med fatima efteråt.", "sv", [("first_name", "fatima")]),
        ("Larmet kom från rum 21.", "sv", [("number", "rum 21")]),
        ("Koden var 4471 på dörren.", "sv", [("number", "4471")]),
        ("We talked to Siobhan afterwards.", "en", [("capitalised", "Siobhan")]),
        ("Sedan kom Björn in.", "sv", [("capitalised", "Björn")]),
        ("Jag pratade med Pe\ntra efteråt.", "sv", [("capitalised", "Pe\ntra")]),
    ],
)
def test_gate_lists_what_might_be_personal(text: str, lang: str, expected: list) -> None:
    assert listed(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi samlades klockan 14.30 och ringde 112 och 1177.", "sv"),
        ("Alla fick säga något, och samtalet tog 45 minuter.", "sv"),
        ("Hon fick 2,5 ml och 10 mg enligt ordination 2024-03-12.", "sv"),
        ("Vi åkte till Sahlgrenska i Göteborg på måndagen.", "sv"),
        ("The Volvo was parked on Norrlandsgatan near Baker Street.", "en"),
        ("[NAMN] ringde [TELEFON] och [MASKERAT] kom.", "sv"),
        ("The talk was held at St Thomas' in London in May 2024.", "en"),
    ],
)
def test_gate_leaves_ordinary_text_alone(text: str, lang: str) -> None:
    assert gate(text, lang) == []


def test_allowed_numbers_are_the_callers() -> None:
    text = "Ring växeln på 031-342 10 00."
    assert listed(text) == [("number", "031-342 10 00")]
    assert gate(text, "sv", allowed=["031-342 10 00"]) == []


def test_positions_are_into_the_text_as_typed() -> None:
    text = "Det var **Tes**falem och ０７０\u200b1234 som hörde av sig."
    found = gate(text, "sv")
    assert [text[f.start : f.end] for f in found] == [f.text for f in found]
    assert [f.text for f in found] == ["Tes**falem", "０７０\u200b1234"]


def test_apply_masks_only_what_was_decided() -> None:
    text = "Tesfalem och Siobhan kom, rum 21."
    found = gate(text, "sv")
    assert [f.text for f in found] == ["Tesfalem", "Siobhan", "rum 21"]
    decisions = {found[0]: True, found[1]: False, found[2]: True}
    assert apply(text, decisions, "sv") == "[MASKERAT] och Siobhan kom, [MASKERAT]."
    assert apply(text, [(found[1], True)], "en") == "Tesfalem och [MASKED] kom, rum 21."


def test_fail_closed_masks_every_item_and_counts_them() -> None:
    result = fail_closed("Tesfalem tog det hårt i rum 21.", "sv")
    assert result.text == "[MASKERAT] tog det hårt i [MASKERAT]."
    assert result.count == 2
    assert fail_closed(result.text, "sv").count == 0  # idempotent: placeholders pass


def test_gate_catches_what_the_scrubber_left() -> None:
    text = "Larmet kom från rum 21 och Tesfalem larmade."
    after = scrub(text, "sv").text
    assert "21" in after  # a room with no person in the sentence: the scrubber leaves it
    assert "21" not in fail_closed(after, "sv").text


def test_bad_language_is_refused() -> None:
    with pytest.raises(ValueError):
        gate("x", "de")
    with pytest.raises(ValueError):
        apply("x", [(Finding("number", 0, 1, "x"), True)], "de")
