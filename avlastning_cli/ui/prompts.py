"""The interactive prompter: the only module that imports questionary (and prompt_toolkit).

Every prompt has a safe default (Enter walks on). At every prompt the emergency action is one
key away: ``!`` (and F1, which also works in text fields) ends the prompt with
:data:`~avlastning_cli.prompter.EMERGENCY`, and the walkthrough asks the same prompt again
afterwards. Ctrl-C raises KeyboardInterrupt, which the walkthrough turns into a saved pause.
"""

from __future__ import annotations

import shutil
import textwrap
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.key_binding.key_processor import KeyPressEvent
from questionary import Choice, Style
from rich.console import Console
from rich.text import Text

from avlastning_cli.prompter import EMERGENCY, MASK
from avlastning_cli.textsafe import visible
from avlastning_cli.ui import screens
from avlastning_cli.ui.console import safe_console

#: Calm: no red, nothing blinking; colours fall away with NO_COLOR.
STYLE = Style(
    [
        ("qmark", "fg:ansiblue"),
        ("question", "bold"),
        ("answer", "fg:ansicyan"),
        ("pointer", "fg:ansiblue bold"),
        ("highlighted", "bold"),
        ("selected", "fg:ansicyan"),
        ("instruction", "fg:ansigray"),
        ("text", ""),
        ("disabled", "fg:ansigray italic"),
    ]
)
QMARK = "›"


class _Key:
    """What a key asks of the screen, instead of an answer."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


TIPS = _Key("TIPS")
NEXT_PAGE = _Key("NEXT_PAGE")
PREV_PAGE = _Key("PREV_PAGE")


RESIZED = _Key("RESIZED")


class _Redraw:
    """Draw the screen again and ask again: ``key`` says what changed (a view key, or the
    terminal's size); ``text`` is what was typed so far in a text field, kept."""

    def __init__(self, key: _Key, text: str | None) -> None:
        self.key = key
        self.text = text


def _with_emergency(
    question: questionary.Question,
    *,
    text_field: bool = False,
    tips: bool = False,
    pages: bool = False,
    details: dict[str, str] | None = None,
    detail_rows: int = 0,
) -> Any:
    """Ask ``question``. ``!`` (not in text fields) or F1 returns EMERGENCY; ``?`` (F2 in
    text fields) opens the tips; PgDn/PgUp (and →/← outside text fields) turn the page; a
    resized terminal returns a :class:`_Redraw` too, so the screen is drawn again."""
    kb = KeyBindings()

    def exit_with(result: Any) -> Callable[[KeyPressEvent], None]:
        def handler(event: KeyPressEvent) -> None:
            if isinstance(result, _Key):  # a view key: keep what was typed
                text = event.app.current_buffer.text if text_field else None
                event.app.exit(result=_Redraw(result, text))
            else:
                event.app.exit(result=result)

        return handler

    kb.add("f1", eager=True)(exit_with(EMERGENCY))
    if not text_field:
        kb.add("!", eager=True)(exit_with(EMERGENCY))
    if tips:
        kb.add("f2", eager=True)(exit_with(TIPS))
        if not text_field:
            kb.add("?", eager=True)(exit_with(TIPS))
    if pages:
        kb.add("pagedown", eager=True)(exit_with(NEXT_PAGE))
        kb.add("pageup", eager=True)(exit_with(PREV_PAGE))
        if not text_field:
            kb.add("right", eager=True)(exit_with(NEXT_PAGE))
            kb.add("left", eager=True)(exit_with(PREV_PAGE))
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), kb])
    if details:
        _add_detail(app, details, detail_rows)
    size = app.output.get_size()

    def on_render(_: Any) -> None:
        if app.output.get_size() != size and not app.is_done:
            text = app.current_buffer.text if text_field else None
            app.exit(result=_Redraw(RESIZED, text))

    app.before_render += on_render
    return question.unsafe_ask()


def _controls(container: Any) -> list[Any]:
    from prompt_toolkit.layout import Window

    if isinstance(container, Window):
        return [container.content]
    return [c for child in container.get_children() for c in _controls(child)]


def _add_detail(app: Any, details: dict[str, str], rows: int) -> None:
    """Under a list of choices, the selected choice's detail (wrapped, in the prompt's
    language; questionary's own description line is English)."""
    from prompt_toolkit.layout import FormattedTextControl, HSplit, Window
    from questionary.prompts.common import InquirerControl

    control = next(
        (c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl)), None
    )
    container = app.layout.container
    if control is None or not isinstance(container, HSplit):
        return

    def detail() -> list[tuple[str, str]]:
        text = details.get(str(control.get_pointed_at().value))
        if not text:
            return []
        lines = str(fit(f"→ {text}", 2)).split("\n")
        if len(lines) > rows:  # what to do first keeps its place; a wider window shows all
            lines = [*lines[: max(1, rows) - 1], lines[max(1, rows) - 1] + " …"]
        return [("class:instruction", "\n".join(lines))]

    from prompt_toolkit.filters import is_done, to_filter
    from prompt_toolkit.layout import ConditionalContainer

    for w in app.layout.find_all_windows():
        if w.content is control:
            w.dont_extend_height = to_filter(True)  # the detail sits right under the list
    window = Window(FormattedTextControl(detail), wrap_lines=True, dont_extend_height=True)
    after = next(
        (i + 1 for i, child in enumerate(container.children) if control in _controls(child)),
        len(container.children),
    )
    container.children.insert(after, ConditionalContainer(window, filter=~is_done))


