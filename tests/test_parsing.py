"""Parsing what users type: probabilities, dates, timestamps, horizons."""

from datetime import UTC, date, datetime, timedelta

import pytest

from forecastbook.errors import BadInput
from forecastbook.format.parsing import (
    check_not_future,
    horizon_end,
    parse_date,
    parse_option_probability,
    parse_probability,
    parse_timestamp,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.35", 0.35), ("35%", 0.35), ("35", 0.35), ("0", 0.0), ("1", 1.0), ("100%", 1.0),
     ("100", 1.0), ("12.5%", 0.125), (" 0.7 ", 0.7), ("0%", 0.0)],
)  # fmt: skip
def test_probability_forms(text: str, expected: float) -> None:
    assert parse_probability(text) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("text", ["abc", "", "-0.1", "101", "150%", "1.5", "nan", "inf", "-5%"])
def test_probability_rejects(text: str) -> None:
    with pytest.raises(BadInput, match=r"^--p: "):
        parse_probability(text)


def test_option_probability() -> None:
    assert parse_option_probability("cease fire=40%") == ("cease fire", 0.4)
    with pytest.raises(BadInput, match="--option"):
        parse_option_probability("nameonly")


@pytest.mark.parametrize(
    "text", ["2026-06-30", "30 June 2026", "June 30, 2026", "30 Jun 2026", "2026/06/30"]
)
def test_date_forms(text: str) -> None:
    assert parse_date(text, "--resolve-by") == date(2026, 6, 30)


def test_ambiguous_numeric_date_refused() -> None:
    with pytest.raises(BadInput, match="ambiguous"):
        parse_date("06/07/2026", "--resolve-by")
    assert parse_date("30/06/2026") == date(2026, 6, 30)


@pytest.mark.parametrize("text", ["tomorrow-ish", "June", "32 June 2026"])
def test_date_rejects(text: str) -> None:
    with pytest.raises(BadInput, match=r"^--resolve-by: "):
        parse_date(text, "--resolve-by")


def test_timestamps_are_aware() -> None:
    assert parse_timestamp("2025-02-20") == datetime(2025, 2, 20, tzinfo=UTC)
    assert parse_timestamp("2025-02-20T10:00:00+01:00").utcoffset() == timedelta(hours=1)
    assert parse_timestamp("2025-02-20 10:00").tzinfo is UTC
    assert parse_timestamp("20 February 2025") == datetime(2025, 2, 20, tzinfo=UTC)


def test_future_refused() -> None:
    with pytest.raises(BadInput, match="future"):
        check_not_future(datetime.now(UTC) + timedelta(days=2))
    check_not_future(datetime.now(UTC) - timedelta(days=400))


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("6-12 months", date(2026, 2, 20)),
        ("6–12 months", date(2026, 2, 20)),
        ("1-3 years", date(2028, 2, 20)),
        ("3+ years", date(2031, 2, 20)),
        ("a year", date(2026, 2, 20)),
        ("within two years", date(2027, 2, 20)),
        ("by 2027", date(2027, 12, 31)),
        ("by June 2026", date(2026, 6, 30)),
        ("90 days", date(2025, 5, 21)),
        ("short-term", date(2026, 2, 20)),
    ],
)
def test_horizons(label: str, expected: date) -> None:
    assert horizon_end(label, date(2025, 2, 20)) == expected


def test_horizon_rejects_nonsense() -> None:
    with pytest.raises(BadInput, match="--horizon"):
        horizon_end("whenever", date(2025, 2, 20))


# -- issue 16, item 9: times are never stored wrong silently ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4 March 2024 10:00 +02:00", "2024-03-04T10:00:00+02:00"),
        ("March 4, 2024 10:00 -05:30", "2024-03-04T10:00:00-05:30"),
        ("4 March 2024 10:00 UTC", "2024-03-04T10:00:00+00:00"),
        ("4 March 2024 10:00 GMT", "2024-03-04T10:00:00+00:00"),
        ("4 March 2024 10:00", "2024-03-04T10:00:00+00:00"),
        ("13/4/2024 10:00", "2024-04-13T10:00:00+00:00"),
        ("2024-03-04T10:00:00+14:00", "2024-03-04T10:00:00+14:00"),
    ],
)
def test_times_with_numeric_offsets(text: str, expected: str) -> None:
    assert parse_timestamp(text).isoformat() == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3/4/2024 10:00", "ambiguous (day/month)"),
        ("10:00 04.03.2024", "ambiguous (day/month)"),
        ("2024-03-04 10:00 EST", "time zone 'EST' is ambiguous or unknown"),
        ("2024-03-04 10:00 BST", "time zone 'BST'"),
        ("4 March 2024 10:00 CET", "time zone 'CET'"),
        ("4 March 2024 10:00 pst", "time zone 'pst'"),
        ("4 March 2024 10:00 UTC+2", "UTC+2 is ambiguous"),
        ("4 March 2024 10:00 GMT-3", "GMT-3 is ambiguous"),
        ("2024-03-04T10:00+25:00", "offset beyond ±14:00"),
        ("2024-03-04 10:00 +25:00", "offset beyond ±14:00"),
        ("9999-12-31T23:30:00-05:00", "outside the dates forecastbook handles"),
        ("0001-01-01T00:30:00+01:00", "outside the dates forecastbook handles"),
    ],
)
def test_ambiguous_or_impossible_times_are_refused(text: str, says: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_timestamp(text)
    message = str(caught.value)
    assert message.startswith("--at: ") and says in message
    if "zone" in says or "UTC+" in says or "GMT-" in says:
        assert "e.g. 2026-06-30T14:00:00+02:00" in message  # the ISO form to use


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1799-12-31", "2200-01-01"])
def test_dates_outside_the_range_are_refused(text: str) -> None:
    with pytest.raises(BadInput, match="outside the dates forecastbook handles"):
        parse_date(text, "--as-of")


def test_range_limits_themselves_are_accepted() -> None:
    assert parse_date("1800-01-01") == date(1800, 1, 1)
    assert parse_date("2199-12-31") == date(2199, 12, 31)
    assert parse_timestamp("2199-12-31T23:59:59-14:00").utcoffset() == -timedelta(hours=14)
