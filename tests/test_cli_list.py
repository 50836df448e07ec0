"""`list`, `due` and unknown ids (issue 15 item 5): aligned columns, the latest probability
of the forecaster asked about, days overdue, suggestions for every mistyped id."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from forecastbook import settings


@pytest.fixture
def mixed(fb) -> None:
    assert fb("add", "Who wins?", "--option", "argentina=0.6", "--option", "france=0.4",
              "--id", "final", "--created", "2024-01-01",
              "--at", "2024-01-01").exit_code == 0  # fmt: skip
    assert fb("resolve", "final", "argentina", "--at", "2024-02-01").exit_code == 0
    added = fb("add", "Will A?", "--p", "0.2", "--by", "bob", "--id", "a", "--created",
               "2024-01-01", "--at", "2024-01-02", "--resolve-by", "2024-06-30")  # fmt: skip
    assert added.exit_code == 0
    assert fb("update", "a", "--p", "0.9", "--by", "ann", "--at", "2024-01-03").exit_code == 0


def test_columns_stay_aligned_with_long_statuses(fb, mixed) -> None:
    lines = fb("list").stdout.splitlines()
    assert any("resolved: argentina" in line for line in lines)
    column = lines[0].index("RESOLVE BY")
    for line in lines[1:]:
        assert line[column - 2 : column] == "  " and line[column] in "2-", line


def test_list_by_shows_that_forecasters_latest(fb, mixed) -> None:
    rows = json.loads(fb("list", "--by", "bob", "--json").stdout)
    assert [(r["id"], r["latest"]["p"]) for r in rows] == [("a", 0.2)]
    assert "20%" in fb("list", "--by", "bob").stdout
    assert "90%" in fb("list").stdout.splitlines()[1]


def test_due_says_how_many_days_overdue(fb, mixed) -> None:
    days = (settings.today() - settings.today().replace(year=2024, month=6, day=30)).days
    assert f"{days} days overdue" in fb("due").stdout
    assert json.loads(fb("due", "--json").stdout)[0]["days_overdue"] == days


@pytest.mark.parametrize("typo", ["will-us-cpy", "ukrane-ceasfire", "eu-sanktions", "xyz"])
def test_every_unknown_id_gets_suggestions(fb, book_dir: Path, typo: str) -> None:
    for ident in ("will-us-cpi-above-3pct", "ukraine-ceasefire-by-2026", "eu-sanctions-21"):
        assert fb("add", f"Q {ident}?", "--p", "0.5", "--id", ident).exit_code == 0
    result = fb("show", typo)
    assert result.exit_code == 1
    assert "did you mean" in result.stderr
    expected = {"will-us-cpy": "will-us-cpi-above-3pct", "ukrane-ceasfire": "ukraine-ceasefire",
                "eu-sanktions": "eu-sanctions-21"}  # fmt: skip
    if typo in expected:
        assert expected[typo] in result.stderr.split("did you mean")[1].split(" or ")[0]


def test_overdue_count_is_zero_on_the_day(fb) -> None:
    today = settings.today()
    assert fb("add", "Today?", "--p", "0.5", "--created", str(today - timedelta(days=3)),
              "--resolve-by", str(today - timedelta(days=1))).exit_code == 0  # fmt: skip
    assert "1 day overdue" in fb("due").stdout
