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
Running Brier score
    The Brier score of every forecast resolved by the end of each resolution day (UTC),
    drawn from the day the `FEW`-th question resolved, when that leaves at least
    `MIN_RUNNING_DAYS` days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.format.models import Forecast
from forecastbook.scoring.calibration import TABLE_COLUMNS, calibration_table
from forecastbook.scoring.frame import OPEN, RESOLVED, account, check_method, forecast_frame
from forecastbook.scoring.scores import NONE_LABEL, conventions, row_scores, score_by, summary

REPORT_BY: tuple[str, ...] = ("forecaster", "tag", "group")
"""Breakdowns the report can draw as separate series."""
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
        """What the running-Brier panel says when it is not drawn."""
        return (
            f"Drawn once {FEW} questions have resolved,\nover {MIN_RUNNING_DAYS} or more days "
            f"({self.resolved_questions} resolved so far)."
        )

    def command(self) -> str:
        """The `forecastbook score` command that prints the same numbers."""
        parts = ["forecastbook score", f"--bins {self.bins}", f"--method {self.method}"]
        if self.as_of is not None:
            parts.append(f"--as-of {self.as_of}")
        if self.by:
            parts.append(f"--by {self.by}")
        return " ".join(parts)

    def footnote(self) -> str:
        """Small print: bin and interval conventions, the equivalent score command."""
        text = (
            f"{self.bins} equal-width bins (lower, upper], the first including 0; "
            "error bars: 95% Wilson intervals; Brier on the 0-1 scale. "
            f"Same numbers as `{self.command()}`."
        )
        mc = int(self.scores.get("multiple_choice_count") or 0)
        if mc:
            text += f" {mc:,} multiple-choice forecasts are scored but not in the diagram."
        return text

    def series_labels(self) -> dict[str, str]:
        """Legend label of each drawn group: name, resolved count and Brier score."""
        labels = {}
        for name in self.series:
            label = name if len(name) <= 32 else name[:31] + "\u2026"
            if self.groups is not None and name in self.groups.index:
                row = self.groups.loc[name]
                brier = row["brier"]
                stats = f"n={int(row['count']):,}"
                stats += f", Brier {brier:.3f}" if pd.notna(brier) else ""
                # A long name goes on its own line so the legend stays narrow.
                label += f"\n{stats}" if len(label) > 16 else f" ({stats})"
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
            "running_message": self.running_message(),
            "running_label": f"Running Brier (from the {FEW}th resolved question)",
            "reference": 0.25 if mc == 0 else None,
            "note": self.note(),
            "footnote": self.footnote(),
        }


# -- numbers ---------------------------------------------------------------------------------


def book_name(root: Path) -> str:
    """The book's name in the title: its folder as given, or the last two parts if absolute.

    >>> book_name(Path("forecasts")), book_name(Path("/home/ann/work/forecasts"))
    ('forecasts', 'work/forecasts')
    """
    if root.is_absolute():
        return "/".join(root.parts[-2:]) if len(root.parts) > 2 else root.as_posix()
    return root.as_posix()


FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
"""Figure formats a report can be written in."""


