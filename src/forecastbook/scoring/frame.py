"""Forecasts -> a tidy pandas DataFrame: the one bridge from the book to the numbers.

`forecast_frame` decides *which* prediction counts for each question and forecaster and
returns one row per counted prediction. Scoring (`forecastbook.scoring`) and calibration
(`forecastbook.calibration`) work on that frame only.

Which prediction counts
-----------------------
``method="final"``
    The last prediction of each forecaster made at or before the resolution time; one row
    of weight 1 per question and forecaster.
``method="time-averaged"``
    Good Judgment Open style: every day from the forecaster's first prediction up to the
    resolution is scored with the prediction standing that day, and the daily scores are
    averaged. Days are UTC calendar days; the first scored day is the day of the first
    prediction, the last is the day *before* the resolution day (a question resolved on
    the day of the first prediction scores that one day). The prediction standing on a day
    is the last one made by the end of that day (and not after the resolution). Rather
    than one row per day, the frame holds one row per standing prediction whose `weight`
    is its share of the days, so the weights of a question and forecaster sum to 1.
``as_of=DATE``
    The book as it stood at the end of DATE (UTC): questions created after it are left
    out, predictions made after it are ignored, and questions resolved after it are open.
    A `datetime` gives the exact cut-off moment instead. Corrected resolutions apply
    retroactively (the current resolution is used).

Rows and statuses
-----------------
Drafts are ignored entirely. Every other question gives rows with a `status`:
``resolved`` (scored), ``open`` (not resolved yet, or its condition's question is not),
or ``annulled`` (unscored: resolved ``annulled`` or ``ambiguous``, or a conditional question
whose condition failed; see `effective_outcome`; the ``outcome`` column and `account`
tell them apart). Open and annulled rows carry the latest
prediction with weight 1 and are only counted, never scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

import numpy as np
import pandas as pd

from forecastbook.errors import BadInput
from forecastbook.format.models import AMBIGUOUS, ANNULLED, Forecast, Kind
from forecastbook.format.models import UNSCORED_OUTCOMES as UNSCORED
from forecastbook.scoring.crowd import (
    DEFAULT_EXTREMIZE,
    PREFIX,
    CrowdPrediction,
    check_aggregates,
    check_extremize,
    crowd_predictions,
)
from forecastbook.scoring.options import METHODS as METHODS
from forecastbook.scoring.options import check_method as check_method

Method = Literal["final", "time-averaged"]

RESOLVED = "resolved"
OPEN = "open"
STATUSES: tuple[str, ...] = (RESOLVED, OPEN, ANNULLED)
KINDS: tuple[str, ...] = tuple(k.value for k in Kind)

COLUMNS: tuple[str, ...] = (
    "question_id",
    "forecaster",
    "kind",
    "status",
    "p",
    "probabilities",
    "options",
    "outcome",
    "y",
    "weight",
    "prediction_at",
    "created",
    "resolve_by",
    "resolved_at",
    "tags",
    "group",
    "horizon",
    "horizon_days",
    "source",
    "month",
)
"""Columns of a forecast frame, in order.

