"""Focused tests for every form the scrubber must find or leave alone."""

from __future__ import annotations

import itertools

import pytest

from avlastning_cli.privacy import PLACEHOLDERS, Finding, ScrubResult, find, scrub
from avlastning_cli.privacy.scrubber import TYPES


def masked(text: str, piece: str, lang: str = "sv") -> bool:
    """True if every character of ``piece`` (first occurrence) is inside a finding."""
    start = text.index(piece)
    end = start + len(piece)
    fs = find(text, lang)
    return all(any(f.start <= i < f.end for f in fs) for i in range(start, end))


def untouched(text: str, lang: str = "sv") -> bool:
    return scrub(text, lang).text == text


@pytest.mark.parametrize(
    "pnr",
    [
        "19850312-1234", "850312-1234", "8503121234", "850312+1234", "850312 1234",
        "19850312 1234", "198503121234", "850372-1234", "19850372-1234", "850312-1235",
        "20050312-1234", "050312-1234",
    ],
)  # fmt: skip
def test_personnummer_forms(pnr: str) -> None:
    text = f"Patienten {pnr} hade ont i bröstet."
    assert masked(text, pnr)
    assert pnr not in scrub(text).text


@pytest.mark.parametrize(
    "number",
    [
        "070-123 45 67", "0701234567", "070 123 45 67", "08-123 456 78", "08-12 34 56",
        "031-12 34 56", "+46 70 123 45 67", "+46 (0)70-123 45 67", "0046 70 123 45 67",
        "0046701234567", "+44 20 7946 0958", "+1 (555) 123-4567", "+1 555 123 4567",
        "070-123-45-67", "0520-12 34 56", "+46701234567",
    ],
)  # fmt: skip
def test_phone_forms(number: str) -> None:
    text = f"Ring henne på {number} efter kl. 16."
    assert masked(text, number)
    assert scrub(text).text == "Ring henne på [TELEFON] efter kl. 16."


@pytest.mark.parametrize(
    "address",
    [
        "Storgatan 12B", "Storgatan 12 B", "Kungsvägen 5", "Storgatan 12, 3 tr",
        "Drottninggatan 7 lgh 1102", "Södra vägen 4", "c/o Svensson",
    ],
)  # fmt: skip
def test_swedish_addresses(address: str) -> None:
    text = f"Hon bor på {address} sedan i fjol."
    assert masked(text, address)


@pytest.mark.parametrize("address", ["12 Baker Street", "221B Baker Street", "Flat 3"])
def test_english_addresses(address: str) -> None:
    text = f"She lives at {address} with her son."
    assert masked(text, address, "en")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Postadress: Storgatan 1, 123 45 Göteborg.", "123 45"),
        ("Postnummer SE-123 45 i kallelsen.", "SE-123 45"),
        ("Skicka till 12345 Göteborg.", "12345"),
        ("Skicka till 123 45 Göteborg.", "123 45"),
        ("She lives in London SW1A 1AA now.", "SW1A 1AA"),
    ],
)
def test_postcodes(text: str, code: str) -> None:
    assert masked(text, code)


@pytest.mark.parametrize(
    "address",
    ["anna.lindqvist@vgregion.se", "a_b+c@example.co.uk", "kalle99@gmail.com"],
)
def test_emails(address: str) -> None:
    text = f"Mejla {address}."
    assert scrub(text).text == "Mejla [E-POST]."


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kollegan Anna Lindqvist ringde efter passet.", "Anna Lindqvist"),
        ("Vi pratade med Anna-Karin efteråt.", "Anna-Karin"),
        ("Vi pratade med Lars Erik Svensson efteråt.", "Lars Erik Svensson"),
        ("Hon heter Maria Svensson-Berg.", "Maria Svensson-Berg"),
        ("Annas mamma ringde.", "Annas"),
        ("Eriks kollegor stöttade honom.", "Eriks"),
        ("Patienten Bo hade ont.", "Bo"),
        ("Bo Svensson sa att det var lugnt.", "Bo Svensson"),
        ("Hans sa att han var trött.", "Hans"),
        ("Vi ringde till Dag direkt.", "Dag"),
        ("Enligt Ebba var det lugnt.", "Ebba"),
        ("Brukaren Wilhelmina blev orolig.", "Wilhelmina"),
        ("Jag pratade med Mohammed Ali.", "Mohammed Ali"),
        ("Fatima Hassan och Abdirahman Warsame var där.", "Fatima Hassan"),
        ("Fatima Hassan och Abdirahman Warsame var där.", "Abdirahman Warsame"),
        ("Senad Hodžić sa att han behövde gå hem.", "Senad Hodžić"),
        ("Vi pratade med Mehmet Yılmaz och Reza Karimi.", "Reza Karimi"),
        ("Kollegan Jaana Korhonen var ledig.", "Jaana Korhonen"),
        ("Tesfaye sa att det gick bra.", "Tesfaye"),
        ("Vi ringde Katarzyna Nowak på morgonen.", "Katarzyna Nowak"),
        ("Mats ringde från akuten.", "Mats"),
        ("Sedan kom Holmqvist in i rummet.", "Holmqvist"),
    ],
)
def test_swedish_names(text: str, name: str) -> None:
    assert masked(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Colleague Mark said the patient was calm.", "Mark"),
        ("Sarah Thompson said it felt unreal.", "Sarah Thompson"),
        ("According to James, the ward was quiet.", "James"),
        ("The patient Rose was calm.", "Rose"),
        ("Dr. Green arrived after ten minutes.", "Green"),
        ("Karin Lindqvist said she wanted to go home.", "Karin Lindqvist"),
        ("We called Will straight away.", "Will"),
        ("Emma's mother rang the ward.", "Emma's"),
    ],
)
def test_english_names(text: str, name: str) -> None:
    assert masked(text, name, "en")


