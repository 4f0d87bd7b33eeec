"""What the exports hold, whatever the protocol says: escaping, layout rules, the card's parts."""

from __future__ import annotations

import re

import pytest

from avlastning_cli.export.card import card_model
from avlastning_cli.export.checklist import checklist_model
from avlastning_cli.export.document import Bullets, Para
from avlastning_cli.export.render import TEXT_WIDTH, render
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.models import Protocol, TellAtHomeSection
from avlastning_cli.protocol.registry import resolve

HOSTILE = '<script>alert("x")</script> & <img src=https://example.org/x.png> *bold* | [a](b)'


@pytest.fixture(params=["sv", "en"])
def protocol(request: pytest.FixtureRequest) -> Protocol:
    return load_protocol(resolve("avlastningssamtal", request.param))


def _hostile(protocol: Protocol) -> Protocol:
    sections = [s.model_copy(update={"title": HOSTILE}) for s in protocol.sections]
    contacts = [c.model_copy(update={"role": HOSTILE}) for c in protocol.contacts]
    update = {"title": HOSTILE, "sections": sections, "contacts": contacts}
    return protocol.model_copy(update=update)


def test_html_escapes_protocol_text_and_loads_nothing(protocol: Protocol) -> None:
    for doc in (checklist_model(_hostile(protocol)), checklist_model(_hostile(protocol), True)):
        page = render(doc, "html")
        assert isinstance(page, str)
        assert "<script" not in page.lower()
        assert "<img" not in page.lower()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in page
        assert not re.search(r"""<[^>]*\s(src|href)\s*=|@import|url\(""", page)


def test_html_is_a_printable_page_in_the_protocols_language(protocol: Protocol) -> None:
    page = render(checklist_model(protocol), "html")
    assert isinstance(page, str)
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{protocol.language}">' in page
    assert "@page { size: A4;" in page
    assert page.count('<span class="box"></span>') >= len(protocol.sections)


def test_markdown_keeps_protocol_text_literal(protocol: Protocol) -> None:
    text = render(checklist_model(_hostile(protocol)), "md")
    assert isinstance(text, str)
    assert "\\<script\\>" in text and "\\*bold\\*" in text and "\\[a\\](b)" in text
    assert "| \\<script" in text  # a table cell that is not split by the | in the text


def test_text_is_wrapped_at_78_columns(protocol: Protocol) -> None:
    for doc in (checklist_model(protocol), checklist_model(protocol, True), card_model(protocol)):
        text = render(doc, "txt")
        assert isinstance(text, str)
        for line in text.splitlines():
            # only a single word longer than the width (none in the bundled protocols) may overrun
            assert len(line) <= TEXT_WIDTH or " " not in line.strip(), line


def test_checklist_has_a_tick_box_per_step_and_check(protocol: Protocol) -> None:
    text = render(checklist_model(protocol), "txt")
    assert isinstance(text, str)
    questions = [q for s in protocol.sections for q in s.questions]
    # every question but the lesson areas, which are ticked in the tool afterwards
    boxes = sum(1 + len(s.checks) for s in protocol.sections)
    boxes += sum(1 for q in questions if q.type != "lesson_categories")
    boxes += sum(1 for s in protocol.sections if getattr(s, "follow_up", None) is not None)
    assert text.count("[ ] ") == boxes


def test_full_script_keeps_the_leaders_notes_apart(protocol: Protocol) -> None:
    doc = checklist_model(protocol, full=True)
    said = {b.text for b in doc.blocks if isinstance(b, Para) and b.style == "say"}
    said |= {i for b in doc.blocks if isinstance(b, Bullets) and b.style == "say" for i in b.items}
    notes = {i for b in doc.blocks if isinstance(b, Bullets) and b.style == "note" for i in b.items}
    tips = {tip for s in protocol.sections for tip in s.tips}
    assert notes == tips
    assert not said & tips
    assert {line for s in protocol.sections for line in s.say} <= said


def test_card_uses_the_tell_at_home_lists_when_it_has_none(protocol: Protocol) -> None:
    assert protocol.card is not None
    home = next(s for s in protocol.sections if isinstance(s, TellAtHomeSection))
    own = ("Only this.",)
    with_own = protocol.model_copy(
        update={"card": protocol.card.model_copy(update={"may_tell": list(own)})}
    )
    empty = protocol.card.model_copy(update={"may_tell": []})
    without = protocol.model_copy(update={"card": empty})
    lists = [b.items for b in card_model(without).blocks if isinstance(b, Bullets)]
    assert tuple(home.may_tell) in lists and tuple(home.not_to_tell) in lists
    lists = [b.items for b in card_model(with_own).blocks if isinstance(b, Bullets)]
    assert own in lists and tuple(home.not_to_tell) not in lists


def test_card_lists_its_contacts_in_its_order(protocol: Protocol) -> None:
    assert protocol.card is not None
    text = render(card_model(protocol), "txt")
    assert isinstance(text, str)
    roles = [protocol.contact(c).role for c in protocol.card.contacts]
    positions = [text.index(f"* {role}") for role in roles]
    assert positions == sorted(positions)
    others = {c.role for c in protocol.contacts} - set(roles)
    assert not any(f"* {role}\n" in text for role in others)
