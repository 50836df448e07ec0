"""The report's numbers (from the scoring functions) and its Markdown summary."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.format.models import Forecast
from forecastbook.report import tables as report
from forecastbook.report.formatting import md_text
from forecastbook.scoring.calibration import calibration_table
from forecastbook.scoring.frame import forecast_frame
from forecastbook.scoring.scores import score_book, summary
from reportbook import forecasts

GOLDEN = Path(__file__).parent / "golden" / "report.md"


@pytest.fixture(scope="module")
def book() -> list[Forecast]:
    return forecasts(60, open_=4, forecasters=("ann", "bob"), multiple_choice=3)


@pytest.mark.parametrize("binning", ["centred", "equal-width"])
def test_scores_are_those_of_score_json(book: list[Forecast], binning: str) -> None:
    data = report.report_data(book, bins=8, by="forecaster", binning=binning)
    expected = score_book(book, bins=8, by="forecaster", binning=binning)
    for key, value in expected.items():
        if key in ("conventions", "groups"):
            continue
        assert data.scores[key] == value, key
    assert [g["forecaster"] for g in data.scores["groups"]] == [
        g["name"] for g in expected["groups"]
    ]
    pd.testing.assert_frame_equal(
        data.calibration, pd.DataFrame.from_records(expected["calibration"])
    )


def test_calibration_is_the_calibration_table(book: list[Forecast]) -> None:
    data = report.report_data(book, method="time-averaged")
    frame = forecast_frame(book, method="time-averaged")
    pd.testing.assert_frame_equal(
        data.calibration,
        calibration_table(frame[frame["y"].notna()], strategy="centred"),
        check_dtype=False,
    )


def test_series_are_the_calibration_tables_of_each_group(book: list[Forecast]) -> None:
    data = report.report_data(book, by="forecaster")
    frame = forecast_frame(book)
    assert list(data.series) == ["ann", "bob"]
    for name, table in data.series.items():
        expected = calibration_table(frame[frame["forecaster"] == name], strategy="centred")
        pd.testing.assert_frame_equal(table, expected)
    assert set(data.series_labels()) == {"ann", "bob"}
    assert data.series_labels()["ann"].startswith("ann\nn=63, Brier ")


def test_tags_count_a_question_under_each_tag() -> None:
    items = forecasts(12)
    items[0] = items[0].model_copy(update={"tags": ["alpha", "beta"]})
    items[1] = items[1].model_copy(update={"tags": []})
    tables = report.group_calibration(forecast_frame(items), "tag", n_bins=5)
    counts = {name: int(t["count"].sum()) for name, t in tables.items()}
    # q0000 is alpha and beta, q0001 (was beta) has none; largest first, ties by name
    assert counts == {"alpha": 4, "beta": 4, "gamma": 4, "(none)": 1}
    assert list(counts) == ["alpha", "beta", "gamma", "(none)"]


def test_running_brier_ends_at_the_books_brier(book: list[Forecast]) -> None:
    frame = forecast_frame(book)
    running = report.running_brier(frame)
    assert running["date"].is_monotonic_increasing
    assert running["count"].iloc[-1] == summary(frame)["count"]
    assert running["questions"].iloc[-1] == 63
    assert running["brier"].iloc[-1] == pytest.approx(summary(frame)["brier"], abs=1e-12)
    first_day = frame[frame["status"] == "resolved"]["resolved_at"].min().floor("D")
    assert running["date"].iloc[0] == first_day


def test_running_brier_hand_computed() -> None:
    items = forecasts(3)
    frame = forecast_frame(items)
    rows = frame.sort_values("resolved_at")
    losses = (rows["p"] - rows["y"]) ** 2
    running = report.running_brier(frame)
    np.testing.assert_allclose(running["brier"], losses.cumsum() / np.arange(1, 4))


def test_worst_forecasts_are_the_largest_brier_losses() -> None:
    frame = forecast_frame(forecasts(30, forecasters=("ann", "bob")))
    worst = report.worst_forecasts(frame, n=5)
    losses = ((frame["p"] - frame["y"]) ** 2).to_numpy()
    assert len(worst) == 5
    np.testing.assert_allclose(worst["brier"], np.sort(losses)[::-1][:5])
    np.testing.assert_allclose(worst["share"], worst["brier"] / losses.sum())
    for row in worst.itertuples():
        source = frame[
            (frame["question_id"] == row.question_id) & (frame["forecaster"] == row.forecaster)
        ]
        p = float(source["p"].iloc[0])
        assert row.given == pytest.approx(p if row.outcome == "yes" else 1 - p)


def test_worst_multiple_choice_gives_the_probability_of_the_outcome() -> None:
    worst = report.worst_forecasts(forecast_frame(forecasts(0, multiple_choice=3)))
    given = dict(zip(worst["outcome"], worst["given"], strict=True))
    assert given == {"a": 0.5, "b": 0.3, "c": 0.2}
    assert worst["outcome"].tolist() == ["c", "b", "a"]  # worst (lowest given) first


def test_time_averaged_rows_count_once_in_worst() -> None:
    item = Forecast.model_validate(
        {
            "id": "rain",
            "question": "Rain?",
            "created": "2025-01-01",
            "predictions": [
                {"at": "2025-01-01T09:00:00Z", "by": "ann", "p": 0.2},
                {"at": "2025-01-03T09:00:00Z", "by": "ann", "p": 0.6},
            ],
            "resolution": {"outcome": "yes", "at": "2025-01-05T12:00:00Z"},
        }
    )
    worst = report.worst_forecasts(forecast_frame([item], method="time-averaged"))
    assert len(worst) == 1
    # half the days at 0.2 (loss 0.64), half at 0.6 (loss 0.16)
    assert worst["brier"].iloc[0] == pytest.approx(0.4)
    assert worst["given"].iloc[0] == pytest.approx(0.4)
    assert worst["share"].iloc[0] == pytest.approx(1.0)


def test_few_resolved_still_reports_and_says_so() -> None:
    data = report.report_data(forecasts(4, open_=2))
    assert data.few and data.binary_count == 4
    assert data.note() == (
        "Only 4 resolved yes/no forecasts: too few to show calibration "
        "(see how wide the intervals are)."
    )
    assert data.running is None
    assert "(4 resolved so far)" in data.running_message()
    one = report.report_data(forecasts(1))
    assert one.note().startswith("Only 1 resolved yes/no forecast:")


def test_enough_resolved_has_no_note_and_a_running_line(book: list[Forecast]) -> None:
    data = report.report_data(book)
    assert not data.few and data.note() is None
    assert data.running is not None and (data.running["questions"] >= report.FEW).all()


def test_only_multiple_choice_resolved() -> None:
    data = report.report_data(forecasts(0, open_=1, multiple_choice=2))
    assert data.calibration.empty
    assert data.note().startswith("No resolved yes/no forecasts")
    assert data.figure_kwargs()["reference"] is None


def test_nothing_resolved_says_how_many_are_open_and_when_next_due() -> None:
    with pytest.raises(report.NothingToReport) as caught:
        report.report_data(forecasts(0, open_=3), today=date(2026, 6, 5))
    assert str(caught.value) == (
        "nothing to report: no question has resolved yet; 3 open, 1 past its resolve-by "
        "date (earliest 2026-06-01: q0000; record outcomes with `forecastbook resolve`), "
        "next due 2026-06-08 (q0001)"
    )
    assert isinstance(caught.value, ForecastbookError)
    with pytest.raises(report.NothingToReport, match=r"3 open, next due 2026-06-01 \(q0000\)$"):
        report.report_data(forecasts(0, open_=3), today=date(2026, 1, 1))
    with pytest.raises(report.NothingToReport, match="the book has no questions"):
        report.report_data([])


def test_as_of_cuts_the_book(book: list[Forecast]) -> None:
    data = report.report_data(book, as_of=date(2025, 5, 1))
    assert data.as_of == date(2025, 5, 1) == data.dated
    assert data.last_resolved <= date(2025, 5, 1)
    expected = score_book(book, as_of=date(2025, 5, 1), binning="centred")
    assert data.scores["count"] == expected["count"] < 60
    assert data.scores["brier"] == expected["brier"]
    assert data.scores["calibration"] == expected["calibration"]
    assert "as of 2025-05-01" in data.subtitle()
    assert "--as-of 2025-05-01" in data.command()


def test_title_names_book_method_dates(book: list[Forecast]) -> None:
    data = report.report_data(book, book="mine", method="time-averaged", by="tag")
    assert data.title() == "Calibration report: mine"
    sub = data.subtitle()
    assert sub.startswith("method: time-averaged  \u00b7  by tag  \u00b7  resolved 2025-")
    assert sub.endswith("(latest entry)")


def test_bad_arguments_are_named() -> None:
    items = forecasts(2)
    with pytest.raises(BadInput, match=r"^by: 'colour' is not one of forecaster, tag, group, "):
        report.report_data(items, by="colour")
    with pytest.raises(BadInput, match=r"^binning: 'round' is not one of equal-width, centred$"):
        report.report_data(items, binning="round")
    with pytest.raises(BadInput, match=r"^bins: must be a positive whole number, got 0$"):
        report.report_data(items, bins=0)
    with pytest.raises(BadInput, match=r"^method: "):
        report.report_data(items, method="best")


def test_book_name_is_the_folders_name() -> None:
    assert report.book_name(Path("forecasts")) == "forecasts"
    assert report.book_name(Path("tmp/nb2")) == "nb2"
    assert report.book_name(Path("/srv/books/team/trump-nato")) == "trump-nato"
    assert report.book_name(Path(".")) == Path.cwd().name


def test_markdown_tables_escape_pipes() -> None:
    text = report.markdown_table(["a"], [[md_text("x|y\nz")]], "l")
    assert text.splitlines()[-1] == "| x\\|y z |"


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![](http://tracker.example/p.png)",
    "[click](javascript:alert(1))",
    "a|b\n# heading",
    "$\\frac{}$ *bold* _it_ `code`",
]


@pytest.mark.parametrize("by", ["forecaster", "group", "tag"])
def test_summary_escapes_every_user_string(by: str) -> None:
    # Issue 16 item 4: names, tags, groups, questions, outcomes and the book's name
    items = forecasts(12, forecasters=HOSTILE[:3], multiple_choice=2)
    items = [
        f.model_copy(
            update={
                "group": HOSTILE[i % 6],
                "tags": [HOSTILE[(i + 1) % 6]],
                "question": HOSTILE[(i + 2) % 6],
            }
        )
        for i, f in enumerate(items)
    ]
    data = report.report_data(items, book=HOSTILE[0], by=by, skipped=[HOSTILE[1]])
    text = report.summary_markdown(data)
    for raw in ("<script", "<img", "](http", "](javascript", "$\\frac", "*bold*", "`code`"):
        assert raw not in text, raw
    assert "&lt;script&gt;" in text
    # every table row keeps its columns: no user "|" or line break splits a cell
    for table in [b for b in text.split("\n\n") if b.startswith("| ")]:
        widths = {line.replace("\\|", "").count("|") for line in table.splitlines()}
        assert len(widths) == 1, table


def test_missing_numbers_read_the_same_everywhere() -> None:
    # Issue 12 item 4: one formatter, one mark for a missing number
    from forecastbook.report.formatting import MISSING, number
    from forecastbook.report.text import format_scores

    only_mc = report.report_data(forecasts(0, open_=1, multiple_choice=2))
    rows = {name: value for name, value, _ in report.score_rows(only_mc.scores)}
    assert rows["Skill vs base rate"] == rows["Reliability"] == MISSING == "n/a"
    assert "| Reliability | n/a |" in report.summary_markdown(only_mc)
    text = format_scores(score_book(forecasts(0, open_=1, multiple_choice=2)))
    assert "Skill vs base rate          n/a" in text
    assert number(None) == number(float("nan")) == MISSING


def test_summary_markdown_golden(book: list[Forecast]) -> None:
    text = report.summary_markdown(
        report.report_data(book, book="golden", by="forecaster", crowd="all")
    )
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(text)
    assert text == GOLDEN.read_text()


def test_summary_markdown_sections(book: list[Forecast]) -> None:
    data = report.report_data(forecasts(5, open_=1))
    text = report.summary_markdown(data, figure="cal.svg")
    assert text.startswith("# Calibration report: forecasts\n")
    assert "bins centred on 0%, 10%, ..., 100%" in text
    assert "| 50% (0.45-0.55) |" in text or "| 40% (0.35-0.45) |" in text
    assert "![Calibration report](cal.svg)" in text
    assert "> **Only 5 resolved yes/no forecasts" in text
    for heading in ("## Scores", "## Calibration", "## Questions that hurt the score most"):
        assert heading in text
    assert "## By " not in text
    assert "`q000" in text and "Will test event number" in text
    assert report.summary_markdown(data, figure=None).count("![") == 0


def test_tags_overlap_so_sharpness_is_not_stacked(book: list[Forecast]) -> None:
    assert report.report_data(book, by="tag").figure_kwargs()["stack_sharpness"] is False
    assert report.report_data(book, by="group").figure_kwargs()["stack_sharpness"] is True
