"""Scoring options and conventions: the choices `score` and `report` accept, checked in one
place, and the one-line statements of the conventions printed beside the numbers."""

from __future__ import annotations

from forecastbook.errors import BadInput

BY_CHOICES: tuple[str, ...] = ("forecaster", "tag", "group", "horizon", "source", "month")
METHODS: tuple[str, ...] = ("final", "time-averaged")
BINNINGS: tuple[str, ...] = ("equal-width", "centred")
"""How forecasts are binned for calibration and the decomposition (see `bins_text`)."""


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


def check_binning(binning: str) -> str:
    """`binning` if it is one of `BINNINGS`, else `BadInput` naming it."""
    if binning not in BINNINGS:
        raise BadInput("binning", f"{binning!r} is not one of {', '.join(BINNINGS)}")
    return binning


def bins_text(bins: int, binning: str = "equal-width") -> str:
    """The binning in words, as printed beside the calibration table and the figure.

    >>> bins_text(10, "centred")
    '11 bins centred on 0%, 10%, ..., 100% (each \u00b15%; a forecast halfway goes up)'
    >>> bins_text(4)
    '4 equal-width bins (lower, upper], the first including 0'
    """
    check_binning(binning)
    if binning == "centred":
        step = 100 / bins
        return (
            f"{bins + 1} bins centred on 0%, {step:g}%, ..., 100% "
            f"(each \u00b1{step / 2:g}%; a forecast halfway goes up)"
        )
    return f"{bins} equal-width bins (lower, upper], the first including 0"


def conventions(
    *, scale: float = 1, bins: int = 10, binning: str = "equal-width"
) -> dict[str, str]:
    """One-line statements of the scoring conventions in force (printed with the scores)."""
    top = "0-1" if scale == 1 else "0-2, the Good Judgment convention"
    return {
        "brier": (
            f"on the {top} scale for every question: {'half ' if scale == 1 else ''}the sum "
            "over the options (yes and no for a yes/no question) of the squared error; "
            "lower is better"
        ),
        "log_score": (
            "mean natural log of the probability given to what happened; higher is better; "
            "a forecast that gave what happened 0 (log minus infinity) is left out of the "
            "mean and counted as certain_wrong"
        ),
        "skill": (
            "1 - Brier / reference Brier; references: always 50% (yes/no) or the same "
            "probability for every option (multiple choice), and the base rate (yes/no only): "
            "the share of the scored yes/no forecasts whose question resolved yes, so that "
            "its Brier is the uncertainty of the decomposition; each group with its own"
        ),
        "bins": (
            bins_text(bins, binning)
            + "; 'distinct': one bin per distinct forecast, where BS = REL - RES + UNC exactly"
        ),
        "calibration_ci": "95% Wilson score interval for the observed frequency",
    }
