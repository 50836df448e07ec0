"""Calibration tables: per probability bin, how often forecasts came true.

Binning (`bin_forecasts`)
-------------------------
``"equal-width"`` (scikit-learn's ``"uniform"``, also accepted)
    As scikit-learn's `calibration_curve`: `n_bins` equal-width bins closed on the right,
    ``(lower, upper]``, the first one also holding 0; bin of each forecast by
    `numpy.searchsorted` on the inner edges. Edges are ``i / n_bins``, so they print clean
    (0.3, not 0.30000000000000004).
``"centred"``
    ``n_bins + 1`` bins centred on the round values ``0, 1/n_bins, ..., 1`` (0%, 10%, ...,
    100% for 10), each ``+- 1/(2 n_bins)`` wide and cut at 0 and 1, so a 70% forecast sits in
    the middle of the 70% bin, as people forecast and as Fatebook draws. A forecast exactly
    halfway between two centres goes to the upper one; bin edges are ``[lower, upper)``,
    the last one including 1.
``"quantile"``
    Edges at percentiles of the forecasts (equal-count bins), closed on the right.

Sums by `numpy.bincount`; empty bins are dropped. Each bin also gets its count and a 95%
Wilson score interval for the observed frequency.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from forecastbook.errors import BadInput
from forecastbook.scoring._numeric import _pair

TABLE_COLUMNS: tuple[str, ...] = (
    "lower",
    "upper",
    "count",
    "mean_forecast",
    "observed",
    "ci_low",
    "ci_high",
)
STRATEGIES: tuple[str, ...] = ("equal-width", "centred", "quantile", "uniform")
Z_95 = 1.959963984540054


def wilson_interval(
    successes: npt.ArrayLike, n: npt.ArrayLike, *, z: float = Z_95
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Wilson score interval for a proportion (95% by default), elementwise.

    `successes` and `n` may be fractional (weighted counts); `n` must be positive.

    >>> low, high = wilson_interval([8], [10])
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.4902, 0.9433)
    """
    k = np.asarray(successes, dtype=np.float64)
    total = np.asarray(n, dtype=np.float64)
    if (total <= 0).any():
        raise BadInput("n", "must be positive")
    if ((k < 0) | (k > total)).any():
        raise BadInput("successes", "must be between 0 and n")
    phat = k / total
    z2 = z * z
    denom = 1.0 + z2 / total
    center = (phat + z2 / (2 * total)) / denom
    half = z / denom * np.sqrt(phat * (1 - phat) / total + z2 / (4 * total * total))
    return np.clip(center - half, 0.0, 1.0), np.clip(center + half, 0.0, 1.0)


def check_strategy(strategy: str) -> str:
    """`strategy` if it is one of `STRATEGIES` (``"uniform"`` read as ``"equal-width"``)."""
    if strategy not in STRATEGIES:
        raise BadInput("strategy", f"{strategy!r} is not one of {', '.join(STRATEGIES)}")
    return "equal-width" if strategy == "uniform" else strategy


def check_n_bins(n_bins: int) -> int:
    """`n_bins` if it is a positive whole number, else `BadInput` naming it."""
    if isinstance(n_bins, bool) or not isinstance(n_bins, int | np.integer) or n_bins < 1:
        raise BadInput("n_bins", f"must be a positive whole number, got {n_bins!r}")
    return int(n_bins)


