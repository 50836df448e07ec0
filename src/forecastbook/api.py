"""`Book`: everything the command line does, as Python calls on one book folder.

>>> from forecastbook import Book
>>> book = Book("forecasts")                                      # doctest: +SKIP
>>> book.add("Will it rain in Paris on 1 May 2027?", p="60%", resolve_by="2027-05-01")
...                                                               # doctest: +SKIP
>>> book.score(by="forecaster")["brier"]                          # doctest: +SKIP

`Book` sits on top of the layers (format -> book -> scoring -> report), beside `cli.py`: the
CLI parses arguments, makes one call here and prints. Arguments take what a user types
("35%", "30 June 2026", "6-12 months") or Python values (0.35, `date`, `datetime`).
Errors are `forecastbook.errors.ForecastbookError` subclasses with one-line messages.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from forecastbook import settings
from forecastbook.book import listing, store
from forecastbook.book.summary import Summary
from forecastbook.errors import BadInput, InvalidForecastFile, UnreadableFiles
from forecastbook.format.parsing import (
    horizon_end,
    parse_date,
    parse_option_probability,
    parse_probability,
    parse_timestamp,
    utc_date,
)
from forecastbook.scoring.options import DEFAULT_EXTREMIZE

if TYPE_CHECKING:
    import pandas as pd

    from forecastbook.book.csvio import ImportResult
    from forecastbook.format.models import Forecast

# The models (pydantic), pandas and matplotlib are imported by the methods that need them:
# `import forecastbook` stays light, and `list` on an indexed book builds no model.

Probability = float | str
Moment = datetime | date | str


@dataclass(frozen=True)
class ReportFiles:
    """What `Book.report` wrote: the figure, the Markdown summary, and a note (or None)."""

    figure: Path
    summary: Path
    note: str | None


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _writes(method: _Method) -> _Method:
    """Run a writing method under the book's `LockPolicy` (how long to wait for the lock)."""

    @functools.wraps(method)
    def run(self: Book, *args: Any, **kwargs: Any) -> Any:
        with store.lock_policy(self.lock_policy):
            return method(self, *args, **kwargs)

    return cast("_Method", run)


