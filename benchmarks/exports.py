"""How long each printable export takes, as a fresh `python -m avlastning_cli` process.

- md, txt and html against the typer floor (a minimal typer app running one subcommand with
  one option; it imports pydantic through typer), target at most 1.25x;
- pdf against `python -c "import fpdf"` (what any fpdf2 document costs), target at most 1.3x.
For scale, the least a typer command writing a PDF costs: a minimal typer app running one
subcommand with one option that writes one line of text in the bundled font with fpdf2.
Whole processes, alternating, medians (see timing.py); a temporary cache folder is used.
Run: python benchmarks/exports.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from timing import TYPER_FLOOR, Case, Timing, avlastning, measure, process, report, write_script

FLOOR = "typer floor"
FPDF = "import fpdf"
EXPORTS: list[tuple[str, list[str], str]] = [
    ("checklist md", ["checklist", "-f", "md"], FLOOR),
    ("checklist txt", ["checklist", "-f", "txt"], FLOOR),
    ("checklist html", ["checklist", "-f", "html", "-o", "{out}.html"], FLOOR),
    ("card md", ["card", "-f", "md"], FLOOR),
    ("card html", ["card", "-f", "html", "-o", "{out}.html"], FLOOR),
    ("checklist pdf", ["checklist", "-f", "pdf", "-o", "{out}.pdf"], FPDF),
    ("checklist --full pdf", ["checklist", "--full", "-f", "pdf", "-o", "{out}.pdf"], FPDF),
    ("card pdf", ["card", "-f", "pdf", "-o", "{out}.pdf"], FPDF),
]
TARGETS = {FLOOR: 1.25, FPDF: 1.3}
# For scale: fpdf2 imported the way the PDF export imports it, without numpy and cryptography
# (used only for images and signing). The baseline above imports whatever fpdf2 finds: on a
# machine without them, it is that much cheaper and our ratios that much higher.
LEAN_FPDF = (
    "import sys\nfor name in ('numpy', 'cryptography'):\n    sys.modules[name] = None\nimport fpdf"
)
FONT = Path(__file__).resolve().parent.parent / "avlastning_cli/export/fonts/DejaVuSans.ttf"
TYPER_PDF = '''
import sys
import typer
app = typer.Typer()
@app.command()
def one(out: str = typer.Option(..., help="Where.")) -> None:
    """One."""
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("DejaVu", "", sys.argv[-1])
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    pdf.cell(text="Avlastningssamtal: en rad med å, ä och ö.")
    pdf.output(out)
@app.command()
def two() -> None:
    """Two."""
app(sys.argv[1:-1])
'''


def export(args: list[str], folder: Path, env: dict[str, str]) -> Callable[[], Timing]:
    def run() -> Timing:
        out = str(folder / f"run{time.monotonic_ns()}")  # a new file each time: never refused
        return process(avlastning(*(a.format(out=out) for a in args)), env)()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = dict(os.environ, AVLASTNING_CACHE_DIR=str(tmp / "cache"))
        floor = write_script(tmp, "typer_floor.py", TYPER_FLOOR)
        typer_pdf = write_script(tmp, "typer_pdf.py", TYPER_PDF)
        cases = [
            Case(FLOOR, process([sys.executable, str(floor), "one", "--lang", "en"])),
            Case(FPDF, process([sys.executable, "-c", "import fpdf"])),
            Case(
                "import fpdf, without extras",
                process([sys.executable, "-c", LEAN_FPDF]),
                FPDF,
            ),
            Case(
                "typer app's one-line pdf",
                process(
                    [sys.executable, str(typer_pdf), "one", "--out", str(tmp / "t.pdf"), str(FONT)]
                ),
                FPDF,
            ),
        ]
        cases += [
            Case(label, export(command, tmp, env), base, TARGETS[base])
            for label, command, base in EXPORTS
        ]
        measure(cases, args.runs)
    ok = report(cases, args.runs)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
