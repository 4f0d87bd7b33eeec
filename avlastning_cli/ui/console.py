"""The one way the tool makes a rich Console: everything it prints passes the sanitiser.

A render hook wraps each renderable so that the text of every segment goes through
:func:`avlastning_cli.textsafe.visible` after layout. Rich's own styling travels in the
segments' styles (and control segments), never in their text, so colours still work; escape
bytes that came from a protocol, an answers file or typed text are shown as ``^[``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.segment import Segment

from avlastning_cli.textsafe import has_control, visible


class _Visible:
    def __init__(self, inner: ConsoleRenderable) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or not has_control(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style)


class _SanitiseHook(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        wrapped: Iterable[Any] = (_Visible(r) for r in renderables)
        return list(wrapped)


def safe_console(**kwargs: Any) -> Console:
    """A rich Console (no highlighting unless asked) that never sends control characters."""
    kwargs.setdefault("highlight", False)
    console = Console(**kwargs)
    console.push_render_hook(_SanitiseHook())
    return console
