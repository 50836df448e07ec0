"""The forecast model: what a valid entry is, and what derived facts it gives."""

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from forecastbook.format.models import Forecast, dump_forecast, slugify

AT = "2025-02-20T00:00:00+00:00"


def entry(**changes: object) -> dict:
    data = {
        "id": "q",
        "question": "Will it happen?",
        "created": "2025-02-20",
        "predictions": [{"at": AT, "by": "a", "p": 0.3}],
    }
    data.update(changes)
    return data


def test_minimal_binary() -> None:
    f = Forecast.model_validate(entry())
    assert f.kind.value == "binary"
    assert f.outcomes() == ["yes", "no", "annulled"]
    assert f.latest().p == 0.3


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"id": "Bad Id"}, "id"),
        ({"id": "../x"}, "id"),
        ({"id": "a" * 65}, "id"),
        ({"predictions": [{"at": AT, "by": "a", "p": 1.2}]}, "probability"),
        ({"predictions": [{"at": "2025-02-20T00:00:00", "by": "a", "p": 0.2}]}, "timezone"),
        ({"predictions": [{"at": AT, "by": "a"}]}, "exactly one"),
        ({"colour": "red"}, "Extra inputs"),
        ({"kind": "multiple_choice", "options": ["a"]}, "at least two"),
        ({"kind": "multiple_choice", "options": ["a", "a"]}, "distinct"),
        ({"resolve_by": "2025-01-01"}, "before created"),
        ({"resolution": {"outcome": "maybe", "at": AT}}, "not one of"),
        ({"schema_version": 99}, "newer"),
    ],
)
def test_invalid_entries(changes: dict, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Forecast.model_validate(entry(**changes))


def mc(probabilities: dict) -> dict:
    return entry(
        kind="multiple_choice",
        options=["a", "b", "c"],
        predictions=[{"at": AT, "by": "x", "probabilities": probabilities}],
    )


def test_multiple_choice_rules() -> None:
    Forecast.model_validate(mc({"a": 0.2, "b": 0.3, "c": 0.5}))
    Forecast.model_validate(mc({"a": 0.2, "b": 0.3, "c": 0.5000004}))
    with pytest.raises(ValidationError, match="sum to"):
        Forecast.model_validate(mc({"a": 0.2, "b": 0.3, "c": 0.4}))
    with pytest.raises(ValidationError, match="missing option"):
        Forecast.model_validate(mc({"a": 0.5, "b": 0.5}))
    with pytest.raises(ValidationError, match="unknown option"):
        Forecast.model_validate(mc({"a": 0.2, "b": 0.3, "c": 0.4, "d": 0.1}))


def test_status_and_due() -> None:
    f = Forecast.model_validate(entry(resolve_by="2025-06-30"))
    assert f.status(date(2025, 6, 30)) == "open"
    assert f.status(date(2025, 7, 1)) == "due"
    r = Forecast.model_validate(entry(resolution={"outcome": "no", "at": AT}))
    assert r.status(date(2030, 1, 1)) == "resolved: no"


def test_latest_tie_goes_to_later_entry() -> None:
    f = Forecast.model_validate(
        entry(predictions=[{"at": AT, "by": "a", "p": 0.3}, {"at": AT, "by": "b", "p": 0.6}])
    )
    assert f.latest().p == 0.6
    assert f.latest(by="a").p == 0.3
    assert f.forecasters() == ["a", "b"]


def test_dump_order_is_deterministic() -> None:
    f = Forecast.model_validate(entry(tags=["x"], group="g", criteria="c"))
    keys = list(dump_forecast(f))
    assert keys == ["schema_version", "id", "question", "kind", "criteria", "created", "tags",
                    "group", "predictions"]  # fmt: skip


@given(st.text(max_size=200))
def test_slugify_always_gives_a_valid_id(text: str) -> None:
    slug = slugify(text)
    Forecast.model_validate(entry(id=slug, predictions=[]))
    assert len(slug) <= 64


@given(
    st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1)),
            st.floats(0, 1),
        ),
        max_size=5,
    )
)
def test_dump_load_round_trip(preds: list) -> None:
    data = entry(predictions=[{"at": t.replace(tzinfo=UTC), "by": "a", "p": p} for t, p in preds])
    f = Forecast.model_validate(data)
    assert Forecast.model_validate(dump_forecast(f)) == f
