"""`stats` cannot be differenced: what an attacker with the command and the files tries, fails.

Issue 14: one masked month was the total minus the others; two runs with `--since` a day
apart showed one session's flags, escalation, participants and lesson; `--min-group 1`
showed everything; lessons were printed word for word and ids as they were.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from avlastning_cli.cli import app
from avlastning_cli.stats import HIDDEN, Aggregator, build_report, report_dict
from tests.stats.test_stats import held, not_held, write

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, ["stats", *args])


def report(folder: Path, *args: str) -> dict[str, Any]:
    result = run(str(folder), "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def january_and_one_in_february(tmp_path: Path) -> Path:
    """Three ordinary sessions in January; in February one session that must not be
    singled out: a sign flagged, an escalation, 9 participants and a lesson."""
    root = tmp_path / "s"
    for day in (10, 17, 24):
        write(root, f"jan{day}.json", held(f"2025-01-{day}", participants=5))
    write(
        root,
        "feb.json",
        held(
            "2025-02-03",
            participants=9,
            flagged=("suicidal_thoughts",),
            escalations=("suicidal_thoughts",),
            lessons="Larmet till avdelning 4 fungerade inte.",
        ),
    )
    return root


def test_two_since_runs_do_not_show_the_one_session(january_and_one_in_february: Path) -> None:
    root = january_and_one_in_february
    # a day is refused: two runs a day apart were how one session was isolated
    for option in ("--since", "--until"):
        day = run(str(root), option, "2025-02-03")
        assert day.exit_code == 2
        assert "ange en månad, inte en dag: 2025-02" in " ".join(day.output.split())
    whole = report(root, "--since", "2025-01")
    february = report(root, "--since", "2025-02")
    assert february["sessions"]["total"] == 1
    # nothing about that one session is shown: every count and sum is hidden
    assert february["sessions"]["held"] == HIDDEN
    assert february["participants"] == HIDDEN
    assert february["warning_signs"] == {
        "flagged": {"suicidal_thoughts": HIDDEN},
        "sessions_with_escalation": HIDDEN,
        "escalations": HIDDEN,
    }
    assert february["lessons"] == [] and february["lessons_not_listed"] == HIDDEN
    assert all(v == HIDDEN for v in february["per_month"].values())
    # …and the run over both months does not give it away either
    assert whole["warning_signs"]["sessions_with_escalation"] == HIDDEN
    assert whole["warning_signs"]["escalations"] == HIDDEN
    assert whole["warning_signs"]["flagged"] == {"suicidal_thoughts": HIDDEN}
    assert whole["lessons"] == []  # one session wrote it: fewer than three
    assert whole["per_month"] == {"2025-01": HIDDEN, "2025-02": HIDDEN}
    text = run(str(root)).stdout + run(str(root), "--format", "csv").stdout
    assert "avdelning 4" not in text and "Larmet" not in text


def test_totals_minus_the_shown_cells_never_give_a_hidden_cell(tmp_path: Path) -> None:
    root = tmp_path / "s"
    sessions = [held(f"2025-01-0{d}") for d in range(1, 6)]  # January: 5
    sessions += [held("2025-02-01", protocol="stodsamtal_x")]  # February: 1 (custom protocol)
    sessions += [held(f"2025-03-0{d}") for d in range(1, 4)]  # March: 3, and 1 not held
    for n, s in enumerate(sessions):
        if s["protocol"]["id"] == "stodsamtal_x":
            s["steps"] = [{"id": "a", "status": "done"}]
        write(root, f"h{n}.json", s)
    write(root, "n.json", not_held("2025-03-09", "held_later"))
    data = report(root)
    total = data["sessions"]["total"]
    assert total == 10
    # the month with one session is hidden, and so is another one (the smallest), so the
    # total minus the shown months is at least three sessions spread over two months
    assert data["per_month"] == {"2025-01": 5, "2025-02": HIDDEN, "2025-03": HIDDEN}
    assert data["per_protocol"] == {"avlastningssamtal": HIDDEN, "stodsamtal_x": HIDDEN}
    assert data["sessions"]["held"] == HIDDEN and data["sessions"]["not_held"] == HIDDEN
    for cells in (data["per_month"], data["per_protocol"], data["sessions"]):
        assert_safe(cells, total, 3)


def assert_safe(cells: dict[str, Any], total: int, min_group: int) -> None:
    cells = {k: v for k, v in cells.items() if k != "total"}
    hidden = [k for k, v in cells.items() if v == HIDDEN]
    assert len(hidden) != 1, f"one hidden cell is the total minus the others: {cells}"
    if hidden:
        rest = total - sum(v for v in cells.values() if v != HIDDEN)
        assert rest >= min_group, f"hidden cells hold only {rest}: {cells}"
    for v in cells.values():
        assert v == HIDDEN or v == 0 or v >= min_group, cells


def test_min_group_cannot_be_lowered(january_and_one_in_february: Path) -> None:
    for low in ("0", "1", "2"):
        result = run(str(january_and_one_in_february), "--min-group", low)
        assert result.exit_code == 2, result.output
        assert "--min-group" in result.output
    assert report(january_and_one_in_february, "--min-group", "4")["min_group"] == 4
    from avlastning_cli.errors import UserError

    with pytest.raises(UserError):
        build_report(Aggregator(), min_group=1)  # the library refuses too


def test_random_folders_never_leave_a_recoverable_cell() -> None:
    """Many random sets of sessions: in every part that adds up to a shown total, zero or
    at least two counts are hidden, and together they hold at least min_group sessions; a
    step's skipped count is hidden whenever it or the done count is small."""
    rng = random.Random(14)
    for _ in range(300):
        min_group = rng.choice([3, 3, 4, 5])
        data = report_dict(build_report(random_sessions(rng), min_group))
        check_partitions(data, min_group)
        check_steps(data, min_group)
        for v in data["warning_signs"]["flagged"].values():
            assert v == HIDDEN or v == 0 or v >= min_group


