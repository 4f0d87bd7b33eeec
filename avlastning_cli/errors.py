"""One exception tree for everything a user can get wrong.

A :class:`UserError` is printed as a plain message and ends the program with exit code 1,
never with a traceback. Anything else is a real bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where in a file a problem is (1-based line and column, as editors count)."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Issue:
    """One located problem: ``FILE:LINE:COLUMN: where.in.file: message``."""

    location: Location
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        return f"{self.location}:{where} {self.message}"


class UserError(Exception):
    """Something the user can fix. Printed without a traceback; exit code 1."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class IssuesError(UserError):
    """A file with one or more located problems, all reported at once."""

    def __init__(self, what: str, issues: list[Issue], hint: str | None = None) -> None:
        self.what = what
        self.issues = issues
        from avlastning_cli.i18n import ntr

        count = ntr("val.problems", "val.problems#plural", len(issues), file=what)
        lines = [count] + [str(i) for i in issues]
        super().__init__("\n".join(lines), hint)


class ProtocolError(IssuesError):
    """A protocol file that is not valid."""


class AnswersError(IssuesError):
    """An answers file that does not fit the protocol."""


class NotFoundError(UserError):
    """A file or bundled protocol that does not exist."""


class PrivacyError(UserError):
    """The final scan still found personal data: the summary is not written."""


class NoTerminalError(UserError):
    """Interactive prompts are needed but there is no terminal."""


class Interrupted(Exception):
    """Ctrl-C at a prompt. The session state is already saved; exit code 130."""

    exit_code = 130
