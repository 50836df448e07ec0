"""`list` and `due`: filter the book's questions using cached summaries (no pydantic)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forecastbook.book import store
from forecastbook.book.summary import Summary
from forecastbook.errors import InvalidForecastFile
from forecastbook.settings import today


@dataclass(frozen=True)
class Filters:
    """What `list` shows: each set filter must hold."""

    open: bool = False
    resolved: bool = False
    due: bool = False
    drafts: bool = False
    tags: tuple[str, ...] = ()
    by: str | None = None
    group: str | None = None
    search: str | None = None

    def keep(self, entry: Summary, day: date) -> bool:
        """True when `entry` passes every filter."""
        checks = (
            self.search is None or _matches(entry, self.search),
            not self.open or (entry.outcome is None and not entry.draft),
            not self.resolved or entry.outcome is not None,
            not self.due or entry.is_due(day),
            not self.drafts or entry.draft,
            all(t in entry.tags for t in self.tags),
            self.by is None or self.by in entry.forecasters,
            self.group is None or entry.group == self.group,
        )
        return all(checks)


def list_questions(
    root: Path, filters: Filters | None = None, *, day: date | None = None
) -> tuple[list[Summary], list[InvalidForecastFile]]:
    """Questions passing `filters`, sorted by id, and the files that could not be read."""
    entries, problems = store.load_summaries(root)
    when = day or today()
    chosen = filters or Filters()
    kept = [e for e in entries if chosen.keep(e, when)]
    if chosen.by is not None and kept:
        kept = _latest_of(root, kept, chosen.by)
    return sorted(kept, key=lambda e: e.id), problems


def _latest_of(root: Path, entries: list[Summary], by: str) -> list[Summary]:
    """`entries` with `latest` set to `by`'s own latest prediction (`list --by bob` shows
    what bob said, not whoever spoke last)."""
    import dataclasses

    wanted = {e.id for e in entries}
    own = {}
    for forecast in store.load_book(root).forecasts:
        if forecast.id in wanted:
            pred = forecast.latest(by)
            own[forecast.id] = pred.model_dump(mode="json", exclude_none=True) if pred else None
    return [dataclasses.replace(e, latest=own.get(e.id, e.latest)) for e in entries]


def days_overdue(entry: Summary, day: date) -> int:
    """Whole days since the resolve-by date (0 on the day itself)."""
    return (day - entry.resolve_by).days if entry.resolve_by else 0


def due(root: Path, *, day: date | None = None) -> list[Summary]:
    """Open questions past their resolve-by date, oldest first."""
    when = day or today()
    entries, _ = store.load_summaries(root)
    found = [e for e in entries if e.is_due(when)]
    return sorted(found, key=lambda e: (e.resolve_by or when, e.id))


def _matches(entry: Summary, search: str) -> bool:
    """Every word of `search` occurs in the id, question, a tag or the group (any case,
    accents ignored: "ukraine" finds "Ukraïne")."""
    haystack = _fold(" ".join([entry.id, entry.question, *entry.tags, entry.group or ""]))
    return all(word in haystack for word in _fold(search).split())


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
