"""Scoring against the crowd: `score --by forecaster` with every aggregate vs without.

Builds a book in memory of QUESTIONS questions x FORECASTERS forecasters x UPDATES
predictions each (default 10,000 x 20 x 5 = 1,000,000 predictions; two in three resolved),
then times `score_book(by="forecaster")` with ``crowd="none"`` (the plain command) and with
``crowd="all"`` (four aggregates, relative Brier, peer and baseline scores), and prints the
ratio; the target is at most 3. Files are not read: reading them costs the same in both runs
and would only hide the ratio. Never a timed test.

Run: python benchmarks/bench_crowd.py [--questions 10000] [--forecasters 20] [--updates 5]
     [--method final|time-averaged] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import numpy as np

from forecastbook.format.models import Forecast, Prediction, Resolution
from forecastbook.scoring.scores import score_book


def make_book(questions: int, forecasters: int, updates: int, seed: int = 1) -> list[Forecast]:
    """Binary questions; each forecaster predicts `updates` times over 60 days."""
    rng = np.random.default_rng(seed)
    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    names = [f"f{i:02d}" for i in range(forecasters)]
    book = []
    for n in range(questions):
        truth = rng.random() < 0.4
        offsets = rng.integers(0, 60 * 24, size=(forecasters, updates))
        probs = np.clip(
            rng.normal(0.65 if truth else 0.35, 0.2, (forecasters, updates)), 0.01, 0.99
        )
        preds = [
            Prediction.model_construct(
                at=start + timedelta(minutes=int(offsets[i, j])),
                by=names[i],
                p=round(float(probs[i, j]), 2),
                probabilities=None,
                note=None,
            )
            for i in range(forecasters)
            for j in range(updates)
        ]
        resolution = (
            Resolution.model_construct(
                outcome="yes" if truth else "no",
                at=start + timedelta(days=61),
                by=None,
                evidence=None,
                note=None,
            )
            if n % 3
            else None
        )
        book.append(
            Forecast.model_validate(
                {
                    "id": f"q{n:05d}",
                    "question": f"Will event {n} happen?",
                    "created": date(2025, 1, 1),
                }
            ).model_copy(update={"predictions": preds, "resolution": resolution})
        )
    return book


def timed(func: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--forecasters", type=int, default=20)
    parser.add_argument("--updates", type=int, default=5)
    parser.add_argument("--method", default="final")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    book = make_book(args.questions, args.forecasters, args.updates)
    plain = timed(
        lambda: score_book(book, by="forecaster", method=args.method, crowd="none"), args.repeat
    )
    crowd = timed(
        lambda: score_book(book, by="forecaster", method=args.method, crowd="all"), args.repeat
    )
    print(
        f"{args.questions} questions x {args.forecasters} forecasters x {args.updates} updates, "
        f"method {args.method}: plain {plain:.2f}s, with every aggregate {crowd:.2f}s, "
        f"ratio {crowd / plain:.2f} (target <= 3)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
