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


@pytest.mark.parametrize("strategy", ["uniform", "quantile"])
@pytest.mark.parametrize("n_bins", [1, 5, 10, 17])
def test_matches_sklearn(strategy: str, n_bins: int) -> None:
    rng = np.random.default_rng(n_bins)
    p = rng.random(400) ** 2  # skewed, so some uniform bins are empty or sparse
    y = (rng.random(400) < p).astype(int)
    table = calibration_bins(y, p, n_bins=n_bins, strategy=strategy)
    prob_true, prob_pred = calibration_curve(y, p, n_bins=n_bins, strategy=strategy)
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
)
def test_counts_sum_to_n_and_intervals_hold_the_frequency(data, n_bins: int) -> None:
    y = [a for a, _ in data]
    p = [b for _, b in data]
    table = calibration_bins(y, p, n_bins=n_bins)
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
