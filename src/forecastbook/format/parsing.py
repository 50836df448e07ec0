"""Parse what users type: probabilities, dates, timestamps and horizons.

Every parser raises `BadInput` naming the argument, so the CLI can print one line.
"""

from __future__ import annotations

import math
import re
import warnings
from datetime import UTC, date, datetime, timedelta

from forecastbook.errors import BadInput
from forecastbook.format.limits import date_problem, moment_problem

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty": 20, "few": 3, "several": 3, "couple": 2,
}  # fmt: skip


def parse_probability(text: str | float, argument: str = "--p") -> float:
    """A probability from `0.35`, `35%` or `35` (numbers above 1 are percentages).

    >>> parse_probability("35%"), parse_probability("0.35"), parse_probability("35")
    (0.35, 0.35, 0.35)
    """
    raw = str(text).strip()
    percent = raw.endswith("%")
    number = raw[:-1].strip() if percent else raw
    try:
        value = float(number)
    except ValueError:
        raise BadInput(argument, f"{raw!r} is not a probability (use 0.35, 35% or 35)") from None
    if not math.isfinite(value):
        raise BadInput(argument, f"{raw!r} is not a probability (use 0.35, 35% or 35)")
    if not percent and value > 1:
        if not value.is_integer():
            raise BadInput(argument, f"{raw!r} is outside [0, 1] (write {raw}% for a percentage)")
        percent = True  # a whole number above 1 is a percentage: 35 means 35%
    if percent:
        value /= 100
    if not 0.0 <= value <= 1.0:
        raise BadInput(argument, f"{raw!r} is outside [0, 1] (or 0%-100%)")
    # Percent input like 35 becomes 0.35000000000000003; keep the number the user meant.
    return round(value, 12)


def parse_option_probability(text: str, argument: str = "--option") -> tuple[str, float]:
    """`NAME=P` for a multiple-choice option, e.g. `ceasefire=40%`."""
    name, sep, value = text.rpartition("=")
    if not sep or not name.strip():
        raise BadInput(argument, f"{text!r} is not NAME=PROBABILITY")
    return name.strip(), parse_probability(value, f"{argument} {name.strip()}")


_AMBIGUOUS_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\s*$")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})(?![\d/.])")
_ISO_EXAMPLE = "2026-06-30T14:00:00+02:00"


def _out_of_range(argument: str, raw: str, problem: str | None) -> None:
    if problem is not None:
        raise BadInput(argument, f"{raw!r} {problem.split(' ', 1)[1]}")


def _refuse_swappable(raw: str, argument: str) -> None:
    """Refuse a numeric date anywhere in `raw` whose day and month could be swapped."""
    for match in _NUMERIC_DATE.finditer(raw):
        if int(match[1]) <= 12 and int(match[2]) <= 12 and match[1] != match[2]:
            raise BadInput(
                argument, f"{raw!r} is ambiguous (day/month); write 2026-06-30 or 30 June 2026"
            )


def parse_date(text: str | date, argument: str = "date") -> date:
    """A calendar date from ISO (`2026-06-30`) or written forms (`30 June 2026`, `June 30, 2026`).

    Numeric forms such as `06/07/2026` are refused when day and month could be swapped, and
    dates outside `limits.EARLIEST`..`limits.LATEST` are refused.

    >>> parse_date("30 June 2026")
    datetime.date(2026, 6, 30)
    """
    if isinstance(text, date):
        day = text.date() if isinstance(text, datetime) else text
        _out_of_range(argument, day.isoformat(), date_problem(day))
        return day
    raw = text.strip()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        day = _written_date(raw, argument)
    _out_of_range(argument, raw, date_problem(day))
    return day


def _written_date(raw: str, argument: str) -> date:
    match = _AMBIGUOUS_NUMERIC.match(raw)
    _refuse_swappable(raw, argument)
    from dateutil import parser as dateparser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = dateparser.parse(
                raw, default=datetime(2000, 1, 1, tzinfo=UTC), dayfirst=bool(match)
            )
    except (ValueError, OverflowError, Warning):
        raise BadInput(
            argument, f"{raw!r} is not a date (use 2026-06-30 or 30 June 2026)"
        ) from None
    if not re.search(r"\d{4}", raw):
        raise BadInput(argument, f"{raw!r} has no year (use 2026-06-30 or 30 June 2026)")
    return parsed.date()


# Words a written time may contain besides a zone: months, weekdays, am/pm, ordinals.
_DATE_WORDS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "at",
        "of",
        "the",
        "on",
        "st",
        "nd",
        "rd",
        "th",
        "t",
    ]
)
_UTC_NAMES = frozenset({"utc", "gmt", "z"})


def _refuse_zone_names(raw: str, argument: str) -> None:
    """Refuse zone abbreviations (EST, BST, CET... mean different offsets in different places,
    and dateutil drops the unknown ones) and `UTC+2`-style offsets (POSIX reads the sign the
    other way round). A bare UTC/GMT/Z and a numeric `+02:00` offset are fine."""
    for match in re.finditer(r"[A-Za-z]+", raw):
        word = match.group().lower()
        if word in _DATE_WORDS:
            continue
        after = raw[match.end() :].lstrip()
        if word in _UTC_NAMES and after[:1] not in ("+", "-"):
            continue
        what = (
            f"{match.group()}{after[:3].rstrip()} is ambiguous (POSIX reads the sign the "
            "other way round)"
            if word in _UTC_NAMES
            else f"the time zone {match.group()!r} is ambiguous or unknown"
        )
        raise BadInput(
            argument,
            f"{raw!r}: {what}; write an ISO time with a numeric offset, e.g. {_ISO_EXAMPLE}",
        )


