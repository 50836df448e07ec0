"""Pydantic models of a forecast file: one question, its predictions and its resolution.

The models are the single definition of the file format: `forecastbook schema` prints
their JSON Schema and `store` validates every file against them.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    field_validator,
    model_validator,
)

from forecastbook.errors import BadInput, Conflict
from forecastbook.format.limits import MAX_OPTIONS, MAX_PREDICTIONS, date_problem, moment_problem
from forecastbook.format.parsing import utc_date
from forecastbook.format.status import status_of

SCHEMA_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX = 64
SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
SUM_TOLERANCE = 1e-6
ANNULLED = "annulled"
AMBIGUOUS = "ambiguous"
UNSCORED_OUTCOMES: tuple[str, ...] = (ANNULLED, AMBIGUOUS)
"""Outcomes that resolve a question without scoring it: ``annulled`` (its premise failed)
and ``ambiguous`` (a fair question whose answer is unclear)."""
BINARY_OUTCOMES = ("yes", "no")
BINARY_ALIASES = {"y": "yes", "true": "yes", "1": "yes", "n": "no", "false": "no", "0": "no"}

FIELD_ORDER: tuple[str, ...] = (
    "schema_version",
    "id",
    "question",
    "kind",
    "options",
    "criteria",
    "created",
    "resolve_by",
    "horizon",
    "tags",
    "group",
    "condition",
    "source",
    "draft",
    "predictions",
    "resolution",
    "resolution_history",
)
"""Key order when the tool writes a file; also the order of `models.Forecast`'s fields."""


def check_id(text: str, argument: str = "ID") -> str:
    """Refuse ids that are not slugs (no `/`, `..`, capitals, spaces; at most 64 chars)."""
    if not text or len(text) > SLUG_MAX or not set(text) <= SLUG_CHARS or text.startswith("-"):
        raise BadInput(
            argument,
            f"{text!r} is not a valid id (lowercase letters, digits and '-', at most {SLUG_MAX})",
        )
    return text


def free_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... (cut to fit 64 characters): the first not `taken`."""
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def claim_id(root: Path, wanted: str, taken: set[str], *, explicit: bool) -> str:
    """The id a new question gets: `wanted` if free; if taken, a `Conflict` when the user
    chose it (`explicit`), else the first free `wanted-2`, `wanted-3`..."""
    if wanted in taken and explicit:
        msg = f"--id: a question with id {wanted!r} already exists in {root}"
        raise Conflict(msg)
    return free_id(wanted, taken)


def slugify(text: str, max_length: int = 48) -> str:
    """Make an id from question text: lowercase ASCII words joined by hyphens.

    >>> slugify("Will Ukraine join NATO by 2030?")
    'will-ukraine-join-nato-by-2030'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug or "question"


def match_outcome(text: str, options: list[str] | None) -> str | None:
    """The outcome `text` names, or None: binary questions (`options` None) take yes, no,
    annulled, ambiguous and y/n/true/false/1/0; any question takes a case-insensitive unique
    match.

    >>> match_outcome("TRUE", None), match_outcome("Left", ["left", "right"])
    ('yes', 'left')
    """
    raw = text.strip()
    allowed = [*(options if options is not None else BINARY_OUTCOMES), *UNSCORED_OUTCOMES]
    if raw in allowed:
        return raw
    lowered = raw.lower()
    if options is None and lowered in BINARY_ALIASES:
        return BINARY_ALIASES[lowered]
    folded = [o for o in allowed if o.lower() == lowered]
    return folded[0] if len(folded) == 1 else None


