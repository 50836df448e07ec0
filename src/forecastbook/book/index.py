"""The book's index: what every file held when it was last read, so unchanged files are not
parsed again.

One SQLite database per book, in the user's cache folder (`$FORECASTBOOK_CACHE_DIR`, else
`$XDG_CACHE_HOME/forecastbook`, else `~/.cache/forecastbook`), never inside the book. One row
per file: its name, its stat key (size, modification and change time, inode), and what
reading it gave: the validated question as JSON plus the facts `list` shows as columns of
their own (`summary.COLUMNS`, so `list` and the same-text check of `add` are plain queries),
or the problem that made it invalid. A file whose stat key changed is read again.

The index is derived data. It records the package version and `SCHEMA`, and is emptied when
either differs; a damaged, locked or unwritable index is bypassed or rebuilt, never an error
and never trusted blindly: a question taken from it is validated by the models again, and
a summary whose columns are not of their types is dropped (its file is read again).
Nothing is unpickled or executed. `FORECASTBOOK_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forecastbook._version import __version__
from forecastbook.book.summary import COLUMNS

SCHEMA = 3
"""Bump when what a row holds changes; the package version is recorded beside it.
2: the summary as columns (`summary.COLUMNS`) instead of one JSON text.
3: the question's JSON leaves out the fields that are None."""

RACY_SECONDS = 2.0
"""A file modified this recently is not indexed: a second change within the same clock tick
could leave its stat key unchanged (git's "racily clean" problem)."""

BUSY_TIMEOUT = 0.2
"""Seconds to wait for another process's write to the index before bypassing it."""

StatKey = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Row:
    """What the index knows of one file."""

    key: StatKey
    forecast: str | None  # the validated question, JSON without its None fields
    summary: tuple[Any, ...] | None  # the facts `list` shows (`Summary.columns`)
    problem: str | None  # JSON [line, message] of an invalid file


