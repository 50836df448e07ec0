"""Progress bars for long work (issue 15 item 6): on a terminal's stderr only, never in a
pipe or in --json output; the library reports (done, total) as it goes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from forecastbook import Book, cli

ROWS = 120


@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    path = tmp_path / "big.csv"
    lines = ["question,probability,created,at"]
    lines += [f"Question {i}?,0.3,2025-01-01,2025-01-02" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_import_and_load_report_progress(book_dir: Path, big_csv: Path) -> None:
    seen: list[tuple[int, int]] = []
    Book(book_dir).import_csv(big_csv, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, ROWS) for i in range(1, ROWS + 1)]
    for path in book_dir.iterdir():  # older than the file system's clock granularity,
        os.utime(path, (1e9, 1e9))  # so that the index may trust what it records
    seen.clear()
    Book(book_dir).load(progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (ROWS, ROWS) and len(seen) == ROWS  # nothing indexed yet
    seen.clear()
    Book(book_dir).load(progress=lambda d, t: seen.append((d, t)))
    assert seen == []  # all in the index now: nothing to parse, no bar


def test_no_bar_in_a_pipe(fb, big_csv: Path) -> None:
    result = fb("import", str(big_csv))
    assert result.exit_code == 0 and result.stderr == ""
    scored = fb("score")
    assert scored.exit_code == 0 and "\x1b" not in scored.output and scored.stderr == ""


def test_bar_on_a_terminal_but_never_with_json(
    fb, big_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_progress_wanted", lambda: True)
    drawn: list[tuple[str, int]] = []
    real = cli._progress

    def spy(label: str, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append((label, kwargs.get("enabled", True)))
        return real(label, **kwargs)

    monkeypatch.setattr(cli, "_progress", spy)
    assert fb("import", str(big_csv)).exit_code == 0
    result = fb("score", "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout is the JSON and only the JSON
    assert drawn == [("Writing questions", True), ("Reading the book", False)]
    assert fb("score").exit_code == 0
    assert drawn[-1] == ("Reading the book", True)
