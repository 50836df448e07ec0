"""Results of read-only commands, remembered for an unchanged book (outside the book).

`forecastbook score` run twice on a book in which no file changed gives the same output;
the second run prints the remembered result without importing pandas or reading a single
forecast file. A result is keyed by:

* the book's state: every file's name, size, modification and change times and inode
  (`store.Scan.fingerprint`; a book holding a symlinked file is never remembered);
* the request: the command and every argument that changes its output;
* the code: this package's modules, the installed pandas and numpy, and Python.

A missing or damaged memory, or `FORECASTBOOK_NO_CACHE`, means computing afresh.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from . import store

T = TypeVar("T")

KIND = "results"
VERSION = 1
MAX_REQUESTS = 16
"""Results kept per book state (the most recent requests)."""

LIBRARIES = ("pandas", "numpy")


def remembered(
    root: Path,
    request: Hashable,
    compute: Callable[[store.Loaded], T],
    *,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[T, list[str]]:
    """`compute(store.load_book(root))` and the messages of the files it skipped, from
    memory when the same `request` was computed on the same book state by the same code.

    `meanwhile` is passed to `store.load_book` when the book has to be loaded.
    """
    book_scan = store.scan(root)
    fingerprint = book_scan.fingerprint()
    stamp = (VERSION, code_stamp(), fingerprint)
    saved = store.read_cache(root, KIND, stamp) if fingerprint is not None else None
    results: dict[Hashable, Any] = saved if isinstance(saved, dict) else {}
    if request in results:
        return results[request]
    loaded = store.load_book(root, book_scan=book_scan, meanwhile=meanwhile)
    answer = (compute(loaded), [str(problem) for problem in loaded.problems])
    if fingerprint is not None:
        kept = list(results.items())[-(MAX_REQUESTS - 1) :]
        store.write_cache(root, KIND, stamp, {**dict(kept), request: answer})
    return answer


def code_stamp() -> tuple[Any, ...]:
    """Changes when a module of this package, pandas, numpy or Python changes."""
    from importlib.util import find_spec

    libraries = []
    for name in LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            libraries.append(None)
            continue
        st = os.stat(origin)
        libraries.append((origin, st.st_mtime_ns, st.st_size))
    return (sys.version, store.code_stamp(), *libraries)
