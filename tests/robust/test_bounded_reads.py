"""Whatever a file claims to be, the tool reads a bounded amount and never waits on it:
/dev/zero (size 0, endless) and a FIFO with no writer give a plain message, fast."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.robust.helpers import no_traceback, run_cli

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and FIFOs"),
    pytest.mark.usefixtures("english"),  # these read the English messages
]

#: Far below what reading /dev/zero for the time limit would take (it grew ~0.5 GB/s).
MEMORY_LIMIT = 600 * 1024 * 1024
TIME_LIMIT = 20


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def bounded(args: list[str], cwd: Path, **kwargs: object) -> tuple[int, str]:
    result = run_cli(args, cwd=cwd, timeout=TIME_LIMIT, preexec_fn=_limit_memory, **kwargs)
    no_traceback(result.stdout, result.stderr)
    return result.returncode, (result.stdout + result.stderr).decode("utf-8", "replace")


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "/dev/zero"],
        ["run", "--answers", "/dev/zero", "--out", "out"],
        ["scrub", "/dev/zero"],
        ["checklist", "/dev/zero"],
    ],
    ids=["validate", "run-answers", "scrub", "checklist"],
)
def test_dev_zero_is_refused_without_reading_it(args: list[str], tmp_path: Path) -> None:
    code, output = bounded(args, tmp_path)
    assert code == 1
    assert "not a regular file" in output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "FIFO"],
        ["run", "--answers", "FIFO", "--out", "out"],
        ["scrub", "FIFO"],
    ],
    ids=["validate", "run-answers", "scrub"],
)
def test_a_fifo_without_a_writer_does_not_hang(args: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, output = bounded([str(fifo) if a == "FIFO" else a for a in args], tmp_path)
    assert code == 1
    assert "not a regular file" in output


def test_scrub_from_an_endless_stdin_stops_at_the_limit(tmp_path: Path) -> None:
    # plain stdin is scrubbed as a stream (any length, bounded memory: issue 16); /dev/zero is
    # no text and is refused at its first block
    with open("/dev/zero", "rb") as zero:
        code, output = bounded(["scrub"], tmp_path, stdin=zero)
    assert code == 1
    assert "NUL characters: it is not text" in output
    with open("/dev/zero", "rb") as zero:  # --json needs the whole text: bounded as before
        code, output = bounded(["scrub", "--json"], tmp_path, stdin=zero)
    assert code == 1
    assert "more than 1,000,000 bytes" in output


def test_a_big_regular_file_is_refused_with_its_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 1_100_000 + b"\n")
    code, output = bounded(["validate", str(big)], tmp_path)
    assert code == 1 and "at most 1,000,000 bytes" in output