def output_paths(out: Path | None, fmt: str | None) -> tuple[Path, Path, str]:
    """(figure path, summary path, format) of a report: `out` or
    ``reports/calibration.FORMAT``; the format from `fmt`, else `out`'s suffix, else png;
    the summary beside the figure.

    >>> output_paths(None, "svg")
    (PosixPath('reports/calibration.svg'), PosixPath('reports/summary.md'), 'svg')
    """
    suffix = out.suffix.lower().lstrip(".") if out is not None else ""
    if fmt is not None and fmt not in FORMATS:
        raise BadInput("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt is not None and suffix in FORMATS and suffix != fmt:
        raise BadInput("--out", f"{out} is not a {fmt} file name")
    fmt = fmt or (suffix if suffix in FORMATS else "png")
    figure = out if out is not None else Path("reports") / f"calibration.{fmt}"
    if figure.name == SUMMARY_NAME:
        raise BadInput("--out", f"{out} would be overwritten by the summary")
    return figure, figure.parent / SUMMARY_NAME, fmt


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


def group_calibration(frame: pd.DataFrame, by: str, *, n_bins: int = 10) -> dict[str, pd.DataFrame]:
    """Calibration table of each forecaster, tag or group with resolved yes/no forecasts.

    Parameters
    ----------
    frame
        A forecast frame (`forecastbook.frame.forecast_frame`).
    by
        ``forecaster``, ``tag`` (a question counts under each of its tags) or ``group``;
        missing values are grouped as ``"(none)"``, as in `forecastbook.scoring.score_by`.
    n_bins
        Number of equal-width bins.

    Returns
    -------
    dict
        Group label -> `calibration.calibration_table`, largest group (total count) first,
        ties by label.
    """
    check_by(by)
    rows = frame[(frame["status"] == RESOLVED) & frame["y"].notna()]
    if rows.empty:
        return {}
    rows, labels = _group_labels(rows, by)
    tables = {
        str(name): calibration_table(part, n_bins=n_bins)
        for name, part in rows.groupby(labels.to_numpy(), sort=True)
    }
    order = sorted(tables, key=lambda name: (-float(tables[name]["count"].sum()), name))
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
    by: str | None = None,
    method: str = "final",
    as_of: date | None = None,
    today: date | None = None,
    skipped: Sequence[str] = (),
) -> ReportData:
    """Gather the numbers of the report on a book.

    Parameters
    ----------
    forecasts
        The questions (e.g. ``store.load_book(root).forecasts``).
    book
        The book's name, shown in the title.
    bins
        Number of equal-width calibration bins (as `forecastbook score --bins`).
    by
        ``forecaster``, ``tag`` or ``group``: one series per group in the diagram.
    method, as_of
        Which predictions count, as in `forecastbook.frame.forecast_frame`.
    today
        The day "next due" is measured from when nothing has resolved (default: `as_of`,
        else today).
    skipped
        The book's files that could not be read (one message each): counted, noted on the
        figure and listed in the summary.

    Raises
    ------
    NothingToReport
        When no forecast has resolved; the message says how many questions are open and
        when the next one is due.
    """
    check_method(method)
    items = list(forecasts)
    frame = forecast_frame(items, method=method, as_of=as_of)
    data = report_from_frame(
        frame,
        book=book,
        bins=bins,
        by=by,
        method=method,
        as_of=as_of,
        today=today,
        questions={f.id: f.question for f in items},
    )
    accounting = account(items, as_of=as_of, invalid=len(skipped))
    data.scores["accounting"] = accounting
    data.scores["skipped"] = list(skipped)
    return replace(data, accounting=accounting, skipped=tuple(skipped))


def report_from_frame(
    frame: pd.DataFrame,
    *,
    book: str = "forecasts",
    bins: int = 10,
    by: str | None = None,
    method: str = "final",
    as_of: date | None = None,
    today: date | None = None,
    questions: Mapping[str, str] | None = None,
) -> ReportData:
    """`report_data` on a forecast frame already built (`method` and `as_of` only label it).

    The scores are `forecastbook.scoring.summary` of the frame, exactly what
    `forecastbook score --json` prints, and the calibration points are its
    ``calibration`` list; `questions` maps ids to question text for the worst-forecasts
    table.
    """
    check_method(method)
    check_by(by)
    if isinstance(bins, bool) or not isinstance(bins, int) or bins < 1:
        raise BadInput("bins", f"must be a positive whole number, got {bins!r}")
    scores = summary(frame, bins=bins)
    scores["method"] = method
    scores["as_of"] = str(as_of) if as_of is not None else None
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
        groups = score_by(frame, by)
        scores["by"] = by
        scores["groups"] = groups.reset_index().to_dict(orient="records")
        tables = group_calibration(frame, by, n_bins=bins)
        hidden = max(len(tables) - MAX_SERIES, 0)
        series = dict(list(tables.items())[:MAX_SERIES])
    scored = row_scores(frame)
    n_questions = int(resolved["question_id"].nunique())
    running: pd.DataFrame | None = None
    if n_questions >= FEW:
        # From the FEW-th resolved question on: before it the line is mostly noise and
        # its swings would set the y-axis.
        running = running_brier(frame, scored=scored)
        running = running[running["questions"] >= FEW].reset_index(drop=True)
        if len(running) < MIN_RUNNING_DAYS:
            running = None
    worst = worst_forecasts(frame, scored=scored)
    texts = {q: (questions or {}).get(q, "") for q in worst["question_id"]}
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
    )


# -- markdown --------------------------------------------------------------------------------


def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _num(value: Any, digits: int = 3, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "n/a"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def _count(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]], align: str) -> str:
    """A GitHub Markdown table; `align` has one of ``l``/``r`` per column.

    >>> print(markdown_table(["a", "b"], [[1, "x|y"]], "rl"))
    | a | b |
    |--:|:--|
    | 1 | x\\|y |
    """
    marks = {"l": ":--", "r": "--:"}
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "|" + "|".join(marks[a] for a in align) + "|",
    ]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def _bin_label(lower: float, upper: float, first: bool) -> str:
    return f"{'[' if first else '('}{lower:.2f}, {upper:.2f}]"


