"""What the leader sees: rich renderables, one step at a time.

Calm styling: no red, nothing blinking, only a few soft accents; readable at 60 columns.
Colours are never forced, so rich turns them off for NO_COLOR and outside a terminal.
The words to say sit in their own panel; the leader's tips are separate and dimmer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from avlastning_cli.organisation.slots import Slot
from avlastning_cli.protocol import models as m

SAY_STYLE = "blue"
DIM = "dim"


def _bullets(items: Sequence[str], style: str = "") -> Table:
    """A list with a hanging indent, so wrapped lines stay clear of the bullet."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style=DIM, no_wrap=True)
    table.add_column(ratio=1)
    for item in items:
        table.add_row("•", Text(" ".join(item.split()), style=style))
    return table


def _paragraphs(items: Sequence[str], style: str = "") -> Text:
    return Text("\n\n".join(" ".join(p.split()) for p in items), style=style)


def header(title: str, where: str, timing: str, L: Mapping[str, str], rehearsal: bool) -> Group:
    """The step's title on a rule; where we are and the minutes on a quiet line below."""
    label = Text()
    if rehearsal:
        label.append(f"{L['rehearsal']} · ", style="bold")
    label.append(title, style="bold")
    line = Text(" · ".join(x for x in (where, timing) if x), style=DIM)
    return Group(Rule(label, style=DIM, align="left"), line)


def say_panel(paragraphs: Sequence[str], L: Mapping[str, str]) -> Panel:
    return Panel(
        _paragraphs(paragraphs),
        title=L["say"],
        title_align="left",
        border_style=SAY_STYLE,
        padding=(0, 1),
    )


def tips_block(tips: Sequence[str], L: Mapping[str, str]) -> Group:
    return Group(Text(L["tips"], style="dim italic"), Padding(_bullets(tips, DIM), (0, 0, 0, 2)))


def section_screen(
    protocol: m.Protocol,
    section: m.AnySection,
    index: int,
    total: int,
    elapsed_minutes: float,
    L: Mapping[str, str],
    *,
    rehearsal: bool = False,
) -> RenderableType:
    """A whole step: header, the words to say, the section's lists, tips (and why)."""
    where = L["step"].format(i=index + 1, n=total)
    timing = L["minutes"].format(target=f"{section.minutes:g}", elapsed=f"{elapsed_minutes:.0f}")
    parts: list[RenderableType] = [header(section.title, where, timing, L, rehearsal)]
    say = list(section.say)
    if say:
        parts.append(say_panel(say, L))
    if isinstance(section, m.PurposeSection):
        parts.append(_titled(L["points"], _bullets(section.points)))
    if isinstance(section, m.GroundRulesSection):
        parts.append(_titled(L["rules"], _bullets(section.rules)))
    if isinstance(section, m.RoundSection):
        parts.append(
            Panel(
                Group(
                    Text(" ".join(section.question.split()), style="bold"),
                    Text(""),
                    Text(" ".join(section.passing_ok.split())),
                ),
                title=f"{L['say']}: {L['round_question'].lower()}",
                title_align="left",
                border_style=SAY_STYLE,
                padding=(0, 1),
            )
        )
    if isinstance(section, m.TellAtHomeSection):
        parts.append(_titled(L["may_tell"], _bullets(section.may_tell)))
        parts.append(_titled(L["not_to_tell"], _bullets(section.not_to_tell)))
    if isinstance(section, m.NextStepsSection):
        parts.append(contacts_table(protocol, section.contacts, L))
        parts.append(_titled(L["get_in_touch"], _paragraphs([section.get_in_touch])))
    if section.tips:
        parts.append(tips_block(section.tips, L))
    if rehearsal and section.why:
        parts.append(_titled(L["why"], _paragraphs([section.why], "italic"), style="dim"))
    parts.append(Text(L["emergency_key"], style=DIM))
    return Group(*_spaced(parts))


def opening_screen(
    protocol: m.Protocol, L: Mapping[str, str], *, rehearsal: bool
) -> RenderableType:
    parts: list[RenderableType] = [
        header(protocol.title, L["opening_title"], "", L, rehearsal),
        Text(" ".join(protocol.description.split())),
        Text(L["emergency_key"], style=DIM),
    ]
    return Group(*_spaced(parts))


