"""The PDF font (a DejaVu Sans subset) has no emoji, CJK, Hebrew or Arabic glyphs: they are
printed as "?" and the command says which, instead of vanishing silently."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from avlastning_cli.cli import app
from tests.robust.helpers import hostile_protocol

runner = CliRunner()
FOREIGN = "Möte 😀 会议 פגישה اجتماع"


def test_glyphs_the_font_lacks_show_as_question_marks_with_a_warning(tmp_path: Path) -> None:
    from pypdf import PdfReader

    protocol = hostile_protocol(tmp_path, title=FOREIGN, tip="Tips")
    out = tmp_path / "c.pdf"
    result = runner.invoke(app, ["checklist", str(protocol), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "PDF-typsnittet kan inte visa 😀 会 议 פ ג י ש ה ا ج ت م ع" in result.output
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Möte ? ?? ????? ??????" in text


def test_no_warning_when_every_glyph_is_there(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    result = runner.invoke(app, ["card", "-o", str(out)])
    assert result.exit_code == 0
    assert "PDF" not in result.output
