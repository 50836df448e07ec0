"""The drawing functions: Axes data (not pixels), figure layout, deterministic bytes."""

from __future__ import annotations

import io
import os
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
        "binary_count": 1234,
        "open": 5,
        "brier": 0.18234,
        "brier_reference": 0.25,
        "log_score": -0.5123,
        "log_score_reference": -0.6931,
        "brier_skill_vs_half": 0.27,
        "brier_skill_vs_base_rate": None,
        "base_rate": 0.5,
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
        "Skill vs 50%": "+0.270",
        "Skill vs base rate": "n/a",
        "Reliability": "0.004",
        "Resolution": "0.070",
        "Uncertainty": "0.249",
    }
    notes = {cells[i, 0].get_text().get_text(): cells[i, 2].get_text().get_text() for i in (3, 4)}
    # the reference beside each score is the one it is measured against
    assert notes == {
        "Brier score": "lower is better; always 50%: 0.250",
        "Log score": "higher is better; always 50%: \u22120.693",
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
    groups = Figure().subplots()
    plot.plot_running_brier(running, ax=groups, series={"ann": running, "bob": running[1:]})
    labelled = [line.get_label() for line in groups.lines if not line.get_label().startswith("_")]
    assert labelled[:3] == ["Running Brier", "ann", "bob"]


def report_figure(table: pd.DataFrame, **kwargs) -> Figure:
    scores = {"count": int(table["count"].sum()), "open": 2, "brier": 0.2}
    return plot.plot_report(calibration=table, scores=scores, title="T", **kwargs)


def test_report_figure_layout_and_note(table: pd.DataFrame) -> None:
    fig = report_figure(table, subtitle="method: final", note="Only 3", footnote="small")
    rel, sharp, scores, running = fig.axes
    assert running.get_title(loc="left") == "Due next"  # nothing to run yet
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


# -- nothing clipped, nothing hidden (issue 13 items 5, 6, 8, 10) ------------------------------


def drawn_report(items, **kwargs) -> Figure:
    from forecastbook.report import tables

    data = tables.report_data(items, **kwargs)
    fig = plot.plot_report(**data.figure_kwargs())
    plot.figure_bytes(fig, "png")  # lay out and draw, as the command does
    return fig


def all_texts(fig: Figure) -> list:
    return plot._texts(fig)


LONG = "a-forecaster-whose-name-goes-on-and-on-and-on-for-ever-and-a-day"


def books() -> dict[str, dict]:
    from reportbook import forecasts

    many = [f"{LONG}-{i}" for i in range(12)]
    return {
        "1 resolved": {"items": forecasts(1, open_=3)},
        "3 resolved, multiple choice": {"items": forecasts(3, open_=12, multiple_choice=2)},
        "60 resolved, multiple choice": {"items": forecasts(60, multiple_choice=30)},
        "long names, many groups": {
            "items": forecasts(40, open_=2, forecasters=many, multiple_choice=2),
            "by": "forecaster",
            "book": LONG * 3,
        },
        "by tag": {"items": forecasts(30, forecasters=("ann", "bob")), "by": "tag"},
        "by horizon": {"items": forecasts(30, forecasters=("ann", "bob")), "by": "horizon"},
        "mathtext names": {
            "items": forecasts(12, forecasters=("$\\frac{}$", "$x^2$ and $y$")),
            "by": "forecaster",
            "book": "$\\frac{}$",
        },
    }


@pytest.fixture(scope="module")
def big_book_figure() -> Figure:
    from reportbook import forecasts

    n = 10_000 if os.environ.get("FORECASTBOOK_DEEP_TESTS") else 2_000
    return drawn_report(forecasts(n, open_=5, multiple_choice=3))


@pytest.mark.parametrize("name", list(books()))
def test_no_text_leaves_the_figure(name: str) -> None:
    fig = drawn_report(**books()[name])
    renderer = fig.canvas.get_renderer()
    inside = fig.bbox.padded(0.5)
    for text in all_texts(fig):
        box = text.get_window_extent(renderer)
        assert inside.containsx(box.x0) and inside.containsx(box.x1), (name, text.get_text())
        assert inside.containsy(box.y0) and inside.containsy(box.y1), (name, text.get_text())
    # no two texts overlap (table cells, tick labels, legends, the due list)
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in all_texts(fig)]
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9)), (name, a, b)
    # nothing is drawn as mathtext: the dollar signs are still there, as typed
    if name == "mathtext names":
        assert fig.texts[0].get_text() == "Calibration report: $\\frac{}$"
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert legend[1].startswith("$\\frac{}$")


def test_no_text_leaves_the_figure_of_a_big_book(big_book_figure: Figure) -> None:
    renderer = big_book_figure.canvas.get_renderer()
    inside = big_book_figure.bbox.padded(0.5)
    for text in all_texts(big_book_figure):
        box = text.get_window_extent(renderer)
        assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), text


@pytest.mark.parametrize("name", ["60 resolved, multiple choice", "long names, many groups"])
def test_legend_and_labels_do_not_cover_the_data(name: str) -> None:
    fig = drawn_report(**books()[name])
    renderer = fig.canvas.get_renderer()
    rel = fig.axes[0]
    legend = rel.get_legend().get_window_extent(renderer)
    assert not legend.overlaps(rel.get_window_extent(renderer))  # beside the diagram
    # no count label (or any other text) inside the diagram, where it could cross the
    # diagonal or an error bar: the counts are written over the sharpness bars
    assert len(rel.texts) == 0
    sharp = fig.axes[1]
    labels = [t.get_text() for t in sharp.texts]
    assert labels and all(label.replace(",", "").isdigit() for label in labels)
    # the legend shows the error-bar symbol it describes
    handles = rel.get_legend().legend_handles
    texts = [t.get_text() for t in rel.get_legend().get_texts()]
    bar = handles[texts.index("95% Wilson interval")]
    assert bar.get_linestyle() == "None" and len(bar.get_marker().vertices) == 6
    others = list(fig.axes[3].get_legend().get_texts()) if fig.axes[3].get_legend() else []
    if others:  # the running Brier legend sits below its axes
        box = fig.axes[3].get_legend().get_window_extent(renderer)
        assert not box.overlaps(fig.axes[3].get_window_extent(renderer))


def test_footnote_with_multiple_choice_is_whole() -> None:
    from reportbook import forecasts

    fig = drawn_report(forecasts(3, multiple_choice=2))
    footnote = fig.texts[-1].get_text()
    assert footnote.replace("\n", " ").endswith(
        "2 multiple-choice forecasts are scored but not in the diagram."
    )
    assert "\u2026" not in footnote


def test_the_lower_right_panel_lists_questions_until_the_running_score_can_be_drawn() -> None:
    from reportbook import forecasts

    fig = drawn_report(forecasts(3, open_=4))
    panel = fig.axes[3]
    assert panel.get_title(loc="left") == "Due next (4 open)"
    lines = [t.get_text() for t in panel.texts if t.get_gid() == "due"]
    assert lines[0].startswith("q0003  Will test event number 3 happen?")
    assert len(lines) == 4
    scored = drawn_report(forecasts(3))
    assert scored.axes[3].get_title(loc="left") == "Scored questions (3)"
    enough = drawn_report(forecasts(30))
    assert enough.axes[3].get_title(loc="left").startswith("Running Brier score")
