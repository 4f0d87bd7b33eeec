"""What the leader sees: rich renderables, one step at a time.

Calm styling: no red, nothing blinking, only a few soft accents; readable at 60 columns.
Colours are never forced, so rich turns them off for NO_COLOR and outside a terminal.

A step is a :class:`Screen`: a one-line header, the words to say and the step's lists (the
body), and the leader's tips and the rehearsal's "why" (folded). In a live session
:func:`layout` fits a screen into the rows the prompt leaves free: the body is paged by
whole paragraphs, the folded parts open on a key, and a one-line footer names the keys. So
at 80×24 the words to say and the prompt are on screen together at every prompt.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from avlastning_cli.organisation.slots import Slot
from avlastning_cli.protocol import models as m

SAY_STYLE = "blue"
FIRST_STYLE = "yellow"
DIM = "dim"
#: The fewest rows the body gets: a box with one line of words to say.
MIN_BODY = 3

PartKind = Literal["say", "first", "list", "text", "tips", "why", "rows", "lines"]


def flat(text: str) -> str:
    """``text`` on one line (YAML folded text keeps no meaningful line breaks)."""
    return " ".join(text.split())


def _bullets(items: Sequence[str], style: str = "") -> Table:
    """A list with a hanging indent, so wrapped lines stay clear of the bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style=DIM, no_wrap=True)
    table.add_column(ratio=1)
    for item in items:
        table.add_row("•", Text(flat(item), style=style))
    return table


def _paragraphs(items: Sequence[str], style: str = "") -> Text:
    return Text("\n".join(flat(p) for p in items), style=style)


@dataclass(frozen=True)
class Part:
    """A titled piece of a screen whose items (paragraphs, bullets, rows) can be paged."""

    kind: PartKind
    title: str
    items: tuple[RenderableType, ...]

    #: rows a part takes beyond its items: a box's two borders, or a title line
    @property
    def overhead(self) -> int:
        if self.kind in ("say", "first"):
            return 2
        return 1 if self.title else 0

    def render(self, items: Sequence[RenderableType] | None = None) -> RenderableType:
        chosen = list(self.items if items is None else items)
        texts = [i for i in chosen if isinstance(i, str)]
        if self.kind in ("say", "first"):
            return Panel(
                _paragraphs(texts),
                title=self.title,
                title_align="left",
                border_style=SAY_STYLE if self.kind == "say" else FIRST_STYLE,
                padding=(0, 1),
            )
        if self.kind == "rows":
            body: RenderableType = Group(*chosen)
        elif self.kind == "lines":
            body = Text("\n".join(str(i) for i in chosen))
        elif self.kind == "list":
            body = _bullets(texts)
        elif self.kind == "tips":
            body = _bullets(texts, DIM)
        elif self.kind == "why":
            body = _paragraphs(texts, "dim italic")
        else:
            body = _paragraphs(texts)
        if not self.title:
            return body
        title_style = {"tips": "dim italic", "why": DIM}.get(self.kind, "bold")
        return Group(Text(self.title, style=title_style), Padding(body, (0, 0, 0, 2)))


@dataclass
class Screen:
    """One screen of the session. Printed as is, it shows everything, unfolded and unpaged;
    :func:`layout` fits it into a terminal."""

    header: Text
    body: list[Part]
    folded: list[Part] = field(default_factory=list)
    #: pinned on top for the rest of the step (what to do after an escalation)
    notices: list[RenderableType] = field(default_factory=list)
    #: a choice's detail, shown under the prompt while the choice is selected
    details: dict[str, str] = field(default_factory=dict)
    #: whether the footer names the emergency key (not on the emergency screen itself)
    emergency_key: bool = True
    #: the first part is never paged or squeezed (what to do first, on the emergency screen)
    keep_first: bool = False

    def min_rows(self, width: int) -> int:
        """The rows the body must keep: a box with the first line to say, or (``keep_first``)
        the whole first part."""
        if not self.body:
            return 0
        if self.keep_first:
            return _Measure(max(20, width)).height(self.body[0].render())
        return MIN_BODY

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.header
        yield from self.notices
        for part in [*self.body, *self.folded]:
            yield part.render()
        if self.details:  # in a live session, each under its choice as it is selected
            yield _bullets(list(self.details.values()))