def random_sessions(rng: random.Random) -> Aggregator:
    signs = ["overwhelming_reaction", "physical_injury", "suicidal_thoughts"]
    steps = ["setup", "purpose", "round"]
    agg = Aggregator()
    for _ in range(rng.randint(0, 25)):
        date = f"2025-{rng.randint(1, 4):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.25:
            agg.add(not_held(date, rng.choice(["held_later", "nobody_wanted", "other"])))
            continue
        s = held(
            date,
            flagged=tuple(x for x in signs if rng.random() < 0.3),
            skipped=tuple(x for x in steps if rng.random() < 0.2),
            escalations=("suicidal_thoughts",) if rng.random() < 0.1 else (),
            follow_up="2025-05-01" if rng.random() < 0.5 else None,
        )
        agg.add(s)
    return agg


def check_partitions(data: dict[str, Any], min_group: int) -> None:
    total = data["sessions"]["total"]
    for cells in (data["per_month"], data["per_protocol"], data["sessions"]):
        if not (total and all(v == HIDDEN for k, v in cells.items() if k != "total")):
            assert_safe(cells, total, min_group)
    reasons = data["not_held_reasons"]
    if data["sessions"]["not_held"] == HIDDEN:
        # they must not add up to it (it would give "held" back)
        assert not reasons or HIDDEN in reasons.values(), data
    elif not all(v == HIDDEN for v in reasons.values()):
        assert_safe(reasons, data["sessions"]["not_held"], min_group)


def check_steps(data: dict[str, Any], min_group: int) -> None:
    for row in data["steps"]:
        if data["sessions"]["held"] == HIDDEN:
            assert row["sessions"] == HIDDEN and row["share_skipped"] is None
        if row["skipped"] != HIDDEN:
            assert row["skipped"] == 0 or row["skipped"] >= min_group
            if row["sessions"] != HIDDEN:
                done = row["sessions"] - row["skipped"]
                assert done == 0 or done >= min_group


def test_lessons_are_scrubbed_again_and_shown_only_for_groups(tmp_path: Path) -> None:
    root = tmp_path / "s"
    lessons = [
        "Ring Anna Lindqvist på 070-123 45 67 om larmet.",  # a hand-edited summary
        "Fler filtar i personalrummet.",
        "Rutinen för larm behöver ses över.",
    ]
    for n, text in enumerate(lessons):
        write(root, f"h{n}.json", held(f"2025-01-0{n + 1}", lessons=text))
    data = report(root)
    shown = "\n".join(data["lessons"])
    assert len(data["lessons"]) == 3
    assert "Lindqvist" not in shown and "070" not in shown and "123 45 67" not in shown
    assert data["lessons"][0].startswith("Fler filtar")  # alphabetical, not by date
    # two of three files wrote a lesson: fewer than three sessions, so none is listed
    write(root, "h0.json", held("2025-01-01"))
    fewer = report(root)
    assert fewer["lessons"] == [] and fewer["lessons_not_listed"] == HIDDEN
    assert any("bara när minst 3 samtal har skrivit" in n for n in fewer["notes"])


def test_ids_not_in_the_protocol_are_skipped_and_not_echoed(tmp_path: Path) -> None:
    root = tmp_path / "s"
    for n in range(3):
        write(root, f"ok{n}.json", held(f"2025-01-0{n + 1}"))
    write(root, "sign.json", held("2025-01-05", flagged=("anna_lindqvist",)))
    write(root, "step.json", {**held("2025-01-06"), "steps": [{"id": "x", "status": "done"}]})
    write(root, "plain.json", held("2025-01-07", protocol="egen", flagged=("Anna Lindqvist",)))
    write(root, "reason.json", not_held("2025-01-08", "anna_ringde"))
    write(root, "schema.json", {**held("2025-01-10"), "schema": "Anna Lindqvist"})
    custom = held("2025-01-09", protocol="egen", flagged=("eget_tecken",))
    write(root, "custom.json", custom)
    result = run(str(root), "--format", "json")
    assert result.exit_code == 0, result.output
    skipped = {Path(line.split(": ")[0]).name: line for line in result.stderr.splitlines()}
    assert set(skipped) == {"sign.json", "step.json", "plain.json", "reason.json", "schema.json"}
    assert "dess 'schema' är inte det här verktygets" in skipped["schema.json"]
    flagged = "'warning_signs.flagged' innehåller ett id som det inbyggda protokollet"
    assert flagged in skipped["sign.json"]
    assert "'steps' innehåller ett id" in skipped["step.json"]
    assert "inte är ett enkelt id" in skipped["plain.json"]
    assert "'not_held.reason'" in skipped["reason.json"]
    everything = result.stdout + result.stderr
    # "anna" as a word or id start ("annars" is Swedish for "otherwise")
    assert not re.search(r"\banna(?!rs)", everything.lower()) and "Lindqvist" not in everything
    data = json.loads(result.stdout)
    assert data["files"]["read"] == 4  # three bundled, one custom protocol with plain ids
    assert data["per_protocol"] == {"avlastningssamtal": HIDDEN, "egen": HIDDEN}


def test_an_organisations_own_copy_can_be_given_with_protocol(tmp_path: Path) -> None:
    """`avlastning new` keeps the bundled id: summaries written with a copy that adds an id
    are skipped (with a hint) until the copy is given with --protocol."""
    copy = tmp_path / "var-rutin.yaml"
    assert runner.invoke(app, ["new", str(copy)]).exit_code == 0
    text = copy.read_text(encoding="utf-8")
    text = text.replace(
        "not_held_reasons:\n",
        "not_held_reasons:\n  - id: lokal_orsak\n    text: Vår egen orsak\n",
        1,
    )
    copy.write_text(text, encoding="utf-8")
    root = tmp_path / "s"
    for n in range(3):
        write(root, f"n{n}.json", not_held(f"2025-01-0{n + 1}", "lokal_orsak"))
    bare = run(str(root), "--format", "json")
    assert bare.exit_code == 1  # every file skipped: nothing to count
    assert "ange kopian med --protocol FIL" in " ".join(bare.stderr.split())
    data = report(root, "--protocol", str(copy))
    assert data["not_held_reasons"] == {"lokal_orsak": 3}


def test_readme_explains_the_rules() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert "secondary suppression" in readme.lower()
    assert "--min-group" in readme and "YYYY-MM" in readme
