"""Hypothesis-generated CSV files and books for `import`, `score` and `export` (issue 7).

Every input is either accepted (and then the book validates and scores) or rejected with
one line naming the file, row or column, with the book left exactly as it was. A valid
book exported and imported into an empty book scores identically.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from forecast_strategies import TRICKY, forecasts, fuzz_settings, words
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from forecastbook.book.csvio import COLUMNS
from forecastbook.cli import app
from forecastbook.format import yamlio
from forecastbook.format.models import Forecast, dump_forecast

pytestmark = pytest.mark.timeout(600)

RUNS: Counter[str] = Counter()
FUZZ = fuzz_settings(60)


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> object:
    yield
    total = sum(n for name, n in RUNS.items() if name != "imports accepted")
    print("\nfuzz examples run:", dict(RUNS), "total", total)


def _cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--book", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def _fresh(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    return root


def _state(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


EXISTING = """\
# already in the book
id: existing
question: Was this here before the import?
created: 2020-01-01
predictions:
- at: 2020-01-02T00:00:00+00:00
  by: me
  p: 0.6
resolution:
  outcome: 'yes'
  at: 2020-06-01T00:00:00+00:00
"""

VALUES = {
    "id": st.one_of(st.sampled_from(["", "a", "existing", "q-1", "Bad Id", "../x", "a" * 70]),
                    words),
    "question": st.one_of(st.just(""), words),
    "options": st.sampled_from(["", "a;b", "a;b;c", "a", "a;a", '["x;y", "z"]', "[1, 2]", "["]),
    "probability": st.one_of(
        st.sampled_from(["", "0.3", "30%", "30", "0", "1", "1.5", "-1", "nan", "a=0.5;b=0.5",
                         "a=1", '{"a": 0.2, "b": 0.8}', "{", "a=x;b=y", "1e-7", "101"]),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    ),
    "forecaster": st.one_of(st.just(""), words),
    "at": st.sampled_from(["", "2020-01-01", "2020-01-01T10:00:00+02:00", "2999-01-01",
                           "yesterday", "0000-00-00", "2020-02-30", "1 June 2020"]),
    "note": st.one_of(st.just(""), words),
    "created": st.sampled_from(["", "2020-01-01", "2019-12-31", "2021-05-05", "01/02/2020", "x"]),
    "resolve_by": st.sampled_from(["", "2019-01-01", "2022-01-01", "30 June 2026", "?"]),
    "outcome": st.sampled_from(["", "yes", "no", "annulled", "a", "b", "c", "Y", "1", "maybe"]),
    "resolved_at": st.sampled_from(["", "2020-06-01", "2999-01-01", "garbage"]),
    "resolved_by": st.one_of(st.just(""), words),
    "evidence": st.one_of(st.just(""), words),
    "tags": st.sampled_from(["", "a", "a;b", "a;a", '["x", 1]', "[", ";;"]),
    "group": st.one_of(st.just(""), words),
    "criteria": st.one_of(st.just(""), words),
    "horizon": st.sampled_from(["", "6-12 months", "two years", "forever", "0 days"]),
    "source": st.sampled_from(["", "article.md", "https://example.com/x"]),
    "condition": st.sampled_from(["", "existing=yes", "existing=maybe", "nope=yes", "x", "="]),
    "draft": st.sampled_from(["", "true", "false", "maybe", "1"]),
}  # fmt: skip


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    columns = draw(st.lists(st.sampled_from([*COLUMNS, "unknown", ""]), min_size=1, max_size=8,
                            unique=True))  # fmt: skip
    if draw(st.integers(0, 4)):  # mostly give the required columns
        columns = list(dict.fromkeys(["question", "probability", *columns]))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 5))):
        row = [draw(VALUES[c]) if c in VALUES else draw(words) for c in columns]
        if draw(st.integers(0, 9)) == 0:
            row = row[: draw(st.integers(0, len(row)))]  # a short row
        writer.writerow(row)
    return out.getvalue()


def _check_import(tmp_path: Path, data: bytes) -> None:
    root = _fresh(tmp_path, "book")
    (root / "existing.yaml").write_text(EXISTING)
    source = tmp_path / "rows.csv"
    source.write_bytes(data)
    before = _state(root)
    code, out, err = _cli(root, "import", str(source))
    if code == 0:
        RUNS["imports accepted"] += 1
        assert out.startswith("Imported ")
        assert _state(root)["existing.yaml"] == before["existing.yaml"]
        assert _cli(root, "validate")[0] == 0
        code, out, err = _cli(root, "score", "--json")
        assert code == 0, err
        json.loads(out)
    else:
        assert code == 1, (code, err)
        assert err.count("\n") == 1, err
        assert err.startswith("Error: "), err
        assert _state(root) == before  # all or nothing
        assert str(source) in err or "--by" in err or "existing" in err, err


@FUZZ
@given(text=csv_texts())
def test_generated_csv_imports_or_fails_in_one_line(tmp_path: Path, text: str) -> None:
    RUNS["csv files"] += 1
    _check_import(tmp_path, text.encode())


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda t: ("question,probability\n" + t).encode()),
        st.sampled_from([b"\xef\xbb\xbfquestion,probability\nQ?,0.5\n", b"question\xff,p\n",
                         b'question,probability\n"unclosed,0.5\n', b"\x00\x00",
                         "question,probability\nQ?,0.5\n".encode("utf-16")]),
    )
)  # fmt: skip
def test_arbitrary_csv_bytes(tmp_path: Path, raw: bytes) -> None:
    RUNS["csv bytes"] += 1
    _check_import(tmp_path, raw)


def _write_book(root: Path, book: list[Forecast]) -> None:
    for forecast in book:
        (root / f"{forecast.id}.yaml").write_text(yamlio.dump(dump_forecast(forecast)))


@st.composite
def books(draw: st.DrawFn, *, past: bool = False) -> list[Forecast]:
    n = draw(st.integers(1, 5))
    return [draw(forecasts(f"q{i}", past=past)) for i in range(n)]


@FUZZ
@given(book=books())
def test_score_generated_books(tmp_path: Path, book: list[Forecast]) -> None:
    RUNS["scored books"] += 1
    root = _fresh(tmp_path, "book")
    _write_book(root, book)
    for args in (
        ["score"],
        ["score", "--json"],
        ["score", "--method", "time-averaged", "--by", "forecaster"],
        ["score", "--by", "tag", "--scale", "2", "--bins", "3"],
        ["score", "--csv"],
        ["score", "--as-of", "2015-01-01", "--by", "month"],
        ["export", "--format", "json"],
    ):
        code, out, err = _cli(root, *args)
        assert code == 0, (args, err)
        if "--json" in args or "json" in args:
            json.loads(out)


@FUZZ
@given(book=books(past=True), dirty=st.sampled_from(TRICKY))
def test_export_import_round_trip_scores_identically(
    tmp_path: Path, book: list[Forecast], dirty: str
) -> None:
    RUNS["export/import round trips"] += 1
    first = _fresh(tmp_path, "first")
    second = _fresh(tmp_path, "second")
    _write_book(first, book)
    exported = tmp_path / "book.csv"
    code, _, err = _cli(first, "export", "--output", str(exported))
    assert code == 0, err
    code, _, err = _cli(second, "import", str(exported), "--by", dirty.strip() or "x")
    assert code == 0, (err, exported.read_text())
    assert sorted(p.name for p in second.iterdir()) == sorted(p.name for p in first.iterdir())
    for args in (["score", "--json"], ["score", "--csv"], ["score", "--json", "--by", "tag"]):
        a, b = _cli(first, *args), _cli(second, *args)
        assert a[0] == b[0] == 0, (a, b)
        assert a[1] == b[1], args
