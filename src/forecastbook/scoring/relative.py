"""Scores against the other forecasters: relative Brier, peer score and baseline score.

Computed from a forecast frame (`forecastbook.scoring.frame.forecast_frame`), per question
and forecaster, then averaged over each forecaster's questions. The Brier scores are those of
`forecastbook.scoring.scores.row_scores` (same scale, same multiple-choice convention).

Definitions
-----------
Relative Brier (Fatebook)
    A forecaster's Brier score minus the median Brier score of the forecasters on the
    question; lower is better, 0 is the median forecaster. Fatebook's code
    (``relativeBrierScoring`` in Sage-Future/fatebook, lib/_scoring.ts) takes the median
    over every forecaster with a forecast, *including* the one scored; so does this module.
    Multiple choice: the median of the whole-question Brier scores (not a sum of per-option
    relative scores).
Peer score (Metaculus)
    ``100 * (ln p - mean over the other forecasters of ln p_other)``, ``p`` the probability
    given to what happened (Metaculus scores FAQ, "What is the Peer score?",
    https://www.metaculus.com/help/scores-faq/); higher is better, and the peer scores of
    the people on a question sum to 0. A forecaster alone on the question (on a day, when
    time-averaged) scores 0 there, as on Metaculus.
Baseline score (Metaculus)
    Binary: ``100 * (log2 p + 1)``; multiple choice with N options:
    ``100 * (ln p - ln(1/N)) / ln N`` (same FAQ, "What is the Baseline score?"); 0 is the
    uniform forecast, higher is better. The tests reproduce the values of Metaculus' own
    tests (Metaculus/metaculus, tests/unit/test_scoring/test_score_math.py: 90% on a yes
    scores 84.80, 10% scores -232.19, and half the question's life at 90% half of 84.80).
    Probabilities below 0.001 given to what happened
    count as 0.001 in the peer and baseline scores (Metaculus bounds binary forecasts to
    0.1%-99.9%), so that one certain miss does not make a mean minus infinity.
Aggregates
    Forecasters named ``crowd:...`` (`forecastbook.scoring.crowd`) are scored against the
    people but never count among them: they are not in the median, not among "the other
    forecasters", and a question's ``shared`` count is of people.
Which questions
    Relative Brier and peer scores need at least two people on the question: a question
    with one forecaster is left out of them (the forecaster's value is null when all their
    questions are). ``shared`` counts, for each forecaster, the resolved questions that
    have another forecaster. Baseline scores count every resolved question.

Time averaging (``method="time-averaged"``)
-------------------------------------------
The scores are computed on every UTC day of the question's life with the forecasts
standing that day (the frame's day grid: a day's forecast is the last one made by its end;
the life runs from the day the question was created, or the first forecast if earlier, to
the day before the resolution), then averaged. Two conventions for the days before a
forecaster's first forecast (``days``):

``lifetime`` (default)
    Averaged over the question's whole life, the days before the forecaster's first
    forecast counting 0 (the median's / the crowd's own score): Metaculus counts them as 0
    points and Fatebook divides by the whole lifetime while omitting them. A forecaster who
    joins late is neither rewarded nor punished for the days skipped. This is the proper
    choice for comparing forecasters, and the default.
``own``
    Averaged over the forecaster's own days only (Good Judgment Open's Brier score
    convention, which the plain time-averaged Brier of `score` follows): a late joiner who
    skips the hard early days can look better than those who forecast them.

The life is the question's actual life (created to resolution), not its scheduled one:
forecasts standing after ``resolve_by`` and before the resolution still count.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from forecastbook.errors import BadInput
from forecastbook.scoring.crowd import PREFIX
from forecastbook.scoring.options import check_method
from forecastbook.scoring.scores import row_scores

DAYS: tuple[str, ...] = ("lifetime", "own")
"""How days before a forecaster's first forecast count in a time average (module docstring)."""
FLOOR = 0.001
"""Probabilities given to what happened are floored at this for peer and baseline scores."""
COLUMNS: tuple[str, ...] = ("shared", "relative_brier", "peer_score", "baseline_score")


def check_days(days: str) -> str:
    """`days` if it is one of `DAYS`, else `BadInput` naming it."""
    if days not in DAYS:
        raise BadInput("days", f"{days!r} is not one of {', '.join(DAYS)}")
    return days


def baseline_score(p: Any, n_options: Any = 2) -> Any:
    """Metaculus' baseline score of probability `p` given to what happened, N options.

    >>> round(float(baseline_score(0.8)), 2), float(baseline_score(0.5))
    (67.81, 0.0)
    >>> round(float(baseline_score(0.5, 4)), 1)
    50.0
    """
    p = np.maximum(np.asarray(p, dtype=np.float64), FLOOR)
    n = np.asarray(n_options, dtype=np.float64)
    return 100.0 * (np.log(p) + np.log(n)) / np.log(n)


