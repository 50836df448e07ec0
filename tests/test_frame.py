"""Which forecast counts: final, time-averaged, as-of, annulled, conditions, drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecastbook.errors import BadInput
from forecastbook.scoring.frame import (
    COLUMNS,
    _build,
    _build_inferred,
    _rows,
    book_view,
    forecast_frame,
    horizon_bucket,
)
from forecastbook.scoring.scores import score_book
from reliability.forecast_strategies import forecasts
from scoring_helpers import make

RAIN = make(
    "rain",
    [
        ("ann", 0.6, "2025-01-01T09:00:00Z"),
        ("bob", 0.3, "2025-01-02T09:00:00Z"),
        ("ann", 0.8, "2025-01-03T09:00:00Z"),
        ("ann", 0.1, "2025-01-05T13:00:00Z"),  # after the resolution: ignored
    ],
    outcome="yes",
    resolved_at="2025-01-05T12:00:00Z",
)


def test_final_takes_the_last_prediction_before_resolution() -> None:
    frame = forecast_frame([RAIN])
    assert list(frame.columns) == list(COLUMNS)
    assert frame[["forecaster", "p", "y", "weight"]].to_dict("records") == [
        {"forecaster": "ann", "p": 0.8, "y": 1.0, "weight": 1.0},
        {"forecaster": "bob", "p": 0.3, "y": 1.0, "weight": 1.0},
    ]
    assert frame["month"].tolist() == ["2025-01", "2025-01"]


def test_time_averaged_by_hand() -> None:
    # ann: Jan 1-2 at 0.6, Jan 3-4 at 0.8 (resolution day Jan 5 not scored): 4 days
    frame = forecast_frame([RAIN], method="time-averaged")
    ann = frame[frame["forecaster"] == "ann"]
    assert ann[["p", "weight"]].to_dict("records") == [
        {"p": 0.6, "weight": 0.5},
        {"p": 0.8, "weight": 0.5},
    ]
    # bob: Jan 2-4 at 0.3
    assert frame.loc[frame["forecaster"] == "bob", "weight"].tolist() == [1.0]
    by = {
        g["name"]: g for g in score_book([RAIN], method="time-averaged", by="forecaster")["groups"]
    }
    assert by["ann"]["brier"] == pytest.approx((2 * 0.16 + 2 * 0.04) / 4)
    assert by["bob"]["brier"] == pytest.approx(0.49)
    assert by["ann"]["count"] == 1


def test_time_averaged_daily_standing_forecast() -> None:
    # two predictions on Jan 1 (the later stands), one on Jan 4; resolved Jan 11: 10 days
    f = make(
        "q",
        [
            ("ann", 0.2, "2025-01-01T08:00:00Z"),
            ("ann", 0.4, "2025-01-01T20:00:00Z"),
            ("ann", 0.9, "2025-01-04T00:30:00Z"),
        ],
        outcome="no",
        resolved_at="2025-01-11T06:00:00Z",
    )
    result = score_book([f], method="time-averaged")
    assert result["brier"] == pytest.approx((3 * 0.16 + 7 * 0.81) / 10)
    assert result["log_score"] == pytest.approx((3 * np.log(0.6) + 7 * np.log(0.1)) / 10)


def test_time_averaged_same_day_resolution_scores_one_day() -> None:
    f = make(
        "q",
        [("ann", 0.3, "2025-01-01T08:00:00Z"), ("ann", 0.7, "2025-01-01T09:00:00Z")],
        outcome="yes",
        resolved_at="2025-01-01T10:00:00Z",
    )
    frame = forecast_frame([f], method="time-averaged")
    assert frame[["p", "weight"]].to_dict("records") == [{"p": 0.7, "weight": 1.0}]


def test_as_of_by_hand() -> None:
    early = make("early", [("ann", 0.9, "2025-01-02T00:00:00Z")], outcome="yes",
                 resolved_at="2025-02-01T00:00:00Z")  # fmt: skip
    late = make(
        "late",
        [("ann", 0.2, "2025-01-02T00:00:00Z"), ("ann", 0.7, "2025-03-02T00:00:00Z")],
        outcome="yes",
        resolved_at="2025-04-01T00:00:00Z",
    )
    revised = make(
        "revised",
        [("ann", 0.3, "2025-01-02T00:00:00Z"), ("ann", 0.95, "2025-03-01T12:00:00Z")],
        outcome="yes",
        resolved_at="2025-03-01T18:00:00Z",
    )
    unborn = make("unborn", [("ann", 0.5, "2025-06-02T00:00:00Z")], created="2025-06-01")
    book = [early, late, revised, unborn]
    # as of 1 March: early and revised resolved (the end of the day counts), late open
    result = score_book(book, as_of=date(2025, 3, 1))
    assert result["count"] == 2
    assert result["open"] == 1
    assert result["brier"] == pytest.approx((0.01 + 0.0025) / 2)
    # as of 28 February: revised was still open, and its 1 March prediction did not exist
    frame = forecast_frame(book, as_of="2025-02-28")
    assert set(frame["question_id"]) == {"early", "late", "revised"}
    rows = frame.set_index("question_id")
    assert rows.loc["revised", "status"] == "open"
    assert rows.loc["revised", "p"] == 0.3
    assert rows.loc["late", "p"] == 0.2
    # an exact moment
    moment = datetime(2025, 3, 1, 15, 0, tzinfo=UTC)
    assert (
        forecast_frame(book, as_of=moment).set_index("question_id").loc["revised", "status"]
        == "open"
    )


def test_annulled_conditions_and_drafts() -> None:
    t = "2025-01-02T00:00:00Z"
    war = make("war", [("ann", 0.3, t)], outcome="no")
    if_war = make(
        "if-war", [("ann", 0.9, t)], outcome="yes", condition={"id": "war", "outcome": "yes"}
    )
    if_peace = make("if-peace", [("ann", 0.9, t)], outcome="yes",
                    condition={"id": "war", "outcome": "no"})  # fmt: skip
    pending = make("pending", [("ann", 0.9, t)], outcome="yes",
                   condition={"id": "open-q", "outcome": "yes"})  # fmt: skip
    open_q = make("open-q", [("ann", 0.5, t)])
    void = make("void", [("ann", 0.5, t)], outcome="annulled")
    draft = make("draft", [("ann", 0.5, t)], draft=True)
    frame = forecast_frame([war, if_war, if_peace, pending, open_q, void, draft])
    status = dict(zip(frame["question_id"], frame["status"], strict=True))
    assert status == {
        "war": "resolved",
        "if-war": "annulled",
        "if-peace": "resolved",
        "pending": "open",
        "open-q": "open",
        "void": "annulled",
    }
    result = score_book([war, if_war, if_peace, pending, open_q, void, draft])
    assert (result["count"], result["open"], result["annulled"]) == (2, 2, 2)


def test_condition_settled_by_the_wider_book() -> None:
    t = "2025-01-02T00:00:00Z"
    war = make("war", [("ann", 0.3, t)], outcome="no")
    if_war = make(
        "if-war", [("ann", 0.9, t)], outcome="yes", condition={"id": "war", "outcome": "yes"}
    )
    assert forecast_frame([if_war])["status"].tolist() == ["open"]
    assert forecast_frame([if_war], book={"war": war})["status"].tolist() == ["annulled"]


def test_multiple_choice_rows() -> None:
    f = make("mc", [("ann", {"a": 0.7, "b": 0.3}, "2025-01-02T00:00:00Z")], options=["a", "b"],
             outcome="b")  # fmt: skip
    row = forecast_frame([f]).iloc[0]
    assert row["kind"] == "multiple_choice"
    assert np.isnan(row["p"]) and np.isnan(row["y"])
    assert row["probabilities"] == {"a": 0.7, "b": 0.3}
    assert row["outcome"] == "b"


def test_horizon_is_one_lead_time_scheme_whatever_the_label() -> None:
    # Issue 13 item 9: a typed label ("by 2027") no longer mixes with computed buckets.
    t = "2025-01-02T00:00:00Z"
    labelled = make("a", [("ann", 0.5, t)], outcome="yes", horizon="by 2027",
                    resolved_at="2025-09-01T00:00:00Z")  # fmt: skip
    plain = make("b", [("ann", 0.5, t)], outcome="yes", resolved_at="2025-01-20T00:00:00Z")
    frame = forecast_frame([labelled, plain])
    assert frame["horizon"].tolist() == ["6-12 months", "< 1 month"]
    assert frame["horizon_days"].iloc[1] == pytest.approx(18)
    assert horizon_bucket(None) is None
    groups = score_book([labelled, plain], by="horizon")["groups"]
    assert [g["name"] for g in groups] == ["< 1 month", "6-12 months"]  # by lead time


def test_bad_method_is_named() -> None:
    with pytest.raises(BadInput, match=r"^method: 'mean' is not one of final, time-averaged"):
        forecast_frame([], method="mean")


def test_empty_frame_has_the_columns() -> None:
    frame = forecast_frame([])
    assert frame.empty
    assert list(frame.columns) == list(COLUMNS)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    book=st.lists(st.integers(0, 10**6), min_size=0, max_size=6, unique=True).flatmap(
        lambda ns: st.tuples(*(forecasts(f"q{n}") for n in ns))
    ),
    method=st.sampled_from(["final", "time-averaged"]),
)
def test_typed_build_equals_pandas_inference(book: tuple[object, ...], method: str) -> None:
    """The frame's columns are built by hand for speed; pandas' own inference is the reference."""
    view = book_view(book)
    rows = [
        row for f in sorted(view.values(), key=lambda f: f.id) for row in _rows(f, view, method)
    ]
    fast, inferred = _build(rows), _build_inferred(rows)
    pd.testing.assert_frame_equal(fast, inferred, check_exact=True)
    assert list(fast.dtypes) == list(inferred.dtypes)
