"""Broken protocols: each gets its located message, exit 1, and no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from tests.conftest import PROTOCOLS

runner = CliRunner()
SV = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")


def mutate(old: str, new: str, count: int = 1) -> str:
    assert SV.count(old) >= count, old
    return SV.replace(old, new, count)


def line_of(text: str, needle: str) -> int:
    """The line of the last occurrence (where a duplicate is)."""
    return text[: text.rindex(needle)].count("\n") + 1


def validate(tmp_path: Path, text: str, *args: str, lang: str = "en"):
    """Validate ``text``; English unless asked (the Swedish cases are below)."""
    path = tmp_path / "lokal.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--lang", lang, str(path), *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return path, result


CASES = {
    "typo in a top-level key": (
        lambda: mutate("duration_minutes: 30", "duraton_minutes: 30"),
        "duraton_minutes",
        r"unknown key 'duraton_minutes' \(did you mean 'duration_minutes'\?\)",
    ),
    "typo in a section key": (
        lambda: mutate("    kind: round\n", "    kind: round\n    sekunder: 3\n"),
        "    sekunder",
        r"sections\[4\]\.sekunder: unknown key 'sekunder'",
    ),
    "typo in a kind": (
        lambda: mutate("    kind: round\n", "    kind: rund\n"),
        "rund\n",
        r"unknown kind 'rund' \(did you mean 'round'\?\)",
    ),
    "wrong type": (
        lambda: mutate("duration_minutes: 30", "duration_minutes: en halvtimme"),
        "en halvtimme",
        r"duration_minutes: expected a whole number, got 'en halvtimme'",
    ),
    "unquoted version": (
        lambda: mutate('version: "1.0"', "version: 1.0"),
        "1.0",
        r"version: write the version in quotes",
    ),
    "bad date": (
        lambda: mutate("review_by: 2027-11-01", "review_by: snart"),
        "review_by: snart",
        r"review_by: expected a date like 2027-11-01",
    ),
    "missing required key": (
        lambda: mutate('title: "Avlastningssamtal"\n', ""),
        "id: avlastningssamtal",
        r"the required key 'title' is missing",
    ),
    "missing kind": (
        lambda: mutate("    kind: tell_at_home\n", "    kind: general\n").replace(
            "    may_tell:", "    x_may_tell:"
        ),
        None,
        r"unknown key 'x_may_tell'",
    ),
    "duplicate id": (
        lambda: mutate("  - id: introductions\n", "  - id: purpose\n"),
        "  - id: purpose\n",
        r"the section id 'purpose' is used twice \(first at line \d+\)",
    ),
    "bad reference": (
        lambda: mutate("contact: emergency", "contact: emergancy"),
        "emergancy",
        r"no contact has the id 'emergancy' \(did you mean 'emergency'\?\)",
    ),
    "duplicate key": (
        lambda: mutate("duration_minutes: 30\n", "duration_minutes: 30\nduration_minutes: 40\n"),
        "duration_minutes: 40",
        r"duplicate key 'duration_minutes' \(first at line \d+\)",
    ),
    "reserved check id": (
        lambda: mutate("      - id: calm_place\n", "      - id: status\n"),
        "      - id: status\n",
        r"sections\[\d+\]\.checks\[0\]\.id: 'status' is reserved",
    ),
    "reserved question id": (
        lambda: mutate("      - id: drinks_blankets\n", "      - id: spoke\n"),
        "      - id: spoke\n",
        r"'spoke' is reserved",
    ),
    "reserved section id": (
        lambda: mutate("  - id: introductions\n", "  - id: scenario\n"),
        "  - id: scenario\n",
        r"sections\[\d+\]\.id: 'scenario' is reserved",
    ),
    "yaml syntax error": (
        lambda: mutate('title: "Avlastningssamtal"', 'title: "Avlastningssamtal'),
        None,
        r"YAML syntax error",
    ),
}


#: The same cases in Swedish, the coordinators' language: same FILE:LINE:COLUMN form.
SWEDISH = {
    "typo in a top-level key": r"okänd nyckel 'duraton_minutes' \(menade du 'duration_minutes'\?\)",
    "typo in a section key": r"sections\[4\]\.sekunder: okänd nyckel 'sekunder'",
    "typo in a kind": r"okänt värde för kind: 'rund' \(menade du 'round'\?\)",
    "wrong type": r"duration_minutes: här ska det stå ett heltal, men det står 'en halvtimme'",
    "unquoted version": r"version: skriv versionen inom citattecken",
    "bad date": r"review_by: här ska det stå ett datum som 2027-11-01",
    "missing required key": r"den obligatoriska nyckeln 'title' saknas",
    "missing kind": r"okänd nyckel 'x_may_tell'",
    "duplicate id": r"id 'purpose' \(steg\) används två gånger \(första gången på rad \d+\)",
    "bad reference": r"ingen kontakt har id 'emergancy' \(menade du 'emergency'\?\)",
    "duplicate key": r"nyckeln 'duration_minutes' finns två gånger \(första gången på rad \d+\)",
    "yaml syntax error": r"YAML-syntaxfel",
    "reserved check id": r"sections\[\d+\]\.checks\[0\]\.id: 'status' är reserverat",
    "reserved question id": r"'spoke' är reserverat",
    "reserved section id": r"sections\[\d+\]\.id: 'scenario' är reserverat",
}


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("name", list(CASES))
def test_broken_protocol_gets_located_message(tmp_path, name, lang):
    make, needle, message = CASES[name]
    message = SWEDISH[name] if lang == "sv" else message
    text = make()
    path, result = validate(tmp_path, text, lang=lang)
    assert result.exit_code == 1, result.output
    assert re.search(message, result.output), result.output
    located = re.search(rf"{re.escape(str(path))}:(\d+):(\d+): ", result.output)
    assert located, result.output
    if needle is not None:
        assert int(located.group(1)) == line_of(text, needle), result.output


def test_missing_required_kind_is_named(tmp_path):
    start = SV.index("  - id: tell_at_home\n")
    end = SV.index("  - id: warning_signs\n")
    text = SV[:start] + SV[end:]
    _, result = validate(tmp_path, text)
    assert result.exit_code == 1
    assert "missing: tell_at_home" in result.output


def test_condition_must_refer_to_an_earlier_question(tmp_path):
    text = mutate("question: someone_alone_tonight", "question: lessons")
    _, result = validate(tmp_path, text)
    assert result.exit_code == 1
    assert "'lessons' is not an earlier question" in result.output


def test_condition_value_must_fit_the_question(tmp_path):
    text = SV.replace("equals: true", "equals: kanske", 1)
    _, result = validate(tmp_path, text)
    assert result.exit_code == 1
    assert "equals must be true or false" in result.output


def test_every_problem_is_reported_at_once(tmp_path):
    text = mutate("duration_minutes: 30", "duraton_minutes: 30").replace(
        "contact: emergency", "contact: nobody", 1
    )
    text = text.replace('version: "1.0"', "version: x")
    _, result = validate(tmp_path, text)
    assert result.exit_code == 1
    assert "duraton_minutes" in result.output and "'x' is not a version" in result.output


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        bomb += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    _, result = validate(tmp_path, bomb)
    assert result.exit_code == 1
    assert "too many aliases" in result.output


def test_huge_file_is_refused(tmp_path):
    _, result = validate(tmp_path, SV + "#" * 1_100_000 + "\n")
    assert result.exit_code == 1
    assert "may be at most" in result.output


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(SV.encode("utf-8").replace("å".encode(), "å".encode("latin-1")))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "inte UTF-8-text" in result.output


def test_missing_file(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert "filen finns inte" in result.output
    result = runner.invoke(app, ["validate", "--lang", "en", str(tmp_path / "nope.yaml")])
    assert "no such file" in result.output


def test_a_list_instead_of_a_protocol(tmp_path):
    _, result = validate(tmp_path, "- a\n- b\n")
    assert result.exit_code == 1
    assert "a protocol is a mapping" in result.output


def test_valid_and_invalid_files_together(tmp_path):
    good = PROTOCOLS / "avlastningssamtal.sv.yaml"
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: ok" in result.output
    assert f"{bad}:1:1:" in result.output


def test_strict_fails_on_placeholders_and_past_review(tmp_path):
    text = mutate("review_by: 2027-11-01", "review_by: 2020-01-01")
    path, result = validate(tmp_path, text, "--strict")
    assert result.exit_code == 1
    assert "placeholder '<fill in:" in result.output or "placeholder '<fyll i:" in result.output
    assert f"{path}:{line_of(text, 'review_by')}:" in result.output
    assert "has passed" in result.output


def test_strict_passes_once_filled_in(tmp_path):
    text = re.sub(r"<fyll i:[^>]*>", "ring växeln", SV)
    _, result = validate(tmp_path, text, "--strict")
    assert result.exit_code == 0, result.output


def test_reserved_id_is_refused_by_run_too_instead_of_crashing(tmp_path):
    """It passed `validate` once, printed `setup.status` twice in `answers` and ended
    `run --answers` in a traceback."""
    text = mutate("      - id: calm_place\n", "      - id: status\n")
    path = tmp_path / "lokal.yaml"
    path.write_text(text, encoding="utf-8")
    answers = tmp_path / "svar.yaml"
    answers.write_text("", encoding="utf-8")
    for args in (
        ["run", str(path), "--answers", str(answers), "--out", str(tmp_path)],
        ["answers", str(path)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert f"{path}:{line_of(text, '- id: status')}:" in result.output, result.output
        assert "'status' är reserverat" in result.output
    assert not list(tmp_path.glob("*.md"))
