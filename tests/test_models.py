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
    assert f.outcomes() == ["yes", "no", "annulled", "ambiguous"]
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


# -- issue 16, items 8 and 12: times every command computes with; bounded size ---------------


@pytest.mark.parametrize(
    "changes",
    [
        {"predictions": [{"at": "9999-12-31T23:30:00-05:00", "by": "a", "p": 0.3}]},
        {"predictions": [{"at": "0001-01-01T00:30:00+01:00", "by": "a", "p": 0.3}]},
        {"created": "0001-01-01"},
        {"resolve_by": "9999-12-31"},
        {"resolution": {"outcome": "yes", "at": "2200-01-01T00:00:00Z"}},
        {"predictions": [{"at": "2025-03-01T00:00:00+20:00", "by": "a", "p": 0.3}]},
    ],
)
def test_times_outside_the_range_are_invalid(changes: dict) -> None:
    with pytest.raises(ValidationError, match=r"outside the dates|offset beyond"):
        Forecast.model_validate(entry(**changes))


def test_resolution_date_is_compared_in_utc() -> None:
    # 2025-02-20T08:00+10:00 is 2025-02-19 in UTC: before a question created on the 20th.
    late = {"outcome": "yes", "at": "2025-02-20T08:00:00+10:00"}
    with pytest.raises(ValidationError, match="before the question was created"):
        Forecast.model_validate(entry(resolution=late))


def test_options_and_predictions_are_limited() -> None:
    from forecastbook.format.limits import MAX_OPTIONS, MAX_PREDICTIONS

    many = [f"o{i}" for i in range(MAX_OPTIONS + 1)]
    with pytest.raises(ValidationError, match=f"at most {MAX_OPTIONS}"):
        Forecast.model_validate(entry(kind="multiple_choice", options=many, predictions=[]))
    preds = [{"at": AT, "by": "a", "p": 0.3}] * (MAX_PREDICTIONS + 1)
    with pytest.raises(ValidationError, match="at most 2,000 per question"):
        Forecast.model_validate(entry(predictions=preds))
    assert len(Forecast.model_validate(entry(predictions=preds[1:])).predictions) == 2_000


def test_option_checks_are_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each prediction's names are looked up in a set of the options, never in the list
    (that made 26k options quadratic): count the comparisons a list lookup would make."""
    from forecastbook.format.limits import MAX_OPTIONS

    compared = 0

    class Name(str):
        __hash__ = str.__hash__

        def __eq__(self, other: object) -> bool:
            nonlocal compared
            compared += 1
            return str.__eq__(self, other)

    names = [f"o{i}" for i in range(MAX_OPTIONS)]
    data = entry(
        kind="multiple_choice",
        options=names,
        predictions=[{"at": AT, "by": "a", "probabilities": dict.fromkeys(names, 1 / MAX_OPTIONS)}],
    )
    forecast = Forecast.model_validate(data)
    opts = [Name(n) for n in names]
    object.__setattr__(forecast, "options", opts)
    assert forecast._prediction_problems(0, forecast.predictions[0], frozenset(opts)) == []
    assert compared <= 2 * MAX_OPTIONS  # a list lookup would be ~MAX_OPTIONS**2 / 2