def peer_scores(p: Any) -> Any:
    """Metaculus' peer scores of forecasters who gave what happened probabilities `p`.

    >>> [round(float(s), 2) for s in peer_scores([0.8, 0.6, 0.4])]
    [49.04, 5.89, -54.93]
    """
    logs = np.log(np.maximum(np.asarray(p, dtype=np.float64), FLOOR))
    n = logs.size
    if n < 2:
        return np.zeros(n)
    return 100.0 * (logs - (logs.sum() - logs) / (n - 1))


def relative_scores(
    frame: pd.DataFrame, *, method: str = "final", scale: float = 1, days: str = "lifetime"
) -> pd.DataFrame:
    """Relative Brier, peer and baseline scores of every forecaster (module docstring).

    Parameters
    ----------
    frame
        A forecast frame.
    method
        The frame's method: ``"final"`` or ``"time-averaged"`` (then the frame needs its
        ``prediction_at``, ``resolved_at`` and ``created`` columns).
    scale
        Brier scale (1 or 2), as in `forecastbook.scoring.scores.brier_loss`.
    days
        ``"lifetime"`` or ``"own"``: how a time average counts the days before a
        forecaster's first forecast (module docstring). Ignored for final forecasts.

    Returns
    -------
    pandas.DataFrame
        Indexed by forecaster (sorted): ``shared`` (resolved questions with another person
        on them), ``relative_brier`` (lower is better), ``peer_score`` and
        ``baseline_score`` (higher is better); means over the forecaster's questions.

    Examples
    --------
    Three forecasters on one question that resolved yes:

    >>> frame = pd.DataFrame({"question_id": "q", "forecaster": ["a", "b", "c"],
    ...     "status": "resolved", "kind": "binary", "p": [0.8, 0.6, 0.4], "y": 1.0,
    ...     "weight": 1.0, "probabilities": None, "outcome": "yes"})
    >>> scores = relative_scores(frame).round(2)
    >>> scores["relative_brier"].to_dict()
    {'a': -0.12, 'b': 0.0, 'c': 0.2}
    >>> scores["peer_score"].to_dict()
    {'a': 49.04, 'b': 5.89, 'c': -54.93}
    >>> scores["baseline_score"].to_dict()
    {'a': 67.81, 'b': 26.3, 'c': -32.19}
    """
    check_days(days)
    check_method(method)
    scored = row_scores(frame, scale=scale)
    if not len(scored):
        return pd.DataFrame(
            {c: pd.Series(dtype=np.int64 if c == "shared" else np.float64) for c in COLUMNS},
            index=pd.Index([], name="forecaster", dtype=object),
        )
    averaged = method == "time-averaged"
    data = _row_data(scored, averaged=averaged)
    per_question = _per_question_final(data) if not averaged else _per_question_days(data, days)
    return _finish(per_question)


def _row_data(scored: pd.DataFrame, *, averaged: bool) -> pd.DataFrame:
    """Per row: question, forecaster, whether a person, Brier, given probability, N."""
    y = scored["y"].to_numpy(dtype=np.float64)
    p = scored["p"].to_numpy(dtype=np.float64)
    binary = ~np.isnan(y)
    given = np.where(y == 1.0, p, 1.0 - p)
    n_options = np.full(len(scored), 2.0)
    if not binary.all():
        mc = np.flatnonzero(~binary)
        probs = scored["probabilities"].to_numpy()[mc]
        outcomes = scored["outcome"].to_numpy()[mc]
        given[mc] = [d[o] for d, o in zip(probs, outcomes, strict=True)]
        n_options[mc] = [len(d) for d in probs]
    names = scored["forecaster"].astype(str).to_numpy()
    out = pd.DataFrame(
        {
            "q": scored["question_id"].astype(str).to_numpy(),
            "f": names,
            "person": ~pd.Series(names).str.startswith(PREFIX).to_numpy(),
            "brier": scored["brier"].to_numpy(dtype=np.float64),
            "logp": np.log(np.maximum(given, FLOOR)),
            "baseline": baseline_score(given, n_options),
        }
    )
    if averaged:
        out["start"] = _days(scored["prediction_at"])
        out["end"] = _days(scored["resolved_at"])
        out["created"] = _days(scored["created"])
    return out