@dataclass
class View:
    """What the leader has opened on the current screen: the tips, and which page."""

    tips: bool = False
    page: int = 0


class _Lines:
    """Already rendered lines, printed as they are."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()


class _Measure:
    def __init__(self, width: int) -> None:
        self.width = width
        self.console = Console(
            file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False
        )

    def lines(self, renderable: RenderableType) -> list[list[Segment]]:
        options = self.console.options.update(width=self.width)
        return self.console.render_lines(renderable, options, pad=False)

    def height(self, renderable: RenderableType) -> int:
        return len(self.lines(renderable))

    def crop(self, renderable: RenderableType, rows: int) -> RenderableType:
        """At most ``rows`` lines of ``renderable``; a cut shows as "…"."""
        lines = self.lines(renderable)
        if len(lines) <= rows:
            return _Lines(lines)
        if rows <= 0:
            return _Lines([])
        return _Lines([*lines[: rows - 1], [Segment("…", None)]])


Unit = tuple[int, int]  # (part index, item index)


def paginate(parts: Sequence[Part], rows: int, width: int) -> list[list[Unit]]:
    """Split the parts' items into pages of at most ``rows`` rows, whole items only (an item
    taller than a page gets a page of its own and is cut there)."""
    measure = _Measure(width)
    heights: dict[Unit, int] = {}
    for i, part in enumerate(parts):
        for j, item in enumerate(part.items):
            heights[(i, j)] = max(1, measure.height(part.render([item])) - part.overhead)
    pages: list[list[Unit]] = []
    page: list[Unit] = []
    used = 0
    for unit in heights:
        cost = heights[unit] + (parts[unit[0]].overhead if not _has_part(page, unit[0]) else 0)
        if page and used + cost > rows:
            pages.append(page)
            page, used = [], 0
            cost = heights[unit] + parts[unit[0]].overhead
        page.append(unit)
        used += cost
    pages.append(page)
    return pages


def _has_part(page: list[Unit], part: int) -> bool:
    return bool(page) and page[-1][0] == part


def _page(parts: Sequence[Part], units: Sequence[Unit]) -> RenderableType:
    out: list[RenderableType] = []
    for i, part in enumerate(parts):
        items = [part.items[j] for (pi, j) in units if pi == i]
        if items:
            out.append(part.render(items))
    return Group(*out)


def footer(
    L: Mapping[str, str],
    *,
    text_field: bool,
    folded: bool,
    tips_open: bool,
    page: int,
    pages: int,
    emergency: bool = True,
) -> Text:
    keys = [L["key_emergency_text" if text_field else "key_emergency"]] if emergency else []
    if folded:
        name = "key_tips_close" if tips_open else "key_tips"
        keys.append(L[name].format(key="F2" if text_field else "?"))
    if pages > 1:
        paging = "PgDn/PgUp" if text_field else "→/←"
        keys.append(L["key_page"].format(i=page + 1, n=pages, keys=paging))
    return Text("── " + " · ".join(keys), style=DIM, no_wrap=True, overflow="ellipsis")


def layout(
    screen: Screen,
    view: View,
    width: int,
    height: int,
    L: Mapping[str, str],
    *,
    notes: Sequence[RenderableType] = (),
    text_field: bool = False,
) -> tuple[RenderableType, int]:
    """``screen`` fitted into ``width`` × ``height`` (the rows above the prompt), and the
    number of pages. ``view.page`` is kept in range."""
    width = max(20, width)
    measure = _Measure(width)
    header = screen.header.copy()
    header.no_wrap = True
    header.overflow = "ellipsis"
    room = max(0, height - 2 - screen.min_rows(width))  # what notices and notes may take
    top: list[RenderableType] = []
    for extra in (screen.notices, notes):
        if extra:
            lines = measure.lines(Group(*extra))[:room]
            room -= len(lines)
            top.append(_Lines(lines))
    rows = max(1, height - 2 - sum(len(t.lines) for t in top if isinstance(t, _Lines)))
    parts = screen.body
    if view.tips and screen.folded:
        # The tips open in place of the body, under the first words to say.
        first = next((p for p in screen.body if p.kind in ("say", "first") and p.items), None)
        parts = ([Part(first.kind, first.title, first.items[:1])] if first else []) + list(
            screen.folded
        )
    pages = paginate(parts, rows, width) if parts else [[]]
    view.page = max(0, min(view.page, len(pages) - 1))
    if rows < MIN_BODY and parts:
        body: RenderableType = _one_line(parts, width)
    else:
        body = measure.crop(_page(parts, pages[view.page]), rows)
    foot = footer(
        L,
        text_field=text_field,
        folded=bool(screen.folded),
        tips_open=view.tips,
        page=view.page,
        pages=len(pages),
        emergency=screen.emergency_key,
    )
    pinned = top[:1] if screen.notices else []
    shown: list[RenderableType] = [header, *pinned, body, *top[len(pinned) :], foot]
    return Group(*shown), len(pages)


def _one_line(parts: Sequence[Part], width: int) -> Text:
    """The first words to say on a single line, for a terminal too short for a box."""
    part = parts[0]
    first = part.items[0] if part.items else ""
    text = Text(f"{part.title}: " if part.title else "", style="bold")
    text.append(flat(str(first)))
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


# --- the screens ----------------------------------------------------------------------


def header(title: str, where: str, timing: str, L: Mapping[str, str], rehearsal: bool) -> Text:
    """One line: where we are, the step's title, and the minutes."""
    line = Text()
    if rehearsal:
        line.append(f"{L['rehearsal']} · ", style="bold")
    if where:
        line.append(f"{where} · ", style=DIM)
    line.append(title, style="bold")
    if timing:
        line.append(f" · {timing}", style=DIM)
    return line


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", flat(text), maxsplit=1)[0].casefold()