def bin_forecasts(
    p: npt.NDArray[np.float64], *, n_bins: int = 10, strategy: str = "equal-width"
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The bin of each probability, and the lower and upper edge of every bin.

    See the module docstring for the strategies. Bins are numbered from 0; the edge arrays
    have one value per bin (empty bins included).

    >>> ids, lower, upper = bin_forecasts(np.array([0.0, 0.05, 0.7, 0.96]), strategy="centred")
    >>> ids.tolist(), float(lower[7]), float(upper[7])
    ([0, 1, 7, 10], 0.65, 0.75)
    >>> ids, lower, upper = bin_forecasts(np.array([0.0, 0.3, 0.31]), n_bins=10)
    >>> ids.tolist(), float(upper[2])
    ([0, 2, 3], 0.3)
    """
    n_bins = check_n_bins(n_bins)
    strategy = check_strategy(strategy)
    if strategy == "centred":
        # round(, 9) first: 0.15 * 10 is 1.4999999999999998 in floating point
        ids = np.floor(np.round(p * n_bins, 9) + 0.5).astype(np.intp)
        k = np.arange(n_bins + 1)
        lower = np.maximum((2 * k - 1) / (2 * n_bins), 0.0)
        upper = np.minimum((2 * k + 1) / (2 * n_bins), 1.0)
        return ids, lower, upper
    if strategy == "quantile":
        edges = np.percentile(p, np.linspace(0, 100, n_bins + 1)) if p.size else np.zeros(2)
    else:
        edges = np.arange(n_bins + 1) / n_bins
    ids = np.searchsorted(edges[1:-1], p).astype(np.intp)
    return ids, edges[:-1], edges[1:]


def calibration_bins(
    y_true: npt.ArrayLike,
    y_prob: npt.ArrayLike,
    *,
    n_bins: int = 10,
    strategy: str = "equal-width",
    sample_weight: npt.ArrayLike | None = None,
) -> pd.DataFrame:
    """The calibration table of binary outcomes and probabilities.

    Parameters
    ----------
    y_true
        Outcomes, 1 for yes and 0 for no.
    y_prob
        Probabilities of yes, in [0, 1].
    n_bins
        Number of bins (``"centred"``: one more, centred on ``0, 1/n_bins, ..., 1``).
    strategy
        ``"equal-width"`` (or ``"uniform"``), ``"centred"`` or ``"quantile"`` (module
        docstring).
    sample_weight
        Optional non-negative weights (time-averaged rows); counts are then weighted.

    Returns
    -------
    pandas.DataFrame
        One row per non-empty bin, columns `TABLE_COLUMNS`: bin edges ``lower`` and
        ``upper``, ``count`` (int when unweighted), ``mean_forecast``, ``observed``
        frequency, and the Wilson interval ``ci_low``/``ci_high``.

    Examples
    --------
    >>> calibration_bins([0, 0, 1, 1], [0.1, 0.3, 0.65, 0.8], n_bins=2)
       lower  upper  count  mean_forecast  observed   ci_low  ci_high
    0    0.0    0.5      2          0.200       0.0  0.00000  0.65762
    1    0.5    1.0      2          0.725       1.0  0.34238  1.00000
    """
    check_n_bins(n_bins)
    check_strategy(strategy)
    weighted = sample_weight is not None
    y, p, w = _pair(y_true, y_prob, sample_weight)
    ids, lower, upper = bin_forecasts(p, n_bins=n_bins, strategy=strategy)
    size = len(lower)
    count = np.bincount(ids, weights=w, minlength=size)
    sum_p = np.bincount(ids, weights=w * p, minlength=size)
    sum_y = np.bincount(ids, weights=w * y, minlength=size)
    keep = count > 0
    count, sum_p, sum_y = count[keep], sum_p[keep], sum_y[keep]
    low, high = wilson_interval(np.minimum(sum_y, count), count)
    table = pd.DataFrame(
        {
            "lower": lower[keep],
            "upper": upper[keep],
            "count": count if weighted else np.rint(count).astype(np.int64),
            "mean_forecast": sum_p / count,
            "observed": sum_y / count,
            "ci_low": low,
            "ci_high": high,
        }
    )
    return table.reset_index(drop=True)


def calibration_table(
    frame: pd.DataFrame, *, n_bins: int = 10, strategy: str = "equal-width"
) -> pd.DataFrame:
    """The calibration table of the resolved binary rows of a forecast frame.

    Parameters
    ----------
    frame
        A forecast frame (`forecastbook.frame.forecast_frame`), or any DataFrame with
        columns ``y`` (0/1, NaN rows are skipped) and ``p``, and optionally ``status``
        (only ``resolved`` rows count) and ``weight``.
    n_bins, strategy
        As in `calibration_bins`.

    Returns
    -------
    pandas.DataFrame
        Columns `TABLE_COLUMNS`, one row per non-empty bin; empty when nothing is scored.
        Weighted counts (time-averaged frames) are floats.

    Examples
    --------
    >>> df = pd.DataFrame({"y": [0.0, 1.0, 1.0], "p": [0.2, 0.7, 0.9]})
    >>> calibration_table(df, n_bins=2)[["lower", "upper", "count", "observed"]]
       lower  upper  count  observed
    0    0.0    0.5      1       0.0
    1    0.5    1.0      2       1.0
    """
    if not isinstance(frame, pd.DataFrame) or not {"y", "p"} <= set(frame.columns):
        raise BadInput("frame", "must be a DataFrame with columns 'y' and 'p'")
    rows = frame[frame["y"].notna()]
    if "status" in rows:
        rows = rows[rows["status"] == "resolved"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in TABLE_COLUMNS})
    weights = None
    if "weight" in rows and not np.allclose(rows["weight"].to_numpy(), 1.0):
        weights = rows["weight"]
    return calibration_bins(
        rows["y"], rows["p"], n_bins=n_bins, strategy=strategy, sample_weight=weights
    )
