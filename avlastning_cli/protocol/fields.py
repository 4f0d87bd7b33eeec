"""Every answerable item of a protocol, as plain descriptions.

This is the one list the answers template, the answers-file checks, the session engine and
the prompts all read, so that a key means the same thing everywhere. Keys are
``SECTION.ITEM`` (e.g. ``practical.home_transport_needed``) plus a few session-wide keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from avlastning_cli.i18n import tr
from avlastning_cli.protocol import models as m

FieldType = Literal["yes_no", "number", "choice", "text", "date", "ids", "status"]
Mode = Literal["live", "rehearsal"]
#: What a field is for. Code that needs "the round's counts" or "the checks" asks the role,
#: never the key's spelling: a check may be called anything except a reserved id.
Role = Literal[
    "participants",  # how many took part (session-wide)
    "second_leader",  # a second leader present (session-wide)
    "status",  # a step done or skipped
    "check",  # a tick in a step's checklist
    "question",  # a protocol question (yes/no, number, choice, free text)
    "spoke",  # the round: turns spoken
    "passed",  # the round: turns passed
    "flagged",  # warning signs marked in a step
    "follow_up",  # the follow-up date
    "escalations",  # signs escalated from the emergency action (session-wide)
    "scenario",  # a rehearsal scenario's chosen response
    "self_rating",  # a rehearsal self-rating question
    "lesson_categories",  # the areas of the lessons to take further (ids, no free text)
]

PARTICIPANTS = "participants"
SECOND_LEADER = "second_leader"
ESCALATIONS = "escalations"
STATUS = "status"
SPOKE = "spoke"
PASSED = "passed"
FLAGGED = "flagged"
FOLLOW_UP_DATE = "follow_up_date"
SELF_RATING = "self_rating"
SCENARIO = "scenario"

MAX_PARTICIPANTS = 60

#: Item ids that the tool uses for a section's own fields (``SECTION.status`` and so on):
#: a check or question may not use them.
RESERVED_ITEM_IDS = frozenset({STATUS, SPOKE, PASSED, FLAGGED, FOLLOW_UP_DATE})
#: Section ids that the tool uses as key prefixes or session-wide keys.
RESERVED_SECTION_IDS = frozenset({SCENARIO, SELF_RATING, PARTICIPANTS, SECOND_LEADER, ESCALATIONS})


@dataclass(frozen=True)
class Field:
    key: str
    type: FieldType
    default: Any
    section: str | None
    label: str
    options: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    max_length: int | None = None
    show_if: tuple[str, Any] | None = None
    help: str | None = None
    role: Role = "question"

    def applies(self, value_of: Callable[[str], Any]) -> bool:
        """Whether it is asked, given how to look up another field's current answer."""
        return self.show_if is None or value_of(self.show_if[0]) == self.show_if[1]

    def describe(self) -> dict[str, Any]:
        """The JSON form used by `avlastning answers --json`."""
        out: dict[str, Any] = {"type": self.type, "default": self.default}
        out["section"] = self.section
        out["label"] = self.label
        if self.options:
            out["options"] = list(self.options)
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        if self.max_length is not None:
            out["max_length"] = self.max_length
            out["scrubbed"] = True
        if self.show_if is not None:
            out["show_if"] = {"key": self.show_if[0], "equals": self.show_if[1]}
        return out


def key(section: str, item: str) -> str:
    return f"{section}.{item}"


def question_field(
    section: str, q: m.AnyQuestion, owners: dict[str, str], role: Role = "question"
) -> Field:
    show_if = None
    if q.show_if is not None:
        show_if = (key(owners[q.show_if.question], q.show_if.question), q.show_if.equals)
    common: dict[str, Any] = {
        "key": key(section, q.id),
        "section": section,
        "label": q.text,
        "show_if": show_if,
        "help": q.help,
        "role": role,
    }
    if isinstance(q, m.YesNoQuestion):
        return Field(type="yes_no", default=q.default, **common)
    if isinstance(q, m.NumberQuestion):
        return Field(type="number", default=q.default, min=q.min, max=q.max, **common)
    if isinstance(q, m.ChoiceQuestion):
        options = tuple(o.id for o in q.options)
        return Field(type="choice", default=q.default or options[0], options=options, **common)
    if isinstance(q, m.LessonCategoriesQuestion):
        common["role"] = "lesson_categories"
        return Field(type="ids", default=[], options=tuple(o.id for o in q.options), **common)
    return Field(type="text", default="", max_length=q.max_length, **common)


