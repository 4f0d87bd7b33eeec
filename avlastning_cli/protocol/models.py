"""The protocol format: pydantic models, validated once at load.

Every model forbids unknown keys, so a misspelt key in a coordinator's YAML is an error with
its location instead of being silently ignored. Field descriptions end up in the JSON Schema,
which editors show while a protocol is being edited.
"""

# No `from __future__ import annotations` here: pydantic would then evaluate every field's
# annotation from its string when it defines the models (about 1.5 ms of every start).
import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40),
    Field(description="A stable id: lower-case letters, digits and _; the same in every language."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Language = Literal["sv", "en"]

#: The kinds a protocol of each type must contain, in the order the guide gives them.
REQUIRED_KINDS: dict[str, tuple[str, ...]] = {
    "defusing": (
        "purpose",
        "ground_rules",
        "round",
        "tell_at_home",
        "warning_signs",
        "next_steps",
    ),
    "conversation": ("opening", "next_steps", "ending"),
}


class Base(BaseModel):
    # defer_build: pydantic builds the validators on the first validation, not at import. A
    # protocol from the cache (protocol/cache.py) is never validated again, so it never pays.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Contact(Base):
    """Someone to turn to: who, how to reach them, and when."""

    id: Id
    role: Text = Field(description="Who this is, e.g. '1177 Vårdguiden' or 'Företagshälsovården'.")
    reach: Text = Field(description="How to reach them: a number, a web address, a place.")
    when: Text = Field(description="When to use this contact (for the leader).")
    on_card: str | None = Field(
        None,
        description="What the take-home card says about this contact, written to the person "
        "holding the card; the card uses 'when' if left out.",
    )


class Check(Base):
    """Something the leader confirms before going on, e.g. 'mobiler avstängda'."""

    id: Id
    text: Text


class Condition(Base):
    """Ask a question only when an earlier question got a given answer."""

    question: Id = Field(description="The id of an earlier yes_no, number or choice question.")
    equals: bool | int | str = Field(
        description="The answer that makes this question relevant (an option id for choice)."
    )


class _Question(Base):
    id: Id
    text: Text = Field(description="The question as the leader sees it.")
    help: str | None = Field(None, description="A short hint shown under the question.")
    show_if: Condition | None = None


class YesNoQuestion(_Question):
    type: Literal["yes_no"]
    default: bool | None = Field(
        None,
        description="The answer Enter gives. Leave it out: an unanswered question is then "
        "recorded as not answered, never as a no.",
    )


class NumberQuestion(_Question):
    type: Literal["number"]
    min: int = 0
    max: int = 1000
    default: int = 0


class Option(Base):
    id: Id
    text: Text


class ChoiceQuestion(_Question):
    type: Literal["choice"]
    options: list[Option] = Field(min_length=2)
    default: Id | None = Field(None, description="An option id; the first option if left out.")


class TextQuestion(_Question):
    """Free text. It is scrubbed of personal data as it is entered, and only the scrubbed
    text is stored (in the summary's lessons)."""

    type: Literal["text"]
    max_length: int = Field(600, ge=1, le=4000)


class LessonCategoriesQuestion(_Question):
    """Lessons to take further as areas the protocol defines (routines, staffing, equipment,
    communication, support afterwards…), ticked in a list. Only the ids are stored, so a
    summary is useful with no free text at all; put an optional short text question after it.
    Not allowed in self_rating."""

    type: Literal["lesson_categories"]
    options: list[Option] = Field(
        min_length=2, description="The areas a lesson can be about, each with a stable id."
    )


AnyQuestion = (
    YesNoQuestion | NumberQuestion | ChoiceQuestion | TextQuestion | LessonCategoriesQuestion
)
Question = Annotated[AnyQuestion, Field(discriminator="type")]


class _Section(Base):
    id: Id
    title: Text
    minutes: float = Field(gt=0, le=240, description="Target time for this step, in minutes.")
    say: list[Text] = Field(
        default_factory=list,
        description="The words the leader reads aloud, one paragraph each.",
    )
    tips: list[Text] = Field(
        default_factory=list, description="For the leader only: never read aloud."
    )
    why: str | None = Field(
        None, description="The reason behind this step, shown in full when rehearsing."
    )
    checks: list[Check] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)


class GeneralSection(_Section):
    """Any other step: setting up the room, introductions, practical checks."""

    kind: Literal["general"]


class OpeningSection(_Section):
    """The start of a one-to-one conversation."""

    kind: Literal["opening"]


class EndingSection(_Section):
    """The end of a one-to-one conversation."""

    kind: Literal["ending"]


class PurposeSection(_Section):
    kind: Literal["purpose"]
    points: list[Text] = Field(min_length=1, description="Why the group has gathered.")


class GroundRulesSection(_Section):
    kind: Literal["ground_rules"]
    rules: list[Text] = Field(min_length=1)


