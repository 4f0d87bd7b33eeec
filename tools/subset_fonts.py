"""Make the small fonts the PDF exports embed, from DejaVu Sans.

The PDF core fonts are Latin-1 only, and a user's laptop has no font we can rely on, so the
package ships a subset of DejaVu Sans (regular and bold): Latin, Latin-1 Supplement, Latin
Extended-A, General Punctuation (dashes, curly quotes, bullet, ellipsis), the euro sign, arrows,
box drawing, geometric shapes and ballot boxes. That keeps each file well under 150 KB.

Run it again after changing the ranges (needs `apt-get install fonts-dejavu-core`):

    python tools/subset_fonts.py [/usr/share/fonts/truetype/dejavu]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "avlastning_cli" / "export" / "fonts"
SOURCE = Path("/usr/share/fonts/truetype/dejavu")
LICENCE = Path("/usr/share/doc/fonts-dejavu-core/copyright")
FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: å ä ö é ü « » § …
    (0x0100, 0x017F),  # Latin Extended-A
    (0x2000, 0x206F),  # General Punctuation: – — ‘ ’ “ ” • …
    (0x20AC, 0x20AC),  # €
    (0x2190, 0x21FF),  # Arrows: → ←
    (0x2500, 0x257F),  # Box Drawing
    (0x25A0, 0x25FF),  # Geometric Shapes: □ ■ ○
    (0x2610, 0x2612),  # Ballot boxes ☐ ☑ ☒
    (0x2713, 0x2714),  # Check marks ✓ ✔
)


def unicodes() -> list[int]:
    return [cp for low, high in RANGES for cp in range(low, high + 1)]


def subset_font(source: Path, target: Path) -> None:
    options = subset.Options()
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]  # keep the copyright and licence entries
    options.notdef_outline = True
    options.hinting = False  # print output: hinting only adds bytes
    options.desubroutinize = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main(argv: list[str]) -> int:
    source_dir = Path(argv[1]) if len(argv) > 1 else SOURCE
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        target = TARGET / name
        subset_font(source_dir / name, target)
        print(f"{target.relative_to(HERE.parent)}: {target.stat().st_size // 1024} KB")
    if LICENCE.is_file():
        shutil.copyfile(LICENCE, TARGET / "LICENSE-DejaVu.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
