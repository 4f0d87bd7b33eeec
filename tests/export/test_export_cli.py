"""The checklist and card commands as a user runs them: exit codes, output, files written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from tests.conftest import PROTOCOLS

runner = CliRunner()


@pytest.mark.parametrize("command", [["checklist"], ["checklist", "--full"], ["card"]])
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_md_and_txt_go_to_standard_output(command: list[str], fmt: str) -> None:
    result = runner.invoke(app, [*command, "-f", fmt])
    assert result.exit_code == 0, result.output
    assert "Avlastningssamtal" in result.stdout or "Efter en allvarlig händelse" in result.stdout
    assert result.stderr == ""


def test_markdown_is_the_default() -> None:
    result = runner.invoke(app, ["checklist"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Avlastningssamtal\n")
    assert "- [ ] **Spelregler · 2 min**" in result.stdout


@pytest.mark.parametrize("command", ["checklist", "card"])
@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_html_and_pdf_need_a_file(command: str, fmt: str) -> None:
    result = runner.invoke(app, [command, "-f", fmt])
    assert result.exit_code == 2
    assert "lägg till -o" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf"])
def test_output_file_is_written(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "sub" / f"checklista.{fmt}"
    result = runner.invoke(app, ["checklist", "-f", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"Skrev {target}" in result.stdout
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") if fmt == "pdf" else "Avlastningssamtal" in data.decode()


@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_existing_file_is_refused_and_left_unchanged(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"kort.{fmt}"
    target.write_text("mine, keep me", encoding="utf-8")
    result = runner.invoke(app, ["card", "-f", fmt, "-o", str(target)])
    assert result.exit_code == 1
    assert "finns redan" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine, keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left


def test_unknown_protocol_is_a_clear_error() -> None:
    result = runner.invoke(app, ["checklist", "no_such_protocol"])
    assert result.exit_code == 1
    assert "Inget inbyggt protokoll heter 'no_such_protocol'" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["checklist", "--format", "docx"])
    assert result.exit_code == 2
    assert "docx" in result.output


def test_file_name_without_a_known_ending_needs_a_format(tmp_path: Path) -> None:
    target = tmp_path / "checklist.docx"
    result = runner.invoke(app, ["checklist", "-o", str(target)])
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert not target.exists()


def test_protocol_without_a_card_is_a_clear_error(tmp_path: Path) -> None:
    source = (PROTOCOLS / "avlastningssamtal.en.yaml").read_text(encoding="utf-8")
    head, _, _ = source.partition("\ncard:")
    no_card = tmp_path / "no_card.yaml"
    no_card.write_text(head + "\n", encoding="utf-8")
    result = runner.invoke(app, ["card", str(no_card)])
    assert result.exit_code == 1, result.output
    assert "has no 'card' part" in result.stderr
    assert "Traceback" not in result.output


def test_english_by_lang_option() -> None:
    result = runner.invoke(app, ["card", "--lang", "en", "-f", "txt"])
    assert result.exit_code == 0, result.output
    assert "Who to contact, and when" in result.stdout


def test_help_explains_both_commands() -> None:
    for command in ("checklist", "card"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "--format" in result.output and "--output" in result.output
