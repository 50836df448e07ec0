"""Synthetic books for the report tests (importable by name from any test module)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from forecastbook.book import store
from forecastbook.format.models import Forecast

START = datetime(2025, 1, 1, 9, tzinfo=UTC)


def forecasts(
    resolved: int,
    *,
    open_: int = 0,
    forecasters: Sequence[str] = ("ann",),
    multiple_choice: int = 0,
    seed: int = 0,
) -> list[Forecast]:
    """`resolved` resolved yes/no questions (each forecast by every forecaster), `open_`
    open ones (resolve-by dates from 2026-06-01 on, one per week), and `multiple_choice`
    resolved three-option questions. Deterministic for a given seed."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(resolved + open_):
        created = START + timedelta(days=int(rng.integers(0, 300)))
        truth = float(rng.beta(1.3, 1.3))
        preds = [
            {
                "at": (created + timedelta(hours=j)).isoformat(),
                "by": who,
                "p": round(float(np.clip(truth + rng.normal(0, 0.12), 0.01, 0.99)), 2),
            }
            for j, who in enumerate(forecasters)
        ]
        data: dict[str, object] = {
            "id": f"q{i:04d}",
            "question": f"Will test event number {i} happen?",
            "created": created.date().isoformat(),
            "tags": [("alpha", "beta", "gamma")[i % 3]],
            "group": f"g{i % 2}",
            "predictions": preds,
        }
        if i < resolved:
            data["resolve_by"] = (created.date() + timedelta(days=200)).isoformat()
            data["resolution"] = {
                "outcome": "yes" if rng.random() < truth else "no",
                "at": (created + timedelta(days=int(rng.integers(3, 150)))).isoformat(),
            }
        else:
            data["resolve_by"] = (date(2026, 6, 1) + timedelta(weeks=i - resolved)).isoformat()
        out.append(Forecast.model_validate(data))
    for k in range(multiple_choice):
        created = START + timedelta(days=10 * k)
        out.append(
            Forecast.model_validate(
                {
                    "id": f"mc{k:03d}",
                    "question": f"Which of three, number {k}?",
                    "kind": "multiple_choice",
                    "options": ["a", "b", "c"],
                    "created": created.date().isoformat(),
                    "predictions": [
                        {
                            "at": created.isoformat(),
                            "by": forecasters[0],
                            "probabilities": {"a": 0.5, "b": 0.3, "c": 0.2},
                        }
                    ],
                    "resolution": {
                        "outcome": "abc"[k % 3],
                        "at": (created + timedelta(days=20)).isoformat(),
                    },
                }
            )
        )
    return out


def write_book(root: Path, items: Sequence[Forecast]) -> Path:
    """Write `items` as question files in `root` (created if missing).

    Rendered as the store renders new files, but written without the store's fsyncs,
    which cost more than the tests themselves.
    """
    root.mkdir(parents=True, exist_ok=True)
    for forecast in items:
        store.path_for(root, forecast.id).write_text(store.render_new(forecast))
    return root
