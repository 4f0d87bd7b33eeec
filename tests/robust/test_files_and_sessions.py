"""Files and sessions: the summary .md keeps typed Markdown/HTML as text; the summary set is
written whole or not at all; leftovers of a killed write are cleaned; --out is checked before
the first step; a failure at the end keeps the state and says how to save elsewhere;
resume chooses when several sessions are paused."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from avlastning_cli import fsutil
from avlastning_cli import prompter as pk
from avlastning_cli.cli import app
from tests.robust.helpers import hostile_protocol
from tests.session.harness import state_path
from tests.session.scripted import INTERRUPT, PARTICIPANTS, play

runner = CliRunner()
LESSONS = "practical.lessons"


def test_markdown_and_html_typed_or_in_the_protocol_stay_text_in_the_summary(
    tmp_path: Path,
) -> None:
    protocol = hostile_protocol(tmp_path, title="<b>Fet</b> *kursiv* [l](http://x.example)")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        f'{LESSONS}: "# Rubrik\\n<script>alert(1)</script>\\n'
        '![p](http://evil.example/t.png)\\n1. lista | cell"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["run", str(protocol), "--answers", str(answers), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "# Sammanfattning: \\<b\\>Fet\\</b\\> \\*kursiv\\* \\[l\\](http://x.example)" in md
    lines = md.splitlines()
    assert "\\# Rubrik" in lines and "# Rubrik" not in lines
    assert "\\<script\\>alert(1)\\</script\\>" in lines
    assert "!\\[p\\](http://evil.example/t.png)" in lines
    assert "1\\. lista \\| cell" in lines
    assert "<script>" not in md and "![p]" not in md


def _disk_full_on_call(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    real = fsutil._temp_beside
    calls = {"n": 0}

    def flaky(target: Path, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == n:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, data)

    monkeypatch.setattr(fsutil, "_temp_beside", flaky)


@pytest.mark.parametrize("failing", [2, 3], ids=["json", "ics"])
def test_a_full_disk_between_the_summary_files_leaves_none_of_them(
    failing: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("next_steps.follow_up_date: 2030-01-02\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _disk_full_on_call(monkeypatch, failing)  # .md, then .json, then .ics
    result = runner.invoke(app, ["run", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 1 and not isinstance(result.exception, OSError)
    assert "kunde inte sparas i" in result.output and "No space left" in result.output
    assert "--out MAPP" in result.output
    assert sorted(p.name for p in out.iterdir()) == []


def test_a_write_never_leaves_files_named_like_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert play(["run", "--out", str(out)]).exit_code == 0
    names = sorted(p.name for p in out.iterdir())
    assert [n.rsplit(".", 1)[1] for n in names] == ["json", "md"]
    assert not any(n.startswith(".") for n in names)


def test_partial_files_a_killed_write_left_are_removed_at_the_next_start(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    old = out / f"{fsutil.PARTIAL_PREFIX}abc{fsutil.PARTIAL_SUFFIX}"
    old.write_text("# Sammanfattning …", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    fresh = out / f"{fsutil.PARTIAL_PREFIX}def{fsutil.PARTIAL_SUFFIX}"  # another session, now
    fresh.write_text("…", encoding="utf-8")
    assert play(["run", "--out", str(out)]).exit_code == 0
    assert not old.exists() and fresh.exists()


@pytest.mark.parametrize("kind", ["a file", "under /proc"])
def test_an_unwritable_out_is_found_before_the_first_step(kind: str, tmp_path: Path) -> None:
    if kind == "a file":
        out = tmp_path / "summary.md"
        out.write_text("", encoding="utf-8")
    else:
        if not Path("/proc/self").exists():
            pytest.skip("no /proc")
        out = Path("/proc/self/avlastning")
    played = play(["run", "--out", str(out)])
    assert played.exit_code == 1
    assert played.asked == []  # not one question was asked
    assert "Det går inte att skriva i mappen för sammanfattningen" in played.output
    assert "--out MAPP" in played.output
    assert not state_path().exists()
    answers = tmp_path / "a.yaml"
    answers.write_text("participants: 3\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--answers", str(answers), "--out", str(out)])
    assert result.exit_code == 1 and "Det går inte att skriva" in result.output


def test_a_failure_at_the_end_keeps_the_state_and_resume_out_saves_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = tmp_path / "first"
    real = fsutil.write_set

    def full(*args: object, **kwargs: object) -> dict[str, Path]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "write_set", full)
    played = play(["run", "--out", str(first)], {PARTIAL_KEY: 4})
    assert played.exit_code == 1
    assert "Inget är förlorat" in played.output
    assert "avlastning resume --out MAPP" in played.output
    assert state_path().exists()

    monkeypatch.setattr(fsutil, "write_set", real)
    second = tmp_path / "second"
    again = play(["resume", "--out", str(second)])
    assert again.exit_code == 0, again.output
    assert len(list(second.glob("*.json"))) == 1 and not list(first.glob("*.json"))
    assert '"participants": 4' in next(second.glob("*.json")).read_text(encoding="utf-8")
    assert not state_path().exists()


PARTIAL_KEY = PARTICIPANTS


def test_resume_asks_which_when_a_session_and_a_rehearsal_are_paused(tmp_path: Path) -> None:
    assert play(["run", "--out", str(tmp_path)], {PARTICIPANTS: INTERRUPT}).exit_code == 130
    assert play(["rehearse"], {PARTICIPANTS: INTERRUPT}).exit_code == 130
    played = play(["resume"], {pk.RESUME_WHICH: "rehearsal"})
    assert played.exit_code == 0, played.output
    assert "Vilket pausat samtal vill du fortsätta?" in played.output
    assert state_path("live").exists() and not state_path("rehearsal").exists()