def cache_dir() -> Path:
    """Where indexes live: `$FORECASTBOOK_CACHE_DIR`, else the user's cache folder."""
    env = os.environ.get("FORECASTBOOK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "forecastbook"


def enabled() -> bool:
    """False when `FORECASTBOOK_NO_CACHE` is set."""
    return not os.environ.get("FORECASTBOOK_NO_CACHE")


def index_path(root: Path) -> Path:
    """The index file of the book at `root` (one per book folder)."""
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"book-{digest}.sqlite3"


def stat_key(st: os.stat_result) -> StatKey:
    """The parts of a file's stat that change whenever its content is replaced or edited."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def is_racy(key: StatKey, now: float | None = None) -> bool:
    """True when the file changed too recently for its stat key to be trusted later."""
    return key[1] / 1e9 > (now if now is not None else time.time()) - RACY_SECONDS


class Index:
    """An open index of one book; every method fails silently (the caller reads files)."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @property
    def usable(self) -> bool:
        """False when the index is off, or could not be opened."""
        return self._db is not None

    def rows(self, column: str) -> list[tuple[Any, ...]]:
        """Every file's row as one tuple: name, stat key (4 values), problem, then `column`
        ("forecast": the JSON text; "summary": the values of `summary.COLUMNS`, None for an
        invalid file). Plain tuples, as SQLite gives them: a book has thousands. Empty when
        the index cannot be read."""
        if column == "forecast":
            wanted = "forecast"
        elif column == "summary":
            wanted = ", ".join(COLUMNS)
        else:
            msg = f"column must be forecast or summary, got {column!r}"
            raise ValueError(msg)
        return self._query(f"SELECT name, size, mtime, ctime, inode, problem, {wanted} FROM files")

    def keys(self) -> dict[str, StatKey]:
        """Every file's stat key, by file name."""
        found = self._query("SELECT name, size, mtime, ctime, inode FROM files")
        return {name: (size, mt, ct, ino) for name, size, mt, ct, ino in found}

    def same_text(self, norm: str) -> dict[str, tuple[StatKey, Any, Any]]:
        """The files whose `norm` column is `norm` (one indexed query): their stat keys,
        and the id and question their rows hold (for the caller to check the row)."""
        query = "SELECT name, size, mtime, ctime, inode, id, question FROM files WHERE norm = ?"
        found = self._query(query, (norm,))
        return {name: ((size, mt, ct, ino), i, q) for name, size, mt, ct, ino, i, q in found}

    def _query(self, query: str, args: tuple[Any, ...] = ()) -> list[Any]:
        if self._db is None:
            return []
        try:
            return self._db.execute(query, args).fetchall()
        except sqlite3.Error:
            self._db = None
            return []

    def store(self, changed: Iterable[tuple[str, Row]], keep: set[str]) -> None:
        """Record `changed` rows and forget files not in `keep`, in one transaction."""
        if self._db is None:
            return
        blank = (None,) * len(COLUMNS)
        rows = [
            (name, *row.key, row.forecast, row.problem, *(row.summary or blank))
            for name, row in changed
        ]
        marks = ", ".join("?" * (7 + len(COLUMNS)))
        try:
            with self._db:
                known = {n for (n,) in self._db.execute("SELECT name FROM files")}
                gone = [(n,) for n in known - keep]
                if gone:
                    self._db.executemany("DELETE FROM files WHERE name = ?", gone)
                if rows:
                    self._db.executemany(f"INSERT OR REPLACE INTO files VALUES ({marks})", rows)
        except sqlite3.Error:
            pass  # locked by another writer, read-only, full disk: the next run tries again

    def close(self) -> None:
        """Close the database."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


@contextlib.contextmanager
def opened(root: Path) -> Iterator[Index]:
    """The index of the book at `root`, created or rebuilt as needed; unusable when it is
    turned off or cannot be opened (then every file is read)."""
    index = Index(_connect(root) if enabled() else None)
    try:
        yield index
    finally:
        index.close()


def private_cache_dir() -> Path:
    """The cache folder, created readable by the user alone (0700): the index holds the
    text of every question, and a private book must not become world-readable there. A
    folder that already exists keeps its mode (it may be one the user chose to share)."""
    folder = cache_dir()
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    return folder


def _private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if missing; make an existing one 0600."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return
    try:
        st = os.fstat(fd)
        if st.st_mode & 0o077 and st.st_uid == os.getuid():
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _connect(root: Path) -> sqlite3.Connection | None:
    path = index_path(root)
    for attempt in (1, 2):
        try:
            private_cache_dir()
            _private_file(path)  # SQLite gives its journal the database file's mode
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            db.isolation_level = "DEFERRED"
            _prepare(db)
            return db
        except sqlite3.DatabaseError as exc:
            db.close()
            if attempt == 2 or (isinstance(exc, sqlite3.OperationalError) and _busy(exc)):
                return None
            # Not a database (damaged, or something else): remove it and build a new one.
            with contextlib.suppress(OSError):
                path.unlink()
    return None  # pragma: no cover - the loop returns


def _busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _prepare(db: sqlite3.Connection) -> None:
    """Create the tables, or make them anew when the package or schema version differs
    (an older schema's table may have other columns)."""
    stamp = json.dumps([SCHEMA, __version__])
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        found = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if found is None or found[0] != stamp:
            db.execute("DROP TABLE IF EXISTS files")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (stamp,))
        summary = ", ".join(COLUMNS)
        db.execute(
            "CREATE TABLE IF NOT EXISTS files (name TEXT PRIMARY KEY, size INTEGER, "
            f"mtime INTEGER, ctime INTEGER, inode INTEGER, forecast TEXT, problem TEXT, {summary})"
        )
        db.execute("CREATE INDEX IF NOT EXISTS files_norm ON files (norm)")


# -- who holds the book lock -----------------------------------------------------------------


def _holder_path(root: Path) -> Path:
    return index_path(root).with_suffix(".lock.json")


def record_lock_holder(root: Path) -> None:
    """Note this process (pid, command line) as the holder of the book's lock, in the cache
    folder, so that a waiting writer can say who it waits for. Best effort."""
    import sys

    if not enabled():
        return  # FORECASTBOOK_NO_CACHE: nothing is written to the cache folder
    command = " ".join(["forecastbook", *sys.argv[1:]])[:200]
    data = json.dumps({"pid": os.getpid(), "command": command})
    path = _holder_path(root)
    with contextlib.suppress(OSError):
        private_cache_dir()
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, path)


def forget_lock_holder(root: Path) -> None:
    """Remove this process's note (a later holder's note is left alone)."""
    path = _holder_path(root)
    with contextlib.suppress(OSError, ValueError, TypeError):
        if json.loads(path.read_text(encoding="utf-8"))["pid"] == os.getpid():
            path.unlink()


def lock_holder(root: Path) -> str:
    """Who holds the book's lock, as far as the note in the cache says: ``process 123
    (forecastbook import big.csv)``, or ``another process`` when unknown. The command is
    shown with control characters escaped (it came from a file)."""
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        found = json.loads(_holder_path(root).read_text(encoding="utf-8"))
        pid, command = int(found["pid"]), str(found["command"])
        if _alive(pid):
            from forecastbook.format.terminal import printable

            return f"process {pid} ({printable(command[:200], newlines=False)})"
    return "another process"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return pid > 0