``question_id`` and ``forecaster`` are categorical; ``kind`` and ``status`` categorical
with fixed categories. ``p`` is the binary probability (NaN for multiple choice) and
``probabilities`` the multiple-choice dict (None for binary); ``y`` is 1.0/0.0 for a
resolved binary question and NaN otherwise; ``outcome`` is the effective outcome (None
while open). ``horizon`` is the lead-time bucket of ``horizon_days`` (days from the
prediction to the resolution, or to resolve-by while open; `HORIZON_BUCKETS`): one scheme
for every question, whatever ``horizon:`` label its file gives. ``month`` is the resolution
month (``YYYY-MM``, UTC). ``tags`` is a tuple.
"""

HORIZON_BUCKETS: tuple[tuple[float, str], ...] = (
    (31, "< 1 month"),
    (92, "1-3 months"),
    (183, "3-6 months"),
    (366, "6-12 months"),
    (731, "1-2 years"),
    (float("inf"), "2+ years"),
)


def effective_outcome(forecast: Forecast, book: Mapping[str, Forecast]) -> str | None:
    """The outcome used for scoring: the resolution, or `annulled` when a condition failed.

    None while the question (or the question it is conditional on) is unresolved.
    """
    if forecast.resolution is None:
        return None
    outcome = forecast.resolution.outcome
    cond = forecast.condition
    if outcome == AMBIGUOUS:
        return AMBIGUOUS
    if cond is not None and outcome != ANNULLED:
        target = book.get(cond.id)
        if target is None or target.resolution is None:
            return None
        if target.resolution.outcome != cond.outcome:
            return ANNULLED
    return outcome


ACCOUNT_KEYS: tuple[str, ...] = (
    "scored",
    "open",
    "annulled",
    "ambiguous",
    "condition_not_met",
    "no_forecast",
    "draft",
    "after_as_of",
    "invalid",
)
"""Where every file of a book goes when it is scored: exactly one of these (see `account`)."""


def account(
    forecasts: Iterable[Forecast],
    *,
    as_of: date | datetime | str | None = None,
    invalid: int = 0,
) -> dict[str, int]:
    """How many questions are scored, and why each other one is not: every file counted once.

    ``scored``: resolved, with a forecast made at or before the resolution. ``open``: not
    resolved yet (or the question its condition names is not). ``annulled``: resolved
    `annulled` (its premise failed). ``ambiguous``: resolved `ambiguous` (a fair question
    whose answer is unclear). ``condition_not_met``: its condition's question resolved otherwise.
    ``no_forecast``: resolved, but nobody forecast it before the resolution. ``draft``:
    proposed by `extract`, not accepted. ``after_as_of``: created after `as_of`.
    ``invalid``: files that could not be read (passed in by the caller). ``files`` is the sum.

    >>> account([])
    {'scored': 0, 'open': 0, 'annulled': 0, 'ambiguous': 0, 'condition_not_met': 0, \
'no_forecast': 0, 'draft': 0, 'after_as_of': 0, 'invalid': 0, 'files': 0}
    """
    items = list(forecasts)
    counts = dict.fromkeys(ACCOUNT_KEYS, 0)
    counts["invalid"] = invalid
    view = book_view(items, as_of=as_of)
    for forecast in items:
        if forecast.draft:
            counts["draft"] += 1
        elif forecast.id not in view:
            counts["after_as_of"] += 1
        else:
            counts[_account_of(view[forecast.id], view)] += 1
    counts["files"] = sum(counts.values())
    return counts


def _account_of(forecast: Forecast, view: Mapping[str, Forecast]) -> str:
    outcome = effective_outcome(forecast, view)
    if outcome is None:
        return "open"
    if outcome == AMBIGUOUS:
        return "ambiguous"
    if outcome == ANNULLED:
        resolution = forecast.resolution
        return (
            "annulled"
            if resolution is not None and resolution.outcome == ANNULLED
            else ("condition_not_met")
        )
    resolved_at = forecast.resolution.at if forecast.resolution is not None else None
    if resolved_at is None or not any(p.at <= resolved_at for p in forecast.predictions):
        return "no_forecast"
    return "scored"


def horizon_order(label: str) -> tuple[int, str]:
    """Sort key of a horizon bucket: by lead time, anything else (``"(none)"``) last.

    >>> sorted(["2+ years", "< 1 month", "(none)", "1-3 months"], key=horizon_order)
    ['< 1 month', '1-3 months', '2+ years', '(none)']
    """
    for i, (_, name) in enumerate(HORIZON_BUCKETS):
        if label == name:
            return (i, label)
    return (len(HORIZON_BUCKETS), label)


def horizon_bucket(days: float | None) -> str | None:
    """The horizon bucket of a lead time in days (None stays None).

    >>> horizon_bucket(10), horizon_bucket(200), horizon_bucket(800)
    ('< 1 month', '6-12 months', '2+ years')
    """
    if days is None or days != days:
        return None
    for limit, label in HORIZON_BUCKETS:
        if days < limit:
            return label
    return HORIZON_BUCKETS[-1][1]  # pragma: no cover - the last limit is infinite


def cutoff_of(as_of: date | datetime | str | None) -> datetime | None:
    """The cut-off moment of `as_of`: the end of a date (UTC), or an aware datetime as is.

    >>> cutoff_of(date(2025, 3, 1))
    datetime.datetime(2025, 3, 2, 0, 0, tzinfo=datetime.timezone.utc)
    """
    if as_of is None:
        return None
    if isinstance(as_of, str):
        from forecastbook.format.parsing import parse_date

        as_of = parse_date(as_of, "as_of")
    if isinstance(as_of, datetime):
        return as_of if as_of.tzinfo is not None else as_of.replace(tzinfo=UTC)
    if isinstance(as_of, date):
        return datetime.combine(as_of + timedelta(days=1), time(), tzinfo=UTC)
    msg = f"as_of must be a date or datetime, got {as_of!r}"
    raise BadInput("as_of", msg)


def book_view(
    forecasts: Iterable[Forecast], *, as_of: date | datetime | str | None = None
) -> dict[str, Forecast]:
    """The non-draft questions by id, as they stood at `as_of` (see the module docstring)."""
    cutoff = cutoff_of(as_of)
    view: dict[str, Forecast] = {}
    for forecast in forecasts:
        if forecast.draft:
            continue
        if cutoff is not None:
            if datetime.combine(forecast.created, time(), tzinfo=UTC) >= cutoff:
                continue
            update: dict[str, Any] = {}
            if forecast.resolution is not None and forecast.resolution.at >= cutoff:
                update["resolution"] = None
            if any(p.at >= cutoff for p in forecast.predictions):
                update["predictions"] = [p for p in forecast.predictions if p.at < cutoff]
            if update:
                forecast = forecast.model_copy(update=update)
        view[forecast.id] = forecast
    return view


def _day(moment: datetime, shift: int = 0) -> date:
    return (moment.astimezone(UTC) + timedelta(days=shift)).date()


def forecast_frame(
    forecasts: Iterable[Forecast],
    *,
    method: str = "final",
    as_of: date | datetime | str | None = None,
    book: Mapping[str, Forecast] | None = None,
    crowd: Sequence[str] = (),
    extremize: float = DEFAULT_EXTREMIZE,
) -> pd.DataFrame:
    """One row per counted prediction of every non-draft question (columns: `COLUMNS`).

    Parameters
    ----------
    forecasts
        The questions to put in the frame (drafts are skipped).
    method
        ``"final"`` or ``"time-averaged"``: which predictions count (module docstring).
    as_of
        Score the book as it stood at the end of this date (or at this datetime).
    book
        Every question by id, used to settle conditions on questions outside
        `forecasts`; defaults to `forecasts` themselves.
    crowd, extremize
        Aggregates to add as forecasters (``crowd:median``, ...; see
        `forecastbook.scoring.crowd`), computed from the predictions standing in the book
        as it stood at `as_of`, and the extremizing factor.

    Returns
    -------
    pandas.DataFrame
        Rows sorted by question id and forecaster; statuses ``resolved``, ``open`` and
        ``annulled``; only ``resolved`` rows are scored.

    Examples
    --------
    >>> from forecastbook.format.models import Forecast
    >>> f = Forecast.model_validate({
    ...     "id": "rain", "question": "Rain?", "created": "2025-01-01",
    ...     "predictions": [
    ...         {"at": "2025-01-01T09:00:00Z", "by": "ann", "p": 0.6},
    ...         {"at": "2025-01-03T09:00:00Z", "by": "ann", "p": 0.8}],
    ...     "resolution": {"outcome": "yes", "at": "2025-01-05T12:00:00Z"}})
    >>> forecast_frame([f])[["forecaster", "p", "y", "weight"]]
      forecaster    p    y  weight
    0        ann  0.8  1.0     1.0
    >>> forecast_frame([f], method="time-averaged")[["p", "weight"]]
         p  weight
    0  0.6     0.5
    1  0.8     0.5
    """
    check_method(method)
    aggregates = check_aggregates(crowd)
    if aggregates:
        extremize = check_extremize(extremize)
    items = list(forecasts)
    view = book_view(items, as_of=as_of)
    everything = dict(book_view(book.values(), as_of=as_of)) if book is not None else {}
    everything.update(view)
    rows: list[tuple[Any, ...]] = []
    for forecast in sorted(view.values(), key=lambda f: f.id):
        extra = (
            crowd_predictions(
                forecast,
                aggregates=aggregates,
                extremize=extremize,
                method="final" if method == "final" else "time-averaged",
            )
            if aggregates
            else None
        )
        rows.extend(_rows(forecast, everything, method, extra))
    return _build(rows)


def _rows(
    forecast: Forecast,
    book: Mapping[str, Forecast],
    method: str,
    extra: Mapping[str, list[CrowdPrediction]] | None = None,
) -> list[tuple[Any, ...]]:
    # Called once per question: written for speed (a 10,000-question book spends most of
    # `forecast_frame` here).
    outcome = effective_outcome(forecast, book)
    status = OPEN if outcome is None else (ANNULLED if outcome in UNSCORED else RESOLVED)
    resolution = forecast.resolution
    resolved_at = resolution.at if status != OPEN and resolution is not None else None
    by_forecaster: dict[str, list[Any]] = {}
    for pred in forecast.predictions:
        if (resolved_at is None or pred.at <= resolved_at) and (
            extra is None or not pred.by.startswith(PREFIX)
        ):
            if pred.by in by_forecaster:
                by_forecaster[pred.by].append(pred)
            else:
                by_forecaster[pred.by] = [pred]
    if not by_forecaster:
        return []
    if extra:
        for name, series in extra.items():
            kept = [p for p in series if resolved_at is None or p.at <= resolved_at]
            if kept:
                by_forecaster[name] = kept
    kind = forecast.kind.value
    y = (1.0 if outcome == "yes" else 0.0) if kind == _BINARY and status == RESOLVED else _NAN
    end = resolved_at
    if end is None and forecast.resolve_by is not None:
        end = datetime.combine(forecast.resolve_by, time(), tzinfo=UTC)
    month = None
    if resolved_at is not None:
        utc = resolved_at.astimezone(UTC)
        month = f"{utc.year:04d}-{utc.month:02d}"
    source = forecast.source.ref if forecast.source else None
    options = tuple(forecast.options) if forecast.options else None
    shown_outcome = None if status == OPEN else outcome
    tags = tuple(forecast.tags)
    averaged = method == "time-averaged" and status == RESOLVED and resolved_at is not None
    rows = []
    for name in sorted(by_forecaster):
        preds = by_forecaster[name]
        if len(preds) > 1:
            preds.sort(key=_at)
        weighted = _time_weights(preds, resolved_at) if averaged else [(preds[-1], 1.0)]
        for pred, weight in weighted:
            days = (end - pred.at).total_seconds() / 86400 if end is not None else None
            rows.append(
                (
                    forecast.id,
                    name,
                    kind,
                    status,
                    pred.p if pred.p is not None else _NAN,
                    dict(pred.probabilities) if pred.probabilities is not None else None,
                    options,
                    shown_outcome,
                    y,
                    weight,
                    pred.at,
                    forecast.created,
                    forecast.resolve_by,
                    resolved_at,
                    tags,
                    forecast.group,
                    horizon_bucket(days),
                    days if days is not None else _NAN,
                    source,
                    month,
                )
            )
    return rows


_BINARY = Kind.binary.value
_NAN = float("nan")


def _at(pred: Any) -> datetime:
    return pred.at


def _time_weights(preds: list[Any], resolved_at: datetime) -> list[tuple[Any, float]]:
    """Each standing prediction with its share of the scored days (module docstring)."""
    first = _day(preds[0].at)
    end = _day(resolved_at)  # exclusive
    if end <= first:
        return [(preds[-1], 1.0)]
    standing: dict[date, Any] = {}
    for pred in preds:  # sorted by time: the last of each day wins
        standing[_day(pred.at)] = pred
    days = sorted(d for d in standing if d < end)
    total = (end - first).days
    out = []
    for i, day in enumerate(days):
        until = days[i + 1] if i + 1 < len(days) else end
        out.append((standing[day], (until - day).days / total))
    return out


def _build(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    if not rows:
        return _build_inferred(rows)
    columns = dict(zip(COLUMNS, zip(*rows, strict=True), strict=True))
    # Typed columns are built directly: pandas' per-value type inference was most of the
    # time of building a large frame. The others (text, dicts, tuples) are inferred.
    data: dict[str, Any] = {}
    for name in COLUMNS:
        values = columns[name]
        if name in ("question_id", "forecaster"):
            # Categorical ids and names make grouping (by forecaster, per question) cheap.
            data[name] = pd.Categorical(pd.Series(values, dtype=object))
        elif name == "kind":
            data[name] = pd.Categorical(values, categories=KINDS)
        elif name == "status":
            data[name] = pd.Categorical(values, categories=STATUSES)
        elif name in ("p", "y", "weight", "horizon_days"):
            data[name] = np.array(values, dtype=np.float64)
        elif name in ("prediction_at", "resolved_at"):
            data[name] = _utc_column(values)
        elif name in ("created", "resolve_by"):
            data[name] = _date_column(values)
        else:
            data[name] = pd.Series(values, dtype=object).infer_objects()
    return pd.DataFrame(data)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_NAT = np.iinfo(np.int64).min
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _utc_column(values: tuple[datetime | None, ...]) -> Any:
    """Aware datetimes (or None) as datetime64[us, UTC], as pandas infers them."""
    if all(v is None for v in values):
        return pd.to_datetime(pd.Series(values, dtype=object), utc=True)
    micros = [(v - _EPOCH) // _MICROSECOND if v is not None else _NAT for v in values]
    return pd.DatetimeIndex(np.array(micros, dtype=np.int64).view("datetime64[us]")).tz_localize(
        UTC
    )


def _date_column(values: tuple[date | None, ...]) -> Any:
    """Dates (or None) as datetime64[s], as pandas infers them."""
    seconds = [(v.toordinal() - _EPOCH_ORDINAL) * 86400 if v is not None else _NAT for v in values]
    return np.array(seconds, dtype=np.int64).view("datetime64[s]")


def _build_inferred(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """The frame by pandas' own inference (the reference `_build` must equal)."""
    frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    for column in ("question_id", "forecaster"):
        frame[column] = pd.Categorical(frame[column].astype(object))
    frame["kind"] = pd.Categorical(frame["kind"], categories=KINDS)
    frame["status"] = pd.Categorical(frame["status"], categories=STATUSES)
    for column in ("p", "y", "weight", "horizon_days"):
        frame[column] = frame[column].astype("float64")
    for column in ("prediction_at", "resolved_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    for column in ("created", "resolve_by"):
        frame[column] = pd.to_datetime(frame[column])
    return frame
