"""The bookkeeping commands end to end on a tmp_path book."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forecastbook.book.store import read_forecast
from forecastbook.cli import app


@pytest.fixture
def three(fb) -> None:
    """A book with three questions: open, due (past resolve-by) and resolved."""
    assert fb("add", "Will A happen?", "--p", "0.2", "--resolve-by", "2030-01-01",
              "--tag", "x", "--group", "g1", "--by", "ann").exit_code == 0  # fmt: skip
    assert fb("add", "Will B happen?", "--p", "60%", "--created", "2024-01-01",
              "--resolve-by", "2024-06-30", "--tag", "y", "--by", "bob").exit_code == 0  # fmt: skip
    assert fb("add", "Will C happen?", "--p", "90", "--created", "2024-01-01",
              "--resolve-by", "2024-12-31", "--tag", "x").exit_code == 0  # fmt: skip
    assert fb("resolve", "will-c", "no", "--evidence", "did not").exit_code == 0


def ids(result) -> list[str]:
    return [row["id"] for row in json.loads(result.stdout)]


def test_init_creates_folder(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "deep" / "book"
    result = runner.invoke(app, ["--book", str(target), "init"])
    assert result.exit_code == 0
    assert target.is_dir()


def test_book_from_environment(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FORECASTBOOK_BOOK", str(tmp_path))
    result = runner.invoke(app, ["add", "Env book?", "--p", "0.5", "--resolve-by", "2030-01-01"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "env-book.yaml").exists()


def test_list_filters(fb, three) -> None:
    assert ids(fb("list", "--json")) == ["will-a-happen", "will-b-happen", "will-c-happen"]
    assert ids(fb("list", "--json", "--open")) == ["will-a-happen", "will-b-happen"]
    assert ids(fb("list", "--json", "--resolved")) == ["will-c-happen"]
    assert ids(fb("list", "--json", "--due")) == ["will-b-happen"]
    assert ids(fb("list", "--json", "--tag", "x")) == ["will-a-happen", "will-c-happen"]
    assert ids(fb("list", "--json", "--by", "bob")) == ["will-b-happen"]
    assert ids(fb("list", "--json", "--group", "g1")) == ["will-a-happen"]
    assert ids(fb("list", "--json", "--tag", "x", "--open")) == ["will-a-happen"]


def test_list_table(fb, three) -> None:
    result = fb("list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "STATUS", "RESOLVE"]
    assert "will-b-happen" in lines[2] and "due" in lines[2] and "60%" in lines[2]
    assert "resolved: no" in lines[3]


def test_due(fb, three) -> None:
    assert ids(fb("due", "--json")) == ["will-b-happen"]
    assert "will-b-happen" in fb("due").stdout


def test_nothing_due(fb) -> None:
    assert fb("due").stdout == "Nothing is due.\n"


def test_show(fb, three) -> None:
    result = fb("show", "will-c")
    assert result.exit_code == 0
    assert "resolution: no" in result.stdout and "evidence: did not" in result.stdout
    data = json.loads(fb("show", "will-a", "--json").stdout)
    assert data["predictions"][0]["by"] == "ann"


def test_prefix_ambiguous_and_suggestions(fb, three) -> None:
    result = fb("show", "will")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: will: ambiguous id prefix")
    result = fb("show", "will-d-happen")
    assert result.exit_code == 1
    assert "did you mean" in result.stderr and "will-" in result.stderr
    assert result.stderr.count("\n") == 1


def test_add_options(fb, book_dir: Path) -> None:
    fb("add", "Base question", "--p", "0.5", "--id", "base", "--resolve-by", "2030-01-01")
    result = fb(
        "add", "Who wins the vote?", "--option", "left=40%", "--option", "right=0.6",
        "--horizon", "6-12 months", "--created", "2025-02-20", "--at", "2025-02-20",
        "--criteria", "Official result", "--source", "articles/x.txt", "--quote", "a quote",
        "--published", "20 February 2025", "--condition", "base=yes", "--by", "me",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    f = read_forecast(book_dir / "who-wins-the-vote.yaml")
    assert f.kind.value == "multiple_choice"
    assert f.options == ["left", "right"]
    assert f.resolve_by == date(2026, 2, 20)
    assert f.horizon == "6-12 months"
    assert f.source.published == date(2025, 2, 20)
    assert f.condition.id == "base"
    assert f.predictions[0].probabilities == {"left": 0.4, "right": 0.6}
    assert f.predictions[0].at.isoformat() == "2025-02-20T00:00:00+00:00"


def test_generated_ids_get_suffix(fb) -> None:
    assert fb("add", "Same?", "--p", "0.5").stdout == "same\n"
    assert fb("add", "Same?", "--p", "0.5", "--force").stdout == "same-2\n"


def test_multiple_forecasters_and_mc_update(fb, book_dir: Path) -> None:
    fb("add", "Pick", "--option", "a=0.5", "--option", "b=0.5", "--id", "pick")
    result = fb("update", "pick", "--option", "a=0.7", "--option", "b=30%", "--by", "zed")
    assert result.exit_code == 0, result.output
    f = read_forecast(book_dir / "pick.yaml")
    assert f.forecasters() == ["tester", "zed"]
    assert fb("resolve", "pick", "A").exit_code == 0  # case-insensitive option name
    assert read_forecast(book_dir / "pick.yaml").resolution.outcome == "a"


def test_correct_and_reopen_keep_history(fb, book_dir: Path) -> None:
    fb("add", "Q?", "--p", "0.5", "--id", "q")
    assert fb("resolve", "q", "yes", "--evidence", "first").exit_code == 0
    assert fb("resolve", "q", "no", "--correct", "--note", "misread").exit_code == 0
    assert fb("resolve", "q", "--reopen", "--note", "unclear").exit_code == 0
    f = read_forecast(book_dir / "q.yaml")
    assert f.resolution is None
    assert [(h.outcome, h.action) for h in f.resolution_history] == [
        ("yes", "corrected"),
        ("no", "reopened"),
    ]
    assert fb("update", "q", "--p", "0.4").exit_code == 0


def test_validate_reports_file_and_line(fb, book_dir: Path) -> None:
    fb("add", "Good?", "--p", "0.5", "--id", "good")
    (book_dir / "bad.yaml").write_text(
        "schema_version: 1\nid: bad\nquestion: Bad?\ncreated: 2025-01-01\n"
        "predictions:\n- at: 2025-01-01T00:00:00Z\n  by: a\n  p: 1.5\n"
    )
    (book_dir / "broken.yaml").write_text("id: broken\nquestion: [unclosed\n")
    (book_dir / "cond.yaml").write_text(
        "id: cond\nquestion: C?\ncreated: 2025-01-01\ncondition: {id: nothere, outcome: 'yes'}\n"
    )
    result = fb("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{book_dir / 'bad.yaml'}:8: predictions[0].p:")
    assert lines[1].startswith(f"{book_dir / 'broken.yaml'}:")
    assert "malformed YAML" in lines[1]
    assert lines[2].startswith(f"{book_dir / 'cond.yaml'}:4: condition.id: no question")
    listing = fb("list")
    assert listing.exit_code == 0
    assert "good" in listing.stdout
    assert "skipped" in listing.stderr and "broken.yaml" in listing.stderr


def test_schema_is_json_schema(fb) -> None:
    schema = json.loads(fb("schema").stdout)
    assert schema["type"] == "object"
    assert "predictions" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_every_command_has_help_and_docs(runner: CliRunner) -> None:
    import typer

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    commands = typer.main.get_command(app).commands
    assert {"init", "add", "update", "resolve", "list", "show", "due", "validate"} <= set(commands)
    for name, command in commands.items():
        assert command.help, name
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0, name
        assert f"forecastbook {name}" in readme, f"README has no entry for `{name}`"


def test_usage_errors_are_one_line(fb) -> None:
    result = fb("add")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Missing argument")
    assert result.stderr.count("\n") == 1


def test_readme_example_is_a_valid_entry(tmp_path: Path) -> None:
    import re

    from forecastbook.book.store import parse

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    block = re.search(r"```yaml\n(# Comments.*?)```", readme, re.S)[1]
    forecast = parse(block, tmp_path / "ukraine-ceasefire-by-feb-2026.yaml")
    assert forecast.resolution.outcome == "no"
    assert len(forecast.predictions) == 2


# -- issue 16, item 10: one rule for "the date of" a time: its UTC date ------------------------


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_created_is_the_utc_date_of_the_prediction(fb, book_dir: Path, monkeypatch, zone) -> None:
    import time

    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert fb("add", "Now?", "--p", "0.5", "--id", "now").exit_code == 0
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    forecast = read_forecast(book_dir / "now.yaml")
    from datetime import UTC

    assert forecast.created == forecast.predictions[0].at.astimezone(UTC).date()


def test_at_ahead_of_utc_counts_on_its_utc_day(fb, book_dir: Path) -> None:
    result = fb("add", "Ahead?", "--p", "0.5", "--id", "ahead", "--at", "2025-03-01T08:00:00+10:00")
    assert result.exit_code == 0, result.output
    assert read_forecast(book_dir / "ahead.yaml").created == date(2025, 2, 28)
    scored = json.loads(fb("score", "--json", "--as-of", "2025-02-28").stdout)
    assert scored["open"] == 1 and scored["accounting"]["after_as_of"] == 0
    refused = fb("update", "ahead", "--p", "0.6", "--at", "2025-02-28T09:00:00+10:00")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: --at: 2025-02-27 (UTC) is before ahead was created (2025-02-28)\n"
    )
