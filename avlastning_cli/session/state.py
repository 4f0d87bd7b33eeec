"""The session's state: only what the summary may hold, saved after every answer.

It holds counts, ticks, ids and scrubbed text — never a name, never a quote. It is saved
atomically to the user's state folder (platformdirs), mode 0600 on POSIX, so that Ctrl-C,
a closed lid or a crash loses at most the answer being typed.
"""

from __future__ import annotations

import contextlib
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
        """The state in ``text``; ValueError when it is not a state file of this version or a
        value has the wrong type (a hand-edited ``position: "x"`` must not crash later)."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise ValueError("not a state file of this version")
        for name, kinds in _TYPES.items():
            if name in data and (
                not isinstance(data[name], kinds) or (isinstance(data[name], bool) and int in kinds)
            ):
                raise ValueError(f"'{name}' has the wrong type")
        if not all(
            isinstance(v, int | float) and not isinstance(v, bool)
            for v in data.get("seconds", {}).values()
        ):
            raise ValueError("'seconds' holds something that is not a number")
        if data.get("mode") not in ("live", "rehearsal"):
            raise ValueError("'mode' is not live or rehearsal")
        return cls(**data)


#: The JSON types each field may have (int for float is fine: JSON writes 3.0 as 3 elsewhere).
_TYPES: dict[str, tuple[type, ...]] = {
    "mode": (str,),
    "protocol_id": (str,),
    "protocol_version": (str,),
    "language": (str,),
    "protocol_path": (str,),
    "protocol_sha256": (str,),
    "out_dir": (str,),
    "started_at": (str,),
    "date": (str,),
    "position": (int,),
    "answers": (dict,),
    "redactions": (int,),
    "seconds": (dict,),
    "progress": (dict,),
    "version": (int,),
}


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


#: A state file is a few kilobytes; it is never read whole beyond this.
MAX_STATE_BYTES = 10_000_000


def load(mode: Mode) -> SessionState | None:
    """The saved state, None if there is none; ValueError if it cannot be used, UserError
    (plain message) if it cannot be read at all (a folder, no permission)."""
    from avlastning_cli.fsutil import TooLarge, read_bounded

    path = state_file(mode)
    if not os.path.lexists(path):
        return None
    try:
        from avlastning_cli.i18n import tr

        raw = read_bounded(path, MAX_STATE_BYTES, tr("what.saved_session"))
    except TooLarge:
        raise ValueError("too large") from None
    return SessionState.from_json(raw.decode("utf-8"))


def discard(mode: Mode) -> bool:
    path = state_file(mode)
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):  # nothing there (the folder is not one)
        return False
    except OSError as exc:
        from avlastning_cli.errors import UserError
        from avlastning_cli.i18n import tr

        raise UserError(
            tr("err.state_not_removed", file=path, error=exc.strerror or exc),
            tr("err.state_not_removed_hint"),
        ) from None
    return True


# --- one session at a time per mode -----------------------------------------------------------

#: The locks held by this process, by lock file (kept open until the process ends: the operating
#: system releases it then, even after a kill, so a crashed session never blocks the next).
HELD: dict[str, int] = {}


def lock_file(mode: Mode) -> Path:
    return state_dir() / f"{mode}-session.lock"


def owner_file(mode: Mode) -> Path:
    return state_dir() / f"{mode}-session.owner.json"


def _try_lock(fd: int) -> bool:
    import sys

    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _terminal_name() -> str:
    import sys

    for stream in (sys.stdin, sys.stdout):
        try:
            if stream is not None and stream.isatty() and hasattr(os, "ttyname"):
                return os.ttyname(stream.fileno())
        except (OSError, ValueError):
            continue
    return ""


def held(mode: Mode) -> bool:
    """Whether this process holds the claim on ``mode`` (in the current state folder)."""
    return str(lock_file(mode)) in HELD


def claim(mode: Mode) -> dict[str, Any] | None:
    """Claim the right to run a ``mode`` session in this process. None when claimed (or the
    state folder cannot hold a lock: then nothing is saved there either); else what is known
    about the process that holds it (pid, started, terminal)."""
    if held(mode):
        return None
    from avlastning_cli.fsutil import make_dirs

    try:
        make_dirs(state_dir())
        fd = os.open(lock_file(mode), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None  # an unwritable state folder: the autosave warns about that
    locked = _try_lock(fd)
    if locked and not _same_file(fd, lock_file(mode)):
        # the lock file was removed by a session ending between our open and our lock
        os.close(fd)
        return claim(mode)
    if not locked:
        os.close(fd)
        try:
            owner = json.loads(owner_file(mode).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            owner = {}
        return owner if isinstance(owner, dict) else {}
    HELD[str(lock_file(mode))] = fd
    from avlastning_cli.fsutil import clean_partials

    clean_partials(state_dir())  # half-written state files a killed run left
    info = {
        "pid": os.getpid(),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "terminal": _terminal_name(),
    }
    with contextlib.suppress(OSError):
        atomic_write(owner_file(mode), json.dumps(info))
    return None


def release(mode: Mode) -> None:
    """Give the claim back (at the end of a session; the process ending does it too). The
    lock file goes too, while it is still locked, so a finished session leaves nothing in
    the state folder (a rehearsal's help says it writes nothing); :func:`claim` checks that
    the file it locked is still the one in the folder."""
    fd = HELD.pop(str(lock_file(mode)), None)
    if fd is None:
        return
    with contextlib.suppress(OSError):
        owner_file(mode).unlink()
    with contextlib.suppress(OSError):  # Windows: an open file cannot be removed; it stays
        lock_file(mode).unlink()
    os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    """Whether the open ``fd`` is still the file at ``path`` (not one removed meanwhile)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False
