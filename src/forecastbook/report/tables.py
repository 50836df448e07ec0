"""The calibration report: its numbers (from `scoring` and `calibration`) and its Markdown.

`report_data` gathers everything the report shows from the same functions that
`forecastbook score` uses (`frame.forecast_frame`, `scoring.summary`, `scoring.score_by`,
`scoring.row_scores`, `calibration.calibration_table`); nothing here computes a score of
its own. `summary_markdown` turns the result into the Markdown summary written next to
the figure (`forecastbook.plot.plot_report` draws the figure). Nothing here prints or
writes files.

Conventions
-----------
Few data
    With fewer than `FEW` resolved yes/no forecasts the figure is still drawn, with a
    note that so few cannot show calibration; with none resolved at all there is no
    report (`NothingToReport`).
As of
    With ``as_of`` the report describes the book as it stood at the end of that day.
    Without it, the report is dated by the book's latest entry (prediction or
    resolution), not by today, so the same book always gives the same report.
Bins
    The report bins forecasts centred on round probabilities by default (``binning=
    "centred"``: 0%, 10%, ..., 100%, each +-5%), so a 70% forecast sits in the middle of
    its bin; ``binning="equal-width"`` gives `forecastbook score`'s scikit-learn bins.
    The footnote and the summary say which were used.
The lower right panel
    The running Brier score (the Brier score of every forecast resolved by the end of
    each resolution day, UTC; with a breakdown one line per drawn group), drawn from the
    day the `FEW`-th question resolved, when that leaves at least `MIN_RUNNING_DAYS`
    days. Until then the panel lists the open questions due next (`DUE_ROWS`, overdue
    first), or, with none open, the scored questions.
Title
    "Calibration report: NAME", NAME being the title given (``report --title``) or the
    book folder's name (`book_name`).
User text
    Every user-supplied string (names, tags, groups, questions, outcomes, file problems)
    is escaped for Markdown and HTML in the summary (`forecastbook.report.formatting.md_text`)
    and drawn as plain text in the figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.format.models import Forecast
from forecastbook.report.formatting import count as fmt_count
from forecastbook.report.formatting import md_code, md_text, number, percent
from forecastbook.scoring.calibration import TABLE_COLUMNS, calibration_table
from forecastbook.scoring.crowd import DEFAULT_EXTREMIZE, PREFIX, check_aggregates
from forecastbook.scoring.early import (
    check_resolved_early,
    early_mask,
    early_questions,
    timing_labels,
)
from forecastbook.scoring.frame import (
    OPEN,
    RESOLVED,
    account,
    check_method,
    forecast_frame,
    horizon_order,
)
from forecastbook.scoring.options import BY_CHOICES, bins_text, check_binning
from forecastbook.scoring.relative import check_days, relative_scores
from forecastbook.scoring.scores import (
    NONE_LABEL,
    conventions,
    crowd_mask,
    row_scores,
    score_by,
    sort_groups,
    summary,
)

REPORT_BY: tuple[str, ...] = BY_CHOICES
"""Breakdowns the report can draw as separate series (those of `forecastbook score --by`)."""
DEFAULT_BINNING = "centred"
"""The report's bins: centred on round probabilities (see the module docstring)."""
DUE_ROWS = 10
"""Open questions listed in the lower right panel until the running Brier score is drawn."""
FEW = 10
"""Fewer resolved yes/no forecasts than this cannot show calibration (the figure says so)."""
MIN_RUNNING_DAYS = 3
"""Distinct resolution days needed before the running Brier score is drawn."""
MAX_SERIES = 8
"""With a breakdown, the largest groups drawn (by resolved yes/no forecasts)."""
WORST = 10
"""Rows in the "questions that hurt the score most" table."""
SUMMARY_NAME = "summary.md"
"""File name of the Markdown summary, written next to the figure."""