def _days(values: pd.Series) -> np.ndarray[Any, Any]:
    """Whole UTC days since the epoch."""
    stamps = pd.to_datetime(values, utc=True)
    epoch = pd.Timestamp(0, tz="UTC")
    return np.asarray((stamps - epoch) // pd.Timedelta(days=1), dtype=np.int64)


def _per_question_final(data: pd.DataFrame) -> pd.DataFrame:
    """One value per (question, forecaster): final forecasts, no time grid."""
    people = data[data["person"]]
    groups = people.groupby("q", sort=False)
    median = groups["brier"].median()
    log_sum = groups["logp"].sum()
    count = groups["f"].size()
    q = data["q"]
    n_people = q.map(count).fillna(0).to_numpy()
    total = q.map(log_sum).fillna(0.0).to_numpy()
    logp = data["logp"].to_numpy()
    person = data["person"].to_numpy()
    others = np.where(person, n_people - 1, n_people)
    with np.errstate(invalid="ignore", divide="ignore"):
        other_mean = (total - np.where(person, logp, 0.0)) / others
    shared = n_people >= 2
    return pd.DataFrame(
        {
            "f": data["f"].to_numpy(),
            "shared": shared,
            "relative_brier": np.where(
                shared, data["brier"].to_numpy() - q.map(median).to_numpy(), np.nan
            ),
            "peer_score": np.where(shared, 100.0 * (logp - other_mean), np.nan),
            "baseline_score": data["baseline"].to_numpy(),
        }
    )


def _per_question_days(data: pd.DataFrame, days: str) -> pd.DataFrame:
    """One value per (question, forecaster) on the UTC day grid (module docstring)."""
    records: list[tuple[str, bool, float, float, float]] = []
    for _, rows in data.groupby("q", sort=False):
        records.extend(_question_days(rows, days))
    return pd.DataFrame.from_records(
        records, columns=["f", "shared", "relative_brier", "peer_score", "baseline_score"]
    )


def _question_days(rows: pd.DataFrame, days: str) -> list[tuple[str, bool, float, float, float]]:
    names = list(dict.fromkeys(rows["f"]))
    col = {name: j for j, name in enumerate(names)}
    start = rows["start"].to_numpy()
    end_day = int(rows["end"].iloc[0])
    first = int(min(rows["created"].min(), start.min()))
    last = max(end_day, first + 1)  # exclusive; a question resolved the day it opened: 1 day
    start = np.minimum(start, last - 1)  # a first forecast on the resolution day: last day
    bounds = np.unique(np.concatenate([[first, last], start]))
    lengths = np.diff(bounds).astype(np.float64)
    shape = (len(bounds) - 1, len(names))
    brier = np.full(shape, np.nan)
    logp = np.full(shape, np.nan)
    base = np.full(shape, np.nan)
    f_col = np.array([col[f] for f in rows["f"]])
    seg = np.searchsorted(bounds, start)
    for values, target in ((rows["brier"], brier), (rows["logp"], logp), (rows["baseline"], base)):
        target[seg, f_col] = values.to_numpy()
    for target in (brier, logp, base):  # forward fill: a forecast stands until replaced
        frame = pd.DataFrame(target).ffill()
        target[:] = frame.to_numpy()
    person = np.array([not n.startswith(PREFIX) for n in names])
    standing = ~np.isnan(brier)
    n_people = (standing & person).sum(axis=1)
    shared = person.sum() >= 2
    with np.errstate(invalid="ignore", divide="ignore"):
        people_brier = np.where(person, brier, np.nan)
        median = np.full(len(lengths), np.nan)
        has = n_people > 0
        if has.any():
            median[has] = np.nanmedian(people_brier[has], axis=1)
        rel = brier - median[:, None]
        log_sum = np.nansum(np.where(person, logp, np.nan), axis=1)
        others = n_people[:, None] - person[None, :].astype(np.int64)
        other_mean = (log_sum[:, None] - np.where(person, logp, 0.0)) / others
        peer = np.where(others > 0, 100.0 * (logp - other_mean), 0.0)
    peer = np.where(standing, peer, np.nan)
    out = []
    life = float(lengths.sum())
    for j, name in enumerate(names):
        on = standing[:, j]
        own = float(lengths[on].sum())
        denominator = life if days == "lifetime" else own
        if denominator <= 0:
            continue

        def mean(values: np.ndarray[Any, Any], on: Any = on, d: float = denominator) -> float:
            return float(np.nansum(np.where(on, values, 0.0) * lengths) / d)

        out.append(
            (
                name,
                bool(shared),
                mean(rel[:, j]) if shared else math.nan,
                mean(peer[:, j]) if shared else math.nan,
                mean(base[:, j]),
            )
        )
    return out


def _finish(per_question: pd.DataFrame) -> pd.DataFrame:
    groups = per_question.groupby("f", sort=True)
    result = pd.DataFrame(
        {
            "shared": groups["shared"].sum().astype(np.int64),
            "relative_brier": groups["relative_brier"].mean(),
            "peer_score": groups["peer_score"].mean(),
            "baseline_score": groups["baseline_score"].mean(),
        }
    )
    result.index = pd.Index([str(i) for i in result.index], dtype=object, name="forecaster")
    return result