def section_screen(
    protocol: m.Protocol,
    section: m.AnySection,
    index: int,
    total: int,
    elapsed_minutes: float,
    L: Mapping[str, str],
    *,
    rehearsal: bool = False,
    notices: Sequence[RenderableType] = (),
) -> Screen:
    """A whole step: header, the words to say and the section's lists; tips (and why)."""
    where = L["step"].format(i=index + 1, n=total)
    timing = L["minutes"].format(target=f"{section.minutes:g}", elapsed=f"{elapsed_minutes:.0f}")
    say = [flat(s) for s in section.say]
    body: list[Part] = []
    if isinstance(section, m.RoundSection):
        # The round's own "passing is fine" is said with the question: not twice.
        passing = _first_sentence(section.passing_ok)
        say = [s for s in say if _first_sentence(s) != passing]
    if say:
        body.append(Part("say", L["say"], tuple(say)))
    if isinstance(section, m.RoundSection):
        title = f"{L['say']}: {L['round_question'].lower()}"
        body.append(Part("say", title, (flat(section.question), flat(section.passing_ok))))
    if isinstance(section, m.PurposeSection):
        body.append(Part("list", L["points"], tuple(section.points)))
    if isinstance(section, m.GroundRulesSection):
        body.append(Part("list", L["rules"], tuple(section.rules)))
    if isinstance(section, m.TellAtHomeSection):
        body.append(Part("list", L["may_tell"], tuple(section.may_tell)))
        body.append(Part("list", L["not_to_tell"], tuple(section.not_to_tell)))
    if isinstance(section, m.NextStepsSection):
        body.append(Part("rows", L["contacts"], tuple(_contacts(protocol, section.contacts))))
        body.append(Part("text", L["get_in_touch"], (section.get_in_touch,)))
    folded: list[Part] = []
    if section.tips:
        folded.append(Part("tips", L["tips"], tuple(section.tips)))
    if rehearsal and section.why:
        folded.append(Part("why", L["why"], (section.why,)))
    return Screen(
        header(section.title, where, timing, L, rehearsal),
        body,
        folded,
        notices=list(notices),
    )


