"""The book on disk (`forecastbook.book.store`): output files that are not regular files,
the size of what is written, symlinked question files, waiting for the lock, and imports
that are all or nothing (issue 16, items 1, 6, 7, 13, 14)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
import yaml

from bookfiles import snapshot
from forecastbook import Book
from forecastbook.book import index, store
from forecastbook.errors import BookLocked, ForecastbookError
from forecastbook.format.limits import MAX_FILE_BYTES

CSV = "id,question,probability\nrain,Rain?,0.7\nsnow,Snow?,0.2\n"


@pytest.fixture
def one(fb, book_dir: Path) -> Path:
    fb("add", "Rain?", "--p", "0.3", "--id", "rain", "--at", "2025-01-01")
    return book_dir


def _one_line_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    return str(result.stderr)


# -- item 1: outputs that are not regular files are written through, never replaced ---------


def test_export_through_a_symlink_keeps_the_link(fb, one: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = fb("export", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("id,question,")


def test_export_to_dev_null_and_its_links(fb, one: Path, tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    for out in ("/dev/null", str(link)):
        result = fb("export", "-o", out)
        assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert link.is_symlink()
    assert [n for n in os.listdir("/dev") if n.startswith(".null.")] == []


def test_export_into_a_pipe(fb, one: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = fb("export", "-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert got and got[0].startswith(b"id,question,")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == []  # no temp file


def test_export_dash_means_stdout(fb, one: Path) -> None:
    result = fb("export", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("id,question,")


def test_export_to_a_folder_is_one_line(fb, one: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    message = _one_line_error(fb("export", "-o", str(folder)))
    assert str(folder) in message
    assert list(folder.iterdir()) == []


def test_report_out_to_a_link_to_dev_null(fb, book_dir: Path, tmp_path: Path) -> None:
    fb("add", "Rain?", "--p", "0.3", "--id", "rain", "--at", "2025-01-01")
    fb("resolve", "rain", "yes", "--at", "2025-02-01")
    link = tmp_path / "figure.png"
    link.symlink_to("/dev/null")
    result = fb("report", "--out", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert tmp_path / "figure.md"  # named after the figure.read_text().startswith("#")


# -- item 7: nothing is written that the tool could not read back -----------------------------


def test_update_past_the_size_limit_is_refused(fb, book_dir: Path) -> None:
    path = book_dir / "big.yaml"
    note = "x" * (MAX_FILE_BYTES - 2_000)
    data = {
        "schema_version": 1,
        "id": "big",
        "question": "Big?",
        "created": "2025-01-01",
        "predictions": [{"at": "2025-01-02T00:00:00Z", "by": "a", "p": 0.5, "note": note}],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=10**9))
    before = snapshot(book_dir)
    assert fb("show", "big").exit_code == 0  # readable now
    message = _one_line_error(fb("update", "big", "--p", "0.6", "--note", "y" * 3_000))
    assert f"{path}: the file would be " in message and "nothing written" in message
    assert snapshot(book_dir) == before


def test_import_of_a_file_past_the_size_limit_is_refused(
    fb, book_dir: Path, tmp_path: Path
) -> None:
    note = "n" * 2_000
    rows = "".join(
        f"big,Big?,0.5,2025-01-01T00:{i // 60:02d}:{i % 60:02d}Z,{note}\n" for i in range(600)
    )
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("id,question,probability,at,note\n" + rows)
    message = _one_line_error(fb("import", str(csv_file)))
    assert "big.yaml: the file would be" in message
    assert snapshot(book_dir) == {}


# -- item 14: symlinked question files are not written through ---------------------------------


def test_update_of_a_symlinked_question_is_refused(fb, one: Path) -> None:
    target = one / "rain.yaml"
    link = one / "drizzle.yaml"
    text = target.read_text().replace("id: rain", "id: drizzle")
    real = one / "drizzle.txt"  # inside the book: reading follows it
    real.write_text(text)
    link.symlink_to(real)
    before = real.read_bytes()
    message = _one_line_error(fb("update", "drizzle", "--p", "0.5"))
    assert f"{link}: is a symlink" in message
    assert link.is_symlink() and real.read_bytes() == before
    inside = one / "alias.yaml"
    inside.symlink_to("rain.yaml")
    assert fb("show", "rain").exit_code == 0  # reading still follows links in the book


# -- item 13: a writer says who holds the lock, and --wait gives up -----------------------------


def test_wait_zero_names_the_holder_and_changes_nothing(fb, one: Path) -> None:
    before = snapshot(one)
    with store.locked(one):
        result = fb("--wait", "0", "update", "rain", "--p", "0.5")
    message = _one_line_error(result)
    assert f"the book is locked by process {os.getpid()} (forecastbook " in message
    assert "gave up after 0 s (--wait)" in message
    assert snapshot(one) == before


def test_a_waiting_writer_says_who_holds_the_lock_then_proceeds(
    one: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "LOCK_NOTICE_SECONDS", 0.0)
    holding, release = threading.Event(), threading.Event()
    said: list[str] = []

    def hold() -> None:
        with store.locked(one):
            holding.set()
            release.wait(60)

    def on_wait(message: str) -> None:
        said.append(message)
        release.set()  # the holder lets go once the waiter has spoken

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(60)
    forecast = Book(one, on_wait=on_wait).update("rain", p=0.5)
    holder.join(60)
    assert len(forecast.predictions) == 2
    assert len(said) == 1
    assert said[0].startswith(f"waiting for the lock on {one}, held by process {os.getpid()} ")


def test_book_wait_raises_book_locked(one: Path) -> None:
    with store.locked(one), pytest.raises(BookLocked, match="locked by process"):
        Book(one, wait=0).resolve("rain", "yes")


def test_holder_of_a_dead_process_is_not_named(one: Path) -> None:
    index.record_lock_holder(one)
    index._holder_path(one).write_text('{"pid": 999999999, "command": "forecastbook x"}')
    assert index.lock_holder(one) == "another process"
    assert oct(index._holder_path(one).stat().st_mode & 0o777) == "0o600"


# -- item 6: imports are all or nothing (the kill tests are in reliability/test_crash.py) --------


def test_staged_files_without_a_commit_are_removed(book_dir: Path) -> None:
    staging = book_dir / store.STAGING
    staging.mkdir()
    (staging / "a.yaml").write_text("id: a\n")
    store.load_book(book_dir)
    assert os.listdir(book_dir) == []


def test_committed_files_are_published_by_the_next_command(fb, book_dir: Path) -> None:
    fb("add", "Rain?", "--p", "0.3", "--id", "rain")
    staging = book_dir / store.STAGING
    staging.mkdir()
    text = (book_dir / "rain.yaml").read_text().replace("id: rain", "id: snow")
    (staging / "snow.yaml").write_text(text)
    (staging / "COMMIT").write_text('["snow.yaml", "../escape.yaml", "rain.yaml"]')
    result = fb("list")
    assert result.exit_code == 0
    assert sorted(os.listdir(book_dir)) == ["rain.yaml", "snow.yaml"]
    assert not (book_dir.parent / "escape.yaml").exists()


def test_failed_import_leaves_no_staging(fb, book_dir: Path, tmp_path: Path, monkeypatch) -> None:
    csv_file = tmp_path / "rows.csv"
    csv_file.write_text(CSV)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "atomic_write", full)
    message = _one_line_error(fb("import", str(csv_file)))
    assert "No space left on device" in message and "unchanged" in message
    assert os.listdir(book_dir) == []


def test_write_output_refuses_nothing_it_can_write(tmp_path: Path) -> None:
    store.write_output(tmp_path / "new.txt", b"a")
    store.write_output(tmp_path / "new.txt", b"b")
    assert (tmp_path / "new.txt").read_bytes() == b"b"
    with pytest.raises(ForecastbookError, match="is a folder"):
        store.write_output(tmp_path, b"c")
