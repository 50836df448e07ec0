"""Errors the library raises; the CLI turns each into a one-line message and exit code 1."""

from __future__ import annotations

from pathlib import Path


class ForecastbookError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class BadInput(ForecastbookError):
    """A command-line argument or function parameter has an invalid value."""

    def __init__(self, argument: str, message: str) -> None:
        self.argument = argument
        self.reason = message
        super().__init__(f"{argument}: {message}")


class InvalidForecastFile(ForecastbookError):
    """A forecast file cannot be read or does not match the schema."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")


class UnreadableFiles(ForecastbookError):
    """Files of the book cannot be read, so scoring it would silently leave them out."""

    def __init__(self, problems: list[InvalidForecastFile]) -> None:
        self.problems = problems
        names = ", ".join(p.path.name for p in problems[:5])
        more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
        n = len(problems)
        super().__init__(
            f"{n} file{'s' if n != 1 else ''} cannot be read ({names}{more}): fix "
            f"{'them' if n != 1 else 'it'} (`forecastbook validate` says how), or leave "
            f"{'them' if n != 1 else 'it'} out with --skip-invalid"
        )


class NotFound(ForecastbookError):
    """No question matches the given id."""


class Ambiguous(ForecastbookError):
    """An id prefix matches more than one question."""


class Conflict(ForecastbookError):
    """The operation contradicts the state of the book (duplicate id, already resolved, ...)."""


class BookMissing(ForecastbookError):
    """The book folder does not exist."""


class BookLocked(ForecastbookError):
    """Another process holds the book's lock, and the wait for it ran out."""


class ControlCharacters(InvalidForecastFile):
    """A warning, not an error: a text field holds terminal control characters."""
