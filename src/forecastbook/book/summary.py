"""A question's listing facts as plain data, so `list` and `due` need no pydantic.

Building the pydantic models costs more than the rest of a `forecastbook list` run; the
index keeps a `Summary` of each valid file as JSON, derived from its validated `Forecast`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from forecastbook.format.status import status_of

if TYPE_CHECKING:
    from forecastbook.format.models import Forecast


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

    def to_json(self) -> str:
        """The summary as JSON text (what the index stores)."""
        return json.dumps([self.row(self.created), self.draft], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        """The summary `to_json` wrote; `ValueError` (or `TypeError`/`KeyError`) when the
        text is not one."""
        row, draft = json.loads(text)
        latest = row["latest"]
        summary = cls(
            id=_str(row["id"]),
            question=_str(row["question"]),
            kind=_str(row["kind"]),
            created=date.fromisoformat(row["created"]),
            resolve_by=date.fromisoformat(row["resolve_by"]) if row["resolve_by"] else None,
            tags=tuple(_str(t) for t in row["tags"]),
            group=_str(row["group"]) if row["group"] is not None else None,
            forecasters=tuple(_str(f) for f in row["forecasters"]),
            predictions=int(row["predictions"]),
            latest=dict(latest) if latest is not None else None,
            outcome=_str(row["outcome"]) if row["outcome"] is not None else None,
            draft=bool(draft),
        )
        summary.latest_text()  # a damaged `latest` fails here, not later in `list`
        return summary

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


def _str(value: Any) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {type(value).__name__}"
        raise TypeError(msg)
    return value
