"""Stable keys for the places to fill in, and filling them in (on paper, on screen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from avlastning_cli.organisation.slots import fill, on_paper, on_screen, slots
from avlastning_cli.protocol.loader import load_protocol
from tests.conftest import PROTOCOLS

IDS = sorted({p.name.split(".")[0] for p in PROTOCOLS.glob("*.sv.yaml")})


def raw(path: Path):  # type: ignore[no-untyped-def]
    return load_protocol(path, organisation=False)


def test_keys_of_the_default_protocol() -> None:
    keys = [s.key for s in slots(raw(PROTOCOLS / "avlastningssamtal.sv.yaml"))]
    assert keys == ["akutmottagning", "foretagshalsovard", "vardcentral", "manager", "posom", "pkl"]


@pytest.mark.parametrize("pid", IDS)
def test_keys_are_the_same_in_both_languages(pid: str) -> None:
    sv = [s.key for s in slots(raw(PROTOCOLS / f"{pid}.sv.yaml"))]
    en = [s.key for s in slots(raw(PROTOCOLS / f"{pid}.en.yaml"))]
    assert sv == en


def test_a_reworded_placeholder_keeps_its_key(tmp_path: Path) -> None:
    text = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")
    reworded = text.replace(
        "<fyll i: chefens namn och telefonnummer>",
        "Ring <fyll i: vem som är chef i dag, och numret> (dagtid)",
    )
    assert reworded != text
    copy = tmp_path / "egen.yaml"
    copy.write_text(reworded, encoding="utf-8")
    p = raw(copy)
    assert "manager" in [s.key for s in slots(p)]
    filled = fill(p, {"manager": "Anna Andersson, 070-123 45 67"})
    assert filled.contact("manager").reach == "Ring Anna Andersson, 070-123 45 67 (dagtid)"


def test_a_placeholder_outside_the_contacts_is_keyed_by_protocol_and_path() -> None:
    p = raw(PROTOCOLS / "efterlevandestod.sv.yaml")
    assert "efterlevandestod.card.closing" in [s.key for s in slots(p)]
    filled = fill(p, {"efterlevandestod.card.closing": "kuratorn, inom en vecka"})
    assert filled.card is not None
    assert filled.card.closing == (
        "Vi hör av oss igen: kuratorn, inom en vecka. Du får alltid ringa oss först."
    )


def test_on_paper_a_place_left_open_is_a_line_to_write_on() -> None:
    p = on_paper(raw(PROTOCOLS / "avlastningssamtal.sv.yaml"))
    assert p.contact("foretagshalsovard").reach == "Telefon: ______________"
    assert p.contact("posom").reach == "______________"
    assert slots(p) == []
    en = on_paper(raw(PROTOCOLS / "avlastningssamtal.en.yaml"))
    assert en.contact("manager").reach == "Phone: ______________"


def test_on_screen_a_place_left_open_is_named_and_listed() -> None:
    p, missing = on_screen(raw(PROTOCOLS / "avlastningssamtal.sv.yaml"), "(uppgift saknas)")
    assert p.contact("vardcentral").reach == "(uppgift saknas)"
    assert [s.label for s in missing][1:4] == [
        "Företagshälsovården",
        "Vårdcentralen",
        "Närmaste chef",
    ]
    assert "<" not in p.model_dump_json()
