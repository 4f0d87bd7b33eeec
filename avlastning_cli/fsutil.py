"""Files written atomically, private, and never over an existing file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from avlastning_cli.errors import NotFoundError, UserError

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
            f"{target} already exists, and it was left as it is.",
            "Choose another file name, or move the old file away first.",
        ) from None
    except OSError as exc:
        raise UserError(f"Could not write {target}: {exc.strerror or exc}.") from None


class TooLarge(Exception):
    """A file longer than the limit given to :func:`read_bounded`."""


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` (else :class:`TooLarge`).

    Whatever the file claims to be: a device (``/dev/zero``) or a pipe is refused before
    anything is read, opening a FIFO does not wait for a writer, and no more than
    ``limit + 1`` bytes are ever read. Every failure is a plain :class:`UserError`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise NotFoundError(
            f"{path}: no such file.", f"Check the path and try again ({what})."
        ) from None
    except (IsADirectoryError, PermissionError) as exc:
        if path.is_dir():
            raise NotFoundError(f"{path}: is a folder, not a {what}.") from None
        raise UserError(
            f"{path}: cannot be read ({exc.strerror or 'permission denied'}).",
            f"Check that you may read the {what}, or copy it somewhere you can.",
        ) from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotFoundError(f"{path}: is a folder, not a {what}.")
        if not stat.S_ISREG(mode):
            raise UserError(
                f"{path}: is not a regular file (a device, pipe or socket), so it is not read.",
                f"Save the {what} as a file and give its path.",
            )
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(f"{path}: more than {limit:,} bytes")
    return data


def read_stream(stream: object, limit: int) -> bytes:
    """At most ``limit`` bytes from a binary stream such as ``sys.stdin.buffer``, else
    :class:`TooLarge`: ``scrub < /dev/zero`` stops after ``limit + 1`` bytes."""
    read = getattr(stream, "read", None)
    if read is None:
        raise UserError("There is no input to read (standard input is closed).")
    chunks: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = read(min(left, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(f"standard input: more than {limit:,} bytes")
    return data