def fields(protocol: m.Protocol, mode: Mode = "live") -> list[Field]:
    """All answerable fields of ``protocol``, in the order the session asks them."""

    def _label(name: str) -> str:
        return tr(f"field.{name}", protocol.language)

    out = [
        # Asked, never assumed: None until the leader answers ("not answered").
        Field(
            PARTICIPANTS,
            "number",
            None,
            None,
            _label("participants"),
            min=1,
            max=MAX_PARTICIPANTS,
            role="participants",
        ),
        Field(SECOND_LEADER, "yes_no", None, None, _label("second_leader"), role="second_leader"),
    ]
    owners: dict[str, str] = {}
    for s in protocol.sections:
        out.append(
            Field(
                key(s.id, STATUS),
                "status",
                "done",
                s.id,
                s.title,
                options=("done", "skipped"),
                role="status",
            )
        )
        for c in s.checks:
            out.append(Field(key(s.id, c.id), "yes_no", None, s.id, c.text, role="check"))
        if isinstance(s, m.RoundSection):
            out.append(
                Field(
                    key(s.id, SPOKE),
                    "number",
                    0,
                    s.id,
                    _label("spoke"),
                    min=0,
                    max=MAX_PARTICIPANTS,
                    role="spoke",
                )
            )
            out.append(
                Field(
                    key(s.id, PASSED),
                    "number",
                    0,
                    s.id,
                    _label("passed"),
                    min=0,
                    max=MAX_PARTICIPANTS,
                    role="passed",
                )
            )
        if isinstance(s, m.WarningSignsSection):
            out.append(
                Field(
                    key(s.id, FLAGGED),
                    "ids",
                    [],
                    s.id,
                    s.title,
                    options=tuple(sign.id for sign in s.signs),
                    role="flagged",
                )
            )
        for q in s.questions:
            owners[q.id] = s.id
            out.append(question_field(s.id, q, owners))
        if isinstance(s, m.NextStepsSection) and s.follow_up is not None:
            out.append(
                Field(
                    key(s.id, FOLLOW_UP_DATE), "date", "", s.id, s.follow_up.text, role="follow_up"
                )
            )
    out.append(
        Field(
            ESCALATIONS,
            "ids",
            [],
            None,
            _label("escalations"),
            options=sign_ids(protocol),
            role="escalations",
        )
    )
    if mode == "rehearsal":
        for sc in protocol.scenarios:
            options = scenario_order(sc)
            out.append(
                Field(
                    key(SCENARIO, sc.id),
                    "choice",
                    options[0],
                    sc.section,
                    sc.situation,
                    options=options,
                    role="scenario",
                )
            )
        for q in protocol.self_rating:
            owners[q.id] = SELF_RATING
            out.append(question_field(SELF_RATING, q, owners, role="self_rating"))
    return out


def scenario_order(scenario: m.Scenario) -> tuple[str, ...]:
    """A scenario's responses in a fixed order that is not the protocol's: authors tend to
    write the recommended response first, and a trainee must not learn "pick the first"."""

    def rank(choice_id: str) -> str:
        return hashlib.sha256(f"{scenario.id}:{choice_id}".encode()).hexdigest()

    return tuple(sorted((c.id for c in scenario.choices), key=rank))


def lesson_category_ids(protocol: m.Protocol) -> tuple[str, ...]:
    """Every lesson area the protocol defines, in its order (no duplicates)."""
    out: dict[str, None] = {}
    for s in protocol.sections:
        for q in s.questions:
            if isinstance(q, m.LessonCategoriesQuestion):
                out.update(dict.fromkeys(o.id for o in q.options))
    return tuple(out)


def sign_ids(protocol: m.Protocol) -> tuple[str, ...]:
    return tuple(
        sign.id
        for s in protocol.sections
        if isinstance(s, m.WarningSignsSection)
        for sign in s.signs
    )


def defaults(protocol: m.Protocol, mode: Mode = "live") -> dict[str, Any]:
    return {f.key: f.default for f in fields(protocol, mode)}
