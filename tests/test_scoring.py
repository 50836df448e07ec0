"""Scores against scikit-learn, hand-computed cases, and hypothesis invariants."""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import brier_score_loss, log_loss

from forecastbook.errors import BadInput
from forecastbook.scoring.frame import forecast_frame
from forecastbook.scoring.scores import (
    base_rate,
    brier_loss,
    brier_skill_score,
    certain_wrong_count,
    head_to_head,
    log_score,
    multiple_choice_brier_loss,
    murphy_decomposition,
    row_scores,
    score_book,
    score_by,
    summary,
)
from scoring_helpers import make

probs = st.floats(0, 1, allow_nan=False)
pairs = st.lists(st.tuples(st.integers(0, 1), probs), min_size=1, max_size=60)


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20250601)


# -- against scikit-learn ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 7, 1000])
def test_brier_matches_sklearn(rng: np.random.Generator, n: int) -> None:
    y = rng.integers(0, 2, n)
    p = rng.random(n)
    w = rng.random(n) + 0.1
    assert brier_loss(y, p) == pytest.approx(brier_score_loss(y, p, pos_label=1))
    assert brier_loss(y, p, sample_weight=w) == pytest.approx(
        brier_score_loss(y, p, sample_weight=w, pos_label=1)
    )
    assert brier_loss(y, p, scale=2) == pytest.approx(2 * brier_score_loss(y, p, pos_label=1))


def test_log_score_matches_sklearn(rng: np.random.Generator) -> None:
    y = rng.integers(0, 2, 500)
    y[:2] = [0, 1]
    p = rng.uniform(0.01, 0.99, 500)
    w = rng.random(500)
    assert log_score(y, p) == pytest.approx(-log_loss(y, p, labels=[0, 1]))
    assert log_score(y, p, sample_weight=w) == pytest.approx(
        -log_loss(y, p, sample_weight=w, labels=[0, 1])
    )


def test_frame_scores_match_sklearn(rng: np.random.Generator) -> None:
    forecasts = []
    ys, ps = [], []
    for i in range(200):
        p = round(float(rng.uniform(0.01, 0.99)), 3)
        outcome = "yes" if rng.random() < 0.4 else "no"
        forecasts.append(make(f"q{i}", [("ann", p, "2025-02-01T00:00:00Z")], outcome=outcome))
        ys.append(outcome == "yes")
        ps.append(p)
    result = score_book(forecasts)
    assert result["count"] == 200
    assert result["brier"] == pytest.approx(brier_score_loss(ys, ps))
    assert result["log_score"] == pytest.approx(-log_loss(ys, ps))
    base = np.mean(ys)
    assert result["base_rate"] == pytest.approx(base)
    assert result["brier_skill_vs_half"] == pytest.approx(1 - brier_score_loss(ys, ps) / 0.25)
    assert result["brier_skill_vs_base_rate"] == pytest.approx(
        1 - brier_score_loss(ys, ps) / (base * (1 - base))
    )


# -- hand-computed ---------------------------------------------------------------------------


def test_multiple_choice_brier_by_hand() -> None:
    # options a, b, c; c happened: (0.5)^2 + (0.3)^2 + (0.2 - 1)^2 = 0.25 + 0.09 + 0.64
    assert multiple_choice_brier_loss([2], [[0.5, 0.3, 0.2]]) == pytest.approx(0.98)
    f = make(
        "mc",
        [("ann", {"a": 0.5, "b": 0.3, "c": 0.2}, "2025-02-01T00:00:00Z")],
        options=["a", "b", "c"],
        outcome="c",
    )
    result = score_book([f], scale=2)
    assert result["brier"] == pytest.approx(0.98)
    assert result["brier_multiple_choice"] == pytest.approx(0.98)
    assert result["brier_binary"] is None
    assert result["log_score"] == pytest.approx(math.log(0.2))
    # uniform reference over 3 options: (2/3)^2 + 2 * (1/3)^2 = 2/3
    assert result["brier_reference"] == pytest.approx(2 / 3)
    assert result["log_score_reference"] == pytest.approx(-math.log(3))
    assert result["brier_skill_vs_half"] == pytest.approx(1 - 0.98 / (2 / 3))
    # the default 0-1 scale halves every term, the skill stays
    result = score_book([f])
    assert result["brier"] == result["brier_multiple_choice"] == pytest.approx(0.49)
    assert result["brier_reference"] == pytest.approx(1 / 3)
    assert result["brier_skill_vs_half"] == pytest.approx(1 - 0.98 / (2 / 3))
    assert result["brier_skill_vs_base_rate"] is None
    assert result["reliability"] is None
    assert result["calibration"] == []