def certainty_warning(predictions: Iterable[Prediction]) -> str | None:
    """A warning when a prediction gives a probability of exactly 0 or 1 (infinite log
    score if wrong)."""
    values = (
        v
        for pred in predictions
        for v in ([pred.p] if pred.p is not None else (pred.probabilities or {}).values())
    )
    if any(v in (0.0, 1.0) for v in values):
        return (
            "warning: a probability of 0 or 1 is certainty; if wrong, its log score is "
            "infinite (scored at the clipping epsilon)"
        )
    return None


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class LocatedError(ValueError):
    """A cross-field problem that knows which field it is about (for file:line reports)."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        self.loc = loc
        super().__init__(message)


def error_location(err: Any) -> tuple[tuple[str | int, ...], str]:
    """Where a pydantic error (an item of `ValidationError.errors()`) points, and its message.

    Cross-field problems raised as `LocatedError` point at their own field, not the model.
    """
    loc = tuple(err["loc"])
    message = str(err["msg"]).removeprefix("Value error, ")
    located = (err.get("ctx") or {}).get("error")
    if isinstance(located, LocatedError):
        return (*loc, *located.loc), str(located)
    if err["type"] == "extra_forbidden":
        message = "unknown field"
    return loc, message


def _probability(value: float) -> float:
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        msg = f"probability must be a number in [0, 1], got {value!r}"
        raise ValueError(msg)
    return value


Probability = Annotated[float, AfterValidator(_probability)]


def _in_range_date(value: date) -> date:
    problem = date_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _in_range_moment(value: datetime) -> datetime:
    problem = moment_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Day = Annotated[date, AfterValidator(_in_range_date)]
"""A date every command can compute with (`limits.EARLIEST` to `limits.LATEST`)."""

Moment = Annotated[AwareDatetime, AfterValidator(_in_range_moment)]
"""A timezone-aware timestamp every command can compute with (see `Day`)."""


class Kind(StrEnum):
    """What sort of answer a question has."""

    binary = "binary"
    multiple_choice = "multiple_choice"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Model):
    """Where a question comes from: a file or URL, its publication date, a short quote."""

    ref: Text = Field(description="Article file path or URL.")
    published: Day | None = Field(None, description="Publication date of the source.")
    quote: Text | None = Field(None, description="A short quote of the claim.")
    line: int | None = Field(None, ge=1, description="Line of the quote in the source file.")


class Condition(_Model):
    """This question counts only if question `id` resolves `outcome`; otherwise annulled."""

    id: Slug
    outcome: Text


class Prediction(_Model):
    """One forecaster's probability at one moment. Binary: `p`; multiple choice: `probabilities`."""

    at: Moment
    by: Text
    p: Probability | None = None
    probabilities: dict[str, Probability] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> Prediction:
        if (self.p is None) == (self.probabilities is None):
            raise ValueError(
                "give exactly one of 'p' (binary) or 'probabilities' (multiple choice)"
            )
        return self


class Resolution(_Model):
    """The outcome of a question: yes, no, annulled, or one option of a multiple choice."""

    outcome: Text
    at: Moment
    by: str | None = None
    evidence: str | None = None
    note: str | None = None


class PastResolution(Resolution):
    """A resolution that was later corrected or withdrawn (the question reopened)."""

    replaced_at: Moment
    action: Literal["corrected", "reopened"]
    reason: str | None = None


