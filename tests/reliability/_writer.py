"""Child processes for the crash tests (run as a script, never imported by the tests).

python _writer.py hold-lock BOOK MARKER
    take the book lock, create MARKER, sleep until killed
python _writer.py stall PHASE BOOK MARKER CLI-ARGS...
    run the real CLI, but stop inside the write at PHASE (`half-written`: half the
    bytes are in the temp file; `before-replace`: the temp file is complete) and
    create MARKER, then sleep until killed
python _writer.py stall import-before-commit|import-mid-publish BOOK MARKER import FILE
    stall an import before its commit point, or after it with one file published

python _writer.py loop BOOK FILES TOTAL
    append predictions round-robin to FILES questions until the book holds TOTAL
    writes; write k goes to question `q<k % FILES>` with note `w<k>`; prints `ready`,
    then `wrote K` after each landed write, then `finished`
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path


def _stall(marker: str) -> None:
    Path(marker).touch()
    while True:
        time.sleep(60)


def hold_lock(book: str, marker: str) -> None:
    from forecastbook.book import store

    with store.locked(Path(book)):
        _stall(marker)


def stall(phase: str, book: str, marker: str, args: list[str]) -> None:
    real_fdopen, real_replace = os.fdopen, os.replace
    book_dir = os.path.realpath(book)

    class HalfWriter:
        def __init__(self, handle):  # type: ignore[no-untyped-def]
            self.handle = handle

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            return self.handle.__exit__(*exc)

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            os.fsync(self.handle.fileno())
            _stall(marker)
            return 0  # pragma: no cover

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self.handle, name)

    def fdopen(fd, *a, **k):  # type: ignore[no-untyped-def]
        handle = real_fdopen(fd, *a, **k)
        in_book = os.path.dirname(os.path.realpath(f"/proc/self/fd/{fd}")) == book_dir
        return HalfWriter(handle) if phase == "half-written" and in_book else handle

    published = []

    def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        if phase == "before-replace" and os.path.dirname(os.path.realpath(dst)) == book_dir:
            _stall(marker)
        if phase == "import-before-commit" and os.path.basename(dst) == "COMMIT":
            _stall(marker)  # every file staged, the commit list not yet in place
        if phase == "import-mid-publish" and os.path.dirname(os.path.realpath(dst)) == book_dir:
            published.append(dst)
            if len(published) == 2:
                _stall(marker)  # committed, one file moved into the book, the rest not
        return real_replace(src, dst, *a, **k)

    os.fdopen, os.replace = fdopen, replace
    from forecastbook.cli import main

    sys.argv = ["forecastbook", "--book", book, *args]
    main()


def loop(book: str, files: int, total: int) -> None:
    from forecastbook.book import questions as ops

    root = Path(book)
    from forecastbook.book import store

    forecasts = store.load_book(root).forecasts
    done = sum(1 for f in forecasts for p in f.predictions if (p.note or "").startswith("w"))
    print("ready", done, flush=True)
    for k in range(done, total):
        prediction = ops.make_prediction(by="looper", p=((k % 97) + 1) / 100, note=f"w{k}")
        ops.update(root, f"q{k % files}", prediction)
        print("wrote", k, flush=True)
    print("finished", flush=True)


if __name__ == "__main__":
    # Ctrl-C as a user at a terminal has it: a test runner started in the background of a
    # non-interactive shell passes SIGINT on as ignored, and Python then installs no
    # KeyboardInterrupt handler, so the SIGINT case would wait for ever.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    mode, *rest = sys.argv[1:]
    if mode == "hold-lock":
        hold_lock(*rest)
    elif mode == "stall":
        stall(rest[0], rest[1], rest[2], rest[3:])
    elif mode == "loop":
        loop(rest[0], int(rest[1]), int(rest[2]))
    else:
        raise SystemExit(f"unknown mode {mode}")
