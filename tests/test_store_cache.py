"""The parse cache: used when files are unchanged, refreshed when they change, and rebuilt
silently when damaged; it never writes into the book."""

import os
from pathlib import Path

import pytest

from forecastbook import store
from forecastbook.errors import InvalidForecastFile


@pytest.fixture
def two(fb, book_dir: Path) -> Path:
    fb("add", "First?", "--p", "0.2", "--id", "first")
    fb("add", "Second?", "--p", "0.7", "--id", "second")
    return book_dir


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed a file that the cache should have served")

    monkeypatch.setattr(store, "read_data", fail)


@pytest.mark.parametrize("load", ["forecasts", "summaries"])
def test_unchanged_files_come_from_the_cache(two: Path, monkeypatch, load: str) -> None:
    first = store.load_book(two) if load == "forecasts" else store.load_summaries(two)
    no_parsing(monkeypatch)
    again = store.load_book(two) if load == "forecasts" else store.load_summaries(two)
    assert again == first


def test_a_changed_file_is_parsed_again(two: Path, fb) -> None:
    store.load_book(two)
    assert fb("update", "first", "--p", "0.9").exit_code == 0
    [first] = [f for f in store.load_book(two).forecasts if f.id == "first"]
    assert first.latest().p == 0.9
    summaries, _ = store.load_summaries(two)
    assert [s.latest_text() for s in summaries] == ["90%", "70%"]


def test_removed_and_broken_files_are_not_served_from_the_cache(two: Path) -> None:
    store.load_book(two)
    (two / "second.yaml").unlink()
    text = (two / "first.yaml").read_text()
    (two / "first.yaml").write_text(text + "colour: red\n")
    loaded = store.load_book(two)
    assert loaded.forecasts == []
    assert [p.path.name for p in loaded.problems] == ["first.yaml"]
    assert isinstance(loaded.problems[0], InvalidForecastFile)


def test_damaged_cache_is_rebuilt_silently(two: Path) -> None:
    expected = store.load_book(two).forecasts
    caches = list(store.cache_dir().glob("book-*.pickle"))
    assert caches, "the cache was not written"
    for path in caches:
        path.write_bytes(b"\x80\x05garbage")
    assert store.load_book(two).forecasts == expected
    assert store.load_summaries(two)[0][0].id == "first"


def test_cache_lives_outside_the_book(two: Path) -> None:
    before = sorted(os.listdir(two))
    store.load_book(two)
    store.load_summaries(two)
    assert sorted(os.listdir(two)) == before
    assert not store.cache_dir().resolve().is_relative_to(two.resolve())