class NothingToReport(ForecastbookError):
    """No forecast in the book has resolved, so there is nothing to score or draw."""


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows; built by `report_data`."""

    book: str
    """The book's name in the title (`book_name`, or the title the user gave)."""
    method: str
    bins: int
    by: str | None
    as_of: date | None
    """The requested cut-off date (None: the whole book)."""
    dated: date | None
    """The date the report describes: `as_of`, else the book's latest entry."""
    first_resolved: date | None
    last_resolved: date | None
    scores: dict[str, Any]
    """`scoring.summary` of the frame: the dict `forecastbook score --json` prints."""
    calibration: pd.DataFrame
    """`calibration.calibration_table` of all resolved yes/no forecasts."""
    series: dict[str, pd.DataFrame] = field(default_factory=dict)
    """With `by`: calibration table of each drawn group (largest first)."""
    groups: pd.DataFrame | None = None
    """With `by`: `scoring.score_by` of the frame."""
    hidden_groups: int = 0
    """With `by`: groups with resolved yes/no forecasts left out of the figure."""
    running: pd.DataFrame | None = None
    """`running_brier` of the frame, or None when too few questions have resolved."""
    resolved_questions: int = 0
    worst: pd.DataFrame = field(default_factory=pd.DataFrame)
    """`worst_forecasts` of the frame."""
    questions: dict[str, str] = field(default_factory=dict)
    """Question text of each id in `worst`."""
    accounting: dict[str, int] = field(default_factory=dict)
    """Where every file of the book went (`forecastbook.scoring.frame.account`)."""
    skipped: tuple[str, ...] = ()
    """The files left out because they could not be read (one message each)."""
    binning: str = DEFAULT_BINNING
    """How the calibration bins are cut (``centred`` or ``equal-width``)."""
    running_series: dict[str, pd.DataFrame] = field(default_factory=dict)
    """With `by` and a running Brier score: `running_brier` of each drawn group."""
    due: pd.DataFrame = field(default_factory=pd.DataFrame)
    """The open questions due next (``question_id``, ``resolve_by``, ``question``), or
    with none open the scored questions (``resolved_at``, ``outcome`` instead)."""

    @property
    def binary_count(self) -> int:
        """Resolved yes/no forecasts (those in the reliability diagram)."""
        return int(self.scores.get("binary_count") or 0)

    @property
    def few(self) -> bool:
        """True when too few resolved yes/no forecasts to show calibration."""
        return self.binary_count < FEW

    def title(self) -> str:
        """The figure's title (names the book)."""
        return f"Calibration report: {self.book}"

    def subtitle(self) -> str:
        """Method, breakdown, date range of the resolutions and the as-of date."""
        parts = [f"method: {self.method}"]
        if self.by:
            parts.append(f"by {self.by}")
        if self.first_resolved and self.last_resolved:
            parts.append(f"resolved {self.first_resolved} to {self.last_resolved}")
        if self.as_of is not None:
            parts.append(f"as of {self.as_of}")
        elif self.dated is not None:
            parts.append(f"as of {self.dated} (latest entry)")
        return "  \u00b7  ".join(parts)

    def note(self) -> str | None:
        """The warning written on the reliability diagram, if any."""
        notes = []
        if self.skipped:
            n = len(self.skipped)
            notes.append(
                f"{n} file{'s' if n != 1 else ''} could not be read and "
                f"{'are' if n != 1 else 'is'} left out (listed in the summary)."
            )
        n = self.binary_count
        if n == 0:
            notes.append("No resolved yes/no forecasts: the diagram covers yes/no questions only.")
        elif n < FEW:
            noun = "forecast" if n == 1 else "forecasts"
            notes.append(
                f"Only {n} resolved yes/no {noun}: too few to show calibration "
                "(see how wide the intervals are)."
            )
        return "\n".join(notes) or None

    def running_message(self) -> str:
        """Why the running Brier score is not drawn yet (shown under the due list)."""
        return (
            f"The running Brier score is drawn once {FEW} questions have resolved over "
            f"{MIN_RUNNING_DAYS} or more days ({self.resolved_questions} resolved so far)."
        )

    def due_title(self) -> str:
        """Title of the lower right panel when it lists questions."""
        if "resolve_by" in self.due:
            return f"Due next ({self.open_questions:,} open)"
        return f"Scored questions ({self.resolved_questions:,})"

    @property
    def open_questions(self) -> int:
        """Open questions in the report."""
        return int(self.scores.get("open") or 0)

    def due_lines(self) -> list[tuple[str, str]]:
        """The lower right panel's list: (date or outcome, question id and text) per line."""
        lines = []
        today = self.dated
        for row in self.due.itertuples(index=False):
            text = f"{row.question_id}  {row.question}".strip()
            if "resolve_by" in self.due:
                when = row.resolve_by
                if when is None or pd.isna(when):
                    first = "no date"
                else:
                    first = pd.Timestamp(when).date().isoformat()
                    if today is not None and pd.Timestamp(when).date() < today:
                        first += " (overdue)"
            else:
                first = f"{pd.Timestamp(row.resolved_at).date().isoformat()} {row.outcome}"
            lines.append((first, text))
        return lines

    def bins_text(self) -> str:
        """The binning in words (`forecastbook.scoring.options.bins_text`)."""
        return bins_text(self.bins, self.binning)

    def command(self) -> str:
        """The `forecastbook score` command that prints the same numbers."""
        parts = ["forecastbook score", f"--bins {self.bins}", f"--method {self.method}"]
        if self.binning != "equal-width":
            parts.append(f"--binning {self.binning}")
        if self.as_of is not None:
            parts.append(f"--as-of {self.as_of}")
        if self.by:
            parts.append(f"--by {self.by}")
        return " ".join(parts)

    def footnote(self) -> str:
        """Small print: bin and interval conventions, the equivalent score command."""
        text = (
            f"Bins: {self.bins_text()}. Error bars: 95% Wilson intervals. "
            "Brier on the 0-1 scale for every question (multiple choice: half the sum of "
            f"squared errors). Same numbers as `{self.command()}`."
        )
        mc = int(self.scores.get("multiple_choice_count") or 0)
        if mc:
            text += (
                f" {mc:,} multiple-choice forecast{'s are' if mc != 1 else ' is'} scored but "
                "not in the diagram."
            )
        return text

    def series_labels(self) -> dict[str, str]:
        """Legend label of each drawn group: name, resolved count and Brier score."""
        labels = {}
        for name in self.series:
            label = " ".join(name.split())  # no line breaks from the user
            if len(label) > 28:  # names often differ at the end: keep both ends
                label = label[:13] + "\u2026" + label[-14:]
            if self.groups is not None and name in self.groups.index:
                row = self.groups.loc[name]
                stats = f"n={fmt_count(row['count'])}"
                if pd.notna(row["brier"]):
                    stats += f", Brier {number(row['brier'])}"
                # The name on its own line, so that the legend stays narrow.
                label += f"\n{stats}"
            labels[name] = label
        return labels

    def figure_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of `forecastbook.plot.plot_report` for this report."""
        mc = int(self.scores.get("multiple_choice_count") or 0)
        return {
            "calibration": self.calibration,
            "scores": self.scores,
            "title": self.title(),
            "subtitle": self.subtitle(),
            "series": self.series or None,
            "series_labels": self.series_labels() if self.series else None,
            # a question counts under each of its tags: stacked bars would count it twice
            "stack_sharpness": self.by != "tag",
            "series_title": (
                f"The {len(self.series)} largest of "
                f"{len(self.series) + self.hidden_groups} {self.by}s"
                if self.hidden_groups
                else None
            ),
            "running": self.running,
            "running_series": self.running_series or None,
            "running_label": "All forecasts",
            "running_title": f"Running Brier score (from the {FEW}th resolved question)",
            "reference": 0.25 if mc == 0 else None,
            "due": self.due_lines(),
            "due_title": self.due_title(),
            "due_message": self.running_message(),
            "note": self.note(),
            "footnote": self.footnote(),
        }


# -- numbers ---------------------------------------------------------------------------------


def book_name(root: Path) -> str:
    """The book's name in the title: the name of its folder (not the path to it).

    >>> book_name(Path("tmp/nb2")), book_name(Path("/home/ann/work/trump-nato/"))
    ('nb2', 'trump-nato')
    """
    return root.name or root.resolve().name or root.as_posix()


FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
"""Figure formats a report can be written in."""


def output_paths(out: Path | None, fmt: str | None) -> tuple[Path, Path, str]:
    """(figure path, summary path, format) of a report: `out` or
    ``reports/calibration.FORMAT``; the format from `fmt`, else `out`'s suffix, else png.

    The summary is written beside the figure and named after it (``X/foo.png`` ->
    ``X/foo.md``), so two reports never share a summary; the default figure,
    ``calibration.*``, keeps its summary ``summary.md``.

    >>> output_paths(None, "svg")
    (PosixPath('reports/calibration.svg'), PosixPath('reports/summary.md'), 'svg')
    >>> output_paths(Path("X/foo.pdf"), None)
    (PosixPath('X/foo.pdf'), PosixPath('X/foo.md'), 'pdf')
    """
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    if fmt is not None and fmt not in FORMATS:
        raise BadInput("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt is not None and suffix in FORMATS and suffix != fmt:
        raise BadInput("--out", f"{out} is not a {fmt} file name")
    fmt = fmt or (suffix if suffix in FORMATS else "png")
    figure = out if out is not None else Path("reports") / f"calibration.{fmt}"
    name = SUMMARY_NAME if figure.stem == "calibration" else f"{figure.stem}.md"
    summary_path = figure.parent / name
    if figure.name == summary_path.name or figure.name == SUMMARY_NAME:
        raise BadInput("--out", f"{out} would be overwritten by the summary")
    return figure, summary_path, fmt


def check_by(by: str | None) -> str | None:
    """`by` if it is None or one of `REPORT_BY`, else `BadInput` naming it."""
    if by is not None and by not in REPORT_BY:
        raise BadInput("by", f"{by!r} is not one of {', '.join(REPORT_BY)}")
    return by


def _group_labels(rows: pd.DataFrame, by: str) -> tuple[pd.DataFrame, pd.Series]:
    """Rows (one per tag for ``tag``) and their group label, as `scoring.score_by` groups."""
    if by == "tag":
        tags = rows["tags"].map(lambda t: list(t) if t else [NONE_LABEL])
        exploded = rows.assign(_group=tags).explode("_group")
        return exploded, exploded["_group"].astype(str)
    labels = rows[by].astype(object).where(rows[by].notna(), NONE_LABEL).astype(str)
    return rows, labels


def group_frames(frame: pd.DataFrame, by: str) -> dict[str, pd.DataFrame]:
    """The resolved rows of each group (a question under each of its tags), by label."""
    check_by(by)
    rows = frame[frame["status"] == RESOLVED]
    if rows.empty:
        return {}
    rows, labels = _group_labels(rows, by)
    return {str(name): part for name, part in rows.groupby(labels.to_numpy(), sort=True)}


def group_calibration(
    frame: pd.DataFrame, by: str, *, n_bins: int = 10, binning: str = "equal-width"
) -> dict[str, pd.DataFrame]:
    """Calibration table of each forecaster, tag or group with resolved yes/no forecasts.

    Parameters
    ----------
    frame
        A forecast frame (`forecastbook.frame.forecast_frame`).
    by
        ``forecaster``, ``tag`` (a question counts under each of its tags) or ``group``;
        missing values are grouped as ``"(none)"``, as in `forecastbook.scoring.score_by`.
    n_bins, binning
        Bins, as in `forecastbook.scoring.calibration.calibration_table`.

    Returns
    -------
    dict
        Group label -> `calibration.calibration_table`, largest group (total count) first,
        ties by label; horizons in order of lead time.
    """
    tables = {
        name: calibration_table(part[part["y"].notna()], n_bins=n_bins, strategy=binning)
        for name, part in group_frames(frame, by).items()
    }
    order = sorted(tables, key=lambda name: (-float(tables[name]["count"].sum()), name))
    if by == "horizon":  # the largest MAX_SERIES, in order of lead time
        order = sorted(order[:MAX_SERIES], key=horizon_order) + order[MAX_SERIES:]
    return {name: tables[name] for name in order if not tables[name].empty}


def running_brier(frame: pd.DataFrame, *, scored: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Brier score of all forecasts resolved by the end of each resolution day.

    Built from `forecastbook.scoring.row_scores` (the per-forecast scores of
    `forecastbook score`), weighted like `forecastbook.scoring.summary`, so the last value
    is the book's Brier score. Pass `scored` (``row_scores(frame)``) if already computed.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (UTC day, tz-aware), ``brier``, ``count`` (forecasts resolved by
        then) and ``questions`` (questions resolved by then); one row per resolution day.
    """
    if scored is None:
        scored = row_scores(frame)
    if scored.empty:
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns, UTC]"),
                "brier": pd.Series(dtype="float64"),
                "count": pd.Series(dtype="int64"),
                "questions": pd.Series(dtype="int64"),
            }
        )
    weight = scored["weight"].to_numpy(dtype=np.float64)
    day = scored["resolved_at"].dt.tz_convert("UTC").dt.floor("D")
    first = ~scored["question_id"].duplicated()
    daily = (
        pd.DataFrame(
            {
                "day": day,  # a Series: to_numpy() would box 100,000 Timestamps
                "loss": weight * scored["brier"].to_numpy(dtype=np.float64),
                "weight": weight,
                "questions": first.to_numpy(dtype=np.int64),
            },
            index=scored.index,
        )
        .groupby("day", sort=True)
        .sum()
        .cumsum()
    )
    return pd.DataFrame(
        {
            "date": daily.index,
            "brier": (daily["loss"] / daily["weight"]).to_numpy(),
            "count": np.rint(daily["weight"].to_numpy()).astype(np.int64),
            "questions": daily["questions"].to_numpy(dtype=np.int64),
        }
    )


