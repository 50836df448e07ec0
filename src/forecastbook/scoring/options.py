"""Scoring options and conventions: the choices `score` and `report` accept, checked in one
place, and the one-line statements of the conventions printed beside the numbers."""

from __future__ import annotations

from forecastbook.errors import BadInput

LOG_EPSILON = 1e-3
"""Probabilities given to what happened are clipped below at this value for the log score."""

BY_CHOICES: tuple[str, ...] = ("forecaster", "tag", "group", "horizon", "source", "month")
METHODS: tuple[str, ...] = ("final", "time-averaged")


def check_method(method: str) -> str:
    """`method` if it is one of `METHODS`, else `BadInput` naming it."""
    if method not in METHODS:
        raise BadInput("method", f"{method!r} is not one of {', '.join(METHODS)}")
    return method


def check_scale(scale: float) -> float:
    """`scale` if it is 1 or 2, else `BadInput` naming it."""
    if scale not in (1, 2):
        raise BadInput("scale", f"must be 1 (Brier 0-1) or 2 (Good Judgment 0-2), got {scale!r}")
    return float(scale)


def conventions(*, scale: float = 1, bins: int = 10, eps: float = LOG_EPSILON) -> dict[str, str]:
    """One-line statements of the scoring conventions in force (printed with the scores)."""
    return {
        "brier": (
            f"binary Brier on the 0-{int(scale)} scale"
            + (" (Good Judgment convention)" if scale == 2 else "")
            + "; multiple choice: sum over options of squared errors (0-2); lower is better"
        ),
        "log_score": (
            "mean natural log of the probability given to what happened; higher is better; "
            f"probabilities below {eps:g} are clipped to {eps:g} and counted"
        ),
        "skill": (
            "1 - Brier / reference Brier; references: always 50% (binary) or uniform "
            "(multiple choice), and the book's base rate (binary only)"
        ),
        "bins": (
            f"{bins} equal-width bins (lower, upper], the first including 0; "
            "'distinct': one bin per distinct forecast, where BS = REL - RES + UNC exactly"
        ),
        "calibration_ci": "95% Wilson score interval for the observed frequency",
    }
