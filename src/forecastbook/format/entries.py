"""Validated entries from what a user gave: a prediction, a new question.

The first validation error becomes `BadInput` naming the command-line argument it is about
(`--p`, `--resolve-by`, ...), so `add`, `update`, `import` and `extract` word errors alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from forecastbook.errors import BadInput
from forecastbook.format.models import (
    Forecast,
    Kind,
    Prediction,
    Source,
    check_id,
    error_location,
    slugify,
)
from forecastbook.format.parsing import check_not_future, now

_ARGUMENTS = {
    "id": "--id",
    "question": "QUESTION",
    "criteria": "--criteria",
    "resolve_by": "--resolve-by",
    "created": "--created",
    "options": "--option",
    "tags": "--tag",
    "group": "--group",
    "horizon": "--horizon",
    "source": "--source",
    "condition": "--condition",
    "predictions": "--p",
    "p": "--p",
    "probabilities": "--option",
    "by": "--by",
    "at": "--at",
    "outcome": "OUTCOME",
    "evidence": "--evidence",
    "quote": "--quote",
    "published": "--published",
}


def _argument_for(loc: Sequence[Any]) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and part in _ARGUMENTS:
            return _ARGUMENTS[part]
    return str(loc[0]) if loc else "input"


def validated(model: type[Any], data: Mapping[str, Any]) -> Any:
    """Validate `data` as `model`, turning the first error into `BadInput` naming the argument."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        loc, message = error_location(exc.errors(include_url=False)[0])
        raise BadInput(_argument_for(loc), message) from None


def make_prediction(
    *,
    by: str,
    p: float | None = None,
    probabilities: Mapping[str, float] | None = None,
    at: datetime | None = None,
    note: str | None = None,
) -> Prediction:
    """A prediction; `at` defaults to now and may be in the past but not the future."""
    moment = check_not_future(at) if at is not None else now()
    data: dict[str, Any] = {"at": moment, "by": by, "note": note}
    if probabilities is not None:
        data["probabilities"] = dict(probabilities)
    else:
        data["p"] = p
    return validated(Prediction, data)


def new_forecast(
    question: str,
    *,
    created: date,
    forecast_id: str | None = None,
    options: Sequence[str] | None = None,
    criteria: str | None = None,
    resolve_by: date | None = None,
    horizon: str | None = None,
    tags: Sequence[str] = (),
    group: str | None = None,
    condition: tuple[str, str] | None = None,
    source: Mapping[str, Any] | None = None,
    predictions: Sequence[Prediction] = (),
    draft: bool = False,
) -> Forecast:
    """A validated new question (not yet written); the id defaults to a slug of the question."""
    if forecast_id is not None:
        check_id(forecast_id, "--id")
    data: dict[str, Any] = {
        "id": forecast_id or slugify(question),
        "question": question,
        "kind": Kind.multiple_choice if options else Kind.binary,
        "options": list(options) if options else None,
        "criteria": criteria,
        "created": created,
        "resolve_by": resolve_by,
        "horizon": horizon,
        "tags": list(tags),
        "group": group,
        "condition": {"id": condition[0], "outcome": condition[1]} if condition else None,
        "source": validated(Source, source).model_dump() if source else None,
        "draft": draft,
        "predictions": [p.model_dump() for p in predictions],
    }
    return validated(Forecast, data)