def worst_forecasts(
    frame: pd.DataFrame, *, n: int = WORST, scored: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The forecasts that cost the most Brier score (the questions that hurt most).

    Computed from `forecastbook.scoring.row_scores` (pass it as `scored` if already
    computed); a question and forecaster with several time-averaged rows counts once.

    Returns
    -------
    pandas.DataFrame
        Up to `n` rows, worst first (ties by question id, then forecaster): columns
        ``question_id``, ``forecaster``, ``given`` (the probability given to what
        happened, weighted over the standing predictions), ``outcome``, ``brier`` and
        ``share`` (its part of the book's total Brier loss).
    """
    if scored is None:
        scored = row_scores(frame)
    columns = ["question_id", "forecaster", "given", "outcome", "brier", "share"]
    if scored.empty:
        return pd.DataFrame(columns=columns)
    weight = scored["weight"].to_numpy(dtype=np.float64)
    p = scored["p"].to_numpy(dtype=np.float64)
    y = scored["y"].to_numpy(dtype=np.float64)
    given = np.where(y == 1.0, p, 1.0 - p)
    mc = np.isnan(y)
    if mc.any():
        dicts = scored["probabilities"].to_numpy()[mc]
        outcomes = scored["outcome"].to_numpy()[mc]
        given[mc] = [d[o] for d, o in zip(dicts, outcomes, strict=True)]
    parts = pd.DataFrame(
        {
            "question_id": scored["question_id"].to_numpy(),
            "forecaster": scored["forecaster"].to_numpy(),
            "outcome": scored["outcome"].to_numpy(),
            "weight": weight,
            "given": weight * given,
            "brier": weight * scored["brier"].to_numpy(dtype=np.float64),
        }
    )
    if parts.duplicated(["question_id", "forecaster"]).any():  # time-averaged rows
        parts = (
            parts.groupby(["question_id", "forecaster"], sort=False)
            .agg(
                outcome=("outcome", "first"),
                weight=("weight", "sum"),
                given=("given", "sum"),
                brier=("brier", "sum"),
            )
            .reset_index()
        )
    total = float(parts["brier"].sum())
    parts["given"] = parts["given"] / parts["weight"]
    parts["share"] = parts["brier"] / total if total > 0 else 0.0
    parts["brier"] = parts["brier"] / parts["weight"]
    if len(parts) > n > 0:  # sort only the candidates, not every forecast
        nth = np.partition(parts["brier"].to_numpy(), len(parts) - n)[len(parts) - n]
        parts = parts[parts["brier"] >= nth]
    parts = parts.sort_values(
        ["brier", "question_id", "forecaster"], ascending=[False, True, True], kind="mergesort"
    )
    return parts[columns].head(n).reset_index(drop=True)


def nothing_resolved_message(frame: pd.DataFrame, day: date) -> str:
    """Why there is no report: how many questions are open and when the next one is due."""
    open_rows = frame[frame["status"] == OPEN].drop_duplicates("question_id")
    annulled = int(frame.loc[frame["status"] == "annulled", "question_id"].nunique())
    if open_rows.empty:
        if annulled:
            return f"nothing to report: no scored forecasts ({annulled} annulled question(s))"
        return "nothing to report: the book has no questions (add some with `forecastbook add`)"
    n = len(open_rows)
    text = f"nothing to report: no question has resolved yet; {n} open"
    deadlines = open_rows.dropna(subset=["resolve_by"]).sort_values(
        ["resolve_by", "question_id"], kind="mergesort"
    )
    cutoff = pd.Timestamp(day)
    overdue = deadlines[deadlines["resolve_by"] < cutoff]
    upcoming = deadlines[deadlines["resolve_by"] >= cutoff]
    if not overdue.empty:
        first = overdue.iloc[0]
        text += (
            f", {len(overdue)} past its resolve-by date (earliest "
            f"{first['resolve_by'].date()}: {first['question_id']}; record outcomes with "
            "`forecastbook resolve`)"
        )
    if not upcoming.empty:
        nxt = upcoming.iloc[0]
        text += f", next due {nxt['resolve_by'].date()} ({nxt['question_id']})"
    elif overdue.empty:
        text += ", none with a resolve-by date"
    return text


def _latest_entry(frame: pd.DataFrame) -> date | None:
    moments = pd.concat([frame["prediction_at"], frame["resolved_at"]]).dropna()
    if moments.empty:
        return None
    return moments.max().tz_convert("UTC").date()


def report_data(
    forecasts: Iterable[Forecast],
    *,
    book: str = "forecasts",
    bins: int = 10,
    binning: str = DEFAULT_BINNING,
    by: str | None = None,
    method: str = "final",
    as_of: date | None = None,
    today: date | None = None,
    skipped: Sequence[str] = (),
    crowd: Sequence[str] | str = (),
    extremize: float = DEFAULT_EXTREMIZE,
    days: str = "lifetime",
    resolved_early: str = "include",
) -> ReportData:
    """Gather the numbers of the report on a book.

    Parameters
    ----------
    forecasts
        The questions (e.g. ``store.load_book(root).forecasts``).
    book
        The book's name, shown in the title (`book_name`, or a title the user gave).
    bins, binning
        Calibration bins: ``centred`` (the default: ``bins + 1`` bins centred on
        ``0, 1/bins, ..., 1``) or ``equal-width`` (`forecastbook score --bins`'s).
    by
        One of `REPORT_BY`: one series per group in the diagram and the running Brier
        panel, and a table per group in the summary.
    method, as_of
        Which predictions count, as in `forecastbook.frame.forecast_frame`.
    today
        The day "next due" is measured from when nothing has resolved (default: `as_of`,
        else today).
    skipped
        The book's files that could not be read (one message each): counted, noted on the
        figure and listed in the summary.
    crowd, extremize, days
        With ``by="forecaster"``: aggregate forecasters listed in the summary's table
        beside the people (not drawn, and never in the book's scores), and the conventions
        of the relative scores, as in `forecastbook.scoring.scores.score_book`.
    resolved_early
        ``include``, ``exclude`` or ``split`` the questions resolved early
        (`forecastbook.scoring.early`); the summary says how many there are in any case.

    Raises
    ------
    NothingToReport
        When no forecast has resolved; the message says how many questions are open and
        when the next one is due.
    """
    check_method(method)
    items = list(forecasts)
    aggregates = check_aggregates(crowd) if by == "forecaster" else ()
    frame = forecast_frame(items, method=method, as_of=as_of, crowd=aggregates, extremize=extremize)
    check_resolved_early(resolved_early)
    people = frame[~crowd_mask(frame)]
    early = early_questions(people)
    split = None
    if resolved_early == "exclude":
        frame = frame[~early_mask(frame)]
    elif resolved_early == "split":
        rows = people[people["status"] == RESOLVED]
        split = score_by(rows.assign(group=timing_labels(rows)), "group") if len(rows) else None
    data = report_from_frame(
        frame,
        book=book,
        bins=bins,
        binning=binning,
        by=by,
        method=method,
        as_of=as_of,
        today=today,
        questions={f.id: f.question for f in items},
        days=days,
    )
    data.scores["crowd"] = [PREFIX + a for a in check_aggregates(crowd)]
    data.scores["extremize"] = float(extremize)
    data.scores["resolved_early"] = early
    data.scores["resolved_early_mode"] = resolved_early
    if split is not None:
        data.scores["resolved_early_split"] = split.reset_index().to_dict(orient="records")
    accounting = account(items, as_of=as_of, invalid=len(skipped))
    data.scores["accounting"] = accounting
    data.scores["skipped"] = list(skipped)
    return replace(data, accounting=accounting, skipped=tuple(skipped))


def report_from_frame(
    frame: pd.DataFrame,
    *,
    book: str = "forecasts",
    bins: int = 10,
    binning: str = DEFAULT_BINNING,
    by: str | None = None,
    method: str = "final",
    as_of: date | None = None,
    today: date | None = None,
    questions: Mapping[str, str] | None = None,
    days: str = "lifetime",
) -> ReportData:
    """`report_data` on a forecast frame already built (`method` and `as_of` only label it).

    Rows of aggregate forecasters (``crowd:...``) appear only in the ``by="forecaster"``
    table, beside the people; everything else is computed without them.

    The scores are `forecastbook.scoring.summary` of the frame, exactly what
    `forecastbook score --json` prints, and the calibration points are its
    ``calibration`` list; `questions` maps ids to question text for the worst-forecasts
    table and the due list.
    """
    check_method(method)
    check_by(by)
    check_binning(binning)
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise BadInput("bins", f"must be a positive whole number, got {bins!r}")
    check_days(days)
    mask = crowd_mask(frame)
    with_crowd = frame
    if mask.any():
        frame = frame[~mask]
    scores = summary(frame, bins=bins, binning=binning)
    scores["method"] = method
    scores["as_of"] = str(as_of) if as_of is not None else None
    scores["crowd"] = []
    scores["extremize"] = DEFAULT_EXTREMIZE
    scores["days"] = days
    if scores["count"] == 0:
        if today is None:
            from forecastbook.settings import today as local_today

            today = as_of or local_today()
        raise NothingToReport(nothing_resolved_message(frame, today))
    resolved = frame[frame["status"] == RESOLVED]
    # The points of the diagram are the `calibration` bins that `score --json` prints.
    calib = pd.DataFrame.from_records(scores["calibration"], columns=list(TABLE_COLUMNS))
    series: dict[str, pd.DataFrame] = {}
    groups = None
    hidden = 0
    if by is not None:
        groups = score_by(with_crowd if by == "forecaster" else frame, by)
        if by == "forecaster":
            relative = relative_scores(with_crowd, method=method, days=days)
            groups = groups.join(relative, how="left")
            groups["shared"] = groups["shared"].fillna(0).astype(np.int64)
            groups = sort_groups(groups, "relative_brier")
            scores["sort"] = "relative_brier"
        scores["by"] = by
        scores["groups"] = groups.reset_index().to_dict(orient="records")
        tables = group_calibration(frame, by, n_bins=bins, binning=binning)
        hidden = max(len(tables) - MAX_SERIES, 0)
        series = dict(list(tables.items())[:MAX_SERIES])
    scored = row_scores(frame)
    n_questions = int(resolved["question_id"].nunique())
    running: pd.DataFrame | None = None
    running_series: dict[str, pd.DataFrame] = {}
    if n_questions >= FEW:
        # From the FEW-th resolved question on: before it the line is mostly noise and
        # its swings would set the y-axis.
        running = _from_few(running_brier(frame, scored=scored))
        if len(running) < MIN_RUNNING_DAYS:
            running = None
    if running is not None and series and by is not None:
        parts = group_frames(frame, by)
        for name in series:
            line = _from_few(running_brier(parts[name]))
            if len(line):
                running_series[name] = line
    worst = worst_forecasts(frame, scored=scored)
    texts = {q: (questions or {}).get(q, "") for q in worst["question_id"]}
    due = _due(frame, scored, questions or {})
    days = resolved["resolved_at"].dt.tz_convert("UTC")
    return ReportData(
        book=book,
        method=method,
        bins=bins,
        by=by,
        as_of=as_of,
        dated=as_of or _latest_entry(frame),
        first_resolved=days.min().date(),
        last_resolved=days.max().date(),
        scores=scores,
        calibration=calib,
        series=series,
        groups=groups,
        hidden_groups=hidden,
        running=running,
        resolved_questions=n_questions,
        worst=worst,
        questions=texts,
        binning=binning,
        running_series=running_series,
        due=due,
    )


def _from_few(running: pd.DataFrame) -> pd.DataFrame:
    return running[running["questions"] >= FEW].reset_index(drop=True)


def _due(frame: pd.DataFrame, scored: pd.DataFrame, questions: Mapping[str, str]) -> pd.DataFrame:
    """The open questions due next (no date last), else the scored questions by date."""
    rows = frame[frame["status"] == OPEN].drop_duplicates("question_id")
    if len(rows):
        table = pd.DataFrame(
            {
                "question_id": rows["question_id"].astype(str).to_numpy(),
                "resolve_by": rows["resolve_by"].to_numpy(),
            }
        )
        table = table.sort_values(
            ["resolve_by", "question_id"], kind="mergesort", na_position="last"
        )
    else:
        first = scored.drop_duplicates("question_id")
        table = pd.DataFrame(
            {
                "question_id": first["question_id"].astype(str).to_numpy(),
                "resolved_at": first["resolved_at"].to_numpy(),
                "outcome": first["outcome"].astype(str).to_numpy(),
            }
        ).sort_values(["resolved_at", "question_id"], ascending=[False, True], kind="mergesort")
    table = table.head(DUE_ROWS).reset_index(drop=True)
    table["question"] = [questions.get(q, "") for q in table["question_id"]]
    return table


# -- markdown --------------------------------------------------------------------------------


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str) -> str:
    """A GitHub Markdown table; `align` has one of ``l``/``r`` per column.

    Cells are Markdown already: pass user text through `md_text` (which escapes ``|``).

    >>> print(markdown_table(["a", "b"], [[1, md_text("x|y")]], "rl"))
    | a | b |
    |--:|:--|
    | 1 | x\\|y |
    """
    marks = {"l": ":--", "r": "--:"}

    def cell(value: Any) -> str:
        return " ".join(str(value).split())

    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join(marks[a] for a in align) + "|",
    ]
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def bin_label(lower: float, upper: float, *, binning: str, last: bool = False) -> str:
    """A bin as text: ``(0.60, 0.70]`` (equal-width, the first ``[0.00, ...``) or ``70%
    (0.65-0.75)`` (centred).

    >>> bin_label(0.65, 0.75, binning="centred"), bin_label(0.6, 0.7, binning="equal-width")
    ('70% (0.65-0.75)', '(0.60, 0.70]')
    """
    if binning == "centred":
        centre = 0.0 if lower == 0.0 else (1.0 if upper == 1.0 else (lower + upper) / 2)
        return f"{centre:.0%} ({lower:.2f}-{upper:.2f})"
    return f"{'[' if lower == 0.0 else '('}{lower:.2f}, {upper:.2f}]"


_ACCOUNT_LABELS = {
    "scored": "scored",
    "open": "open",
    "annulled": "annulled",
    "ambiguous": "ambiguous",
    "condition_not_met": "condition not met",
    "no_forecast": "resolved with no forecast before it",
    "draft": "drafts",
    "after_as_of": "created after --as-of",
    "invalid": "unreadable",
}


def accounting_text(accounting: Mapping[str, int]) -> str:
    """Where every file went, in one line: `43 files: 9 scored, 29 open, ...` (zeros left
    out, but for scored and open).

    >>> accounting_text({"scored": 2, "open": 1, "draft": 0, "invalid": 1, "files": 4})
    '4 files: 2 scored, 1 open, 1 unreadable'
    """
    parts = [
        f"{accounting[key]:,} {label}"
        for key, label in _ACCOUNT_LABELS.items()
        if accounting.get(key) or key in ("scored", "open")
    ]
    files = accounting.get("files", 0)
    return f"{files:,} file{'s' if files != 1 else ''}: " + ", ".join(parts)


def score_rows(scores: Mapping[str, Any], *, minus: str = "-") -> list[tuple[str, str, str]]:
    """The rows of the scores table, in the summary and in the figure: (name, value, note).

    Every reference in a note is the one the number beside it was measured against
    (``brier_reference``, ``log_score_reference``, the base rate and its Brier score,
    the uncertainty). With both kinds of question, the yes/no and multiple-choice Brier
    scores follow the headline. `minus` is the minus sign (the figure's is typographic).

    >>> score_rows({"count": 1200, "brier": 0.1, "brier_reference": 0.25})[2]
    ('Brier score', '0.100', 'lower is better; always 50%: 0.250')
    """

    def num(key: str, digits: int = 3, signed: bool = False) -> str:
        return number(scores.get(key), digits, signed=signed, minus=minus)

    binary = int(scores.get("binary_count") or 0)
    mc = int(scores.get("multiple_choice_count") or 0)
    always = (
        "always 50%"
        if not mc
        else ("same odds for every option" if not binary else "50%/same odds")
    )
    rows = [
        ("Resolved forecasts", fmt_count(scores.get("count") or 0), ""),
        ("Open questions", fmt_count(scores.get("open") or 0), ""),
        ("Brier score", num("brier"), f"lower is better; {always}: {num('brier_reference')}"),
    ]
    if binary and mc:
        rows += [
            ("  yes/no", num("brier_binary"), f"{binary:,} forecasts"),
            ("  multiple choice", num("brier_multiple_choice"), f"{mc:,} forecasts"),
        ]
    rows += [
        (
            "Log score",
            num("log_score"),
            f"higher is better; {always}: {num('log_score_reference')}",
        ),
        (
            "Skill vs 50%" if not mc else "Skill vs same odds",
            num("brier_skill_vs_half", 3, True),
            "1 is perfect, > 0 beats it",
        ),
        (
            "Skill vs base rate",
            num("brier_skill_vs_base_rate", 3, True),
            f"always the base rate {num('base_rate')}: {num('uncertainty')}",
        ),
        ("Reliability", num("reliability"), "lower is better"),
        ("Resolution", num("resolution"), "higher is better"),
        ("Uncertainty", num("uncertainty"), "of the yes/no outcomes"),
    ]
    wrong = int(scores.get("certain_wrong") or 0)
    if wrong:
        rows.append(
            ("Certain and wrong", f"{wrong:,}", "gave what happened 0: not in the log score")
        )
    return rows


def scores_markdown(scores: Mapping[str, Any]) -> str:
    """The scores table of a summary dict, as Markdown."""
    rows = score_rows(scores)
    rows.insert(2, ("Annulled questions", fmt_count(scores.get("annulled") or 0), "not scored"))
    rows = [(name.replace("  ", "&emsp;"), value, note) for name, value, note in rows]
    return markdown_table(["Score", "Value", "Note"], rows, "lrl")


def calibration_markdown(table: pd.DataFrame, *, binning: str = "equal-width") -> str:
    """A calibration table (`calibration.calibration_table`) as Markdown."""
    rows = [
        (
            bin_label(r.lower, r.upper, binning=binning),
            fmt_count(r.count),
            number(r.mean_forecast),
            number(r.observed),
            f"{number(r.ci_low)} to {number(r.ci_high)}",
        )
        for r in table.itertuples(index=False)
    ]
    return markdown_table(
        ["Bin", "Forecasts", "Mean forecast", "Observed", "95% interval"], rows, "lrrrl"
    )


def groups_markdown(groups: pd.DataFrame, by: str) -> str:
    """A `scoring.score_by` table as Markdown (each group's skill vs its own base rate);
    with the relative scores when the table has them (``--by forecaster``)."""
    relative = "relative_brier" in groups
    rows = [
        (
            md_text(name),
            fmt_count(r["count"]),
            fmt_count(r["open"]),
            number(r["brier"]),
            number(r["log_score"]),
            number(r["brier_skill_vs_half"], 3, signed=True),
            number(r["base_rate"]),
            number(r["brier_skill_vs_base_rate"], 3, signed=True),
        )
        + (
            (
                fmt_count(r["shared"]),
                number(r["relative_brier"], 3, signed=True),
                number(r["peer_score"], 1, signed=True),
                number(r["baseline_score"], 1, signed=True),
            )
            if relative
            else ()
        )
        for name, r in groups.iterrows()
    ]
    head = [
        by.capitalize(),
        "Resolved",
        "Open",
        "Brier",
        "Log score",
        "Skill vs 50%",
        "Base rate",
        "Skill vs base rate",
    ]
    if relative:
        head += ["Shared", "Relative Brier", "Peer", "Baseline"]
    return markdown_table(head, rows, "l" + "r" * (len(head) - 1))


def worst_markdown(worst: pd.DataFrame, questions: Mapping[str, str]) -> str:
    """The `worst_forecasts` table as Markdown, with each question's text."""
    rows = []
    for r in worst.itertuples(index=False):
        text = " ".join(questions.get(r.question_id, "").split())
        if len(text) > 90:
            text = text[:87] + "..."
        rows.append(
            (
                md_code(str(r.question_id)) + (f" {md_text(text)}" if text else ""),
                md_text(r.forecaster),
                percent(r.given),
                md_text(r.outcome),
                number(r.brier),
                f"{r.share:.1%}",
            )
        )
    return markdown_table(
        ["Question", "Forecaster", "Gave the outcome", "Outcome", "Brier", "Share of loss"],
        rows,
        "llrlrr",
    )


def figure_markdown(figure: str) -> str:
    """The summary's link to its figure: embedded as an image (png, svg), linked (pdf).

    >>> figure_markdown("my report.png"), figure_markdown("cal.pdf")
    ('![Calibration report](my%20report.png)', '[Calibration report (PDF)](cal.pdf)')
    """
    target = quote(figure)
    if figure.lower().endswith(".pdf"):
        return f"[Calibration report (PDF)]({target})"
    return f"![Calibration report]({target})"


def summary_markdown(data: ReportData, *, figure: str | None = "calibration.png") -> str:
    """The Markdown summary of a report: scores, calibration table, worst questions.

    Every user-supplied string is escaped (`forecastbook.report.formatting.md_text`).

    Parameters
    ----------
    data
        From `report_data`.
    figure
        File name of the figure, linked relative to the summary (None: no link); a PDF
        is linked, other formats are embedded.
    """
    subtitle = data.subtitle().replace("\u00b7", "|")
    out = [f"# Calibration report: {md_text(data.book)}", "", subtitle, ""]
    if figure:
        out += [figure_markdown(figure), ""]
    note = data.note()
    if note:
        out += [f"> **{' '.join(note.split())}**", ""]  # our words and counts only
    out += ["## Scores", "", scores_markdown(data.scores), ""]
    if data.accounting:
        out += ["## Every question", "", accounting_text(data.accounting) + ".", ""]
    early = data.scores.get("resolved_early") or 0
    if early:
        mode = data.scores.get("resolved_early_mode") or "include"
        what = {
            "include": "They are scored",
            "exclude": "They are left out of every number",
            "split": "They are scored, and apart below",
        }[mode]
        out += [
            f"{early:,} scored question(s) resolved early (with more than a quarter of their "
            f"scheduled life before resolve-by; mostly yeses that happened early, which bias "
            f"calibration). {what} (`--resolved-early include|exclude|split`).",
            "",
        ]
        if data.scores.get("resolved_early_split"):
            table = pd.DataFrame.from_records(data.scores["resolved_early_split"])
            out += [groups_markdown(table.set_index("group"), "timing"), ""]
    if data.skipped:
        out += [
            f"## Files left out ({len(data.skipped)})",
            "",
            "These files could not be read and are not in any number above:",
            "",
            *(f"- {md_text(problem)}" for problem in data.skipped),
            "",
        ]
    out += [
        "## Calibration",
        "",
        f"Resolved yes/no forecasts in {data.bins_text()}. Empty bins are left out.",
        "",
    ]
    if data.calibration.empty:
        out += ["No resolved yes/no forecasts.", ""]
    else:
        out += [calibration_markdown(data.calibration, binning=data.binning), ""]
    if data.by and data.groups is not None:
        out += [
            f"## By {data.by}",
            "",
            "Each group's skill vs base rate is measured against its own base rate.",
            *(
                [
                    "Sorted by relative Brier (Fatebook's: Brier minus the median Brier of "
                    "the people on the question; lower is better); peer and baseline are "
                    "Metaculus' scores (higher is better); *shared*: questions with another "
                    "forecaster. Rows named crowd:... are aggregates of the people's "
                    "forecasts, scored like a person.",
                ]
                if "relative_brier" in data.groups
                else []
            ),
            "",
            groups_markdown(data.groups, data.by),
            "",
        ]
    out += [
        "## Questions that hurt the score most",
        "",
        "Forecasts with the highest Brier score; *share of loss* is their part of the "
        "book's total Brier loss.",
        "",
        worst_markdown(data.worst, data.questions),
        "",
        "## Conventions",
        "",
    ]
    for name, text in conventions(bins=data.bins, binning=data.binning).items():
        out.append(f"- **{name}**: {text}")
    out += ["", f"The same numbers: `{data.command()} --json`.", ""]
    return "\n".join(out)