class Forecast(_Model):
    """One question in the book, with its prediction history and resolution."""

    schema_version: int = Field(SCHEMA_VERSION, ge=1)
    id: Slug
    question: Text
    kind: Kind = Kind.binary
    options: list[Text] | None = None
    criteria: str | None = None
    created: Day
    resolve_by: Day | None = None
    horizon: str | None = None
    tags: list[Text] = Field(default_factory=list)
    group: str | None = None
    condition: Condition | None = None
    source: Source | None = None
    draft: bool = False
    predictions: list[Prediction] = Field(default_factory=list)
    resolution: Resolution | None = None
    resolution_history: list[PastResolution] = Field(default_factory=list)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            msg = f"schema_version {value} is newer than this forecastbook reads ({SCHEMA_VERSION})"
            raise ValueError(msg)
        return value

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _consistent(self) -> Forecast:
        for loc, message in self.problems():
            raise LocatedError(loc, message)
        return self

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Cross-field problems as (field location, message); empty when consistent."""
        found: list[tuple[tuple[str | int, ...], str]] = []
        if self.kind is Kind.binary:
            if self.options is not None:
                found.append((("options",), "a binary question has no options"))
        else:
            opts = self.options or []
            if len(opts) < 2:
                found.append(
                    (("options",), "a multiple-choice question needs at least two options")
                )
            elif len(opts) > MAX_OPTIONS:
                found.append(
                    (("options",), f"{len(opts):,} options; at most {MAX_OPTIONS} are allowed")
                )
            elif len(set(opts)) != len(opts):
                found.append((("options",), "options must be distinct"))
            elif reserved := [o for o in UNSCORED_OUTCOMES if o in opts]:
                found.append((("options",), f"'{reserved[0]}' is reserved and cannot be an option"))
        if self.resolve_by is not None and self.resolve_by < self.created:
            found.append((("resolve_by",), "resolve_by is before created"))
        if len(self.predictions) > MAX_PREDICTIONS:
            found.append(
                (
                    ("predictions",),
                    f"{len(self.predictions):,} predictions; at most {MAX_PREDICTIONS:,} per "
                    "question are allowed",
                )
            )
            return found  # not worth checking each one
        if self.resolution is not None and utc_date(self.resolution.at) < self.created:
            found.append(
                (
                    ("resolution", "at"),
                    f"resolved {utc_date(self.resolution.at)}, before the question was created "
                    f"({self.created})",
                )
            )
        if self.condition is not None and self.condition.id == self.id:
            found.append((("condition", "id"), "a question cannot be conditional on itself"))
        # A set, once: checking `in` against the options list made validation quadratic.
        option_set = frozenset(self.options or ())
        for i, pred in enumerate(self.predictions):
            found.extend(self._prediction_problems(i, pred, option_set))
        if self.resolution is not None:
            allowed = self.outcomes()
            if self.resolution.outcome not in allowed:
                found.append(
                    (
                        ("resolution", "outcome"),
                        f"outcome {self.resolution.outcome!r} is not one of {', '.join(allowed)}",
                    )
                )
        return found

    def _prediction_problems(
        self, i: int, pred: Prediction, option_set: frozenset[str]
    ) -> list[tuple[tuple[str | int, ...], str]]:
        where: tuple[str | int, ...] = ("predictions", i)
        if self.kind is Kind.binary:
            if pred.p is None:
                return [((*where, "p"), "a binary question needs 'p', not 'probabilities'")]
            return []
        if pred.probabilities is None:
            return [((*where, "probabilities"), "a multiple-choice question needs 'probabilities'")]
        opts = self.options or []
        missing = [o for o in opts if o not in pred.probabilities]
        unknown = [o for o in pred.probabilities if o not in option_set]
        if missing:
            return [((*where, "probabilities"), f"missing option(s): {', '.join(missing)}")]
        if unknown:
            return [((*where, "probabilities"), f"unknown option(s): {', '.join(unknown)}")]
        total = math.fsum(pred.probabilities.values())
        if abs(total - 1.0) > SUM_TOLERANCE:
            return [((*where, "probabilities"), f"probabilities sum to {total:.6g}, not 1")]
        return []

    # -- derived facts -----------------------------------------------------------------

    def outcomes(self) -> list[str]:
        """Every outcome a resolution may name."""
        if self.kind is Kind.binary:
            return [*BINARY_OUTCOMES, *UNSCORED_OUTCOMES]
        return [*(self.options or []), *UNSCORED_OUTCOMES]

    @property
    def is_resolved(self) -> bool:
        """True when the question has a resolution (annulled included)."""
        return self.resolution is not None

    def status(self, today: date) -> str:
        """`open`, `due`, `draft` or `resolved: <outcome>`."""
        outcome = self.resolution.outcome if self.resolution else None
        return status_of(outcome, self.draft, self.resolve_by, today)

    def forecasters(self) -> list[str]:
        """Names of everyone who predicted, in order of first prediction in the file."""
        return list(dict.fromkeys(p.by for p in self.predictions))

    def latest(self, by: str | None = None) -> Prediction | None:
        """The most recent prediction (by `at`), optionally of one forecaster."""
        best: Prediction | None = None
        for pred in self.predictions:
            if (by is None or pred.by == by) and (best is None or pred.at >= best.at):
                best = pred  # ties go to the later entry in the file
        return best


@functools.cache
def forecast_list() -> TypeAdapter[list[Forecast]]:
    """Validates a JSON list of forecasts in one call (the index reads a book this way)."""
    return TypeAdapter(list[Forecast])


def render_forecast(forecast: Forecast, header: str = "") -> str:
    """The YAML text of a new file holding `forecast` (after `header`)."""
    from forecastbook.format import yamlio

    return yamlio.dump(dump_forecast(forecast), header)


def dump_forecast(forecast: Forecast) -> dict[str, Any]:
    """The forecast as plain JSON-compatible data in file key order, defaults left out."""
    data = forecast.model_dump(mode="json", exclude_none=True)
    if not data.get("draft"):
        data.pop("draft", None)
    for key in ("tags", "predictions", "resolution_history"):
        if not data.get(key):
            data.pop(key, None)
    data["schema_version"] = forecast.schema_version
    return {key: data[key] for key in FIELD_ORDER if key in data}