def parse_timestamp(text: str | datetime | date, argument: str = "--at") -> datetime:
    """A timezone-aware timestamp; a date alone means midnight UTC, a naive time means UTC.

    Offsets are written as numbers (`+02:00`); zone names other than UTC/GMT/Z, numeric
    dates whose day and month could be swapped, and times outside the dates forecastbook
    handles are refused.

    >>> parse_timestamp("4 March 2024 10:00 +02:00").isoformat()
    '2024-03-04T10:00:00+02:00'
    """
    if isinstance(text, datetime):
        parsed = text
        raw = text.isoformat()
    elif isinstance(text, date):
        parsed = datetime(text.year, text.month, text.day, tzinfo=UTC)
        raw = text.isoformat()
    else:
        raw = text.strip()
        try:
            parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            if re.fullmatch(r".*\d{1,2}:\d{2}.*", raw):
                parsed = _written_time(raw, argument)
            else:
                day = parse_date(raw, argument)
                parsed = datetime(day.year, day.month, day.day, tzinfo=UTC)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    _out_of_range(argument, raw, moment_problem(parsed))
    return parsed


def _written_time(raw: str, argument: str) -> datetime:
    _refuse_swappable(raw, argument)
    _refuse_zone_names(raw, argument)
    from dateutil import parser as dateparser

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return dateparser.parse(raw)
    except (ValueError, OverflowError, Warning):
        raise BadInput(
            argument, f"{raw!r} is not a date or time (use ISO, e.g. {_ISO_EXAMPLE})"
        ) from None


def utc_date(moment: datetime) -> date:
    """The UTC calendar date of an aware timestamp: forecastbook's one rule for "the date of"
    a time (`created`, `--as-of`, "today" all count UTC days).

    >>> utc_date(datetime.fromisoformat("2025-03-01T08:00:00+10:00"))
    datetime.date(2025, 2, 28)
    """
    return moment.astimezone(UTC).date()


def now() -> datetime:
    """The current time, UTC, to the second (what the tool records)."""
    return datetime.now(UTC).replace(microsecond=0)


def check_not_future(moment: datetime, argument: str = "--at") -> datetime:
    """Refuse a timestamp in the future (a minute of clock skew is allowed)."""
    if moment > datetime.now(UTC) + timedelta(minutes=1):
        raise BadInput(argument, f"{moment.isoformat()} is in the future")
    return moment


def horizon_end(label: str, start: date, argument: str = "--horizon") -> date:
    """The date a horizon label ends, counted from `start`.

    A range ends at its upper bound ("6-12 months" -> 12 months); an open-ended horizon
    ("3+ years") ends at twice its lower bound; "by 2027" ends on 31 December 2027.

    >>> horizon_end("6-12 months", date(2025, 2, 20))
    datetime.date(2026, 2, 20)
    >>> horizon_end("3+ years", date(2025, 2, 20))
    datetime.date(2031, 2, 20)
    >>> horizon_end("by 2027", date(2025, 2, 20))
    datetime.date(2027, 12, 31)
    """
    from dateutil.relativedelta import relativedelta

    text = label.strip().lower().replace("–", "-").replace("—", "-")
    by_year = re.fullmatch(r"(?:by|before|in|until|through)?\s*(?:the end of\s*)?(\d{4})", text)
    if by_year:
        return date(int(by_year[1]), 12, 31)
    by_date = re.fullmatch(r"(?:by|before|until)\s+(.+)", text)
    if by_date and re.search(r"\d{4}", by_date[1]):
        when = by_date[1]
        day = parse_date(
            when if re.search(r"\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d", when) else f"1 {when}"
        )
        if not re.search(r"\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d", when):
            day = day + relativedelta(months=1, days=-1)  # "by June 2026" = end of June
        return day
    number = r"(\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")"
    match = re.search(
        number
        + r"\s*(?:-|to)?\s*"
        + r"(?:"
        + number
        + r")?\s*(\+)?\s*(day|week|month|year|decade)s?",
        text,
    )
    if not match:
        named = {"short-term": 12, "short term": 12, "mid-term": 36, "medium-term": 36,
                 "long-term": 72, "coming months": 6, "next year": 12}  # fmt: skip
        for key, months in named.items():
            if key in text:
                return start + relativedelta(months=months)
        raise BadInput(
            argument, f"{label!r} is not a horizon (use e.g. '6-12 months', '2 years', 'by 2027')"
        )

    def value(token: str) -> float:
        return float(_NUMBER_WORDS.get(token, token) if token in _NUMBER_WORDS else token)

    low = value(match[1])
    high = value(match[2]) if match[2] else low
    amount = 2 * low if match[3] else max(low, high)
    unit = match[4]
    if unit == "decade":
        unit, amount = "year", amount * 10
    if unit == "day":
        return start + timedelta(days=round(amount))
    if unit == "week":
        return start + timedelta(weeks=amount)
    months = round(amount * (12 if unit == "year" else 1))
    return start + relativedelta(months=months)
