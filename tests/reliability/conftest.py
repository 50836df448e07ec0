"""Fixtures for the reliability suite."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """An empty book folder inside a sandbox folder (so "outside the book" is checkable)."""
    root = tmp_path / "sandbox" / "forecasts"
    root.mkdir(parents=True)
    return root
