"""The tool's own words, in the user's language, from one gettext catalogue.

Everything the tool says that is not protocol wording (help, messages, errors, prompts, export
headings) is an entry in ``avlastning_cli/locale/{sv,en}/LC_MESSAGES/avlastning.po``. The compiled
``.mo`` files beside them are committed and read with the standard library's :mod:`gettext`, so
nothing but the standard library is imported at run time (``tools/catalogue.py`` compiles them;
a test holds each ``.mo`` to its ``.po``).

Message ids are stable keys (``ui.go_on``, ``cli.run.help``), not English sentences: English is a
translation like Swedish, so a test can require both for every entry, and rewording one language
never orphans the other.

The language: ``--lang`` if given, else ``$AVLASTNING_LANG``, else English when the system locale
is English (``LANG=en_GB.UTF-8``), else Swedish. Help is built when the command line module is
imported, so the first call looks at ``sys.argv`` for ``--lang`` itself.
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

LANGUAGES = ("sv", "en")
DEFAULT = "sv"
DOMAIN = "avlastning"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_active: str | None = None


def _code(value: str | None) -> str | None:
    """``en_GB.UTF-8``, ``EN``, ``sv-SE`` → ``en``/``sv``; anything else → None."""
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


def system_language() -> str | None:
    """English when the system locale is English; None when it says nothing we speak."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "en" if value.split(":")[0].lower().startswith("en") else None
    if sys.platform == "win32":  # no LANG on Windows: ask the system ("English_United Kingdom")
        import locale

        name = (locale.getlocale()[0] or "").lower()
        return "en" if name.startswith(("en_", "english")) else None
    return None


def resolve(explicit: str | None = None) -> str:
    """The language to speak: ``explicit`` (a valid --lang), $AVLASTNING_LANG, locale, Swedish."""
    if explicit in LANGUAGES:
        return explicit
    return _code(os.environ.get("AVLASTNING_LANG")) or system_language() or DEFAULT


def argv_language(argv: Sequence[str]) -> str | None:
    """The value of ``--lang``/``-l`` on a command line, before any parsing (for help texts)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg in ("--lang", "-l") and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg.startswith("-l") and len(arg) == 4:
            return arg[2:]
    return None


def language() -> str:
    """The language this command speaks: what the command set, else what its command line and
    environment say (asked afresh each time, so nothing read before a command starts sticks)."""
    return _active or resolve(argv_language(sys.argv[1:]))


def set_language(lang: str) -> None:
    """Speak ``lang`` from now on (each command sets it from its own --lang)."""
    global _active
    _active = lang if lang in LANGUAGES else DEFAULT


@cache
def catalogue(lang: str) -> gettext.GNUTranslations:
    """The compiled catalogue of ``lang`` (Swedish for anything unknown)."""
    lang = lang if lang in LANGUAGES else DEFAULT
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as fp:
        return gettext.GNUTranslations(fp)


def tr(key: str, /, lang: str | None = None, **fields: Any) -> str:
    """The text of ``key`` in ``lang`` (default: the command's language), formatted with
    ``fields`` when any are given."""
    text = catalogue(lang or language()).gettext(key)
    return text.format(**fields) if fields else text


def ntr(key: str, plural_key: str, n: int, /, lang: str | None = None, **fields: Any) -> str:
    """Like :func:`tr` for a text that depends on a count ``n`` (``{n}`` in the text)."""
    text = catalogue(lang or language()).ngettext(key, plural_key, n)
    return text.format(n=n, **fields)


def has(key: str, lang: str) -> bool:
    return key in _messages(lang)


def _messages(lang: str) -> dict[Any, str]:
    return catalogue(lang)._catalog  # type: ignore[attr-defined]


@cache
def table(prefix: str, lang: str) -> Mapping[str, str]:
    """Every entry ``PREFIX.KEY`` of ``lang`` as a read-only ``{KEY: text}`` (for modules that
    look up many labels at once: the summary, the checklist, the card, the screens)."""
    start = prefix + "."
    return MappingProxyType(
        {
            key[len(start) :]: text
            for key, text in _messages(lang).items()
            if isinstance(key, str) and key.startswith(start)
        }
    )


class Tables(Mapping[str, Mapping[str, str]]):
    """``LABELS[lang][key]`` over the catalogue's ``prefix.*`` entries, for code that used to
    keep its own per-language dict."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        return table(self.prefix, lang if lang in LANGUAGES else DEFAULT)

    def __iter__(self) -> Any:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)
