"""The summary's one contract: what the writer builds, the Markdown renders and `stats` reads.

Two kinds share ``"schema": "avlastning.summary/1"`` and are told apart by ``mode``: a held
session (``live`` or ``rehearsal``) and a record that a session was ``not_held``. The JSON
Schema of both is committed as ``summary.schema.json`` beside this module (a test fails when
it is stale), so other tools can read summaries too.

Reading is strict (a JSON string is not a number, a number is not a date), and unknown keys
are refused: a summary with another shape says so instead of being half counted.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, TypeAdapter

SCHEMA = "avlastning.summary/1"
SCHEMA_FILE = Path(__file__).with_name("summary.schema.json")

Answer = bool | int | float | str


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True, frozen=True)


class ProtocolRef(_Base):
    id: str
    version: str
    language: str
    type: str


class Tool(_Base):
    name: str
    version: str


class Step(_Base):
    id: str
    status: Literal["done", "skipped"]


class Round(_Base):
    spoke: NonNegativeInt
    passed: NonNegativeInt


class WarningSigns(_Base):
    flagged: list[str]
    escalated: bool
    escalations: list[str]


class FollowUp(_Base):
    answers: dict[str, Answer | None]  # None: a yes/no question not answered
    next_steps: list[str]
    date: dt.date | None


class Timing(_Base):
    id: str
    target_minutes: int | float
    minutes: int | float


class ScenarioResult(_Base):
    id: str
    choice: str | None
    recommended: bool


class Rehearsal(_Base):
    timing: list[Timing]
    scenarios: list[ScenarioResult]
    self_rating: dict[str, Answer | None]


SchemaId = Annotated[Literal["avlastning.summary/1"], Field(alias="schema")]


class _Record(_Base):
    """What both kinds can do. (Fields are declared in each kind, in the file's key order.)"""

    def to_data(self) -> dict[str, Any]:
        """The JSON form (a dict), as written to the ``.json`` file."""
        data = self.model_dump(mode="json", by_alias=True)
        if data.get("rehearsal", ...) is None:
            del data["rehearsal"]  # a live summary has no rehearsal block at all
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"


class HeldSummary(_Record):
    """A session that was held (live or rehearsed): counts, ticks, ids and general lessons."""

    schema_: SchemaId
    mode: Literal["live", "rehearsal"]
    protocol: ProtocolRef
    date: dt.date
    duration_minutes: NonNegativeInt
    participants: NonNegativeInt | None  # None: not answered (never assumed)
    second_leader: bool | None
    steps: list[Step]
    checks: dict[str, bool | None]  # None: not answered, which is not a "no"
    round: Round | None  # None: not counted, as the number taking part was not given
    warning_signs: WarningSigns
    follow_up: FollowUp
    lessons: str
    #: The areas of the lessons (ids from the protocol's lesson_categories question): useful
    #: with no free text at all. Optional with a default, so older summaries still read.
    lesson_categories: list[str] = Field(default_factory=list)
    redactions: NonNegativeInt
    tool: Tool
    rehearsal: Rehearsal | None = None


class NotHeldReason(_Base):
    reason: str


class NotHeldRecord(_Record):
    """A session considered but not held, and why: no session fields at all, so nothing can
    mistake it for a held session with zero participants."""

    schema_: SchemaId
    mode: Literal["not_held"]
    protocol: ProtocolRef
    date: dt.date
    not_held: NotHeldReason
    tool: Tool


Summary = Annotated[HeldSummary | NotHeldRecord, Field(discriminator="mode")]
MODES = ("live", "rehearsal", "not_held")

_ADAPTER: TypeAdapter[HeldSummary | NotHeldRecord] = TypeAdapter(Summary)


def parse_json(raw: str | bytes) -> HeldSummary | NotHeldRecord:
    """A summary from its JSON text; pydantic's ValidationError (or ValueError) if it is not one."""
    return _ADAPTER.validate_json(raw)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a summary file (committed as ``summary.schema.json``)."""
    schema = _ADAPTER.json_schema(by_alias=True, mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://avlastning.invalid/summary.schema.json",
        "title": f"avlastning summary ({SCHEMA})",
        **schema,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
