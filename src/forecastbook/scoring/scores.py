"""Scores of forecasts: Brier, log score, skill, Murphy decomposition, breakdowns, head to head.

Numbers only (numpy and pandas). Names follow scikit-learn: ``*_loss`` is lower-is-better
and ``*_score`` higher-is-better. The array functions (`brier_loss`, `log_score`,
`murphy_decomposition`, ...) take plain arrays; the frame functions (`row_scores`,
`summary`, `score_by`, `head_to_head`, `score_book`) take a forecast frame from
`forecastbook.frame.forecast_frame` and honour its ``weight`` column (time averaging).

Conventions
-----------
Brier score
    One scale for every question, so that binary and multiple-choice forecasts can be
    averaged: ``scale / 2`` times the sum over the options (yes and no for a yes/no
    question) of the squared error. With ``scale=1`` (the default) a yes/no forecast scores
    ``(p - outcome)**2`` and a multiple-choice one half its sum of squared errors, both in
    [0, 1]; ``scale=2`` is the Good Judgment 0-2 convention for both. A 70% forecast that
    came true scores 0.09 on a yes/no question and on a two-option question alike. The
    scores of the two kinds are also reported apart (``brier_binary``,
    ``brier_multiple_choice``), and every reference is averaged over the same rows.
Log score
    Mean natural log of the probability given to what happened (0 is perfect, higher is
    better), exact for every probability above 0. A forecast that gave what happened
    probability 0 has a log score of minus infinity: it is left out of the mean and counted
    as ``certain_wrong`` (the array function `log_score` returns minus infinity).
Skill
    ``1 - brier / reference``: against always 50% (yes/no) or the same probability for
    every option (multiple choice), and against the base rate (yes/no only).
Base rate
    The share of the scored yes/no forecasts whose question resolved yes (each forecast
    counted with its weight), i.e. the base rate of the Murphy decomposition: always
    forecasting it scores ``UNC``, so skill vs base rate is ``1 - BS / UNC`` on the same
    rows. A breakdown (`score_by`) uses each group's own base rate.
Murphy decomposition
    ``BS = REL - RES + UNC`` for binary forecasts, exact when bins are the distinct
    forecast values (``bins="distinct"``). With ``bins=N`` the bins are those of
    `forecastbook.scoring.calibration.bin_forecasts` (``binning``: N equal-width bins
    ``(lower, upper]``, or N + 1 bins centred on round probabilities); the identity is
    then approximate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from forecastbook.errors import BadInput
from forecastbook.format.models import Forecast
from forecastbook.scoring._numeric import ArrayLike, _array, _pair, _weights
from forecastbook.scoring.calibration import bin_forecasts
from forecastbook.scoring.crowd import DEFAULT_EXTREMIZE, PREFIX, check_aggregates, is_crowd
from forecastbook.scoring.frame import OPEN, RESOLVED, account, forecast_frame, horizon_order
from forecastbook.scoring.options import BY_CHOICES as BY_CHOICES
from forecastbook.scoring.options import SORTS as SORTS
from forecastbook.scoring.options import check_binning as check_binning
from forecastbook.scoring.options import check_scale as check_scale
from forecastbook.scoring.options import conventions as conventions

NONE_LABEL = "(none)"

# -- validation ------------------------------------------------------------------------------


def check_bins(bins: int | str) -> int | str:
    """`bins` if it is a positive int or ``"distinct"``, else `BadInput` naming it."""
    if bins == "distinct":
        return bins
    if isinstance(bins, bool) or not isinstance(bins, int | np.integer) or bins < 1:
        raise BadInput("bins", f"must be a positive whole number or 'distinct', got {bins!r}")
    return int(bins)


# -- array scores ----------------------------------------------------------------------------


def brier_loss(
    y_true: ArrayLike,
    y_prob: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    scale: float = 1,
) -> float:
    """Mean squared difference between binary outcomes and probabilities (lower is better).

    Parameters
    ----------
    y_true
        Outcomes, 1 for yes and 0 for no.
    y_prob
        Probabilities of yes, in [0, 1].
    sample_weight
        Optional non-negative weight of each forecast.
    scale
        1 for the 0-1 scale, 2 for the Good Judgment 0-2 scale.

    Returns
    -------
    float
        The weighted mean Brier score, in [0, scale].

    Examples
    --------
    >>> brier_loss([1, 0, 1], [0.9, 0.2, 0.6])
    0.07
    >>> brier_loss([1, 0, 1], [0.9, 0.2, 0.6], scale=2)
    0.14
    """
    scale = check_scale(scale)
    y, p, w = _pair(y_true, y_prob, sample_weight)
    return round(float(scale * np.average((p - y) ** 2, weights=w)), 15)


def multiple_choice_brier_loss(
    outcome_index: ArrayLike,
    probabilities: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    scale: float = 2,
) -> float:
    """Mean over questions of the sum over options of squared errors (lower is better).

    With the default ``scale=2`` this is the plain sum (0-2); ``scale=1`` halves it, the
    0-1 scale on which `forecastbook.scoring.summary` averages it with yes/no questions.

    Parameters
    ----------
    outcome_index
        For each question, the index (column) of the option that happened.
    probabilities
        A 2-D array, one row per question, one column per option; rows sum to 1.
    sample_weight
        Optional non-negative weight of each forecast.
    scale
        2 for the sum of squared errors (0-2), 1 for half of it (0-1).

    Examples
    --------
    >>> multiple_choice_brier_loss([0], [[0.5, 0.3, 0.2]])
    0.38
    >>> multiple_choice_brier_loss([0], [[0.7, 0.3]], scale=1)  # = brier_loss([1], [0.7])
    0.09
    """
    scale = check_scale(scale)
    probs = np.asarray(probabilities, dtype=np.float64)
    if probs.ndim != 2 or probs.shape[1] < 2:
        raise BadInput("probabilities", f"must be 2-D with >= 2 columns, got shape {probs.shape}")
    if not np.isfinite(probs).all() or probs.min() < 0 or probs.max() > 1:
        raise BadInput("probabilities", "contains values outside [0, 1]")
    if not np.allclose(probs.sum(axis=1), 1.0, atol=1e-6):
        raise BadInput("probabilities", "rows must sum to 1")
    index = _array(outcome_index, "outcome_index")
    if index.size != probs.shape[0]:
        raise BadInput("outcome_index", f"has {index.size} values for {probs.shape[0]} rows")
    if not (np.isin(index, np.arange(probs.shape[1]))).all():
        raise BadInput("outcome_index", f"must be whole numbers in [0, {probs.shape[1] - 1}]")
    if index.size == 0:
        raise BadInput("outcome_index", "is empty")
    w = _weights(sample_weight, index.size)
    truth = np.zeros_like(probs)
    truth[np.arange(index.size), index.astype(np.int64)] = 1.0
    loss = np.average(((probs - truth) ** 2).sum(axis=1), weights=w)
    return round(float(scale / 2 * loss), 15)


def log_score(
    y_true: ArrayLike,
    y_prob: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
) -> float:
    """Mean natural log of the probability given to what happened (higher is better, <= 0).

    Exact for every probability: nothing is clipped, so a forecast that gave what happened
    probability 0 makes the mean minus infinity (`certain_wrong_count` counts them;
    `forecastbook.scoring.summary` leaves them out of its mean and reports the count).

    Examples
    --------
    >>> round(log_score([1, 0], [0.8, 0.4]), 6)
    -0.366985
    >>> round(log_score([1], [0.0005]), 4)
    -7.6009
    >>> log_score([1, 1], [0.0, 0.5])
    -inf
    """
    y, p, w = _pair(y_true, y_prob, sample_weight)
    given = np.where(y == 1.0, p, 1.0 - p)
    if (given == 0).any():
        return -math.inf
    return float(np.average(np.log(given), weights=w))


def certain_wrong_count(y_true: ArrayLike, y_prob: ArrayLike) -> int:
    """How many forecasts gave what happened probability 0 (log score minus infinity).

    >>> certain_wrong_count([1, 0, 1], [0.0, 1.0, 0.0005])
    2
    """
    y, p, _ = _pair(y_true, y_prob, None)
    return int((np.where(y == 1.0, p, 1.0 - p) == 0).sum())


def brier_skill_score(loss: float, reference_loss: float) -> float:
    """``1 - loss / reference_loss``: 1 is perfect, 0 no better than the reference.

    >>> brier_skill_score(0.1, 0.25)
    0.6
    """
    for name, value in (("loss", loss), ("reference_loss", reference_loss)):
        if not (isinstance(value, int | float | np.floating) and math.isfinite(value)):
            raise BadInput(name, f"must be a finite number, got {value!r}")
        if value < 0:
            raise BadInput(name, f"must be >= 0, got {value!r}")
    if reference_loss == 0:
        raise BadInput("reference_loss", "is 0, so skill is undefined")
    return round(1.0 - float(loss) / float(reference_loss), 15)


def bin_ids(
    y_prob: npt.NDArray[np.float64], bins: int | str, *, binning: str = "equal-width"
) -> npt.NDArray[np.intp]:
    """Bin index of each probability (module docstring for conventions).

    With ``bins="distinct"`` every distinct value is its own bin (in sorted order).

    >>> bin_ids(np.array([0.0, 0.1, 0.15, 1.0]), 10).tolist()
    [0, 0, 1, 9]
    >>> bin_ids(np.array([0.0, 0.1, 0.15, 1.0]), 10, binning="centred").tolist()
    [0, 1, 2, 10]
    """
    bins = check_bins(bins)
    check_binning(binning)
    if bins == "distinct":
        _, ids = np.unique(y_prob, return_inverse=True)
        return ids.astype(np.intp)
    return bin_forecasts(y_prob, n_bins=int(bins), strategy=binning)[0]


def murphy_decomposition(
    y_true: ArrayLike,
    y_prob: ArrayLike,
    *,
    bins: int | str = 10,
    binning: str = "equal-width",
    sample_weight: ArrayLike | None = None,
    scale: float = 1,
) -> dict[str, float]:
    """Murphy's decomposition of the binary Brier score: ``BS = REL - RES + UNC``.

    Parameters
    ----------
    y_true, y_prob
        Binary outcomes (0/1) and probabilities of yes.
    bins
        Number of bins, or ``"distinct"`` for one bin per distinct forecast value, where
        the identity is exact.
    binning
        ``"equal-width"`` (bins ``(lower, upper]``, the first also holding 0) or
        ``"centred"`` (``bins + 1`` bins centred on ``0, 1/bins, ..., 1``).
    sample_weight
        Optional non-negative weight of each forecast.
    scale
        1 or 2, as in `brier_loss`; every component is multiplied by it.

    Returns
    -------
    dict
        ``reliability`` (lower is better), ``resolution`` (higher is better),
        ``uncertainty``, ``brier`` (the Brier score itself) and ``bins`` (non-empty bins).

    Examples
    --------
    >>> d = murphy_decomposition([1, 0, 1, 1], [0.8, 0.2, 0.8, 0.6], bins="distinct")
    >>> {k: round(v, 4) for k, v in d.items()}
    {'reliability': 0.07, 'resolution': 0.1875, 'uncertainty': 0.1875, 'brier': 0.07, 'bins': 3}
    """
    scale = check_scale(scale)
    y, p, w = _pair(y_true, y_prob, sample_weight)
    ids = bin_ids(p, bins, binning=binning)
    size = int(ids.max()) + 1
    n_k = np.bincount(ids, weights=w, minlength=size)
    sum_p = np.bincount(ids, weights=w * p, minlength=size)
    sum_y = np.bincount(ids, weights=w * y, minlength=size)
    keep = n_k > 0
    n_k, sum_p, sum_y = n_k[keep], sum_p[keep], sum_y[keep]
    total = n_k.sum()
    base = sum_y.sum() / total
    mean_p, mean_y = sum_p / n_k, sum_y / n_k
    reliability = float((n_k * (mean_p - mean_y) ** 2).sum() / total)
    resolution = float((n_k * (mean_y - base) ** 2).sum() / total)
    uncertainty = float(base * (1.0 - base))
    brier = float(np.average((p - y) ** 2, weights=w))
    return {
        "reliability": scale * reliability,
        "resolution": scale * resolution,
        "uncertainty": scale * uncertainty,
        "brier": scale * brier,
        "bins": int(keep.sum()),
    }


# -- frame scores ----------------------------------------------------------------------------


def resolved_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The scored rows of a forecast frame (status ``resolved``)."""
    _check_frame(frame)
    mask = _status_mask(frame, RESOLVED)
    return frame if mask.all() else frame[mask]


