"""Scores of forecasts: Brier, log score, skill, Murphy decomposition, breakdowns, head to head.

Numbers only (numpy and pandas). Names follow scikit-learn: ``*_loss`` is lower-is-better
and ``*_score`` higher-is-better. The array functions (`brier_loss`, `log_score`,
`murphy_decomposition`, ...) take plain arrays; the frame functions (`row_scores`,
`summary`, `score_by`, `head_to_head`, `score_book`) take a forecast frame from
`forecastbook.frame.forecast_frame` and honour its ``weight`` column (time averaging).

Conventions
-----------
Brier score
    Binary: mean of ``(p - outcome)**2`` on the 0-1 scale; ``scale=2`` gives the Good
    Judgment 0-2 convention (twice the 0-1 value). Multiple choice: the sum over options
    of squared errors, 0-2, whatever `scale` is (for binary questions that sum equals the
    ``scale=2`` value, so ``scale=2`` makes the two kinds comparable).
Log score
    Mean natural log of the probability given to what happened (0 is perfect, higher is
    better). Probabilities below `LOG_EPSILON` are raised to it before the log, so a
    certain forecast that turned out wrong scores ``log(LOG_EPSILON)`` (about -6.91)
    rather than minus infinity; such forecasts are counted as ``clipped``.
Skill
    ``1 - brier / reference``: against always 50% (binary) or the uniform distribution
    (multiple choice), and against the book's base rate (binary only: the share of
    resolved binary questions, each counted once, that resolved yes).
Murphy decomposition
    ``BS = REL - RES + UNC`` for binary forecasts, exact when bins are the distinct
    forecast values (``bins="distinct"``). With ``bins=N`` the bins are N equal-width
    intervals closed on the right, ``(lower, upper]``, the first one also holding 0 (the
    scikit-learn `calibration_curve` convention); the identity is then approximate.
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
from forecastbook.scoring.frame import OPEN, RESOLVED, account, forecast_frame
from forecastbook.scoring.options import BY_CHOICES as BY_CHOICES
from forecastbook.scoring.options import LOG_EPSILON as LOG_EPSILON
from forecastbook.scoring.options import check_scale as check_scale
from forecastbook.scoring.options import conventions as conventions

NONE_LABEL = "(none)"

# -- validation ------------------------------------------------------------------------------


def check_eps(eps: float) -> float:
    """`eps` if it is in (0, 0.5), else `BadInput` naming it."""
    if not (isinstance(eps, int | float) and 0 < eps < 0.5):
        raise BadInput("eps", f"must be a number in (0, 0.5), got {eps!r}")
    return float(eps)


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
) -> float:
    """Mean over questions of the sum over options of squared errors (0-2, lower is better).

    Parameters
    ----------
    outcome_index
        For each question, the index (column) of the option that happened.
    probabilities
        A 2-D array, one row per question, one column per option; rows sum to 1.
    sample_weight
        Optional non-negative weight of each forecast.

    Examples
    --------
    >>> multiple_choice_brier_loss([0], [[0.5, 0.3, 0.2]])
    0.38
    """
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
    return round(float(np.average(((probs - truth) ** 2).sum(axis=1), weights=w)), 15)


def log_score(
    y_true: ArrayLike,
    y_prob: ArrayLike,
    *,
    sample_weight: ArrayLike | None = None,
    eps: float = LOG_EPSILON,
) -> float:
    """Mean natural log of the probability given to what happened (higher is better, <= 0).

    The probability given to the outcome is clipped below at `eps` (`LOG_EPSILON`), so a
    wrong certain forecast scores ``log(eps)``; `clipped_count` counts such forecasts.

    Examples
    --------
    >>> round(log_score([1, 0], [0.8, 0.4]), 6)
    -0.366985
    >>> round(log_score([1], [0.0]), 4)  # clipped at 0.001
    -6.9078
    """
    eps = check_eps(eps)
    y, p, w = _pair(y_true, y_prob, sample_weight)
    given = np.where(y == 1.0, p, 1.0 - p)
    return float(np.average(np.log(np.maximum(given, eps)), weights=w))


def clipped_count(y_true: ArrayLike, y_prob: ArrayLike, *, eps: float = LOG_EPSILON) -> int:
    """How many forecasts gave what happened a probability below `eps` (log score clipped).

    >>> clipped_count([1, 0, 1], [0.0, 1.0, 0.5])
    2
    """
    eps = check_eps(eps)
    y, p, _ = _pair(y_true, y_prob, None)
    return int((np.where(y == 1.0, p, 1.0 - p) < eps).sum())


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
    y_prob: npt.NDArray[np.float64], bins: int | str
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    """Bin index of each probability and the bin edges (module docstring for conventions).

    With ``bins="distinct"`` every distinct value is its own bin and the edges are the
    sorted distinct values (bin i holds exactly ``edges[i]``).

    >>> ids, edges = bin_ids(np.array([0.0, 0.1, 0.15, 1.0]), 10)
    >>> ids.tolist()
    [0, 0, 1, 9]
    """
    bins = check_bins(bins)
    if bins == "distinct":
        edges, ids = np.unique(y_prob, return_inverse=True)
        return ids.astype(np.intp), edges
    edges = np.linspace(0.0, 1.0, int(bins) + 1)
    return np.searchsorted(edges[1:-1], y_prob).astype(np.intp), edges


def murphy_decomposition(
    y_true: ArrayLike,
    y_prob: ArrayLike,
    *,
    bins: int | str = 10,
    sample_weight: ArrayLike | None = None,
    scale: float = 1,
) -> dict[str, float]:
    """Murphy's decomposition of the binary Brier score: ``BS = REL - RES + UNC``.

    Parameters
    ----------
    y_true, y_prob
        Binary outcomes (0/1) and probabilities of yes.
    bins
        Number of equal-width bins ``(lower, upper]`` (the first also holds 0), or
        ``"distinct"`` for one bin per distinct forecast value, where the identity is exact.
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
    ids, _ = bin_ids(p, bins)
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


