"""What the leader sees: readable at 60 columns, no colour with NO_COLOR, labels complete."""

from __future__ import annotations

import io
import time

import pytest
from rich.console import Console

from avlastning_cli.protocol import models as m
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.protocol.registry import resolve
from avlastning_cli.ui import screens
from avlastning_cli.ui.labels import labels
from avlastning_cli.ui.prompts import Countdown

SV = labels("sv")


def render(renderable: object, width: int = 60, **kw: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, highlight=False, **kw)  # type: ignore[arg-type]
    console.print(renderable)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_step_fits_in_60_columns(lang: str) -> None:
    p = load_protocol(resolve(None, lang))
    L = labels(lang)
    for i, section in enumerate(p.sections):
        text = render(screens.section_screen(p, section, i, len(p.sections), 2.4, L))
        assert all(len(line) <= 60 for line in text.splitlines())
        assert section.title.split()[0] in text
        assert L["step"].format(i=i + 1, n=len(p.sections)) in text
    assert "Steg 3/10" in render(screens.section_screen(p, p.sections[2], 2, 10, 0, SV))


def test_words_to_say_are_apart_from_the_tips() -> None:
    p = load_protocol(resolve(None, "sv"))
    purpose = p.sections[1]
    text = render(screens.section_screen(p, purpose, 1, 10, 0.0, SV), width=100)
    say_at = text.index("Säg")
    tips_at = text.index("Tips för dig")
    assert say_at < text.index("Tack för att ni är här") < tips_at
    assert text.index("Starta alltid med att berätta syftet") > tips_at
    assert "mål 2 min · hittills 0 min" in text
    assert "Varför" not in text  # only in rehearsal
    rehearsal = render(screens.section_screen(p, purpose, 1, 10, 0, SV, rehearsal=True), 100)
    assert "ÖVNING" in rehearsal and "Varför" in rehearsal


def test_no_colour_codes_when_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    p = load_protocol(resolve(None, "sv"))
    text = render(screens.emergency_screen(p, SV), force_terminal=True)
    assert "\x1b[3" not in text and "\x1b[9" not in text  # no foreground colours
    assert "112" in text


def test_screens_never_show_red_or_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    p = load_protocol(resolve(None, "sv"))
    shown = [screens.section_screen(p, s, i, 10, 1, SV) for i, s in enumerate(p.sections)]
    signs = next(s for s in p.sections if isinstance(s, m.WarningSignsSection)).signs
    shown += [screens.emergency_screen(p, SV), screens.sign_actions(list(signs), SV)]
    for renderable in shown:
        text = render(renderable, force_terminal=True, color_system="standard")
        assert "\x1b[" in text  # colours are on here …
        for code in ("[31m", ";31m", "[91m", ";91m", "[5m", ";5m", "[6m"):
            assert code not in text  # … but never red, never blinking


def test_labels_have_the_same_keys_in_both_languages() -> None:
    assert SV.keys() == labels("en").keys()
    assert labels("xx") == SV


def test_countdown_is_quiet_and_ends_without_alarm() -> None:
    c = Countdown("Person 3 av 6", 120, SV)
    assert str(c) in ("Person 3 av 6 · 2:00 kvar", "Person 3 av 6 · 1:59 kvar")
    c.start = time.monotonic() - 130
    assert str(c) == "Person 3 av 6 · tiden är ute, ingen brådska"
    assert f"{c}" == str(c)


def test_prompt_text_wraps_at_words_not_inside_them(monkeypatch) -> None:
    from avlastning_cli.ui.prompts import fit

    monkeypatch.setenv("COLUMNS", "60")
    label = "Vi sitter ner på en lugn och trivsam plats där vi inte blir störda."
    lines = fit(label).split("\n")
    assert len(lines) == 2 and all(len(line) < 60 for line in lines)
    assert lines[0].endswith("inte") and lines[1] == "  blir störda."
    assert " ".join(part.strip() for part in lines) == label


def test_emergency_screen_lists_life_threatening_signs_first() -> None:
    """Whatever order a protocol gives, the signs that call for 112 now come first."""
    p = load_protocol(resolve("avlastningssamtal", "sv"))
    section = next(s for s in p.sections if isinstance(s, m.WarningSignsSection))
    reordered = section.model_copy(update={"signs": list(reversed(section.signs))})
    sections = [reordered if s is section else s for s in p.sections]
    p = p.model_copy(update={"sections": sections})
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(screens.emergency_screen(p, SV))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    titles = [m.sign_label(s) for s in reordered.signs]
    first_other = min(
        out.index(t)
        for t, s in zip(titles, reordered.signs, strict=True)
        if s.level != "life_threatening"
    )
    for title, sign in zip(titles, reordered.signs, strict=True):
        if sign.level == "life_threatening":
            assert out.index(title) < first_other
    assert out.index("Ring 112 nu") < first_other