class RoundSection(_Section):
    """The round of first impressions: everyone may speak, nobody has to."""

    kind: Literal["round"]
    question: Text = Field(description="The opening question to ask the group.")
    passing_ok: Text = Field(description="What to say so that passing feels fine.")
    seconds_per_person: int = Field(
        ge=10, le=1800, description="Soft time per person: a quiet countdown, never an alarm."
    )


class TellAtHomeSection(_Section):
    kind: Literal["tell_at_home"]
    may_tell: list[Text] = Field(min_length=1)
    not_to_tell: list[Text] = Field(min_length=1)


#: How urgent a warning sign is, most urgent first. Only a life-threatening sign calls for 112
#: without a condition; the emergency screen lists signs in this order.
Level = Literal["life_threatening", "emergency_care", "support_soon"]
LEVELS: tuple[str, ...] = ("life_threatening", "emergency_care", "support_soon")


class WarningSign(Base):
    id: Id
    level: Level = Field(
        description="life_threatening: call 112 now; emergency_care: to emergency care now, "
        "or 1177 the same day; support_soon: more support in the coming days."
    )
    title: str | None = Field(
        None,
        max_length=60,
        description="A few words naming the sign, for the emergency menu; the text if left out.",
    )
    text: Text = Field(description="The sign to watch for.")
    action: Text = Field(description="What to do at once when it is seen.")
    contact: Id | None = Field(None, description="The id of the contact this sign calls for.")


def sign_label(sign: WarningSign) -> str:
    """The sign's short name for menus: its title, else its text."""
    return sign.title or " ".join(sign.text.split())


class WarningSignsSection(_Section):
    kind: Literal["warning_signs"]
    signs: list[WarningSign] = Field(min_length=1)


class FollowUp(Base):
    """An optional follow-up meeting; its date is asked for, never required."""

    text: Text = Field(description="What the follow-up is; used as the neutral calendar text.")
    default_days: int | None = Field(
        None, ge=1, le=365, description="A suggested number of days from today."
    )


class NextStepsSection(_Section):
    kind: Literal["next_steps"]
    contacts: list[Id] = Field(min_length=1, description="Ids of contacts to show, in order.")
    get_in_touch: Text = Field(description="When and how to get in touch again.")
    follow_up: FollowUp | None = None


AnySection = (
    GeneralSection
    | OpeningSection
    | EndingSection
    | PurposeSection
    | GroundRulesSection
    | RoundSection
    | TellAtHomeSection
    | WarningSignsSection
    | NextStepsSection
)
Section = Annotated[AnySection, Field(discriminator="kind")]


class ScenarioChoice(Base):
    id: Id
    text: Text = Field(description="A response the trainee may pick.")
    feedback: Text = Field(description="What the protocol says about this response.")
    recommended: bool = False


class Scenario(Base):
    """A rehearsal event: at a given section something happens and the trainee responds."""

    id: Id
    section: Id = Field(description="The id of the section where it happens.")
    situation: Text
    choices: list[ScenarioChoice] = Field(min_length=2)


class CardHeadings(Base):
    """Headings of the card's parts, where the tool's own would not fit the conversation."""

    may_tell: str | None = None
    not_to_tell: str | None = None
    normal_reactions: str | None = None
    seek_help: str | None = None
    self_care: str | None = None
    contacts: str | None = None


class Card(Base):
    """The take-home card handed to every participant (no personal data)."""

    title: Text
    headings: CardHeadings | None = None
    intro: str | None = None
    may_tell: list[Text] = Field(
        default_factory=list,
        description="What you may tell at home; the tell_at_home section's list if left out.",
    )
    normal_reactions: list[Text] = Field(min_length=1)
    self_care: list[Text] = Field(
        default_factory=list, description="What helps in the coming days: sleep, food, routines."
    )
    seek_help: list[Text] = Field(min_length=1, description="Signs to seek help for.")
    contacts: list[Id] = Field(min_length=1)
    closing: str | None = None


class Protocol(Base):
    """A conversation protocol: everything the tool says comes from here."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        defer_build=True,
        title="avlastning protocol",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    id: Id
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")] = Field(
        description="The protocol's own version, in quotes, e.g. '1.0'."
    )
    language: Language
    type: Literal["defusing", "conversation"] = "defusing"
    title: Text
    description: Text
    sources: list[Text] = Field(min_length=1, description="What the content is based on.")
    duration_minutes: int = Field(ge=5, le=240, description="Target length of the whole session.")
    review_by: dt.date = Field(description="When a coordinator should review this protocol.")
    contacts: list[Contact] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)
    scenarios: list[Scenario] = Field(default_factory=list)
    self_rating: list[Question] = Field(
        default_factory=list, description="Questions a trainee answers after a rehearsal."
    )
    not_held_reasons: list[Option] = Field(
        default_factory=list, description="Why a session was considered but not held."
    )
    card: Card | None = None

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.contacts if c.id == contact_id)

    def sections_of(self, kind: str) -> list[_Section]:
        return [s for s in self.sections if s.kind == kind]
