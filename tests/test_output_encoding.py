"""Output redirected to a file is UTF-8 whatever the platform's code page."""

from __future__ import annotations

import os
import subprocess
import sys


def test_redirected_output_is_utf8_even_with_a_legacy_code_page(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from avlastning_cli.cli import main; main()",
            "checklist",
            "--format",
            "txt",
        ],
        capture_output=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    text = out.stdout.decode("utf-8")
    assert "Vad är din känsla" in text
