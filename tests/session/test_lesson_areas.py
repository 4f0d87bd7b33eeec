"""Lessons as areas the protocol defines, ticked in a list: a summary useful with no free text
(issue 14, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.prompter import END
from avlastning_cli.protocol import models as m
from avlastning_cli.protocol.loader import load_protocol
from avlastning_cli.summary.model import parse_json
from tests.conftest import PROTOCOLS
from tests.session.harness import drive, summary, summary_files
from tests.session.scripted import nav, play

runner = CliRunner()
AREAS = "practical.lesson_areas"


def areas(protocol: m.Protocol) -> list[m.LessonCategoriesQuestion]:
    return [
        q
        for s in protocol.sections
        for q in s.questions
        if isinstance(q, m.LessonCategoriesQuestion)
    ]


@pytest.mark.parametrize("pid", sorted({p.name.split(".")[0] for p in PROTOCOLS.glob("*.yaml")}))
def test_every_bundled_protocol_asks_the_areas_in_both_languages(pid: str) -> None:
    sv = load_protocol(PROTOCOLS / f"{pid}.sv.yaml")
    en = load_protocol(PROTOCOLS / f"{pid}.en.yaml")
    sv_q, en_q = areas(sv), areas(en)
    assert len(sv_q) == 1 and len(en_q) == 1
    assert [o.id for o in sv_q[0].options] == [o.id for o in en_q[0].options]
    ids = {o.id for o in sv_q[0].options}
    assert {"routines", "staffing", "equipment", "communication", "support_afterwards"} <= ids
    # the areas come first, the free text after them stays optional
    for p in (sv, en):
        section = next(s for s in p.sections if areas_in(s))
        kinds = [q.type for q in section.questions]
        assert kinds.index("lesson_categories") < kinds.index("text")


def areas_in(section: m.AnySection) -> bool:
    return any(q.type == "lesson_categories" for q in section.questions)


def test_ticked_areas_without_text_make_a_useful_summary(tmp_path: Path) -> None:
    result = play(
        ["run", "--out", str(tmp_path)],
        {AREAS: ["routines", "equipment"], nav(END): "save"},
    )
    assert result.exit_code == 0, result.output
    assert "Lärdomar att ta vidare: vilka områden" in result.output  # the checkbox was asked
    assert "Sammanfattningen sparar bara områdena" in result.output  # and its hint shown
    data = summary(tmp_path)
    assert data["lesson_categories"] == ["routines", "equipment"]
    assert data["lessons"] == ""
    md = summary_files(tmp_path)[0].read_text(encoding="utf-8")
    lessons = md.split("## Lärdomar att ta vidare", 1)[1].split("\n---", 1)[0]
    assert "- Rutiner" in lessons and "- Utrustning och lokaler" in lessons
    assert "(inga)" not in lessons


def test_areas_and_text_from_an_answers_file_in_english(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        f"{AREAS}: [staffing, support_afterwards]\n"
        'practical.lessons: "More staff on the evening shift after an incident."\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = drive(["run", "--lang", "en", "--answers", str(answers), "--out", str(out)], tty=False)
    assert result.exit_code == 0, result.output
    data = summary(out)
    assert data["lesson_categories"] == ["staffing", "support_afterwards"]
    assert "evening shift" in data["lessons"]
    md = summary_files(out)[0].read_text(encoding="utf-8")
    assert "- Staffing\n- Support afterwards\n\nMore staff" in md


def test_nothing_ticked_and_no_text_says_none(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {nav(END): "save"})
    assert result.exit_code == 0, result.output
    assert summary(tmp_path)["lesson_categories"] == []
    md = summary_files(tmp_path)[0].read_text(encoding="utf-8")
    assert "## Lärdomar att ta vidare\n\n(inga)" in md


def test_an_older_summary_without_areas_still_reads(tmp_path: Path) -> None:
    result = play(["run", "--out", str(tmp_path)], {nav(END): "save"})
    assert result.exit_code == 0, result.output
    data = summary(tmp_path)
    del data["lesson_categories"]
    parsed = parse_json(json.dumps(data))
    assert parsed.schema_ == "avlastning.summary/1"
    assert parsed.lesson_categories == []


def test_stats_counts_the_areas(tmp_path: Path) -> None:
    for n in range(4):
        ticked = ["routines"] if n else ["routines", "staffing"]
        assert (
            play(["run", "--out", str(tmp_path)], {AREAS: ticked, nav(END): "save"}).exit_code == 0
        )
    result = runner.invoke(app, ["stats", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # staffing in one of four: hidden; routines in all four: shown
    assert data["lesson_categories"] == {"routines": 4, "staffing": ".."}


SV = (PROTOCOLS / "avlastningssamtal.sv.yaml").read_text(encoding="utf-8")


def _validate(tmp_path: Path, text: str) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_areas_cannot_be_a_condition_or_a_self_rating(tmp_path: Path) -> None:
    # a condition on the areas (the lessons text comes after them)
    data = yaml.safe_load(SV)
    practical = next(s for s in data["sections"] if s["id"] == "practical")
    lessons = next(q for q in practical["questions"] if q["id"] == "lessons")
    lessons["show_if"] = {"question": "lesson_areas", "equals": "routines"}
    out = _validate(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert "ett villkor kan inte bero på en lista med områden" in out
    area_q = next(q for q in practical["questions"] if q["id"] == "lesson_areas")
    del lessons["show_if"]
    data["self_rating"] = [{**area_q, "id": "rated_areas"}]
    out = _validate(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert "lesson_categories hör hemma i ett avsnitt" in out
    area_q["options"].append({"id": "routines", "text": "Igen"})
    del data["self_rating"]
    out = _validate(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    assert "id 'routines' (alternativ) används två gånger" in out
