"""The session's state: only what the summary may hold, saved after every answer.

It holds counts, ticks, ids and scrubbed text — never a name, never a quote. It is saved
atomically to the user's state folder (platformdirs), mode 0600 on POSIX, so that Ctrl-C,
a closed lid or a crash loses at most the answer being typed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from avlastning_cli.fsutil import atomic_write

STATE_VERSION = 1
Mode = Literal["live", "rehearsal"]


@dataclass
class SessionState:
    mode: Mode
    protocol_id: str
    protocol_version: str
    language: str
    protocol_path: str
    protocol_sha256: str
    out_dir: str
    started_at: str  # ISO timestamp, local time, minutes precision is enough
    date: str  # YYYY-MM-DD
    position: int = -1  # -1: the opening questions (participants); then section index
    answers: dict[str, Any] = field(default_factory=dict)
    redactions: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # time spent per section id
    # the walkthrough's own bookkeeping (round ended, masked counts per text); no content
    progress: dict[str, Any] = field(default_factory=dict)
    version: int = STATE_VERSION

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SessionState:
        data = json.loads(text)
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"unknown state version {data.get('version')!r}")
        return cls(**data)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_state(
    mode: Mode,
    protocol_id: str,
    protocol_version: str,
    language: str,
    protocol_path: Path,
    out_dir: Path,
    now: dt.datetime | None = None,
) -> SessionState:
    now = now or dt.datetime.now()
    return SessionState(
        mode=mode,
        protocol_id=protocol_id,
        protocol_version=protocol_version,
        language=language,
        protocol_path=str(protocol_path.resolve()),
        protocol_sha256=file_sha256(protocol_path),
        out_dir=str(out_dir.resolve()),
        started_at=now.isoformat(timespec="seconds"),
        date=now.date().isoformat(),
    )


def state_dir() -> Path:
    """Where unfinished sessions are kept; $AVLASTNING_STATE_DIR overrides (tests use it)."""
    override = os.environ.get("AVLASTNING_STATE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_state_dir

    return Path(user_state_dir("avlastning", appauthor=False))


def state_file(mode: Mode) -> Path:
    return state_dir() / f"{mode}-session.json"


def save(state: SessionState) -> Path:
    path = state_file(state.mode)
    atomic_write(path, state.to_json())
    return path


def load(mode: Mode) -> SessionState | None:
    path = state_file(mode)
    try:
        return SessionState.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def discard(mode: Mode) -> bool:
    try:
        state_file(mode).unlink()
    except FileNotFoundError:
        return False
    return True
