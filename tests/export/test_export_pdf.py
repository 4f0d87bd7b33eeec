"""PDF exports made through the command line: the text a reader's PDF viewer finds in them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.organisation.slots import on_paper
from avlastning_cli.organisation.store import save_values
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.models import (
    GroundRulesSection,
    NextStepsSection,
    Protocol,
    TellAtHomeSection,
    WarningSignsSection,
    sign_label,
)
from avlastning_cli.protocol.registry import resolve

runner = CliRunner()
A4 = (595.28, 841.89)  # points


def _pdf(tmp_path: Path, *args: str) -> PdfReader:
    target = tmp_path / "out.pdf"
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    return PdfReader(target)


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _a4_pages(reader: PdfReader, most: int) -> None:
    assert 1 <= len(reader.pages) <= most
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=1)
        assert float(box.height) == pytest.approx(A4[1], abs=1)


def _one_a4_page(reader: PdfReader) -> None:
    _a4_pages(reader, 1)


def _font_sizes(reader: PdfReader) -> set[float]:
    """The size (pt) every piece of visible text is set in, as a reader's PDF viewer finds it."""
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.add(round(size * (tm[0] or 1) * (cm[0] or 1), 2))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def _flat(text: str) -> str:
    return " ".join(text.split())


def _room_sheet_lines(protocol: Protocol) -> list[str]:
    """What the sheet for the room must carry (issue 9), line by line, as the protocol has it."""
    expected: list[str] = []
    for section in protocol.sections:
        expected.append(section.title)
        expected += [c.text for c in section.checks]
        # the lesson areas are ticked in the tool afterwards; the lessons line stands for them
        expected += [q.text for q in section.questions if q.type != "lesson_categories"]
        if isinstance(section, GroundRulesSection):
            expected += section.rules
        if isinstance(section, TellAtHomeSection):
            expected += section.may_tell + section.not_to_tell
        if isinstance(section, WarningSignsSection):
            expected += [f"{sign_label(s)}" for s in section.signs]
            expected += [s.action for s in section.signs]
        if isinstance(section, NextStepsSection) and section.follow_up is not None:
            expected.append(section.follow_up.text)
    assert protocol.card is not None
    expected += [protocol.contact(c).role for c in protocol.card.contacts]
    expected += [protocol.contact(c).reach for c in protocol.card.contacts]
    return expected


def _room_sheet_holds(protocol: Protocol, text: str) -> None:
    missing = [line for line in _room_sheet_lines(protocol) if _flat(line) not in text]
    assert not missing


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_checklist_for_the_room_is_two_a4_pages_at_10_pt_with_all_it_needs(
    tmp_path: Path, lang: str
) -> None:
    reader = _pdf(tmp_path, "checklist", "--lang", lang, "-f", "pdf")
    _a4_pages(reader, 2)
    sizes = _font_sizes(reader)
    assert sizes and min(sizes) >= 10, sizes  # readable at arm's length
    # as printed: a contact left to fill in is a write-in line (`avlastning anpassa`)
    protocol = on_paper(load_protocol(resolve("avlastningssamtal", lang)))
    text = _text(reader)
    _room_sheet_holds(protocol, text)
    # what the leader does not need in the room is in --full only
    pkl = "031-342 10 00 (PKL)"
    save_values({"pkl": pkl})  # filled in by the organisation (`avlastning anpassa`)
    assert pkl not in _text(_pdf(tmp_path / "room", "checklist", "--lang", lang, "-f", "pdf"))
    full = _text(_pdf(tmp_path / "full", "checklist", "--full", "--lang", lang, "-f", "pdf"))
    assert pkl in full
    assert reader.metadata is not None
    assert reader.metadata.title == protocol.title


def test_room_sheet_check_notices_a_missing_ground_rule() -> None:
    protocol = load_protocol(resolve("avlastningssamtal", "sv"))
    rules = next(s for s in protocol.sections if isinstance(s, GroundRulesSection)).rules
    lines = _room_sheet_lines(protocol)
    _room_sheet_holds(protocol, " ".join(_flat(line) for line in lines))
    without = " | ".join(_flat(line) for line in lines if line != rules[-1])
    with pytest.raises(AssertionError):
        _room_sheet_holds(protocol, without)


def test_swedish_checklist_keeps_aao_intact(tmp_path: Path) -> None:
    text = _text(_pdf(tmp_path, "checklist", "--lang", "sv", "-f", "pdf"))
    for expected in (
        "Vad är din känsla, eller ditt första intryck, av det som hänt?",
        "Företagshälsovården",
        "Förberedelser: plats och deltagare · 2 min",
        "Överdimensionerade reaktioner",
    ):
        assert expected in text


def test_characters_beyond_latin_1_survive(tmp_path: Path) -> None:
    """En dash and curly quotes: the core PDF fonts would lose them."""
    save_values({"vardcentral": "”din egen vårdcentral”"})  # the organisation's own wording
    text = _text(_pdf(tmp_path, "checklist", "--lang", "sv", "-f", "pdf"))
    assert "”pass”" in text  # the round's passing_ok
    assert "”din egen vårdcentral”" in text  # a contact filled in, with curly quotes
    assert "Självmordslinjen" in text


def test_format_comes_from_the_file_name(tmp_path: Path) -> None:
    reader = _pdf(tmp_path, "checklist", "--lang", "en")
    _a4_pages(reader, 2)
    assert load_protocol(resolve("avlastningssamtal", "en")).title in _text(reader)


def test_full_script_has_every_line_read_aloud(tmp_path: Path) -> None:
    reader = _pdf(tmp_path, "checklist", "--full", "--lang", "sv", "-f", "pdf")
    assert len(reader.pages) > 1
    text = _text(reader)
    protocol = load_protocol(resolve("avlastningssamtal", "sv"))
    for section in protocol.sections:
        assert section.title in text
        for line in section.say:
            assert " ".join(line.split()) in text
    assert "Ledarens anteckningar (läses inte upp)" in text


def test_card_pdf_is_one_page_with_the_card_text(tmp_path: Path) -> None:
    reader = _pdf(tmp_path, "card", "--lang", "sv", "-f", "pdf")
    _one_a4_page(reader)
    text = _text(reader)
    card = load_protocol(resolve("avlastningssamtal", "sv")).card
    assert card is not None
    assert card.title in text
    assert "Vårdcentralen" in text
    assert " ".join(card.normal_reactions[0].split()) in text


def test_same_protocol_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for target in (first, second):
        result = runner.invoke(app, ["card", "-o", str(target)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("full", [False, True], ids=["checklist", "full"])
def test_fonts_parsed_once_give_the_same_bytes(full: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The speed-up in pdf.py (the fonts parsed once for every type size tried) changes no
    byte."""
    from contextlib import contextmanager

    from avlastning_cli.export import pdf
    from avlastning_cli.export.checklist import checklist_model

    doc = checklist_model(load_protocol(resolve("avlastningssamtal", "en")), full=full)
    fast = pdf.to_pdf(doc)
    opened = pdf._font_paths

    @contextmanager
    def plain_paths():  # a plain dict: every document parses its fonts with fpdf2's add_font
        with opened() as fonts:
            yield dict(fonts)

    monkeypatch.setattr(pdf, "_font_paths", plain_paths)
    assert pdf.to_pdf(doc) == fast
