"""`forecastbook report`: files written, figure data equal to `score --json`, errors."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner, Result

from forecastbook.cli import app
from forecastbook.report import plot
from reportbook import forecasts, write_book


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> list:
    """The Figure objects the command renders (to assert on their Axes)."""
    seen: list = []
    real = plot.figure_bytes

    def spy(fig, fmt="png"):
        seen.append(fig)
        return real(fig, fmt)

    monkeypatch.setattr(plot, "figure_bytes", spy)
    return seen


@pytest.fixture(scope="module")
def shared_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "forecasts"
    return write_book(root, forecasts(40, open_=3, forecasters=("ann", "bob", "cyd")))


@pytest.fixture
def fbig(runner: CliRunner, shared_book: Path) -> Callable[..., Result]:
    """Run `forecastbook --book SHARED_BOOK ARGS...`: 40 resolved questions x 3 forecasters."""

    def run(*args: str) -> Result:
        return runner.invoke(app, ["--book", str(shared_book), *args])

    return run


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def series_points(ax) -> list[np.ndarray]:
    return [np.asarray(c.get_offsets()) for c in ax.collections if c.get_gid() == "points"]


def test_default_writes_png_and_summary_in_reports(fbig, in_tmp, figures) -> None:
    result = fbig("report")
    assert result.exit_code == 0, result.output
    assert result.stdout == "reports/calibration.png\nreports/summary.md\n"
    assert result.stderr == ""
    png = (in_tmp / "reports" / "calibration.png").read_bytes()
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == (1440, 960)
    summary = (in_tmp / "reports" / "summary.md").read_text()
    assert summary.startswith("# Calibration report: ")
    assert "![Calibration report](calibration.png)" in summary
    assert not [p for p in (in_tmp / "reports").iterdir() if p.name.startswith(".")]
    [fig] = figures
    assert fig.texts[0].get_text().startswith("Calibration report: ")


@pytest.mark.parametrize(
    ("options", "binning"),
    [
        ([], "centred"),  # the report's default
        (["--bins", "5", "--method", "time-averaged"], "centred"),
        (["--binning", "equal-width"], "equal-width"),
    ],
)
def test_plotted_points_are_the_calibration_of_score(fbig, in_tmp, figures, options, binning):
    score = fbig("score", "--json", "--binning", binning, *options)
    assert score.exit_code == 0, score.output
    bins = json.loads(score.stdout)["calibration"]
    result = fbig("report", *options)
    assert result.exit_code == 0, result.output
    [fig] = figures
    rel, sharp = fig.axes[:2]
    [points] = series_points(rel)
    expected = np.array([[b["mean_forecast"], b["observed"]] for b in bins])
    np.testing.assert_allclose(points, expected, rtol=0, atol=1e-12)
    [intervals] = [line for line in rel.lines if line.get_gid() == "intervals"]
    ends = intervals.get_ydata().reshape(-1, 3)[:, :2]
    np.testing.assert_allclose(ends, [[b["ci_low"], b["ci_high"]] for b in bins], atol=1e-12)
    heights = [bar.get_height() for bar in sharp.patches]
    np.testing.assert_allclose(heights, [b["count"] for b in bins], atol=1e-12)
    table = fig.axes[2].tables[0].get_celld()
    assert table[1, 1].get_text().get_text() == f"{json.loads(score.stdout)['count']:,}"


def test_by_forecaster_draws_one_series_each(fbig, in_tmp, figures) -> None:
    result = fbig("report", "--by", "forecaster")
    assert result.exit_code == 0, result.output
    score = json.loads(fbig("score", "--json", "--by", "forecaster").stdout)
    [fig] = figures
    rel = fig.axes[0]
    series = series_points(rel)
    assert len(series) == 3
    colours = {tuple(c.get_facecolor()[0]) for c in rel.collections if c.get_gid() == "points"}
    assert len(colours) == 3
    labels = [t.get_text() for t in rel.get_legend().get_texts()]
    assert labels[0] == "Perfect calibration"
    assert [label.split("\n")[0] for label in labels[1:4]] == ["ann", "bob", "cyd"]
    assert labels[4] == "95% Wilson interval"
    brier = {g["name"]: g["brier"] for g in score["groups"]}
    assert labels[1].endswith(f"Brier {brier['ann']:.3f}")
    assert sum(len(s) for s in series) >= len(score["calibration"])
    # the running Brier panel draws one line per forecaster, beside the whole book
    running = fig.axes[3]
    names = [line.get_label() for line in running.lines if not line.get_label().startswith("_")]
    assert {"ann", "bob", "cyd"} <= set(names)


def test_by_horizon_works_like_score(fbig, in_tmp, figures) -> None:
    # Issue 13 item 9: lead-time buckets, sorted by lead time
    result = fbig("report", "--by", "horizon")
    assert result.exit_code == 0, result.output
    score = json.loads(fbig("score", "--json", "--by", "horizon").stdout)
    order = ["< 1 month", "1-3 months", "3-6 months", "6-12 months", "1-2 years", "2+ years"]
    names = [g["name"] for g in score["groups"]]
    assert names == [n for n in order if n in names]
    summary = (in_tmp / "reports" / "summary.md").read_text()
    assert "## By horizon" in summary
    for name in names:
        assert f"| {name.replace('<', '&lt;').replace('+', chr(92) + '+')} |" in summary


def test_title_names_the_book(runner, tmp_path, monkeypatch) -> None:
    # Issue 13 item 10: the folder's name, not its path; or the title given
    root = write_book(tmp_path / "tmp" / "nb2", forecasts(12))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--book", "tmp/nb2", "report"])
    assert result.exit_code == 0, result.output
    summary = (tmp_path / "reports" / "summary.md").read_text()
    assert summary.startswith("# Calibration report: nb2\n")
    result = runner.invoke(app, ["--book", str(root), "report", "--title", "Trump & NATO"])
    assert result.exit_code == 0, result.output
    summary = (tmp_path / "reports" / "summary.md").read_text()
    assert summary.startswith("# Calibration report: Trump &amp; NATO\n")


def test_user_text_is_plain_text_and_escaped(runner, tmp_path, monkeypatch, figures) -> None:
    # Issue 16 items 4 and 5: mathtext, Markdown and HTML in names, groups and the book
    hostile = [
        "$\\frac{}$",
        "<script>alert(1)</script>",
        "![](http://tracker.example/x.png)",
        "[x](javascript:alert(1))",
    ]
    items = forecasts(12, forecasters=hostile[:2])
    items = [
        f.model_copy(update={"group": hostile[i % 4], "tags": [hostile[(i + 1) % 4]]})
        for i, f in enumerate(items)
    ]
    root = write_book(tmp_path / "$\\frac{}$", items)
    monkeypatch.chdir(tmp_path)
    for by in ("forecaster", "group", "tag"):
        result = runner.invoke(app, ["--book", str(root), "report", "--by", by])
        assert result.exit_code == 0, result.output
        summary = (tmp_path / "reports" / "summary.md").read_text()
        for raw in ("<script>", "![](", "](javascript:", "$\\frac"):
            assert raw not in summary, (by, raw)
        assert "&lt;script&gt;" in summary
    texts = [t.get_text() for t in figures[-1].texts]
    assert texts[0] == "Calibration report: $\\frac{}$"
    for fig in figures:
        labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert all(not t.get_parse_math() for t in fig.axes[0].get_legend().get_texts())
        assert any(label.startswith(("$\\frac{}$", "<script>", "![](", "[x](")) for label in labels)


def test_few_resolved_draws_and_says_so(fb, book_dir, in_tmp, figures) -> None:
    write_book(book_dir, forecasts(3, open_=2))
    result = fb("report")
    assert result.exit_code == 0, result.output
    note = "Only 3 resolved yes/no forecasts: too few to show calibration"
    assert result.stderr.startswith(f"Note: {note}")
    [fig] = figures
    assert any(t.get_text().startswith(note) for t in fig.texts)
    assert (in_tmp / "reports" / "calibration.png").exists()


def test_nothing_resolved_writes_nothing(fb, book_dir, in_tmp) -> None:
    write_book(book_dir, forecasts(0, open_=2))
    result = fb("report", "--as-of", "2026-01-01")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: nothing to report: no question has resolved yet; 2 open, "
        "next due 2026-06-01 (q0000)\n"
    )
    assert not (in_tmp / "reports").exists()


def test_empty_book(fb, in_tmp) -> None:
    result = fb("report")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing to report: the book has no questions")


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_svg_and_pdf(fbig, in_tmp, fmt) -> None:
    result = fbig("report", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"reports/calibration.{fmt}\nreports/summary.md\n"
    data = (in_tmp / "reports" / f"calibration.{fmt}").read_bytes()
    if fmt == "svg":
        assert ET.fromstring(data).tag.endswith("svg")
    else:
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_out_sets_the_format_and_the_summary_goes_next_to_it(fbig, tmp_path) -> None:
    out = tmp_path / "elsewhere" / "cal.svg"
    result = fbig("report", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n{out.parent / 'cal.md'}\n"
    assert out.read_bytes().lstrip().startswith(b"<?xml")
    assert "![Calibration report](cal.svg)" in (out.parent / "cal.md").read_text()


def test_two_reports_in_one_folder_keep_their_own_summaries(fbig, tmp_path) -> None:
    # Issue 13 item 11
    folder = tmp_path / "X"
    assert fbig("report", "--out", str(folder / "foo.png")).exit_code == 0
    assert fbig("report", "--out", str(folder / "bar.pdf"), "--by", "forecaster").exit_code == 0
    assert fbig("report", "--out", str(folder / "calibration.png")).exit_code == 0
    foo = (folder / "foo.md").read_text()
    bar = (folder / "bar.md").read_text()
    assert "![Calibration report](foo.png)" in foo and "## By forecaster" not in foo
    # a PDF is linked, not embedded as an image
    assert "[Calibration report (PDF)](bar.pdf)" in bar and "![" not in bar
    assert "![Calibration report](calibration.png)" in (folder / "summary.md").read_text()


def test_same_book_same_bytes(fbig, tmp_path) -> None:
    outputs = []
    for run in range(2):
        out = tmp_path / f"run{run}" / "calibration.png"
        assert fbig("report", "--out", str(out), "--by", "tag").exit_code == 0
        outputs.append((out.read_bytes(), (out.parent / "summary.md").read_bytes()))
    assert outputs[0] == outputs[1]


def test_as_of(fbig, in_tmp, figures) -> None:
    result = fbig("report", "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.output
    score = json.loads(fbig("score", "--json", "--as-of", "2025-06-30").stdout)
    [fig] = figures
    assert "as of 2025-06-30" in fig.texts[1].get_text()
    assert len(series_points(fig.axes[0])[0]) == len(score["calibration"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "colour"], "Error: Invalid value for '--by': 'colour' is not one of"),
        (["--binning", "round"], "Error: Invalid value for '--binning': 'round' is not one of"),
        (["--format", "gif"], "Error: Invalid value for '--format': 'gif' is not one of"),
        (["--out", "x.png", "--format", "svg"], "Error: Invalid value for '--out': x.png is not"),
        (["--method", "best"], "Error: Invalid value for '--method': "),
        (["--bins", "0"], "Error: Invalid value for '--bins'"),
        (["--out", "r/summary.md"], "Error: Invalid value for '--out': r/summary.md would be"),
    ],
)
def test_bad_options_exit_2(fbig, in_tmp, args, message) -> None:
    result = fbig("report", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (in_tmp / "reports").exists()


def test_bad_as_of_is_one_line(fbig, in_tmp) -> None:
    result = fbig("report", "--as-of", "yesterday-ish")
    assert result.exit_code in (1, 2)
    assert result.stderr.startswith("Error: ") and len(result.stderr.splitlines()) == 1


def test_report_command_does_not_import_matplotlib_at_startup() -> None:
    import subprocess
    import sys

    code = (
        "import sys, forecastbook.cli; print(*(m in sys.modules for m in ('matplotlib', 'pandas')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
