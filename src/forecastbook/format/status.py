"""A question's status from its plain facts (shared by the models and the index's summaries,
so that `list` needs no pydantic)."""

from __future__ import annotations

from datetime import date


def status_of(outcome: str | None, draft: bool, resolve_by: date | None, today: date) -> str:
    """`resolved: <outcome>`, `draft`, `due` (past resolve-by) or `open`."""
    if outcome is not None:
        return f"resolved: {outcome}"
    if draft:
        return "draft"
    return "due" if resolve_by is not None and resolve_by < today else "open"
