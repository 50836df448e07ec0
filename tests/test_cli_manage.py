"""Managing questions (issue 15 item 2): edit, $EDITOR, tag/untag, delete, rename, list --search.

Every rewrite keeps the comments a user wrote in the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bookfiles import snapshot
from forecastbook.book.store import read_forecast


@pytest.fixture
def two(fb, book_dir: Path) -> Path:
    """Two questions, the second conditional on the first; a comment in the first."""
    assert fb("add", "Will A happen?", "--p", "0.3", "--id", "a", "--tag", "x",
              "--created", "2025-01-01", "--resolve-by", "2030-01-01").exit_code == 0  # fmt: skip
    assert fb("add", "Will B happen?", "--p", "0.2", "--id", "b",
              "--condition", "a=yes").exit_code == 0  # fmt: skip
    path = book_dir / "a.yaml"
    path.write_text("# why I asked: see the memo\n" + path.read_text() + "# trailing note\n")
    return book_dir


def _comments(path: Path) -> list[str]:
    return [line for line in path.read_text().splitlines() if line.startswith("#")]


COMMENTS = ["# why I asked: see the memo", "# trailing note"]


def test_edit_fields_keeps_comments(fb, two: Path) -> None:
    result = fb("edit", "a", "--question", "Will A happen by 2030?", "--criteria", "Per Reuters",
                "--resolve-by", "31 Dec 2029", "--group", "g",
                "--tag", "y", "--untag", "x")  # fmt: skip
    assert result.exit_code == 0, result.output
    f = read_forecast(two / "a.yaml")
    assert (f.question, f.criteria, str(f.resolve_by), f.group, f.tags) == (
        "Will A happen by 2030?", "Per Reuters", "2029-12-31", "g", ["y"])  # fmt: skip
    assert _comments(two / "a.yaml") == COMMENTS
    assert fb("edit", "a", "--group", "", "--criteria", "").exit_code == 0
    f = read_forecast(two / "a.yaml")
    assert f.group is None and f.criteria is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--question", " "], "--question"),
        (["--resolve-by", "2020-01-01"], "resolve_by"),
        (["--resolve-by", "soon"], "soon"),
        (["--untag", "nope"], "no tag 'nope'"),
    ],
)
def test_bad_edit_changes_nothing(fb, two: Path, args: list[str], words: str) -> None:
    before = snapshot(two)
    result = fb("edit", "a", *args)
    assert result.exit_code in (1, 2)
    assert words in result.stderr and result.stderr.startswith("Error:")
    assert snapshot(two) == before


def _editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    """Set $EDITOR to a script that replaces `old` by `new` in the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text().replace({old!r}, {new!r}))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)


def test_edit_in_editor_saves_a_valid_file(fb, two: Path, tmp_path: Path, monkeypatch) -> None:
    _editor(tmp_path, monkeypatch, "Will A happen?", "Will A happen soon?")
    result = fb("edit", "a")
    assert result.exit_code == 0, result.output
    assert read_forecast(two / "a.yaml").question == "Will A happen soon?"
    assert _comments(two / "a.yaml") == COMMENTS


def test_edit_in_editor_keeps_the_old_file_when_invalid(
    runner, two: Path, tmp_path: Path, monkeypatch
) -> None:
    from forecastbook.cli import app

    _editor(tmp_path, monkeypatch, "p: 0.3", "p: 30%")
    before = snapshot(two)
    result = runner.invoke(app, ["--book", str(two), "edit", "a"], input="n\n")
    assert result.exit_code == 1
    assert "a.yaml" in result.stderr and "Edit again?" in result.stderr
    assert snapshot(two) == before
    # Changing the id by hand is refused too: that is `rename`.
    _editor(tmp_path, monkeypatch, "id: a", "id: z")
    assert runner.invoke(app, ["--book", str(two), "edit", "a"], input="n\n").exit_code == 1
    assert snapshot(two) == before


def test_editor_that_changes_nothing(fb, two: Path, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "true")
    before = snapshot(two)
    result = fb("edit", "a")
    assert result.exit_code == 0 and "unchanged" in result.stderr
    assert snapshot(two) == before


def test_tag_and_untag(fb, two: Path) -> None:
    assert fb("tag", "a", "y", "z", "x").exit_code == 0
    assert read_forecast(two / "a.yaml").tags == ["x", "y", "z"]
    assert fb("untag", "a", "x", "z").exit_code == 0
    assert read_forecast(two / "a.yaml").tags == ["y"]
    assert _comments(two / "a.yaml") == COMMENTS
    result = fb("untag", "a", "x")
    assert result.exit_code == 1 and "no tag 'x'" in result.stderr


def test_delete_asks_and_refuses_what_a_condition_needs(runner, fb, two: Path) -> None:
    from forecastbook.cli import app

    before = snapshot(two)
    result = fb("delete", "a", "--yes")
    assert result.exit_code == 1 and "condition of b" in result.stderr
    assert snapshot(two) == before
    no = runner.invoke(app, ["--book", str(two), "delete", "b"], input="n\n")
    assert no.exit_code == 1 and snapshot(two) == before
    yes = runner.invoke(app, ["--book", str(two), "delete", "b"], input="y\n")
    assert yes.exit_code == 0 and not (two / "b.yaml").exists()
    assert fb("delete", "a", "-y").exit_code == 0
    assert snapshot(two) == {}


def test_delete_an_unreadable_file(fb, two: Path) -> None:
    (two / "broken.yaml").write_bytes(b"id: broken\nquestion: \xff\n")  # not even UTF-8
    assert fb("delete", "broken", "--yes").exit_code == 0
    assert not (two / "broken.yaml").exists()


def test_rename_repoints_conditions(fb, two: Path) -> None:
    result = fb("rename", "a", "a-2030")
    assert result.exit_code == 0, result.output
    assert "b: condition now names a-2030" in result.stdout
    assert not (two / "a.yaml").exists()
    assert read_forecast(two / "a-2030.yaml").id == "a-2030"
    assert read_forecast(two / "b.yaml").condition.id == "a-2030"
    assert _comments(two / "a-2030.yaml") == COMMENTS
    assert fb("validate").exit_code == 0


@pytest.mark.parametrize(("new", "words"), [("b", "already exists"), ("Bad Id", "not a valid id")])
def test_rename_refusals(fb, two: Path, new: str, words: str) -> None:
    before = snapshot(two)
    result = fb("rename", "a", new)
    assert result.exit_code == 1 and words in result.stderr
    assert snapshot(two) == before


def test_list_search(fb, two: Path) -> None:
    assert fb("add", "Will Ukraïne join NATO?", "--p", "0.1", "--group", "nato-2030").exit_code == 0

    def found(text: str) -> list[str]:
        return [r["id"] for r in json.loads(fb("list", "--search", text, "--json").stdout)]

    assert found("ukraine") == ["will-ukraine-join-nato"]
    assert found("NATO join") == ["will-ukraine-join-nato"]
    assert found("happen") == ["a", "b"]
    assert found("x") == ["a"]  # a tag
    assert found("happen nato") == []
