"""Report speed: `forecastbook report` on a book of 100,000 resolved forecasts (target < 5 s).

Builds a book of QUESTIONS resolved yes/no questions, each forecast by FORECASTERS
forecasters (default 10,000 x 10 = 100,000 resolved forecasts, the `count` that
`forecastbook score` reports), then runs the real command in a fresh process:

    forecastbook --book BOOK report --out OUT/calibration.png

once with an empty parse cache (every file parsed) and then `--repeat` times with the
cache warm, and prints wall and CPU time with the figure's pixel size and bytes (CPU time
shows what wall time would be on an idle machine). Then it times each stage of one warm
run in process (reading the book, building the forecast frame, the report's numbers,
drawing, rendering), so the cost of reading files and the cost of the report itself are
both visible.

Run: python benchmarks/bench_report.py [--questions 10000] [--forecasters 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

TARGET = 5.0
NAMES = ("ann", "bob", "cyd", "dee", "eli", "fay", "gus", "hal", "ivy", "jon", "kim", "lou")


def make_book(root: Path, questions: int, forecasters: int, seed: int = 1) -> None:
    """Question files written directly (the store's per-file fsync would dominate)."""
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True)
    names = [NAMES[i % len(NAMES)] + str(i // len(NAMES) or "") for i in range(forecasters)]
    start = np.datetime64("2023-01-01")
    for n in range(questions):
        truth = rng.beta(1.2, 1.2)
        created = start + np.timedelta64(int(rng.integers(0, 700)), "D")
        resolved = created + np.timedelta64(int(rng.integers(2, 300)), "D")
        probs = np.clip(np.round(truth + rng.normal(0, 0.12, forecasters), 2), 0.01, 0.99)
        preds = "".join(
            f"- at: '{created}T{9 + i % 12:02d}:00:00Z'\n  by: {name}\n  p: {p:.2f}\n"
            for i, (name, p) in enumerate(zip(names, probs, strict=True))
        )
        outcome = "yes" if rng.random() < truth else "no"
        (root / f"q{n:06d}.yaml").write_text(
            "schema_version: 1\n"
            f"id: q{n:06d}\n"
            f"question: Will benchmark event number {n} happen?\n"
            f"created: '{created}'\n"
            f"resolve_by: '{resolved + np.timedelta64(30, 'D')}'\n"
            f"tags:\n- t{n % 7}\n"
            f"group: g{n % 5}\n"
            f"predictions:\n{preds}"
            f"resolution:\n  outcome: '{outcome}'\n  at: '{resolved}T12:00:00Z'\n"
        )


def figure_size(path: Path) -> str:
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
    return f"{width}x{height} px, {path.stat().st_size:,} bytes"


def run_cli(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of `cmd`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


STAGES = """
import time
t = [time.perf_counter()]
from pathlib import Path
from forecastbook.book import store
from forecastbook.report import tables as report
from forecastbook.scoring.frame import forecast_frame
t.append(time.perf_counter())
loaded = store.load_book(Path({book!r}))
t.append(time.perf_counter())
frame = forecast_frame(loaded.forecasts)
t.append(time.perf_counter())
data = report.report_from_frame(frame, questions={{f.id: f.question for f in loaded.forecasts}})
text = report.summary_markdown(data)
t.append(time.perf_counter())
from forecastbook.report import plot
fig = plot.plot_report(**data.figure_kwargs())
t.append(time.perf_counter())
png = plot.figure_bytes(fig, "png")
t.append(time.perf_counter())
print(*(b - a for a, b in zip(t, t[1:])))
"""
STAGE_NAMES = (
    "import forecastbook, pandas, pydantic",
    "store.load_book (index warm)",
    "frame.forecast_frame",
    "report.report_from_frame + summary_markdown",
    "import matplotlib + plot.plot_report",
    "plot.figure_bytes (png)",
)


def stages(book: Path, env: dict[str, str]) -> list[tuple[str, float]]:
    """Seconds spent in each stage of one warm report, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", STAGES.format(book=str(book))],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return list(zip(STAGE_NAMES, map(float, out), strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--forecasters", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    total = args.questions * args.forecasters
    exe = shutil.which("forecastbook")
    base = [exe] if exe else [sys.executable, "-m", "forecastbook"]
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        work = Path(tmp)
        book, out = work / "forecasts", work / "reports" / "calibration.png"
        t0 = time.perf_counter()
        make_book(book, args.questions, args.forecasters)
        print(
            f"book: {args.questions:,} resolved questions x {args.forecasters} forecasters = "
            f"{total:,} resolved forecasts (written in {time.perf_counter() - t0:.1f} s)"
        )
        env = {**os.environ, "FORECASTBOOK_CACHE_DIR": str(work / "cache")}
        env.pop("FORECASTBOOK_BOOK", None)
        cmd = [*base, "--book", str(book), "report", "--out", str(out)]
        print("command: " + " ".join(cmd))
        cold, cold_cpu = run_cli(cmd, env)
        print(
            f"  first run (parse cache empty): {cold:.2f} s wall, {cold_cpu:.2f} s CPU; "
            f"figure {figure_size(out)}"
        )
        runs = [run_cli(cmd, env) for _ in range(args.repeat)]
        median = statistics.median(wall for wall, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        verdict = "OK" if median < TARGET else "OVER TARGET"
        print(
            f"  later runs (cache warm), median of {args.repeat}: {median:.2f} s wall "
            f"[{', '.join(f'{w:.2f}' for w, _ in runs)}], {cpu:.2f} s CPU; "
            f"target < {TARGET:.0f} s wall: {verdict}"
        )
        summary = out.parent / "summary.md"
        print(f"  summary: {summary} ({summary.stat().st_size:,} bytes)")
        print("where the time goes (one warm run, in process):")
        for name, seconds in stages(book, env):
            print(f"  {seconds:6.2f} s  {name}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, 1-minute load average {load:.1f} at the end")
    return 0 if median < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
