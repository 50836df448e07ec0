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

Nothing is hidden or cut off: user text (names, titles, questions) is drawn as plain text
(``text.parse_math`` off: a name like ``$\\frac{}$`` is drawn as typed), the legend sits
outside the reliability diagram, counts are written over the sharpness bars rather than
beside the points, and `plot_report` wraps or shortens every line of text to fit the
figure (`fit_text`).
"""

from __future__ import annotations

import contextlib
import io
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from forecastbook.errors import BadInput
from forecastbook.report.formatting import MINUS
from forecastbook.report.formatting import count as format_count
from forecastbook.report.tables import score_rows

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Text

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
    "text.parse_math": False,  # user text is plain text: "$\\frac{}$" must not be mathtext
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
    # no tick in the headroom, where its label would meet the diagram's "0.0" above
    ticks = _integer_locator().tick_values(0, top if top > 0 else 1)
    ax.set_yticks([t for t in ticks if 0 <= t <= max(top, 1) * 1.04])
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


def plot_scores_table(scores: Mapping[str, Any], *, ax: Axes | None = None) -> Axes:
    """A compact table of the summary scores on an axes without frame (the rows are
    `forecastbook.report.tables.score_rows`, as in the Markdown summary).

    The cell texts are ``ax.tables[0]``'s cells; tests read them from there.
    """
    if ax is None:
        ax = _new_axes()
    ax.set_axis_off()
    from matplotlib.table import Table

    rows = [("Score", "Value", ""), *score_rows(scores, minus=MINUS)]
    table = Table(ax, loc="upper center")
    widths = (0.34, 0.14, 0.52)
    height = min(0.095, 0.95 / len(rows))
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
                cell.set_text_props(color="#666666", fontsize=8)
    table.auto_set_font_size(False)
    table.set_fontsize(9.5)
    for (i, j), cell in table.get_celld().items():
        if i > 0 and j == 2:
            cell.set_fontsize(8)
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
    series: Mapping[str, pd.DataFrame] | None = None,
    colors: Sequence[str] | None = None,
    title: str = "Running Brier score",
) -> Axes:
    """The running (cumulative) Brier score by resolution date.

    Parameters
    ----------
    running
        Columns ``date`` (resolution date) and ``brier`` (the Brier score of every
        forecast resolved by that date), e.g. `forecastbook.report.tables.running_brier`.
        None or empty: the panel shows `message` instead.
    ax
        Axes to draw on; a new figure when None.
    reference
        Draw this Brier score as a dashed line (0.25: always 50% on binary questions).
    message
        Shown instead of the line when there is nothing to draw.
    label
        Legend label of the line.
    series
        With a breakdown: the running Brier score of each group, one line each (in
        `colors`); `running` is then drawn in grey as the whole book.
    title
        The panel's title.
    """
    if ax is None:
        ax = _new_axes()
    ax.set_title(title, loc="left")
    if running is None or running.empty:
        _blank(ax)
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

    def draw(table: pd.DataFrame, color: str, name: str, width: float) -> float:
        dates = pd.to_datetime(table["date"]).dt.tz_localize(None).to_numpy()
        values = table["brier"].to_numpy(dtype=np.float64)
        ax.step(dates, values, where="post", color=color, linewidth=width, label=name)
        ax.plot(dates[-1:], values[-1:], "o", color=color, markersize=4)
        return float(np.nanmax(values)) if len(values) else 0.0

    top = 0.0
    if series:
        colors = list(colors) if colors is not None else series_colors(len(series))
        top = draw(running, OVERALL_COLOR, label, 2.2)
        for (name, table), color in zip(series.items(), colors, strict=False):
            top = max(top, draw(table, color, name, 1.3))
    else:
        top = draw(running, SINGLE_COLOR, label, 1.6)
    if reference is not None:
        ax.axhline(
            reference,
            linestyle="--",
            color=DIAGONAL_COLOR,
            linewidth=1,
            label=f"Always 50% ({reference:g})",
        )
        top = max(top, reference)
    ax.set_ylim(0, top * 1.1 if top > 0 else 1)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("Resolution date")
    ax.set_ylabel("Brier score (lower is better)")
    ax.grid(True, color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    # Outside the axes, below them: a legend inside would cover the lines.
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(0.0, -0.22),
        fontsize=8,
        ncols=2 if series else 3,
        frameon=False,
        borderaxespad=0,
    )
    return ax


def _blank(ax: Axes) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)


DUE_FONTSIZE = 8.5


def plot_due(
    lines: Sequence[tuple[str, str]],
    *,
    ax: Axes | None = None,
    title: str = "Due next",
    message: str | None = None,
) -> Axes:
    """A list of questions on an axes without frame: one (date, question) pair a line.

    The report shows it instead of the running Brier score until that can be drawn: the
    open questions due next, or the scored questions. Texts have gid ``"due"``;
    `plot_report` shortens any line that would run out of the panel.
    """
    if ax is None:
        ax = _new_axes()
    _blank(ax)
    ax.set_title(title, loc="left")
    step = 0.082
    # a first guess at where the second column starts; `plot_report` moves it to just
    # after the widest first one once the layout has sized the panel
    column = 0.03 + 0.016 * max((len(first) for first, _ in lines), default=0)
    for i, (first, text) in enumerate(lines):
        y = 0.97 - i * step
        for x, value, color, gid in (
            (0.0, first, "#444444", "due-when"),
            (column, text, "#222222", "due"),
        ):
            artist = ax.text(
                x,
                y,
                value,
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=DUE_FONTSIZE,
                color=color,
                gid=gid,
                parse_math=False,
            )
            artist.set_in_layout(False)
    if not lines:
        ax.text(0.0, 0.97, "Nothing open.", transform=ax.transAxes, va="top", color="#666666")
    if message:
        artist = ax.text(
            0.0,
            0.0,
            message,
            transform=ax.transAxes,
            ha="left",
            va="bottom",
            fontsize=8,
            color="#666666",
            gid="due-message",
            parse_math=False,
        )
        artist.set_in_layout(False)
    return ax


def _renderer(fig: Figure) -> RendererBase:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()  # type: ignore[attr-defined]


def fit_text(
    text: Text, width: float, renderer: RendererBase, *, wrap: bool = False, middle: bool = False
) -> None:
    """Make `text` at most `width` pixels wide: wrap it at spaces (`wrap`) or shorten each
    line with an ellipsis, at its end or (`middle`, for names that differ at the end) in
    its middle. Measured with `renderer`, so it holds for the real glyphs."""
    original = text.get_text()
    if not original or text.get_window_extent(renderer).width <= width:
        return
    if wrap:
        longest = max(len(line) for line in original.split("\n"))
        measured = text.get_window_extent(renderer).width
        chars = max(10, int(longest * width / measured))
        while chars > 10:
            text.set_text("\n".join(textwrap.fill(line, chars) for line in original.split("\n")))
            if text.get_window_extent(renderer).width <= width:
                return
            chars -= max(1, chars // 20)
        return
    lines = original.split("\n")
    for i in range(len(lines)):
        line = lines[i]
        while len(line) > 1:
            text.set_text("\n".join([*lines[:i], line, *lines[i + 1 :]]))
            if _line_width(text, i, renderer) <= width:
                break
            cut = max(2, len(line) // 12)
            if middle and len(line) > 8:
                bare = line.replace("\u2026", "")
                half = (len(bare) - cut) // 2
                line = bare[:half] + "\u2026" + bare[len(bare) - half :]
            else:
                line = line[: max(1, len(line) - cut)].rstrip() + "\u2026"
        lines[i] = line
    text.set_text("\n".join(lines))


def _line_width(text: Text, index: int, renderer: RendererBase) -> float:
    """Width in pixels of line `index` of `text` (a copy holding that line only)."""
    from matplotlib.text import Text as TextArtist

    probe = TextArtist(text=text.get_text().split("\n")[index], figure=text.figure)
    probe.update_from(text)
    probe.set_text(text.get_text().split("\n")[index])
    return float(probe.get_window_extent(renderer).width)


def _texts(fig: Figure) -> list[Text]:
    """Every visible, non-empty text of `fig` (titles, labels, ticks, cells, legends)."""
    from matplotlib.text import Text as TextArtist

    texts = list(fig.findobj(TextArtist))
    for ax in fig.axes:  # table cells do not list their texts as children
        for table in ax.tables:
            texts.extend(cell.get_text() for cell in table.get_celld().values())
    return [t for t in texts if t.get_visible() and t.get_text()]


def _interval_handle(color: str) -> Any:
    """A legend handle that looks like the error bars it describes: a bar with caps."""
    from matplotlib.lines import Line2D
    from matplotlib.path import Path

    vertices = [(-0.35, -1), (0.35, -1), (0, -1), (0, 1), (-0.35, 1), (0.35, 1)]
    codes = [Path.MOVETO, Path.LINETO, Path.MOVETO, Path.LINETO, Path.MOVETO, Path.LINETO]
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=Path(vertices, codes),
        markersize=13,
        markeredgewidth=1.4,
        markerfacecolor="none",
        color=color,
        alpha=0.75,
    )


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
    running_series: Mapping[str, pd.DataFrame] | None = None,
    reference: float | None = 0.25,
    running_label: str = "Running Brier",
    running_title: str = "Running Brier score",
    due: Sequence[tuple[str, str]] = (),
    due_title: str = "Due next",
    due_message: str | None = None,
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
    running, running_series, reference, running_label, running_title
        See `plot_running_brier` (`running_series` is its `series`, in the colours of
        `series`; `running_title` its `title`).
    due, due_title, due_message
        Without `running`: the lower right panel lists these questions (`plot_due`).
    note
        A warning shown in red under the title (e.g. too few forecasts).
    footnote
        Small print at the bottom of the figure, wrapped to the figure's width.

    Returns
    -------
    matplotlib.figure.Figure
        A figure of `FIGSIZE` inches; axes in order: reliability, sharpness, scores, and
        running Brier or the due list. No text reaches past the figure's edges.
    """
    from matplotlib.figure import Figure

    with report_style():
        fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
        renderer = _renderer(fig)
        fig.get_layout_engine().set(w_pad=0.12, h_pad=0.08, wspace=0.06, hspace=0.04)
        outer = fig.add_gridspec(1, 2, width_ratios=[1.3, 1.0])
        left = outer[0].subgridspec(2, 1, height_ratios=[3.0, 1.0])
        right = outer[1].subgridspec(2, 1, height_ratios=[1.05, 1.0])
        rel = fig.add_subplot(left[0])
        sharp = fig.add_subplot(left[1], sharex=rel)
        table_ax = fig.add_subplot(right[0])
        run_ax = fig.add_subplot(right[1])

        colors = series_colors(len(series)) if series else [SINGLE_COLOR]
        if series:
            plot_reliability_groups(series, ax=rel, colors=colors, labels=series_labels)
            if stack_sharpness:
                plot_sharpness(series, ax=sharp, colors=colors)
            else:
                plot_sharpness(calibration, ax=sharp, colors=[OVERALL_COLOR])
        else:
            # The counts are written over the sharpness bars below, not beside the
            # points, where they would cross the diagonal and the error bars.
            plot_reliability(calibration, ax=rel, label="Forecasts (area: count)", annotate=False)
            plot_sharpness(calibration, ax=sharp)
        rel.set_title("Reliability: do your 70% forecasts come true 70% of the time?", loc="left")
        rel.set_xlabel("")
        rel.tick_params(labelbottom=False)
        rel.set_aspect("auto")
        sharp.set_title("Sharpness: how often you gave each probability", loc="left")
        handles, labels = rel.get_legend_handles_labels()
        handles.append(_interval_handle(colors[0] if not series else OVERALL_COLOR))
        labels.append("95% Wilson interval")
        # Outside the diagram, to its right: a legend inside would cover points.
        legend = rel.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            borderaxespad=0,
            title=series_title if series else None,
            title_fontsize=8,
            fontsize=8.5,
        )
        for handle in legend.legend_handles:
            if hasattr(handle, "set_sizes"):
                handle.set_sizes([50])  # not the first bin's count
        for text in legend.get_texts():
            fit_text(text, 190, renderer, middle=True)
        plot_scores_table(scores, ax=table_ax)
        if running is not None and not running.empty:
            plot_running_brier(
                running,
                ax=run_ax,
                reference=reference,
                label=running_label if running_series else "Running Brier",
                series=running_series,
                title=running_title,
                colors=[colors[list(series).index(n)] for n in running_series]
                if series and running_series
                else None,
            )
            if run_ax.get_legend() is not None:  # two columns under the panel
                for text in run_ax.get_legend().get_texts():
                    fit_text(text, 0.12 * fig.bbox.width, renderer, middle=True)
        else:
            plot_due(due, ax=run_ax, title=due_title, message=due_message)
        # The header is placed by hand (constrained layout only knows suptitle): title,
        # subtitle, and the few-data warning where it cannot hide a point.
        width = fig.bbox.width - 2 * 0.01 * fig.bbox.width
        heading = fig.text(0.01, 0.988, title, ha="left", va="top", fontsize=15, weight="bold")
        fit_text(heading, width, renderer)
        top = 0.935
        if subtitle:
            sub = fig.text(0.01, 0.943, subtitle, ha="left", va="top", fontsize=10, color="#444444")
            fit_text(sub, width, renderer)
            top = 0.905
        if note:
            warning = fig.text(
                0.01,
                top + 0.004,
                note,
                ha="left",
                va="top",
                fontsize=10,
                weight="bold",
                color=NOTE_COLOR,
            )
            fit_text(warning, width, renderer, wrap=True)
            lines = warning.get_text().count("\n") + 1
            top -= 0.032 * lines
        bottom = 0.0
        if footnote:
            small = fig.text(
                0.01, 0.008, footnote, ha="left", va="bottom", fontsize=7.5, color="#666666"
            )
            fit_text(small, width, renderer, wrap=True)
            bottom = 0.008 + small.get_window_extent(renderer).height / fig.bbox.height + 0.012
        fig.get_layout_engine().set(rect=(0, bottom, 1, top - bottom))
        # Once the layout has placed the panels: the due list is shortened to its panel,
        # and any text still running past the right edge (a long score note, a legend
        # entry) is shortened to the figure.
        fig.draw_without_rendering()
        panel = run_ax.get_window_extent(renderer)
        firsts = [t for t in run_ax.texts if t.get_gid() == "due-when"]
        if firsts and panel.width > 0:
            widest = max(t.get_window_extent(renderer).width for t in firsts)
            for text in run_ax.texts:
                if text.get_gid() == "due":
                    text.set_x(widest / panel.width + 0.03)
        for text in run_ax.texts:
            left_px = text.get_window_extent(renderer).x0
            fit_text(text, panel.x1 - left_px, renderer, wrap=text.get_gid() == "due-message")
        edge = fig.bbox.x1 - 0.005 * fig.bbox.width
        for text in _texts(fig):
            extent = text.get_window_extent(renderer)
            # smaller type first (a score note keeps its number), then an ellipsis
            while extent.x1 > edge and text.get_fontsize() > 6.5:
                text.set_fontsize(text.get_fontsize() - 0.5)
                extent = text.get_window_extent(renderer)
            if extent.x1 > edge:
                fit_text(text, edge - extent.x0, renderer)
    return fig


def figure_bytes(fig: Figure, fmt: str = "png") -> bytes:
    """Render `fig` as png, svg or pdf bytes, the same bytes for the same figure."""
    if fmt not in FORMATS:
        raise BadInput("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    buffer = io.BytesIO()
    with report_style():
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=METADATA[fmt])
    return buffer.getvalue()
