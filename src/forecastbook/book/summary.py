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
        shown: dict[str, Any] | None = None
        if latest is not None:
            shown = {"at": latest.at.isoformat().replace("+00:00", "Z"), "by": latest.by}
            if latest.p is not None:
                shown["p"] = latest.p
            else:
                shown["probabilities"] = dict(latest.probabilities or {})
            if latest.note is not None:
                shown["note"] = latest.note
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
            latest=shown,
            outcome=forecast.resolution.outcome if forecast.resolution else None,
            draft=forecast.draft,
        )

    def to_json(self) -> str:
        """The summary as JSON text: a list of the fields in order (what the index stores)."""
        values = [getattr(self, name) for name in self.__slots__]
        values[3] = self.created.isoformat()
        values[4] = self.resolve_by.isoformat() if self.resolve_by else None
        return json.dumps(values, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        """The summary `to_json` wrote (see `from_values`)."""
        return cls.from_values(json.loads(text))

    @classmethod
    def from_values(cls, values: list[Any]) -> Summary:
        """The summary of a `to_json` list; `ValueError`/`TypeError` when it is not one."""
        (ident, question, kind, created, resolve_by, tags, group, forecasters, predictions,
         latest, outcome, draft) = values  # fmt: skip
        if not (isinstance(ident, str) and isinstance(question, str) and isinstance(kind, str)):
            msg = "not a summary"
            raise TypeError(msg)
        summary = cls(
            ident,
            question,
            kind,
            date.fromisoformat(created),
            date.fromisoformat(resolve_by) if resolve_by is not None else None,
            tuple(tags),
            group,
            tuple(forecasters),
            int(predictions),
            dict(latest) if latest is not None else None,
            outcome,
            bool(draft),
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
