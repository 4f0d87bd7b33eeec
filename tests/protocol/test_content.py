"""The bundled protocols' content: true to seed 000, stepped escalation, a card for its reader.

These read the bundled YAML the way a reviewer would, so that a later edit that drops an element
of the guide, or turns every warning sign back into "call 112", fails here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from avlastning_cli.export.card import card_model
from avlastning_cli.export.render import render
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.models import Protocol, TellAtHomeSection, WarningSign
from tests.conftest import PROTOCOLS

YAMLS = sorted(PROTOCOLS.glob("*.yaml"))
PROTOCOL_IDS = [p.name for p in YAMLS]

#: Every element of seed 000 (the regional guide "Avlastningssamtal"), in the guide's words,
#: lower case. The Swedish default protocol must carry each one somewhere: read aloud, as a
#: check or question, or in the leader's tips.
SEED_000 = (
    "sosfs 2013:22",
    "12 §",
    "kamratstöd",
    "ventilera händelsen under opretentiösa former",
    "utpustning",
    "lättnad innan man går hem",
    "informera och informera sig",
    "sitt ner på en lugn och trivsam plats där ni inte blir störda",
    "behövs dryck, filtar?",
    "starta alltid med att berätta syftet med varför ni samlats",
    "fylla i varandras",
    "stänga av mobiler",
    "tala till punkt",
    "det som sägs stannar i rummet",
    "presentationsrunda om inte alla känner varandra",
    "första känslan",
    "vad är din känsla/ditt intryck av händelsen?",
    "inte måste prata",
    "prata enskilt efteråt",
    "ingen känner sig pressad att prata",
    "positiv ej anklagande anda",
    "behöver inte vara så detaljerat",
    "vad man kan berätta hemma",
    "händelsen, den egna upplevelsen, inga personuppgifter eller annat som kan härleda",
    "ta ny kontakt vid behov av mer stöd",
    "vem kontaktas när?",
    "överdimensionerade reaktioner/psykiska och fysiska skador? = akuten!",
    "har annan personal varit inblandad i händelsen?",
    "hemtransport",
    "ensam hemma",
    "diskutera vidare",
    "lärdomar",
    "nästa steg enligt rutin i verksamheten",
    "företagshälsovård eller vårdcentral för längre stöttning individuellt",
)


def _strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [" ".join(data.split())] if isinstance(data, str) else []


def _all_text(path: Path) -> str:
    return "\n".join(_strings(yaml.safe_load(path.read_text("utf-8")))).lower()


def _signs(protocol: Protocol) -> list[WarningSign]:
    return [sign for s in protocol.sections for sign in getattr(s, "signs", [])]


def test_every_element_of_seed_000_is_in_the_swedish_default_protocol() -> None:
    text = _all_text(PROTOCOLS / "avlastningssamtal.sv.yaml")
    missing = [element for element in SEED_000 if element not in text]
    assert not missing


def test_fidelity_check_notices_a_dropped_element() -> None:
    text = _all_text(PROTOCOLS / "avlastningssamtal.sv.yaml").replace("utpustning", "")
    assert [e for e in SEED_000 if e not in text] == ["utpustning"]


# --- stepped escalation --------------------------------------------------------------------

CALL_112 = re.compile(r"\b(ring|call) 112\b", re.IGNORECASE)
#: A sentence that says 112 with its condition: "Ring 112 om …", "Call 112 if …".
CONDITIONAL_112 = re.compile(r"\b(ring|call) 112 (om|if)\b", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


def unconditional_112(action: str) -> list[str]:
    """The sentences of an action that tell the leader to call 112 with no condition."""
    return [s for s in _sentences(action) if CALL_112.search(s) and not CONDITIONAL_112.search(s)]


def test_the_112_check_tells_a_condition_from_none() -> None:
    assert unconditional_112("Ring 112 nu. Stanna hos personen.") == ["Ring 112 nu."]
    assert unconditional_112("Akuten! Ring 112 för bedömning.") == ["Ring 112 för bedömning."]
    assert unconditional_112("Stanna hos hen. Ring 112 om hen inte svarar.") == []
    assert unconditional_112("Call 112 if the injury is serious.") == []
    assert unconditional_112("Ask calmly, stay with them and call 112.") != []


@pytest.mark.parametrize("path", YAMLS, ids=PROTOCOL_IDS)
def test_only_life_threatening_signs_call_112_without_a_condition(path: Path) -> None:
    protocol = load_protocol(path)
    signs = _signs(protocol)
    assert signs
    for sign in signs:
        reach = protocol.contact(sign.contact).reach if sign.contact else ""
        if sign.level == "life_threatening":
            assert unconditional_112(sign.action), sign.id  # 112 first, plainly
            assert reach == "112", sign.id
        else:
            assert not unconditional_112(sign.action), (sign.id, sign.action)
            # the emergency screen shows the contact's number beside the action
            assert reach != "112", sign.id


@pytest.mark.parametrize("path", YAMLS, ids=PROTOCOL_IDS)
def test_plans_to_take_ones_life_call_112_and_thoughts_go_to_care_the_same_day(path: Path) -> None:
    protocol = load_protocol(path)
    levels = {s.id: s.level for s in _signs(protocol)}
    assert levels.get("suicide_plans") == "life_threatening"
    assert levels.get("suicidal_thoughts") == "emergency_care"
    thoughts = next(s for s in _signs(protocol) if s.id == "suicidal_thoughts")
    assert "1177" in thoughts.action and "90101" in thoughts.action


@pytest.mark.parametrize("path", YAMLS, ids=PROTOCOL_IDS)
def test_signs_describe_what_the_leader_sees_not_a_diagnosis(path: Path) -> None:
    for sign in _signs(load_protocol(path)):
        for word in ("psykisk skada", "psykiska skador", "psychological injur"):
            assert word not in (sign.title or "").lower() + sign.text.lower(), sign.id


def test_the_default_protocol_has_a_sign_at_each_level() -> None:
    for lang in ("sv", "en"):
        protocol = load_protocol(PROTOCOLS / f"avlastningssamtal.{lang}.yaml")
        levels = [s.level for s in _signs(protocol)]
        assert set(levels) == {"life_threatening", "emergency_care", "support_soon"}
        assert levels == sorted(
            levels, key=["life_threatening", "emergency_care", "support_soon"].index
        )


# --- the card speaks to the person holding it --------------------------------------------

LEADER_WORDS = (
    "lämna inte personen ensam",
    "lämna hen inte ensam",
    "samma dag: att samtalet har hållits",
    "do not leave the person alone",
    "do not leave them alone",
    "the same day: that the conversation has been held",
)


@pytest.mark.parametrize("path", YAMLS, ids=PROTOCOL_IDS)
def test_the_card_holds_no_words_meant_for_the_leader(path: Path) -> None:
    text = str(render(card_model(load_protocol(path)), "txt")).lower()
    text = " ".join(text.split())
    assert not [w for w in LEADER_WORDS if w in text]


@pytest.mark.parametrize("path", YAMLS, ids=PROTOCOL_IDS)
def test_what_not_to_tell_is_not_a_double_negative(path: Path) -> None:
    protocol = load_protocol(path)
    for section in protocol.sections:
        if isinstance(section, TellAtHomeSection):
            for item in section.not_to_tell:
                first = item.split()[0].lower().strip(":,.")
                assert first not in {"inga", "inget", "ingen", "no", "nothing"}, item


def test_the_default_card_has_self_care_for_the_coming_days() -> None:
    for lang, words in (
        ("sv", ("sova", "alkohol", "rutiner")),
        ("en", ("sleep", "alcohol", "routines")),
    ):
        protocol = load_protocol(PROTOCOLS / f"avlastningssamtal.{lang}.yaml")
        assert protocol.card is not None
        care = " ".join(protocol.card.self_care).lower()
        assert all(w in care for w in words)