def _question_codes(values: pd.Series) -> tuple[npt.NDArray[np.intp], int]:
    """Integer codes of question ids and how many there can be (no labels: cheap)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.intp), len(values.cat.categories)
    raw, uniques = pd.factorize(values)
    return raw.astype(np.intp), len(uniques)


def base_rate(frame: pd.DataFrame) -> float | None:
    """Share of resolved binary questions (each counted once) that resolved yes.

    None when the frame has no resolved binary question.
    """
    rows = resolved_rows(frame)
    binary = _binary_mask(rows)
    if not binary.any():
        return None
    codes, size = _question_codes(rows["question_id"])
    if not binary.all():
        codes = codes[binary]
    y = rows["y"].to_numpy(dtype=np.float64)
    count = np.bincount(codes, minlength=size)
    yes = np.bincount(codes, weights=y if binary.all() else y[binary], minlength=size)
    seen = count > 0
    return float((yes[seen] / count[seen]).mean())


def _score_arrays(
    rows: pd.DataFrame, *, scale: float, eps: float, base: float | None
) -> dict[str, npt.NDArray[Any]]:
    """Per-row scores of resolved rows (see `row_scores` for the meaning of each)."""
    y = rows["y"].to_numpy(dtype=np.float64)
    p = rows["p"].to_numpy(dtype=np.float64)
    binary = ~np.isnan(y)
    brier = scale * (p - y) ** 2
    given = np.where(y == 1.0, p, 1.0 - p)
    half = np.full(len(rows), 0.25 * scale)
    base_loss = scale * (base - y) ** 2 if base is not None else np.full(len(rows), np.nan)
    if not binary.all():
        mc = np.flatnonzero(~binary)
        probs = rows["probabilities"].to_numpy()[mc]
        outcomes = rows["outcome"].to_numpy()[mc]
        brier[mc] = [
            sum((q - (o == outcome)) ** 2 for o, q in d.items())
            for d, outcome in zip(probs, outcomes, strict=True)
        ]
        given[mc] = [d[outcome] for d, outcome in zip(probs, outcomes, strict=True)]
        half[mc] = [1.0 - 1.0 / len(d) for d in probs]
    return {
        "brier": brier,
        "log_score": np.log(np.maximum(given, eps)),
        "clipped": given < eps,
        "brier_half": half,
        "brier_base": base_loss,
    }


def row_scores(
    frame: pd.DataFrame,
    *,
    scale: float = 1,
    eps: float = LOG_EPSILON,
    base: float | None = None,
) -> pd.DataFrame:
    """The resolved rows of `frame` with their scores added as columns.

    Added columns: ``brier`` (binary on `scale`, multiple choice 0-2), ``log_score``,
    ``clipped`` (True where the log score was clipped at `eps`), ``brier_half`` (Brier of
    always 50% / uniform) and ``brier_base`` (Brier of the base rate `base`, binary only;
    defaults to `base_rate` of the frame).
    """
    scale = check_scale(scale)
    eps = check_eps(eps)
    rows = resolved_rows(frame)
    if base is None:
        base = base_rate(frame)
    return rows.assign(**_score_arrays(rows, scale=scale, eps=eps, base=base))


_SCORE_KEYS = ("brier", "log_score", "clipped", "brier_half", "brier_base")
_SUM_KEYS = (
    "n",
    "n_binary",
    "brier",
    "brier_binary",
    "log_score",
    "clipped",
    "brier_half",
    "brier_base",
)


def _weighted(rows: pd.DataFrame, scores: Mapping[str, npt.NDArray[Any]]) -> dict[str, Any]:
    """Per-row weighted terms whose sums `_finish` turns into scores."""
    w = rows["weight"].to_numpy(dtype=np.float64)
    binary = ~np.isnan(rows["y"].to_numpy(dtype=np.float64))
    brier = scores["brier"]
    ones = bool((w == 1.0).all())
    if ones:
        # the common case (method "final"): skip a dozen multiplications of long arrays
        terms = {
            "n": w,
            "brier": brier,
            "log_score": scores["log_score"],
            "clipped": scores["clipped"].astype(np.float64),
            "brier_half": scores["brier_half"],
        }
    else:
        terms = {
            "n": w,
            "brier": w * brier,
            "log_score": w * scores["log_score"],
            "clipped": w * scores["clipped"],
            "brier_half": w * scores["brier_half"],
        }
    if binary.all():
        terms["n_binary"] = terms["n"]
        terms["brier_binary"] = terms["brier"]
        base = np.nan_to_num(scores["brier_base"])
        terms["brier_base"] = base if ones else w * base
    else:
        wb = w * binary
        terms["n_binary"] = wb
        terms["brier_binary"] = wb * np.where(binary, brier, 0.0)
        terms["brier_base"] = wb * np.nan_to_num(scores["brier_base"])
    return terms


def _finish(sums: Mapping[str, npt.NDArray[np.float64]], index: Any = None) -> pd.DataFrame:
    """Turn weighted sums (arrays over groups) into scores, one row per group."""
    n, nb = sums["n"], sums["n_binary"]
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame(
            {
                "count": np.rint(n).astype(np.int64),
                "brier": sums["brier"] / n,
                "brier_binary": np.where(nb > 0, sums["brier_binary"] / nb, np.nan),
                "log_score": sums["log_score"] / n,
                "clipped": np.rint(sums["clipped"]).astype(np.int64),
                "brier_skill_vs_half": 1.0 - sums["brier"] / sums["brier_half"],
                "brier_skill_vs_base_rate": np.where(
                    sums["brier_base"] > 0, 1.0 - sums["brier_binary"] / sums["brier_base"], np.nan
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
    eps: float = LOG_EPSILON,
    base: float | None = None,
) -> pd.DataFrame:
    """Scores per group: one row per forecaster, tag, group, horizon, source or month.

    Parameters
    ----------
    frame
        A forecast frame.
    by
        One of `BY_CHOICES`. A question with several tags counts under each; a missing
        value is grouped as ``"(none)"``. ``month`` is the month of resolution.
    scale, eps
        As in `brier_loss` and `log_score`.
    base
        Base rate for the skill score; defaults to the whole frame's `base_rate`, so every
        group is compared with the same book-wide reference.

    Returns
    -------
    pandas.DataFrame
        Indexed by group label (sorted): ``count``, ``open`` (open questions), ``brier``,
        ``brier_binary``, ``log_score``, ``clipped``, ``brier_skill_vs_half``,
        ``brier_skill_vs_base_rate``. Groups with only open questions have NaN scores.
    """
    scale = check_scale(scale)
    eps = check_eps(eps)
    if by not in BY_CHOICES:
        raise BadInput("by", f"{by!r} is not one of {', '.join(BY_CHOICES)}")
    if base is None:
        base = base_rate(frame)
    rows = resolved_rows(frame)
    scores = _score_arrays(rows, scale=scale, eps=eps, base=base)
    rows, codes, labels, position = _group_codes(rows, by)
    if position is not None:
        scores = {key: np.asarray(value)[position] for key, value in scores.items()}
    terms = _weighted(rows, scores)
    size = len(labels)
    done: dict[int, npt.NDArray[np.float64]] = {}  # terms often share arrays: sum each once
    sums = {}
    for key in _SUM_KEYS:
        array = terms[key]
        if id(array) not in done:
            done[id(array)] = np.bincount(codes, weights=array, minlength=size)
        sums[key] = done[id(array)]
    seen = np.bincount(codes, minlength=size) > 0
    sums = {key: value[seen] for key, value in sums.items()}
    result = _finish(sums, index=pd.Index([str(label) for label in labels[seen]], dtype=object))
    open_rows, open_codes, open_labels, _ = _group_codes(frame[_status_mask(frame, OPEN)], by)
    if len(open_rows):
        pairs = pd.DataFrame({"g": open_codes, "q": open_rows["question_id"].to_numpy()})
        unique = pairs.drop_duplicates()
        counts = np.bincount(unique["g"].to_numpy(), minlength=len(open_labels))
        keep = counts > 0
        open_counts = pd.Series(counts[keep], index=[str(x) for x in open_labels[keep]])
    else:
        open_counts = pd.Series(dtype=np.int64)
    result = result.reindex(result.index.union(open_counts.index)).sort_index()
    result["count"] = result["count"].fillna(0).astype(np.int64)
    result["clipped"] = result["clipped"].fillna(0).astype(np.int64)
    result.insert(1, "open", open_counts.reindex(result.index, fill_value=0).astype(np.int64))
    result.index.name = by
    return result


def summary(
    frame: pd.DataFrame,
    *,
    scale: float = 1,
    bins: int = 10,
    eps: float = LOG_EPSILON,
) -> dict[str, Any]:
    """Overall scores of a forecast frame as a JSON-ready dict (keys: `SUMMARY_KEYS`)."""
    from forecastbook.scoring.calibration import calibration_table

    bins = int(check_bins(bins))
    scale = check_scale(scale)
    base = base_rate(frame)
    scored = row_scores(frame, scale=scale, eps=eps, base=base)
    terms = _weighted(scored, {k: scored[k].to_numpy() for k in _SCORE_KEYS})
    sums = {key: np.array([np.sum(terms[key])]) for key in _SUM_KEYS}
    totals = _finish(sums).iloc[0] if len(scored) else None
    binary = scored[_binary_mask(scored)]
    open_questions = frame.loc[frame["status"] == OPEN, "question_id"].nunique()
    annulled = frame.loc[frame["status"] == "annulled", "question_id"].nunique()
    result: dict[str, Any] = {
        "method": None,
        "as_of": None,
        "count": int(totals["count"]) if totals is not None else 0,
        "binary_count": int(np.rint(binary["weight"].sum())),
        "multiple_choice_count": int(np.rint(scored["weight"].sum() - binary["weight"].sum())),
        "questions": int(scored["question_id"].nunique()),
        "open": int(open_questions),
        "annulled": int(annulled),
        "brier": _num(totals["brier"]) if totals is not None else None,
        "brier_binary": _num(totals["brier_binary"]) if totals is not None else None,
        "brier_multiple_choice": None,
        "log_score": _num(totals["log_score"]) if totals is not None else None,
        "clipped": int(totals["clipped"]) if totals is not None else 0,
        "brier_skill_vs_half": _num(totals["brier_skill_vs_half"]) if totals is not None else None,
        "brier_skill_vs_base_rate": (
            _num(totals["brier_skill_vs_base_rate"]) if totals is not None else None
        ),
        "base_rate": base,
        "reliability": None,
        "resolution": None,
        "uncertainty": None,
        "decomposition_bins": bins,
        "distinct": None,
        "calibration": [],
    }
    mc = scored[~_binary_mask(scored)]
    if len(mc):
        result["brier_multiple_choice"] = float(np.average(mc["brier"], weights=mc["weight"]))
    if len(binary) and binary["weight"].sum() > 0:
        y, p, w = binary["y"], binary["p"], binary["weight"]
        parts = murphy_decomposition(y, p, bins=bins, sample_weight=w, scale=scale)
        result.update({k: parts[k] for k in ("reliability", "resolution", "uncertainty")})
        exact = murphy_decomposition(y, p, bins="distinct", sample_weight=w, scale=scale)
        result["distinct"] = exact
        table = calibration_table(binary, n_bins=bins)
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
    scale: float = 1,
    eps: float = LOG_EPSILON,
    book: Mapping[str, Forecast] | None = None,
    skipped: Sequence[str] = (),
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
    bins, scale, eps
        Decomposition and calibration bins, Brier scale (1 or 2), log-score epsilon.
    skipped
        The files of the book that could not be read (one message each), counted in
        ``accounting`` and listed under ``skipped``.

    Returns
    -------
    dict
        Keys `SUMMARY_KEYS` (plus ``groups``/``vs`` when asked for), ``conventions``,
        ``accounting`` (`forecastbook.scoring.frame.account`: where every file went) and
        ``skipped``.
    """
    frame = forecast_frame(forecasts, method=method, as_of=as_of, book=book)
    result = summary(frame, scale=scale, bins=bins, eps=eps)
    result["method"] = method
    result["as_of"] = str(as_of) if as_of is not None else None
    if by is not None:
        groups = score_by(frame, by, scale=scale, eps=eps)
        result["by"] = by
        result["groups"] = _records(groups, "name")
    if vs is not None:
        result["vs_name"] = vs
        result["vs"] = _records(head_to_head(frame, vs, scale=scale), "opponent")
    result["conventions"] = conventions(scale=scale, bins=bins, eps=eps)
    result["accounting"] = account(forecasts, as_of=as_of, invalid=len(skipped))
    result["skipped"] = list(skipped)
    return result


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
    "count",
    "binary_count",
    "multiple_choice_count",
    "questions",
    "open",
    "annulled",
    "brier",
    "brier_binary",
    "brier_multiple_choice",
    "log_score",
    "clipped",
    "brier_skill_vs_half",
    "brier_skill_vs_base_rate",
    "base_rate",
    "reliability",
    "resolution",
    "uncertainty",
    "decomposition_bins",
    "distinct",
    "calibration",
)
"""Keys of `summary` / `score_book` (``count``: scored forecasts, i.e. question and
forecaster pairs; ``open``: open questions; ``annulled``: annulled questions and
conditional questions whose condition failed; ``distinct``: the decomposition on
distinct-value bins; ``calibration``: list of bins from `calibration_table`)."""


def scored_rows(
    forecasts: Sequence[Forecast],
    *,
    method: str = "final",
    as_of: date | datetime | str | None = None,
    scale: float = 1,
    eps: float = LOG_EPSILON,
    book: Mapping[str, Forecast] | None = None,
) -> pd.DataFrame:
    """Per-row scores (what `forecastbook score --csv` writes): one row per scored forecast.

    Columns: `ROW_COLUMNS` (probabilities of multiple-choice rows as ``a=0.2;b=0.8``).
    """
    frame = forecast_frame(forecasts, method=method, as_of=as_of, book=book)
    scored = row_scores(frame, scale=scale, eps=eps)
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
    "clipped",
    "tags",
    "group",
    "horizon",
    "source",
    "month",
)
