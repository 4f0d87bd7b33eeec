"""Values are checked as they are entered: phones as phones, web addresses as web addresses."""

from __future__ import annotations

import pytest

from avlastning_cli.organisation.check import problem


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "112",
        "1177",
        "90101",
        "116 111",
        "Telefon 1177 (dygnet runt) eller 1177.se",
        "010-123 45 67",
        "Anna Andersson, 070-123 45 67",
        "+46 (0)31 342 10 00",
        "+44 20 7946 0958",
        "din egen vårdcentral",
        "via växeln 031-342 10 00, vardagar 08.00–16.30",
        "Storgatan 1, 413 45 Göteborg",
        "https://www.1177.se/hitta-vard",
        "www.kommun.se/krisstod",
        "kl 8-16, öppet till 2026-12-31",
    ],
)
def test_accepted(value: str) -> None:
    assert problem(value, "sv") is None
    assert problem(value, "en") is None


@pytest.mark.parametrize(
    ("value", "sv", "en"),
    [
        ("070-12", "”070-12”: för kort för ett telefonnummer", "too short for a phone"),
        ("Anna, 08-123 45", "”08-123 45”: inget giltigt telefonnummer", "not a valid phone"),
        ("htp://kommun.se", "”htp://kommun.se”: ingen hel webbadress", "not a whole web"),
        ("https//kommun.se", "ingen hel webbadress", "not a whole web address"),
        ("https://", "ingen hel webbadress", "not a whole web address"),
        ("<fyll i: telefon>", "utan < och >", "without < and >"),
        ("x" * 301, "Högst 300 tecken", "At most 300 characters"),
    ],
)
def test_refused_with_a_message_in_the_coordinators_language(value: str, sv: str, en: str) -> None:
    assert sv in (problem(value, "sv") or "")
    assert en in (problem(value, "en") or "")


def test_the_message_says_what_to_write_instead_and_fits_a_prompt_line() -> None:
    for lang in ("sv", "en"):
        message = problem("070-12", lang) or ""
        assert "010-123 45 67" in message and "1177" in message
        assert len(message) <= 78  # the prompt shows it on one line of an 80-column terminal
