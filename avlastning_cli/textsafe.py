"""One sanitiser for text the tool did not write itself (protocols, answers, typed text, files).

Whatever reaches the terminal or a document goes through :func:`visible`: control characters
cannot move the cursor, clear the screen, set the terminal's title, hide text or open a
hyperlink, because they are shown as caret notation (ESC as ``^[``, BEL as ``^G``) instead of
being sent. NUL is removed. Line breaks and tabs are kept; a Windows line break becomes ``\\n``.

Light on purpose (no rich, no pydantic): the error path imports it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F; U+009B is CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _caret(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0:
        return ""
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return "^[" + chr(code - 0x40)  # a C1 control is ESC + a letter: U+009B shows as ^[[


def visible(text: str) -> str:
    """``text`` with every control character shown as caret notation (NUL removed)."""
    text = text.replace("\r\n", "\n")
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_caret, text)


def has_control(text: str) -> bool:
    """True when :func:`visible` would change ``text`` (other than a Windows line break)."""
    return bool(_CONTROL.search(text.replace("\r\n", "\n")))


def clean_input(text: str) -> str:
    """Free text as it is stored: control characters and NUL removed, line breaks kept,
    bytes a non-UTF-8 terminal passed through as surrogates decoded (or replaced)."""
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def describe(value: Any, limit: int = 40) -> str:
    """A value from a file, quoted for a message: dates as written, never ``datetime.date(``."""
    from avlastning_cli.i18n import tr

    if value is None:
        return tr("val.got_nothing")
    if isinstance(value, dict):
        return tr("val.got_mapping")
    if isinstance(value, list):
        return tr("val.got_list")
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = repr(value) if isinstance(value, str) else str(value)
        if isinstance(value, bool):
            text = "true" if value else "false"
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 3] + "…'"