def test_binary_brier_is_half_the_two_option_multiple_choice() -> None:
    mc = multiple_choice_brier_loss([0, 1], [[0.7, 0.3], [0.4, 0.6]])
    assert brier_loss([1, 0], [0.7, 0.4], scale=2) == pytest.approx(mc)
    mc = multiple_choice_brier_loss([0, 1], [[0.7, 0.3], [0.4, 0.6]], scale=1)
    assert brier_loss([1, 0], [0.7, 0.4]) == pytest.approx(mc)


@pytest.mark.parametrize("scale", [1, 2])
def test_headline_brier_never_mixes_scales(scale: int) -> None:
    # Issue 13 item 1: 70% on a yes/no question and on a two-option question, both right.
    t = "2025-02-01T00:00:00Z"
    forecasts = [
        make("bin", [("ann", 0.7, t)], outcome="yes"),
        make("mc", [("ann", {"a": 0.7, "b": 0.3}, t)], options=["a", "b"], outcome="a"),
    ]
    result = score_book(forecasts, scale=scale)
    assert result["scale"] == scale
    assert result["brier"] == pytest.approx(0.09 * scale)
    assert result["brier_binary"] == pytest.approx(0.09 * scale)
    assert result["brier_multiple_choice"] == pytest.approx(0.09 * scale)
    # the reference printed beside the score is the one the skill used
    assert result["brier_reference"] == pytest.approx(0.25 * scale)
    assert result["brier_skill_vs_half"] == pytest.approx(1 - 0.09 / 0.25)
    assert result["log_score_reference"] == pytest.approx(math.log(0.5))
    groups = score_book(forecasts, scale=scale, by="forecaster")["groups"]
    assert groups[0]["brier"] == pytest.approx(0.09 * scale)


def test_log_score_is_exact_and_certain_wrong_is_counted() -> None:
    # Issue 13 item 3: no clipping; a 0.0005 forecast is not scored like a 0.
    assert log_score([1], [0.0005]) == pytest.approx(math.log(0.0005))
    assert log_score([1], [0.0005]) > log_score([1], [0.0001])
    assert log_score([1, 1], [0.0, 0.5]) == -math.inf
    assert certain_wrong_count([1, 1, 0], [0.0, 1.0, 1.0]) == 2
    t = "2025-02-01T00:00:00Z"
    forecasts = [
        make("a", [("ann", 0.0, t)], outcome="yes"),
        make("b", [("ann", 1.0, t)], outcome="yes"),
        make("c", [("ann", 0.0005, t)], outcome="yes"),
    ]
    result = score_book(forecasts)
    assert result["certain_wrong"] == 1
    assert result["log_score"] == pytest.approx((0.0 + math.log(0.0005)) / 2)
    assert "left out of the mean" in result["conventions"]["log_score"]
    only_wrong = score_book(forecasts[:1])
    assert only_wrong["log_score"] is None and only_wrong["certain_wrong"] == 1


def test_skill_vs_base_rate_agrees_with_the_decomposition() -> None:
    # Issue 13 item 2: question A yes with 3 forecasters, B no with 1.
    t = "2025-02-01T00:00:00Z"
    forecasts = [
        make("a", [("ann", 0.6, t), ("bob", 0.7, t), ("cyd", 0.8, t)], outcome="yes"),
        make("b", [("ann", 0.3, t)], outcome="no"),
    ]
    result = score_book(forecasts, by="forecaster")
    assert result["base_rate"] == pytest.approx(0.75)
    assert result["uncertainty"] == pytest.approx(0.1875)
    brier = np.mean([0.16, 0.09, 0.04, 0.09])
    assert result["brier_skill_vs_base_rate"] == pytest.approx(1 - brier / 0.1875)
    assert result["brier_skill_vs_base_rate"] == pytest.approx(
        1 - result["brier_binary"] / result["uncertainty"]
    )
    # each group against its own base rate: ann 1 yes of 2 -> UNC 0.25
    ann = next(g for g in result["groups"] if g["name"] == "ann")
    assert ann["base_rate"] == pytest.approx(0.5)
    assert ann["brier_skill_vs_base_rate"] == pytest.approx(1 - np.mean([0.16, 0.09]) / 0.25)
    bob = next(g for g in result["groups"] if g["name"] == "bob")
    assert bob["brier_skill_vs_base_rate"] is None  # one outcome only: no uncertainty


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 1), st.lists(probs, min_size=1, max_size=4)),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([1, 2]),
    st.sampled_from(["final", "time-averaged"]),
)
def test_skill_is_one_minus_brier_over_uncertainty(
    questions: list[tuple[int, list[float]]], scale: int, method: str
) -> None:
    forecasts = [
        make(
            f"q{i}",
            [(f"f{j}", p, f"2025-02-0{1 + j}T00:00:00Z") for j, p in enumerate(ps)],
            outcome="yes" if y else "no",
        )
        for i, (y, ps) in enumerate(questions)
    ]
    result = score_book(forecasts, scale=scale, method=method)
    assert result["base_rate"] == pytest.approx(base_rate(forecast_frame(forecasts, method=method)))
    if result["uncertainty"] > 1e-12:
        assert result["brier_skill_vs_base_rate"] == pytest.approx(
            1 - result["brier_binary"] / result["uncertainty"]
        )


