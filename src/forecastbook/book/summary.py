"""A question's listing facts as plain data, so `list` and `due` need no pydantic.

Building the pydantic models costs more than the rest of a `forecastbook list` run; the
index keeps a `Summary` of each valid file as columns (`COLUMNS`), derived from its
validated `Forecast`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from forecastbook.format.status import status_of

if TYPE_CHECKING:
    from forecastbook.format.models import Forecast


COLUMNS: tuple[str, ...] = (
    "id",
    "question",
    "kind",
    "created",
    "resolve_by",
    "tags",
    "grp",
    "forecasters",
    "predictions",
    "latest",
    "outcome",
    "draft",
    "norm",
)
"""The index's columns of a summary, in the order of `Summary.columns` (`grp`: `group` is
an SQL word; `norm`: the question's `normal_text`)."""

_to_json = json.JSONEncoder(ensure_ascii=False).encode
"""`json.dumps(value, ensure_ascii=False)` without building an encoder on every call (a
third of the time of `Summary.columns`)."""


def normal_text(text: str) -> str:
    """Question text compared ignoring case and spacing (the same-text check of `add`).

    >>> normal_text("  Will it  RAIN?")
    'will it rain?'
    """
    return " ".join(text.split()).casefold()


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

    def columns(self) -> tuple[Any, ...]:
        """The summary as the index stores it (`COLUMNS`): dates as ISO text, lists and
        the latest prediction as JSON, and the question's `normal_text` for the same-text
        check of `add`."""
        return (
            self.id,
            self.question,
            self.kind,
            self.created.isoformat(),
            self.resolve_by.isoformat() if self.resolve_by else None,
            _to_json(self.tags),
            self.group,
            _to_json(self.forecasters),
            self.predictions,
            _to_json(self.latest),
            self.outcome,
            int(self.draft),
            normal_text(self.question),
        )

    @classmethod
    def from_columns(cls, rows: Sequence[Sequence[Any]]) -> list[Summary]:
        """The summaries of index rows (`columns`); `ValueError`/`TypeError` when one of
        them is not what `columns` wrote. The JSON columns of all rows are decoded in one
        call each (a tenth of the time of a call per row)."""
        tags, names, latest = (
            json.loads("[" + ",".join(row[i] for row in rows) + "]") for i in (5, 7, 9)
        )
        day = date.fromisoformat
        out = []
        for row, tag, name, last in zip(rows, tags, names, latest, strict=True):
            ident, question, kind, created, resolve_by, _, group, _, count, _, outcome, draft = row[
                :12
            ]
            if not (isinstance(ident, str) and isinstance(question, str) and isinstance(kind, str)):
                msg = "not a summary"
                raise TypeError(msg)
            if not (isinstance(count, int) and isinstance(last, dict | None)):
                msg = "not a summary"
                raise TypeError(msg)
            if not (isinstance(group, str | None) and isinstance(outcome, str | None)):
                msg = "not a summary"
                raise TypeError(msg)
            out.append(
                cls(
                    ident,
                    question,
                    kind,
                    day(created),
                    day(resolve_by) if resolve_by is not None else None,
                    tuple(tag),
                    group,
                    tuple(name),
                    count,
                    last,
                    outcome,
                    bool(draft),
                )
            )
        for summary in out:
            summary.latest_text()  # a damaged `latest` fails here, not later in `list`
        return out

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
