"""The PDF's own line breaking (pdf.wrap): nothing lost, nothing past the margin, and the same
lines fpdf2's multi_cell would have set."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from avlastning_cli.export import pdf
from avlastning_cli.export.checklist import checklist_model
from avlastning_cli.export.document import Document, Para, Table
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve

words = st.lists(st.text("abcåäö-.", min_size=1, max_size=14), min_size=0, max_size=30)


@given(words=words, width=st.integers(min_value=1, max_value=40))
def test_every_character_kept_in_order_and_no_line_too_wide(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = pdf.wrap(text, width, len)
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert " ".join(lines).split() == text.split() or any(len(w) > width for w in words)


def test_breaks_at_spaces_at_line_breaks_and_inside_a_word_only_when_it_must() -> None:
    assert pdf.wrap("ett två tre", 7, len) == ["ett två", "tre"]
    assert pdf.wrap("ett\ntvå", 40, len) == ["ett", "två"]
    assert pdf.wrap("", 10, len) == [""]
    assert pdf.wrap("abcdefghij", 4, len) == ["abcd", "efgh", "ij"]
    assert pdf.wrap("a abcdefghij", 4, len) == ["a", "abcd", "efgh", "ij"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_same_lines_as_fpdf2s_multi_cell(lang: str) -> None:
    protocol = load_protocol(resolve("avlastningssamtal", lang))
    texts = sorted(set(pdf._strings(checklist_model(protocol, full=True))))
    assert len(texts) > 100
    with pdf._font_paths() as fonts:
        writer = pdf._Writer(Document(title="t", language=lang, blocks=()), 10.0, fonts)
        writer.font()
        for width in (60.0, 186.0):
            for text in texts:
                ours = pdf.wrap(text, width - 2 * writer.pdf.c_margin, writer.width)
                theirs = writer.pdf.multi_cell(width, 5, text, dry_run=True, output="LINES")
                assert ours == theirs, text


def test_a_long_unbroken_address_is_printed_whole(tmp_path) -> None:
    url = "https://www.example.se/" + "krisstod-" * 30 + "slut"
    doc = Document(
        title="Kort",
        language="sv",
        blocks=(
            Para(text=f"Läs mer på {url} i dag."),
            Table(header=("Vem", "Nås"), rows=(("Chef", url),), widths=(1, 3)),
        ),
    )
    target = tmp_path / "long.pdf"
    target.write_bytes(pdf.to_pdf(doc))
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert text.count(url) == 2
