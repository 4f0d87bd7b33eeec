"""A fresh install (the wheel, unpacked into an empty folder), `avlastning anpassa` in a real
terminal (a pty, via pexpect): waiting for the prompts' labels, a refused phone number, then
the printed card."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import build_wheel

pexpect = pytest.importorskip("pexpect")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty"),
]

TIMEOUT = 30
ENTER = "\r"
BACKSPACE = "\x7f"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from this checkout and unpacked: what `pip install .` puts in place."""
    wheel = build_wheel(tmp_path_factory.mktemp("wheel"))
    site = tmp_path_factory.mktemp("site")
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_set_up_in_a_terminal_then_print_the_card(tmp_path: Path, installed: Path) -> None:
    from pypdf import PdfReader

    env = {k: v for k, v in os.environ.items() if k != "AVLASTNING_ASSUME_TTY"}
    env.update({"TERM": "xterm", "COLUMNS": "80", "LINES": "40", "PYTHONPATH": str(installed)})
    config = Path(env["AVLASTNING_CONFIG_DIR"])
    assert not (config / "organisation.yaml").exists()  # nothing set up yet
    child = pexpect.spawn(
        sys.executable,
        ["-m", "avlastning_cli", "anpassa"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 80),
    )
    child.expect("Akutmottagning")
    child.send(ENTER)  # left blank
    child.expect("Företagshälsovården")
    child.send("070-12" + ENTER)
    child.expect("för kort för ett telefonnummer")  # refused, with what is wrong
    child.send("3 45 67" + ENTER)  # what was typed is still there: finish the number
    child.expect("Vårdcentralen")
    child.send(ENTER)  # left blank
    child.expect("Närmaste chef")
    child.send("Maria Lind, 010-456 78 90" + ENTER)
    child.expect("POSOM")
    child.send(ENTER)
    child.expect("PKL")
    child.send("031-342 10 00" + ENTER)
    child.expect("Så här skrivs kontakterna ut")
    child.expect("Klar")
    child.send(ENTER)
    child.expect("Sparat i")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    done = subprocess.run(
        [sys.executable, "-m", "avlastning_cli", "card", "--format", "pdf", "-o", "kort.pdf"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages = PdfReader(io.BytesIO((tmp_path / "kort.pdf").read_bytes())).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "070-123 45 67" in text and "Maria Lind, 010-456 78 90" in text
    assert "<" not in text and "fyll i" not in text
    assert (config / "organisation.yaml").exists()
