"""The test suite never touches the user's own files.

A paused session is planted where the tool keeps one for a user whose home is a temporary
folder, and the session tests are run as that user. Before the isolation moved into
``pytest_configure``, the module-scoped ``reference`` fixture of ``test_resume`` ran before
the autouse isolation fixture: it resumed the user's paused session, answered it, wrote a
summary into the user's folder and deleted the state.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from avlastning_cli.session import state as st
from tests.conftest import PROTOCOLS, REPO, USER_FOLDERS


@pytest.mark.skipif(sys.platform == "win32", reason="Windows finds its folders by API, not by HOME")
def test_session_tests_leave_a_paused_session_in_the_real_home_untouched(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in USER_FOLDERS and k != "AVLASTNING_STATE_DIR" and not k.startswith("PYTEST")
    }
    env["HOME"] = str(home)
    # where the tool itself would keep this user's paused session
    where = subprocess.run(
        [
            sys.executable,
            "-c",
            "from avlastning_cli.session.state import state_dir as d; print(d())",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    real_state = Path(where)
    assert real_state.is_relative_to(home), real_state
    documents = home / "Dokument"
    documents.mkdir()
    protocol = PROTOCOLS / "avlastningssamtal.sv.yaml"
    paused = st.new_state("live", "avlastningssamtal", "1.0", "sv", protocol, documents)
    paused.position = 2
    paused.answers = {"participants": 4, "second_leader": True}
    real_state.mkdir(parents=True)
    planted = real_state / "live-session.json"
    planted.write_text(paused.to_json(), encoding="utf-8")
    before = planted.read_bytes()

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-o",
            "addopts=",
            "-p",
            "no:cacheprovider",
            "tests/session/test_resume.py",  # its module-scoped fixture ran first
            "-k",
            "reference_script or discard or offers_to_resume",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert planted.read_bytes() == before
    assert sorted(p.name for p in real_state.iterdir()) == ["live-session.json"]
    assert list(documents.iterdir()) == []
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
