"""SIGTERM and SIGHUP (a closed terminal window, a logout, `kill`) end the program the way
Ctrl-C does: the prompt on screen ends cleanly (prompt_toolkit restores the terminal and the
cursor), the session is saved, and the exit code is 128 + the signal's number.

Light (no questionary at import). On Windows there is no SIGHUP; only what exists is handled.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from types import FrameType

#: The signal that ended the program, if one did.
received: int | None = None

NAMES = ("SIGTERM", "SIGHUP")


def _handler(signum: int, frame: FrameType | None) -> None:
    global received
    received = signum
    app = None
    with contextlib.suppress(Exception):
        from prompt_toolkit.application.current import get_app_or_none

        app = get_app_or_none()
    if app is not None and app.is_running and not app.future.done():  # type: ignore[union-attr]
        # End the prompt as Ctrl-C ends it: its own clean-up restores the terminal.
        def stop() -> None:
            if app is not None and app.future is not None and not app.future.done():
                app.exit(exception=KeyboardInterrupt())

        try:
            app.loop.call_soon_threadsafe(stop)  # type: ignore[union-attr]
        except Exception:
            stop()
        return
    raise KeyboardInterrupt


def install_handlers() -> None:
    """Handle SIGTERM and SIGHUP like Ctrl-C (main thread only; a no-op elsewhere)."""
    for name in NAMES:
        sig = getattr(signal, name, None)
        if sig is None:  # Windows: no SIGHUP
            continue
        with contextlib.suppress(ValueError, OSError):
            signal.signal(sig, _handler)


def exit_code(default: int = 130) -> int:
    """128 + the signal that stopped us, else ``default`` (130: Ctrl-C)."""
    return 128 + received if received else default


def restore_terminal() -> None:
    """Show the cursor again, in case something hid it when a signal came."""
    stream = sys.stdout
    with contextlib.suppress(Exception):
        if stream is not None and stream.isatty():
            stream.write("\x1b[?25h")
            stream.flush()
