"""The checklist: one printed sheet for the room, or (``full``) the whole read-aloud script.

The sheet (at most two A4 pages, body type at least 10 pt) carries what the leader must have in
front of them: each step with its first line to say, all the ground rules, what may and may not
be told at home, the warning signs with their action, the checks and practical questions, the
follow-up and the contacts people need. What is not needed in the room (how a crisis support or
PKL group is alerted, the leader's tips, the reasons) is in ``full``.

A pure function of the protocol. The only words here are the UI's own labels; everything else
comes from the protocol.
"""

from __future__ import annotations

from avlastning_cli.export.document import Block, Bullets, Document, Heading, Para, Table, Tick
from avlastning_cli.i18n import Tables
from avlastning_cli.protocol.models import (
    AnySection,
    Contact,
    GroundRulesSection,
    NextStepsSection,
    Protocol,
    PurposeSection,
    RoundSection,
    TellAtHomeSection,
    WarningSign,
    WarningSignsSection,
    sign_label,
)

#: The checklist's own headings: the catalogue's ``checklist.*`` entries.
LABELS = Tables("checklist")


def minutes(value: float, language: str) -> str:
    """3.0 -> '3 min'; 1.5 -> '1,5 min' in Swedish, '1.5 min' in English."""
    number = f"{value:g}"
    if language == "sv":
        number = number.replace(".", ",")
    return f"{number} {LABELS[language]['min']}"


def ordered_contacts(protocol: Protocol) -> list[Contact]:
    """The next steps' contacts in their order, then any other contact of the protocol."""
    ids: list[str] = []
    for section in protocol.sections:
        if isinstance(section, NextStepsSection):
            ids.extend(c for c in section.contacts if c not in ids)
    ids.extend(c.id for c in protocol.contacts if c.id not in ids)
    return [protocol.contact(i) for i in ids]


def contacts_table(contacts: list[Contact], language: str) -> Table:
    t = LABELS[language]
    return Table(
        header=(t["role"], t["reach"], t["when"]),
        rows=tuple((c.role, c.reach, c.when) for c in contacts),
        widths=(3, 3, 6),
    )


def signs_table(signs: list[WarningSign], language: str, short: bool = False) -> Table:
    """Each sign and what to do; ``short`` names a sign by its title, for the printed sheet."""
    t = LABELS[language]
    return Table(
        header=(t["sign"], t["action"]),
        rows=tuple((sign_label(s) if short else s.text, s.action) for s in signs),
        widths=(1, 2) if short else (1, 1),
    )


def room_contacts(protocol: Protocol) -> list[Contact]:
    """The contacts needed in the room: those a warning sign or the card points to.

    Others (how a crisis support group is alerted, say) are in the full script. A protocol
    with no card and no sign contacts keeps all of its contacts on the sheet.
    """
    card = list(protocol.card.contacts) if protocol.card else []
    signs = [s.contact for s in _signs(protocol) if s.contact and s.contact not in card]
    if not card and not signs:
        return ordered_contacts(protocol)
    rest = [c for c in ordered_contacts(protocol) if c.id in signs]  # in the next steps' order
    return [protocol.contact(i) for i in card] + rest


def _signs(protocol: Protocol) -> list[WarningSign]:
    return [
        s for sec in protocol.sections if isinstance(sec, WarningSignsSection) for s in sec.signs
    ]


def _key_lines(section: AnySection) -> list[str]:
    """What fits the sheet: the round's question and passing_ok, else the first line to say."""
    if isinstance(section, RoundSection):
        return [section.question, section.passing_ok]
    return section.say[:1]


def _lists(section: AnySection, lang: str) -> list[Block]:
    """The lists the leader goes through with the group: rules, and what to tell at home."""
    t = LABELS[lang]
    if isinstance(section, GroundRulesSection):
        return [Bullets(tuple(section.rules), style="say", indent=1)]
    if isinstance(section, TellAtHomeSection):
        return [
            Bullets(tuple(section.may_tell), style="say", indent=1, label=t["may_tell"]),
            Bullets(tuple(section.not_to_tell), style="say", indent=1, label=t["not_to_tell"]),
        ]
    return []