@pytest.mark.parametrize(
    "text",
    [
        "Det var en bra dag.", "Bo hemma i morgon.", "Vi ses i maj.", "Ring 112 direkt.",
        "Ring 1177 för råd.", "Ring 113 13 eller 114 14.", "Larmet gick kl. 14.30.",
        "Larmet gick 14:30.", "Vi ses kl. 9.", "Händelsen skedde 2024-03-12.", "Vi ses 12/3.",
        "Vi ses 12 mars.", "Hon fick 5 mg.", "Hon fick 2,5 ml.", "Det hände på avdelning 12.",
        "Sjuksköterskan kom först.",
        "Undersköterskan och läkaren var där.", "Chefen informerades.", "Akuten tog emot henne.",
        "Vårdcentralen är informerad.", "Sahlgrenska tog över.", "Hans mamma ringde.",
        "Vi var sju personer.", "Hej och tack för att ni kom.", "Det var en rolig dag.",
        "På måndag ses vi igen.", "Dag för dag blir det lättare.", "Hon kom i maj.",
        "Blodtrycket var 90/60.", "Saturationen var 85 procent.", "Alla fick säga något.",
    ],
)  # fmt: skip
def test_swedish_text_left_alone(text: str) -> None:
    assert untouched(text), scrub(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Call 112 straight away.", "The alarm went off at 14.30.", "We met on Monday in May.",
        "Will you come on Friday?", "May I ask a question?", "The nurse arrived first.",
        "The GP practice was informed.",
        "The Emergency Department has its own routine.", "She was given 5 mg.",
    ],
)  # fmt: skip
def test_english_text_left_alone(text: str) -> None:
    assert untouched(text, "en"), scrub(text, "en").text


def test_placeholders_per_language() -> None:
    text = "Anna Lindqvist, 850312-1234, 070-123 45 67, anna@example.se, Storgatan 12, 123 45"
    sv = scrub(text, "sv").text
    en = scrub(text, "en").text
    assert sv == "[NAMN], [PERSONNUMMER], [TELEFON], [E-POST], [ADRESS], [POSTNUMMER]"
    assert en == "[NAME], [ID-NUMBER], [PHONE], [EMAIL], [ADDRESS], [POSTCODE]"
    assert set(PLACEHOLDERS) == {"sv", "en"}
    for table in PLACEHOLDERS.values():
        assert set(table) == set(TYPES)


def test_swedish_name_in_english_text() -> None:
    assert scrub("My colleague Åsa Lindqvist called.", "en").text == "My colleague [NAME] called."


def test_result_shape_and_offsets() -> None:
    text = "Ring Anna på 070-123 45 67."
    r = scrub(text)
    assert isinstance(r, ScrubResult)
    assert r.count == 2 == len(r.findings)
    assert all(isinstance(f, Finding) for f in r.findings)
    assert [text[f.start : f.end] for f in r.findings] == ["Anna", "070-123 45 67"]
    assert [f.type for f in r.findings] == ["name", "phone"]
    assert find(text) == list(r.findings)


def test_findings_sorted_and_disjoint() -> None:
    fs = find("Anna Lindqvist 850312-1234 bor på Storgatan 1, 3 tr, 123 45 Göteborg.")
    assert fs == sorted(fs, key=lambda f: f.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(fs))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_scrub_is_idempotent(lang: str) -> None:
    text = (
        "Kollegan Anna Lindqvist (850312-1234) ringde 070-123 45 67 och mejlade "
        "anna@example.se från Storgatan 12B, 3 tr, 123 45 Göteborg. Hans sa att Bo var där."
    )
    once = scrub(text, lang).text
    assert scrub(once, lang).count == 0
    assert scrub(once, "sv" if lang == "en" else "en").count == 0


def test_empty_and_unknown_language() -> None:
    assert scrub("").text == "" and scrub("").count == 0
    with pytest.raises(ValueError):
        scrub("text", "de")


@pytest.mark.parametrize(
    ("text", "lang", "kept"),
    [
        ("Hon låg i rum 4.", "sv", "Hon låg i [RUM]."),
        ("Patienten låg i sal 4 säng 2.", "sv", "Patienten låg i [RUM]."),
        ("The man in bed 3 pressed the alarm.", "en", "The man in [ROOM] pressed the alarm."),
        ("She was moved to room 312.", "en", "She was moved to [ROOM]."),
        # a room with no person in the sentence is about the room: the final gate asks
        ("Larmet i sal 3B fungerade inte.", "sv", "Larmet i sal 3B fungerade inte."),
        ("It happened on ward 23, room 4.", "en", "It happened on ward 23, room 4."),
    ],
)
def test_rooms_and_beds(text: str, lang: str, kept: str) -> None:
    # issue 14: a bed, or a room a person is in, points to that person
    assert scrub(text, lang).text == kept
