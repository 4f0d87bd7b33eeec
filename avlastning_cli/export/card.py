"""The take-home card: the same for every participant, from the protocol's ``card`` part.

It holds no personal data, no date and no details of the event: only the protocol's text.
"""

from __future__ import annotations

from avlastning_cli.errors import UserError
from avlastning_cli.export.checklist import contacts_table
from avlastning_cli.export.document import Block, Bullets, Document, Heading, Para
from avlastning_cli.i18n import Tables
from avlastning_cli.protocol.models import Contact, Protocol, TellAtHomeSection

#: The card's own headings: the catalogue's ``card.*`` entries.
LABELS = Tables("card")


def _for_card(contact: Contact) -> Contact:
    return contact.model_copy(update={"when": contact.on_card}) if contact.on_card else contact


def card_model(protocol: Protocol) -> Document:
    """The card as a neutral document. A protocol without a ``card`` is a user error.
    A place left to fill in is printed as a line to write on ("Telefon: ______")."""
    from avlastning_cli.organisation.slots import on_paper

    protocol = on_paper(protocol)
    t = LABELS[protocol.language]
    card = protocol.card
    if card is None:
        raise UserError(t["no_card"].format(id=protocol.id), t["no_card_hint"])
    if card.headings is not None:
        t = {**t, **card.headings.model_dump(exclude_none=True)}
    blocks: list[Block] = []
    if card.intro:
        blocks.append(Para(card.intro))
    may_tell, not_to_tell = list(card.may_tell), []
    if not may_tell:
        for section in protocol.sections:
            if isinstance(section, TellAtHomeSection):
                may_tell += section.may_tell
                not_to_tell += section.not_to_tell
    if may_tell:
        blocks += [Heading(t["may_tell"]), Bullets(tuple(may_tell))]
    if not_to_tell:
        blocks.append(Bullets(tuple(not_to_tell), label=t["not_to_tell"]))
    blocks += [Heading(t["normal_reactions"]), Bullets(tuple(card.normal_reactions))]
    if card.self_care:
        blocks += [Heading(t["self_care"]), Bullets(tuple(card.self_care))]
    blocks += [Heading(t["seek_help"]), Bullets(tuple(card.seek_help))]
    # the card speaks to the person holding it: each contact's own card text where it has one
    contacts = [_for_card(protocol.contact(c)) for c in card.contacts]
    blocks += [Heading(t["contacts"]), contacts_table(contacts, protocol.language)]
    if card.closing:
        blocks.append(Para(card.closing))
    return Document(title=card.title, language=protocol.language, blocks=tuple(blocks), pages=1)
