"""Large books are parsed by forked helpers: same forecasts, same problems, in order, and a
helper that dies costs nothing but time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from forecastbook import store

GOOD = """\
id: {id}
question: Question {n}?
created: '2025-01-01'
predictions:
- at: '2025-01-01T00:00:00Z'
  by: ann
  p: 0.{p}
"""


@pytest.fixture
def big_book(book_dir: Path) -> Path:
    for n in range(120):
        name = f"q{n:03d}"
        (book_dir / f"{name}.yaml").write_text(GOOD.format(id=name, n=n, p=n % 9 + 1))
    (book_dir / "q050.yaml").write_text("id: q050\nquestion: [unclosed\n")
    (book_dir / "q051.yaml").write_text(GOOD.format(id="other", n=51, p=3))
    (book_dir / "q052.yaml").write_text(GOOD.format(id="q052", n=52, p=3) + "colour: red\n")
    (book_dir / "q053.yaml").write_bytes(b"id: q053\nquestion: caf\xe9\n")
    return book_dir


def described(loaded: store.Loaded) -> tuple[list[object], list[tuple[str, int | None, str]]]:
    return loaded.forecasts, [(p.path.name, p.line, p.message) for p in loaded.problems]


@pytest.fixture
def serial(big_book: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[object], list[object]]:
    monkeypatch.setattr(store, "PARALLEL_MIN", 10**9)
    return described(store.load_book(big_book, cache=False))


def test_helpers_give_what_one_process_gives(big_book: Path, serial, monkeypatch) -> None:
    monkeypatch.setattr(store, "PARALLEL_MIN", 10)
    monkeypatch.setattr(store, "_helper_count", lambda files: 3)
    calls = []
    loaded = store.load_book(big_book, cache=False, meanwhile=lambda: calls.append(1))
    assert described(loaded) == serial
    assert calls == [1]
    assert len(serial[0]) == 116
    assert [name for name, _, _ in serial[1]] == [
        "q050.yaml",
        "q051.yaml",
        "q052.yaml",
        "q053.yaml",
    ]


def test_a_helper_that_dies_is_replaced_by_the_parent(big_book: Path, serial, monkeypatch) -> None:
    monkeypatch.setattr(store, "PARALLEL_MIN", 10)
    monkeypatch.setattr(store, "_helper_count", lambda files: 2)
    parent = os.getpid()
    read_one = store._read_one
    read_here = []

    def dying(root: Path, name: str) -> object:
        if os.getpid() != parent and name >= "q060":
            os._exit(3)  # a helper crashing part-way through its chunks
        if os.getpid() == parent:
            read_here.append(name)
        return read_one(root, name)

    monkeypatch.setattr(store, "_read_one", dying)
    # The parent waits before it takes chunks, so the helpers take (and lose) some.
    loaded = store.load_book(big_book, cache=False, meanwhile=lambda: time.sleep(0.5))
    assert described(loaded) == serial
    assert "q060.yaml" in read_here


def test_small_books_are_read_in_process(big_book: Path, monkeypatch) -> None:
    monkeypatch.setattr(os, "fork", None)  # would fail if called
    calls = []
    loaded = store.load_book(big_book, cache=False, meanwhile=lambda: calls.append(1))
    assert len(loaded.forecasts) == 116
    assert calls == [1]


def test_no_helpers_while_threads_run(monkeypatch) -> None:
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert store._helper_count(10**6) == 0
