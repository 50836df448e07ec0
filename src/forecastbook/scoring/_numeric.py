"""Input checks shared by the numeric modules: each names the argument it rejects."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from forecastbook.errors import BadInput

ArrayLike = npt.ArrayLike | pd.Series


def _array(values: ArrayLike, name: str) -> npt.NDArray[np.float64]:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        msg = f"{name} must be numeric"
        raise BadInput(name, msg) from None
    if arr.ndim != 1:
        raise BadInput(name, f"must be one-dimensional, got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise BadInput(name, "contains NaN or infinite values")
    return arr


def _probabilities(values: ArrayLike, name: str = "y_prob") -> npt.NDArray[np.float64]:
    arr = _array(values, name)
    if arr.size and (arr.min() < 0 or arr.max() > 1):
        bad = arr[(arr < 0) | (arr > 1)][0]
        raise BadInput(name, f"contains values outside [0, 1] (e.g. {bad!r})")
    return arr


def _outcomes(values: ArrayLike, name: str = "y_true") -> npt.NDArray[np.float64]:
    arr = _array(values, name)
    if not np.isin(arr, (0.0, 1.0)).all():
        bad = arr[~np.isin(arr, (0.0, 1.0))][0]
        raise BadInput(name, f"must contain only 0 and 1, got {bad!r}")
    return arr


def _weights(values: ArrayLike | None, n: int) -> npt.NDArray[np.float64]:
    if values is None:
        return np.ones(n)
    arr = _array(values, "sample_weight")
    if arr.size != n:
        raise BadInput("sample_weight", f"has {arr.size} values for {n} forecasts")
    if (arr < 0).any():
        raise BadInput("sample_weight", "contains negative values")
    return arr


def _pair(
    y_true: ArrayLike, y_prob: ArrayLike, sample_weight: ArrayLike | None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    y = _outcomes(y_true)
    p = _probabilities(y_prob)
    if y.shape != p.shape:
        raise BadInput("y_prob", f"has shape {p.shape}, y_true has shape {y.shape}")
    if y.size == 0:
        raise BadInput("y_true", "is empty")
    w = _weights(sample_weight, y.size)
    if w.sum() <= 0:
        raise BadInput("sample_weight", "sums to zero")
    return y, p, w
