"""Files written atomically, private, and never over an existing file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from avlastning_cli.errors import NotFoundError, UserError
from avlastning_cli.i18n import tr

PRIVATE = 0o600


#: Files being written are named like this (hidden, no summary's name, ``.tmp``): a kill in
#: the middle leaves nothing that looks like a summary, and :func:`clean_partials` finds it.
PARTIAL_PREFIX = ".avlastning-partial-"
PARTIAL_SUFFIX = ".tmp"
#: A partial file older than this is left over from a killed run (a write takes milliseconds).
PARTIAL_AGE = 600.0


PRIVATE_DIR = 0o700


def make_dirs(folder: Path) -> None:
    """Make ``folder`` and its missing parents, each readable only by this user (0700 on
    POSIX; on Windows the folders inherit the user profile's access rules). Folders that
    exist already are left as they are. Raises like ``Path.mkdir`` (a file in the way…)."""
    missing = []
    for path in (folder, *folder.parents):
        if os.path.isdir(path):
            break
        missing.append(path)
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # made meanwhile, or a file: the last mkdir below says which
        if os.name == "posix":
            os.chmod(path, PRIVATE_DIR)  # whatever the umask
    folder.mkdir(parents=True, exist_ok=True)


def _temp_beside(target: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX, dir=target.parent)
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
    make_dirs(target.parent)
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
    make_dirs(folder)
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
    make_dirs(target.parent)
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
            tr("err.no_such_file", file=path), tr("err.check_path_what", what=what)
        ) from None
    except (IsADirectoryError, PermissionError) as exc:
        if path.is_dir():
            raise NotFoundError(tr("err.is_folder", file=path, what=what)) from None
        raise UserError(
            tr("err.cannot_read", file=path, error=exc.strerror or tr("err.permission_denied")),
            tr("err.cannot_read_hint", what=what),
        ) from None
    except OSError as exc:
        raise UserError(tr("err.cannot_read", file=path, error=exc.strerror or exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise NotFoundError(tr("err.is_folder", file=path, what=what))
        if not stat.S_ISREG(mode):
            raise UserError(tr("err.not_regular", file=path), tr("err.not_regular_hint", what=what))
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise UserError(tr("err.cannot_read", file=path, error=exc.strerror or exc)) from None
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
        raise UserError(tr("err.no_stdin"))
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


def clean_partials(folder: Path, older_than: float = PARTIAL_AGE) -> int:
    """Remove files a killed run left half-written in ``folder`` (see :data:`PARTIAL_PREFIX`).
    Only those older than ``older_than`` seconds: another session may be writing right now.
    Never raises; returns how many were removed."""
    import time

    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for path in folder.glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > older_than:
                    path.unlink()
                    removed += 1
    return removed


def _link_new(temp: Path, target: Path) -> None:
    """Give ``temp``'s content the new name ``target``; FileExistsError if it is taken."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: claim the name, then move into it
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
        os.close(fd)
        os.replace(temp, target)


def write_set(
    folder: Path, stem: str, parts: dict[str, bytes | str], reserve: tuple[str, ...] = ()
) -> dict[str, Path]:
    """Write files ``NAME.SUFFIX`` for every suffix in ``parts`` as one set: all of them under
    one new name, or none (a full disk half-way leaves nothing behind). ``NAME`` is ``stem``,
    else ``stem-2``…; a name is taken if a file with any suffix in ``parts`` or ``reserve``
    exists. Every byte is on disk, in partial files, before the first name is claimed."""
    make_dirs(folder)
    suffixes = tuple(dict.fromkeys((*parts, *reserve)))
    temps: dict[str, Path] = {}
    try:
        for suffix, data in parts.items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            temps[suffix] = _temp_beside(folder / f"{stem}{suffix}", raw)
        for n in range(1, 10_000):
            name = stem if n == 1 else f"{stem}-{n}"
            if any(os.path.lexists(folder / f"{name}{suffix}") for suffix in suffixes):
                continue
            placed: list[Path] = []
            try:
                for suffix, temp in temps.items():
                    target = folder / f"{name}{suffix}"
                    _link_new(temp, target)
                    placed.append(target)
            except FileExistsError:  # taken in the meantime: give the name back, try the next
                for path in placed:
                    with contextlib.suppress(OSError):
                        path.unlink()
                continue
            except BaseException:
                for path in placed:
                    with contextlib.suppress(OSError):
                        path.unlink()
                raise
            return {suffix: folder / f"{name}{suffix}" for suffix in parts}
        raise FileExistsError(f"too many files named {stem}-N in {folder}")
    finally:
        for temp in temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()
