"""Golden files: the checklist (page and --full) and the card, md/txt/html, both languages.

Any change in what these exports print fails here. When a change is intended (new wording in a
bundled protocol, a renderer change), regenerate the files and review the diff:

    UPDATE_GOLDEN=1 pytest tests/export

then run `pytest tests/export` again without the switch.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
runner = CliRunner()

CASES = [
    (kind, lang, fmt)
    for kind in ("checklist", "checklist-full", "card")
    for lang in ("sv", "en")
    for fmt in ("md", "txt", "html")
]


def _export(kind: str, lang: str, fmt: str, tmp_path: Path) -> str:
    command = ["card"] if kind == "card" else ["checklist"]
    if kind == "checklist-full":
        command.append("--full")
    if fmt == "html":
        target = tmp_path / f"{kind}.html"
        result = runner.invoke(app, [*command, "--lang", lang, "-f", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        return target.read_text(encoding="utf-8")
    result = runner.invoke(app, [*command, "--lang", lang, "-f", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("kind", "lang", "fmt"), CASES, ids=["-".join(c) for c in CASES])
def test_matches_golden_file(kind: str, lang: str, fmt: str, tmp_path: Path) -> None:
    text = _export(kind, lang, fmt, tmp_path)
    golden = GOLDEN / f"{kind}.{lang}.{fmt}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"{golden} is missing: run UPDATE_GOLDEN=1 pytest tests/export"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{kind} {lang} {fmt} differs from {golden.name}. If the change is intended: "
        "UPDATE_GOLDEN=1 pytest tests/export, and review the diff."
    )


def test_no_golden_file_is_left_over() -> None:
    expected = {f"{kind}.{lang}.{fmt}" for kind, lang, fmt in CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected
