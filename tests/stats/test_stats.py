"""`avlastning stats` over a folder of summaries: what a coordinator sees, small groups masked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.stats import Aggregator, aggregate, build_report

runner = CliRunner()
STEPS = ["setup", "purpose", "round", "warning_signs", "next_steps"]


def held(
    date: str,
    lang: str = "sv",
    participants: int = 5,
    skipped: tuple[str, ...] = (),
    flagged: tuple[str, ...] = (),
    escalations: tuple[str, ...] = (),
    follow_up: str | None = None,
    lessons: str = "",
    mode: str = "live",
    protocol: str = "avlastningssamtal",
) -> dict[str, Any]:
    return {
        "schema": "avlastning.summary/1",
        "mode": mode,
        "protocol": {"id": protocol, "version": "1.0", "language": lang, "type": "defusing"},
        "date": date,
        "duration_minutes": 30,
        "participants": participants,
        "second_leader": False,
        "steps": [{"id": s, "status": "skipped" if s in skipped else "done"} for s in STEPS],
        "checks": {},
        "round": {"spoke": participants, "passed": 0},
        "warning_signs": {
            "flagged": list(flagged),
            "escalated": bool(escalations),
            "escalations": list(escalations),
        },
        "follow_up": {"answers": {}, "next_steps": ["manager"], "date": follow_up},
        "lessons": lessons,
        "redactions": 0,
        "tool": {"name": "avlastning", "version": "0.1.0"},
    }


def not_held(date: str, reason: str, lang: str = "sv") -> dict[str, Any]:
    return {
        "schema": "avlastning.summary/1",
        "mode": "not_held",
        "protocol": {
            "id": "avlastningssamtal",
            "version": "1.0",
            "language": lang,
            "type": "defusing",
        },
        "date": date,
        "not_held": {"reason": reason},
        "tool": {"name": "avlastning", "version": "0.1.0"},
    }


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Seven held (sv and en mixed, in two sub-folders), four not held, a rehearsal,
    a broken file, a JSON that is no summary, and one of a future schema."""
    root = tmp_path / "summaries"
    sessions = [
        held(
            "2025-01-10",
            "sv",
            6,
            flagged=("overwhelming_reaction",),
            follow_up="2025-01-13",
            lessons="Larmkedjan behöver en genväg.",
        ),
        held(
            "2025-01-20",
            "en",
            4,
            skipped=("setup",),
            flagged=("overwhelming_reaction",),
            follow_up="2025-01-23",
            lessons="Book the quiet room in advance.",
        ),
        held("2025-01-28", "sv", 3, skipped=("setup",), flagged=("overwhelming_reaction",)),
        held(
            "2025-02-03",
            "en",
            8,
            skipped=("setup",),
            flagged=("suicidal_thoughts",),
            escalations=("suicidal_thoughts",),
            follow_up="2025-02-06",
        ),
        held("2025-02-14", "sv", 5, lessons="Ta med filtar.\nFler stolar i rummet."),
        held("2025-03-01", "en", 2),
        held("2025-03-05", "sv", 7, follow_up="2025-03-08"),
    ]
    for n, s in enumerate(sessions):
        write(root / ("sv" if s["protocol"]["language"] == "sv" else "en"), f"h{n}.json", s)
    write(root, "n1.json", not_held("2025-01-15", "nobody_wanted", "sv"))
    write(root, "n2.json", not_held("2025-02-15", "nobody_wanted", "en"))
    write(root, "n3.json", not_held("2025-02-20", "nobody_wanted", "sv"))
    write(root, "n4.json", not_held("2025-03-02", "held_later", "en"))
    write(root, "r1.json", held("2025-03-03", mode="rehearsal", lessons="Övningslärdom."))
    write(root, "broken.json", '{"schema": "avlastning.summary/1", ')
    write(root, "deep/other.json", {"name": "not a summary"})
    write(root, "future.json", {**held("2025-03-04"), "schema": "avlastning.summary/2"})
    write(root, "notes.txt", "ignored: not *.json")
    return root


def stats(*args: str) -> Any:
    return runner.invoke(app, ["stats", *args])


