"""Aggregate forecasters: the crowd's forecast, computed from the predictions standing.

An aggregate (``crowd:median``, ``crowd:mean``, ``crowd:logodds``, ``crowd:extremized``) is
a synthetic forecaster. `forecastbook.scoring.frame.forecast_frame` adds its predictions to
each question beside the people's, so ``final``, ``time-averaged``, ``--by forecaster`` and
``--vs`` score it exactly as they score a person: there is no second scoring path.

Conventions
-----------
Who counts
    The forecasters who forecast the question, each with the last prediction they had made
    at that moment (a prediction made after the resolution never counts). Forecasters whose
    name begins with ``crowd:`` are never counted: the prefix is reserved.
When a crowd exists
    From the moment at least two forecasters stand on the question: a question with one
    forecaster has no crowd, and the aggregates have no row for it.
When the crowd changes
    At every moment a standing forecast changes. With ``method="final"`` only the crowd
    standing at the resolution (or now, while open) is computed; with
    ``method="time-averaged"`` the crowd standing at the end of each UTC day on which a
    forecast changed (the day grid of the time average; the prediction time is the last
    change of that day).
``median``
    The median of the standing probabilities (multiple choice: per option, then
    normalised to sum to 1). Metaculus' community prediction is a (recency-weighted)
    median; here every standing forecast weighs the same.
``mean``
    The arithmetic mean (multiple choice: per option; the means sum to 1).
``logodds``
    The mean of the log-odds, i.e. the geometric mean of the odds; for multiple choice the
    normalised geometric mean of the probabilities (which is the same thing for two options).
    Probabilities are clipped to [0.001, 0.999] first (Metaculus' bounds on binary
    forecasts), so that a single 0 or 1 does not decide the crowd.
``extremized``
    The mean log-odds times ``a`` (multiple choice: the normalised geometric mean raised to
    the power ``a``). The default ``a = 1.73`` (about the square root of 3) is Neyman and
    Roughgarden's extremizing factor for many forecasters, recommended by Sevilla,
    "Principled extremizing of aggregated forecasts" (EA Forum, 2021); Satopaa et al.,
    "Combining multiple probability predictions using a simple logit model" (International
    Journal of Forecasting, 2014) found optimal factors between 1.161 and 3.921 on
    geopolitical questions. ``a = 1`` gives ``logodds``; ``a > 1`` moves every crowd that
    is not at 50% away from 50%, never across it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

import numpy as np

from forecastbook.errors import BadInput
from forecastbook.format.models import Forecast, Kind, Prediction
from forecastbook.scoring.options import DEFAULT_EXTREMIZE as DEFAULT_EXTREMIZE

PREFIX = "crowd:"
AGGREGATES: tuple[str, ...] = ("median", "mean", "logodds", "extremized")
"""The aggregates, in the order they are listed (names are ``crowd:`` + each)."""
CLIP = 0.001
"""Probabilities are clipped to [CLIP, 1 - CLIP] before taking log-odds."""
MIN_FORECASTERS = 2
"""A crowd exists when at least this many forecasters stand on the question."""


class CrowdPrediction(NamedTuple):
    """One prediction of an aggregate (duck-types `Prediction` for the frame)."""

    at: datetime
    by: str
    p: float | None
    probabilities: dict[str, float] | None


def is_crowd(name: str) -> bool:
    """True for an aggregate's name (``crowd:...``).

    >>> is_crowd("crowd:median"), is_crowd("ann")
    (True, False)
    """
    return name.startswith(PREFIX)


def check_aggregates(names: Iterable[str] | str | None) -> tuple[str, ...]:
    """The aggregates asked for, checked: ``all``, ``none``, or names from `AGGREGATES`
    (with or without the ``crowd:`` prefix; a comma-separated string is split).

    >>> check_aggregates("median,crowd:mean")
    ('median', 'mean')
    >>> check_aggregates("all") == AGGREGATES, check_aggregates("none")
    (True, ())
    """
    if names is None:
        return ()
    if isinstance(names, str):
        names = [n for n in names.split(",") if n.strip()]
    out: list[str] = []
    for raw in names:
        name = raw.strip().removeprefix(PREFIX)
        if name == "all":
            return AGGREGATES
        if name == "none":
            continue
        if name not in AGGREGATES:
            choices = ", ".join(AGGREGATES)
            raise BadInput("crowd", f"{raw!r} is not one of all, none, {choices}")
        if name not in out:
            out.append(name)
    return tuple(out)


def check_extremize(a: float) -> float:
    """`a` if it is a finite number >= 1, else `BadInput` naming it."""
    if not isinstance(a, int | float) or isinstance(a, bool) or not math.isfinite(a) or a < 1:
        raise BadInput("extremize", f"must be a number >= 1, got {a!r}")
    return float(a)


def _logit(p: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    q = np.clip(p, CLIP, 1.0 - CLIP)
    return np.asarray(np.log(q / (1.0 - q)))


def _expit(x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def aggregate_binary(
    matrix: Any, *, aggregates: Sequence[str] = AGGREGATES, extremize: float = DEFAULT_EXTREMIZE
) -> dict[str, np.ndarray[Any, Any]]:
    """Aggregates of each row of a (moments x forecasters) array of probabilities of yes.

    NaN marks a forecaster not standing; a row with fewer than two values gives NaN.

    Examples
    --------
    >>> out = aggregate_binary([[0.6, 0.7, 0.9]])
    >>> {k: round(float(v[0]), 4) for k, v in out.items()}
    {'median': 0.7, 'mean': 0.7333, 'logodds': 0.7595, 'extremized': 0.8797}
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim == 1:
        values = values[None, :]
    standing = ~np.isnan(values)
    count = standing.sum(axis=1)
    enough = count >= MIN_FORECASTERS
    out: dict[str, np.ndarray[Any, Any]] = {}
    safe = np.where(enough[:, None], values, 0.5)  # rows without a crowd: no NaN warnings
    safe_standing = standing | ~enough[:, None]
    n = np.where(enough, count, safe_standing.sum(axis=1))
    for name in aggregates:
        if name == "median":
            value = _row_median(np.where(safe_standing, safe, np.nan), n)
        elif name == "mean":
            value = np.where(safe_standing, safe, 0.0).sum(axis=1) / n
        else:
            mean_logit = np.where(safe_standing, _logit(safe), 0.0).sum(axis=1) / n
            factor = extremize if name == "extremized" else 1.0
            value = _expit(factor * mean_logit)
        out[name] = np.where(enough, value, np.nan)
    return out


