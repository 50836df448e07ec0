"""Hypothesis strategies for forecast files: valid forecasts, hand-styled text, mutations."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, Phase, assume, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from deep import sized
from forecastbook.format import yamlio
from forecastbook.format.models import Forecast, dump_forecast


def fuzz_settings(examples: int) -> settings:
    """Settings of the fuzz tests: `examples` per test in a deep run (FORECASTBOOK_DEEP_TESTS),
    a quarter of that by default, or FORECASTBOOK_FUZZ_EXAMPLES if set (e.g. 2000); no
    deadline, since each example runs the CLI."""
    default = sized(max(10, examples // 4), examples)
    return settings(
        max_examples=int(os.environ.get("FORECASTBOOK_FUZZ_EXAMPLES", str(default))),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )


# Strings that YAML 1.1 or 1.2 would read as something else, plus YAML syntax characters.
TRICKY = ["yes", "no", "on", "off", "null", "~", "1.5", "1e3", "0x1f", "2024-01-01", "#x",
          "- a", "a: b", "'q'", '"q"', "[x]", "{x}", "*a", "&a", "!t", "%", "@", "`", "|", ">",
          "Y", "n", "true", "  padded  ", "é ü 日本", "tab\there", "a #b"]  # fmt: skip

words = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20),
).filter(lambda s: bool(s.strip()))

moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)),
                               timezone(timedelta(hours=-8))]),
)  # fmt: skip
probabilities = st.one_of(
    st.floats(0, 1, allow_nan=False), st.sampled_from([0.0, 1.0, 0.5, 1e-7, 0.1 + 0.2])
)


past_moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2024, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-3))]),
)  # fmt: skip


@st.composite
def forecasts(draw: st.DrawFn, forecast_id: str = "q", *, past: bool = False) -> Forecast:
    """A valid forecast, open or resolved, binary or multiple choice.

    With `past`, every date and moment is in the past (as import requires).
    """
    moments_ = past_moments if past else moments
    created = draw(st.dates(date(2000, 1, 1), date(2023, 1, 1) if past else date(2030, 1, 1)))
    options = draw(st.one_of(st.none(), st.lists(words, min_size=2, max_size=4, unique=True)))
    if options is not None:
        options = [o.strip() for o in options]
        assume(len(set(options)) == len(options) and "annulled" not in options)
    predictions = []
    for _ in range(draw(st.integers(0, 3))):
        prediction: dict[str, Any] = {"at": draw(moments_), "by": draw(words)}
        if options is None:
            prediction["p"] = draw(probabilities)
        else:
            weights = draw(st.lists(st.integers(0, 100), min_size=len(options),
                                    max_size=len(options)).filter(any))  # fmt: skip
            total = sum(weights)
            values = [w / total for w in weights]
            values[-1] = 1.0 - sum(values[:-1])
            assume(0.0 <= values[-1] <= 1.0)
            prediction["probabilities"] = dict(zip(options, values, strict=True))
        if draw(st.booleans()):
            prediction["note"] = draw(words)
        predictions.append(prediction)
    data: dict[str, Any] = {
        "id": forecast_id,
        "question": draw(words),
        "kind": "binary" if options is None else "multiple_choice",
        "options": options,
        "created": created,
        "predictions": predictions,
    }
    if draw(st.booleans()):
        data["resolve_by"] = created + timedelta(days=draw(st.integers(0, 3000)))
    for key in ("criteria", "horizon", "group"):
        if draw(st.booleans()):
            data[key] = draw(words)
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(words, max_size=3))
    if draw(st.booleans()):
        outcomes = ["yes", "no", "annulled"] if options is None else [*options, "annulled"]
        # A question resolves on or after the day it was asked.
        asked = datetime.combine(created, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
        resolved_at = max(draw(moments_), asked)
        data["resolution"] = {"outcome": draw(st.sampled_from(outcomes)), "at": resolved_at}
        if draw(st.booleans()):
            data["resolution"]["evidence"] = draw(words)
    try:
        return Forecast.model_validate(data)
    except ValidationError:
        assume(False)
        raise  # pragma: no cover


@st.composite
def styled_texts(draw: st.DrawFn, forecast: Forecast) -> tuple[str, list[str], list[str]]:
    """Hand-written-looking text for `forecast`: shuffled keys, comments, indent style.

    Returns (text, comments in order, top-level keys in order).
    """
    data = dump_forecast(forecast)
    keys = list(data)
    if draw(st.booleans()):
        keys = draw(st.permutations(keys))
    if draw(st.booleans()):
        # Leave out what has a default, as people writing by hand do.
        keys = [k for k in keys if k != "schema_version" and data[k] != "binary"]
    offset = draw(st.sampled_from([0, 2]))
    comments: list[str] = []
    out: list[str] = []
    n = 0

    def comment() -> str:
        nonlocal n
        n += 1
        text = f"# note {n}: {draw(st.sampled_from(['why', 'see log', 'x: y', '- z', ''])).strip()}"
        comments.append(text)
        return text

    if draw(st.booleans()):
        out.append(comment() + "\n")
    for key in keys:
        if draw(st.integers(0, 3)) == 0:
            out.append(comment() + "\n")
        block = yamlio.dump({key: data[key]})
        if offset:
            block = "".join(
                "  " + line if line.lstrip().startswith("- ") or line.startswith("  ") else line
                for line in block.splitlines(keepends=True)
            )
        first, _, rest = block.partition("\n")
        if not isinstance(data[key], (dict, list)) and draw(st.booleans()) and not rest.strip():
            first = f"{first}  {comment()}"
        out.append(first + "\n" + rest)
    if draw(st.booleans()):
        out.append(comment() + "\n")
    return "".join(out), comments, keys


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a few random edits: deletions, insertions, swapped characters."""
    chars = list(text)
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = draw(st.one_of(st.sampled_from([":", "-", "[", "{", "'", '"', "#", "\n", "  ",
                                                "&a", "*a", "!!", "\t", "?", "|", ">"]),
                               st.text(max_size=3)))  # fmt: skip
        if action == "delete":
            del chars[where : where + draw(st.integers(1, 20))]
        elif action == "insert":
            chars[where:where] = list(piece)
        elif chars:
            chars[min(where, len(chars) - 1)] = piece
    return "".join(chars)