def _check_frame(frame: Any) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise BadInput("frame", f"must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in ("question_id", "forecaster", "status", "p", "y") if c not in frame]
    if missing:
        raise BadInput("frame", f"is not a forecast frame (missing {', '.join(missing)})")


def _status_mask(frame: pd.DataFrame, status: str) -> npt.NDArray[np.bool_]:
    return np.asarray((frame["status"] == status).to_numpy(), dtype=bool)


def _binary_mask(rows: pd.DataFrame) -> npt.NDArray[np.bool_]:
    return ~np.isnan(rows["y"].to_numpy(dtype=np.float64))


def _codes(values: pd.Series) -> tuple[npt.NDArray[np.intp], pd.Index]:
    """Integer group codes of `values` and the label of each code (missing -> "(none)")."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.intp)
        labels = pd.Index(values.cat.categories, dtype=object)
    else:
        raw, uniques = pd.factorize(values)
        codes, labels = raw.astype(np.intp), pd.Index(uniques, dtype=object)
    missing = codes < 0
    if missing.any():
        codes = np.where(missing, len(labels), codes)
        labels = labels.append(pd.Index([NONE_LABEL], dtype=object))
    return codes, labels


def base_rate(frame: pd.DataFrame) -> float | None:
    """Share of the scored yes/no forecasts whose question resolved yes (with weights).

    The base rate of the Murphy decomposition: always forecasting it scores the
    uncertainty ``UNC``. A question counts once per forecaster (time-averaged rows by
    their weights). None when the frame has no resolved binary forecast.

    >>> frame = pd.DataFrame({"question_id": ["a", "a", "a", "b"], "forecaster": list("xyzx"),
    ...     "status": "resolved", "p": [0.8, 0.7, 0.9, 0.4], "y": [1.0, 1.0, 1.0, 0.0]})
    >>> base_rate(frame)
    0.75
    """
    rows = resolved_rows(frame)
    binary = _binary_mask(rows)
    if not binary.any():
        return None
    y = rows["y"].to_numpy(dtype=np.float64)[binary]
    w = _row_weights(rows)[binary]
    if w.sum() <= 0:
        return None
    return float(np.average(y, weights=w))


def _row_weights(rows: pd.DataFrame) -> npt.NDArray[np.float64]:
    if "weight" in rows:
        return rows["weight"].to_numpy(dtype=np.float64)
    return np.ones(len(rows))


def _score_arrays(
    rows: pd.DataFrame, *, scale: float, base: float | None
) -> dict[str, npt.NDArray[Any]]:
    """Per-row scores of resolved rows (see `row_scores` for the meaning of each)."""
    y = rows["y"].to_numpy(dtype=np.float64)
    p = rows["p"].to_numpy(dtype=np.float64)
    binary = ~np.isnan(y)
    brier = scale * (p - y) ** 2
    given = np.where(y == 1.0, p, 1.0 - p)
    half = np.full(len(rows), 0.25 * scale)
    log_half = np.full(len(rows), math.log(0.5))
    base_loss = scale * (base - y) ** 2 if base is not None else np.full(len(rows), np.nan)
    if not binary.all():
        mc = np.flatnonzero(~binary)
        probs = rows["probabilities"].to_numpy()[mc]
        outcomes = rows["outcome"].to_numpy()[mc]
        brier[mc] = [
            scale / 2 * sum((q - (o == outcome)) ** 2 for o, q in d.items())
            for d, outcome in zip(probs, outcomes, strict=True)
        ]
        given[mc] = [d[outcome] for d, outcome in zip(probs, outcomes, strict=True)]
        half[mc] = [scale / 2 * (1.0 - 1.0 / len(d)) for d in probs]
        log_half[mc] = [-math.log(len(d)) for d in probs]
    certain_wrong = given <= 0
    with np.errstate(divide="ignore"):
        log = np.where(certain_wrong, np.nan, np.log(np.where(certain_wrong, 1.0, given)))
    return {
        "brier": brier,
        "log_score": log,
        "certain_wrong": certain_wrong,
        "brier_half": half,
        "log_score_half": log_half,
        "brier_base": base_loss,
    }


def row_scores(
    frame: pd.DataFrame,
    *,
    scale: float = 1,
    base: float | None = None,
) -> pd.DataFrame:
    """The resolved rows of `frame` with their scores added as columns.

    Added columns: ``brier`` (on `scale`, for every kind: module docstring),
    ``log_score`` (NaN where the forecast gave what happened 0), ``certain_wrong`` (True
    there), ``brier_half`` and ``log_score_half`` (the scores of always 50% / the same
    probability for every option) and ``brier_base`` (Brier of the base rate `base`,
    binary only; defaults to `base_rate` of the frame).
    """
    scale = check_scale(scale)
    rows = resolved_rows(frame)
    if base is None:
        base = base_rate(frame)
    return rows.assign(**_score_arrays(rows, scale=scale, base=base))


_SCORE_KEYS = ("brier", "log_score", "certain_wrong", "brier_half", "log_score_half")
_SUM_KEYS = (
    "n",
    "n_binary",
    "n_log",
    "brier",
    "brier_binary",
    "yes_binary",
    "log_score",
    "certain_wrong",
    "brier_half",
    "log_score_half",
)


def _weighted(rows: pd.DataFrame, scores: Mapping[str, npt.NDArray[Any]]) -> dict[str, Any]:
    """Per-row weighted terms whose sums `_finish` turns into scores."""
    w = rows["weight"].to_numpy(dtype=np.float64)
    y = rows["y"].to_numpy(dtype=np.float64)
    binary = ~np.isnan(y)
    wb = w * binary
    wrong = np.asarray(scores["certain_wrong"], dtype=bool)
    return {
        "n": w,
        "n_binary": wb,
        "n_log": w * ~wrong,
        "brier": w * scores["brier"],
        "brier_binary": wb * np.where(binary, scores["brier"], 0.0),
        "yes_binary": wb * np.nan_to_num(y),
        "log_score": w * np.nan_to_num(scores["log_score"]),
        "certain_wrong": w * wrong,
        "brier_half": w * scores["brier_half"],
        "log_score_half": w * scores["log_score_half"],
    }


def _finish(
    sums: Mapping[str, npt.NDArray[np.float64]],
    *,
    scale: float,
    base: float | None = None,
    index: Any = None,
) -> pd.DataFrame:
    """Turn weighted sums (arrays over groups) into scores, one row per group.

    The base rate is each group's own (``yes_binary / n_binary``) unless `base` is given.
    """
    n, nb = sums["n"], sums["n_binary"]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = np.where(nb > 0, sums["yes_binary"] / nb, np.nan) if base is None else base
        rate = np.broadcast_to(np.asarray(rate, dtype=np.float64), n.shape)
        brier_binary = np.where(nb > 0, sums["brier_binary"] / nb, np.nan)
        if base is None:
            reference = scale * rate * (1.0 - rate)  # the uncertainty of the decomposition
        else:
            yes = sums["yes_binary"] / nb
            reference = scale * (yes * (1 - base) ** 2 + (1 - yes) * base**2)
        return pd.DataFrame(
            {
                "count": np.rint(n).astype(np.int64),
                "brier": sums["brier"] / n,
                "brier_binary": brier_binary,
                "log_score": np.where(sums["n_log"] > 0, sums["log_score"] / sums["n_log"], np.nan),
                "certain_wrong": np.rint(sums["certain_wrong"]).astype(np.int64),
                "brier_reference": sums["brier_half"] / n,
                "log_score_reference": sums["log_score_half"] / n,
                "brier_skill_vs_half": 1.0 - sums["brier"] / sums["brier_half"],
                "base_rate": rate,
                "brier_skill_vs_base_rate": np.where(
                    reference > 0, 1.0 - brier_binary / reference, np.nan
                ),
            },
            index=index,
        )


def _group_codes(
    rows: pd.DataFrame, by: str
) -> tuple[pd.DataFrame, npt.NDArray[np.intp], list[Any], npt.NDArray[np.intp] | None]:
    """Rows (exploded for tags), group codes, group labels, and for tags each exploded
    row's position in `rows` (None when nothing was exploded)."""
    if by not in BY_CHOICES:
        raise BadInput("by", f"{by!r} is not one of {', '.join(BY_CHOICES)}")
    if by == "tag":
        tags = rows["tags"].map(lambda t: list(t) if t else [NONE_LABEL])
        exploded = rows.assign(_tag=tags).reset_index(drop=True).explode("_tag")
        codes, labels = _codes(exploded["_tag"])
        return exploded, codes, labels, exploded.index.to_numpy()
    codes, labels = _codes(rows[by])
    return rows, codes, labels, None


def score_by(
    frame: pd.DataFrame,
    by: str,
    *,
    scale: float = 1,
    base: float | None = None,
) -> pd.DataFrame:
    """Scores per group: one row per forecaster, tag, group, horizon, source or month.

    Parameters
    ----------
    frame
        A forecast frame.
    by
        One of `BY_CHOICES`. A question with several tags counts under each; a missing
        value is grouped as ``"(none)"``. ``month`` is the month of resolution; ``horizon``
        the lead time bucket (`forecastbook.scoring.frame.HORIZON_BUCKETS`).
    scale
        As in `brier_loss`.
    base
        A base rate for every group's skill score; by default each group's own base rate
        (the share of its scored yes/no forecasts that came true), so that a group's skill
        vs base rate is ``1 - BS / UNC`` of its own decomposition.

    Returns
    -------
    pandas.DataFrame
        Indexed by group label (sorted; horizons by lead time): ``count``, ``open`` (open
        questions) and the columns of `summary`'s scores: ``brier``, ``brier_binary``,
        ``log_score``, ``certain_wrong``, ``brier_reference``, ``log_score_reference``,
        ``brier_skill_vs_half``, ``base_rate``, ``brier_skill_vs_base_rate``. Groups with
        only open questions have NaN scores.
    """
    scale = check_scale(scale)
    if by not in BY_CHOICES:
        raise BadInput("by", f"{by!r} is not one of {', '.join(BY_CHOICES)}")
    rows = resolved_rows(frame)
    scores = _score_arrays(rows, scale=scale, base=None)
    rows, codes, labels, position = _group_codes(rows, by)
    if position is not None:
        scores = {key: np.asarray(value)[position] for key, value in scores.items()}
    terms = _weighted(rows, scores)
    size = len(labels)
    sums = {key: np.bincount(codes, weights=terms[key], minlength=size) for key in _SUM_KEYS}
    seen = np.bincount(codes, minlength=size) > 0
    sums = {key: value[seen] for key, value in sums.items()}
    index = pd.Index([str(label) for label in labels[seen]], dtype=object)
    result = _finish(sums, scale=scale, base=base, index=index)
    open_rows, open_codes, open_labels, _ = _group_codes(frame[_status_mask(frame, OPEN)], by)
    if len(open_rows):
        pairs = pd.DataFrame({"g": open_codes, "q": open_rows["question_id"].to_numpy()})
        unique = pairs.drop_duplicates()
        counts = np.bincount(unique["g"].to_numpy(), minlength=len(open_labels))
        keep = counts > 0
        open_counts = pd.Series(counts[keep], index=[str(x) for x in open_labels[keep]])
    else:
        open_counts = pd.Series(dtype=np.int64)
    result = result.reindex(result.index.union(open_counts.index))
    if by == "horizon":
        result = result.loc[sorted(result.index, key=horizon_order)]
    else:
        result = result.sort_index()
    result["count"] = result["count"].fillna(0).astype(np.int64)
    result["certain_wrong"] = result["certain_wrong"].fillna(0).astype(np.int64)
    result.insert(1, "open", open_counts.reindex(result.index, fill_value=0).astype(np.int64))
    result.index.name = by
    return result


def summary(
    frame: pd.DataFrame,
    *,
    scale: float = 1,
    bins: int = 10,
    binning: str = "equal-width",
) -> dict[str, Any]:
    """Overall scores of a forecast frame as a JSON-ready dict (keys: `SUMMARY_KEYS`).

    ``brier`` averages every scored forecast on one scale (module docstring);
    ``brier_binary`` and ``brier_multiple_choice`` are the two kinds apart;
    ``brier_reference`` and ``log_score_reference`` are the scores of always 50% / the
    same probability for every option on the same rows (what the skill is measured
    against); ``base_rate`` is the base rate of the decomposition, whose Brier score is
    ``uncertainty``, so ``brier_skill_vs_base_rate == 1 - brier_binary / uncertainty``.
    """
    from forecastbook.scoring.calibration import calibration_table

    bins = int(check_bins(bins))
    scale = check_scale(scale)
    check_binning(binning)
    base = base_rate(frame)
    scored = row_scores(frame, scale=scale, base=base)
    terms = _weighted(scored, {k: scored[k].to_numpy() for k in _SCORE_KEYS})
    sums = {key: np.array([np.sum(terms[key])]) for key in _SUM_KEYS}
    totals = _finish(sums, scale=scale).iloc[0] if len(scored) else None
    binary = scored[_binary_mask(scored)]
    open_questions = frame.loc[frame["status"] == OPEN, "question_id"].nunique()
    annulled = frame.loc[frame["status"] == "annulled", "question_id"].nunique()

    def total(key: str) -> float | None:
        return _num(totals[key]) if totals is not None else None

    result: dict[str, Any] = {
        "method": None,
        "as_of": None,
        "scale": int(scale),
        "count": int(totals["count"]) if totals is not None else 0,
        "binary_count": int(np.rint(binary["weight"].sum())),
        "multiple_choice_count": int(np.rint(scored["weight"].sum() - binary["weight"].sum())),
        "questions": int(scored["question_id"].nunique()),
        "open": int(open_questions),
        "annulled": int(annulled),
        "brier": total("brier"),
        "brier_binary": total("brier_binary"),
        "brier_multiple_choice": None,
        "brier_reference": total("brier_reference"),
        "log_score": total("log_score"),
        "log_score_reference": total("log_score_reference"),
        "certain_wrong": int(totals["certain_wrong"]) if totals is not None else 0,
        "brier_skill_vs_half": total("brier_skill_vs_half"),
        "brier_skill_vs_base_rate": total("brier_skill_vs_base_rate"),
        "base_rate": base,
        "reliability": None,
        "resolution": None,
        "uncertainty": None,
        "decomposition_bins": bins,
        "binning": binning,
        "distinct": None,
        "calibration": [],
    }
    mc = scored[~_binary_mask(scored)]
    if len(mc):
        result["brier_multiple_choice"] = float(np.average(mc["brier"], weights=mc["weight"]))
    if len(binary) and binary["weight"].sum() > 0:
        y, p, w = binary["y"], binary["p"], binary["weight"]
        parts = murphy_decomposition(y, p, bins=bins, binning=binning, sample_weight=w, scale=scale)
        result.update({k: parts[k] for k in ("reliability", "resolution", "uncertainty")})
        exact = murphy_decomposition(y, p, bins="distinct", sample_weight=w, scale=scale)
        result["distinct"] = exact
        table = calibration_table(binary, n_bins=bins, strategy=binning)
        result["calibration"] = table.to_dict(orient="records")
    return result


def _num(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def head_to_head(
    frame: pd.DataFrame,
    name: str,
    *,
    others: Sequence[str] | None = None,
    scale: float = 1,
) -> pd.DataFrame:
    """Compare forecaster `name` with each other forecaster on the questions both forecast.

    Parameters
    ----------
    frame
        A forecast frame.
    name
        The forecaster to compare.
    others
        Opponents to include; defaults to everyone else who shares a resolved question.
    scale
        As in `brier_loss`.

    Returns
    -------
    pandas.DataFrame
        Indexed by opponent: ``questions`` (resolved questions both forecast),
        ``brier`` (of `name`), ``opponent_brier``, ``mean_difference`` (`name` minus
        opponent: negative means `name` did better), ``won``, ``tied`` and ``lost``
        (shares of the common questions on which `name` had the lower, equal or higher
        Brier score).
    """
    scored = row_scores(frame, scale=scale)
    if name not in set(frame["forecaster"]):
        raise BadInput("vs", f"no forecaster named {name!r} in the book")
    per_pair = (
        (scored["brier"] * scored["weight"])
        .groupby([scored["question_id"], scored["forecaster"]], sort=True, observed=True)
        .sum()
        .unstack("forecaster")
    )
    columns = ["questions", "brier", "opponent_brier", "mean_difference", "won", "tied", "lost"]
    records = []
    if name in per_pair:
        mine = per_pair[name]
        wanted = others if others is not None else [c for c in per_pair.columns if c != name]
        for other in wanted:
            if other == name or other not in per_pair:
                continue
            theirs = per_pair[other]
            both = mine.notna() & theirs.notna()
            n = int(both.sum())
            if n == 0:
                continue
            a, b = mine[both].to_numpy(), theirs[both].to_numpy()
            diff = a - b
            tied = np.isclose(a, b, rtol=0, atol=1e-12)
            records.append(
                (
                    other,
                    n,
                    float(a.mean()),
                    float(b.mean()),
                    float(diff.mean()),
                    float(((diff < 0) & ~tied).mean()),
                    float(tied.mean()),
                    float(((diff > 0) & ~tied).mean()),
                )
            )
    table = pd.DataFrame.from_records(records, columns=["opponent", *columns])
    return table.set_index("opponent")


def score_book(
    forecasts: Sequence[Forecast],
    *,
    method: str = "final",
    as_of: date | datetime | str | None = None,
    by: str | None = None,
    vs: str | None = None,
    bins: int = 10,
    binning: str = "equal-width",
    scale: float = 1,
    book: Mapping[str, Forecast] | None = None,
    skipped: Sequence[str] = (),
    crowd: Sequence[str] | str = (),
    extremize: float = DEFAULT_EXTREMIZE,
    days: str = "lifetime",
    sort: str | None = None,
    resolved_early: str = "include",
) -> dict[str, Any]:
    """Everything `forecastbook score` prints, as a JSON-ready dict.

    Parameters
    ----------
    forecasts
        The questions (e.g. ``store.load_book(root).forecasts``).
    method, as_of, book
        Which predictions count; see `forecastbook.frame.forecast_frame`.
    by
        A breakdown (one of `BY_CHOICES`); adds ``groups``, a list of dicts with ``by``'s
        value under ``"name"`` and the columns of `score_by`.
    vs
        A forecaster to compare head to head with everyone else; adds ``vs``, a list of
        dicts from `head_to_head`.
    bins, binning
        Decomposition and calibration bins: how many, and ``"equal-width"`` or
        ``"centred"`` (`forecastbook.scoring.calibration.bin_forecasts`).
    scale
        Brier scale (1 or 2).
    skipped
        The files of the book that could not be read (one message each), counted in
        ``accounting`` and listed under ``skipped``.
    crowd, extremize
        Aggregate forecasters (``"all"``, or names from
        `forecastbook.scoring.crowd.AGGREGATES`) listed beside the people with
        ``by="forecaster"`` and compared with `vs`; the extremizing factor. They never
        enter the book's overall scores.
    days
        ``"lifetime"`` or ``"own"``: how time-averaged relative, peer and baseline scores
        count the days before a forecaster's first forecast
        (`forecastbook.scoring.relative`).
    sort
        With ``by="forecaster"``: order the rows by this column (`SORTS`; best first,
        ties and missing values by name); default ``relative_brier``. Other breakdowns
        keep their order (by name; horizons by lead time) unless `sort` is given.
    resolved_early
        ``"include"`` (default), ``"exclude"`` or ``"split"``: questions that resolved well
        before their resolve-by date (`forecastbook.scoring.early`); ``resolved_early``
        counts them in any case, and ``split`` adds ``resolved_early_split`` (the
        columns of `score_by` for the early and the on-time questions).

    Returns
    -------
    dict
        Keys `SUMMARY_KEYS` (plus ``groups``/``vs`` when asked for), ``conventions``,
        ``accounting`` (`forecastbook.scoring.frame.account`: where every file went) and
        ``skipped``. With ``by="forecaster"`` each group also has the columns of
        `forecastbook.scoring.relative.relative_scores` (``shared``, ``relative_brier``,
        ``peer_score``, ``baseline_score``).
    """
    from forecastbook.scoring.early import (
        check_resolved_early,
        early_mask,
        early_questions,
        timing_labels,
    )
    from forecastbook.scoring.relative import check_days, relative_scores

    aggregates = check_aggregates(crowd)
    check_days(days)
    if sort is not None and sort not in SORTS:
        raise BadInput("sort", f"{sort!r} is not one of {', '.join(SORTS)}")
    with_crowd = aggregates if (by == "forecaster" or vs is not None) else ()
    frame = forecast_frame(
        forecasts, method=method, as_of=as_of, book=book, crowd=with_crowd, extremize=extremize
    )
    people = frame[~crowd_mask(frame)] if with_crowd else frame
    check_resolved_early(resolved_early)
    early_count = early_questions(people)
    if resolved_early == "exclude":
        frame = frame[~early_mask(frame)]
        people = people[~early_mask(people)]
    result = summary(people, scale=scale, bins=bins, binning=binning)
    result["resolved_early"] = early_count
    result["resolved_early_mode"] = resolved_early
    if resolved_early == "split":
        rows = resolved_rows(people)
        # The two parts are scored as `score_by` scores any breakdown: by a column.
        parts = score_by(rows.assign(group=timing_labels(rows)), "group", scale=scale)
        result["resolved_early_split"] = _records(parts, "name")
    result["method"] = method
    result["as_of"] = str(as_of) if as_of is not None else None
    result["crowd"] = [PREFIX + a for a in aggregates]
    result["extremize"] = float(extremize)
    result["days"] = days
    if by is not None:
        groups = score_by(frame if by == "forecaster" else people, by, scale=scale)
        if by == "forecaster":
            relative = relative_scores(frame, method=method, scale=scale, days=days)
            groups = groups.join(relative, how="left")
            groups["shared"] = groups["shared"].fillna(0).astype(np.int64)
            sort = sort or "relative_brier"
        if sort is not None and sort != "name":
            groups = sort_groups(groups, sort)
        result["by"] = by
        result["sort"] = sort or "name"
        result["groups"] = _records(groups, "name")
    if vs is not None:
        result["vs_name"] = vs
        result["vs"] = _records(head_to_head(frame, vs, scale=scale), "opponent")
    result["conventions"] = conventions(
        scale=scale, bins=bins, binning=binning, extremize=extremize, days=days
    )
    result["accounting"] = account(forecasts, as_of=as_of, invalid=len(skipped))
    result["skipped"] = list(skipped)
    return result


_HIGHER_IS_BETTER = frozenset({"log_score", "peer_score", "baseline_score"})


def sort_groups(groups: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Best first by `sort` (missing values last), ties by name."""
    if sort not in groups:
        raise BadInput("sort", f"{sort!r} is only available with --by forecaster")
    values = groups[sort].to_numpy(dtype=np.float64)
    key = -values if sort in _HIGHER_IS_BETTER else values
    order = np.lexsort(([str(i) for i in groups.index], np.nan_to_num(key, nan=np.inf)))
    return groups.iloc[order]


def crowd_mask(frame: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """True on the rows of aggregate forecasters (``crowd:...``)."""
    names = frame["forecaster"]
    if isinstance(names.dtype, pd.CategoricalDtype):
        crowd = np.array([is_crowd(str(c)) for c in names.cat.categories], dtype=bool)
        codes = names.cat.codes.to_numpy()
        return np.where(codes >= 0, crowd[np.maximum(codes, 0)] if len(crowd) else False, False)
    return np.array([is_crowd(str(n)) for n in names], dtype=bool)


def _records(table: pd.DataFrame, key: str) -> list[dict[str, Any]]:
    out = []
    for label, row in zip(table.index, table.to_dict(orient="records"), strict=True):
        record: dict[str, Any] = {key: str(label)}
        for column, value in row.items():
            if isinstance(value, np.integer | int) and not isinstance(value, bool):
                record[str(column)] = int(value)
            else:
                record[str(column)] = _num(value)
        out.append(record)
    return out


SUMMARY_KEYS: tuple[str, ...] = (
    "method",
    "as_of",
    "scale",
    "count",
    "binary_count",
    "multiple_choice_count",
    "questions",
    "open",
    "annulled",
    "brier",
    "brier_binary",
    "brier_multiple_choice",
    "brier_reference",
    "log_score",
    "log_score_reference",
    "certain_wrong",
    "brier_skill_vs_half",
    "brier_skill_vs_base_rate",
    "base_rate",
    "reliability",
    "resolution",
    "uncertainty",
    "decomposition_bins",
    "binning",
    "distinct",
    "calibration",
)
"""Keys of `summary` / `score_book` (``count``: scored forecasts, i.e. question and
forecaster pairs; ``open``: open questions; ``annulled``: every unscored resolved question:
annulled, ambiguous, or conditional with its condition failed (`account` tells them apart);
``brier_reference``/``log_score_reference``: always 50% / the same probability for every
option, on the same rows; ``certain_wrong``:
forecasts that gave what happened 0, left out of ``log_score``; ``distinct``: the
decomposition on distinct-value bins; ``calibration``: list of bins from
`calibration_table`; see `summary`)."""


def scored_rows(
    forecasts: Sequence[Forecast],
    *,
    method: str = "final",
    as_of: date | datetime | str | None = None,
    scale: float = 1,
    book: Mapping[str, Forecast] | None = None,
) -> pd.DataFrame:
    """Per-row scores (what `forecastbook score --csv` writes): one row per scored forecast.

    Columns: `ROW_COLUMNS` (probabilities of multiple-choice rows as ``a=0.2;b=0.8``).
    """
    frame = forecast_frame(forecasts, method=method, as_of=as_of, book=book)
    scored = row_scores(frame, scale=scale)
    out = scored.assign(
        probability=[
            (f"{p!r}" if d is None else ";".join(f"{k}={v!r}" for k, v in d.items()))
            for p, d in zip(scored["p"], scored["probabilities"], strict=True)
        ],
        tags=scored["tags"].map(lambda t: ";".join(t)),
    )
    return out[list(ROW_COLUMNS)].reset_index(drop=True)


ROW_COLUMNS: tuple[str, ...] = (
    "question_id",
    "forecaster",
    "kind",
    "probability",
    "outcome",
    "weight",
    "prediction_at",
    "resolved_at",
    "brier",
    "log_score",
    "certain_wrong",
    "tags",
    "group",
    "horizon",
    "source",
    "month",
)
