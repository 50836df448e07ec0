"""Issue 2's "bad input: a clear error, nothing lost" matrix, driven through the CLI.

Every case: one line on stderr naming the file, field or argument; a non-zero exit; no
traceback; and every file in the book byte-for-byte as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bookfiles import snapshot
from forecastbook.book import store
from forecastbook.cli import app

HAND_WRITTEN = """\
# Hand-written question: keep these notes!
# (second line of the header)
id: hand
question: Will the hand-written file keep its comments?  # inline comment on question
created: 2024-01-01
criteria: >-
  Resolves yes if every comment
  is still there.
# a comment before the predictions
predictions:
  - at: 2024-01-02T10:00:00+00:00   # first prediction
    by: alice
    p: 0.4
    note: a first guess
tags: [memory, files]   # tags in flow style, after predictions on purpose
group: hand-group
# trailing comment at the end of the file
"""


@pytest.fixture
def book(fb: Callable[..., Any], book_dir: Path) -> Path:
    """A book with an open binary, an open multiple-choice and a resolved question."""
    for args in (
        ("Will it rain tomorrow?", "--id", "rain", "--p", "0.3"),
        ("Who wins?", "--id", "who", "--option", "red=0.5", "--option", "blue=0.5"),
        ("Did it snow?", "--id", "snow", "--p", "0.2"),
    ):
        result = fb("add", *args)
        assert result.exit_code == 0, result.output
    result = fb("resolve", "snow", "no")
    assert result.exit_code == 0, result.output
    (book_dir / "hand.yaml").write_text(HAND_WRITTEN)
    return book_dir


def assert_refused(
    runner: CliRunner, root: Path, args: list[str], *names: str, code: int | None = None
) -> str:
    """Run `args`; assert a one-line error naming `names`, no traceback, nothing changed."""
    before = snapshot(root.parent)
    mtimes = {p: p.stat().st_mtime_ns for p in root.iterdir()}
    result = runner.invoke(app, ["--book", str(root), *args])
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines
    for name in names:
        assert name in lines[0], (name, lines[0])
    assert snapshot(root.parent) == before
    assert {p: p.stat().st_mtime_ns for p in root.iterdir()} == mtimes
    return lines[0]


# -- probabilities -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1.5", "-0.1", "101", "150%", "-5%", "abc", "nan", "inf", ""])
@pytest.mark.parametrize("command", ["add", "update"])
def test_probability_out_of_range_or_not_a_number(
    runner: CliRunner, book: Path, command: str, value: str
) -> None:
    args = ["add", "A new question?", "--p", value] if command == "add" else ["update", "rain"]
    if command == "update":
        args += ["--p", value]
    line = assert_refused(runner, book, args, "--p")
    assert repr(value) in line


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        (["red=0.5", "blue=0.4"], "sum to 0.9"),
        (["red=0.6", "blue=0.6"], "sum to 1.2"),
        (["red=1"], "missing option(s): blue"),
        (["red=0.5", "blue=0.5", "green=0"], "unknown option(s): green"),
        (["red=0.5", "red=0.5"], "named twice"),
        (["red=lots", "blue=0.5"], "'lots' is not a probability"),
        (["red=2.5", "blue=0.5"], "outside [0, 1]"),
        (["=0.5", "blue=0.5"], "not NAME=PROBABILITY"),
    ],
)
def test_multiple_choice_probabilities(
    runner: CliRunner, book: Path, options: list[str], fragment: str
) -> None:
    args = ["update", "who"]
    for option in options:
        args += ["--option", option]
    line = assert_refused(runner, book, args, "--option", fragment)
    assert line.count("\n") == 0


def test_multiple_choice_add_that_does_not_sum(runner: CliRunner, book: Path) -> None:
    args = ["add", "Which?", "--option", "a=0.5", "--option", "b=0.4"]
    assert_refused(runner, book, args, "--option", "sum to 0.9")


def test_binary_prediction_on_multiple_choice(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["update", "who", "--p", "0.5"], "probabilities")
    assert_refused(runner, book, ["update", "rain", "--option", "a=1"], "--p")


def test_update_needs_exactly_one_kind_of_probability(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["update", "rain"], "--p")
    assert_refused(runner, book, ["update", "rain", "--p", "0.5", "--option", "a=1"], "--p")


# -- outcomes and resolution state -------------------------------------------------------------


def test_outcome_not_an_option(runner: CliRunner, book: Path) -> None:
    line = assert_refused(runner, book, ["resolve", "who", "green"], "OUTCOME", "'green'")
    assert "red, blue, annulled" in line
    assert_refused(runner, book, ["resolve", "rain", "maybe"], "OUTCOME", "'maybe'")


def test_resolving_a_resolved_question_needs_correct(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["resolve", "snow", "yes"], "snow", "--correct")


def test_correcting_an_open_question(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["resolve", "rain", "yes", "--correct"], "rain", "--correct")


def test_reopening_an_open_question(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["resolve", "rain", "--reopen"], "rain", "not resolved")


def test_updating_a_resolved_question(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["update", "snow", "--p", "0.5"], "snow", "already resolved")


def test_unknown_question(runner: CliRunner, book: Path) -> None:
    line = assert_refused(runner, book, ["update", "rian", "--p", "0.5"], "rian")
    assert "did you mean rain" in line


def test_future_timestamp(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["update", "rain", "--p", "0.5", "--at", "2999-01-01"], "--at")


# -- ids ---------------------------------------------------------------------------------------


def test_duplicate_id(runner: CliRunner, book: Path) -> None:
    assert_refused(runner, book, ["add", "Again?", "--id", "rain", "--p", "0.5"], "--id", "rain")


@pytest.mark.parametrize(
    "bad_id",
    ["a/b", "..", "../escape", "/etc/passwd", "Rain", "with space", "-dash", "x" * 65, "é", ".x"],
)
def test_non_slug_ids_are_refused(runner: CliRunner, book: Path, bad_id: str) -> None:
    assert_refused(runner, book, ["add", "Q?", "--id", bad_id, "--p", "0.5"], "--id")
    assert not (book.parent / "escape.yaml").exists()


@pytest.mark.parametrize("bad_id", ["a/b", "../escape", "/etc/passwd", "..", "hand/../rain"])
@pytest.mark.parametrize("command", ["show", "update", "resolve"])
def test_non_slug_ids_in_lookups(runner: CliRunner, book: Path, command: str, bad_id: str) -> None:
    args = {
        "show": ["show", bad_id],
        "update": ["update", bad_id, "--p", "0.5"],
        "resolve": ["resolve", bad_id, "yes"],
    }[command]
    assert_refused(runner, book, args, "ID")


# -- files in the book -------------------------------------------------------------------------


def test_malformed_yaml_is_reported_with_file_and_line(
    runner: CliRunner, book: Path, fb: Callable[..., Any]
) -> None:
    (book / "broken.yaml").write_text("id: broken\nquestion: [unclosed\ncreated: 2024-01-01\n")
    before = snapshot(book)
    result = fb("validate")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    problems = [line for line in result.stdout.splitlines() if "broken.yaml" in line]
    assert len(problems) == 1
    assert problems[0].startswith(f"{book / 'broken.yaml'}:3: malformed YAML")
    assert "4 valid question(s)" in result.stderr

    result = fb("list")
    assert result.exit_code == 0, result.output
    assert f"skipped {book / 'broken.yaml'}:3: malformed YAML" in result.stderr
    for forecast_id in ("rain", "who", "snow", "hand"):
        assert forecast_id in result.stdout
    assert snapshot(book) == before

    line = assert_refused(runner, book, ["show", "broken"], "broken.yaml:3")
    assert "malformed YAML" in line
    assert_refused(runner, book, ["update", "broken", "--p", "0.5"], "broken.yaml:3")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("!!python/object/apply:os.system ['echo hacked']\n", "YAML tag not allowed"),
        ("id: tagged\nquestion: !!python/name:os.system\ncreated: 2024-01-01\n", "tag"),
        ("id: tagged\nquestion: !!python/object:object {}\ncreated: 2024-01-01\n", "tag"),
        ("id: tagged\nquestion: !custom x\ncreated: 2024-01-01\n", "tag"),
    ],
)
def test_yaml_tags_that_construct_objects(
    runner: CliRunner, book: Path, fb: Callable[..., Any], text: str, fragment: str
) -> None:
    (book / "tagged.yaml").write_text(text)
    result = fb("validate")
    assert result.exit_code == 1
    assert f"{book / 'tagged.yaml'}:" in result.stdout
    assert fragment in result.stdout
    assert "hacked" not in result.output
    assert_refused(runner, book, ["show", "tagged"], "tagged.yaml", fragment)


def test_unknown_field_is_named(runner: CliRunner, book: Path, fb: Callable[..., Any]) -> None:
    text = (book / "rain.yaml").read_text() + "colour: blue\n"
    (book / "rain.yaml").write_text(text)
    result = fb("validate")
    assert result.exit_code == 1
    line = f"{book / 'rain.yaml'}:{len(text.splitlines())}: colour: unknown field"
    assert line in result.stdout.splitlines()
    assert_refused(runner, book, ["update", "rain", "--p", "0.5"], "colour", "unknown field")


def test_unknown_nested_field_is_named(runner: CliRunner, book: Path) -> None:
    text = (book / "rain.yaml").read_text().replace("  p: 0.3\n", "  p: 0.3\n  confidence: 9\n")
    (book / "rain.yaml").write_text(text)
    assert_refused(
        runner, book, ["resolve", "rain", "yes"], "rain.yaml", "predictions[0].confidence"
    )


def test_invalid_probability_in_a_file(runner: CliRunner, book: Path) -> None:
    text = (book / "rain.yaml").read_text().replace("p: 0.3", "p: 1.3")
    (book / "rain.yaml").write_text(text)
    assert_refused(runner, book, ["show", "rain"], "rain.yaml", "predictions[0].p")


def test_file_whose_id_disagrees_with_its_name(runner: CliRunner, book: Path) -> None:
    text = (book / "rain.yaml").read_text().replace("id: rain", "id: drizzle")
    (book / "rain.yaml").write_text(text)
    assert_refused(runner, book, ["update", "rain", "--p", "0.5"], "rain.yaml:2", "id")


def test_missing_book_folder(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for args in (["list"], ["add", "Q?", "--p", "0.5"], ["update", "x", "--p", "0.5"]):
        result = runner.invoke(app, ["--book", str(missing), *args])
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"Error: {missing}: no such book folder (create it with `forecastbook init`)"
        ]
    assert not missing.exists()


# -- certainty ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["0", "1", "0%", "100%"])
def test_certain_probabilities_are_accepted_with_a_warning(
    fb: Callable[..., Any], book: Path, value: str
) -> None:
    result = fb("update", "rain", "--p", value)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: a probability of 0 or 1")
    assert "infinite" in result.stderr
    result = fb("add", "Sure thing?", "--p", value)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr
    assert fb("validate").exit_code == 0


def test_no_warning_for_ordinary_probabilities(fb: Callable[..., Any], book: Path) -> None:
    result = fb("update", "rain", "--p", "0.99")
    assert result.exit_code == 0
    assert result.stderr == ""


# -- comments and key order survive rewrites ---------------------------------------------------


def _comments(text: str) -> list[str]:
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


def _top_keys(text: str) -> list[str]:
    return [
        line.split(":", 1)[0]
        for line in text.splitlines()
        if line and not line[0].isspace() and not line.startswith(("#", "-"))
    ]


def test_comments_and_key_order_survive_every_rewrite(fb: Callable[..., Any], book: Path) -> None:
    path = book / "hand.yaml"
    original_comments = _comments(HAND_WRITTEN)
    original_keys = _top_keys(HAND_WRITTEN)
    steps = [
        ("update", "hand", "--p", "0.55", "--note", "second thoughts"),
        ("resolve", "hand", "yes", "--evidence", "all there"),
        ("resolve", "hand", "no", "--correct", "--note", "misread"),
        ("resolve", "hand", "--reopen", "--note", "not over yet"),
        ("update", "hand", "--p", "0.6"),
        ("resolve", "hand", "yes"),
    ]
    for step in steps:
        result = fb(*step)
        assert result.exit_code == 0, (step, result.output)
        text = path.read_text()
        assert text.startswith("# Hand-written question: keep these notes!\n# (second line")
        assert _comments(text) == original_comments, step
        keys = _top_keys(text)
        assert [k for k in keys if k in original_keys] == original_keys, step
        # The user's own lines are untouched, byte for byte.
        for line in HAND_WRITTEN.splitlines():
            assert line in text.splitlines(), (step, line)
        # The tool adds no keys the file left out as defaults.
        assert "kind:" not in text
        assert "schema_version:" not in text
    forecast = store.read_forecast(path, book)
    assert [p.p for p in forecast.predictions] == [0.4, 0.55, 0.6]
    assert forecast.resolution is not None
    assert forecast.resolution.outcome == "yes"
    assert [r.action for r in forecast.resolution_history] == ["corrected", "reopened"]
    assert fb("validate").exit_code == 0


def test_indented_sequences_keep_their_style(fb: Callable[..., Any], book: Path) -> None:
    result = fb("update", "hand", "--p", "0.7")
    assert result.exit_code == 0, result.output
    text = (book / "hand.yaml").read_text()
    assert "  - at: 2024-01-02T10:00:00+00:00   # first prediction\n" in text
    appended = text.split("note: a first guess\n", 1)[1]
    assert appended.startswith("  - at: '")
    assert "\n    by: tester\n    p: 0.7\n" in appended


def test_tool_written_files_keep_their_style(fb: Callable[..., Any], book: Path) -> None:
    before = (book / "rain.yaml").read_text()
    assert fb("update", "rain", "--p", "0.4").exit_code == 0
    after = (book / "rain.yaml").read_text()
    assert after.startswith(before)
    assert after[len(before) :].startswith("- at: '")


@pytest.mark.parametrize("outcome", ["yes", "no"])
def test_yes_no_outcomes_stay_strings(fb: Callable[..., Any], book: Path, outcome: str) -> None:
    # ruamel writes YAML 1.2, where a bare `yes` is a string; PyYAML (1.1) reads a bool.
    assert fb("resolve", "hand", outcome).exit_code == 0
    assert f"outcome: '{outcome}'" in (book / "hand.yaml").read_text()
    assert "# inline comment on question" in (book / "hand.yaml").read_text()


def test_option_names_that_look_like_other_types_round_trip(
    fb: Callable[..., Any], book: Path
) -> None:
    options = []
    for name in ("yes", "null", "1.5", "2024-01-01", "on"):
        options += ["--option", f"{name}=0.2"]
    assert fb("add", "Odd options?", "--id", "odd", *options).exit_code == 0
    path = book / "odd.yaml"
    path.write_text("# my notes\n" + path.read_text())
    result = fb("update", "odd", *options)
    assert result.exit_code == 0, result.output
    assert fb("resolve", "odd", "2024-01-01").exit_code == 0
    text = path.read_text()
    assert text.startswith("# my notes\n")
    forecast = store.read_forecast(path, book)
    assert forecast.resolution is not None
    assert forecast.resolution.outcome == "2024-01-01"
    assert len(forecast.predictions) == 2


def test_tiny_probabilities_stay_numbers(fb: Callable[..., Any], book: Path) -> None:
    assert fb("update", "hand", "--p", "0.0000001").exit_code == 0
    text = (book / "hand.yaml").read_text()
    assert "p: 1.0e-07" in text
    assert store.read_forecast(book / "hand.yaml", book).predictions[-1].p == 1e-07


# -- unchanged content is not rewritten --------------------------------------------------------


def test_unchanged_file_is_not_rewritten(fb: Callable[..., Any], book: Path) -> None:
    path = book / "hand.yaml"
    old = os.stat(path)
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns - 10_000_000_000))
    before = os.stat(path)
    result = fb("accept", "hand")  # not a draft: nothing to change
    assert result.exit_code == 0, result.output
    store.edit(book, "hand", lambda forecast: forecast)
    store.edit(book, "hand", lambda forecast: forecast.model_copy())
    after = os.stat(path)
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert path.read_text() == HAND_WRITTEN
    assert sorted(os.listdir(book)) == ["hand.yaml", "rain.yaml", "snow.yaml", "who.yaml"]


@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("id: odd\nquestion: bell \x07 here\ncreated: 2024-01-01\n", ":2:", "control characters"),
        ("id: odd\nquestion: Q\ncreated: 2024-02-30\n", ":3:", "day is out of range"),
        ("id: odd\nquestion: Q\ncreated: 0000-00-00\n", ":3:", "year 0 is out of range"),
        ("id: odd\nquestion: Q\nschema_version: " + "9" * 5000 + "\n", ":3:", "4300 digits"),
        ("id: odd\nquestion: " + "[" * 70 + "]" * 70 + "\n" + "#" * 1000 + "-" * 1000, ":2:",
         "nested more than 64"),
    ],
)  # fmt: skip
def test_yaml_that_parses_but_cannot_be_built(
    runner: CliRunner, book: Path, fb: Callable[..., Any], text: str, where: str, fragment: str
) -> None:
    (book / "odd.yaml").write_text(text)
    result = fb("validate")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "odd.yaml" in line)
    assert line.startswith(f"{book / 'odd.yaml'}{where} malformed YAML: "), line
    assert fragment in line
    assert_refused(runner, book, ["update", "odd", "--p", "0.5"], f"odd.yaml{where}", fragment)


@pytest.mark.parametrize(
    "written", ["9.803411525686941e-304", "5e-324", "1e-7", "0.30000000000000004"]
)
def test_floats_are_kept_as_written(fb: Callable[..., Any], book: Path, written: str) -> None:
    # ruamel re-formats some floats it reads (5e-324 became 4e-324); the round-trip check
    # then fell back to rewriting the file without the user's comments.
    path = book / "hand.yaml"
    path.write_text(HAND_WRITTEN.replace("    p: 0.4\n", f"    p: {written}  # tiny\n"))
    assert fb("update", "hand", "--p", "0.5").exit_code == 0
    text = path.read_text()
    assert f"    p: {written}  # tiny\n" in text
    assert "# trailing comment at the end of the file" in text
