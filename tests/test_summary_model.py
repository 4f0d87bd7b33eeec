"""One summary contract: the writer builds the model, `stats` reads it, and the committed
``summary.schema.json`` describes it (and fails here when it is stale)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.summary import model as sm

runner = CliRunner()
ANSWERS = """\
participants: 4
warning_signs.flagged: [physical_injury]
practical.lessons: Larmet behöver ses över
next_steps.follow_up_date: "2030-01-02"
"""


def test_committed_summary_schema_is_current() -> None:
    committed = sm.SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == sm.schema_text(), (
        "summary.schema.json is stale: run\n  python -c 'from avlastning_cli.summary.model "
        "import SCHEMA_FILE, schema_text; SCHEMA_FILE.write_text(schema_text())'"
    )


def written(tmp_path: Path, *args: str) -> dict:
    result = runner.invoke(app, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (js,) = tmp_path.glob("*.json")
    return json.loads(js.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--answers", "EMPTY"],
        ["rehearse", "--answers", "EMPTY"],
        ["not-held", "--reason", "held_later"],
    ],
    ids=["live", "rehearsal", "not_held"],
)
def test_every_kind_the_tool_writes_fits_the_model_and_the_schema(
    tmp_path: Path, args: list[str]
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    empty = tmp_path / "svar.yaml"
    empty.write_text(ANSWERS, encoding="utf-8")
    out = tmp_path / "out"
    data = written(out, *[str(empty) if a == "EMPTY" else a for a in args])
    assert data["schema"] == "avlastning.summary/1"
    record = sm.parse_json(json.dumps(data))
    assert record.to_data() == data  # nothing lost or added on the way through the model
    jsonschema.validate(data, json.loads(sm.SCHEMA_FILE.read_text(encoding="utf-8")))


def test_stats_names_the_field_that_does_not_fit(tmp_path: Path) -> None:
    empty = tmp_path / "svar.yaml"
    empty.write_text(ANSWERS, encoding="utf-8")
    data = written(tmp_path / "out", "run", "--answers", str(empty))
    data["participants"] = "fem"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(app, ["stats", str(bad)])
    assert result.exit_code == 1, result.output  # no summary left to count
    assert f"{bad}: hoppas över: 'participants': Input should be a valid integer" in result.output