def missing_banner(missing: Sequence[Slot], L: Mapping[str, str]) -> RenderableType:
    """A calm note at the start: which contacts are not filled in, and how to fill them in."""
    names = list(dict.fromkeys(slot.label for slot in missing))
    body = Text(L["missing_banner"].format(names=", ".join(names)))
    body.append("\n" + L["missing_how"], style=DIM)
    return Panel(body, title=L["missing_title"], title_align="left", border_style=DIM)


def _titled(title: str, body: RenderableType, style: str = "bold") -> Group:
    return Group(Text(title, style=style), Padding(body, (0, 0, 0, 2)))


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Text(""))
        out.append(part)
    return out


def contacts_table(protocol: m.Protocol, ids: Sequence[str], L: Mapping[str, str]) -> Group:
    table = Table.grid(padding=(0, 1))
    table.add_column(ratio=1)
    for cid in ids:
        c = protocol.contact(cid)
        cell = Text()
        cell.append(c.role, style="bold")
        cell.append(f" · {c.reach}\n")
        cell.append(" ".join(c.when.split()), style=DIM)
        table.add_row(cell)
    return _titled(L["contacts"], table)


def emergency_screen(
    protocol: m.Protocol, L: Mapping[str, str], unfilled: Collection[str] = ()
) -> RenderableType:
    """What to do now, from the protocol's warning signs and their contacts. A contact the
    organisation has not filled in (ids in ``unfilled``) says what to do without it."""
    rows = Table.grid(padding=(0, 1))
    rows.add_column(ratio=1)
    signs = [
        sign for s in protocol.sections if isinstance(s, m.WarningSignsSection) for sign in s.signs
    ]
    # life-threatening signs (call 112) first, whatever order the protocol lists them in
    for sign in sorted(signs, key=lambda sign: m.LEVELS.index(sign.level)):
        cell = Text()
        cell.append(m.sign_label(sign), style="bold")
        cell.append("\n→ " + " ".join(sign.action.split()))
        if sign.contact and sign.contact in unfilled:
            role = protocol.contact(sign.contact).role
            cell.append(f" ({role}: {L['emergency_missing']})", style="bold")
        elif sign.contact:
            c = protocol.contact(sign.contact)
            cell.append(f" ({c.reach})", style="bold")
        rows.add_row(cell)
    parts: list[RenderableType] = [Text(L["emergency_intro"]), Text(""), rows]
    if unfilled:
        parts += [Text(""), Text(L["emergency_fallback"])]
    return Panel(
        Group(*parts),
        title=L["emergency_title"],
        title_align="left",
        border_style="yellow",
        padding=(0, 1),
    )


def sign_actions(signs: Sequence[m.WarningSign], L: Mapping[str, str]) -> RenderableType:
    if not signs:
        return Text(L["none_marked"], style=DIM)
    body = Text()
    for i, sign in enumerate(signs):
        if i:
            body.append("\n\n")
        body.append(m.sign_label(sign), style="bold")
        body.append("\n→ " + " ".join(sign.action.split()))
    return Panel(body, title=L["do_now"], title_align="left", border_style="yellow")


def hint(text: str) -> RenderableType:
    """A short hint under a prompt, dimmer than the prompt itself."""
    return Text(text, style="dim")


def text_preview(text: str, count: int, L: Mapping[str, str]) -> RenderableType:
    title = L["as_stored"] + (f" ({L['masked'].format(n=count)})" if count else "")
    return Panel(Text(text or "—"), title=title, title_align="left", border_style=DIM)


def scenario_screen(scenario: m.Scenario, L: Mapping[str, str]) -> RenderableType:
    return Panel(
        Text(" ".join(scenario.situation.split())),
        title=f"{L['rehearsal']} · {L['scenario']}",
        title_align="left",
        border_style="magenta",
        padding=(0, 1),
    )


def scenario_feedback(scenario: m.Scenario, choice_id: str, L: Mapping[str, str]) -> RenderableType:
    choice = next(c for c in scenario.choices if c.id == choice_id)
    best = next(c for c in scenario.choices if c.recommended)
    verdict = (
        L["recommended"]
        if choice.recommended
        else L["not_recommended"].format(text=" ".join(best.text.split()))
    )
    body = Text()
    body.append(" ".join(choice.feedback.split()))
    body.append("\n\n" + verdict, style="italic")
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


def summary_preview(markdown: str, L: Mapping[str, str]) -> RenderableType:
    """The summary's Markdown exactly as stored (not rendered)."""
    return Panel(
        Text(markdown.rstrip("\n")), title=L["preview"], title_align="left", border_style=DIM
    )
