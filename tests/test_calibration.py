"""Calibration tables against scikit-learn's calibration_curve, Wilson intervals by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.calibration import calibration_curve

from forecastbook.errors import BadInput
from forecastbook.scoring.calibration import (
    TABLE_COLUMNS,
    calibration_bins,
    calibration_table,
    wilson_interval,
)


@pytest.mark.parametrize("strategy", ["uniform", "quantile", "equal-width"])
@pytest.mark.parametrize("n_bins", [1, 5, 10, 17])
def test_matches_sklearn(strategy: str, n_bins: int) -> None:
    rng = np.random.default_rng(n_bins)
    p = rng.random(400) ** 2  # skewed, so some uniform bins are empty or sparse
    y = (rng.random(400) < p).astype(int)
    table = calibration_bins(y, p, n_bins=n_bins, strategy=strategy)
    sk = "uniform" if strategy == "equal-width" else strategy
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=sk)
    np.testing.assert_allclose(table["observed"], prob_true)
    np.testing.assert_allclose(table["mean_forecast"], prob_pred)
    assert table["count"].sum() == 400
    assert list(table.columns) == list(TABLE_COLUMNS)


def test_edges_are_right_closed_like_sklearn() -> None:
    # 0.1, 0.3 and 0.7 sit on edges: each goes to the bin below, as in calibration_curve
    p = np.array([0.0, 0.1, 0.3, 0.7, 1.0])
    y = np.array([0, 0, 1, 1, 1])
    table = calibration_bins(y, p, n_bins=10)
    assert table["upper"].round(2).tolist() == [0.1, 0.3, 0.7, 1.0]
    assert table["count"].tolist() == [2, 1, 1, 1]
    _, prob_pred = calibration_curve(y, p, n_bins=10)
    np.testing.assert_allclose(table["mean_forecast"], prob_pred)


@pytest.mark.parametrize("n_bins", [3, 7, 10, 20, 100])
def test_edges_are_clean_numbers(n_bins: int) -> None:
    # Issue 13 item 4: JSON shows 0.3, not 0.30000000000000004
    import json
    from fractions import Fraction

    p = np.linspace(0, 1, 301)
    for strategy, denominator in (("equal-width", n_bins), ("centred", 2 * n_bins)):
        table = calibration_bins((p > 0.5).astype(int), p, n_bins=n_bins, strategy=strategy)
        for edge in [*table["lower"], *table["upper"]]:
            # the double nearest to k / denominator, as Python prints it: 0.3, 0.15, 1/7
            k = round(edge * denominator)
            assert edge == float(Fraction(k, denominator)), edge
    assert json.dumps(calibration_bins([1], [0.3], n_bins=10)["upper"].tolist()) == "[0.3]"


def test_centred_bins_hold_round_forecasts_in_their_middle() -> None:
    # Issue 13 item 7: a 70% forecast sits in the 70% bin, not at the edge of (0.6, 0.7]
    p = np.array([0.0, 0.04, 0.05, 0.5, 0.7, 0.7, 0.74, 0.75, 0.96, 1.0])
    y = np.array([0, 0, 0, 1, 1, 0, 1, 1, 1, 1])
    table = calibration_bins(y, p, n_bins=10, strategy="centred")
    assert table["lower"].tolist() == [0.0, 0.05, 0.45, 0.65, 0.75, 0.95]
    assert table["upper"].tolist() == [0.05, 0.15, 0.55, 0.75, 0.85, 1.0]
    assert table["count"].tolist() == [2, 1, 1, 3, 1, 2]
    centre = (table["lower"] + table["upper"]) / 2
    assert table["mean_forecast"].iloc[3] == pytest.approx(centre.iloc[3], abs=0.02)
    # the default stays scikit-learn's: 0.7 at the right edge of (0.6, 0.7]
    assert calibration_bins([1], [0.7])["upper"].tolist() == [0.7]


def test_empty_bins_are_dropped() -> None:
    table = calibration_bins([0, 1], [0.05, 0.95], n_bins=10)
    assert len(table) == 2
    assert table["lower"].round(2).tolist() == [0.0, 0.9]


def test_wilson_by_hand() -> None:
    low, high = wilson_interval([8, 0, 5], [10, 5, 5])
    z2 = 1.959963984540054**2
    np.testing.assert_allclose(low, [0.4901625, 0.0, 5 / (5 + z2)], atol=1e-6)
    np.testing.assert_allclose(high, [0.9433178, z2 / (5 + z2), 1.0], atol=1e-6)


def test_weighted_rows_give_fractional_counts() -> None:
    frame = pd.DataFrame(
        {"y": [1.0, 1.0, 0.0], "p": [0.6, 0.8, 0.2], "weight": [0.5, 0.5, 1.0],
         "status": ["resolved"] * 3}
    )  # fmt: skip
    table = calibration_table(frame, n_bins=2)
    assert table["count"].tolist() == [1.0, 1.0]
    assert table["mean_forecast"].tolist() == pytest.approx([0.2, 0.7])


def test_table_skips_unscored_rows_and_may_be_empty() -> None:
    frame = pd.DataFrame({"y": [np.nan, 1.0], "p": [0.5, 0.5], "status": ["open", "open"]})
    table = calibration_table(frame)
    assert table.empty
    assert list(table.columns) == list(TABLE_COLUMNS)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 1), st.floats(0, 1)), min_size=1, max_size=80),
    st.integers(1, 25),
    st.sampled_from(["equal-width", "centred", "quantile"]),
)
def test_counts_sum_to_n_and_intervals_hold_the_frequency(data, n_bins: int, strategy) -> None:
    y = [a for a, _ in data]
    p = [b for _, b in data]
    table = calibration_bins(y, p, n_bins=n_bins, strategy=strategy)
    assert table["count"].sum() == len(data)
    assert (table["ci_low"] <= table["observed"] + 1e-12).all()
    assert (table["observed"] <= table["ci_high"] + 1e-12).all()
    assert (table["lower"] <= table["mean_forecast"] + 1e-12).all()
    assert (table["mean_forecast"] <= table["upper"] + 1e-12).all()


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"n_bins": 0}, "^n_bins: "),
        ({"strategy": "kmeans"}, "^strategy: 'kmeans'"),
    ],
)
def test_bad_arguments(kwargs, pattern: str) -> None:
    with pytest.raises(BadInput, match=pattern):
        calibration_bins([1], [0.5], **kwargs)