_ACCOUNT_LABELS = {
    "scored": "scored",
    "open": "open",
    "annulled": "annulled",
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


def scores_markdown(scores: Mapping[str, Any]) -> str:
    """The scores table of a summary dict, as Markdown."""
    rows = [
        ("Resolved forecasts", _count(scores.get("count") or 0), ""),
        ("Open questions", _count(scores.get("open") or 0), ""),
        ("Annulled questions", _count(scores.get("annulled") or 0), "not scored"),
        ("Brier score", _num(scores.get("brier")), "lower is better; always 50% scores 0.250"),
        ("Log score", _num(scores.get("log_score")), "higher is better; always 50% scores -0.693"),
        ("Skill vs 50%", _num(scores.get("brier_skill_vs_half"), 3, True), "1 is perfect"),
        (
            "Skill vs base rate",
            _num(scores.get("brier_skill_vs_base_rate"), 3, True),
            f"base rate {_num(scores.get('base_rate'))}",
        ),
        ("Reliability", _num(scores.get("reliability")), "lower is better"),
        ("Resolution", _num(scores.get("resolution")), "higher is better"),
        ("Uncertainty", _num(scores.get("uncertainty")), "of the outcomes"),
    ]
    clipped = int(scores.get("clipped") or 0)
    if clipped:
        rows.append(("Clipped log scores", f"{clipped:,}", "certain forecasts that were wrong"))
    return markdown_table(["Score", "Value", "Note"], rows, "lrl")


def calibration_markdown(table: pd.DataFrame) -> str:
    """A calibration table (`calibration.calibration_table`) as Markdown."""
    rows = [
        (
            _bin_label(r.lower, r.upper, r.lower == 0.0),
            _count(r.count),
            f"{r.mean_forecast:.3f}",
            f"{r.observed:.3f}",
            f"{r.ci_low:.3f} to {r.ci_high:.3f}",
        )
        for r in table.itertuples(index=False)
    ]
    return markdown_table(
        ["Bin", "Forecasts", "Mean forecast", "Observed", "95% interval"], rows, "lrrrl"
    )


def groups_markdown(groups: pd.DataFrame, by: str) -> str:
    """A `scoring.score_by` table as Markdown."""
    rows = [
        (
            name,
            _count(r["count"]),
            _count(r["open"]),
            _num(r["brier"]),
            _num(r["log_score"]),
            _num(r["brier_skill_vs_half"], 3, True),
        )
        for name, r in groups.iterrows()
    ]
    return markdown_table(
        [by.capitalize(), "Resolved", "Open", "Brier", "Log score", "Skill vs 50%"],
        rows,
        "lrrrrr",
    )


def worst_markdown(worst: pd.DataFrame, questions: Mapping[str, str]) -> str:
    """The `worst_forecasts` table as Markdown, with each question's text."""
    rows = []
    for r in worst.itertuples(index=False):
        text = questions.get(r.question_id, "")
        if len(text) > 90:
            text = text[:87] + "..."
        rows.append(
            (
                f"`{r.question_id}`" + (f" {text}" if text else ""),
                r.forecaster,
                f"{r.given:.0%}",
                r.outcome,
                f"{r.brier:.3f}",
                f"{r.share:.1%}",
            )
        )
    return markdown_table(
        ["Question", "Forecaster", "Gave the outcome", "Outcome", "Brier", "Share of loss"],
        rows,
        "llrlrr",
    )


def summary_markdown(data: ReportData, *, figure: str | None = "calibration.png") -> str:
    """The Markdown summary of a report: scores, calibration table, worst questions.

    Parameters
    ----------
    data
        From `report_data`.
    figure
        File name of the figure, linked relative to the summary (None: no image).
    """
    out = [f"# {data.title()}", "", data.subtitle().replace("\u00b7", "|"), ""]
    if figure:
        out += [f"![Calibration report]({figure})", ""]
    note = data.note()
    if note:
        out += [f"> **{note.replace(chr(10), ' ')}**", ""]
    out += ["## Scores", "", scores_markdown(data.scores), ""]
    if data.accounting:
        out += ["## Every question", "", accounting_text(data.accounting) + ".", ""]
    if data.skipped:
        out += [
            f"## Files left out ({len(data.skipped)})",
            "",
            "These files could not be read and are not in any number above:",
            "",
            *(f"- `{_cell(problem)}`" for problem in data.skipped),
            "",
        ]
    out += [
        "## Calibration",
        "",
        f"Resolved yes/no forecasts in {data.bins} equal-width bins "
        "(bins are closed on the right; the first also holds 0). Empty bins are left out.",
        "",
    ]
    if data.calibration.empty:
        out += ["No resolved yes/no forecasts.", ""]
    else:
        out += [calibration_markdown(data.calibration), ""]
    if data.by and data.groups is not None:
        out += [f"## By {data.by}", "", groups_markdown(data.groups, data.by), ""]
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
    for name, text in conventions(bins=data.bins).items():
        out.append(f"- **{name}**: {text}")
    out += ["", f"The same numbers: `{data.command()} --json`.", ""]
    return "\n".join(out)
