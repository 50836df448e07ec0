"""CSV import (validation first, all or nothing) and export -> import round trips."""

from __future__ import annotations

import errno
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forecastbook.book import store
from forecastbook.book.csvio import (
    COLUMNS,
    InvalidCsv,
    export_rows,
    export_text,
    import_csv,
    plan_import,
)
from forecastbook.errors import ForecastbookError
from forecastbook.format.models import Forecast
from forecastbook.scoring.scores import score_book
from scoring_helpers import snapshot

MOMENT = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
HEADER = "id,question,probability,forecaster,at,outcome,resolved_at,tags,group\n"


def write_csv(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_groups_rows_by_id(tmp_path: Path, book_dir: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER
        + "rain,Will it rain?,0.7,ann,2025-01-01T10:00:00Z,yes,2025-01-10,weather;uk,\n"
        + "rain,,35%,bob,2025-01-02,,,,\n"
        + ",Who wins?,red=0.6;blue=0.4,ann,2025-01-01,Red,2025-03-01,,elections\n"
        + ",Will it hail?,0.1,,,,,,\n",
    )
    result = import_csv(book_dir, path, forecaster="zed", moment=MOMENT)
    assert result.ids == ["rain", "who-wins", "will-it-hail"]
    assert result.predictions == 4
    forecasts = {f.id: f for f in store.load_book(book_dir).forecasts}
    rain = forecasts["rain"]
    assert [(p.by, p.p) for p in rain.predictions] == [("ann", 0.7), ("bob", 0.35)]
    assert rain.tags == ["weather", "uk"]
    assert rain.resolution is not None and rain.resolution.outcome == "yes"
    assert rain.created.isoformat() == "2025-01-01"
    mc = forecasts["who-wins"]
    assert mc.options == ["red", "blue"] and mc.group == "elections"
    assert mc.resolution is not None and mc.resolution.outcome == "red"
    hail = forecasts["will-it-hail"]
    assert hail.predictions[0].by == "zed"
    assert hail.predictions[0].at == MOMENT
    assert hail.resolution is None


def test_only_required_columns(tmp_path: Path, book_dir: Path) -> None:
    path = write_csv(tmp_path, "question,probability\nWill it snow?,0.2\nWill it snow?,0.3\n")
    result = import_csv(book_dir, path, moment=MOMENT)
    assert result.ids == ["will-it-snow"]
    assert result.predictions == 2


def test_outcome_spellings(tmp_path: Path, book_dir: Path) -> None:
    rows = "".join(
        f"q{i},Q{i}?,0.5,ann,2025-01-01,{word},{'2025-02-01' if word else ''},,\n"
        for i, word in enumerate(["yes", "NO", "1", "0", "true", "False", "annulled", ""])
    )
    import_csv(book_dir, write_csv(tmp_path, HEADER + rows), moment=MOMENT)
    outcomes = {
        f.id: f.resolution.outcome if f.resolution else None
        for f in store.load_book(book_dir).forecasts
    }
    assert outcomes == {
        "q0": "yes", "q1": "no", "q2": "yes", "q3": "no", "q4": "yes", "q5": "no",
        "q6": "annulled", "q7": None,
    }  # fmt: skip


BAD_ROWS = [
    ("rain,Rain?,1.5,ann,2025-01-01,,,,\n", "row 2, column probability: '1.5' is outside [0, 1]"),
    ("rain,Rain?,0.5,ann,2025-01-01,maybe,,,\n", "row 2, column outcome: 'maybe' is not one of"),
    ("rain,Rain?,0.5,ann,yesterday,,,,\n", "row 2, column at: 'yesterday' is not a date"),
    ("Rain,Rain?,0.5,ann,2025-01-01,,,,\n", "row 2, column id: 'Rain' is not a valid id"),
    ("rain,Rain?,0.5,ann,2099-01-01,,,,\n", "row 2, column at: 2099-01-01T00:00:00+00:00 is in"),
    (",,0.5,ann,2025-01-01,,,,\n", "row 2, column question: is blank"),
    ("mc,Who?,a=0.5;b=0.6,ann,2025-01-01,,,,\n", "row 2, column probability: probabilities sum"),
    ("mc,Who?,a=0.5;b=0.5,ann,2025-01-01,c,,,\n", "row 2, column outcome: 'c' is not an option"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_one_bad_row_writes_nothing(tmp_path: Path, book_dir: Path, row: str, message: str) -> None:
    good = "ok,Fine?,0.5,ann,2025-01-01,,,,\n"
    path = write_csv(tmp_path, HEADER + row + good)
    before = snapshot(book_dir)
    with pytest.raises(InvalidCsv) as info:
        import_csv(book_dir, path, moment=MOMENT)
    assert str(info.value).startswith(f"{path}: {message}")
    assert "\n" not in str(info.value)
    assert snapshot(book_dir) == before


def test_bad_row_late_in_the_file(tmp_path: Path, book_dir: Path) -> None:
    rows = "".join(f"q{i},Q{i}?,0.5,ann,2025-01-01,,,,\n" for i in range(20))
    path = write_csv(tmp_path, HEADER + rows + "q3,Other text?,0.5,ann,2025-01-01,,,,\n")
    with pytest.raises(InvalidCsv, match="row 22, column question: 'Other text\\?' disagrees"):
        import_csv(book_dir, path, moment=MOMENT)
    assert snapshot(book_dir) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("question\nQ?\n", "row 1, column probability: required column is missing"),
        ("question,probability,colour\n", "row 1, column colour: unknown column"),
        ("question,probability,question\n", "row 1, column question: column appears twice"),
        ("", "row 1: no header row"),
        ("question,probability\nQ?,0.5,extra\n", "row 2: 3 cells but 2 columns"),
    ],
)
def test_bad_header_or_shape(tmp_path: Path, book_dir: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidCsv, match=message):
        import_csv(book_dir, write_csv(tmp_path, text), moment=MOMENT)


def test_existing_id_is_refused(tmp_path: Path, book_dir: Path) -> None:
    path = write_csv(tmp_path, HEADER + "rain,Rain?,0.5,ann,2025-01-01,,,,\n")
    import_csv(book_dir, path, moment=MOMENT)
    before = snapshot(book_dir)
    with pytest.raises(InvalidCsv, match="row 2, column id: 'rain' is already in the book"):
        import_csv(book_dir, path, moment=MOMENT)
    assert snapshot(book_dir) == before


def test_generated_ids_do_not_clash(tmp_path: Path, book_dir: Path) -> None:
    path = write_csv(tmp_path, "question,probability\nRain?,0.5\n")
    import_csv(book_dir, path, moment=MOMENT)
    again = write_csv(tmp_path, "question,probability\nRain?,0.6\nRain!,0.7\n", "b.csv")
    assert import_csv(book_dir, again, moment=MOMENT).ids == ["rain-2", "rain-3"]


def test_condition_must_name_a_known_question(tmp_path: Path, book_dir: Path) -> None:
    text = "id,question,probability,condition\nb,B?,0.5,nowhere=yes\n"
    with pytest.raises(InvalidCsv, match="row 2, column condition: no question 'nowhere'"):
        plan_import(book_dir, write_csv(tmp_path, text), moment=MOMENT)
    text = "id,question,probability,condition\na,A?,0.5,\nb,B?,0.5,a=perhaps\n"
    with pytest.raises(InvalidCsv, match="row 3, column condition: 'perhaps' is not an outcome"):
        plan_import(book_dir, write_csv(tmp_path, text), moment=MOMENT)


@pytest.mark.parametrize(("failing", "at_fsync"), [("third file", 3), ("commit point", 5)])
def test_failed_write_removes_what_was_written(
    tmp_path: Path, book_dir: Path, monkeypatch: pytest.MonkeyPatch, failing: str, at_fsync: int
) -> None:
    """A full disk while staging the files, or while writing the commit list (the fsyncs
    are: three files, the staging folder, the commit list): nothing is left behind."""
    path = write_csv(tmp_path, "id,question,probability\na,A?,0.5\nb,B?,0.5\nc,C?,0.5\n")
    calls = []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == at_fsync:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", full)
    with pytest.raises(ForecastbookError, match="No space left on device"):
        import_csv(book_dir, path, moment=MOMENT)
    assert snapshot(book_dir) == {}
    assert os.listdir(book_dir) == []


def test_export_columns_and_json(book_dir: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        HEADER + "rain,Rain?,0.7,ann,2025-01-01,yes,2025-01-10,a;b,g\n,Empty?,,,,,,,\n",
    )
    import_csv(book_dir, path, moment=MOMENT)
    forecasts = store.load_book(book_dir).forecasts
    text = export_text(forecasts)
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = json.loads(export_text(forecasts, fmt="json"))
    assert rows == export_rows(forecasts)
    assert rows[1]["probability"] == 0.7 and rows[1]["tags"] == ["a", "b"]
    assert rows[0]["id"] == "empty" and rows[0]["probability"] is None


# -- round trip --------------------------------------------------------------------------------

names = st.sampled_from(["ann", "bob", "cy"])
moments = st.builds(
    lambda d, m: datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=d, minutes=m),
    st.integers(0, 400),
    st.integers(0, 24 * 60 - 1),
)
awkward = st.sampled_from(["x;y", "plain", "[odd", "a=b", "uk"])


