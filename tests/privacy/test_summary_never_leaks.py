"""Property: personal data typed into any free-text answer never reaches either summary file.

This goes through the session engine (which scrubs as the answer is entered), the summary
builder and the writer (which scans again), and reads the files back from disk.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avlastning_cli.export.summary import build_summary, write_summary
from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.session.engine import Engine
from avlastning_cli.session.state import new_state

from .corpus import personnummer, phone

PROTOCOLS = {lang: load_protocol(resolve(None, lang)) for lang in ("sv", "en")}
TEXT_KEYS = {
    lang: [x.key for x in f.fields(p) if x.type == "text"] for lang, p in PROTOCOLS.items()
}
WORDS = st.lists(
    st.sampled_from(
        "kollegan patienten larmet kom sent vi behöver bättre rutiner för och efter passet "
        "the alarm came late we need better routines after shift".split()
    ),
    max_size=8,
).map(" ".join)
EMAILS = st.from_regex(r"[a-z][a-z0-9._]{1,10}[a-z0-9]@[a-z]{3,9}\.(se|com|nu)", fullmatch=True)


@st.composite
def secret(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["pnr", "phone", "email"]))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    if kind == "pnr":
        return personnummer(rng)
    if kind == "phone":
        return phone(rng)
    return draw(EMAILS)


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lang=st.sampled_from(["sv", "en"]),
    before=WORDS,
    value=secret(),
    after=WORDS,
)
def test_typed_personal_data_never_reaches_the_files(lang, before, value, after):
    protocol = PROTOCOLS[lang]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        path = resolve(None, lang)
        state = new_state("live", protocol.id, protocol.version, lang, path, out)
        engine = Engine(protocol, state)
        for key in TEXT_KEYS[lang]:
            engine.answer(key, f"{before} {value} {after}".strip())
        md, js = write_summary(protocol, build_summary(protocol, state), out)
        for written in (md, js):
            assert value not in written.read_text(encoding="utf-8")
        lessons = json.loads(js.read_text(encoding="utf-8"))["lessons"]
        assert lessons, "the answer itself (scrubbed) is kept"
        if digits(value):
            assert digits(value) not in digits(lessons)