def _columns() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def fit(text: Any, indent: int = 2) -> Any:
    """Wrap a prompt's text at word boundaries (the terminal would cut words in half),
    leaving room after the last word for the answer's cursor."""
    if not isinstance(text, str):
        return text  # a live Countdown: short, and redrawn each second
    words = " ".join(visible(text).split())
    return textwrap.fill(words, _columns() - indent - 2, subsequent_indent=" " * indent)


class Countdown:
    """A prompt message that shows the soft time left each time it is rendered."""

    def __init__(self, prefix: str, seconds: int, L: Mapping[str, str]) -> None:
        self.prefix = prefix
        self.seconds = seconds
        self.L = L
        self.start = time.monotonic()

    def __str__(self) -> str:
        left = round(self.seconds - (time.monotonic() - self.start))
        if left <= 0:
            return f"{self.prefix} · {self.L['time_up']}"
        return f"{self.prefix} · {self.L['left'].format(m=left // 60, s=left % 60)}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _rows(text: Any, indent: int = 2) -> int:
    return len(str(fit(text, indent)).split("\n"))


class InteractivePrompter:
    """Asks with questionary. Before every prompt the current screen is drawn again, fitted
    to the rows the prompt leaves free, so the words to say and the prompt are on screen
    together; the tips and further pages open on keys named in the screen's footer."""

    interactive = True

    def __init__(self, L: Mapping[str, str], console: Console | None = None) -> None:
        self.L = L
        self.console = console or safe_console()
        self._screen: screens.Screen | None = None
        self._notes: list[Any] = []
        self.view = screens.View()

    def show(self, renderable: Any) -> None:
        """A :class:`~avlastning_cli.ui.screens.Screen` becomes the current screen; anything
        else is shown with the next prompt, above it."""
        if isinstance(renderable, screens.Screen):
            self._screen = renderable
        else:
            self._notes.append(renderable)

    def new_screen(self) -> None:
        """Start a fresh screen: one step (or the emergency action) on screen at a time."""
        self._screen = None
        self._notes = []
        self.view = screens.View()

    def flush(self) -> None:
        """Print what is still waiting for a prompt (the session ended without one)."""
        for note in self._notes:
            self.console.print(note)
        self._notes = []

    def _draw(self, prompt_rows: int, text_field: bool) -> int:
        """Clear the terminal and draw the screen above a prompt of ``prompt_rows`` rows;
        the number of pages."""
        if self._screen is None:
            self.flush()
            return 1
        cols, rows = shutil.get_terminal_size((80, 24))
        shown, pages = screens.layout(
            self._screen,
            self.view,
            cols,
            rows - prompt_rows,
            self.L,
            notes=self._notes,
            text_field=text_field,
        )
        self.console.clear()
        self.console.print(shown, width=cols, crop=True)
        return pages

    def _ask(
        self,
        make: Callable[[str | None], questionary.Question],
        prompt_rows: Callable[[], int],
        *,
        text_field: bool = False,
        details: dict[str, str] | None = None,
        fixed_rows: Callable[[], int] = lambda: 0,
    ) -> Any:
        typed: str | None = None
        while True:
            detail = self._detail_rows(details, fixed_rows())
            pages = self._draw(prompt_rows() + detail, text_field)
            folded = self._screen is not None and bool(self._screen.folded)
            result = _with_emergency(
                make(typed),
                text_field=text_field,
                tips=folded,
                pages=pages > 1,
                details=details,
                detail_rows=detail,
            )
            if not isinstance(result, _Redraw):
                self._notes = []
                return result
            typed = result.text
            if result.key is TIPS:
                self.view.tips = not self.view.tips
                self.view.page = 0
            elif result.key is NEXT_PAGE:
                self.view.page = min(self.view.page + 1, pages - 1)
            elif result.key is PREV_PAGE:
                self.view.page = max(self.view.page - 1, 0)

    def _select(
        self,
        label: Any,
        options: Sequence[tuple[str, str]],
        default: str,
        details: dict[str, str] | None = None,
        **kw: Any,
    ) -> Any:
        values = [value for value, _ in options]
        if details is None and self._screen is not None:
            details = {v: d for v, d in self._screen.details.items() if v in values}

        def make(_: str | None) -> questionary.Question:
            choices = [Choice(title=fit(text, 3), value=value) for value, text in options]
            return questionary.select(
                fit(label),
                choices=choices,
                default=default if default in values else values[0],
                qmark=QMARK,
                style=STYLE,
                instruction=" ",
                **kw,
            )

        def rows() -> int:
            return _rows(label) + sum(_rows(text, 3) for _, text in options) + 1

        return self._ask(make, rows, details=details, fixed_rows=rows)

    def _detail_rows(self, details: dict[str, str] | None, fixed: int) -> int:
        """Rows for the selected choice's detail: all it needs, unless that would push what
        must stay on screen (a box with the first words; the emergency's first steps) off."""
        need = max((_rows(f"→ {d}") for d in (details or {}).values()), default=0)
        if not need:
            return 0
        cols, rows = shutil.get_terminal_size((80, 24))
        body = self._screen.min_rows(cols) if self._screen is not None else 0
        return max(1, min(need, rows - 2 - body - fixed))

    def _help(self, help: str | None) -> None:
        if help:
            self._notes.append(Text(" ".join(help.split()), style="dim"))

    def ask_number(self, key: str, label: str, default: int | None, lo: int, hi: int) -> Any:
        message = self.L["number_range"].format(lo=lo, hi=hi)

        def check(text: str) -> bool | str:
            raw = text.strip()
            if not raw or (raw.isdigit() and lo <= int(raw) <= hi):
                return True
            return message

        # The default is shown, not pre-typed: typing "6" must give 6, not "16".
        shown = label if default is None else f"{label} [{default}]"

        def make(typed: str | None) -> questionary.Question:
            return questionary.text(
                fit(shown), default=typed or "", validate=check, qmark=QMARK, style=STYLE
            )

        result = self._ask(make, lambda: _rows(shown) + 2)
        if result is EMERGENCY:
            return result
        raw = str(result).strip()
        return int(raw) if raw else default

    def ask_yes_no(
        self, key: str, label: str, default: bool | None, help: str | None = None
    ) -> Any:
        self._help(help)
        options = [("yes", self.L["yes"]), ("no", self.L["no"]), ("none", self.L["no_answer"])]
        start = {True: "yes", False: "no", None: "none"}[default]
        result = self._select(label, options, start)
        if result is EMERGENCY:
            return result
        return {"yes": True, "no": False}.get(result)

    def ask_choice(
        self, key: str, label: str, options: Sequence[tuple[str, str]], default: str
    ) -> Any:
        return self._select(label, options, default)

    def ask_multi(
        self,
        key: str,
        label: str,
        options: Sequence[tuple[str, str, str]],
        default: Sequence[str],
    ) -> Any:
        details = {value: more for value, _, more in options if more}

        def make(_: str | None) -> questionary.Question:
            choices = [
                Choice(title=fit(text, 5), value=value, checked=value in default)
                for value, text, _ in options
            ]
            q = questionary.checkbox(
                fit(label), choices=choices, qmark=QMARK, style=STYLE, instruction=" "
            )
            # questionary would leave "done (2 selections)" on screen: our words instead
            q.application.erase_when_done = True
            return q

        def rows() -> int:
            return _rows(label) + sum(_rows(text, 5) for _, text, _ in options) + 1

        result = self._ask(make, rows, details=details, fixed_rows=rows)
        if result is not EMERGENCY:
            count = len(result)
            done = self.L["done_none"] if not count else self.L["done_some"].format(n=count)
            self.console.print(f"{QMARK} {fit(label)} {done}", highlight=False, markup=False)
        return result

    def ask_text(
        self,
        key: str,
        label: str,
        default: str,
        help: str | None,
        validate: Callable[[str], str | None],
        text_field: bool = True,
    ) -> Any:
        self._help(help)

        def check(text: str) -> bool | str:
            problem = validate(text)
            return True if problem is None else problem

        def make(typed: str | None) -> questionary.Question:
            return questionary.text(
                fit(label),
                default=default if typed is None else typed,
                validate=check,
                qmark=QMARK,
                style=STYLE,
            )

        return self._ask(make, lambda: _rows(label) + 2, text_field=text_field)

    def navigate(
        self, label: str, options: Sequence[tuple[str, str]], default: str, *, key: str = ""
    ) -> Any:
        return self._select(label, options, default)

    def round_turn(self, k: int, n: int, seconds: int, *, key: str = "") -> Any:
        L = self.L
        message = Countdown(L["person"].format(k=k, n=n), seconds, L)
        options = [("spoke", L["spoke"]), ("passed", L["passed"])]
        if k > 1:
            options.append(("undo", L["undo_turn"]))
        options.append(("end", L["end_round"]))
        return self._select(message, options, "spoke", refresh_interval=1.0)

    def ask_uncertain(
        self, key: str, label: str, context: Any, options: Sequence[tuple[str, str]]
    ) -> Any:
        self.show(context)
        return self._select(label, options, MASK)
