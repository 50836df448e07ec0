"""Defaults taken from the environment: the book folder, the forecaster's name, today."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

ENV_BOOK = "FORECASTBOOK_BOOK"
ENV_BY = "FORECASTBOOK_BY"
DEFAULT_BOOK = Path("forecasts")


def default_book() -> Path:
    """`$FORECASTBOOK_BOOK`, else `./forecasts`."""
    return Path(os.environ.get(ENV_BOOK) or DEFAULT_BOOK)


def default_forecaster() -> str:
    """`$FORECASTBOOK_BY`, else the login name, else `me`."""
    name = os.environ.get(ENV_BY)
    if name:
        return name
    # What getpass.getuser() reads first; importing getpass (and termios) costs more.
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        name = os.environ.get(variable)
        if name:
            return name
    try:
        import getpass

        return getpass.getuser() or "me"
    except (OSError, KeyError):
        return "me"


def today() -> date:
    """Today's date in UTC: what `created` defaults to and "due" is measured against, the
    same rule as the date of a timestamp (`--at`) and the end of `--as-of` (UTC days)."""
    return datetime.now(UTC).date()
