"""Start, resume and the menu: the library functions behind `run`, `rehearse`, `resume` and
bare `avlastning`.

Is there a terminal: see :mod:`avlastning_cli.session.tty` (tests set AVLASTNING_ASSUME_TTY=1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from avlastning_cli import prompter as pk
from avlastning_cli.errors import Interrupted, NoTerminalError, UserError
from avlastning_cli.i18n import set_language, tr
from avlastning_cli.organisation.slots import Slot, on_screen
from avlastning_cli.prompter import FilePrompter, Prompter, asked
from avlastning_cli.protocol.fields import Mode
from avlastning_cli.protocol.loader import open_protocol
from avlastning_cli.protocol.models import Protocol
from avlastning_cli.session import state as st
from avlastning_cli.session.engine import WRITE, Engine
from avlastning_cli.session.flow import Outcome, Paused, Walkthrough
from avlastning_cli.session.tty import is_terminal
from avlastning_cli.ui.console import safe_console
from avlastning_cli.ui.labels import labels


def _console() -> Console:
    return safe_console()


def interactive_prompter(L: Mapping[str, str], console: Console) -> Prompter:
    """The prompter for a terminal. Tests replace this function with a scripted prompter
    (``tests/session/scripted.py``); nothing else in this module names questionary."""
    from avlastning_cli.ui.prompts import InteractivePrompter

    return InteractivePrompter(L, console)


def run_session(
    ref: str | None,
    lang: str | None,
    answers_file: Path | None,
    out: Path | None,
    mode: Mode = "live",
) -> None:
    """`avlastning run` / `avlastning rehearse`: the whole walkthrough, then the summary.

    A live session writes to ``out`` (the current folder if None); a rehearsal writes only
    when ``out`` is given. With ``answers_file`` no prompt is shown and no state is saved
    (so a paused interactive session is never overwritten: the file can simply be replayed).
    """
    console = _console()
    protocol, path = _open(ref, lang, console)
    L = labels(protocol.language)
    protocol, missing = on_screen(protocol, L["missing_value"])
    write = out is not None or mode == "live"
    out_dir = out if out is not None else Path.cwd()
    if answers_file is not None:
        from avlastning_cli.session.answers import load_answers

        answers = load_answers(answers_file, protocol, mode)
        if write:
            check_out_dir(out_dir, L)
        state = st.new_state(mode, protocol.id, protocol.version, protocol.language, path, out_dir)
        state.progress[WRITE] = write
        walk = Walkthrough(protocol, state, FilePrompter(), save=lambda s: None, missing=missing)
        walk.engine.apply(answers)
        _report(walk.run(), console)
        return
    if not is_terminal():
        raise NoTerminalError(L["no_terminal"])
    if write:
        check_out_dir(out_dir, L)
    _claim(mode, L)  # before the saved state is read: it may be another terminal's, in use
    prompter = interactive_prompter(L, console)
    existing = _read_state(mode, L)
    if existing is not None:
        console.print(L["resume_found"].format(when=existing.started_at.replace("T", " ")))
        choice = asked(
            lambda: prompter.navigate(
                L["what_now"],
                [("resume", L["resume_it"]), ("new", L["start_new"])],
                "resume",
                key=pk.RESUME_OR_NEW,
            )
        )
        if choice == "resume":
            _continue(existing, console)
            return
        st.discard(mode)
    state = st.new_state(mode, protocol.id, protocol.version, protocol.language, path, out_dir)
    state.progress[WRITE] = write
    save = AutoSave(console, L)
    save(state)
    _walk(protocol, state, prompter, console, save, missing)


class AutoSave:
    """Saves the state after every answer. When that fails (a full disk, an unwritable state
    folder) the leader is told once, plainly, and the session goes on: it can still be
    finished and its summary saved. When saving works again, that is said too."""

    def __init__(self, console: Console, L: Mapping[str, str]) -> None:
        self.console = console
        self.L = L
        self.failing: str | None = None

    def __call__(self, state: st.SessionState) -> None:
        try:
            st.save(state)
        except OSError as exc:
            if self.failing is None:
                self.failing = exc.strerror or str(exc)
                self.console.print(
                    self.L["autosave_failed"].format(why=self.failing), style="yellow"
                )
            return
        if self.failing is not None:
            self.failing = None
            self.console.print(self.L["autosave_back"], style="dim")


def _open(ref: str | None, lang: str | None, console: Console) -> tuple[Protocol, Path]:
    """The protocol with the organisation's contacts. A broken organisation file must not
    stop a session after an incident: it is shown as a warning and left out."""
    from avlastning_cli.organisation.store import OrganisationError

    try:
        protocol, path = open_protocol(ref, lang)
    except OrganisationError as exc:
        console.print(str(exc), style="yellow", markup=False, soft_wrap=True)
        from avlastning_cli.protocol.loader import load_protocol
        from avlastning_cli.protocol.registry import resolve

        path = resolve(ref, lang)
        protocol = load_protocol(path, organisation=False)
    set_language(protocol.language)  # the session's language is its protocol's
    return protocol, path


def _walk(
    protocol: Protocol,
    state: st.SessionState,
    prompter: Prompter,
    console: Console,
    save: AutoSave | None = None,
    missing: Sequence[Slot] = (),
) -> None:
    L = labels(protocol.language)
    save = save or AutoSave(console, L)
    walk = Walkthrough(protocol, state, prompter, save=save, missing=missing)
    try:
        _walk_to_end(walk, state, console, save, L)
    finally:
        st.release(state.mode)


def _walk_to_end(
    walk: Walkthrough,
    state: st.SessionState,
    console: Console,
    save: AutoSave,
    L: Mapping[str, str],
) -> None:
    try:
        while True:
            try:
                outcome = walk.run()
            except Paused as exc:
                if save.failing is not None:
                    save(state)  # one more try: the disk may have room again
                if save.failing is None:
                    console.print(str(exc))
                    return
                # a pause that cannot be saved would lose the session: stay in it instead
                console.print(L["pause_unsaved"].format(why=save.failing), style="yellow")
                continue
            break
    except Interrupted as exc:
        console.print()
        if save.failing is not None:
            console.print(L["save_failed_nostate"].format(why=save.failing))
        else:
            console.print(str(exc) or L["interrupted"])
        raise
    st.discard(state.mode)
    _report(outcome, console)


def _claim(mode: Mode, L: Mapping[str, str]) -> None:
    """One session per mode at a time: a second terminal is told where the first one runs,
    instead of deleting its state (or offering it, still running, as paused)."""
    owner = st.claim(mode)
    if owner is not None:
        raise UserError(_running(owner, L), L["session_running_hint"])


def _running(owner: dict[str, Any], L: Mapping[str, str]) -> str:
    tty = str(owner.get("terminal") or "")
    return L["session_running"].format(
        where=L["session_running_where"].format(tty=tty) if tty else "",
        pid=owner.get("pid", "?"),
        when=str(owner.get("started", "?")).replace("T", " "),
    )


def check_out_dir(folder: Path, L: Mapping[str, str]) -> None:
    """Before the first step: the summary's folder exists (or can be made) and takes a file.
    A read-only folder, a file or /proc is found now, not after the whole session."""
    import tempfile

    from avlastning_cli.fsutil import PARTIAL_PREFIX, PARTIAL_SUFFIX, clean_partials, make_dirs

    try:
        make_dirs(folder)
        with tempfile.NamedTemporaryFile(
            prefix=PARTIAL_PREFIX, suffix=PARTIAL_SUFFIX, dir=folder
        ) as probe:
            probe.write(b"-")
            probe.flush()
    except OSError as exc:
        raise UserError(
            L["out_unwritable"].format(folder=folder, why=exc.strerror or exc),
            L["out_unwritable_hint"],
        ) from None
    clean_partials(folder)  # what a run killed while writing left behind


def _report(outcome: Outcome, console: Console) -> None:
    for part in outcome.report:
        console.print(part)
        console.print()
    for line in outcome.messages:
        console.print(line, soft_wrap=True)


def _read_state(mode: Mode, L: Mapping[str, str]) -> st.SessionState | None:
    try:
        return st.load(mode)
    except (ValueError, TypeError, KeyError, AttributeError):  # UnicodeDecodeError: a ValueError
        raise UserError(L["corrupt_state"].format(file=st.state_file(mode))) from None


def _continue(state: st.SessionState, console: Console) -> None:
    L = labels(state.language)
    path = Path(state.protocol_path)
    if not path.is_file():
        raise UserError(L["protocol_gone"].format(file=path), "avlastning resume --discard")
    protocol = _open(str(path), None, console)[0]
    L = labels(protocol.language)
    protocol, missing = on_screen(protocol, L["missing_value"])
    if st.file_sha256(path) != state.protocol_sha256:
        console.print(L["protocol_changed"], style="yellow")
        state.language = protocol.language
        state.protocol_version = protocol.version
        state.protocol_sha256 = st.file_sha256(path)
        Engine(protocol, state).keep_fitting_answers()
        st.save(state)
    else:  # a hand-edited answer of the wrong type is dropped here, not a crash later
        Engine(protocol, state).keep_fitting_answers()
    _walk(protocol, state, interactive_prompter(L, console), console, missing=missing)


def resume_session(discard: bool = False, out: Path | None = None) -> None:
    """`avlastning resume [--discard] [--out DIR]`: go on with a paused session (asking which
    when a session and a rehearsal are both paused), or drop it; ``out`` saves it elsewhere."""
    from avlastning_cli.protocol.registry import default_language

    L = labels(default_language())
    console = _console()
    modes: tuple[Mode, ...] = ("live", "rehearsal")
    running = [owner for m in modes if (owner := st.claim(m)) is not None]
    mine = [m for m in modes if st.held(m)]
    try:
        _resume(mine, running, discard, out, L, console)
    finally:
        for m in mine:  # the mode not resumed too: its lock file goes, nothing is left
            st.release(m)


def _resume(
    mine: list[Mode],
    running: list[dict[str, Any]],
    discard: bool,
    out: Path | None,
    L: Mapping[str, str],
    console: Console,
) -> None:
    if discard:
        removed = [m for m in mine if st.discard(m)]
        if not removed and running:
            raise UserError(_running(running[0], L), L["session_running_hint"])
        console.print(L["discarded"] if removed else L["nothing_to_resume"])
        return
    paused = [s for m in mine if (s := _read_state(m, L)) is not None]
    if not paused:
        if running:
            raise UserError(_running(running[0], L), L["session_running_hint"])
        raise UserError(L["nothing_to_resume"])
    if not is_terminal():
        raise NoTerminalError(labels(paused[0].language)["needs_terminal"])
    state = _pick_paused(paused, L, console)
    if out is not None:
        check_out_dir(out, labels(state.language))
        state.out_dir = str(out.resolve())
        st.save(state)
    elif state.progress.get(WRITE, True):
        check_out_dir(Path(state.out_dir), labels(state.language))
    _continue(state, console)


def _pick_paused(
    paused: list[st.SessionState], L: Mapping[str, str], console: Console
) -> st.SessionState:
    """The one paused session, or the one the leader picks when there are several."""
    if len(paused) == 1:
        return paused[0]
    prompter = interactive_prompter(L, console)
    options = [
        (s.mode, L[f"paused_{s.mode}"].format(when=s.started_at.replace("T", " "))) for s in paused
    ]
    choice: Any = asked(
        lambda: prompter.navigate(L["which_session"], options, options[0][0], key=pk.RESUME_WHICH)
    )
    return next(s for s in paused if s.mode == choice)


def has_paused() -> bool:
    return any(st.state_file(m).exists() for m in ("live", "rehearsal"))


def menu() -> None:
    """Bare `avlastning` in a terminal: start, rehearse, checklist, resume, quit."""
    from avlastning_cli.protocol.registry import default_language

    L = labels(default_language())
    console = _console()
    prompter = interactive_prompter(L, console)
    options = [("run", L["menu_run"]), ("rehearse", L["menu_rehearse"])]
    options.append(("checklist", L["menu_checklist"]))
    options.append(("not_held", L["menu_not_held"]))
    options.append(("setup", L["menu_setup"]))
    if has_paused():
        options.insert(0, ("resume", L["menu_resume"]))
    options.append(("quit", L["menu_quit"]))
    choice = asked(lambda: prompter.navigate(L["menu_title"], options, options[0][0], key=pk.MENU))
    if choice == "run":
        run_session(None, None, None, None, "live")
    elif choice == "rehearse":
        run_session(None, None, None, None, "rehearsal")
    elif choice == "resume":
        resume_session()
    elif choice == "checklist":
        _menu_checklist(L, console)
    elif choice == "not_held":
        _menu_not_held(L, console, prompter)
    elif choice == "setup":
        from avlastning_cli.organisation.setup import setup

        setup(None, None, None, interactive=True, prompter=prompter, console=console)


def _menu_checklist(L: Mapping[str, str], console: Console) -> None:
    """Write the one-page checklist and the take-home card as PDFs in the current folder."""
    from avlastning_cli.export.card import card_model
    from avlastning_cli.export.checklist import checklist_model
    from avlastning_cli.export.render import render
    from avlastning_cli.fsutil import write_new

    protocol, _ = open_protocol(None, None)
    written = []
    for stem, doc in (
        (f"{L['checklist_file']}-{protocol.id}", checklist_model(protocol)),
        (f"{L['card_file']}-{protocol.id}", card_model(protocol)),
    ):
        written.append(write_new(Path.cwd(), stem, ".pdf", render(doc, "pdf")))
    console.print(L["files_written"])
    for path in written:
        console.print(str(path), markup=False, highlight=False, soft_wrap=True)


def _menu_not_held(L: Mapping[str, str], console: Console, prompter: Prompter) -> None:
    not_held(None, None, None, Path.cwd(), console=console, prompter=prompter)


def not_held(
    ref: str | None,
    lang: str | None,
    reason: str | None,
    out: Path,
    day: dt.date | None = None,
    *,
    console: Console | None = None,
    prompter: Prompter | None = None,
) -> tuple[Path, Path]:
    """`avlastning not-held` and the menu: record, without personal data, that a session was
    considered but not held. Without ``reason`` it is asked for (in a terminal only)."""
    from avlastning_cli.not_held import record_not_held

    protocol, _ = open_protocol(ref, lang)
    set_language(protocol.language)
    L = labels(protocol.language)
    console = console or _console()
    reasons = [(r.id, " ".join(r.text.split())) for r in protocol.not_held_reasons]
    if not reasons:
        raise UserError(tr("err.no_reasons", id=protocol.id))
    if reason is None:
        if not is_terminal():
            valid = ", ".join(i for i, _ in reasons)
            raise UserError(tr("err.which_reason"), tr("err.valid_reasons", hint="", ids=valid))
        if prompter is None:
            prompter = interactive_prompter(L, console)
        picked = asked(
            lambda: prompter.navigate(
                L["not_held_why"], reasons, reasons[0][0], key=pk.NOT_HELD_REASON
            )
        )
        reason = str(picked)
    paths = record_not_held(protocol, reason, out, day)
    console.print(L["not_held_written"])
    for path in paths:
        console.print(str(path), markup=False, highlight=False, soft_wrap=True)
    return paths
