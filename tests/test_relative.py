"""Relative Brier, peer and baseline scores (`forecastbook.scoring.relative`)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecastbook.errors import BadInput
from forecastbook.scoring.frame import forecast_frame
from forecastbook.scoring.relative import baseline_score, peer_scores, relative_scores
from forecastbook.scoring.scores import score_book
from scoring_helpers import make


def day(n: int) -> str:
    return f"{date(2025, 1, 1) + timedelta(days=n)}T09:00:00Z"


def resolved(n: int) -> str:
    return f"{date(2025, 1, 1) + timedelta(days=n)}T12:00:00Z"


def groups(result: dict) -> dict[str, dict]:
    return {g["name"]: g for g in result["groups"]}


# -- the platforms' published definitions and examples ---------------------------------------


def test_good_judgment_daily_average_example() -> None:
    # Good Judgment: 0.9 for 3 days, then 0.95 for 4 days, the event happened:
    # (3 x 0.02 + 4 x 0.005) / 7 = 0.0114 on the 0-2 scale.
    q = make("gj", [("ann", 0.9, day(0)), ("ann", 0.95, day(3))],
             outcome="yes", resolved_at=resolved(7))  # fmt: skip
    result = score_book([q], method="time-averaged", scale=2)
    assert result["brier"] == pytest.approx(0.08 / 7)
    assert round(result["brier"], 4) == 0.0114


def test_daily_average_example_of_a_late_update() -> None:
    # 80% for 6 days, then 40% for the last 3, the event did not happen:
    # (6 x 0.64 + 3 x 0.16) / 9 = 0.48 (greaterwrong.com, "Raising the forecasting waterline")
    q = make("wl", [("ann", 0.8, day(0)), ("ann", 0.4, day(6))],
             outcome="no", resolved_at=resolved(9))  # fmt: skip
    assert score_book([q], method="time-averaged")["brier"] == pytest.approx(0.48)


def test_metaculus_baseline_score_definition() -> None:
    # binary: 100 (log2 p + 1); N options: 100 (ln p - ln 1/N) / ln N
    assert baseline_score(0.5) == pytest.approx(0.0)
    assert baseline_score(1.0) == pytest.approx(100.0)
    assert baseline_score(0.8) == pytest.approx(100 * (math.log2(0.8) + 1))
    assert baseline_score(0.25, 4) == pytest.approx(0.0)  # the uniform forecast
    assert baseline_score(1.0, 4) == pytest.approx(100.0)
    assert baseline_score(0.1, 3) == pytest.approx(
        100 * (math.log(0.1) + math.log(3)) / math.log(3)
    )
    assert baseline_score(0.0) == pytest.approx(100 * (math.log2(0.001) + 1))  # floored


def test_metaculus_peer_score_definition() -> None:
    # 100 x (ln p - mean over the others of ln p_other)
    scores = peer_scores([0.9, 0.5])
    assert scores[0] == pytest.approx(100 * (math.log(0.9) - math.log(0.5)))
    assert scores[1] == pytest.approx(-scores[0])
    assert peer_scores([0.7]).tolist() == [0.0]


# -- hand-computed cases --------------------------------------------------------------------


def test_final_relative_brier_peer_and_baseline_by_hand() -> None:
    a = make("a", [("ann", 0.9, day(0)), ("bob", 0.6, day(0)), ("cyd", 0.2, day(0))],
             outcome="yes")  # fmt: skip
    b = make("b", [("ann", 0.3, day(0)), ("bob", 0.1, day(0))], outcome="no")
    alone = make("c", [("ann", 0.8, day(0))], outcome="yes")
    g = groups(score_book([a, b, alone], by="forecaster"))
    # question a: Briers 0.01, 0.16, 0.64 (median 0.16); b: 0.09, 0.01 (median 0.05)
    assert g["ann"]["relative_brier"] == pytest.approx(((0.01 - 0.16) + (0.09 - 0.05)) / 2)
    assert g["bob"]["relative_brier"] == pytest.approx((0.0 + (0.01 - 0.05)) / 2)
    assert g["cyd"]["relative_brier"] == pytest.approx(0.64 - 0.16)
    assert g["ann"]["shared"] == 2 and g["cyd"]["shared"] == 1 and g["ann"]["count"] == 3
    peer_a = 100 * (math.log(0.9) - (math.log(0.6) + math.log(0.2)) / 2)
    peer_b = 100 * (math.log(0.7) - math.log(0.9))
    assert g["ann"]["peer_score"] == pytest.approx((peer_a + peer_b) / 2)
    base = [100 * (math.log2(p) + 1) for p in (0.9, 0.7, 0.8)]  # c counts for baseline
    assert g["ann"]["baseline_score"] == pytest.approx(sum(base) / 3)
    # sorted best first by relative Brier
    assert [x["name"] for x in score_book([a, b, alone], by="forecaster")["groups"]][:1] == ["ann"]


def test_single_forecaster_question_has_no_relative_score() -> None:
    alone = make("c", [("ann", 0.8, day(0))], outcome="yes")
    [row] = score_book([alone], by="forecaster")["groups"]
    assert row["shared"] == 0
    assert row["relative_brier"] is None and row["peer_score"] is None
    assert row["baseline_score"] == pytest.approx(100 * (math.log2(0.8) + 1))


def test_multiple_choice_relative_brier_is_of_whole_question_briers() -> None:
    q = make(
        "mc",
        [("ann", {"a": 0.6, "b": 0.3, "c": 0.1}, day(0)),
         ("bob", {"a": 0.2, "b": 0.4, "c": 0.4}, day(0)),
         ("cyd", {"a": 0.4, "b": 0.4, "c": 0.2}, day(0))],
        options=["a", "b", "c"], outcome="a",
    )  # fmt: skip
    g = groups(score_book([q], by="forecaster"))
    brier = {"ann": (0.16 + 0.09 + 0.01) / 2, "bob": (0.64 + 0.16 + 0.16) / 2,
             "cyd": (0.36 + 0.16 + 0.04) / 2}  # fmt: skip
    assert g["ann"]["relative_brier"] == pytest.approx(brier["ann"] - brier["cyd"])
    assert g["ann"]["baseline_score"] == pytest.approx(
        100 * (math.log(0.6) + math.log(3)) / math.log(3)
    )


# -- time averaging: the late joiner ------------------------------------------------------


LATE = [
    make(
        "hard",
        [("ann", 0.5, day(0)), ("ann", 0.9, day(8)), ("bob", 0.9, day(8))],
        outcome="yes",
        resolved_at=resolved(10),
        created="2025-01-01",
    ),
]


def test_lifetime_convention_does_not_reward_joining_late() -> None:
    life = groups(score_book(LATE, by="forecaster", method="time-averaged"))
    # days 0-7: ann alone at 0.5 (relative 0, peer 0); days 8-9: both at 0.9 (0 each)
    assert life["ann"]["relative_brier"] == pytest.approx(0.0)
    assert life["bob"]["relative_brier"] == pytest.approx(0.0)
    # baseline: bob gets 0 for the 8 days he skipped, over the 10-day life
    assert life["bob"]["baseline_score"] == pytest.approx(2 / 10 * 100 * (math.log2(0.9) + 1))
    assert life["ann"]["baseline_score"] == pytest.approx(2 / 10 * 100 * (math.log2(0.9) + 1))
    # the plain time-averaged Brier (Good Judgment Open) does reward bob's late start
    assert life["bob"]["brier"] < life["ann"]["brier"]


def test_own_days_convention() -> None:
    own = groups(score_book(LATE, by="forecaster", method="time-averaged", days="own"))
    assert own["bob"]["baseline_score"] == pytest.approx(100 * (math.log2(0.9) + 1))
    assert own["ann"]["baseline_score"] == pytest.approx(2 / 10 * 100 * (math.log2(0.9) + 1))
    with pytest.raises(BadInput, match=r"^days: 'all' is not one of lifetime, own"):
        score_book(LATE, by="forecaster", days="all")


def test_fatebook_relative_brier_over_the_lifetime() -> None:
    # ann at 0.6 from day 0, bob at 0.9 from day 2; resolves yes on day 4.
    q = make("fb", [("ann", 0.6, day(0)), ("bob", 0.9, day(2))],
             outcome="yes", resolved_at=resolved(4))  # fmt: skip
    g = groups(score_book([q], by="forecaster", method="time-averaged"))
    # days 2-3: Briers 0.16 and 0.01, median 0.085; days 0-1 ann alone: 0
    assert g["ann"]["relative_brier"] == pytest.approx(2 * (0.16 - 0.085) / 4)
    assert g["bob"]["relative_brier"] == pytest.approx(2 * (0.01 - 0.085) / 4)
    peer = 100 * (math.log(0.9) - math.log(0.6))
    assert g["bob"]["peer_score"] == pytest.approx(2 * peer / 4)


# -- properties -----------------------------------------------------------------------------

probability = st.floats(0.01, 0.99, allow_nan=False)


@given(
    ps=st.lists(st.lists(probability, min_size=1, max_size=3), min_size=2, max_size=5),
    outcome=st.sampled_from(["yes", "no"]),
    method=st.sampled_from(["final", "time-averaged"]),
)
def test_peer_scores_of_the_people_sum_to_zero(
    ps: list[list[float]], outcome: str, method: str
) -> None:
    preds = [
        (f"f{i}", p, day(i + 2 * j)) for i, series in enumerate(ps) for j, p in enumerate(series)
    ]
    q = make("q", preds, outcome=outcome, resolved_at=resolved(20))
    frame = forecast_frame([q], method=method)
    scores = relative_scores(frame, method=method)
    assert scores["peer_score"].sum() == pytest.approx(0.0, abs=1e-6)


@given(
    series=st.lists(probability, min_size=1, max_size=4),
    copies=st.integers(1, 4),
    outcome=st.sampled_from(["yes", "no"]),
    method=st.sampled_from(["final", "time-averaged"]),
)
def test_relative_score_against_copies_of_oneself_is_zero(
    series: list[float], copies: int, outcome: str, method: str
) -> None:
    names = ["me", *(f"copy{i}" for i in range(copies))]
    preds = [(name, p, day(3 * j)) for name in names for j, p in enumerate(series)]
    q = make("q", preds, outcome=outcome, resolved_at=resolved(15))
    frame = forecast_frame([q], method=method, crowd=("median", "mean", "logodds"))
    scores = relative_scores(frame, method=method)
    assert scores["relative_brier"].abs().max() == pytest.approx(0.0, abs=1e-12)
    assert scores["peer_score"].abs().max() == pytest.approx(0.0, abs=1e-9)


# -- Metaculus' own test values (Metaculus/metaculus, tests/unit/test_scoring/
#    test_score_math.py: test_evaluate_forecasts_baseline_accuracy, test_get_geometric_means)


@pytest.mark.parametrize(
    ("p", "outcome", "expected"),
    [
        (0.9, "yes", 84.79969066),
        (0.1, "yes", -232.19280949),
        (0.9, "no", -232.19280949),
        (2 ** (-1 / 2), "yes", 50.0),
        (2 ** (-3 / 2), "yes", -50.0),
    ],
)
def test_metaculus_baseline_values(p: float, outcome: str, expected: float) -> None:
    q = make("m", [("ann", p, day(0))], outcome=outcome, resolved_at=resolved(10))
    [row] = score_book([q], by="forecaster")["groups"]
    assert round(row["baseline_score"], 8) == pytest.approx(expected)


def test_metaculus_baseline_half_coverage() -> None:
    # a forecast standing for the last 5 days of a 10-day question scores half its baseline
    q = make("m", [("ann", 0.9, day(5))], outcome="yes", resolved_at=resolved(10),
             created="2025-01-01")  # fmt: skip
    [row] = score_book([q], by="forecaster", method="time-averaged")["groups"]
    assert row["baseline_score"] == pytest.approx(84.79969066 / 2)


def test_metaculus_geometric_mean_example() -> None:
    # Metaculus' geometric means of 70%, 80% and 90%: [0.18171206, 0.79581144] per option,
    # not normalised; crowd:logodds is the same, normalised to sum to 1.
    from forecastbook.scoring.crowd import aggregate_binary

    value = aggregate_binary([[0.7, 0.8, 0.9]])["logodds"][0]
    assert value == pytest.approx(0.79581144 / (0.79581144 + 0.18171206))
