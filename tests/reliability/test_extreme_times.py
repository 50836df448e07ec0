"""Issue 16, item 8: a file that `validate` accepts never makes a command crash.

Times at the edges of what validation accepts (1800-01-01 to 2199-12-31, offsets up to
±14:00) used to pass validation and then overflow in the scoring frame for the whole book
(`9999-12-31T23:30:00-05:00`). Every read command on any book that validates exits 0 or
with one line naming the problem, and times outside the range are refused up front.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from forecast_strategies import fuzz_settings
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from forecastbook.cli import app
from forecastbook.format.limits import EARLIEST, LATEST
from forecastbook.format.models import Forecast, dump_forecast

zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14)),
     timezone(timedelta(hours=5, minutes=45)), timezone(timedelta(hours=-9, minutes=30))]
)  # fmt: skip
days = st.one_of(
    st.sampled_from([EARLIEST, LATEST, EARLIEST + timedelta(days=1), LATEST - timedelta(days=1)]),
    st.dates(min_value=EARLIEST, max_value=LATEST),
)
moments = st.builds(
    lambda day, at, zone: datetime.combine(day, at, tzinfo=zone),
    days,
    st.sampled_from([time(0, 0), time(0, 30), time(12, 0), time(23, 30), time(23, 59, 59)]),
    zones,
)


@st.composite
def books(draw: st.DrawFn) -> list[Forecast]:
    """One to three questions with times anywhere validation allows."""
    found = []
    for i in range(draw(st.integers(1, 3))):
        created = draw(days)
        preds = [
            {"at": m.isoformat(), "by": draw(st.sampled_from(["a", "b"])), "p": p}
            for m, p in draw(
                st.lists(st.tuples(moments, st.sampled_from([0.0, 0.3, 1.0])), max_size=3)
            )
        ]
        data: dict[str, object] = {
            "id": f"q{i}",
            "question": f"Question {i}?",
            "created": created.isoformat(),
            "predictions": preds,
        }
        if draw(st.booleans()):
            data["resolve_by"] = draw(days).isoformat()
        if draw(st.booleans()):
            outcome = draw(st.sampled_from(["yes", "no", "annulled"]))
            data["resolution"] = {"outcome": outcome, "at": draw(moments).isoformat()}
        try:
            found.append(Forecast.model_validate(data))
        except ValidationError:
            assume(False)
    return found


READ_COMMANDS = [
    ["list"],
    ["list", "--json"],
    ["due"],
    ["show", "q0"],
    ["validate"],
    ["score"],
    ["score", "--json", "--by", "month"],
    ["score", "--method", "time-averaged"],
    ["score", "--as-of", EARLIEST.isoformat()],
    ["score", "--as-of", LATEST.isoformat()],
    ["score", "--csv"],
    ["export"],
    ["export", "--format", "json"],
]


@fuzz_settings(40)
@given(forecasts=books())
def test_every_read_command_on_a_valid_book_exits_cleanly(
    tmp_path_factory: pytest.TempPathFactory, forecasts: list[Forecast]
) -> None:
    book = tmp_path_factory.mktemp("extreme") / "forecasts"
    book.mkdir()
    for forecast in forecasts:
        text = yaml.safe_dump(dump_forecast(forecast), sort_keys=False)
        (book / f"{forecast.id}.yaml").write_text(text)
    runner = CliRunner()
    for args in READ_COMMANDS:
        result = runner.invoke(app, ["--book", str(book), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            args,
            result.exc_info,
        )
        assert result.exit_code in (0, 1), (args, result.output)
        if result.exit_code == 1:
            assert result.stderr.startswith("Error: ") or args == ["validate"], result.stderr
            assert "Traceback" not in result.output
            if args != ["validate"]:
                assert result.stderr.count("\n") == 1, (args, result.stderr)


def test_report_at_the_edges_of_the_range(fb, book_dir: Path, tmp_path: Path) -> None:
    first = "1800-01-01T00:30:00+14:00"  # 1799-12-31 in UTC: before the range in UTC
    result = fb("add", "Old?", "--p", "0.3", "--id", "old", "--at", first)
    assert result.exit_code == 1 and "outside the dates" in result.stderr
    fb("add", "Old?", "--p", "0.3", "--id", "old", "--at", "1800-01-02T00:30:00+14:00")
    fb("resolve", "old", "no", "--at", "1800-01-03")
    fb("add", "Late?", "--p", "0.6", "--id", "late", "--at", "2025-01-01")
    fb("update", "late", "--p", "0.7", "--at", "2025-06-30T23:30:00-14:00")
    fb("resolve", "late", "yes", "--at", "2025-12-31")
    for method in ("final", "time-averaged"):
        result = fb("report", "--out", str(tmp_path / f"{method}.png"), "--method", method)
        assert result.exit_code == 0, result.output
    result = fb("score", "--as-of", "9999-12-31")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "outside the dates forecastbook handles" in result.stderr


def test_a_file_past_the_range_is_one_problem_not_a_crash(fb, book_dir: Path) -> None:
    (book_dir / "far.yaml").write_text(
        "id: far\nquestion: Far?\ncreated: 2024-01-01\npredictions:\n"
        "- at: '9999-12-31T23:30:00-05:00'\n  by: a\n  p: 0.5\n"
    )
    result = fb("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{book_dir / 'far.yaml'}:5: predictions[0].at: ")
    assert "outside the dates forecastbook handles" in result.stdout
    result = fb("score")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert fb("score", "--skip-invalid").exit_code == 0
