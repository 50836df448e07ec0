"""The drawing functions: Axes data (not pixels), figure layout, deterministic bytes."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image

from forecastbook.errors import BadInput
from forecastbook.report import plot
from forecastbook.scoring.calibration import calibration_bins


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    p = rng.random(400)
    y = (rng.random(400) < p).astype(float)
    return calibration_bins(y, p, n_bins=10)


@pytest.fixture
def ax():
    return Figure().subplots()


def points(ax) -> np.ndarray:
    [points] = [c for c in ax.collections if c.get_gid() == "points"]
    return np.asarray(points.get_offsets())


def by_gid(ax, gid: str) -> list:
    return [a for a in [*ax.lines, *ax.collections] if a.get_gid() == gid]


def test_reliability_points_and_intervals_are_the_table(ax, table: pd.DataFrame) -> None:
    plot.plot_reliability(table, ax=ax)
    np.testing.assert_array_equal(points(ax), table[["mean_forecast", "observed"]].to_numpy())
    [intervals] = by_gid(ax, "intervals")
    x = intervals.get_xdata().reshape(-1, 3)
    y = intervals.get_ydata().reshape(-1, 3)
    np.testing.assert_array_equal(x[:, 0], table["mean_forecast"])
    np.testing.assert_array_equal(y[:, 0], table["ci_low"])
    np.testing.assert_array_equal(y[:, 1], table["ci_high"])
    assert np.isnan(y[:, 2]).all()
    labels = [t.get_text() for t in ax.texts]
    assert labels == [f"n={c}" for c in table["count"]]
    diagonal = ax.lines[0]
    assert diagonal.get_label() == "Perfect calibration"
    assert list(diagonal.get_xdata()) == [0, 1] == list(diagonal.get_ydata())
    assert ax.get_xlabel().startswith("Forecast probability")
    assert ax.get_ylabel() == "Observed frequency"


def test_marker_area_grows_with_count(ax) -> None:
    t = calibration_bins([0, 1, 1, 0, 1, 1, 1, 0], [0.1, 0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5])
    plot.plot_reliability(t, ax=ax)
    [pts] = by_gid(ax, "points")
    sizes = dict(zip(t["count"], pts.get_sizes(), strict=True))
    assert sizes[1] < sizes[2] < sizes[5]


def test_empty_table_draws_only_the_diagonal(ax) -> None:
    empty = calibration_bins([1], [0.5]).iloc[:0]
    plot.plot_reliability(empty, ax=ax)
    assert not by_gid(ax, "points") and len(ax.lines) == 1


def test_new_axes_when_none_given(table: pd.DataFrame) -> None:
    import matplotlib.pyplot as plt

    ax = plot.plot_reliability(table)
    try:
        assert len(points(ax)) == len(table)
    finally:
        plt.close(ax.figure)


def test_not_a_table_is_refused(ax) -> None:
    with pytest.raises(BadInput, match="missing ci_low"):
        plot.plot_reliability(
            pd.DataFrame({"lower": [0.0]}).assign(
                upper=1.0, count=1, mean_forecast=0.5, observed=1.0, ci_high=1.0
            ),
            ax=ax,
        )


def test_groups_get_distinct_colours_and_a_legend_entry_each(ax, table: pd.DataFrame) -> None:
    tables = {"ann": table, "bob": table.iloc[::2], "cyd": table.iloc[1::3]}
    plot.plot_reliability_groups(tables, ax=ax, labels={"ann": "Ann"})
    series = by_gid(ax, "points")
    assert [len(s.get_offsets()) for s in series] == [len(t) for t in tables.values()]
    colours = {tuple(s.get_facecolor()[0]) for s in series}
    assert len(colours) == 3
    _, labels = ax.get_legend_handles_labels()
    assert labels == ["Perfect calibration", "Ann", "bob", "cyd"]
    # one marker scale for all series: the same count gets the same size
    assert series[1].get_sizes()[0] == series[0].get_sizes()[0]


def test_sharpness_bars_are_the_counts_stacked(ax, table: pd.DataFrame) -> None:
    half = table.assign(count=table["count"] // 2)
    plot.plot_sharpness({"a": table, "b": half}, ax=ax, colors=["red", "blue"])
    bars = ax.patches
    assert len(bars) == 2 * len(table)
    first, second = bars[: len(table)], bars[len(table) :]
    assert [b.get_height() for b in first] == list(table["count"])
    assert [b.get_y() for b in second] == list(table["count"])
    assert [b.get_x() for b in first] == list(table["lower"])
    assert [round(b.get_width(), 12) for b in first] == list(
        (table["upper"] - table["lower"]).round(12)
    )
    totals = [t.get_text() for t in ax.texts]
    assert totals == [plot.format_count(c) for c in table["count"] + half["count"]]


def test_scores_table_shows_the_summary(ax) -> None:
    scores = {
        "count": 1234,
        "open": 5,
        "brier": 0.18234,
        "log_score": -0.5123,
        "brier_skill_vs_half": 0.27,
        "brier_skill_vs_base_rate": None,
        "reliability": 0.004,
        "resolution": 0.07,
        "uncertainty": 0.249,
    }
    plot.plot_scores_table(scores, ax=ax)
    cells = ax.tables[0].get_celld()
    rows = {
        cells[i, 0].get_text().get_text(): cells[i, 1].get_text().get_text() for i in range(1, 10)
    }
    assert rows == {
        "Resolved forecasts": "1,234",
        "Open questions": "5",
        "Brier score": "0.182",
        "Log score": "\u22120.512",
        "Skill vs 50%": "+0.27",
        "Skill vs base rate": "n/a",
        "Reliability": "0.004",
        "Resolution": "0.070",
        "Uncertainty": "0.249",
    }


def test_running_brier_line_and_placeholder(ax) -> None:
    running = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"], utc=True),
            "brier": [0.3, 0.2, 0.22],
        }
    )
    plot.plot_running_brier(running, ax=ax)
    line = ax.lines[0]
    assert list(line.get_ydata()) == [0.3, 0.2, 0.22]
    assert ax.lines[-1].get_ydata()[0] == 0.25  # the always-50% reference
    other = Figure().subplots()
    plot.plot_running_brier(None, ax=other, message="later")
    assert [t.get_text() for t in other.texts] == ["later"] and not other.lines


def report_figure(table: pd.DataFrame, **kwargs) -> Figure:
    scores = {"count": int(table["count"].sum()), "open": 2, "brier": 0.2}
    return plot.plot_report(calibration=table, scores=scores, title="T", **kwargs)


def test_report_figure_layout_and_note(table: pd.DataFrame) -> None:
    fig = report_figure(table, subtitle="method: final", note="Only 3", footnote="small")
    rel, sharp, scores, running = fig.axes
    assert running.get_title(loc="left") == "Running Brier score"
    assert rel.get_shared_x_axes().joined(rel, sharp)
    np.testing.assert_array_equal(points(rel), table[["mean_forecast", "observed"]].to_numpy())
    assert len(sharp.patches) == len(table)
    assert scores.tables
    texts = [t.get_text() for t in fig.texts]
    assert texts == ["T", "method: final", "Only 3", "small"]
    assert tuple(fig.get_size_inches()) == plot.FIGSIZE
    assert rel.get_legend() is not None


@pytest.fixture(scope="module")
def rendered(table: pd.DataFrame) -> dict[str, bytes]:
    series = {"a": table, "b": table.iloc[::2]}
    return {
        fmt: plot.figure_bytes(report_figure(table, series=series, note="n"), fmt)
        for fmt in plot.FORMATS
    }


def test_png_is_an_image_of_the_expected_size(rendered: dict[str, bytes]) -> None:
    with Image.open(io.BytesIO(rendered["png"])) as image:
        image.verify()
    with Image.open(io.BytesIO(rendered["png"])) as image:
        assert image.format == "PNG"
        assert image.size == (plot.FIGSIZE[0] * plot.DPI, plot.FIGSIZE[1] * plot.DPI)
        assert "Software" not in image.info


def test_svg_parses_and_pdf_is_complete(rendered: dict[str, bytes]) -> None:
    root = ET.fromstring(rendered["svg"])
    assert root.tag.endswith("svg")
    assert b"<dc:date>" not in rendered["svg"]
    pdf = rendered["pdf"]
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"CreationDate" not in pdf and b"matplotlib" not in pdf.lower()


def test_same_input_same_bytes(table: pd.DataFrame, rendered: dict[str, bytes]) -> None:
    series = {"a": table, "b": table.iloc[::2]}
    for fmt in plot.FORMATS:
        again = plot.figure_bytes(report_figure(table, series=series, note="n"), fmt)
        assert again == rendered[fmt], fmt


def test_bytes_ignore_the_users_matplotlib_style(table: pd.DataFrame) -> None:
    import matplotlib as mpl

    fig = report_figure(table)
    before = plot.figure_bytes(fig, "svg")
    with mpl.rc_context({"font.size": 20, "axes.facecolor": "black", "svg.hashsalt": "x"}):
        assert plot.figure_bytes(report_figure(table), "svg") == before


def test_unknown_format_is_refused(table: pd.DataFrame) -> None:
    with pytest.raises(BadInput, match="'gif' is not one of png, svg, pdf"):
        plot.figure_bytes(Figure(), "gif")


def test_unstacked_sharpness_shows_the_overall_counts(table: pd.DataFrame) -> None:
    series = {"a": table, "b": table.iloc[::2]}
    fig = report_figure(table, series=series, stack_sharpness=False)
    sharp = fig.axes[1]
    assert [bar.get_height() for bar in sharp.patches] == list(table["count"])
    assert len(by_gid(fig.axes[0], "points")) == 2
