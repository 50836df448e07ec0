"""Scoring speed: 1,000,000 binary forecasts already in a forecast frame, `--by forecaster`.

Compares `forecastbook.scoring.score_by(frame, "forecaster")` (Brier, log score, skill
scores, clipped counts and open counts per forecaster) with

* a bare numpy/pandas computation of the same per-forecaster mean Brier score
  (``((p - y) ** 2).groupby(forecaster).mean()``): target at most 3 times as long;
* scikit-learn's `brier_score_loss` called once per forecaster group: must be slower.

Prints the median of several runs of each.

Run: python benchmarks/bench_score.py [--rows 1000000] [--forecasters 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss

from forecastbook.scoring.frame import KINDS, STATUSES
from forecastbook.scoring.scores import score_by


def make_frame(rows: int, forecasters: int, *, categorical: bool, seed: int = 1) -> pd.DataFrame:
    """A forecast frame of `rows` resolved binary forecasts.

    With `categorical`, ids and names are categorical as `forecast_frame` builds them;
    without, they are plain strings (a frame built by hand or read with `read_csv`).
    """
    rng = np.random.default_rng(seed)
    p = rng.random(rows).round(2)
    y = (rng.random(rows) < p).astype(np.float64)
    names = np.array([f"forecaster-{i:03d}" for i in range(forecasters)], dtype=object)
    ids = pd.Series(np.arange(rows)).map("q{:07d}".format)
    who = names[rng.integers(0, forecasters, rows)]
    return pd.DataFrame(
        {
            "question_id": pd.Categorical(ids) if categorical else ids,
            "forecaster": pd.Categorical(who) if categorical else who,
            "kind": pd.Categorical(["binary"] * rows, categories=KINDS),
            "status": pd.Categorical(["resolved"] * rows, categories=STATUSES),
            "p": p,
            "probabilities": None,
            "options": None,
            "outcome": np.where(y == 1.0, "yes", "no").astype(object),
            "y": y,
            "weight": np.ones(rows),
            "tags": [()] * rows,
        }
    )


def timed(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--forecasters", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"command: {' '.join([sys.executable, *sys.argv])}")
    print(f"rows={args.rows:,} forecasters={args.forecasters} repeat={args.repeat} (median)")
    for categorical in (True, False):
        frame = make_frame(args.rows, args.forecasters, categorical=categorical)
        kind = "categorical ids (as forecast_frame)" if categorical else "plain string ids"
        print(f"-- frame with {kind}")
        run(frame, args.repeat)


def run(frame: pd.DataFrame, repeat: int) -> None:
    """Time the three computations on `frame` and print them."""

    def bare() -> pd.Series:
        return ((frame["p"] - frame["y"]) ** 2).groupby(frame["forecaster"], observed=True).mean()

    def ours() -> pd.DataFrame:
        return score_by(frame, "forecaster")

    def sklearn_per_group() -> dict[str, float]:
        return {
            name: brier_score_loss(group["y"], group["p"])
            for name, group in frame.groupby("forecaster", observed=True)
        }

    expected = bare()
    got = ours()["brier"]
    assert np.allclose(got.to_numpy(), expected.to_numpy()), "scores differ from the baseline"
    t_bare = timed(bare, repeat)
    t_ours = timed(ours, repeat)
    t_sk = timed(sklearn_per_group, repeat)
    print(f"bare numpy/pandas mean+groupby : {t_bare * 1000:8.1f} ms")
    print(
        f"score_by(frame, 'forecaster')  : {t_ours * 1000:8.1f} ms"
        f"  ({t_ours / t_bare:.2f}x bare; target <= 3x)"
    )
    print(
        f"sklearn brier_score_loss/group : {t_sk * 1000:8.1f} ms"
        f"  (score_by is {t_sk / t_ours:.2f}x faster; target > 1x)"
    )


if __name__ == "__main__":
    main()
