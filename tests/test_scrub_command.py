"""`avlastning scrub`: what a coordinator sees when checking a text."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from avlastning_cli.cli import app

runner = CliRunner()
TEXT = "Kollegan Anna Lindqvist ringde 070-123 45 67. Ring 112 vid fara.\n"


def test_scrub_stdin_masks_and_keeps_emergency_number():
    result = runner.invoke(app, ["scrub"], input=TEXT)
    assert result.exit_code == 0
    assert "Lindqvist" not in result.output and "070" not in result.output
    assert "[NAMN]" in result.output and "[TELEFON]" in result.output
    assert "112" in result.output


def test_scrub_file_json_in_english(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Call John Smith at john.smith@example.com\n", encoding="utf-8")
    result = runner.invoke(app, ["scrub", str(path), "--lang", "en", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert "[EMAIL]" in data["text"] and "john.smith" not in data["text"]
    types = {f["type"] for f in data["findings"]}
    assert {"name", "email"} <= types
    assert data["count"] == len(data["findings"])
    original = path.read_text("utf-8")
    email = next(f for f in data["findings"] if f["type"] == "email")
    assert original[email["start"] : email["end"]] == "john.smith@example.com"


def test_scrub_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["scrub", str(tmp_path / "none.txt")])
    assert result.exit_code == 1
    assert "filen finns inte" in result.output


def test_scrub_binary_file_is_a_clear_error(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"\xff\xfe\x00bad")
    result = runner.invoke(app, ["scrub", str(path)])
    assert result.exit_code == 1
    assert "inte UTF-8" in result.output


def test_scrub_stdin_streams_a_text_longer_than_a_file_may_be() -> None:
    # 2 MB through standard input, paragraph by paragraph (issue 16): all of it comes back
    para = "Kollegan Anna Lindqvist ringde 070-123 45 67 om rutinen.\n\n"
    text = para * (2_000_000 // len(para))
    result = runner.invoke(app, ["scrub"], input=text.encode("utf-8"))
    assert result.exit_code == 0
    assert result.output.count("[TELEFON]") == text.count("070-123")
    assert "Lindqvist" not in result.output and "070" not in result.output


def test_scrub_stdin_that_is_not_utf8_is_a_clear_error() -> None:
    result = runner.invoke(app, ["scrub"], input=b"Anna \xff\xfe")
    assert result.exit_code == 1
    assert "inte UTF-8" in result.output and "Traceback" not in result.output
