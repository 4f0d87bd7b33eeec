"""The walkthrough: step by step through a protocol, driving an abstract prompter.

The same loop runs with the interactive prompter (questionary, in ``ui.prompts``) and with
:class:`FilePrompter`, which answers every prompt with the value already given (from an
answers file) or the default, and shows nothing. After every answer the state is saved.
At any prompt the interactive prompter may return :data:`EMERGENCY` instead of an answer:
the emergency action is shown, an escalation may be recorded, and the same prompt is asked
again. Ctrl-C becomes :class:`~avlastning_cli.errors.Interrupted` (state already saved).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text

from avlastning_cli import prompter as pk
from avlastning_cli.errors import Interrupted, UserError
from avlastning_cli.organisation.slots import Slot
from avlastning_cli.prompter import EMERGENCY, FilePrompter, Prompter
from avlastning_cli.protocol import fields as f
from avlastning_cli.protocol import models as m
from avlastning_cli.session.answers import PastDate, parse_follow_up
from avlastning_cli.session.engine import OPENING, WRITE, Engine
from avlastning_cli.session.state import SessionState
from avlastning_cli.ui import screens
from avlastning_cli.ui.labels import labels

__all__ = ["EMERGENCY", "FilePrompter", "Outcome", "Paused", "Prompter", "Walkthrough"]


class Paused(Exception):
    """The leader chose to pause: the state is saved; the message tells how to go on."""


@dataclass
class Outcome:
    """How a walkthrough ended."""

    saved: tuple[Path, ...] | None = None
    discarded: bool = False
    rehearsal_done: bool = False
    messages: list[str] = field(default_factory=list)
    #: shown before the messages (the rehearsal's report)
    report: list[Any] = field(default_factory=list)


class Walkthrough:
    def __init__(
        self,
        protocol: m.Protocol,
        state: SessionState,
        prompter: Prompter,
        save: Callable[[SessionState], object],
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], dt.date] = dt.date.today,
        missing: Sequence[Slot] = (),
    ) -> None:
        self.protocol = protocol
        #: places the organisation has not filled in: a banner at the start says so
        self.missing = tuple(missing)
        self.state = state
        self.engine = Engine(protocol, state)
        self.prompter = prompter
        self._save = save
        self.clock = clock
        self.today = today
        self.L = labels(protocol.language)
        self.rehearsal = state.mode == "rehearsal"
        self._last = clock()
        self._redraw: Callable[[], None] = lambda: None
        self._notices: list[Any] = []
        self._options = {
            f.key(s.id, q.id): [(o.id, o.text) for o in q.options]
            for s in protocol.sections
            for q in s.questions
            if isinstance(q, m.ChoiceQuestion | m.LessonCategoriesQuestion)
        }
        self._options.update(
            {
                f.key(f.SELF_RATING, q.id): [(o.id, o.text) for o in q.options]
                for q in protocol.self_rating
                if isinstance(q, m.ChoiceQuestion)
            }
        )

    # --- plumbing ---------------------------------------------------------------------

    def commit(self) -> None:
        """Count the time spent on this step and save the state."""
        now = self.clock()
        self.engine.add_time(now - self._last)
        self._last = now
        self._save(self.state)

    def ask(self, fn: Callable[[], Any], notes: Sequence[Any] = ()) -> Any:
        """Ask until there is an answer; the emergency key opens the emergency action.
        ``notes`` are shown with the prompt each time it is asked (also after an emergency)."""
        while True:
            for note in notes:
                self.prompter.show(note)
            result = fn()
            if result is not EMERGENCY:
                return result
            self.emergency()

    def _unfilled(self) -> set[str]:
        """Ids of contacts the organisation has not filled in."""
        return {s.contact for s in self.missing if s.contact and s.key == s.contact}

    def emergency(self) -> None:
        L = self.L
        self.prompter.new_screen()
        self.prompter.show(screens.emergency_screen(self.protocol, L, self._unfilled()))
        signs = {s.id: s for s in screens.emergency_signs(self.protocol)}
        options = [("none", L["just_looking"])] + [(i, m.sign_label(s)) for i, s in signs.items()]
        choice = self.prompter.ask_choice(f.ESCALATIONS, L["which_sign"], options, "none")
        if choice in signs:
            self.engine.escalate(choice)
            sign = signs[choice]
            # pinned on top of the step we return to, so what to do stays in sight
            self._notices = [
                screens.sign_actions([sign], L),
                Text(L["escalation_saved"].format(sign=m.sign_label(sign)), style="dim"),
            ]
        self.commit()
        self._redraw()

    # --- the loop ---------------------------------------------------------------------

    def run(self) -> Outcome:
        try:
            while True:
                if self.state.position == OPENING:
                    self.opening()
                elif not self.engine.at_end:
                    self.section_step()
                else:
                    outcome = self.end()
                    if outcome is not None:
                        return outcome
        except (KeyboardInterrupt, EOFError):
            self._save(self.state)
            raise Interrupted(self.L["interrupted"]) from None

    def navigate(self, *, can_skip: bool = True, can_back: bool = True) -> None:
        L = self.L
        options = [("go_on", L["go_on"])]
        if can_skip:
            options.append(("skip", L["skip"]))
        if can_back:
            options.append(("back", L["back"]))
        options += [("pause", L["pause"]), ("emergency", L["emergency"])]
        default = "go_on"
        sid = self.engine.current_section_id()
        nav_key = pk.prompt_key(sid or pk.OPENING, pk.NAVIGATE)
        if sid and self.state.answers.get(f.key(sid, f.STATUS)) == "skipped" and can_skip:
            default = "skip"
        while True:
            choice = self.ask(
                lambda: self.prompter.navigate(L["what_now"], options, default, key=nav_key)
            )
            if choice == "emergency":
                self.emergency()
                continue
            break
        if choice == "pause":
            self.commit()
            raise Paused(L["paused"])
        self._notices = []  # an escalation's reminder stays for the rest of its step
        if choice == "back":
            self.engine.add_time(self.clock() - self._last)
            self._last = self.clock()
            self.engine.back()
        elif choice == "skip":
            self.commit_then(self.engine.skip)
        else:
            self.commit_then(self.engine.go_on)
        self._save(self.state)

    def commit_then(self, action: Callable[[], None]) -> None:
        now = self.clock()
        self.engine.add_time(now - self._last)
        self._last = now
        action()

    def opening(self) -> None:
        L = self.L

        def draw() -> None:
            self.prompter.new_screen()
            self.prompter.show(
                screens.opening_screen(
                    self.protocol, L, rehearsal=self.rehearsal, notices=self._notices
                )
            )
            if self.missing:  # shown with the first prompt
                self.prompter.show(screens.missing_banner(self.missing, L))

        self._redraw = draw
        draw()
        n = self.ask(
            lambda: self.prompter.ask_number(
                f.PARTICIPANTS,
                L["participants"],
                self.engine.value(f.PARTICIPANTS),
                max(1, self.engine.counted_in_rounds()),  # never fewer than the round counted
                f.MAX_PARTICIPANTS,
            )
        )
        self.engine.answer(f.PARTICIPANTS, n)
        self.commit()
        second = self.ask(
            lambda: self.prompter.ask_yes_no(
                f.SECOND_LEADER, L["second_leader"], self.engine.value(f.SECOND_LEADER)
            )
        )
        self.engine.answer(f.SECOND_LEADER, second)
        self.commit()
        self.navigate(can_skip=False, can_back=False)

    def section_step(self) -> None:
        section = self.engine.section()
        index = self.state.position

        def draw() -> None:
            self.prompter.new_screen()
            self.prompter.show(
                screens.section_screen(
                    self.protocol,
                    section,
                    index,
                    self.engine.total,
                    self.engine.elapsed_minutes(section.id),
                    self.L,
                    rehearsal=self.rehearsal,
                    notices=self._notices,
                )
            )

        self._redraw = draw
        draw()
        if isinstance(section, m.RoundSection):
            self.round(section)
        for fld in self.engine.items(section.id):
            if self.engine.visible(fld):
                self.field(fld)
        if isinstance(section, m.WarningSignsSection):
            self.warning_signs(section)
        if isinstance(section, m.NextStepsSection) and section.follow_up is not None:
            self.follow_up(section)
        for scenario in self.engine.scenarios_at(section.id):
            self.scenario(scenario)
        self.navigate()

    # --- kinds of prompts -------------------------------------------------------------

    def field(self, fld: f.Field) -> None:
        label = " ".join(fld.label.split())
        current = self.engine.value(fld.key)
        p = self.prompter
        if fld.type == "yes_no":
            value = self.ask(lambda: p.ask_yes_no(fld.key, label, current, fld.help))
        elif fld.type == "number":
            lo = fld.min if fld.min is not None else 0
            hi = fld.max if fld.max is not None else 1000
            value = int(self.ask(lambda: p.ask_number(fld.key, label, int(current), lo, hi)))
        elif fld.type == "choice":
            options = self._options.get(fld.key) or [(o, o) for o in fld.options]
            value = self.ask(lambda: p.ask_choice(fld.key, label, options, str(current)))
        elif fld.type == "ids":  # lesson areas: a checkbox list, ids only
            ticks = [(o, text, "") for o, text in self._options.get(fld.key, [])]
            if fld.help and p.interactive:
                p.show(screens.hint(" ".join(fld.help.split())))
            value = self.ask(lambda: p.ask_multi(fld.key, label, ticks, list(current or [])))
            value = list(value or [])
        elif fld.type == "text":
            self.text(fld, label, str(current or ""))
            return
        else:  # pragma: no cover - fields of other types are asked by their own steps
            return
        self.engine.answer(fld.key, value)
        self.commit()

    def text(self, fld: f.Field, label: str, current: str) -> None:
        L = self.L
        limit = fld.max_length or 4000

        def check(text: str) -> str | None:
            return None if len(text) <= limit else L["too_long"].format(n=limit)

        help_text = " ".join((fld.help or "").split())
        if not help_text:
            help_text = L["text_hint"]
        elif L["scrubbed_mark"].casefold() not in help_text.casefold():
            help_text = f"{help_text} ({L['scrubbed_mark']})"  # said once, not twice
        default = current
        while True:
            raw = self.ask(
                partial(self.prompter.ask_text, fld.key, label, default, help_text, check)
            )
            raw = str(raw or "")
            if raw == current and fld.key in self.state.answers:
                return  # kept as stored (already scrubbed)
            preview = self.engine.preview_text(raw)
            if not self.prompter.interactive or not raw.strip():
                break
            keep = self.ask(
                lambda: self.prompter.ask_choice(
                    pk.prompt_key(fld.key, pk.KEEP),
                    L["as_stored"] + "?",
                    [("keep", L["keep_text"]), ("retype", L["retype"])],
                    "keep",
                ),
                notes=[screens.text_preview(preview.text, preview.count, L)],
            )
            if keep == "keep":
                break
            default = raw
        self.engine.answer(fld.key, raw)
        self.commit()

    def round(self, section: m.RoundSection) -> None:
        L = self.L
        sid = section.id
        if not self.prompter.interactive:
            return  # counts come from the answers file
        if self.engine.round_ended(sid):
            spoke, passed = self.engine.round_counts(sid)
            redo = self.ask(
                lambda: self.prompter.ask_yes_no(
                    pk.prompt_key(sid, pk.REDO),
                    L["redo_round"].format(spoke=spoke, passed=passed),
                    False,
                )
            )
            if not redo:
                return
            self.engine.restart_round(sid)
            self.commit()
        if self.engine.participants() is None:
            # The round counts turns against the number present: asked here once more.
            n = self.ask(
                lambda: self.prompter.ask_number(
                    f.PARTICIPANTS, L["participants"], None, 1, f.MAX_PARTICIPANTS
                )
            )
            self.engine.answer(f.PARTICIPANTS, n)
            self.commit()
            if n is None:
                self.engine.end_round(sid)
                self.prompter.show(Text(L["round_not_counted"], style="dim"))
                return
        while (k := self.engine.next_person(sid)) is not None:
            n = self.engine.participants() or 0
            outcome = self.ask(
                partial(
                    self.prompter.round_turn,
                    k,
                    n,
                    section.seconds_per_person,
                    key=pk.prompt_key(sid, pk.TURN),
                )
            )
            if outcome == "undo":
                self.engine.undo_turn(sid)
            else:
                self.engine.turn(sid, outcome)
            self.commit()
        if self.engine.participants() is not None:
            spoke, passed = self.engine.round_counts(sid)
            self.prompter.show(Text(L["round_done"].format(spoke=spoke, passed=passed)))

    def warning_signs(self, section: m.WarningSignsSection) -> None:
        key = f.key(section.id, f.FLAGGED)
        options = [
            (s.id, m.sign_label(s), screens.sign_detail(self.protocol, s, self.L, self._unfilled()))
            for s in section.signs
        ]
        chosen = self.ask(
            lambda: self.prompter.ask_multi(
                key, self.L["mark_signs"], options, self.engine.signs_to_tick(section.id)
            )
        )
        flagged = self.engine.flag(section.id, list(chosen or []))
        self.commit()
        if self.prompter.interactive:
            marked = [s for s in section.signs if s.id in flagged]
            self.prompter.show(screens.sign_actions(marked, self.L))

    def follow_up(self, section: m.NextStepsSection) -> None:
        assert section.follow_up is not None
        L = self.L
        key = f.key(section.id, f.FOLLOW_UP_DATE)
        today = self.today()

        def check(text: str) -> str | None:
            try:
                parse_follow_up(text, today)
            except PastDate:
                return L["follow_up_past"]
            except ValueError:
                return L["follow_up_bad"]
            return None

        days = section.follow_up.default_days or 3
        label = f"{' '.join(section.follow_up.text.split())}. {L['follow_up'].format(d=days)}"
        raw = self.ask(
            lambda: self.prompter.ask_text(
                key, label, str(self.engine.value(key) or ""), None, check, False
            )
        )
        if raw == self.engine.value(key) and key in self.state.answers:
            return  # kept as it was (a date set earlier may be in the past by now)
        self.engine.answer(key, parse_follow_up(raw, today))
        self.commit()

    def scenario(self, scenario: m.Scenario) -> None:
        key = f.key(f.SCENARIO, scenario.id)
        text = {c.id: " ".join(c.text.split()) for c in scenario.choices}
        options = [(cid, text[cid]) for cid in f.scenario_order(scenario)]
        choice = self.ask(
            lambda: self.prompter.ask_choice(
                key, self.L["your_response"], options, str(self.engine.value(key))
            ),
            notes=[screens.scenario_screen(scenario, self.L)],
        )
        self.engine.answer(key, choice)
        self.commit()
        self.prompter.show(screens.scenario_feedback(scenario, choice, self.L))

    # --- the end ----------------------------------------------------------------------

    def end(self) -> Outcome | None:
        L = self.L
        self._redraw = lambda: None
        self.prompter.new_screen()
        report: list[Any] = []
        if self.rehearsal:
            self.prompter.show(screens.self_rating_screen(self.engine.timing(), L))
            for fld in self.engine.self_rating_items():
                if self.engine.visible(fld):
                    self.field(fld)
            report = self.rehearsal_report()
            if not self.state.progress.get(WRITE, True):
                return Outcome(rehearsal_done=True, report=report, messages=[L["rehearsal_done"]])
        from avlastning_cli.session import uncertain
        from avlastning_cli.summary.build import build_summary
        from avlastning_cli.summary.files import write_summary_files
        from avlastning_cli.summary.render import render_markdown

        # the uncertain items are decided first: the preview is the text as it will be stored
        build = partial(build_summary, self.protocol, self.state)
        gated = uncertain.decide_before_saving(self.protocol, build, self.prompter, self.ask, L)

        def preview(shown: Any = None) -> None:
            """The summary as it will be stored; built again after the emergency key at the
            save prompt, so that the screen comes back with the escalation in it."""
            shown = gated.again(self.protocol, build) if shown is None else shown
            self.prompter.new_screen()
            self.prompter.show(screens.summary_screen(render_markdown(shown, self.protocol), L))
            gated.show_notes(self.prompter)

        preview(gated.shown)
        self._redraw = preview
        options = [
            ("save", L["save"]),
            ("back", L["back"]),
            ("pause", L["pause"]),
            ("quit", L["quit_unsaved"]),
        ]
        choice = self.ask(
            lambda: self.prompter.navigate(
                L["save_q"], options, "save", key=pk.prompt_key(pk.END, pk.NAVIGATE)
            )
        )
        if choice == "back":
            self.engine.back()
            self._save(self.state)
            return None
        if choice == "pause":
            self.commit()
            raise Paused(L["paused"])
        if choice == "quit":
            return Outcome(discarded=True, messages=[L["not_saved"]])
        folder = Path(self.state.out_dir)
        try:
            # built again: an escalation recorded at the save prompt (emergency key) counts
            summary = build_summary(self.protocol, self.state)
            files = write_summary_files(self.protocol, summary, folder, gated.decide)
        except OSError as exc:  # the state stays (saved after every answer): say where else
            self.commit()
            hint = "save_failed_hint" if self.prompter.interactive else "save_failed_answers_hint"
            raise UserError(
                L["save_failed"].format(folder=folder, why=exc.strerror or exc), L[hint]
            ) from None
        paths = tuple(p for p in (files.md, files.json, files.ics) if p is not None)
        note = uncertain.saved_note(files, self.prompter, L)
        return Outcome(saved=paths, report=report, messages=[L["saved"], *map(str, paths), *note])

    def rehearsal_report(self) -> list[Any]:
        """What a rehearsal ends with, scripted or not: time per step against its target,
        each scenario's choice with its feedback, and the self-rating."""
        L = self.L
        out: list[Any] = [screens.timing_table(self.engine.timing(), L)]
        for sc in self.protocol.scenarios:
            key = f.key(f.SCENARIO, sc.id)
            if key in self.engine.by_key:
                out.append(screens.scenario_outcome(sc, str(self.engine.value(key)), L))
        rated = [
            (" ".join(x.label.split()), self._shown(x))
            for x in self.engine.self_rating_items()
            if self.engine.visible(x)
        ]
        if rated:
            out.append(screens.self_rating_table(rated, L))
        return out

    def _shown(self, fld: f.Field) -> str:
        """An answer as the leader chose it: an option's text, yes/no, or "not answered"."""
        value = self.engine.value(fld.key)
        if value is None or value == "":
            return self.L["not_answered"]
        if isinstance(value, bool):
            return self.L["yes" if value else "no"]
        text = dict(self._options.get(fld.key, [])).get(str(value))
        return " ".join(text.split()) if text else str(value)
