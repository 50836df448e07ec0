"""Shared fixtures: an isolated cache, a fixed forecaster name, a fresh book, a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from bookfiles import snapshot  # noqa: F401 - re-exported for older imports
from forecastbook.cli import app

# CI runs the same examples every time (a landing must not depend on luck); a local run
# keeps exploring new random examples.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORECASTBOOK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("FORECASTBOOK_BY", "tester")
    monkeypatch.delenv("FORECASTBOOK_BOOK", raising=False)
    monkeypatch.delenv("FORECASTBOOK_WORDS", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")


@pytest.fixture
def book_dir(tmp_path: Path) -> Path:
    """An empty book folder."""
    root = tmp_path / "forecasts"
    root.mkdir()
    return root


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fb(runner: CliRunner, book_dir: Path) -> Callable[..., object]:
    """Run `forecastbook --book BOOK ARGS...` in-process; returns the typer Result."""

    def run(*args: str, book: Path | None = None) -> object:
        return runner.invoke(app, ["--book", str(book or book_dir), *args])

    return run