def test_skill_and_head_to_head_by_hand() -> None:
    t = "2025-02-01T00:00:00Z"
    forecasts = [
        make("a", [("ann", 0.9, t), ("bob", 0.6, t)], outcome="yes"),
        make("b", [("ann", 0.2, t), ("bob", 0.2, t)], outcome="no"),
        make("c", [("ann", 0.7, t), ("bob", 0.1, t)], outcome="no"),
        make("d", [("bob", 0.5, t)], outcome="yes"),
    ]
    frame = forecast_frame(forecasts)
    table = head_to_head(frame, "ann")
    assert list(table.index) == ["bob"]
    row = table.loc["bob"]
    ann = [0.01, 0.04, 0.49]
    bob = [0.16, 0.04, 0.01]
    assert row["questions"] == 3
    assert row["brier"] == pytest.approx(np.mean(ann))
    assert row["opponent_brier"] == pytest.approx(np.mean(bob))
    assert row["mean_difference"] == pytest.approx(np.mean(ann) - np.mean(bob))
    assert (row["won"], row["tied"], row["lost"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    groups = score_by(frame, "forecaster")
    assert groups.loc["ann", "count"] == 3
    assert groups.loc["bob", "brier"] == pytest.approx(np.mean([*bob, 0.25]))
    # ann's own base rate: 1 of her 3 forecasts came true -> reference Brier 1/3 * 2/3
    assert groups.loc["ann", "brier_skill_vs_base_rate"] == pytest.approx(
        1 - np.mean(ann) / (2 / 9)
    )
    # a fixed base rate for every group: 0.5 -> reference Brier 0.25
    fixed = score_by(frame, "forecaster", base=0.5)
    assert fixed.loc["ann", "brier_skill_vs_base_rate"] == pytest.approx(1 - np.mean(ann) / 0.25)


def test_brier_skill_score_checks() -> None:
    assert brier_skill_score(0.0, 0.25) == 1.0
    with pytest.raises(BadInput, match="reference_loss"):
        brier_skill_score(0.1, 0.0)
    with pytest.raises(BadInput, match=r"^loss"):
        brier_skill_score(float("nan"), 0.2)


def test_score_by_every_breakdown() -> None:
    t = "2025-02-01T00:00:00Z"
    forecasts = [
        make("a", [("ann", 0.9, t)], outcome="yes", tags=["x", "y"], group="g"),
        make("b", [("ann", 0.2, t)], outcome="no", source={"ref": "art.md"}),
        make("c", [("bob", 0.3, t)], resolve_by="2030-01-01"),
    ]
    frame = forecast_frame(forecasts)
    tags = score_by(frame, "tag")
    assert list(tags.index) == ["(none)", "x", "y"]
    assert tags.loc["x", "count"] == 1
    assert tags.loc["(none)", "open"] == 1
    assert list(score_by(frame, "source").index) == ["(none)", "art.md"]
    assert list(score_by(frame, "month").index) == ["(none)", "2025-06"]
    assert set(score_by(frame, "horizon").index) >= {"3-6 months"}
    assert score_by(frame, "group").loc["g", "brier"] == pytest.approx(0.01)
    with pytest.raises(BadInput, match=r"^by: 'color'"):
        score_by(frame, "color")


# -- decomposition ---------------------------------------------------------------------------


def test_decomposition_by_hand() -> None:
    parts = murphy_decomposition([1, 0, 1, 1], [0.8, 0.2, 0.8, 0.6], bins="distinct")
    assert parts["reliability"] == pytest.approx((0.04 + 0.16 + 2 * 0.04) / 4)
    assert parts["uncertainty"] == pytest.approx(0.1875)
    assert parts["resolution"] == pytest.approx((0.75**2 + 3 * 0.25**2) / 4)


@settings(max_examples=60, deadline=None)
@given(pairs, st.integers(1, 20))
def test_decomposition_identity_on_distinct_bins(data: list[tuple[int, float]], bins: int) -> None:
    y = [a for a, _ in data]
    p = [b for _, b in data]
    exact = murphy_decomposition(y, p, bins="distinct")
    lhs = exact["reliability"] - exact["resolution"] + exact["uncertainty"]
    assert lhs == pytest.approx(brier_loss(y, p), abs=1e-12)
    binned = murphy_decomposition(y, p, bins=bins)
    assert 0 <= binned["reliability"] <= 1
    assert 0 <= binned["resolution"] <= binned["uncertainty"] + 1e-12 <= 0.25 + 1e-12


# -- properties ------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(pairs)
def test_scores_within_bounds(data: list[tuple[int, float]]) -> None:
    y = [a for a, _ in data]
    p = [b for _, b in data]
    assert 0 <= brier_loss(y, p) <= 1
    assert 0 <= brier_loss(y, p, scale=2) <= 2
    assert log_score(y, p) <= 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 1), min_size=1, max_size=40))
