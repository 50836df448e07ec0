"""`score`, `report` and `show` against the crowd, end to end through CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CSV = (
    "id,question,probability,forecaster,at,outcome,resolved_at\n"
    "rain,Will it rain?,0.6,ann,2025-01-01T10:00:00Z,yes,2025-01-10T00:00:00Z\n"
    "rain,,0.7,bob,2025-01-02,,\n"
    "rain,,0.9,cyd,2025-01-03,,\n"
    "snow,Will it snow?,0.2,ann,2025-01-01,no,2025-02-01\n"
    "snow,,0.4,bob,2025-01-01,,\n"
    "hail,Will it hail?,0.1,bob,2025-01-01,,\n"
)
CROWD = ["crowd:median", "crowd:mean", "crowd:logodds", "crowd:extremized"]


@pytest.fixture
def book(fb, tmp_path: Path, book_dir: Path) -> Path:
    path = tmp_path / "in.csv"
    path.write_text(CSV, encoding="utf-8")
    assert fb("import", str(path)).exit_code == 0
    return book_dir


def test_show_prints_the_crowds_current_forecast(fb, book: Path) -> None:
    result = fb("show", "rain")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "  crowd (3 forecasters): median 70%; mean 73%; logodds 76%; extremized 88%"
    )
    alone = fb("show", "hail")
    assert "crowd" not in alone.stdout  # one forecaster: no crowd


def test_score_by_forecaster_lists_aggregates_sorted(fb, book: Path) -> None:
    data = json.loads(fb("score", "--json", "--by", "forecaster").stdout)
    names = [g["name"] for g in data["groups"]]
    assert set(names) == {"ann", "bob", "cyd", *CROWD}
    relative = [g["relative_brier"] for g in data["groups"]]
    assert relative == sorted(relative)
    assert data["sort"] == "relative_brier" and data["crowd"] == CROWD
    by_name = {g["name"]: g for g in data["groups"]}
    assert by_name["cyd"]["shared"] == 1 and by_name["ann"]["shared"] == 2
    for key in ("crowd", "relative_brier", "peer_score", "baseline_score",
                "single_forecaster", "time_average", "resolve_by"):  # fmt: skip
        assert key in data["conventions"]
    # the book's own scores are the people's only
    plain = json.loads(fb("score", "--json").stdout)
    assert data["count"] == plain["count"] == 5 and data["brier"] == plain["brier"]
    text = fb("score", "--by", "forecaster").stdout
    assert "relBrier" in text and "crowd:extremized" in text


def test_sort_crowd_and_extremize_options(fb, book: Path) -> None:
    data = json.loads(
        fb("score", "--json", "--by", "forecaster", "--sort", "peer_score",
           "--crowd", "median,logodds").stdout
    )  # fmt: skip
    peers = [g["peer_score"] for g in data["groups"]]
    assert peers == sorted(peers, reverse=True)
    assert {g["name"] for g in data["groups"]} == {"ann", "bob", "cyd", "crowd:median",
                                                   "crowd:logodds"}  # fmt: skip
    none = json.loads(fb("score", "--json", "--by", "forecaster", "--crowd", "none").stdout)
    assert {g["name"] for g in none["groups"]} == {"ann", "bob", "cyd"}
    a1 = json.loads(fb("score", "--json", "--by", "forecaster", "--extremize", "1").stdout)
    g = {x["name"]: x for x in a1["groups"]}
    assert g["crowd:extremized"]["brier"] == pytest.approx(g["crowd:logodds"]["brier"])


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--crowd", "mode"], "--crowd"),
        (["--extremize", "0.5"], "--extremize"),
        (["--days", "all"], "--days"),
        (["--sort", "colour"], "--sort"),
    ],
)
def test_bad_options_are_usage_errors(fb, book: Path, args: list[str], option: str) -> None:
    result = fb("score", "--by", "forecaster", *args)
    assert result.exit_code == 2
    assert option in result.stderr


def test_vs_an_aggregate(fb, book: Path) -> None:
    result = fb("score", "--json", "--vs", "crowd:median")
    assert result.exit_code == 0, result.output
    opponents = {row["opponent"] for row in json.loads(result.stdout)["vs"]}
    assert {"ann", "bob", "cyd", "crowd:mean"} <= opponents


def test_help_states_the_default_convention(fb) -> None:
    text = " ".join(fb("score", "--help").stdout.split())
    assert "lifetime (default, proper for comparing forecasters" in text
    assert "crowd:median" in text


def test_report_lists_aggregates_in_the_summary(fb, book: Path, tmp_path: Path) -> None:
    out = tmp_path / "r" / "cal.png"
    result = fb("report", "--by", "forecaster", "--out", str(out))
    assert result.exit_code == 0, result.output
    summary = (tmp_path / "r" / "cal.md").read_text()
    assert "| crowd:median |" in summary and "Relative Brier" in summary
