"""Scoring options and conventions: the choices `score` and `report` accept, checked in one
place, and the one-line statements of the conventions printed beside the numbers."""

from __future__ import annotations

from forecastbook.errors import BadInput

DEFAULT_EXTREMIZE = 1.73
"""The extremizing factor ``a`` of ``crowd:extremized`` (see `forecastbook.scoring.crowd`:
Neyman & Roughgarden, via Sevilla 2021)."""

BY_CHOICES: tuple[str, ...] = ("forecaster", "tag", "group", "horizon", "source", "month")
METHODS: tuple[str, ...] = ("final", "time-averaged")
SORTS: tuple[str, ...] = (
    "name",
    "brier",
    "log_score",
    "relative_brier",
    "peer_score",
    "baseline_score",
)
"""Orders of ``score --by``'s rows: by name, or by a score, best first."""
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
    *,
    scale: float = 1,
    bins: int = 10,
    binning: str = "equal-width",
    extremize: float = DEFAULT_EXTREMIZE,
    days: str = "lifetime",
) -> dict[str, str]:
    """One-line statements of the scoring conventions in force (printed with the scores)."""
    top = "0-1" if scale == 1 else "0-2, the Good Judgment convention"
    skipped = (
        "counted as 0 over the question's whole life (Metaculus; Fatebook divides by the "
        "whole life and omits them): a late joiner gains nothing from the days skipped"
        if days == "lifetime"
        else "left out: averaged over the forecaster's own days (Good Judgment Open's "
        "convention; a late joiner can gain by skipping hard early days)"
    )
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
        "crowd": (
            "aggregate forecasters crowd:median, crowd:mean, crowd:logodds (mean log-odds, "
            "i.e. geometric mean of odds; multiple choice: normalised geometric mean; "
            "probabilities clipped to [0.001, 0.999]) and crowd:extremized (mean log-odds "
            f"times a = {extremize:g}; default {DEFAULT_EXTREMIZE:g}, Neyman & Roughgarden "
            "via Sevilla 2021), "
            "from each forecaster's standing forecast at every change (final: at the "
            "resolution; time-averaged: at the end of each UTC day); a crowd exists while "
            "at least two forecasters stand; aggregates never enter the book's overall "
            "scores, the median or the peer score's 'others'"
        ),
        "relative_brier": (
            "Fatebook's relative Brier: the forecaster's Brier minus the median Brier of the "
            "people on the question, the forecaster included (as Fatebook's code does); "
            "multiple choice: median of whole-question Briers; lower is better"
        ),
        "peer_score": (
            "Metaculus' peer score: 100 x (ln p - mean over the other people of ln p), p the "
            "probability given to what happened, floored at 0.001; sums to 0 over the "
            "people on a question; higher is better"
        ),
        "baseline_score": (
            "Metaculus' baseline score: 100 x (log2 p + 1) for yes/no, "
            "100 x (ln p - ln 1/N) / ln N for N options; p floored at 0.001; 0 is the "
            "uniform forecast; higher is better"
        ),
        "single_forecaster": (
            "a question with one forecaster has no crowd and no relative or peer score "
            "(null, left out of the means; shared counts the questions with another "
            "person); its baseline score counts; a forecaster alone on a day of a "
            "time-averaged question scores 0 peer points that day, as on Metaculus"
        ),
        "time_average": (
            "time-averaged scores use UTC calendar days: the last forecast made by the end "
            "of a day stands that day; the question's actual life runs from its created "
            "day (or first forecast, if earlier) to the day before the resolution, "
            "forecasts standing after resolve-by still count; for relative, peer and "
            f"baseline scores days before a forecaster's first forecast are {skipped}; the "
            "plain time-averaged Brier averages over the forecaster's own days"
        ),
        "resolved_early": (
            "resolved early: resolved before resolve-by with more than a quarter of the "
            "scheduled life (created to resolve-by) still to run; such questions are mostly "
            "yeses that happened early and bias calibration; include (default) scores them, "
            "exclude leaves them out, split also scores them apart; no resolve-by: never early"
        ),
        "resolve_by": (
            "a date-only resolve_by means 00:00 UTC that day (used for the horizon of open "
            "questions); scoring ends at the resolution, not at resolve-by"
        ),
    }