@st.composite
def forecasts(draw: st.DrawFn) -> Forecast:
    n = draw(st.integers(0, 10_000))
    multiple = draw(st.booleans())
    options = draw(st.lists(awkward, min_size=2, max_size=3, unique=True)) if multiple else None
    preds = []
    for _ in range(draw(st.integers(0, 4))):
        at = draw(moments)
        if options:
            raw = [draw(st.integers(0, 10)) for _ in options]
            total = sum(raw) or 1
            probs = {o: r / total for o, r in zip(options, raw, strict=True)}
            if not sum(raw):
                probs = {o: 1 / len(options) for o in options}
            preds.append({"at": at, "by": draw(names), "probabilities": probs})
        else:
            p = draw(st.floats(0, 1, allow_nan=False))
            preds.append({"at": at, "by": draw(names), "p": p})
    data = {
        "id": f"q{n}",
        "question": f"Question {n}?",
        "created": "2024-01-01",
        "kind": "multiple_choice" if options else "binary",
        "options": options,
        "tags": draw(st.lists(awkward, max_size=2, unique=True)),
        "group": draw(st.sampled_from([None, "g1", "g2"])),
        "predictions": preds,
    }
    outcomes = [*(options or ["yes", "no"]), "annulled", None]
    outcome = draw(st.sampled_from(outcomes))
    if outcome is not None:
        data["resolution"] = {"outcome": outcome, "at": draw(moments)}
    return Forecast.model_validate(data)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(forecasts(), max_size=8, unique_by=lambda f: f.id))
def test_export_import_round_trip_keeps_every_score(
    tmp_path_factory: pytest.TempPathFactory, book: list[Forecast]
) -> None:
    source = tmp_path_factory.mktemp("src")
    target = tmp_path_factory.mktemp("dst")
    for forecast in book:
        store.write_new(source, forecast)
    original = store.load_book(source).forecasts
    csv_path = source.parent / f"{source.name}.csv"
    csv_path.write_text(export_text(original), encoding="utf-8")
    import_csv(target, csv_path, moment=MOMENT)
    again = store.load_book(target).forecasts
    assert sorted(f.id for f in again) == sorted(f.id for f in book)
    for method in ("final", "time-averaged"):
        for by in (None, "forecaster", "tag", "group"):
            assert score_book(again, method=method, by=by) == score_book(
                original, method=method, by=by
            )
    assert export_text(again) == export_text(original)