def as_json(folder: Path, *args: str) -> dict[str, Any]:
    result = stats(str(folder), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_counts_sv_and_en_together_and_masks_small_groups(folder: Path) -> None:
    data = as_json(folder)
    assert data["sessions"] == {"total": 11, "held": 7, "not_held": 4}
    assert data["per_month"] == {"2025-01": 4, "2025-02": 4, "2025-03": 3}
    assert data["per_protocol"] == {"avlastningssamtal": 11}
    # held_later (1) is small; nobody_wanted is hidden too, else it is not_held minus 3
    assert data["not_held_reasons"] == {"held_later": "..", "nobody_wanted": ".."}
    assert data["participants"] == 35
    assert data["warning_signs"]["flagged"] == {
        "overwhelming_reaction": 3,
        "suicidal_thoughts": "..",
    }
    assert data["warning_signs"]["sessions_with_escalation"] == ".."
    assert data["warning_signs"]["escalations"] == ".."
    assert data["follow_ups_set"] == 4
    steps = {s["step"]: s for s in data["steps"]}
    assert steps["setup"] == {
        "protocol": "avlastningssamtal",
        "step": "setup",
        "sessions": 7,
        "skipped": 3,
        "share_skipped": round(3 / 7, 3),
    }
    assert steps["round"]["skipped"] == 0 and steps["round"]["share_skipped"] == 0.0
    assert data["files"] == {
        "read": 12,
        "skipped": 3,
        "rehearsals_excluded": 1,
        "before_since": 0,
        "after_until": 0,
    }


def test_lessons_listed_without_dates_rehearsals_or_file_names(folder: Path) -> None:
    data = as_json(folder)
    assert data["lessons"] == [
        "Book the quiet room in advance.",
        "Fler stolar i rummet.",
        "Larmkedjan behöver en genväg.",
        "Ta med filtar.",
    ]  # alphabetical: the order says nothing about when
    assert "Övningslärdom." not in data["lessons"]
    assert not any(".json" in line for line in data["lessons"])


def test_bad_files_are_reported_on_stderr_and_skipped(folder: Path) -> None:
    result = stats(str(folder))
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    by_name = {Path(line.split(": ")[0]).name: line for line in lines}
    assert "inte JSON" in by_name["broken.json"]
    assert "inte en sammanfattning (ingen 'schema')" in by_name["other.json"]
    assert "en annan schemaversion: avlastning.summary/2" in by_name["future.json"]
    assert "notes.txt" not in result.stderr


def test_table_shows_masking_and_says_what_was_left_out(folder: Path) -> None:
    result = stats(str(folder))
    out = result.stdout
    assert "Samtalet hålls vid ett senare tillfälle." in out  # the reason's title, not its id
    assert "held_later" not in out
    assert "Avlastningssamtal / " in out  # steps by title
    assert ".." in out
    assert '".." betyder en dold uppgift: antingen gäller den färre än 3 samtal' in out
    assert "< 3" not in out  # one symbol: it does not say which cells are small
    assert "Övningar räknas inte (1 lämnades utanför)." in out
    assert "Book the quiet room in advance." in out
    assert "43%" in out  # setup skipped in 3 of 7
    assert "h0.json" not in out


def test_table_in_english_with_english_titles(folder: Path) -> None:
    out = stats(str(folder), "--lang", "en").stdout
    assert "The conversation will be held later." in out
    assert '".." is a hidden count: fewer than 3 sessions' in out
    assert "Rehearsals are not counted (1 left out)." in out
    assert "Lessons to take further" in out


def test_min_group_changes_the_threshold(folder: Path) -> None:
    data = as_json(folder, "--min-group", "5")
    assert data["per_month"] == {"2025-01": "..", "2025-02": "..", "2025-03": ".."}
    assert data["participants"] == 35  # seven held sessions: enough
    assert data["sessions"] == {"total": 11, "held": "..", "not_held": ".."}
    assert data["follow_ups_set"] == ".."
    assert data["not_held_reasons"] == {"held_later": "..", "nobody_wanted": ".."}
    for low in ("1", "2"):
        refused = stats(str(folder), "--min-group", low)
        assert refused.exit_code == 2 and "--min-group" in refused.output


def test_since_leaves_out_older_sessions(folder: Path) -> None:
    data = as_json(folder, "--since", "2025-02")
    assert data["sessions"]["total"] == 7
    assert set(data["per_month"]) == {"2025-02", "2025-03"}
    assert data["files"]["before_since"] == 4
    assert "Larmkedjan behöver en genväg." not in data["lessons"]
    bad = stats(str(folder), "--since", "februari")
    assert bad.exit_code == 2 and "--since" in bad.output  # a usage error, like every other


def test_rehearsals_counted_when_asked(folder: Path) -> None:
    data = as_json(folder, "--rehearsals")
    assert data["sessions"]["total"] == 12
    assert "Övningslärdom." in data["lessons"]


def test_csv_rows(folder: Path) -> None:
    result = stats(str(folder), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["section", "key", "value"]
    assert ["sessions", "total", "11"] in rows
    assert ["not_held_reason", "held_later", ".."] in rows
    assert ["step_skipped", "avlastningssamtal/setup", "3"] in rows
    assert ["lesson", "", "Larmkedjan behöver en genväg."] in rows


def test_user_errors(tmp_path: Path, folder: Path) -> None:
    missing = stats(str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "filen eller mappen finns inte" in missing.output
    empty = tmp_path / "empty"
    empty.mkdir()
    none = stats(str(empty))
    assert none.exit_code == 1 and "Inga sammanfattningar hittades" in none.output
    assert stats(str(folder), "--format", "xml").exit_code == 2
    assert stats(str(folder), "--min-group", "0").exit_code == 2


def test_real_summaries_from_the_tool_are_counted(tmp_path: Path) -> None:
    for reason in ("held_later", "other"):
        assert (
            runner.invoke(app, ["not-held", "--reason", reason, "--out", str(tmp_path)]).exit_code
            == 0
        )
    data = as_json(tmp_path)
    assert data["files"]["read"] == 2 and data["files"]["skipped"] == 0
    assert data["not_held_reasons"] == {"held_later": "..", "other": ".."}


def test_lessons_are_capped_to_the_most_recent() -> None:
    agg = Aggregator(max_lessons=3)
    for day in range(1, 10):
        agg.add(held(f"2025-04-0{day}", lessons=f"lesson {day}"))
    report = build_report(agg)
    assert report.lessons == ["lesson 7", "lesson 8", "lesson 9"]  # the most recent, sorted
    assert report.lessons_not_listed == 6


def test_aggregate_library_keeps_no_summaries(folder: Path) -> None:
    agg = aggregate([folder])
    held_list_fields = [v for v in vars(agg).values() if isinstance(v, list)]
    assert all(len(v) <= agg.max_lessons for v in held_list_fields)
    assert agg.sessions == 11


def test_steps_are_listed_in_the_protocols_order(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path, f"s{n}.json", held(f"2025-04-0{n + 1}"))
    result = runner.invoke(app, ["stats", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    shown = [row[1].split("/")[1] for row in rows if row and row[0] == "step_sessions"]
    assert shown == STEPS  # setup, purpose, round, … — not alphabetical


@pytest.mark.parametrize(
    ("lang", "heading", "title"),
    [("sv", "Lärdomar per område", "Rutiner"), ("en", "Lessons by area", "Routines")],
)
def test_table_shows_lesson_areas_by_their_titles(
    tmp_path: Path, lang: str, heading: str, title: str
) -> None:
    for n in range(4):
        areas = ["routines"] if n < 3 else ["routines", "staffing"]
        write(tmp_path, f"h{n}.json", {**held(f"2025-01-0{n + 1}"), "lesson_categories": areas})
    out = stats(str(tmp_path), "--lang", lang).stdout
    assert heading in out
    assert title in out and "routines" not in out  # the protocol's words, not the id
    row = next(line for line in out.splitlines() if line.strip().startswith(title))
    assert row.split()[-1] == "4"
    assert ".." in out  # one session named a second area: hidden, and so are its partners
