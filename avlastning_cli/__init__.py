"""avlastning: a calm terminal guide for a defusing after a serious incident at work."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``__version__`` is read from the installed package's metadata (pyproject.toml is the
    one place it is written), and only when asked for: ``--help`` does not pay for it."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("avlastning")
        except PackageNotFoundError:  # pragma: no cover - run from a bare source tree
            return "0+unknown"
    raise AttributeError(name)
