"""What each light command must not import: the guard that keeps start-up fast.

Not a timing test (benchmarks/ measures time): the heavy libraries a command does not need
stay unimported, so a module-level import added by mistake fails here, with its name. A
protocol loaded before comes from the cache (protocol/cache.py), so it needs no PyYAML.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROTOCOLS

PROMPTS = ("questionary", "prompt_toolkit")
PDF = ("fpdf",)
CODE = (
    "import sys\n"
    "from avlastning_cli.cli import app\n"
    "try:\n    app(sys.argv[2:])\nexcept SystemExit:\n    pass\n"
    "print('LOADED', sorted(m for m in sys.argv[1].split(',') if m in sys.modules))\n"
)
CASES = {
    "--help": (["--help"], ("pydantic", "yaml", "rich", *PROMPTS, *PDF)),
    "protocols": (["protocols"], ("yaml", "rich", *PROMPTS, *PDF)),
    "checklist md": (["checklist", "-f", "md"], ("yaml", "rich", *PROMPTS, *PDF)),
    "card txt": (["card", "-f", "txt"], ("yaml", "rich", *PROMPTS, *PDF)),
    "validate": (
        ["validate", str(PROTOCOLS / "stodsamtal.sv.yaml")],
        ("yaml", "rich", *PROMPTS, *PDF),
    ),
}


def loaded(args: list[str], modules: tuple[str, ...]) -> str:
    cmd = [sys.executable, "-c", CODE, ",".join(modules), *args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return out.splitlines()[-1]


@pytest.mark.parametrize("name", CASES)
def test_a_light_command_leaves_heavy_libraries_unimported(name: str) -> None:
    args, heavy = CASES[name]
    loaded(args, heavy)  # the first run fills the protocol cache
    assert loaded(args, heavy) == "LOADED []"


def test_the_guard_sees_an_import() -> None:
    assert loaded(["checklist", "-f", "md"], ("pydantic", "yaml")) == "LOADED ['pydantic']"


def test_a_pdf_export_leaves_what_fpdf_would_import_for_nothing_unimported(
    tmp_path: Path,
) -> None:
    from avlastning_cli.export.pdf import UNUSED_EXTRAS

    extras = tuple(name for name in UNUSED_EXTRAS if importlib.util.find_spec(name))
    if not extras:
        pytest.skip("neither numpy nor cryptography is installed here")
    fpdf_alone = "import sys, fpdf; print(sorted(set(sys.argv[1:]) & set(sys.modules)))"
    cmd = [sys.executable, "-c", fpdf_alone, *extras]
    assert subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip() == str(
        sorted(extras)
    )
    assert loaded(["card", "-o", str(tmp_path / "kort.pdf")], extras) == "LOADED []"
    assert (tmp_path / "kort.pdf").read_bytes().startswith(b"%PDF-")
