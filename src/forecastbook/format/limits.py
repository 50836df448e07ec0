"""Limits every file and every argument stays within, so that every command can read,
compute with and print what validation accepted, in bounded time.

`EARLIEST`..`LATEST` keeps every date and time inside what Python's `datetime` (after moving
to UTC, adding a day) and pandas (nanosecond timestamps, 1677-2262) can hold. The size
limits keep each file well under a second for every command, and under `MAX_FILE_BYTES`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

EARLIEST = date(1800, 1, 1)
"""The earliest date a question, prediction or resolution may carry."""

LATEST = date(2199, 12, 31)
"""The latest date a question, prediction or resolution may carry."""

MAX_OPTIONS = 200
"""Options of one multiple-choice question."""

MAX_PREDICTIONS = 2_000
"""Predictions of one question."""

MAX_FILE_BYTES = 1_000_000
"""A forecast file is a few KB; anything past 1 MB is refused unread (and never written)."""

MAX_OFFSET_MINUTES = 14 * 60
"""The largest UTC offset of any time zone (UTC+14:00, Kiribati)."""

_MAX_OFFSET = timedelta(minutes=MAX_OFFSET_MINUTES)


def date_problem(value: date) -> str | None:
    """Why `value` is outside the dates forecastbook handles, or None.

    >>> date_problem(date(2026, 6, 30)) is None
    True
    >>> date_problem(date(9999, 12, 31))
    '9999-12-31 is outside the dates forecastbook handles (1800-01-01 to 2199-12-31)'
    """
    day = value.date() if isinstance(value, datetime) else value  # a time: its own date
    if EARLIEST <= day <= LATEST:
        return None
    return (
        f"{value.isoformat()} is outside the dates forecastbook handles "
        f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
    )


def moment_problem(value: datetime) -> str | None:
    """Why an aware timestamp is outside what forecastbook handles (its date, or a UTC
    offset no time zone has), or None."""
    # Called for every timestamp of every file read: two comparisons in the common case.
    try:
        offset = value.utcoffset()
    except ValueError:  # a tzinfo whose offset Python refuses (24 hours or more)
        offset = None
        beyond = True
    else:
        beyond = offset is not None and not -_MAX_OFFSET <= offset <= _MAX_OFFSET
    if beyond:
        naive = value.replace(tzinfo=None).isoformat()
        return f"{naive} has a UTC offset beyond ±14:00, which no time zone has"
    return date_problem(value)
