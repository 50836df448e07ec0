"""Many real `forecastbook` processes writing one book at once lose nothing (issues 2 and 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from procs import console_script, finish, module_command, run, start

from deep import DEEP, sized
from forecastbook.book import store

pytestmark = pytest.mark.timeout(600)


def _adds_and_updates(book: Path, adders: int, updaters: int) -> None:
    code, out, err = run(console_script(), book, "add", "Shared target?", "--id", "target",
                         "--p", "0.5")  # fmt: skip
    assert code == 0, err
    procs = []
    for i in range(max(adders, updaters)):
        if i < adders:
            # Half reuse one question text, so their generated ids collide and must be
            # made unique under the lock; half give explicit ids.
            args = (
                ["add", "Same question?", "--force"]
                if i % 2
                else ["add", f"Q {i}?", "--id", f"q-{i}"]
            )
            procs.append(start(console_script(), book, *args, "--p", "0.25", "--by", f"a{i}"))
        if i < updaters:
            p = f"{(i % 98) + 1}%"
            procs.append(start(module_command(), book, "update", "target", "--p", p,
                               "--by", f"u{i}", "--note", f"writer {i}"))  # fmt: skip
    results = finish(procs, timeout=400)
    failures = [(code, err) for code, _, err in results if code != 0]
    assert failures == []

    loaded = store.load_book(book)
    assert loaded.problems == []
    ids = {f.id for f in loaded.forecasts}
    explicit = {f"q-{i}" for i in range(0, adders, 2)}
    generated = {i for i in ids if i.startswith("same-question")}
    assert explicit <= ids
    assert len(generated) == adders // 2
    assert len(ids) == adders + 1
    printed = {out.strip() for _, out, _ in results if out.strip() and ":" not in out}
    assert printed == explicit | generated  # each add printed the id it really got

    target = next(f for f in loaded.forecasts if f.id == "target")
    notes = sorted(p.note for p in target.predictions if p.note)
    assert notes == sorted(f"writer {i}" for i in range(updaters))
    assert len(target.predictions) == updaters + 1
    assert sorted(n for n in os.listdir(book) if n.startswith(".")) == []  # no temp files
    code, out, _ = run(console_script(), book, "validate")
    assert code == 0
    assert out == f"ok: {adders + 1} question(s) valid\n"


def test_adds_and_updates_at_once(book: Path) -> None:
    """Issue 2: 12 `add`s leave 12 valid files; 12 `update`s of one question leave 12
    (20 each in a deep run)."""
    n = sized(12, 20)
    _adds_and_updates(book, adders=n, updaters=n)


@pytest.mark.skipif(not DEEP, reason="deep size: set FORECASTBOOK_DEEP_TESTS=1")
def test_fifty_adds_and_fifty_updates_at_once(book: Path) -> None:
    """Issue 7: 50 processes adding and 50 updating one question, all at the same time."""
    _adds_and_updates(book, adders=50, updaters=50)
