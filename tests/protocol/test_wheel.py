"""A plain (non-editable) install ships the bundled protocols and finds them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import build_wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return build_wheel(tmp_path_factory.mktemp("wheel"))


def test_wheel_contains_protocols_and_schema(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "avlastning_cli/_protocols/avlastningssamtal.sv.yaml" in names
    assert "avlastning_cli/_protocols/avlastningssamtal.en.yaml" in names
    assert "avlastning_cli/_protocols/protocol.schema.json" in names


def test_installed_wheel_lists_and_loads_protocols(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    # run from an empty folder so that the repo's own package cannot be imported instead
    result = subprocess.run(
        [sys.executable, "-m", "avlastning_cli", "protocols", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {r["id"] for r in json.loads(result.stdout)} >= {"avlastningssamtal"}
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "import avlastning_cli.protocol.registry as r; print(r.protocols_dir())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    ).stdout
    assert str(site) in where
