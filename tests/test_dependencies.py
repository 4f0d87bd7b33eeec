"""Every library the package imports is one it declares.

A library that happens to be installed on the developer's machine but is missing from
``pyproject.toml`` passes every other test and then fails on a fresh laptop (phonenumbers
did, once). This reads the imports from the source, so it fails with the missing name.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "avlastning_cli"


def imported_top_levels(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        canonical(re.split(r"[ <>=!~;\[]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }


def undeclared(folder: Path) -> list[str]:
    wanted = declared()
    owners = packages_distributions()
    missing = []
    for module in sorted(
        imported_top_levels(folder) - set(sys.stdlib_module_names) - {"avlastning_cli"}
    ):
        distributions = {canonical(d) for d in owners.get(module, [module])}
        if not distributions & wanted:
            missing.append(f"{module} (from {', '.join(sorted(distributions))})")
    return missing


def test_every_import_of_the_package_is_a_declared_dependency() -> None:
    assert undeclared(PACKAGE) == []


def test_the_check_sees_an_undeclared_import(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("import pytest\nfrom yaml import safe_load\n", encoding="utf-8")
    assert undeclared(tmp_path) == ["pytest (from pytest)"]
