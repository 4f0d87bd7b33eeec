"""The scrubber on the hand-written realistic set, and focused tests for the leaks it showed.

Figures reached when the thresholds were set (``python benchmarks/scrubber_accuracy.py``):
name recall 0.9801 (known 0.9941, held-out 0.9381), precision overall 0.9952, id_number / phone /
email recall 1.0, clean sentences changed 0.54%. Before the fixes: name recall 0.9051 (known
0.9265, held-out 0.8407), id_number 0.75, phone 0.80, clean sentences changed 4.89%.
"""

from __future__ import annotations

import pytest

from avlastning_cli.privacy import find, lexicon, scrub

from .corpus import Report, evaluate
from .realistic import heldout_parts, is_known, parse, realistic, realistic_set


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(*realistic_set())


def test_realistic_set_is_large_enough() -> None:
    assert len(realistic("sv")) >= 250
    assert len(realistic("en")) >= 120
    _sentences, clean = realistic_set()
    assert len(clean) >= 100


def test_realistic_set_has_enough_heldout_names() -> None:
    distinct = {p.title().removesuffix("s") for p in heldout_parts()}
    assert len(distinct) >= 60
    shipped = lexicon.first_names() | lexicon.surnames()
    assert not {p for p in heldout_parts() if p in shipped}


def test_loader_spans_point_at_the_data() -> None:
    s = parse("{name:Sara Ali} ringde {phone:070-123 45 67}", "sv")
    assert [s.text[it.start : it.end] for it in s.items] == ["Sara", "Ali", "070-123 45 67"]
    assert is_known("Sara") and is_known("SARA") and is_known("Saras")
    assert not is_known("Xamdi")


# thresholds: reached minus a small margin (numbers and e-mail must never leak)
def test_realistic_name_recall(report: Report) -> None:
    assert report.recall["name"] >= 0.96, report.misses["name"]
    assert report.recall["name_known"] >= 0.98, report.misses["name_known"]
    assert report.recall["name_heldout"] >= 0.91, report.misses["name_heldout"]


@pytest.mark.parametrize("typ", ["id_number", "phone", "email", "address", "postcode"])
def test_realistic_numbers_and_email(report: Report, typ: str) -> None:
    assert report.recall[typ] == 1.0, report.misses[typ]


def test_realistic_precision_and_clean(report: Report) -> None:
    assert report.precision["overall"] >= 0.98
    assert report.clean_changed <= 0.02, report.clean_changed_examples
    assert not report.safe_numbers_masked


# --- focused tests for each fix -----------------------------------------------------------
def masked(text: str, lang: str = "sv") -> str:
    return scrub(text, lang).text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("OMAR OCH LI MÅSTE FÅ SKJUTS HEM", "[NAMN] OCH [NAMN] MÅSTE FÅ SKJUTS HEM"),
        ("ANNA-KARIN TYCKTE ATT DET GICK BRA", "[NAMN] TYCKTE ATT DET GICK BRA"),
        ("IVA, BUP, PKL, HR och AVA kontaktades", "IVA, BUP, PKL, HR och AVA kontaktades"),
        ("HLR OCH CPR ÄR SAMMA SAK", "HLR OCH CPR ÄR SAMMA SAK"),
    ],
)
def test_all_caps(text: str, want: str) -> None:
    assert masked(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ebba ringde 112 direkt", "[NAMN] ringde 112 direkt"),
        ("vi pratade med sara efteråt", "vi pratade med [NAMN] efteråt"),
        ("anhöriga ringde maria på avdelningen", "anhöriga ringde [NAMN] på avdelningen"),
        ("jag tror fatima behöver stöd", "jag tror [NAMN] behöver stöd"),
    ],
)
def test_lower_case_names_with_a_cue(text: str, want: str) -> None:
    assert masked(text) == want


@pytest.mark.parametrize(
    "text",
    ["vi väntade 2 tim och 30 min", "han ebbade ut", "det var en mark med gräs", "per timme"],
)
def test_lower_case_words_without_a_cue_stay(text: str) -> None:
    assert masked(text) == text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Kicki, Nisse och Lotta satt kvar", "[NAMN], [NAMN] och [NAMN] satt kvar"),
        ("(Ronja, Vilja, Dag) fick ingen info", "([NAMN], [NAMN], [NAMN]) fick ingen info"),
        ("Maj och Siv var mest skakade", "[NAMN] och [NAMN] var mest skakade"),
        ("Grace and Hope were shaken", "[NAME] and [NAME] were shaken"),
    ],
)  # fmt: skip
def test_lists_and_coordination(text: str, want: str) -> None:
    assert masked(text, "en" if "and" in text else "sv") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Bo var först på plats", "[NAMN] var först på plats"),
        ("Frank was in the ambulance", "[NAME] was in the ambulance"),
        ("Kicki visste inte var startaren fanns", "[NAMN] visste inte var startaren fanns"),
        ("Malee vill inte prata om det", "[NAMN] vill inte prata om det"),
    ],
)  # fmt: skip
def test_verbs_are_evidence_at_a_sentence_start(text: str, want: str) -> None:
    assert masked(text, "en" if " was " in text else "sv") == want


@pytest.mark.parametrize(
    "text",
    [
        "Alla fick säga något om sitt första intryck.",
        "Hope is important in times like this.",
        "Man kan ringa 1177 om man inte kan sova.",
        "vi väntade på PKL-gruppen i över en timme",
        "IVA-sköterskan kom ner efter 5 minuter",
        "ST-läkaren och AT-läkaren var båda med",
        "IVO ska få en anmälan enligt lex Maria",
        "Västra Götalandsregionen har en rutin för detta",
        "the record in Cerner was locked during the alarm",
        "the SystmOne entry was made late",
        "A&E at Guy's was full so he went to King's",
        "Hisingen, Angered och Biskopsgården har egna krisgrupper",
        "Sahlgrenska, Karolinska och Danderyd tog emot",
    ],
)
def test_not_names(text: str) -> None:
    lang = (
        "sv"
        if any(w in text for w in (" och ", " har ", " kan ", " på ", " kom ", " ska "))
        else "en"
    )
    assert masked(text, lang) == text


def test_imperative_keeps_the_verb() -> None:
    assert masked("Ring Anna imorgon") == "Ring [NAMN] imorgon"
    assert masked("Fråga Bo om schemat") == "Fråga [NAMN] om schemat"


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("pnr 19850703 - 2467 ska följas upp", "id_number"),
        ("anmälan gäller 36 04 02-5704", "id_number"),
        ("NHS number 943 476 5919 was missing", "id_number"),
        ("call back on 07700 900123 today", "phone"),
        ("next of kin on 020 7946 0018", "phone"),
        ("OH on 0161 496 0000", "phone"),
    ],
)
def test_numbers(text: str, typ: str) -> None:
    assert [f.type for f in find(text, "en")] == [typ]


@pytest.mark.parametrize("text", ["ring 112 eller 1177", "kl 14.30 på avdelning 11"])
def test_numbers_not_masked(text: str) -> None:
    assert find(text) == []


def test_long_numbers_are_masked_even_with_a_wrong_check_digit() -> None:
    # issue 14: six digits or more are masked whatever they are (a typo must not leak)
    assert [f.type for f in find("NHS number 943 476 5918 was missing", "en")] != []
    assert scrub("kl 14.30 låg hon i rum 1101").text == "kl 14.30 låg hon i [RUM]"
