"""PDF exports made through the command line: the text a reader's PDF viewer finds in them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.protocol.loader import load_protocol
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


def _one_a4_page(reader: PdfReader) -> None:
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4[0], abs=1)
    assert float(box.height) == pytest.approx(A4[1], abs=1)


def test_swedish_checklist_is_one_a4_page_with_aao_intact(tmp_path: Path) -> None:
    reader = _pdf(tmp_path, "checklist", "--lang", "sv", "-f", "pdf")
    _one_a4_page(reader)
    text = _text(reader)
    for expected in (
        "Avlastningssamtal",
        "Vad är din känsla/ditt intryck av händelsen?",
        "Företagshälsovården",
        "Kommunens krisstödsgrupp (POSOM)",
        "Varningstecken",
        "Förberedelser: plats och deltagare · 3 min",
        "Överdimensionerade reaktioner",
    ):
        assert expected in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Avlastningssamtal"


def test_characters_beyond_latin_1_survive(tmp_path: Path) -> None:
    """En dash and curly quotes: the core PDF fonts would lose them."""
    text = _text(_pdf(tmp_path, "checklist", "--lang", "sv", "-f", "pdf"))
    assert "”pass”" in text  # the round's passing_ok
    assert "själv – Akuten!" in text  # a contact's "when", with an en dash


def test_format_comes_from_the_file_name(tmp_path: Path) -> None:
    reader = _pdf(tmp_path, "checklist", "--lang", "en")
    _one_a4_page(reader)
    assert load_protocol(resolve("avlastningssamtal", "en")).title in _text(reader)


def test_english_checklist_is_one_a4_page(tmp_path: Path) -> None:
    reader = _pdf(tmp_path, "checklist", "--lang", "en", "-f", "pdf")
    _one_a4_page(reader)
    protocol = load_protocol(resolve("avlastningssamtal", "en"))
    text = _text(reader)
    assert protocol.title in text
    assert protocol.contacts[0].role in text


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
def test_fonts_parsed_once_and_remembered_widths_give_the_same_bytes(
    full: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The speed-ups in pdf.py (fonts parsed once, widths remembered) change no byte."""
    from contextlib import contextmanager

    from avlastning_cli.export import pdf
    from avlastning_cli.export.checklist import checklist_model

    doc = checklist_model(load_protocol(resolve("avlastningssamtal", "en")), full=full)
    fast = pdf.to_pdf(doc)
    assert pdf._MeasuredFont._units  # the remembered widths were used
    opened = pdf._font_paths

    @contextmanager
    def plain_paths():  # a plain dict: every document parses its fonts with fpdf2's add_font
        with opened() as fonts:
            yield dict(fonts)

    monkeypatch.setattr(pdf, "_font_paths", plain_paths)
    pdf._MeasuredFont._units.clear()
    assert pdf.to_pdf(doc) == fast
    assert not pdf._MeasuredFont._units  # fpdf2's own measuring this time
