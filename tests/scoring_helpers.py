"""Small builders of forecasts for the scoring, frame and CSV tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from forecastbook.format.models import Forecast


def make(
    forecast_id: str,
    predictions: Sequence[tuple[str, Any, str]] = (),
    *,
    outcome: str | None = None,
    resolved_at: str = "2025-06-01T12:00:00Z",
    created: str = "2025-01-01",
    options: Sequence[str] | None = None,
    **fields: Any,
) -> Forecast:
    """A forecast with predictions given as (forecaster, p or {option: p}, ISO time)."""
    data: dict[str, Any] = {
        "id": forecast_id,
        "question": f"Question {forecast_id}?",
        "created": created,
        "predictions": [
            {"by": by, "at": at, **({"probabilities": p} if isinstance(p, dict) else {"p": p})}
            for by, p, at in predictions
        ],
        **fields,
    }
    if options is not None:
        data["kind"] = "multiple_choice"
        data["options"] = list(options)
    if outcome is not None:
        data["resolution"] = {"outcome": outcome, "at": resolved_at}
    return Forecast.model_validate(data)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes (to prove nothing changed)."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }
