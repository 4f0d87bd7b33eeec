"""Protocols that validated before, kept by the hash of their bytes, so they load fast.

Parsing YAML with every location and building pydantic's validators cost more than the rest
of a command. A file whose exact bytes validated before is rebuilt from its validated data,
stored as JSON, with ``model_construct`` (no validation: the data are the dump of a validated
protocol). The key covers the file's bytes, this package's version, the code that validates
(models, loader, YAML reader, this module) and pydantic's version, so a change to any of them
misses the cache. A file that fails validation is never stored: its errors are always found
afresh, with their YAML locations.

Best effort: anything wrong with the cache (missing, unreadable, corrupt, read-only folder)
falls back to the full load. It holds protocol text only, never session data, in the user
cache folder; ``$AVLASTNING_CACHE_DIR`` moves it (tests and benchmarks use that), and
``AVLASTNING_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from avlastning_cli import __version__
from avlastning_cli.protocol import models as m

#: The modules whose code decides what a valid protocol is (a change to any misses the cache)
_CODE = ("models.py", "loader.py", "cache.py", "../yamlsrc.py")
_FORMAT = "1"


def cache_dir() -> Path | None:
    override = os.environ.get("AVLASTNING_CACHE_DIR")
    if override == "off":
        return None
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("avlastning", appauthor=False)) / "protocols"


@cache
def _code_fingerprint() -> bytes:
    from pydantic.version import VERSION

    digest = hashlib.sha256(f"{_FORMAT} {__version__} {VERSION}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())  # installed without sources: the version must do
    return digest.digest()


def _entry(raw: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"{hashlib.sha256(_code_fingerprint() + raw).hexdigest()}.json"


def get(raw: bytes) -> m.Protocol | None:
    """The protocol these exact bytes validated to before, or None."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        data = json.loads(entry.read_bytes())
        return typing.cast(m.Protocol, _build(m.Protocol, data))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # not cached, or damaged: the full load decides


def put(raw: bytes, protocol: m.Protocol) -> None:
    """Remember that ``raw`` validated to ``protocol`` (best effort)."""
    entry = _entry(raw)
    if entry is None:
        return
    from avlastning_cli.fsutil import atomic_write

    data = protocol.model_dump(mode="json", exclude_unset=True)
    # a read-only or full disk only costs the next start its speed
    with contextlib.suppress(OSError):
        atomic_write(entry, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _build(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` from its JSON dump, without validating it again."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if value is None:
        return None
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        fields = tp.model_fields
        kwargs = {key: _build(fields[key].annotation, item) for key, item in value.items()}
        return tp.model_construct(**kwargs)
    origin = typing.get_origin(tp)
    if origin is list:
        (item_type,) = typing.get_args(tp)
        return [_build(item_type, item) for item in value]
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(members) == 1:
            return _build(members[0], value)
        if isinstance(value, dict):
            return _build(_tagged(members, value), value)
        return value  # a scalar union (bool | int | str): JSON keeps the kind
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is float:
        return float(value)
    return value


def _tagged(members: list[Any], value: dict[str, Any]) -> type[BaseModel]:
    """The member of a discriminated union (by ``kind`` or ``type``) that ``value`` is."""
    for member in members:
        for tag in ("kind", "type"):
            field = member.model_fields.get(tag)
            if field is not None and value.get(tag) in typing.get_args(field.annotation):
                return typing.cast(type[BaseModel], member)
    raise KeyError("no union member fits the cached data")
