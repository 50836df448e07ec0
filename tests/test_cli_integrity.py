"""Data that must never be accepted or silently lost (issue "A fresh clone passes its tests").

Each test drives the CLI the way a user would and checks what the user gets: the exit code,
one line naming the file, field or argument, and files left as they were.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bookfiles import snapshot


def _one_line_error(result, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.fixture
def asked(fb, book_dir: Path) -> Path:
    result = fb("add", "Will it rain?", "--p", "0.4", "--id", "rain", "--created", "2025-06-01",
                "--at", "2025-06-01T10:00:00Z")  # fmt: skip
    assert result.exit_code == 0, result.output
    return book_dir


# 1. Nothing happens before the question was asked ------------------------------------------


def test_resolution_before_created_is_refused(fb, asked: Path) -> None:
    before = snapshot(asked)
    result = fb("resolve", "rain", "yes", "--at", "2020-01-01")
    _one_line_error(result, "--at", "2020-01-01", "created", "2025-06-01")
    assert snapshot(asked) == before


def test_prediction_before_created_is_refused(fb, asked: Path) -> None:
    before = snapshot(asked)
    _one_line_error(fb("update", "rain", "--p", "0.3", "--at", "2024-12-31"), "--at", "created")
    _one_line_error(
        fb("add", "Snow?", "--p", "0.1", "--created", "2025-06-01", "--at", "2025-05-01"),
        "--at",
        "created",
    )
    assert snapshot(asked) == before


def test_validate_reports_a_hand_written_resolution_before_created(fb, asked: Path) -> None:
    path = asked / "rain.yaml"
    path.write_text(
        path.read_text() + "resolution:\n  outcome: 'yes'\n  at: '2020-01-01T00:00:00Z'\n"
    )
    result = fb("validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:")
    assert "resolution.at" in result.stdout
    assert "before the question was created" in result.stdout


# 2. and 3. Every question is accounted for; unreadable files are not silently left out -----


@pytest.fixture
def mixed(fb, book_dir: Path) -> Path:
    """One of each: scored, open, annulled, condition not met, no forecast, draft, invalid."""
    at = ("--created", "2025-01-01", "--at", "2025-01-01T00:00:00Z")
    for ident in ("scored", "open", "annulled", "premise", "no-forecast"):
        args = ["--p", "0.7"] if ident != "no-forecast" else []
        result = fb("add", f"Question {ident}?", "--id", ident, *args, *at)
        assert result.exit_code == 0, result.output
    fb("add", "Only if?", "--id", "conditional", "--p", "0.6", "--condition", "premise=yes", *at)
    for ident, outcome in (("scored", "yes"), ("annulled", "annulled"), ("premise", "no"),
                           ("conditional", "yes"), ("no-forecast", "no")):  # fmt: skip
        result = fb("resolve", ident, outcome, "--at", "2025-03-01")
        assert result.exit_code == 0, result.output
    (book_dir / "draft.yaml").write_text(
        "id: draft\nquestion: A draft?\ncreated: 2025-01-01\ndraft: true\n"
    )
    return book_dir


def test_score_accounts_for_every_file(fb, mixed: Path) -> None:
    result = fb("score", "--json")
    assert result.exit_code == 0, result.output
    accounting = json.loads(result.stdout)["accounting"]
    assert accounting == {
        "scored": 2,  # scored and premise (resolved no, forecast 0.7)
        "open": 1,
        "annulled": 1,
        "ambiguous": 0,
        "condition_not_met": 1,
        "no_forecast": 1,
        "draft": 1,
        "after_as_of": 0,
        "invalid": 0,
        "files": 7,
    }
    assert accounting["files"] == len(list(mixed.glob("*.yaml")))
    text = fb("score").stdout
    assert "7 files: 2 scored, 1 open, 1 annulled, 1 condition not met" in text


def test_as_of_accounts_for_questions_not_yet_asked(fb, mixed: Path) -> None:
    fb("add", "Later?", "--id", "later", "--p", "0.5", "--created", "2025-05-01",
       "--at", "2025-05-01T00:00:00Z")  # fmt: skip
    result = fb("score", "--json", "--as-of", "2025-04-01")
    accounting = json.loads(result.stdout)["accounting"]
    assert accounting["after_as_of"] == 1
    assert accounting["files"] == 8


def test_unreadable_files_fail_score_and_report_naming_them(fb, mixed: Path, tmp_path) -> None:
    (mixed / "broken.yaml").write_text("id: broken\nquestion: [unclosed\n")
    (mixed / "other.yaml").write_text("- not a mapping\n")
    os.chdir(tmp_path)
    before = snapshot(mixed)
    for args in (["score"], ["score", "--json"], ["report"], ["export"]):
        result = fb(*args)
        _one_line_error(result, "2 files cannot be read", "broken.yaml", "other.yaml",
                        "--skip-invalid")  # fmt: skip
    assert not (tmp_path / "reports").exists()
    assert snapshot(mixed) == before


def test_skip_invalid_counts_and_names_the_files_left_out(fb, mixed: Path, tmp_path) -> None:
    (mixed / "broken.yaml").write_text("id: broken\nquestion: [unclosed\n")
    os.chdir(tmp_path)
    result = fb("score", "--json", "--skip-invalid")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["accounting"]["invalid"] == 1
    assert data["accounting"]["files"] == 8
    assert len(data["skipped"]) == 1 and "broken.yaml" in data["skipped"][0]
    assert "left out:" in fb("score", "--skip-invalid").stdout

    result = fb("report", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "1 file could not be read" in result.stderr  # also drawn on the figure
    summary = (tmp_path / "reports" / "summary.md").read_text()
    assert "## Files left out (1)" in summary
    assert "broken.yaml" in summary
    assert "8 files: 2 scored" in summary


# 4. --resolve-by and --horizon agree or are refused ----------------------------------------


def test_horizon_and_resolve_by_must_agree(fb, book_dir: Path) -> None:
    result = fb("add", "Q?", "--p", "0.5", "--created", "2026-01-01",
                "--resolve-by", "2027-06-01", "--horizon", "6-12 months")  # fmt: skip
    _one_line_error(result, "--horizon", "2027-01-01", "2027-06-01")
    assert list(book_dir.iterdir()) == []
    result = fb("add", "Q?", "--p", "0.5", "--created", "2026-01-01",
                "--resolve-by", "2027-01-01", "--horizon", "6-12 months")  # fmt: skip
    assert result.exit_code == 0, result.output
    result = fb("add", "R?", "--p", "0.5", "--created", "2026-01-01",
                "--resolve-by", "2027-03-01", "--horizon", "until the next election")  # fmt: skip
    assert result.exit_code == 0, result.output  # a label that is not a duration is kept
    assert "horizon: until the next election" in (book_dir / "r.yaml").read_text()


# 5. The same question twice ---------------------------------------------------------------


def test_same_question_text_is_refused_naming_the_existing_id(fb, asked: Path) -> None:
    before = snapshot(asked)
    _one_line_error(fb("add", "  will it  RAIN? ", "--p", "0.5"), "rain", "--force")
    assert snapshot(asked) == before
    result = fb("add", "Will it rain?", "--p", "0.5", "--force")
    assert (result.exit_code, result.stdout) == (0, "will-it-rain\n")


# 6. accept on a question that is not a draft ----------------------------------------------


def test_accept_says_when_a_question_is_not_a_draft(fb, asked: Path) -> None:
    before = snapshot(asked)
    result = fb("accept", "rain")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "rain: not a draft; nothing to accept\n"
    assert snapshot(asked) == before


# 7. Errors name the path the user gave ----------------------------------------------------


def test_export_error_names_the_users_path(fb, asked: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.csv"
    _one_line_error(fb("export", "-o", str(target)), str(target))
    assert ".tmp" not in fb("export", "-o", str(target)).stderr
    if Path("/proc/self").exists():
        result = fb("export", "-o", "/proc/x.csv")
        _one_line_error(result, "/proc/x.csv")
        assert ".tmp" not in result.stderr
