"""Hypothesis-generated forecast files: `validate` and friends accept them or give one-line
messages, never a traceback; valid hand-styled files keep comments and key order through
`update`, `resolve`, `resolve --correct` and `resolve --reopen` (issue 7)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from forecast_strategies import forecasts, fuzz_settings, mutated, styled_texts
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from forecastbook.book import store
from forecastbook.cli import app
from forecastbook.format import yamlio
from forecastbook.format.models import Forecast, dump_forecast

pytestmark = pytest.mark.timeout(600)

RUNS: Counter[str] = Counter()  # examples run per test, printed at the end of the module
FUZZ = fuzz_settings(100)


@pytest.fixture(scope="module", autouse=True)
def _report_counts() -> object:
    yield
    print("\nfuzz examples run:", dict(RUNS), "total", sum(RUNS.values()))


def _fresh_book(tmp_path: Path) -> Path:
    root = tmp_path / "fuzzbook"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    return root


def _cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--book", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def _check_one_file(root: Path, data: bytes) -> None:
    """`validate`, `list`, `show`, `update` on a book holding one file with `data`."""
    path = root / "q.yaml"
    path.write_bytes(data)
    code, out, err = _cli(root, "validate")
    pattern = re.compile(re.escape(str(path)) + r"(:\d+)?: \S.*")
    if code == 0:
        assert out == "ok: 1 question(s) valid\n"
        valid = True
    else:
        assert code == 1
        assert out, err
        for line in out.splitlines():
            assert pattern.fullmatch(line), line
        assert err.endswith(" valid question(s)\n")
        valid = False
    code, out, err = _cli(root, "list")
    assert code == 0
    if not valid:
        assert err.startswith(f"skipped {path}")
    code, out, err = _cli(root, "show", "q")
    assert code == (0 if valid else 1)
    if not valid:
        assert err.count("\n") == 1
        assert err.startswith(f"Error: {path}")
    before = path.read_bytes()
    code, out, err = _cli(root, "update", "q", "--p", "0.5")
    if code != 0:
        assert err.count("\n") == 1, err
        assert err.startswith("Error: ")
        assert path.read_bytes() == before
    else:
        assert valid
        assert store.read_forecast(path, root).predictions[-1].p == 0.5


@FUZZ
@given(forecast=forecasts())
def test_generated_valid_files_validate(tmp_path: Path, forecast: Forecast) -> None:
    RUNS["valid files"] += 1
    root = _fresh_book(tmp_path)
    text = yamlio.dump(dump_forecast(forecast))
    assert store.parse(text, root / "q.yaml") == forecast  # dump -> load is lossless
    _check_one_file(root, text.encode())


@FUZZ
@given(data=st.data())
def test_mutated_files_give_one_line_messages(tmp_path: Path, data: st.DataObject) -> None:
    RUNS["mutated files"] += 1
    root = _fresh_book(tmp_path)
    forecast = data.draw(forecasts())
    text, _, _ = data.draw(styled_texts(forecast))
    _check_one_file(root, data.draw(mutated(text)).encode("utf-8", "surrogatepass"))


LINES = [
    "id: q\n", "question: x\n", "created: 2024-01-01\n", "predictions:\n", "- p: 0.5\n",
    "  by: me\n", "  at: 2024-01-01\n", "resolution: {outcome: 'yes'}\n", "kind: x\n",
    "tags: [a, a]\n", "options: [a]\n", "!!binary aGk=\n", "schema_version: 99\n",
    "? [a]\n: b\n", "id: Q\n", "created: 2024-13-45\n",
]  # fmt: skip


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(str.encode),
        st.lists(st.sampled_from(LINES), max_size=8).map(lambda lines: "".join(lines).encode()),
    )
)
def test_arbitrary_bytes_give_one_line_messages(tmp_path: Path, raw: bytes) -> None:
    RUNS["arbitrary bytes"] += 1
    _check_one_file(_fresh_book(tmp_path), raw)


def _lines_in_order(needles: list[str], text: str) -> bool:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def _top_keys(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^([a-z_]+):", text, flags=re.MULTILINE)]


@FUZZ
@given(data=st.data())
def test_comments_and_key_order_survive_rewrites(tmp_path: Path, data: st.DataObject) -> None:
    RUNS["round trips"] += 1
    root = _fresh_book(tmp_path)
    forecast = data.draw(forecasts(past=True))  # the commands below add predictions now
    text, comments, keys = data.draw(styled_texts(forecast))
    path = root / "q.yaml"
    path.write_text(text)
    assert store.parse(text, path) == forecast
    steps = data.draw(
        st.lists(st.sampled_from(["update", "resolve", "correct", "reopen"]), min_size=1,
                 max_size=3)
    )  # fmt: skip
    expected_predictions = len(forecast.predictions)
    for step in steps:
        current = store.read_forecast(path, root)
        before = path.read_bytes()
        if step == "update":
            args = (
                ["update", "q", "--p", "0.25"]
                if current.options is None
                else ["update", "q", *[a for o in current.options for a in
                                       ("--option", f"{o}={1 / len(current.options)!r}")]]
            )  # fmt: skip
            ok = current.resolution is None
        elif step == "resolve":
            args, ok = ["resolve", "q", "annulled"], current.resolution is None
        elif step == "correct":
            args, ok = ["resolve", "q", "annulled", "--correct"], current.resolution is not None
        else:
            args, ok = ["resolve", "q", "--reopen"], current.resolution is not None
        code, _, err = _cli(root, *args)
        if not ok:
            assert code == 1
            assert err.count("\n") == 1
            assert path.read_bytes() == before
            continue
        assert code == 0, (args, err)
        expected_predictions += step == "update"
        new_text = path.read_text()
        assert _lines_in_order(comments, new_text), (text, new_text)
        new_keys = _top_keys(new_text)
        # Key order holds; only `resolution` may go (reopen) and come back (at its place
        # in the tool's order, since the user's place for it was dropped with it).
        moved = {"resolution"} if "reopen" in steps else set()
        kept = [k for k in keys if k not in moved]
        assert [k for k in new_keys if k in kept] == kept, (text, new_text)
        resolved = store.read_forecast(path, root).resolution is not None
        assert ("resolution" in new_keys) == resolved
        # What the file did not say (defaults) it still does not say.
        for default in ("schema_version", "kind"):
            if default not in keys:
                assert default not in new_keys, new_text
    final = store.read_forecast(path, root)
    assert len(final.predictions) == expected_predictions
    assert final.predictions[: len(forecast.predictions)] == forecast.predictions
    assert _cli(root, "validate")[0] == 0