def test_perfect_forecaster_scores_zero(outcomes: list[int]) -> None:
    assert brier_loss(outcomes, outcomes) == 0
    assert log_score(outcomes, outcomes) == 0
    forecasts = [
        make(f"q{i}", [("ann", float(o), "2025-02-01T00:00:00Z")], outcome=("yes" if o else "no"))
        for i, o in enumerate(outcomes)
    ]
    result = score_book(forecasts)
    assert result["brier"] == 0
    assert result["log_score"] == 0
    assert result["reliability"] == 0


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 1), probs, st.sampled_from("abc")), min_size=1, max_size=25),
    st.randoms(use_true_random=False),
)
def test_row_order_does_not_matter(rows: list[tuple[int, float, str]], rnd: random.Random) -> None:
    forecasts = [
        make(f"q{i}", [(who, p, "2025-02-01T00:00:00Z")], outcome=("yes" if y else "no"))
        for i, (y, p, who) in enumerate(rows)
    ]
    shuffled = list(forecasts)
    rnd.shuffle(shuffled)
    a = score_book(forecasts, by="forecaster")
    b = score_book(shuffled, by="forecaster")
    assert a == b
    frame = forecast_frame(forecasts)
    permuted = frame.sample(frac=1, random_state=rnd.randrange(1000))
    assert summary(permuted)["brier"] == pytest.approx(summary(frame)["brier"])
    assert summary(permuted)["reliability"] == pytest.approx(summary(frame)["reliability"])


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (lambda: brier_loss([1, 0], [0.5, 1.5]), r"^y_prob: contains values outside"),
        (lambda: brier_loss([1, 2], [0.5, 0.5]), r"^y_true: must contain only 0 and 1"),
        (lambda: brier_loss([1, 0], [0.5]), r"^y_prob: has shape"),
        (lambda: brier_loss([], []), r"^y_true: is empty"),
        (lambda: brier_loss([1], [0.5], scale=3), r"^scale: "),
        (lambda: brier_loss([1], [float("nan")]), r"^y_prob: contains NaN"),
        (lambda: brier_loss([1], [0.5], sample_weight=[-1]), r"^sample_weight: "),
        (lambda: murphy_decomposition([1], [0.5], binning="round"), r"^binning: 'round'"),
        (lambda: murphy_decomposition([1], [0.5], bins=0), r"^bins: "),
        (lambda: multiple_choice_brier_loss([0], [[0.5, 0.6]]), r"^probabilities: rows"),
        (lambda: multiple_choice_brier_loss([3], [[0.5, 0.5]]), r"^outcome_index: "),
        (lambda: score_book([], method="best"), r"^method: 'best'"),
        (lambda: summary(pd.DataFrame({"a": [1]})), r"^frame: is not a forecast frame"),
    ],
)
def test_bad_arguments_are_named(call, pattern: str) -> None:
    with pytest.raises(BadInput, match=pattern):
        call()


def test_empty_book_scores_nothing() -> None:
    result = score_book([])
    assert result["count"] == 0
    assert result["brier"] is None
    assert result["open"] == 0


def test_row_scores_columns() -> None:
    f = make("a", [("ann", 0.25, "2025-02-01T00:00:00Z")], outcome="no")
    rows = row_scores(forecast_frame([f]), scale=2)
    assert rows["brier"].tolist() == [0.125]
    assert rows["brier_half"].tolist() == [0.5]
    assert rows["log_score"].tolist() == pytest.approx([math.log(0.75)])
