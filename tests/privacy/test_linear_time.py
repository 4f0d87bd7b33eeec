"""Guards against a return to super-linear time (issue 16), and the streaming scrub.

Not timing tests: the bounds are ten times what these inputs take now and far below what they
took before (each of the first two took over 90 s, and 1 MB of ordinary text 6.8 s).
"""

from __future__ import annotations

import io
import time

import pytest

from avlastning_cli.privacy import scrub, scrub_stream
from avlastning_cli.privacy.scrubber import paragraphs

PATHOLOGICAL = {
    "spaced digit runs (phone pattern)": ("1" * 46 + " ") * (100_000 // 47),
    '"1 A " on one line (English street hint)': "1 A " * 25_000,
    "one long capitalised word (compound split)": "A" + "a" * 100_000,
    "overlap checks (many findings)": "Anna Lindqvist 070-123 45 67. " * 3_400,
}


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_is_not_quadratic(name: str, lang: str) -> None:
    text = PATHOLOGICAL[name]
    t0 = time.perf_counter()
    result = scrub(text, lang)
    assert time.perf_counter() - t0 < 10.0, name
    assert len(result.text) > 0


def test_overlap_input_is_masked_everywhere() -> None:
    out = scrub("Anna Lindqvist 070-123 45 67. " * 3_400, "sv").text
    assert "Lindqvist" not in out and "070" not in out
    assert out.count("[TELEFON]") == 3_400


def test_stream_gives_the_same_text_as_a_whole_scrub() -> None:
    para = "Kollegan Anna Lindqvist ringde 070-123 45 67.\nHon bor på Storgatan 4.\n\n"
    text = para * 2_000 + "Ring 112."
    pieces = list(scrub_stream(io.StringIO(text).read, "sv"))
    assert len(pieces) > 1
    assert "".join(p.text for p in pieces) == scrub(text, "sv").text


def test_one_huge_line_is_cut_into_bounded_pieces() -> None:
    text = "ord " * 200_000  # 800 000 characters, no line break
    pieces = list(paragraphs(io.StringIO(text).read, limit=50_000))
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= 50_000
    assert all(p.endswith(" ") for p in pieces)