def opening_screen(
    protocol: m.Protocol,
    L: Mapping[str, str],
    *,
    rehearsal: bool,
    notices: Sequence[RenderableType] = (),
) -> Screen:
    return Screen(
        header(protocol.title, L["opening_title"], "", L, rehearsal),
        [Part("text", "", (protocol.description,))],
        notices=list(notices),
    )


def missing_banner(missing: Sequence[Slot], L: Mapping[str, str]) -> RenderableType:
    """A calm note at the start: which contacts are not filled in, and how to fill them in."""
    names = list(dict.fromkeys(slot.label for slot in missing))
    body = Text(L["missing_banner"].format(names=", ".join(names)))
    body.append("\n" + L["missing_how"], style=DIM)
    return Panel(body, title=L["missing_title"], title_align="left", border_style=DIM)


def _contacts(protocol: m.Protocol, ids: Sequence[str]) -> Iterable[Text]:
    for cid in ids:
        c = protocol.contact(cid)
        cell = Text()
        cell.append(flat(c.role), style="bold")
        cell.append(f" · {flat(c.reach)}\n")
        cell.append(flat(c.when), style=DIM)
        yield cell


def contacts_table(
    protocol: m.Protocol, ids: Sequence[str], L: Mapping[str, str]
) -> RenderableType:
    return Part("rows", L["contacts"], tuple(_contacts(protocol, ids))).render()


def _signs(protocol: m.Protocol) -> list[m.WarningSign]:
    return [
        sign for s in protocol.sections if isinstance(s, m.WarningSignsSection) for sign in s.signs
    ]


def emergency_signs(protocol: m.Protocol) -> list[m.WarningSign]:
    """The warning signs, the most urgent first (life-threatening: call 112), whatever order
    the protocol lists them in."""
    return sorted(_signs(protocol), key=lambda s: m.LEVELS.index(s.level))


def first_call(protocol: m.Protocol, unfilled: Collection[str] = ()) -> str | None:
    """How to reach help when life may be at risk: the contact of the life-threatening
    signs (112 in every bundled protocol), unless the organisation has not filled it in."""
    urgent = [s for s in emergency_signs(protocol) if s.level == "life_threatening"]
    return next(
        (
            flat(protocol.contact(s.contact).reach)
            for s in urgent
            if s.contact and s.contact not in unfilled
        ),
        None,
    )


def sign_detail(
    protocol: m.Protocol,
    sign: m.WarningSign,
    L: Mapping[str, str] | None = None,
    unfilled: Collection[str] = (),
) -> str:
    """What to do for ``sign``, and how to reach its contact (or what to do when the
    organisation has not filled that contact in)."""
    detail = flat(sign.action)
    if sign.contact and sign.contact in unfilled and L is not None:
        role = flat(protocol.contact(sign.contact).role)
        detail += f" ({role}: {L['emergency_missing']})"
    elif sign.contact:
        reach = flat(protocol.contact(sign.contact).reach)
        if reach not in detail:
            detail += f" ({reach})"
    return detail


def emergency_screen(
    protocol: m.Protocol, L: Mapping[str, str], unfilled: Collection[str] = ()
) -> Screen:
    """What to do first, then (as the prompt) one line per sign; a sign's detail on selection.
    A contact the organisation has not filled in (ids in ``unfilled``) says what to do
    without it."""
    first = [L["first_stay"]]
    reach = first_call(protocol, unfilled)
    if reach:
        first.append(L["first_call"].format(reach=reach))
    if unfilled:
        first.append(L["emergency_fallback"])
    return Screen(
        Text(L["emergency_title"], style="bold"),
        [Part("first", L["first_title"], tuple(first))],
        details={s.id: sign_detail(protocol, s, L, unfilled) for s in _signs(protocol)},
        emergency_key=False,
        keep_first=True,
    )


