"""A question's listing facts as plain data, so `list` and `due` need no pydantic.

Building the pydantic models costs more than the rest of a `forecastbook list` run; the
parse cache keeps a `Summary` of each valid file, derived from its validated `Forecast`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Forecast


def status_of(outcome: str | None, draft: bool, resolve_by: date | None, today: date) -> str:
    """`resolved: <outcome>`, `draft`, `due` (past resolve-by) or `open`."""
    if outcome is not None:
        return f"resolved: {outcome}"
    if draft:
        return "draft"
    return "due" if resolve_by is not None and resolve_by < today else "open"


@dataclass(frozen=True, slots=True)
class Summary:
    """What listing a question needs to know about it."""

    id: str
    question: str
    kind: str
    created: date
    resolve_by: date | None
    tags: tuple[str, ...]
    group: str | None
    forecasters: tuple[str, ...]
    predictions: int
    latest: dict[str, Any] | None
    outcome: str | None
    draft: bool

    @classmethod
    def of(cls, forecast: Forecast) -> Summary:
        """The summary of a validated forecast."""
        latest = forecast.latest()
        return cls(
            id=forecast.id,
            question=forecast.question,
            kind=forecast.kind.value,
            created=forecast.created,
            resolve_by=forecast.resolve_by,
            tags=tuple(forecast.tags),
            group=forecast.group,
            forecasters=tuple(forecast.forecasters()),
            predictions=len(forecast.predictions),
            latest=latest.model_dump(mode="json", exclude_none=True) if latest else None,
            outcome=forecast.resolution.outcome if forecast.resolution else None,
            draft=forecast.draft,
        )

    def fields(self) -> tuple[Any, ...]:
        """The field values in order, so that `Summary(*s.fields()) == s` (cheap to pickle)."""
        return tuple(getattr(self, name) for name in self.__slots__)

    def status(self, today: date) -> str:
        """See `status_of`."""
        return status_of(self.outcome, self.draft, self.resolve_by, today)

    def is_due(self, today: date) -> bool:
        """Open, not a draft, and past its resolve-by date."""
        return self.status(today) == "due"

    def latest_text(self) -> str:
        """The latest probability as a short label: `35%`, or `option 60%` for the top option."""
        if self.latest is None:
            return "-"
        if "p" in self.latest:
            return f"{self.latest['p']:.0%}"
        probs = self.latest["probabilities"]
        top = max(probs, key=lambda k: probs[k])
        return f"{top} {probs[top]:.0%}"

    def row(self, today: date) -> dict[str, Any]:
        """JSON-ready summary (`list --json`)."""
        return {
            "id": self.id,
            "question": self.question,
            "kind": self.kind,
            "status": self.status(today),
            "created": self.created.isoformat(),
            "resolve_by": self.resolve_by.isoformat() if self.resolve_by else None,
            "tags": list(self.tags),
            "group": self.group,
            "forecasters": list(self.forecasters),
            "predictions": self.predictions,
            "latest": self.latest,
            "outcome": self.outcome,
        }