def _page(protocol: Protocol) -> list[Block]:
    lang = protocol.language
    t = LABELS[lang]
    blocks: list[Block] = []
    for section in protocol.sections:
        blocks.append(Tick(f"{section.title} · {minutes(section.minutes, lang)}", strong=True))
        blocks.extend(Para(line, style="say", indent=1) for line in _key_lines(section))
        blocks.extend(_lists(section, lang))
        if isinstance(section, WarningSignsSection):
            blocks.append(signs_table(list(section.signs), lang, short=True))
        # the lesson areas are ticked in the tool afterwards; the lessons line reminds of them
        # on the sheet, which has to stay two pages
        blocks.extend(
            Tick(question.text, indent=1)
            for question in section.questions
            if question.type != "lesson_categories"
        )
        if isinstance(section, NextStepsSection) and section.follow_up is not None:
            blocks.append(Tick(section.follow_up.text, indent=1))
        blocks.extend(Tick(check.text, indent=1) for check in section.checks)
    blocks += [Heading(t["contacts"]), contacts_table(room_contacts(protocol), lang)]
    return blocks


def _said(section: AnySection, lang: str) -> list[Block]:
    """Everything the leader reads aloud in one step, in order."""
    t = LABELS[lang]
    blocks: list[Block] = [Para(line, style="say") for line in section.say]
    if isinstance(section, PurposeSection):
        blocks.append(Bullets(tuple(section.points), style="say"))
    if isinstance(section, GroundRulesSection):
        blocks.append(Bullets(tuple(section.rules), style="say"))
    if isinstance(section, RoundSection):
        blocks += [Para(section.question, style="say"), Para(section.passing_ok, style="say")]
    if isinstance(section, TellAtHomeSection):
        blocks.append(Bullets(tuple(section.may_tell), style="say", label=t["may_tell"]))
        blocks.append(Bullets(tuple(section.not_to_tell), style="say", label=t["not_to_tell"]))
    if isinstance(section, NextStepsSection):
        blocks.append(Para(section.get_in_touch, style="say"))
    return blocks


def _script(protocol: Protocol) -> list[Block]:
    lang = protocol.language
    t = LABELS[lang]
    blocks: list[Block] = [Para(protocol.description)]
    for number, section in enumerate(protocol.sections, start=1):
        blocks.append(
            Heading(f"{number}. {section.title} · {minutes(section.minutes, lang)}", level=3)
        )
        said = _said(section, lang)
        if said:
            blocks += [Para("", label=t["say"]), *said]
        if isinstance(section, WarningSignsSection):
            blocks.append(signs_table(list(section.signs), lang))
        if isinstance(section, NextStepsSection):
            contacts = [protocol.contact(c) for c in section.contacts]
            blocks.append(contacts_table(contacts, lang))
        blocks.extend(Tick(check.text) for check in section.checks)
        if section.questions:
            items = tuple(q.text for q in section.questions)
            blocks.append(Bullets(items, label=t["questions"]))
        if section.tips:
            blocks.append(Bullets(tuple(section.tips), style="note", label=t["notes"]))
        if section.why:
            blocks.append(Para(section.why, style="note", label=t["why"]))
    return blocks


def checklist_model(protocol: Protocol, full: bool = False) -> Document:
    """The checklist as a neutral document; ``full`` gives the whole script for trainers.
    A place left to fill in is printed as a line to write on."""
    from avlastning_cli.organisation.slots import on_paper

    protocol = on_paper(protocol)
    lang = protocol.language
    t = LABELS[lang]
    what = t["script"] if full else t["checklist"]
    return Document(
        title=protocol.title,
        language=lang,
        subtitle=f"{what} · {minutes(protocol.duration_minutes, lang)}",
        blocks=tuple(_script(protocol) if full else _page(protocol)),
        pages=None if full else 2,
    )