def sign_actions(signs: Sequence[m.WarningSign], L: Mapping[str, str]) -> RenderableType:
    if not signs:
        return Text(L["none_marked"], style=DIM)
    body = Text()
    for i, sign in enumerate(signs):
        if i:
            body.append("\n")
        body.append(m.sign_label(sign), style="bold")
        body.append(" → " + flat(sign.action))
    return Panel(body, title=L["do_now"], title_align="left", border_style=FIRST_STYLE)


def masked(count: int, L: Mapping[str, str]) -> str:
    return L["masked_one" if count == 1 else "masked_many"].format(n=count)


def hint(text: str) -> RenderableType:
    """A short hint under a prompt, dimmer than the prompt itself."""
    return Text(text, style="dim")


def text_preview(text: str, count: int, L: Mapping[str, str]) -> RenderableType:
    title = L["as_stored"] + (f" ({masked(count, L)})" if count else "")
    return Panel(Text(text or "—"), title=title, title_align="left", border_style=DIM)


def scenario_screen(scenario: m.Scenario, L: Mapping[str, str]) -> RenderableType:
    return Panel(
        Text(flat(scenario.situation)),
        title=f"{L['rehearsal']} · {L['scenario']}",
        title_align="left",
        border_style="magenta",
        padding=(0, 1),
    )


def scenario_feedback(scenario: m.Scenario, choice_id: str, L: Mapping[str, str]) -> RenderableType:
    choice = next(c for c in scenario.choices if c.id == choice_id)
    best = next(c for c in scenario.choices if c.recommended)
    verdict = L["recommended"]
    if not choice.recommended:
        verdict = L["not_recommended"].format(text=flat(best.text))
    body = Text()
    body.append(flat(choice.feedback))
    body.append("\n" + verdict, style="italic")
    return Panel(body, border_style="magenta", padding=(0, 1))


def timing_table(rows: Sequence[tuple[str, float, float]], L: Mapping[str, str]) -> RenderableType:
    cols = L["timing_cols"].split("|")
    table = Table(title=L["timing"], title_justify="left", box=None, pad_edge=False)
    table.add_column(cols[0])
    table.add_column(cols[1], justify="right")
    table.add_column(cols[2], justify="right")
    for title, target, used in rows:
        table.add_row(title, f"{target:g}", f"{used:.1f}")
    total_target = sum(r[1] for r in rows)
    total_used = sum(r[2] for r in rows)
    table.add_row(Text("Σ", style="bold"), f"{total_target:g}", f"{total_used:.1f}")
    return table


def summary_screen(markdown: str, L: Mapping[str, str]) -> Screen:
    """The summary's Markdown exactly as stored (not rendered), paged."""
    lines = tuple(markdown.rstrip("\n").split("\n"))
    return Screen(Text(L["preview"], style="bold"), [Part("lines", "", lines)])


def summary_preview(markdown: str, L: Mapping[str, str]) -> RenderableType:
    return Panel(
        Text(markdown.rstrip("\n")), title=L["preview"], title_align="left", border_style=DIM
    )


def self_rating_screen(timing: Sequence[tuple[str, float, float]], L: Mapping[str, str]) -> Screen:
    table = timing_table(timing, L)
    return Screen(header(L["self_rating"], "", "", L, True), [Part("rows", "", (table,))])


def scenario_outcome(scenario: m.Scenario, choice_id: str, L: Mapping[str, str]) -> RenderableType:
    """A scenario in the rehearsal's report: the situation, the choice and its feedback."""
    choice = next((c for c in scenario.choices if c.id == choice_id), None)
    body = Text(flat(scenario.situation), style=DIM)
    if choice is not None:
        body.append("\n→ " + flat(choice.text), style="bold")
    return Group(
        body, scenario_feedback(scenario, choice_id, L) if choice is not None else Text("")
    )


def self_rating_table(rows: Sequence[tuple[str, str]], L: Mapping[str, str]) -> RenderableType:
    table = Table(title=L["self_rating"], title_justify="left", box=None, pad_edge=False)
    table.add_column(ratio=3)
    table.add_column(ratio=2)
    table.show_header = False
    for label, value in rows:
        table.add_row(label, Text(value, style="bold"))
    return table
