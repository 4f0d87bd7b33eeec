"""The UI's own words for the live session, as a view of the catalogue's ``ui.*`` entries.

Everything said to the group comes from the protocol YAML; the session's own words (buttons,
prompts, hints) are in the gettext catalogue (``avlastning_cli/locale``). The session's UI
language is the protocol's language.

``SV`` and ``EN`` are a landing place for words added on other branches while the catalogue was
being built: ``labels()`` still finds them, and ``python tools/catalogue.py absorb`` moves them
into the catalogue (a test fails until that is done, so they never stay here).
"""

from __future__ import annotations

from collections.abc import Mapping

from avlastning_cli.i18n import table

SV: dict[str, str] = {}

EN: dict[str, str] = {}

LEGACY: dict[str, dict[str, str]] = {"sv": SV, "en": EN}


def labels(language: str) -> Mapping[str, str]:
    """The UI labels for ``language`` (Swedish for anything unknown)."""
    language = language if language in LEGACY else "sv"
    found = table("ui", language)
    extra = LEGACY[language]
    return found if not extra else {**extra, **found}