def _row_median(values: np.ndarray[Any, Any], count: np.ndarray[Any, Any]) -> Any:
    """The median of each row's first `count` sorted values (NaN sorts last); numpy's
    `nanmedian` is many times slower on small rows."""
    ordered = np.sort(values, axis=1)
    rows = np.arange(len(ordered))
    low = np.maximum((count - 1) // 2, 0).astype(np.intp)
    high = np.maximum(count // 2, 0).astype(np.intp)
    return (ordered[rows, low] + ordered[rows, high]) / 2.0


def _aggregate_one(
    values: list[float], aggregates: Sequence[str], extremize: float
) -> dict[str, float]:
    """`aggregate_binary` of one moment, in plain Python (cheaper than numpy for ~20 values)."""
    n = len(values)
    out: dict[str, float] = {}
    mean_logit = None
    for name in aggregates:
        if name == "median":
            ordered = sorted(values)
            out[name] = (ordered[(n - 1) // 2] + ordered[n // 2]) / 2.0
        elif name == "mean":
            out[name] = sum(values) / n
        else:
            if mean_logit is None:
                clipped = [min(max(v, CLIP), 1.0 - CLIP) for v in values]
                mean_logit = sum(math.log(v / (1.0 - v)) for v in clipped) / n
            x = (extremize if name == "extremized" else 1.0) * mean_logit
            out[name] = 1.0 / (1.0 + math.exp(-x))
    return out


def aggregate_choice(
    forecasts: Sequence[Mapping[str, float]],
    options: Sequence[str],
    *,
    aggregates: Sequence[str] = AGGREGATES,
    extremize: float = DEFAULT_EXTREMIZE,
) -> dict[str, dict[str, float]]:
    """Aggregates of standing multiple-choice forecasts (one dict per forecaster).

    Empty when fewer than two forecasts stand. Every aggregate sums to 1.

    >>> out = aggregate_choice([{"a": 0.5, "b": 0.5}, {"a": 0.9, "b": 0.1}], ["a", "b"])
    >>> {k: round(v["a"], 4) for k, v in out.items()}
    {'median': 0.7, 'mean': 0.7, 'logodds': 0.75, 'extremized': 0.87}
    """
    if len(forecasts) < MIN_FORECASTERS:
        return {}
    probs = np.array([[f.get(o, 0.0) for o in options] for f in forecasts], dtype=np.float64)
    out: dict[str, dict[str, float]] = {}
    for name in aggregates:
        if name == "median":
            value = np.median(probs, axis=0)
        elif name == "mean":
            value = probs.mean(axis=0)
        else:
            logs = np.log(np.clip(probs, CLIP, 1.0)).mean(axis=0)
            if name == "extremized":
                logs = extremize * logs
            value = np.exp(logs - logs.max())
        total = value.sum()
        value = value / total if total > 0 else np.full(len(options), 1.0 / len(options))
        out[name] = {o: float(v) for o, v in zip(options, value, strict=True)}
    return out


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def crowd_predictions(
    forecast: Forecast,
    *,
    aggregates: Sequence[str] = AGGREGATES,
    extremize: float = DEFAULT_EXTREMIZE,
    method: str = "time-averaged",
    until: datetime | None = None,
) -> dict[str, list[CrowdPrediction]]:
    """The predictions of each aggregate on one question, by name (``crowd:median``, ...).

    Parameters
    ----------
    forecast
        The question; its predictions by ``crowd:`` names are ignored.
    aggregates, extremize
        Which aggregates, and the extremizing factor (module docstring).
    method
        ``"final"``: only the crowd standing at `until` (or after the last prediction);
        ``"time-averaged"``: the crowd standing at the end of each UTC day on which a
        forecast changed (module docstring).
    until
        Ignore predictions made after this moment (the resolution); default: the
        resolution's time, if any.

    Returns
    -------
    dict
        ``crowd:NAME`` -> predictions in time order; empty when no two forecasters stand.
    """
    if until is None and forecast.resolution is not None:
        until = forecast.resolution.at
    preds = [
        p for p in forecast.predictions if not is_crowd(p.by) and (until is None or p.at <= until)
    ]
    if not aggregates or len({p.by for p in preds}) < MIN_FORECASTERS:
        return {}
    preds.sort(key=_at)
    if method == "final":
        moments = [len(preds) - 1]
    else:  # the last change of each UTC day
        moments = [
            i
            for i, p in enumerate(preds)
            if i + 1 == len(preds) or _day(preds[i + 1].at) != _day(p.at)
        ]
    names = sorted({p.by for p in preds})
    column = {name: j for j, name in enumerate(names)}
    binary = forecast.kind == Kind.binary
    out: dict[str, list[CrowdPrediction]] = {PREFIX + a: [] for a in aggregates}
    if binary and len(moments) == 1:
        standing_p: dict[str, float] = {}
        for p in preds:
            if p.p is not None:
                standing_p[p.by] = p.p
        if len(standing_p) >= MIN_FORECASTERS:
            at = preds[moments[0]].at
            for a, value in _aggregate_one(
                list(standing_p.values()), aggregates, extremize
            ).items():
                out[PREFIX + a].append(CrowdPrediction(at, PREFIX + a, value, None))
    elif binary:
        matrix = np.full((len(moments), len(names)), np.nan)
        row = np.full(len(names), np.nan)
        k = 0
        for i, p in enumerate(preds):
            if p.p is not None:
                row[column[p.by]] = p.p
            if k < len(moments) and moments[k] == i:
                matrix[k] = row
                k += 1
        values = aggregate_binary(matrix, aggregates=aggregates, extremize=extremize)
        for a in aggregates:
            series = values[a]
            for k, i in enumerate(moments):
                if not math.isnan(series[k]):
                    out[PREFIX + a].append(
                        CrowdPrediction(preds[i].at, PREFIX + a, float(series[k]), None)
                    )
    else:
        options = list(forecast.options or [])
        standing: dict[str, Mapping[str, float]] = {}
        k = 0
        for i, p in enumerate(preds):
            if p.probabilities is not None:
                standing[p.by] = p.probabilities
            if k < len(moments) and moments[k] == i:
                k += 1
                agg = aggregate_choice(
                    list(standing.values()), options, aggregates=aggregates, extremize=extremize
                )
                for a, value in agg.items():
                    out[PREFIX + a].append(CrowdPrediction(p.at, PREFIX + a, None, value))
    return {name: series for name, series in out.items() if series}


def _at(pred: Prediction) -> datetime:
    return pred.at


def current_crowd(
    forecast: Forecast,
    *,
    aggregates: Sequence[str] = AGGREGATES,
    extremize: float = DEFAULT_EXTREMIZE,
) -> dict[str, Any]:
    """The crowd's current forecast on a question (what `forecastbook show` prints).

    Returns ``forecasters`` (how many stand: each one's latest prediction, made at or
    before the resolution) and ``aggregates`` (``crowd:NAME`` -> probability of yes, or
    the options' probabilities); ``aggregates`` is empty with fewer than two forecasters.
    """
    found = crowd_predictions(forecast, aggregates=aggregates, extremize=extremize, method="final")
    until = forecast.resolution.at if forecast.resolution is not None else None
    people = {
        p.by
        for p in forecast.predictions
        if not is_crowd(p.by) and (until is None or p.at <= until)
    }
    return {
        "forecasters": len(people),
        "aggregates": {
            name: (series[-1].p if series[-1].p is not None else series[-1].probabilities)
            for name, series in found.items()
        },
    }