class Book:
    """A forecast book: one YAML file per question in the folder `path`.

    Parameters
    ----------
    path
        The book folder; default `$FORECASTBOOK_BOOK`, else ``./forecasts``.
    wait
        Seconds a writing method waits for another process's lock on the book before
        raising `forecastbook.errors.BookLocked`; default: as long as it takes.
    on_wait
        Called once with a line naming the lock's holder (pid, command) when a writing
        method has waited `store.LOCK_NOTICE_SECONDS`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        wait: float | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.root = Path(path) if path is not None else settings.default_book()
        self.lock_policy = store.LockPolicy(wait=wait, notify=on_wait)

    def __repr__(self) -> str:
        return f"Book({str(self.root)!r})"

    # -- bookkeeping -----------------------------------------------------------------------

    def init(self) -> Path:
        """Create the book folder (fine if it exists)."""
        from forecastbook.book import questions as ops

        return ops.init_book(self.root)

    @_writes
    def add(
        self,
        question: str,
        *,
        p: Probability | None = None,
        options: Mapping[str, Probability] | Sequence[str] | None = None,
        resolve_by: date | str | None = None,
        horizon: str | None = None,
        created: date | str | None = None,
        at: Moment | None = None,
        by: str | None = None,
        tags: Iterable[str] = (),
        group: str | None = None,
        criteria: str | None = None,
        source: str | None = None,
        published: date | str | None = None,
        quote: str | None = None,
        condition: str | None = None,
        note: str | None = None,
        id: str | None = None,
        force: bool = False,
    ) -> Forecast:
        """Add a question with a first prediction (`p`, or `options` NAME -> P) and write it.

        `resolve_by` or `horizon` ("6-12 months", counted from `created`) sets the date it
        resolves by; given both, they must agree (a label that is not a duration is kept as
        written). `created` defaults to the date of `at`, else today. A question whose text
        equals an existing one's is refused unless `force`.
        """
        from forecastbook.book import questions as ops

        moment = parse_timestamp(at) if at is not None else None
        asked = (
            parse_date(created, "--created")
            if created is not None
            else (utc_date(moment) if moment is not None else settings.today())
        )
        if moment is not None and utc_date(moment) < asked:
            msg = f"{utc_date(moment)} (UTC) is before the question was created ({asked})"
            raise BadInput("--at", msg)
        deadline = parse_date(resolve_by, "--resolve-by") if resolve_by is not None else None
        if horizon:
            deadline = _horizon_deadline(horizon, asked, deadline)
        pairs = _option_pairs(options)
        if p is not None and pairs:
            msg = "give --p for a yes/no question or --option for multiple choice, not both"
            raise BadInput("--p", msg)
        request = ops.NewQuestion(
            question,
            created=asked,
            by=by or settings.default_forecaster(),
            forecast_id=id,
            p=parse_probability(p) if p is not None else None,
            options=tuple(pairs),
            at=moment,
            note=note,
            criteria=criteria,
            resolve_by=deadline,
            horizon=horizon,
            tags=tuple(tags),
            group=group,
            condition=condition,
            source=source,
            quote=quote,
            published=published.isoformat() if isinstance(published, date) else published,
        )
        forecast = ops.new_question(request)
        return ops.add(self.root, forecast, explicit_id=id is not None, force=force)

    @_writes
    def update(
        self,
        ident: str,
        *,
        p: Probability | None = None,
        options: Mapping[str, Probability] | Sequence[str] | None = None,
        by: str | None = None,
        at: Moment | None = None,
        note: str | None = None,
    ) -> Forecast:
        """Append a prediction (`p`, or `options` for every option) to an open question."""
        from forecastbook.book import questions as ops

        pairs = _option_pairs(options)
        if (p is None) == (not pairs):
            raise BadInput("--p", "give --p (yes/no question) or --option NAME=P (multiple choice)")
        moment = parse_timestamp(at) if at is not None else None
        who = by or settings.default_forecaster()
        if p is not None:
            prediction = ops.make_prediction(by=who, p=parse_probability(p), at=moment, note=note)
        else:
            probs = dict(pairs)
            if len(probs) != len(pairs):
                raise BadInput("--option", "an option is named twice")
            prediction = ops.make_prediction(by=who, probabilities=probs, at=moment, note=note)
        return ops.update(self.root, ident, prediction)

    @_writes
    def resolve(
        self,
        ident: str,
        outcome: str,
        *,
        evidence: str | None = None,
        at: Moment | None = None,
        by: str | None = None,
        note: str | None = None,
        correct: bool = False,
    ) -> Forecast:
        """Record the outcome (`yes`, `no`, `annulled` or an option); `correct` replaces an
        earlier resolution, keeping it in the history. `at` defaults to now and may not be
        before the question was created."""
        from forecastbook.book import questions as ops

        return ops.resolve(
            self.root,
            ident,
            outcome,
            at=parse_timestamp(at) if at is not None else None,
            by=by or settings.default_forecaster(),
            evidence=evidence,
            note=note,
            correct=correct,
        )

    @_writes
    def reopen(self, ident: str, *, reason: str | None = None) -> Forecast:
        """Withdraw a resolution (kept in the history): the question is open again."""
        from forecastbook.book import questions as ops

        return ops.reopen(self.root, ident, reason=reason)

    @_writes
    def accept(self, ident: str) -> tuple[Forecast, bool]:
        """Accept a draft so that it is scored: (the question, whether it was a draft)."""
        from forecastbook.book import questions as ops

        return ops.accept(self.root, ident)

    @_writes
    def add_drafts(self, drafts: Sequence[Forecast]) -> list[Forecast]:
        """Write drafts (from `extract`), keeping conditions linked when an id changes."""
        from forecastbook.book import questions as ops

        return ops.add_drafts(self.root, drafts)

    @_writes
    def edit(
        self,
        ident: str,
        *,
        question: str | None = None,
        criteria: str | None = None,
        resolve_by: date | str | None = None,
        horizon: str | None = None,
        group: str | None = None,
        tags: Sequence[str] | None = None,
        add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (),
    ) -> Forecast:
        """Change a question's fields, keeping the file's comments. None leaves a field as it
        is; "" removes an optional one. `tags` replaces the tags; `add_tags`/`remove_tags`
        change them (removing a tag the question lacks is an error)."""
        from forecastbook.book import questions as ops

        changes = ops.Changes(
            question=question,
            criteria=criteria,
            resolve_by=resolve_by,
            horizon=horizon,
            group=group,
            tags=tuple(tags) if tags is not None else None,
            add_tags=tuple(add_tags),
            remove_tags=tuple(remove_tags),
        )
        return ops.edit(self.root, ident, changes)

    def tag(self, ident: str, *tags: str) -> Forecast:
        """Add tags to a question (those it has already are left as they are)."""
        return self.edit(ident, add_tags=tags)

    def untag(self, ident: str, *tags: str) -> Forecast:
        """Remove tags from a question; a tag it does not have is an error."""
        return self.edit(ident, remove_tags=tags)

    def file_text(self, ident: str) -> tuple[str, str]:
        """(full id, text of the question's file), to edit by hand and give to `save_text`."""
        from forecastbook.book import questions as ops

        return ops.file_text(self.root, ident)

    @_writes
    def save_text(self, forecast_id: str, text: str, *, expected: str) -> Forecast | None:
        """Save a hand-edited file if it validates (else `InvalidForecastFile`, nothing
        written); None when unchanged. `expected` is the text the edit started from."""
        from forecastbook.book import questions as ops

        return ops.replace_text(self.root, forecast_id, text, expected=expected)

    def full_id(self, ident: str) -> str:
        """The id that `ident` (an id or a unique prefix) names; `NotFound` with suggestions
        or `Ambiguous` otherwise. Only file names are read."""
        from forecastbook.book import questions as ops

        return ops.resolve_id(self.root, ident)

    def dependents(self, ident: str) -> list[str]:
        """Ids of the questions whose condition names this one."""
        from forecastbook.book import questions as ops

        return ops.dependents(self.root, ops.resolve_id(self.root, ident))

    @_writes
    def delete(self, ident: str) -> str:
        """Delete a question (its file); refused while a condition names it. Returns its id."""
        from forecastbook.book import questions as ops

        return ops.delete(self.root, ident)

    @_writes
    def rename(self, ident: str, new_id: str) -> tuple[Forecast, list[str]]:
        """Give a question a new id; conditions naming it follow: (the question, the ids of
        the questions whose condition was updated)."""
        from forecastbook.book import questions as ops

        return ops.rename(self.root, ident, new_id)

    # -- reading -----------------------------------------------------------------------------

    def get(self, ident: str) -> Forecast:
        """One question, by id or unique prefix."""
        from forecastbook.book import questions as ops

        return ops.get(self.root, ident)

    def questions(
        self,
        *,
        open: bool = False,
        resolved: bool = False,
        due: bool = False,
        drafts: bool = False,
        tags: Sequence[str] = (),
        by: str | None = None,
        group: str | None = None,
        search: str | None = None,
        day: date | None = None,
    ) -> tuple[list[Summary], list[InvalidForecastFile]]:
        """The questions passing every filter given (sorted by id), and the unreadable files.
        `search`: every word appears in the id, question, tags or group (any case)."""
        filters = listing.Filters(
            open=open,
            resolved=resolved,
            due=due,
            drafts=drafts,
            tags=tuple(tags),
            by=by,
            group=group,
            search=search,
        )
        return listing.list_questions(self.root, filters, day=day)

    def due(self, *, day: date | None = None) -> list[Summary]:
        """Open questions past their resolve-by date, oldest first."""
        return listing.due(self.root, day=day)

    def validate(self) -> tuple[int, list[InvalidForecastFile]]:
        """Check every file: (number of valid questions, every problem as file:line)."""
        from forecastbook.book import questions as ops

        return ops.validate(self.root)

    def forecasts(self, *, skip_invalid: bool = False) -> list[Forecast]:
        """Every valid question. Unreadable files raise `UnreadableFiles` naming them, unless
        `skip_invalid` (then see `load`)."""
        return self.load(skip_invalid=skip_invalid)[0]

    def load(
        self, *, skip_invalid: bool = False, progress: store.Progress | None = None
    ) -> tuple[list[Forecast], list[InvalidForecastFile]]:
        """(every valid question, the files that could not be read); with files that cannot
        be read and not `skip_invalid`, `UnreadableFiles`. `progress(done, total)` counts
        the files parsed (those the index does not already hold)."""
        loaded = store.load_book(self.root, progress=progress)
        if loaded.problems and not skip_invalid:
            raise UnreadableFiles(loaded.problems)
        return loaded.forecasts, loaded.problems

    # -- scoring and reports -----------------------------------------------------------------

    def frame(
        self, *, method: str = "final", as_of: date | str | None = None, skip_invalid: bool = False
    ) -> pd.DataFrame:
        """One row per counted prediction (`forecastbook.scoring.frame.forecast_frame`)."""
        from forecastbook.scoring.frame import forecast_frame

        cutoff = _cutoff(as_of)
        return forecast_frame(
            self.forecasts(skip_invalid=skip_invalid), method=method, as_of=cutoff
        )

    def score(
        self,
        *,
        method: str = "final",
        as_of: date | str | None = None,
        by: str | None = None,
        vs: str | None = None,
        bins: int = 10,
        binning: str = "equal-width",
        scale: float = 1,
        skip_invalid: bool = False,
        progress: store.Progress | None = None,
        crowd: Sequence[str] | str = "all",
        extremize: float = DEFAULT_EXTREMIZE,
        days: str = "lifetime",
        sort: str | None = None,
        resolved_early: str = "include",
    ) -> dict[str, Any]:
        """Everything `forecastbook score --json` prints: scores, decomposition, calibration,
        ``accounting`` (where every file went) and ``skipped`` (files left out).

        With ``by="forecaster"`` (or `vs`) the aggregates `crowd` (``"all"``, ``"none"``
        or names: median, mean, logodds, extremized) are listed beside the people, with
        relative Brier, peer and baseline scores (`days`: ``"lifetime"`` or ``"own"``),
        sorted by `sort` (default relative_brier). `resolved_early`: ``"include"``,
        ``"exclude"`` or ``"split"`` the questions resolved well before their resolve-by
        date. See `forecastbook.scoring.scores.score_book`."""
        from forecastbook.scoring.scores import score_book

        cutoff = _cutoff(as_of)
        forecasts, problems = self.load(skip_invalid=skip_invalid, progress=progress)
        return score_book(
            forecasts,
            method=method,
            as_of=cutoff,
            by=by,
            vs=vs,
            bins=bins,
            binning=binning,
            scale=scale,
            skipped=[str(p) for p in problems],
            crowd=crowd,
            extremize=extremize,
            days=days,
            sort=sort,
            resolved_early=resolved_early,
        )

    def crowd(self, ident: str, *, extremize: float = DEFAULT_EXTREMIZE) -> dict[str, Any]:
        """The crowd's current forecast on a question (`forecastbook show`): ``forecasters``
        standing and ``aggregates`` (``crowd:NAME`` -> probability or option probabilities;
        empty with fewer than two forecasters)."""
        from forecastbook.scoring.crowd import check_extremize, current_crowd

        return current_crowd(self.get(ident), extremize=check_extremize(extremize))

    def scored_rows(
        self,
        *,
        method: str = "final",
        as_of: date | str | None = None,
        scale: float = 1,
        skip_invalid: bool = False,
    ) -> pd.DataFrame:
        """Per-forecast scores (`forecastbook score --csv`)."""
        from forecastbook.scoring.scores import scored_rows

        cutoff = _cutoff(as_of)
        forecasts = self.forecasts(skip_invalid=skip_invalid)
        return scored_rows(forecasts, method=method, as_of=cutoff, scale=scale)

    def report(
        self,
        out: str | os.PathLike[str] | None = None,
        *,
        fmt: str | None = None,
        bins: int = 10,
        binning: str = "centred",
        by: str | None = None,
        method: str = "final",
        as_of: date | str | None = None,
        title: str | None = None,
        skip_invalid: bool = False,
        progress: store.Progress | None = None,
        crowd: Sequence[str] | str = "all",
        extremize: float = DEFAULT_EXTREMIZE,
        days: str = "lifetime",
        resolved_early: str = "include",
    ) -> ReportFiles:
        """Draw the calibration report and write its Markdown summary beside it.

        `out` is the figure (default ``reports/calibration.FORMAT``); `fmt` is png, svg or
        pdf (default: from `out`'s suffix, else png); the summary is named after the
        figure (`forecastbook.report.tables.output_paths`). `title` names the book in the
        title (default: the book folder's name). With ``by="forecaster"`` the summary's
        table lists the aggregates `crowd` beside the people, with relative scores
        (`extremize`, `days` as for `score`); `resolved_early` as for `score`.
        """
        from forecastbook.report import plot
        from forecastbook.report import tables as reporting

        figure_path, summary_path, fmt = reporting.output_paths(
            Path(out) if out is not None else None, fmt
        )
        reporting.check_by(by)
        cutoff = _cutoff(as_of)
        forecasts, problems = self.load(skip_invalid=skip_invalid, progress=progress)
        data = reporting.report_data(
            forecasts,
            book=title or reporting.book_name(self.root),
            bins=bins,
            binning=binning,
            by=by,
            method=method,
            as_of=cutoff,
            skipped=[str(p) for p in problems],
            crowd=crowd,
            extremize=extremize,
            days=days,
            resolved_early=resolved_early,
        )
        figure = plot.figure_bytes(plot.plot_report(**data.figure_kwargs()), fmt)
        summary_text = reporting.summary_markdown(data, figure=figure_path.name)
        figure_path.parent.mkdir(parents=True, exist_ok=True)
        store.write_output(figure_path, figure)
        store.write_output(summary_path, summary_text.encode("utf-8"))
        return ReportFiles(figure_path, summary_path, data.note())

    # -- import and export ---------------------------------------------------------------------

    @_writes
    def import_csv(
        self,
        file: str | os.PathLike[str],
        *,
        by: str | None = None,
        text: bytes | str | None = None,
        progress: store.Progress | None = None,
    ) -> ImportResult:
        """Add the questions of a CSV file (or of `export --format json`): all rows, or (if
        one is bad) none. With `text`, that is the content and `file` only names it;
        `progress(done, total)` counts the files written."""
        from forecastbook.book import csvio

        return csvio.import_csv(self.root, Path(file), forecaster=by, text=text, progress=progress)

    def export(self, fmt: str = "csv", *, skip_invalid: bool = False) -> str:
        """Every question, prediction and resolution (with the resolution history), one row
        per prediction, as CSV or JSON text; importing it into an empty book writes the
        same files. CSV cells that a spreadsheet would run as formulas start with `'`."""
        from forecastbook.book import csvio

        return csvio.export_text(self.forecasts(skip_invalid=skip_invalid), fmt=fmt)

    @staticmethod
    def schema() -> dict[str, Any]:
        """The JSON Schema of a forecast file."""
        from forecastbook.book import questions as ops

        return ops.json_schema()


def _cutoff(as_of: date | str | None) -> date | None:
    """The `--as-of` date, parsed (None: the whole book)."""
    return parse_date(as_of, "--as-of") if as_of is not None else None


def _horizon_deadline(horizon: str, created: date, resolve_by: date | None) -> date | None:
    """The resolve-by date a horizon gives; with `resolve_by` too, they must agree."""
    try:
        end = horizon_end(horizon, created)
    except BadInput:
        if resolve_by is None:
            raise
        return resolve_by  # a free label such as "mid-term": kept as written
    if resolve_by is not None and resolve_by != end:
        msg = (
            f"{horizon!r} from {created} ends on {end}, but --resolve-by is {resolve_by}; "
            "give one of them, or two that agree"
        )
        raise BadInput("--horizon", msg)
    return end


def _option_pairs(
    options: Mapping[str, Probability] | Sequence[str] | None,
) -> list[tuple[str, float]]:
    """NAME -> P pairs from a mapping, or from `NAME=P` strings as typed on the CLI."""
    if not options:
        return []
    if isinstance(options, Mapping):
        return [(name, parse_probability(value, "--option")) for name, value in options.items()]
    return [parse_option_probability(text) for text in options]
