"""The session's logic, pure: no I/O, no prompts.

Given a protocol and a :class:`SessionState`, the engine knows which step comes next, which
fields are visible, how an answer is checked and stored (free text scrubbed first), going back,
skipping, the round's counts, flagged signs, escalations, time per section and finishing.

Steps: position -1 is the opening (participants, second leader); 0..n-1 are the protocol's
sections; n is the end (rehearsal: self-rating and timing; then the summary).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol import models as m
from avlastning_cli.session.answers import coerce, parse_follow_up
from avlastning_cli.session.state import SessionState
from avlastning_cli.textsafe import clean_input

OPENING = -1
ROUND_ENDED = "round_ended"  # state.progress[ROUND_ENDED]: list of round section ids
ROUND_TURNS = "round_turns"  # state.progress[ROUND_TURNS]: {section id: ["spoke", …]}
TEXT_REDACTIONS = "text_redactions"  # state.progress[...]: {key: masked count}
WRITE = "write_summary"  # state.progress[WRITE]: whether the end writes a summary


@dataclass(frozen=True)
class Scrubbed:
    text: str
    count: int


def scrub_text(text: str, language: str) -> Scrubbed:
    """``text`` with personal data masked (the privacy package does the work)."""
    if not text.strip():
        return Scrubbed("", 0)
    from avlastning_cli.privacy import scrub

    result = scrub(text, language)
    return Scrubbed(result.text, int(result.count))


@dataclass
class Engine:
    protocol: m.Protocol
    state: SessionState
    by_key: dict[str, f.Field] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {x.key: x for x in f.fields(self.protocol, self.state.mode)}

    # --- where we are ------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.protocol.sections)

    @property
    def position(self) -> int:
        return self.state.position

    @property
    def at_end(self) -> bool:
        return self.state.position >= self.total

    def section(self, index: int | None = None) -> m.AnySection:
        i = self.state.position if index is None else index
        return self.protocol.sections[i]

    def current_section_id(self) -> str | None:
        if 0 <= self.state.position < self.total:
            return self.section().id
        return None

    # --- values -----------------------------------------------------------------------

    def value(self, key: str) -> Any:
        """The answer given so far, or the field's default."""
        if key in self.state.answers:
            return self.state.answers[key]
        return self.by_key[key].default

    def visible(self, fld: f.Field) -> bool:
        return fld.applies(self.value)

    def items(self, section_id: str) -> list[f.Field]:
        """The checks and questions of a section, in order (visibility is checked as asked)."""
        return [
            x
            for x in self.by_key.values()
            if x.section == section_id and x.role in ("check", "question", "lesson_categories")
        ]

    def self_rating_items(self) -> list[f.Field]:
        return [x for x in self.by_key.values() if x.role == "self_rating"]

    def scenarios_at(self, section_id: str) -> list[m.Scenario]:
        if self.state.mode != "rehearsal":
            return []
        return [s for s in self.protocol.scenarios if s.section == section_id]

    # --- answering --------------------------------------------------------------------

    def answer(self, key: str, value: Any) -> Any:
        """Check ``value`` and store it; free text is scrubbed first. ValueError if wrong."""
        fld = self.by_key[key]
        stored = coerce(fld, value)
        if fld.type == "text":
            cleaned = scrub_text(clean_input(stored), self.state.language)
            stored = cleaned.text
            counts = self.state.progress.setdefault(TEXT_REDACTIONS, {})
            counts[key] = cleaned.count
            self.state.redactions = sum(counts.values())
        self.state.answers[key] = stored
        return stored

    def apply(self, answers: dict[str, Any]) -> None:
        """Store a whole set of (already checked) answers, e.g. from an answers file."""
        for key, value in answers.items():
            self.answer(key, value)

    def preview_text(self, text: str) -> Scrubbed:
        return scrub_text(clean_input(text), self.state.language)

    # --- navigation -------------------------------------------------------------------

    def go_on(self) -> None:
        self._leave("done")

    def skip(self) -> None:
        self._leave("skipped")

    def _leave(self, status: str) -> None:
        sid = self.current_section_id()
        if sid is not None:
            self.answer(f.key(sid, f.STATUS), status)
        self.state.position = min(self.state.position + 1, self.total)

    def back(self) -> None:
        self.state.position = max(OPENING, self.state.position - 1)

    # --- the round --------------------------------------------------------------------

    def round_counts(self, section_id: str) -> tuple[int, int]:
        return int(self.value(f.key(section_id, f.SPOKE))), int(
            self.value(f.key(section_id, f.PASSED))
        )

    def participants(self) -> int | None:
        """How many take part, or None while not answered."""
        n = self.value(f.PARTICIPANTS)
        return None if n is None else int(n)

    def counted_in_rounds(self) -> int:
        """The most people any round has counted (spoke + passed)."""
        return max(
            (sum(self.round_counts(s.id)) for s in self.protocol.sections_of("round")), default=0
        )

    def round_ended(self, section_id: str) -> bool:
        return section_id in self.state.progress.get(ROUND_ENDED, [])

    def next_person(self, section_id: str) -> int | None:
        """The 1-based turn to take next, or None when the round is over."""
        if self.round_ended(section_id):
            return None
        spoke, passed = self.round_counts(section_id)
        k = spoke + passed + 1
        n = self.participants()
        if n is None or k > n:
            self.end_round(section_id)
            return None
        return k

    def turn(self, section_id: str, outcome: str) -> None:
        """Count one turn: ``spoke`` or ``passed``; ``end`` ends the round early."""
        if outcome == "end":
            self.end_round(section_id)
            return
        name = f.SPOKE if outcome == "spoke" else f.PASSED
        k = f.key(section_id, name)
        self.answer(k, int(self.value(k)) + 1)
        self.state.progress.setdefault(ROUND_TURNS, {}).setdefault(section_id, []).append(name)
        self.next_person(section_id)  # marks the round ended after the last person

    def undo_turn(self, section_id: str) -> None:
        """Take back the last turn marked (a person marked by mistake is asked again)."""
        turns = self.state.progress.get(ROUND_TURNS, {}).get(section_id, [])
        if not turns:
            return
        k = f.key(section_id, turns.pop())
        self.answer(k, max(0, int(self.value(k)) - 1))

    def end_round(self, section_id: str) -> None:
        ended = self.state.progress.setdefault(ROUND_ENDED, [])
        if section_id not in ended:
            ended.append(section_id)

    def restart_round(self, section_id: str) -> None:
        self.answer(f.key(section_id, f.SPOKE), 0)
        self.answer(f.key(section_id, f.PASSED), 0)
        self.state.progress.get(ROUND_TURNS, {}).pop(section_id, None)
        ended = self.state.progress.get(ROUND_ENDED, [])
        if section_id in ended:
            ended.remove(section_id)

    # --- warning signs and escalations -----------------------------------------------

    def flag(self, section_id: str, sign_ids: list[str]) -> list[str]:
        return list(self.answer(f.key(section_id, f.FLAGGED), list(sign_ids)))

    def signs_to_tick(self, section_id: str) -> list[str]:
        """The signs ticked when the warning-signs step comes: those marked before, and those
        already escalated with the emergency key."""
        section = next(s for s in self.protocol.sections if s.id == section_id)
        marked = set(self.value(f.key(section_id, f.FLAGGED))) | set(self.value(f.ESCALATIONS))
        if not isinstance(section, m.WarningSignsSection):
            return []
        return [s.id for s in section.signs if s.id in marked]

    def escalate(self, sign_id: str) -> None:
        """Record that an escalation happened for ``sign_id`` (never who)."""
        current = list(self.value(f.ESCALATIONS))
        if sign_id not in current:
            self.answer(f.ESCALATIONS, [*current, sign_id])

    def signs(self) -> list[m.WarningSign]:
        return [
            sign
            for s in self.protocol.sections
            if isinstance(s, m.WarningSignsSection)
            for sign in s.signs
        ]

    # --- follow-up date ---------------------------------------------------------------

    @staticmethod
    def parse_follow_up(text: str, today: dt.date) -> str:
        """'' (none), a number of days from ``today``, or a date from today on."""
        return parse_follow_up(text, today)

    # --- time -------------------------------------------------------------------------

    def add_time(self, seconds: float) -> None:
        sid = self.current_section_id()
        if sid is not None and seconds > 0:
            self.state.seconds[sid] = round(self.state.seconds.get(sid, 0.0) + seconds, 1)

    def elapsed_minutes(self, section_id: str) -> float:
        return self.state.seconds.get(section_id, 0.0) / 60

    def timing(self) -> list[tuple[str, float, float]]:
        """(title, target minutes, used minutes) per section."""
        return [(s.title, s.minutes, self.elapsed_minutes(s.id)) for s in self.protocol.sections]

    # --- resume after the protocol changed --------------------------------------------

    def keep_fitting_answers(self) -> list[str]:
        """Drop answers that no longer fit the protocol; return the dropped keys."""
        dropped = []
        for key, value in list(self.state.answers.items()):
            fld = self.by_key.get(key)
            try:
                if fld is None:
                    raise ValueError(key)
                self.state.answers[key] = coerce(fld, value)
            except ValueError:
                dropped.append(key)
                del self.state.answers[key]
        self.state.position = max(OPENING, min(self.state.position, self.total))
        return dropped
