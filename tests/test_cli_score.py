"""`forecastbook score`, `import` and `export` end to end through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scoring_helpers import snapshot

CSV = (
    "id,question,probability,forecaster,at,outcome,resolved_at,tags,group\n"
    "rain,Will it rain?,0.7,ann,2025-01-01T10:00:00Z,yes,2025-01-10T00:00:00Z,weather;uk,\n"
    "rain,,0.4,bob,2025-01-02,,,,\n"
    "rain,,0.9,ann,2025-01-05,,,,\n"
    "snow,Will it snow?,20%,ann,2025-01-01,no,2025-02-01,weather,\n"
    "snow,,0.5,bob,2025-01-01,,,,\n"
    "who,Who wins?,red=0.6;blue=0.4,ann,2025-01-01,red,2025-03-01,,elections\n"
    "hail,Will it hail?,0.1,bob,2025-01-01,,,,\n"
)


@pytest.fixture
def scored_book(fb, tmp_path: Path, book_dir: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    result = fb("import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Imported 4 question(s) with 7 prediction(s) from {path}\n"
    return book_dir


def test_score_table_states_conventions(fb, scored_book: Path) -> None:
    short = fb("score").stdout
    assert max(map(len, short.splitlines())) <= 80
    assert "--verbose" in short and "clipped to 0.001" not in short
    result = fb("score", "--verbose")
    assert result.exit_code == 0, result.output
    assert max(map(len, result.stdout.splitlines())) <= 80
    out = result.stdout
    assert out.startswith(
        "Scored 5 forecast(s) on 3 question(s) (method: final).\n"
        "  Questions: 4 files: 3 scored, 1 open.\n"
    )
    out = " ".join(out.split())  # the conventions are wrapped to fit 80 columns
    assert "on the 0-1 scale for every question" in out
    assert "half the sum over the options (yes and no for a yes/no question)" in out
    assert "left out of the mean and counted as certain_wrong" in out
    assert "95% Wilson" in out
    assert "(lower, upper]" in out
    # the reference of the skill, on the same forecasts, is printed with it
    data = json.loads(fb("score", "--json").stdout)
    lines = result.stdout.splitlines()
    [reference] = [line.strip() for line in lines if "reference of skill" in line]
    assert reference.split()[:3] == ["always", "50%/uniform", f"{data['brier_reference']:.3f}"]


def test_score_json_keys_and_values(fb, scored_book: Path) -> None:
    result = fb("score", "--json", "--by", "forecaster")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("count", "open", "brier", "log_score", "brier_skill_vs_half",
                "brier_skill_vs_base_rate", "reliability", "resolution", "uncertainty",
                "calibration", "groups"):  # fmt: skip
        assert key in data
    assert data["count"] == 5 and data["open"] == 1
    # ann 0.9 (yes), bob 0.4 (yes), ann 0.2 (no), bob 0.5 (no); mc (0.4^2 + 0.4^2) / 2
    assert data["brier_binary"] == pytest.approx((0.01 + 0.36 + 0.04 + 0.25) / 4)
    assert data["brier_multiple_choice"] == pytest.approx(0.16)
    assert data["brier"] == pytest.approx((0.01 + 0.36 + 0.04 + 0.25 + 0.16) / 5)
    # always 50% on 4 yes/no (0.25 each), equal odds on the two-option question (0.25)
    assert data["brier_reference"] == pytest.approx(0.25)
    assert set(data["calibration"][0]) == {
        "lower", "upper", "count", "mean_forecast", "observed", "ci_low", "ci_high",
    }  # fmt: skip
    groups = {g["name"]: g for g in data["groups"]}
    assert groups["bob"]["count"] == 2 and groups["bob"]["open"] == 1
    assert groups["bob"]["brier"] == pytest.approx((0.36 + 0.25) / 2)


def test_score_scale_two_doubles_binary(fb, scored_book: Path) -> None:
    one = json.loads(fb("score", "--json").stdout)
    two = json.loads(fb("score", "--json", "--scale", "2").stdout)
    assert two["brier_binary"] == pytest.approx(2 * one["brier_binary"])
    assert two["brier_multiple_choice"] == pytest.approx(2 * one["brier_multiple_choice"])
    assert two["brier"] == pytest.approx(2 * one["brier"])
    assert two["brier_reference"] == pytest.approx(2 * one["brier_reference"])
    assert two["reliability"] == pytest.approx(2 * one["reliability"])


def test_score_vs_and_as_of(fb, scored_book: Path) -> None:
    result = fb("score", "--vs", "ann")
    assert result.exit_code == 0, result.output
    assert "Head to head: ann against each forecaster" in result.stdout
    assert "bob" in result.stdout
    data = json.loads(fb("score", "--json", "--as-of", "2025-01-31").stdout)
    assert data["count"] == 2  # only rain had resolved by then
    assert data["open"] == 3
    assert data["as_of"] == "2025-01-31"


def test_score_time_averaged(fb, scored_book: Path) -> None:
    data = json.loads(fb("score", "--json", "--method", "time-averaged").stdout)
    assert data["method"] == "time-averaged"
    assert data["count"] == 5


def test_score_csv_rows(fb, scored_book: Path) -> None:
    result = fb("score", "--csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("question_id,forecaster,kind,probability,outcome,weight")
    assert len(lines) == 6
    assert any(line.startswith("who,ann,multiple_choice,red=0.6;blue=0.4,red") for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--method", "best"], "Error: Invalid value for '--method': 'best' is not one of"),
        (["--by", "colour"], "Error: Invalid value for '--by': 'colour' is not one of"),
        (["--scale", "3"], "Error: Invalid value for '--scale': must be 1"),
        (["--json", "--csv"], "Error: Invalid value for '--csv': give --json or --csv"),
        (["--bins", "0"], "Error: Invalid value for '--bins'"),
    ],
)
def test_score_bad_options(fb, scored_book: Path, args: list[str], message: str) -> None:
    result = fb("score", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_score_bad_as_of_and_unknown_vs(fb, scored_book: Path) -> None:
    result = fb("score", "--as-of", "someday")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --as-of: 'someday' is not a date")
    result = fb("score", "--vs", "zed")
    assert result.exit_code == 1
    assert result.stderr == "Error: vs: no forecaster named 'zed' in the book\n"


def test_score_empty_book(fb) -> None:
    result = fb("score")
    assert result.exit_code == 0
    assert result.stdout.startswith("Scored 0 forecast(s) on 0 question(s)")


def test_score_missing_book(fb, tmp_path: Path) -> None:
    result = fb("score", book=tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


def test_bad_csv_names_row_and_column_and_writes_nothing(fb, tmp_path: Path, book_dir) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "fog,Fog?,maybe,ann,2025-01-01,,,,\n", encoding="utf-8")
    before = snapshot(book_dir)
    result = fb("import", str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: row 9, column probability: 'maybe' is not a probability "
        "(use 0.35, 35% or 35)\n"
    )
    assert result.stdout == ""
    assert snapshot(book_dir) == before


def test_import_missing_file(fb, tmp_path: Path) -> None:
    result = fb("import", str(tmp_path / "none.csv"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'none.csv'}: no such file\n"


def test_export_import_round_trip_via_cli(fb, scored_book: Path, tmp_path: Path) -> None:
    exported = fb("export")
    assert exported.exit_code == 0, exported.output
    out = tmp_path / "out.csv"
    result = fb("export", "--output", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == exported.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    assert fb("import", str(out), book=empty).exit_code == 0
    for args in ([], ["--method", "time-averaged"], ["--by", "tag"], ["--vs", "bob"]):
        a = json.loads(fb("score", "--json", *args).stdout)
        b = json.loads(fb("score", "--json", *args, book=empty).stdout)
        assert a == b
    assert fb("export", book=empty).stdout == exported.stdout


def test_export_json_and_bad_format(fb, scored_book: Path) -> None:
    rows = json.loads(fb("export", "--format", "json").stdout)
    assert len(rows) == 7
    assert rows[0]["id"] == "hail"
    result = fb("export", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Invalid value for '--format': 'xml'")


def test_by_table_fits_80_columns_with_long_names(fb, book_dir: Path) -> None:
    name = "a-forecaster-with-a-remarkably-long-name-that-goes-on-and-on-" * 2
    assert fb("add", "Long?", "--p", "0.3", "--by", name, "--at", "2025-01-01").exit_code == 0
    assert fb("resolve", "long", "yes", "--at", "2025-02-01").exit_code == 0
    out = fb("score", "--by", "forecaster").stdout
    assert max(map(len, out.splitlines())) <= 80
    assert "a-forec" in out and "\u2026" in out  # cut in the middle
