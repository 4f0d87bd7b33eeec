"""Output redirected to a file is UTF-8 whatever the platform's code page."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = {
    "main": "from avlastning_cli.cli import main; main()",
    "bare app": "from avlastning_cli.cli import app; app()",
}


def run(entry: str, tmp_path) -> subprocess.CompletedProcess[bytes]:
    path = tmp_path / "anteckning.txt"
    path.write_text("Steg → nästa ☐ klart ✓ på avdelning 4\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    return subprocess.run(
        [sys.executable, "-c", CODE[entry], "scrub", str(path)],
        capture_output=True,
        env=env,
        check=False,
    )


def test_redirected_output_is_utf8_even_with_a_legacy_code_page(tmp_path):
    out = run("main", tmp_path)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert out.stdout.decode("utf-8") == "Steg → nästa ☐ klart ✓ på avdelning 4\n"


@pytest.mark.skipif(sys.platform == "win32", reason="shows the failure the fix prevents")
def test_without_the_fix_a_legacy_code_page_fails(tmp_path):
    assert run("bare app", tmp_path).returncode != 0
