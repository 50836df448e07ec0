"""What a command-line user expects (issue 15 item 1): help, --version, --book anywhere,
readable metavars, and tab completion through the generated completion's entry point."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from forecastbook import __version__
from forecastbook.cli import app


def test_bare_command_prints_help_and_succeeds(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage:") and "Commands:" in result.stdout
    assert result.stderr == ""


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"forecastbook {__version__}\n"


def test_book_before_or_after_the_command(runner: CliRunner, book_dir: Path) -> None:
    add = ["add", "Will it?", "--p", "0.4", "--id", "w"]
    assert runner.invoke(app, [*add, "--book", str(book_dir)]).exit_code == 0
    assert (book_dir / "w.yaml").exists()
    after = runner.invoke(app, ["--book", "/nonexistent", "list", "--book", str(book_dir)])
    assert after.exit_code == 0 and after.stdout.splitlines()[1].startswith("w ")


def test_help_shows_what_to_type_not_python_types(runner: CliRunner) -> None:
    from forecastbook.cli import _OneLineErrors

    group = _OneLineErrors  # noqa: F841 - the commands' help is built by it
    for command in ("add", "score", "report", "export", "edit", "list", "import"):
        text = runner.invoke(app, [command, "--help"]).stdout
        assert not re.search(r"<\w[^>]*>", text), (command, text)
        assert "--book DIR" in text
    assert "--by forecaster|tag|group" in runner.invoke(app, ["report", "--help"]).stdout


def _complete(runner: CliRunner, words: str, cword: int, book: Path) -> list[str]:
    """Run the bash completion's entry point, as the script from --show-completion does."""
    env = {
        "_FORECASTBOOK_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "FORECASTBOOK_BOOK": str(book),
    }
    result = runner.invoke(app, [], env=env, prog_name="forecastbook")
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_completion_script_is_generated(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["--show-completion", "bash"], prog_name="forecastbook", env={"SHELL": "/bin/bash"}
    )
    assert result.exit_code == 0, result.output
    assert "_FORECASTBOOK_COMPLETE=complete_bash" in result.stdout


def test_completion_of_commands_ids_and_choices(fb, runner: CliRunner, book_dir: Path) -> None:
    for ident in ("ukraine-ceasefire", "ukraine-nato", "eu-sanctions"):
        assert fb("add", f"Will {ident}?", "--p", "0.5", "--id", ident).exit_code == 0
    assert _complete(runner, "forecastbook re", 1, book_dir) == ["resolve", "rename", "report"]
    assert _complete(runner, "forecastbook show ukr", 2, book_dir) == [
        "ukraine-ceasefire",
        "ukraine-nato",
    ]
    assert _complete(runner, "forecastbook resolve e", 2, book_dir) == ["eu-sanctions"]
    assert _complete(runner, "forecastbook score --by fo", 3, book_dir) == ["forecaster"]
    assert _complete(runner, "forecastbook export --format ", 3, book_dir) == ["csv", "json"]


@pytest.mark.parametrize("args", [["list"], ["--help"], ["score"]])
def test_no_colour_codes_in_output(fb, args: list[str]) -> None:
    assert fb("add", "Will it?", "--p", "0.4").exit_code == 0
    result = fb(*args)
    assert "\x1b" not in result.output
