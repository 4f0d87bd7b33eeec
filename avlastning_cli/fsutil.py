"""Files written atomically, private, and never over an existing file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from avlastning_cli.errors import UserError
from avlastning_cli.i18n import tr

PRIVATE = 0o600


def _temp_beside(target: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(name, PRIVATE)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def atomic_write(target: Path, data: bytes | str) -> None:
    """Replace ``target`` in one step: a reader sees the old file or the new one, never half."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(target, raw)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_new(folder: Path, stem: str, suffix: str, data: bytes | str) -> Path:
    """Write a new file ``stem.suffix`` in ``folder`` (``stem-2.suffix``… if taken), atomically.

    The file appears whole or not at all, and an existing file is never overwritten.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(folder / f"{stem}{suffix}", raw)
    try:
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(temp, target)
            except FileExistsError:
                continue
            except OSError:
                # no hard links on this file system: claim the name, then move into it
                try:
                    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
                except FileExistsError:
                    continue
                os.close(fd)
                os.replace(temp, target)
            return target
        raise FileExistsError(f"too many files named {stem}-N{suffix} in {folder}")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def write_exclusive(target: Path, data: bytes | str) -> None:
    """Write ``target`` atomically; refuse (FileExistsError) if it already exists."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_beside(target, raw)
    try:
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
            os.close(fd)
            os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def write_new_file(target: Path, data: str | bytes) -> None:
    """Write ``target`` whole or not at all; never over an existing file."""
    try:
        write_exclusive(target, data)
    except FileExistsError:
        raise UserError(
            tr("err.exists", file=target),
            tr("err.exists_hint"),
        ) from None
    except OSError as exc:
        raise UserError(tr("err.cannot_write", file=target, error=exc.strerror or exc)) from None
