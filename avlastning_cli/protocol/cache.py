"""Protocols that validated before, kept by the hash of their bytes, so they load fast.

Parsing YAML with every location and building pydantic's validators cost more than the rest
of a command. A file whose exact bytes validated before is rebuilt from its validated data,
stored as JSON, with ``model_construct`` (no validation: the data are the dump of a validated
protocol). The key covers the file's bytes, the code that validates (models, loader, YAML
reader, this module) and pydantic's version, so a change to any of them misses the cache; the
package's version stands in for a source file that is not installed (read only then: reading
it from the package metadata costs more than the rest of a cached load). A file that fails
validation is never stored: its errors are always found afresh, with their YAML locations.

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

    digest = hashlib.sha256(f"{_FORMAT} {VERSION}".encode())
    here = Path(__file__).parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:  # installed without sources: the version must do
            from avlastning_cli import __version__

            digest.update(f"{name} {__version__}".encode())
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
        return typing.cast(m.Protocol, _builder(m.Protocol)(data))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # not cached, or damaged: the full load decides


def put(raw: bytes, protocol: m.Protocol) -> None:
    """Remember that ``raw`` validated to ``protocol`` (best effort)."""
    entry = _entry(raw)
    if entry is None:
        return
    from avlastning_cli.fsutil import atomic_write

    text = json.dumps(_dump(protocol), ensure_ascii=False, separators=(",", ":"))
    # a read-only or full disk only costs the next start its speed
    with contextlib.suppress(OSError):
        atomic_write(entry, text)


# A model is stored as {"set": [fields given in the file], "v": {every field: value}}: with
# every value given, model_construct computes no default, and the fields set stay exact.


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        names = type(value).model_fields
        return {
            "set": sorted(value.model_fields_set),
            "v": {name: _dump(getattr(value, name)) for name in names},
        }
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


Builder = typing.Callable[[Any], Any]


def _keep(value: Any) -> Any:
    return value


@cache
def _builder(tp: Any) -> Builder:
    """A function that rebuilds a value of type ``tp`` from its dump, without validating."""
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model_builder(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        item = _builder(typing.get_args(tp)[0])
        return lambda value: [item(v) for v in value]
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(members) == 1:
            inner = _builder(members[0])
            return lambda value: None if value is None else inner(value)
        if all(isinstance(a, type) and issubclass(a, BaseModel) for a in members):
            return _union_builder(members)
        return _keep  # a scalar union (bool | int | str): JSON keeps the kind
    if tp is dt.date:
        return dt.date.fromisoformat
    if tp in (str, int, float, bool) or typing.get_origin(tp) is typing.Literal:
        return _keep
    raise TypeError(f"the protocol cache cannot store {tp!r}")  # a new field type: a bug


def _model_builder(model: type[BaseModel]) -> Builder:
    fields = {
        name: _builder(typing.cast(Any, f.annotation)) for name, f in model.model_fields.items()
    }

    def build(value: dict[str, Any]) -> BaseModel:
        values = {name: fields[name](v) for name, v in value["v"].items()}
        if values.keys() != fields.keys():
            raise KeyError("the cached data do not have this model's fields")
        return model.model_construct(_fields_set=set(value["set"]), **values)

    return build


def _union_builder(members: list[type[BaseModel]]) -> Builder:
    """A discriminated union: the member is the one whose ``kind`` or ``type`` tag fits."""
    by_tag: dict[Any, Builder] = {}
    for member in members:
        for tag in ("kind", "type"):
            field = member.model_fields.get(tag)
            if field is not None:
                for literal in typing.get_args(field.annotation):
                    by_tag[(tag, literal)] = _builder(member)

    def build(value: dict[str, Any]) -> BaseModel:
        data = value["v"]
        for tag in ("kind", "type"):
            if (tag, data.get(tag)) in by_tag:
                return typing.cast(BaseModel, by_tag[(tag, data[tag])](value))
        raise KeyError("no member of the union fits the cached data")

    return build
