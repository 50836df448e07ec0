"""Questions resolved early: found, counted, and scored apart or left out on request.

A question that resolves well before its resolve-by date is mostly a "yes" that happened
early: "will X happen by June?" can resolve yes in March, but resolves no only in June.
Scoring every question as soon as it resolves therefore over-represents early yeses, which
biases calibration while questions are still open (a known problem on Metaculus).

Definition
----------
A resolved question is *resolved early* when it has a ``resolve_by`` date and resolved
before it with more than `EARLY_SHARE` (a quarter) of its scheduled life still to run: the
scheduled life runs from ``created`` (00:00 UTC) to ``resolve_by`` (00:00 UTC, the instant a
date-only resolve-by means). Questions without ``resolve_by`` are never early.

``resolved_early``
    ``include`` (default: every question is scored, as the platforms do; the count of early
    ones is reported so that you can check), ``exclude`` (questions resolved early are left
    out of every score), or ``split`` (every question is scored, and the early and on-time
    questions are also scored apart).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from forecastbook.errors import BadInput
from forecastbook.scoring.frame import RESOLVED

EARLY_SHARE = 0.25
"""Resolved early: more than this share of the scheduled life still to run."""
RESOLVED_EARLY: tuple[str, ...] = ("include", "exclude", "split")
EARLY, ON_TIME = "resolved early", "on time"


def check_resolved_early(mode: str) -> str:
    """`mode` if it is one of `RESOLVED_EARLY`, else `BadInput` naming it."""
    if mode not in RESOLVED_EARLY:
        raise BadInput("resolved_early", f"{mode!r} is not one of {', '.join(RESOLVED_EARLY)}")
    return mode


def early_mask(frame: pd.DataFrame) -> npt.NDArray[np.bool_]:
    """True on the rows of resolved questions that resolved early (module docstring).

    >>> frame = pd.DataFrame({"status": ["resolved"] * 3,
    ...     "created": pd.to_datetime(["2025-01-01"] * 3),
    ...     "resolve_by": pd.to_datetime(["2025-12-31", "2025-12-31", None]),
    ...     "resolved_at": pd.to_datetime(["2025-03-01", "2025-11-01", "2025-03-01"], utc=True)})
    >>> early_mask(frame).tolist()
    [True, False, False]
    """
    if not len(frame):
        return np.zeros(0, dtype=bool)
    created = _utc(frame["created"])
    due = _utc(frame["resolve_by"])
    resolved = pd.to_datetime(frame["resolved_at"], utc=True)
    remaining = (due - resolved).to_numpy()
    life = (due - created).to_numpy()
    with np.errstate(invalid="ignore"):
        early = np.asarray(remaining > life * EARLY_SHARE, dtype=bool)
    status = np.asarray((frame["status"] == RESOLVED).to_numpy(), dtype=bool)
    known = ~(pd.isna(due).to_numpy() | pd.isna(resolved).to_numpy())
    return early & status & known


def _utc(values: pd.Series) -> Any:
    stamps = pd.to_datetime(values)
    if getattr(stamps.dt, "tz", None) is None:
        return stamps.dt.tz_localize("UTC")
    return stamps


def early_questions(frame: pd.DataFrame) -> int:
    """How many resolved questions of `frame` resolved early."""
    mask = early_mask(frame)
    return int(frame.loc[mask, "question_id"].nunique()) if mask.any() else 0


def timing_labels(frame: pd.DataFrame) -> npt.NDArray[np.object_]:
    """``"resolved early"`` or ``"on time"`` for every row (for `split`)."""
    return np.where(early_mask(frame), EARLY, ON_TIME).astype(object)
