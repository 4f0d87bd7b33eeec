"""The packages import in one direction: the session drives ui, export and summary; none of
them imports the session back (the prompter interface and EMERGENCY live in
``avlastning_cli.prompter``, and the summary is built from plain values)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "avlastning_cli"
MUST_NOT_IMPORT = {
    "ui": ("avlastning_cli.session", "avlastning_cli.summary", "avlastning_cli.export"),
    "export": ("avlastning_cli.session", "avlastning_cli.ui"),
    "summary": ("avlastning_cli.session", "avlastning_cli.ui"),
    "protocol": ("avlastning_cli.session", "avlastning_cli.ui", "avlastning_cli.summary"),
    "privacy": ("avlastning_cli.session", "avlastning_cli.ui", "avlastning_cli.summary"),
}


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize("package", sorted(MUST_NOT_IMPORT))
def test_package_does_not_import_upwards(package: str) -> None:
    bad = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in sorted((PACKAGE / package).rglob("*.py"))
        for name in imports(path)
        if name.startswith(MUST_NOT_IMPORT[package])
    ]
    assert not bad, bad


def test_prompter_interface_imports_nothing_of_the_tool() -> None:
    assert not [n for n in imports(PACKAGE / "prompter.py") if n.startswith("avlastning_cli")]
