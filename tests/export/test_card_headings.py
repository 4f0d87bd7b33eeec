"""A conversation protocol's card can name its own headings; the tool's are the default."""

from __future__ import annotations

from typer.testing import CliRunner

from avlastning_cli.cli import app

runner = CliRunner()


def test_card_uses_the_protocols_own_headings():
    result = runner.invoke(app, ["card", "efterlevandestod", "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert "Vanliga reaktioner i sorg" in result.output
    assert "Vanliga reaktioner de närmaste dagarna" not in result.output


def test_card_without_headings_uses_the_tools_labels():
    result = runner.invoke(app, ["card", "--lang", "en", "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert "Normal reactions in the coming days" in result.output
