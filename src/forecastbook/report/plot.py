"""Charts of forecast quality: reliability diagram, sharpness, scores, running Brier score.

The only module that imports matplotlib. Every drawing function takes the numbers it
draws (a calibration table from `forecastbook.calibration.calibration_table`, a summary
dict from `forecastbook.scoring.summary`, ...) and never computes a score itself, so the
figure shows exactly what `forecastbook score` prints.

Single-panel functions take ``ax=None`` and return the Axes (a new pyplot figure when no
Axes is given, for notebooks). `plot_report` builds the whole report figure on a bare
`matplotlib.figure.Figure` (Agg, no display, no pyplot state) and `figure_bytes` renders
it. The same input gives the same bytes in png, svg and pdf: matplotlib's default style
(ignoring any user matplotlibrc), the bundled DejaVu Sans font, a fixed SVG hash salt and
no timestamps or software versions in the file metadata.
"""

from __future__ import annotations

import contextlib
import io
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from forecastbook.errors import BadInput

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
FIGSIZE: tuple[float, float] = (12.0, 8.0)
"""Size of the report figure in inches."""
DPI = 120
"""Resolution of the png report: `FIGSIZE` times `DPI` is 1440 x 960 pixels."""
MAX_SERIES = 8
"""Most series drawn with ``by``; the rest are left out (and the figure says so)."""

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib: same glyphs everywhere
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 9,
    "legend.frameon": True,
    "legend.framealpha": 0.9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "svg.hashsalt": "forecastbook",  # fixed ids in svg output
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": True,
}
METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
"""File metadata per format: nothing that changes from run to run or version to version."""

SINGLE_COLOR = "#1f77b4"
OVERALL_COLOR = "#5b6770"  # all forecasts, when the series overlap
DIAGONAL_COLOR = "#8c8c8c"
NOTE_COLOR = "#a23b00"


@contextlib.contextmanager
def report_style() -> Iterator[None]:
    """Matplotlib's default style plus `STYLE`, whatever the user's matplotlibrc says."""
    import matplotlib.style

    with matplotlib.style.context(["default", STYLE]):
        yield


def _new_axes() -> Axes:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    return ax


def _check_table(table: pd.DataFrame, name: str = "table") -> None:
    needed = ("lower", "upper", "count", "mean_forecast", "observed", "ci_low", "ci_high")
    if not isinstance(table, pd.DataFrame):
        raise BadInput(name, f"must be a calibration table (DataFrame), got {type(table).__name__}")
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise BadInput(name, f"is not a calibration table (missing {', '.join(missing)})")


def format_count(value: float) -> str:
    """A bin count as text: whole numbers with thousands separators, else one decimal.

    Time-averaged counts are weighted, hence fractional.

    >>> format_count(1234), format_count(2.25)
    ('1,234', '2.2')
    """
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _marker_sizes(counts: Any, largest: float) -> Any:
    """Marker areas (points^2) growing with the square root of the count."""
    c = np.asarray(counts, dtype=np.float64)
    return 20.0 + 130.0 * np.sqrt(c / max(largest, 1e-12))


