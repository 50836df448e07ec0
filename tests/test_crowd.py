"""Aggregate forecasters (`forecastbook.scoring.crowd`) and how the frame scores them."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecastbook.errors import BadInput
from forecastbook.scoring.crowd import (
    aggregate_binary,
    aggregate_choice,
    check_aggregates,
    check_extremize,
    crowd_predictions,
    current_crowd,
)
from forecastbook.scoring.frame import forecast_frame
from forecastbook.scoring.scores import score_book
from scoring_helpers import make

probability = st.floats(0.001, 0.999, allow_nan=False)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def expit(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_binary_aggregates_by_hand() -> None:
    out = aggregate_binary([[0.2, 0.5, 0.9, np.nan]], extremize=2.0)
    mean_logit = (logit(0.2) + logit(0.5) + logit(0.9)) / 3
    assert out["median"][0] == pytest.approx(0.5)
    assert out["mean"][0] == pytest.approx(1.6 / 3)
    assert out["logodds"][0] == pytest.approx(expit(mean_logit))
    # the geometric mean of the odds is the same thing
    odds = (0.25 * 1.0 * 9.0) ** (1 / 3)
    assert out["logodds"][0] == pytest.approx(odds / (1 + odds))
    assert out["extremized"][0] == pytest.approx(expit(2 * mean_logit))


def test_one_forecaster_is_no_crowd() -> None:
    out = aggregate_binary([[0.3, np.nan], [0.3, 0.6]])
    assert math.isnan(out["median"][0]) and out["median"][1] == pytest.approx(0.45)
    assert aggregate_choice([{"a": 0.5, "b": 0.5}], ["a", "b"]) == {}


def test_multiple_choice_is_the_normalised_geometric_mean() -> None:
    forecasts = [{"a": 0.6, "b": 0.3, "c": 0.1}, {"a": 0.2, "b": 0.4, "c": 0.4}]
    out = aggregate_choice(forecasts, ["a", "b", "c"], extremize=1.5)
    geo = {k: math.sqrt(forecasts[0][k] * forecasts[1][k]) for k in "abc"}
    total = sum(geo.values())
    assert out["logodds"] == pytest.approx({k: v / total for k, v in geo.items()})
    ext = {k: v**1.5 for k, v in geo.items()}
    assert out["extremized"] == pytest.approx({k: v / sum(ext.values()) for k, v in ext.items()})
    assert out["mean"] == pytest.approx({"a": 0.4, "b": 0.35, "c": 0.25})
    assert out["median"] == pytest.approx({"a": 0.4, "b": 0.35, "c": 0.25})
    for value in out.values():
        assert sum(value.values()) == pytest.approx(1.0)


@given(p=probability, n=st.integers(2, 8))
def test_identical_forecasts_aggregate_to_themselves(p: float, n: int) -> None:
    out = aggregate_binary([[p] * n], aggregates=("median", "mean", "logodds"))
    for value in out.values():
        assert value[0] == pytest.approx(p, rel=1e-9, abs=1e-12)


@given(ps=st.lists(probability, min_size=2, max_size=8), a=st.floats(1.0, 5.0))
def test_extremizing_moves_away_from_half_never_across(ps: list[float], a: float) -> None:
    out = aggregate_binary([ps], extremize=a)
    base, ext = out["logodds"][0], out["extremized"][0]
    assert (ext - 0.5) * (base - 0.5) >= 0  # same side of 50%
    assert abs(ext - 0.5) >= abs(base - 0.5) - 1e-12
    if a > 1 and len(set(ps)) == 1 and abs(ps[0] - 0.5) > 1e-3:
        assert abs(ext - 0.5) > abs(base - 0.5)  # even a unanimous crowd moves


def test_options_are_checked() -> None:
    assert check_aggregates(["crowd:median", "logodds"]) == ("median", "logodds")
    with pytest.raises(BadInput, match=r"^crowd: 'mode' is not one of all, none, median"):
        check_aggregates("mode")
    with pytest.raises(BadInput, match=r"^extremize: must be a number >= 1"):
        check_extremize(0.5)


RAIN = make(
    "rain",
    [
        ("ann", 0.6, "2025-01-01T09:00:00Z"),
        ("bob", 0.8, "2025-01-03T09:00:00Z"),
        ("ann", 0.7, "2025-01-05T09:00:00Z"),
        ("ann", 0.9, "2025-01-05T18:00:00Z"),
        ("bob", 0.1, "2025-01-12T09:00:00Z"),  # after the resolution: never counts
    ],
    outcome="yes",
    resolved_at="2025-01-10T12:00:00Z",
)


def test_crowd_follows_the_standing_forecasts() -> None:
    series = crowd_predictions(RAIN, aggregates=("mean",))["crowd:mean"]
    # no crowd on day 1 (ann alone); then 0.6 & 0.8; day 5 ends with 0.9 & 0.8
    assert [(p.at.day, round(p.p or 0, 6)) for p in series] == [(3, 0.7), (5, 0.85)]
    final = crowd_predictions(RAIN, aggregates=("mean",), method="final")["crowd:mean"]
    assert [round(p.p or 0, 6) for p in final] == [0.85]


def test_crowd_is_scored_like_a_forecaster() -> None:
    frame = forecast_frame([RAIN], crowd=("median",))
    row = frame[frame["forecaster"] == "crowd:median"].iloc[0]
    assert row["p"] == pytest.approx(0.85) and row["weight"] == 1.0
    averaged = forecast_frame([RAIN], method="time-averaged", crowd=("median",))
    rows = averaged[averaged["forecaster"] == "crowd:median"]
    # days 3-4 at 0.7 and 5-9 at 0.85: weights 2/7 and 5/7 of the crowd's own days
    assert rows["p"].round(6).tolist() == [0.7, 0.85]
    assert rows["weight"].tolist() == pytest.approx([2 / 7, 5 / 7])


def test_single_forecaster_question_has_no_crowd() -> None:
    alone = make("alone", [("ann", 0.6, "2025-01-01T09:00:00Z")], outcome="yes")
    frame = forecast_frame([alone], crowd=("median", "mean"))
    assert set(frame["forecaster"]) == {"ann"}
    assert current_crowd(alone) == {"forecasters": 1, "aggregates": {}}


def test_aggregates_stay_out_of_the_book_scores() -> None:
    other = make(
        "snow", [("ann", 0.2, "2025-01-01T09:00:00Z"), ("bob", 0.4, "2025-01-02T09:00:00Z")],
        outcome="no",
    )  # fmt: skip
    plain = score_book([RAIN, other], by="forecaster")
    crowd = score_book([RAIN, other], by="forecaster", crowd="all")
    for key in ("count", "brier", "log_score", "calibration", "reliability"):
        assert crowd[key] == plain[key], key
    names = {g["name"] for g in crowd["groups"]}
    assert names == {"ann", "bob", "crowd:median", "crowd:mean", "crowd:logodds",
                     "crowd:extremized"}  # fmt: skip
    assert crowd["crowd"][0] == "crowd:median" and crowd["extremize"] == 1.73


def test_vs_accepts_an_aggregate() -> None:
    result = score_book([RAIN], vs="crowd:median", crowd=("median",))
    rows = {r["opponent"]: r for r in result["vs"]}
    assert set(rows) == {"ann", "bob"}
    assert rows["ann"]["brier"] == pytest.approx((0.85 - 1) ** 2)
    assert rows["ann"]["opponent_brier"] == pytest.approx(0.01)
    assert rows["bob"]["opponent_brier"] == pytest.approx(0.04)


def test_multiple_choice_crowd_in_the_frame() -> None:
    q = make(
        "pick",
        [("ann", {"a": 0.5, "b": 0.5}, "2025-01-01T09:00:00Z"),
         ("bob", {"a": 0.9, "b": 0.1}, "2025-01-02T09:00:00Z")],
        options=["a", "b"], outcome="a",
    )  # fmt: skip
    frame = forecast_frame([q], crowd=("logodds",))
    row = frame[frame["forecaster"] == "crowd:logodds"].iloc[0]
    assert row["probabilities"] == pytest.approx({"a": 0.75, "b": 0.25})


@given(ps=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=9), a=st.floats(1.0, 4.0))
def test_final_and_daily_paths_agree(ps: list[float], a: float) -> None:
    from forecastbook.scoring.crowd import _aggregate_one

    one = _aggregate_one(ps, ("median", "mean", "logodds", "extremized"), a)
    many = aggregate_binary([ps], extremize=a)
    for name, value in one.items():
        assert value == pytest.approx(float(many[name][0]), rel=1e-9, abs=1e-12)
