"""The coordinator's commands: protocols, schema, new, answers; --version and --help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from typer.testing import CliRunner

from avlastning_cli import __version__
from avlastning_cli.cli import app
from avlastning_cli.protocol.fields import fields
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.session.answers import load_answers
from tests.conftest import PROTOCOLS

runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"avlastning {__version__}"


def test_version_is_the_one_in_pyproject():
    import tomllib
    from importlib.metadata import version

    from tests.conftest import REPO

    with (REPO / "pyproject.toml").open("rb") as fh:
        written = tomllib.load(fh)["project"]["version"]
    assert __version__ == version("avlastning") == written


def test_every_command_has_help_text():
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    for info in app.registered_commands:
        name = info.name or info.callback.__name__  # type: ignore[union-attr]
        assert info.help, f"{name} has no help text"
        assert name in top.output
        for flag in ("--help", "-h"):
            result = runner.invoke(app, [name, flag])
            assert result.exit_code == 0, (name, result.output)
            assert "Användning:" in result.output


def test_usage_error_exits_2():
    result = runner.invoke(app, ["protocols", "--bogus"])
    assert result.exit_code == 2


def test_protocols_lists_bundled_in_both_languages():
    result = runner.invoke(app, ["protocols"])
    assert result.exit_code == 0
    assert "avlastningssamtal" in result.output and "Avlastningssamtal" in result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "språk", "version", "typ", "titel"]
    rows = {tuple(line.split(maxsplit=4)) for line in lines[1:]}
    assert ("avlastningssamtal", "sv", "1.0", "defusing", "Avlastningssamtal") in rows
    assert ("stodsamtal", "en", "1.0", "conversation", "Support conversation (stödsamtal)") in rows
    lang_column = {line.index(" sv " if " sv " in line else " en ") for line in lines[1:]}
    assert len(lang_column) == 1  # aligned


def test_protocols_json():
    result = runner.invoke(app, ["protocols", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    pairs = {(r["id"], r["language"]) for r in rows}
    assert {("avlastningssamtal", "sv"), ("avlastningssamtal", "en")} <= pairs
    for row in rows:
        assert {"id", "language", "title", "version"} <= set(row)


def test_schema_prints_the_committed_schema():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output) == json.loads(
        (PROTOCOLS / "protocol.schema.json").read_text("utf-8")
    )


def test_new_writes_a_valid_copy_with_schema_line(tmp_path):
    target = tmp_path / "var-rutin.yaml"
    result = runner.invoke(app, ["new", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    first = target.read_text("utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
    assert first.endswith("protocol.schema.json")
    protocol = load_protocol(target)
    assert protocol.language == "en"
    check = runner.invoke(app, ["validate", str(target)])
    assert check.exit_code == 0, check.output


def test_new_refuses_to_overwrite(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 1
    assert "finns redan" in result.output
    assert target.read_text("utf-8") == "keep me\n"


@pytest.mark.parametrize("ref", ["avlastningsamtal", "nothing-like-it"])
def test_unknown_protocol_id_is_a_clear_error(ref):
    result = runner.invoke(app, ["answers", ref])
    assert result.exit_code == 1
    assert "Inget inbyggt protokoll heter" in result.output
    assert "Traceback" not in result.output
    if ref == "avlastningsamtal":
        assert "Menade du 'avlastningssamtal'?" in result.output


def test_unknown_language_is_a_clear_error():
    result = runner.invoke(app, ["answers", "--lang", "de"])
    assert result.exit_code == 1
    assert "--lang sv" in result.output


def test_lang_from_environment(monkeypatch):
    monkeypatch.setenv("AVLASTNING_LANG", "en")
    result = runner.invoke(app, ["answers"])
    assert "(en)" in result.output.splitlines()[0]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_answers_template_unchanged_is_a_valid_answers_file(tmp_path, lang):
    result = runner.invoke(app, ["answers", "--lang", lang])
    assert result.exit_code == 0
    path = tmp_path / "svar.yaml"
    path.write_text(result.output, encoding="utf-8")
    protocol = load_protocol(resolve(None, lang))
    answers = load_answers(path, protocol)
    assert answers == {f.key: f.default for f in fields(protocol)}
    assert "# " in result.output  # commented for people


def test_answers_json_describes_every_field():
    result = runner.invoke(app, ["answers", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["participants"]["type"] == "number"
    assert data["practical.lessons"] == {
        **data["practical.lessons"],
        "type": "text",
        "default": "",
        "section": "practical",
        "scrubbed": True,
    }
    cond = data["practical.alone_tonight_arranged"]["show_if"]
    assert cond == {"key": "practical.someone_alone_tonight", "equals": True}
    for value in data.values():
        assert {"type", "default", "section"} <= set(value)


def test_answers_rehearsal_adds_scenarios_and_self_rating():
    live = json.loads(runner.invoke(app, ["answers", "--json"]).output)
    rehearsal = json.loads(runner.invoke(app, ["answers", "--json", "--rehearsal"]).output)
    extra = set(rehearsal) - set(live)
    assert any(k.startswith("scenario.") for k in extra)
    assert any(k.startswith("self_rating.") for k in extra)


def test_answers_template_is_yaml_with_flat_keys():
    result = runner.invoke(app, ["answers", "--lang", "sv"])
    data = yaml.safe_load(result.output)
    assert data["participants"] == 1
    assert data["warning_signs.flagged"] == []


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "avlastning_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_help_path_imports_no_pydantic_or_questionary():
    code = (
        "import sys\n"
        "from avlastning_cli.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pydantic', 'questionary', 'prompt_toolkit', 'fpdf') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "HEAVY []" in out
