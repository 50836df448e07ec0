"""Questions resolved early: counted, left out or scored apart (`scoring.early`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forecastbook.errors import BadInput
from forecastbook.report import tables as report
from forecastbook.scoring.early import early_mask
from forecastbook.scoring.frame import forecast_frame
from forecastbook.scoring.scores import score_book
from scoring_helpers import make

AT = "2025-01-02T00:00:00Z"
EARLY = make("early", [("ann", 0.9, AT)], outcome="yes",
             resolved_at="2025-03-01T00:00:00Z", resolve_by="2025-12-31")  # fmt: skip
LATE = make("late", [("ann", 0.3, AT)], outcome="no",
            resolved_at="2025-12-31T00:00:00Z", resolve_by="2025-12-31")  # fmt: skip
NO_DATE = make("nodate", [("ann", 0.6, AT)], outcome="yes", resolved_at="2025-02-01T00:00:00Z")
# 300 of 364 days to run is more than a quarter; 80 of 364 is not
EDGE = make("edge", [("ann", 0.5, AT)], outcome="yes",
            resolved_at="2025-10-12T00:00:00Z", resolve_by="2025-12-31")  # fmt: skip
BOOK = [EARLY, LATE, NO_DATE, EDGE]


def test_which_questions_resolved_early() -> None:
    frame = forecast_frame(BOOK)
    early = dict(zip(frame["question_id"].astype(str), early_mask(frame), strict=True))
    assert early == {"early": True, "late": False, "nodate": False, "edge": False}


def test_include_exclude_split() -> None:
    included = score_book(BOOK)
    assert included["resolved_early"] == 1 and included["count"] == 4
    excluded = score_book(BOOK, resolved_early="exclude")
    assert excluded["count"] == 3 and excluded["resolved_early"] == 1
    assert excluded["brier"] == pytest.approx((0.09 + 0.16 + 0.25) / 3)
    split = score_book(BOOK, resolved_early="split")
    parts = {p["name"]: p for p in split["resolved_early_split"]}
    assert parts["resolved early"]["count"] == 1
    assert parts["resolved early"]["brier"] == pytest.approx(0.01)
    assert parts["on time"]["count"] == 3
    assert split["brier"] == included["brier"]
    with pytest.raises(BadInput, match=r"^resolved_early: 'drop' is not one of include"):
        score_book(BOOK, resolved_early="drop")


def test_report_notes_how_many_resolved_early() -> None:
    text = report.summary_markdown(report.report_data(BOOK, resolved_early="split"))
    assert "1 scored question(s) resolved early" in text
    assert "| resolved early | 1 |" in text


def test_cli_split(fb, book_dir: Path) -> None:
    assert fb("add", "Rain?", "--p", "0.9", "--id", "rain", "--at", "2025-01-02",
              "--resolve-by", "2025-12-31").exit_code == 0  # fmt: skip
    assert fb("resolve", "rain", "yes", "--at", "2025-02-01").exit_code == 0
    out = fb("score", "--resolved-early", "split").stdout
    assert "Resolved early: 1 question(s), also scored apart below" in out
    assert any(line.startswith("  resolved early ") for line in out.splitlines())
    data = json.loads(fb("score", "--json", "--resolved-early", "exclude").stdout)
    assert data["count"] == 0 and data["resolved_early"] == 1
    bad = fb("score", "--resolved-early", "drop")
    assert bad.exit_code == 2 and "--resolved-early" in bad.stderr
