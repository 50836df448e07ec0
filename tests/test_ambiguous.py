"""`ambiguous` and `annulled`: both resolve a question unscored, counted apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forecastbook.format.models import Forecast, match_outcome
from forecastbook.scoring.frame import account, forecast_frame
from forecastbook.scoring.scores import score_book
from scoring_helpers import make


def test_ambiguous_is_an_outcome_of_every_question() -> None:
    assert match_outcome("Ambiguous", None) == "ambiguous"
    assert match_outcome("ambiguous", ["red", "blue"]) == "ambiguous"
    q = make("q", [("ann", 0.5, "2025-01-01T09:00:00Z")], outcome="ambiguous")
    assert "ambiguous" in q.outcomes()


def test_ambiguous_is_a_reserved_option() -> None:
    with pytest.raises(ValueError, match="'ambiguous' is reserved"):
        Forecast.model_validate(
            {
                "id": "q",
                "question": "Q?",
                "created": "2025-01-01",
                "kind": "multiple_choice",
                "options": ["ambiguous", "clear"],
            }
        )


def test_both_are_unscored_and_counted_apart() -> None:
    at = "2025-01-01T09:00:00Z"
    book = [
        make("a", [("ann", 0.9, at)], outcome="yes"),
        make("b", [("ann", 0.1, at)], outcome="annulled"),
        make("c", [("ann", 0.1, at)], outcome="ambiguous"),
        make("d", [("ann", 0.1, at)], outcome="ambiguous"),
    ]
    counts = account(book)
    assert (counts["scored"], counts["annulled"], counts["ambiguous"]) == (1, 1, 2)
    assert counts["files"] == 4
    result = score_book(book)
    assert result["count"] == 1 and result["brier"] == pytest.approx(0.01)
    frame = forecast_frame(book)
    assert frame.set_index("question_id")["outcome"].to_dict()["c"] == "ambiguous"


def test_conditional_on_an_ambiguous_question_is_not_met() -> None:
    at = "2025-01-01T09:00:00Z"
    base = make("base", [("ann", 0.5, at)], outcome="ambiguous")
    cond = make("cond", [("ann", 0.7, at)], outcome="yes",
                condition={"id": "base", "outcome": "yes"})  # fmt: skip
    counts = account([base, cond])
    assert counts["ambiguous"] == 1 and counts["condition_not_met"] == 1


def test_resolve_ambiguous_from_the_cli(fb, book_dir: Path) -> None:
    assert fb("add", "Will it rain?", "--p", "0.6", "--id", "rain").exit_code == 0
    assert fb("add", "Will it snow?", "--p", "0.3", "--id", "snow").exit_code == 0
    result = fb("resolve", "rain", "ambiguous")
    assert result.exit_code == 0, result.output
    assert result.stdout == "rain: resolved ambiguous\n"
    assert fb("resolve", "snow", "annulled").exit_code == 0
    out = fb("score").stdout
    assert "Questions: 2 files: 0 scored, 0 open, 1 annulled, 1 ambiguous." in out
    data = json.loads(fb("score", "--json").stdout)
    assert data["accounting"]["ambiguous"] == 1 and data["accounting"]["annulled"] == 1
