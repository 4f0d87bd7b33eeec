"""Text the tool did not write itself never reaches the terminal or a document as control
characters: escapes are shown as ^[ (NUL removed), Markdown and HTML in typed text escaped."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.ui import screens
from avlastning_cli.ui.labels import labels
from tests.robust.helpers import RAW_ESCAPES, hostile_protocol
from tests.session.harness import drive, enters

runner = CliRunner()


def assert_inert(data: bytes | str) -> None:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    for raw in RAW_ESCAPES:
        assert raw not in text, repr(text[max(0, text.find(raw) - 40) : text.find(raw) + 40])
    assert "\x00" not in text


def test_visible_shows_controls_as_carets_and_drops_nul() -> None:
    from avlastning_cli.textsafe import visible

    assert visible("a\x1b]0;x\x07b") == "a^[]0;x^Gb"
    assert visible("\x9b2J") == "^[[2J"
    assert visible("nul\x00l") == "null"
    assert visible("rad 1\r\nrad 2\tflik") == "rad 1\nrad 2\tflik"
    assert visible("åäö → ☐") == "åäö → ☐"


def test_typed_text_is_stored_without_controls_even_from_a_non_utf8_terminal() -> None:
    from avlastning_cli.textsafe import clean_input, describe

    assert clean_input("a\x1b[2Jb\x00c\x07") == "a[2Jbc"
    assert clean_input("\udcc3\udca5\udcc3\udca4") == "åä"  # UTF-8 read as ASCII
    assert "datetime" not in describe(__import__("datetime").datetime(2001, 1, 2, 3, 4))


def test_checklist_txt_md_html_carry_no_escape_bytes(tmp_path: Path) -> None:
    protocol = hostile_protocol(tmp_path)
    for fmt in ("txt", "md"):
        result = runner.invoke(app, ["checklist", str(protocol), "-f", fmt, "--full"])
        assert result.exit_code == 0, result.output
        assert_inert(result.stdout_bytes)
        assert "^[]0;pwned^G" in result.output or "^[\\]0;pwned^G" in result.output
        assert "^[[2J" in result.output.replace("\\", "")
    out = tmp_path / "c.html"
    result = runner.invoke(app, ["checklist", str(protocol), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_inert(out.read_bytes())


def test_validate_messages_show_escapes_visibly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('id: x\n"\\e]0;pwned\\a\\e[2J": 1\ntitle: "\\e[8m"\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert_inert(result.stdout_bytes)
    assert "^[]0;pwned^G^[[2J" in result.output


def test_errors_on_stderr_show_escapes_visibly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["checklist", str(tmp_path / "no\x1b[2Jsuch.yaml")])
    assert result.exit_code == 1
    assert_inert(result.stdout_bytes + result.stderr_bytes)
    assert "no^[[2Jsuch.yaml" in result.output


def test_a_whole_session_on_screen_sends_no_escape_from_the_protocol(tmp_path: Path) -> None:
    """The bytes the tool prints during `run` (screens, tips, the preview, the summary)."""
    out = tmp_path / "out"
    result = drive(["run", str(hostile_protocol(tmp_path)), "--out", str(out)], enters())
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout_bytes)
    assert "^[]0;pwned" in result.output and "^[[8mdold" in result.output  # rich drops BEL
    assert len(list(out.glob("*.md"))) == 1


def test_the_as_stored_preview_and_summary_preview_show_escapes_visibly() -> None:
    from avlastning_cli.ui.console import safe_console

    L = labels("sv")
    buffer = io.StringIO()
    console = safe_console(file=buffer, force_terminal=True, width=80)
    console.print(screens.text_preview("a\x1b]0;x\x07b \x1b[2J", 0, L))
    console.print(screens.summary_preview("# T\n\x1b[8mdold", L))
    printed = buffer.getvalue()
    assert "\x1b]0;" not in printed and "\x1b[2J" not in printed and "\x1b[8m" not in printed
    assert "^[]0;x" in printed and "^[[2J" in printed and "^[[8mdold" in printed


def test_nul_and_escapes_from_an_answers_file_never_reach_the_summary(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        'practical.lessons: "bra \\0 samtal \\e]0;x\\a \\e[2J slut"\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 0, result.output
    md = next(out.glob("*.md")).read_bytes()
    assert_inert(md)
    data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
    assert data["lessons"] == "bra  samtal ]0;x [2J slut"