def plot_diagonal(ax: Axes) -> Axes:
    """Draw the perfect-calibration diagonal and set up the unit square of a reliability plot."""
    ax.plot(
        [0, 1],
        [0, 1],
        linestyle="--",
        color=DIAGONAL_COLOR,
        linewidth=1,
        label="Perfect calibration",
    )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ticks = np.linspace(0, 1, 6)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    ax.set_xlabel("Forecast probability (mean of the bin)")
    ax.set_ylabel("Observed frequency")
    ax.grid(True, color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    return ax


def plot_reliability(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    label: str | None = "Resolved forecasts",
    color: str = SINGLE_COLOR,
    annotate: bool = True,
    diagonal: bool = True,
    largest: float | None = None,
) -> Axes:
    """Reliability diagram of one calibration table.

    One point per non-empty bin at (mean forecast, observed frequency), with its 95%
    interval as an error bar; marker area grows with the bin's count.

    Parameters
    ----------
    table
        A calibration table (`forecastbook.calibration.calibration_table`).
    ax
        Axes to draw on; a new figure when None.
    label
        Legend label of the points (None: no legend entry).
    color
        Colour of the points and intervals.
    annotate
        Write each bin's count next to its point.
    diagonal
        Draw the perfect-calibration diagonal and the axis labels.
    largest
        Count that gets the largest marker (to share marker scale between series);
        defaults to the table's largest count.

    Returns
    -------
    matplotlib.axes.Axes
        The points are a ``PathCollection`` with gid ``"points"`` whose offsets equal
        ``table[["mean_forecast", "observed"]]``; the intervals are a ``Line2D`` with gid
        ``"intervals"``: segments (mean_forecast, ci_low)-(mean_forecast, ci_high)
        separated by NaN.
    """
    _check_table(table)
    if ax is None:
        ax = _new_axes()
    if diagonal:
        plot_diagonal(ax)
    if table.empty:
        return ax
    x = table["mean_forecast"].to_numpy(dtype=np.float64)
    y = table["observed"].to_numpy(dtype=np.float64)
    low = table["ci_low"].to_numpy(dtype=np.float64)
    high = table["ci_high"].to_numpy(dtype=np.float64)
    counts = table["count"].to_numpy(dtype=np.float64)
    # Intervals as one Line2D of NaN-separated segments (not ax.errorbar's LineCollection)
    # so that the "best" legend position avoids them; caps as "_" markers.
    nan = np.full_like(x, np.nan)
    ax.plot(
        np.column_stack([x, x, nan]).ravel(),
        np.column_stack([low, high, nan]).ravel(),
        color=color,
        linewidth=1.4,
        alpha=0.75,
        zorder=3,
        gid="intervals",
        label="_intervals",
    )
    ax.plot(
        np.column_stack([x, x]).ravel(),
        np.column_stack([low, high]).ravel(),
        linestyle="none",
        marker="_",
        markersize=7,
        markeredgewidth=1.4,
        color=color,
        alpha=0.75,
        zorder=3,
        gid="caps",
        label="_caps",
        clip_on=False,
    )
    ax.scatter(
        x,
        y,
        s=_marker_sizes(counts, largest if largest is not None else float(counts.max())),
        color=color,
        edgecolors="white",
        linewidths=0.8,
        label=label,
        zorder=4,
        clip_on=False,  # a point at 0 or 1 is drawn whole
        gid="points",
    )
    if annotate:
        for xi, yi, lo, hi, ci in zip(x, y, low, high, counts, strict=True):
            # Beyond the end of the interval that points away from the diagonal, so the
            # label clears the diagonal and the neighbouring bins' intervals.
            if (yi >= xi and hi < 0.9) or (lo < 0.1 and hi < 0.9):
                where, offset, ha, va = hi, (0, 4), "center", "bottom"
            elif lo >= 0.1:
                where, offset, ha, va = lo, (0, -4), "center", "top"
            else:  # the interval spans the square: beside the point
                where, offset, ha, va = yi, (8, 0), "left", "center"
            ax.annotate(
                f"n={format_count(ci)}",
                (xi, where),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=8,
                color="#333333",
                zorder=5,
            )
    return ax


def plot_reliability_groups(
    tables: Mapping[str, pd.DataFrame],
    *,
    ax: Axes | None = None,
    colors: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Axes:
    """Reliability diagram with one series per group, in distinct colours, and a legend.

    Parameters
    ----------
    tables
        Calibration table of each group, in drawing order.
    ax
        Axes to draw on; a new figure when None.
    colors
        One colour per group; defaults to `series_colors`.
    labels
        Legend label of each group; defaults to the group name.
    """
    if ax is None:
        ax = _new_axes()
    plot_diagonal(ax)
    colors = list(colors) if colors is not None else series_colors(len(tables))
    largest = max((float(t["count"].max()) for t in tables.values() if not t.empty), default=1.0)
    for (name, table), color in zip(tables.items(), colors, strict=False):
        plot_reliability(
            table,
            ax=ax,
            label=(labels or {}).get(name, name),
            color=color,
            annotate=False,
            diagonal=False,
            largest=largest,
        )
    return ax


def series_colors(n: int) -> list[str]:
    """`n` distinct colours (matplotlib's tab10, then tab20)."""
    import matplotlib as mpl

    base = list(mpl.colormaps["tab10"].colors)
    if n > len(base):
        base = list(mpl.colormaps["tab20"].colors)
    return [mpl.colors.to_hex(base[i % len(base)]) for i in range(n)]


def plot_sharpness(
    tables: Mapping[str, pd.DataFrame] | pd.DataFrame,
    *,
    ax: Axes | None = None,
    colors: Sequence[str] | None = None,
    label_counts: bool = True,
) -> Axes:
    """Sharpness: how many forecasts fall in each probability bin (stacked per group).

    The bars are the ``count`` column of calibration tables, so they use exactly the bins
    of the reliability diagram.

    Parameters
    ----------
    tables
        One calibration table, or one per group (stacked in order).
    ax
        Axes to draw on; a new figure when None.
    colors
        One colour per group.
    label_counts
        Write the total count on top of each bar.
    """
    if isinstance(tables, pd.DataFrame):
        tables = {"": tables}
    if ax is None:
        ax = _new_axes()
    colors = (
        list(colors)
        if colors is not None
        else ([SINGLE_COLOR] if len(tables) == 1 else series_colors(len(tables)))
    )
    totals: dict[tuple[float, float], float] = {}
    for table, color in zip(tables.values(), colors, strict=False):
        _check_table(table, "tables")
        if table.empty:
            continue
        lower = table["lower"].to_numpy(dtype=np.float64)
        upper = table["upper"].to_numpy(dtype=np.float64)
        counts = table["count"].to_numpy(dtype=np.float64)
        bottom = np.array([totals.get((lo, hi), 0.0) for lo, hi in zip(lower, upper, strict=True)])
        ax.bar(
            lower,
            counts,
            width=upper - lower,
            bottom=bottom,
            align="edge",
            color=color,
            alpha=0.85,
            edgecolor="white",
            linewidth=0.8,
        )
        for lo, hi, c in zip(lower, upper, counts, strict=True):
            totals[(lo, hi)] = totals.get((lo, hi), 0.0) + c
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Forecast probability")
    ax.set_ylabel("Forecasts")
    top = max(totals.values(), default=1.0)
    ax.set_ylim(0, top * 1.25 if top > 0 else 1)
    ax.yaxis.set_major_locator(_integer_locator())
    ax.yaxis.set_major_formatter("{x:,.0f}")
    if label_counts and len(totals) <= 25:
        for (lo, hi), c in sorted(totals.items()):
            ax.annotate(
                format_count(c),
                ((lo + hi) / 2, c),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7.5,
                color="#333333",
            )
    ax.grid(True, axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    return ax


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=4, integer=True)


def _fmt(value: Any, digits: int = 3, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-", "\u2212")


def score_rows(scores: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """The rows of the compact scores table: (name, value, how to read it).

    `scores` is a summary dict (`forecastbook.scoring.summary`, as `score --json` prints).

    >>> score_rows({"count": 1200, "open": 2, "brier": 0.1})[::2][:2]
    [('Resolved forecasts', '1,200', ''), ('Brier score', '0.100', 'lower is better')]
    """
    return [
        ("Resolved forecasts", format_count(scores.get("count") or 0), ""),
        ("Open questions", format_count(scores.get("open") or 0), ""),
        ("Brier score", _fmt(scores.get("brier")), "lower is better"),
        ("Log score", _fmt(scores.get("log_score")), "higher is better"),
        ("Skill vs 50%", _fmt(scores.get("brier_skill_vs_half"), 2, True), "> 0 beats always 50%"),
        (
            "Skill vs base rate",
            _fmt(scores.get("brier_skill_vs_base_rate"), 2, True),
            "> 0 beats the base rate",
        ),
        ("Reliability", _fmt(scores.get("reliability")), "lower is better"),
        ("Resolution", _fmt(scores.get("resolution")), "higher is better"),
        ("Uncertainty", _fmt(scores.get("uncertainty")), "of the outcomes"),
    ]


def plot_scores_table(scores: Mapping[str, Any], *, ax: Axes | None = None) -> Axes:
    """A compact table of the summary scores (see `score_rows`) on an axes without frame.

    The cell texts are ``ax.tables[0]``'s cells; tests read them from there.
    """
    if ax is None:
        ax = _new_axes()
    ax.set_axis_off()
    from matplotlib.table import Table

    rows = [("Score", "Value", ""), *score_rows(scores)]
    table = Table(ax, loc="upper center")
    widths = (0.38, 0.2, 0.42)
    height = 0.095
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            cell = table.add_cell(
                i,
                j,
                width=widths[j],
                height=height,
                text=text,
                loc="right" if j == 1 else "left",
                edgecolor="#d0d0d0",
            )
            cell.visible_edges = "horizontal"
            cell.set_linewidth(0.6)
            if i == 0:
                cell.set_text_props(weight="bold")
            elif j == 2:
                cell.set_text_props(color="#666666", fontsize=8.5)
    table.auto_set_font_size(False)
    table.set_fontsize(9.5)
    for (i, j), cell in table.get_celld().items():
        if i > 0 and j == 2:
            cell.set_fontsize(8.5)
    ax.add_table(table)
    ax.set_title("Scores", loc="left")
    return ax


def plot_running_brier(
    running: pd.DataFrame | None,
    *,
    ax: Axes | None = None,
    reference: float | None = 0.25,
    message: str | None = None,
    label: str = "Running Brier",
) -> Axes:
    """The running (cumulative) Brier score by resolution date.

    Parameters
    ----------
    running
        Columns ``date`` (resolution date) and ``brier`` (the Brier score of every
        forecast resolved by that date), e.g. `forecastbook.report.running_brier`.
        None or empty: the panel shows `message` instead.
    ax
        Axes to draw on; a new figure when None.
    reference
        Draw this Brier score as a dashed line (0.25: always 50% on binary questions).
    message
        Shown instead of the line when there is nothing to draw.
    label
        Legend label of the line.
    """
    if ax is None:
        ax = _new_axes()
    ax.set_title("Running Brier score", loc="left")
    if running is None or running.empty:
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.text(
            0.5,
            0.5,
            message or "Not enough resolved questions yet",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="#666666",
            wrap=True,
        )
        return ax
    import matplotlib.dates as mdates

    dates = pd.to_datetime(running["date"]).dt.tz_localize(None).to_numpy()
    values = running["brier"].to_numpy(dtype=np.float64)
    ax.step(dates, values, where="post", color=SINGLE_COLOR, linewidth=1.6, label=label)
    ax.plot(dates[-1:], values[-1:], "o", color=SINGLE_COLOR, markersize=4)
    top = float(np.nanmax(values)) if len(values) else 0.25
    if reference is not None:
        ax.axhline(
            reference,
            linestyle="--",
            color=DIAGONAL_COLOR,
            linewidth=1,
            label=f"Always 50% ({reference:g})",
        )
        top = max(top, reference)
    ax.set_ylim(0, top * 1.4 if top > 0 else 1)  # headroom for the legend
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("Resolution date")
    ax.set_ylabel("Brier score (lower is better)")
    ax.grid(True, color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper right", fontsize=8)
    return ax


def plot_report(
    *,
    calibration: pd.DataFrame,
    scores: Mapping[str, Any],
    title: str,
    subtitle: str = "",
    series: Mapping[str, pd.DataFrame] | None = None,
    series_labels: Mapping[str, str] | None = None,
    series_title: str | None = None,
    stack_sharpness: bool = True,
    running: pd.DataFrame | None = None,
    running_message: str | None = None,
    reference: float | None = 0.25,
    running_label: str = "Running Brier",
    note: str | None = None,
    footnote: str | None = None,
) -> Figure:
    """The report figure: reliability diagram over sharpness, scores, running Brier score.

    Parameters
    ----------
    calibration
        Calibration table of all resolved binary forecasts.
    scores
        The summary dict (`forecastbook.scoring.summary`).
    title, subtitle
        Figure title (book name) and second line (method, date range, as-of date).
    series
        With a breakdown: the calibration table of each group (drawn instead of the
        overall points, one colour each, with a legend).
    series_labels
        Legend label of each group.
    series_title
        Legend title with a breakdown (e.g. that only the largest groups are drawn).
    stack_sharpness
        With `series`, stack the sharpness bars by group; pass False when the groups
        overlap (tags), so the bars show `calibration`'s counts instead.
    running, running_message, reference, running_label
        See `plot_running_brier`.
    note
        A warning shown in red under the title (e.g. too few forecasts).
    footnote
        Small print at the bottom of the figure.

    Returns
    -------
    matplotlib.figure.Figure
        A figure of `FIGSIZE` inches; axes in order: reliability, sharpness, scores,
        running Brier.
    """
    from matplotlib.figure import Figure

    with report_style():
        fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
        fig.get_layout_engine().set(w_pad=0.12, h_pad=0.08, wspace=0.06, hspace=0.04)
        outer = fig.add_gridspec(1, 2, width_ratios=[1.35, 1.0])
        left = outer[0].subgridspec(2, 1, height_ratios=[3.0, 1.0])
        right = outer[1].subgridspec(2, 1, height_ratios=[1.05, 1.0])
        rel = fig.add_subplot(left[0])
        sharp = fig.add_subplot(left[1], sharex=rel)
        table_ax = fig.add_subplot(right[0])
        run_ax = fig.add_subplot(right[1])

        if series:
            colors = series_colors(len(series))
            plot_reliability_groups(series, ax=rel, colors=colors, labels=series_labels)
            if stack_sharpness:
                plot_sharpness(series, ax=sharp, colors=colors)
            else:
                plot_sharpness(calibration, ax=sharp, colors=[OVERALL_COLOR])
        else:
            plot_reliability(calibration, ax=rel)
            plot_sharpness(calibration, ax=sharp)
        rel.set_title("Reliability: do your 70% forecasts come true 70% of the time?", loc="left")
        rel.set_xlabel("")
        rel.tick_params(labelbottom=False)
        rel.set_aspect("auto")
        sharp.set_title("Sharpness: how often you gave each probability", loc="left")
        handles, labels = rel.get_legend_handles_labels()
        if handles:
            legend = rel.legend(
                handles,
                labels,
                loc="best",  # fewest points, intervals and labels covered
                title="95% Wilson intervals" if not series else series_title,
                title_fontsize=8,
            )
            for handle in legend.legend_handles:
                if hasattr(handle, "set_sizes"):
                    handle.set_sizes([50])  # not the first bin's count
        plot_scores_table(scores, ax=table_ax)
        plot_running_brier(
            running, ax=run_ax, reference=reference, message=running_message, label=running_label
        )
        # The header is placed by hand (constrained layout only knows suptitle): title,
        # subtitle, and the few-data warning where it cannot hide a point.
        fig.text(0.01, 0.988, title, ha="left", va="top", fontsize=15, weight="bold")
        top = 0.935
        if subtitle:
            fig.text(0.01, 0.943, subtitle, ha="left", va="top", fontsize=10, color="#444444")
            top = 0.905
        if note:
            fig.text(
                0.01,
                top + 0.004,
                note,
                ha="left",
                va="top",
                fontsize=10,
                weight="bold",
                color=NOTE_COLOR,
            )
            top -= 0.032
        bottom = 0.0
        if footnote:
            fig.text(0.01, 0.008, footnote, ha="left", va="bottom", fontsize=7.5, color="#666666")
            bottom = 0.03
        fig.get_layout_engine().set(rect=(0, bottom, 1, top - bottom))
    return fig


def figure_bytes(fig: Figure, fmt: str = "png") -> bytes:
    """Render `fig` as png, svg or pdf bytes, the same bytes for the same figure."""
    if fmt not in FORMATS:
        raise BadInput("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    buffer = io.BytesIO()
    with report_style():
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=METADATA[fmt])
    return buffer.getvalue()
