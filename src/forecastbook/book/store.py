"""The book on disk: one YAML file per question, atomic writes, a lock, and reading through
the index.

Files are user data. Every write goes to a temporary file in the same folder and is moved
into place with `os.replace`; read-modify-write holds an exclusive lock on the book folder;
a file whose bytes would not change is not rewritten; hand-written comments survive edits.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forecastbook.book import index
from forecastbook.book.summary import Summary, normal_text
from forecastbook.errors import BookLocked, BookMissing, ForecastbookError, InvalidForecastFile
from forecastbook.format import limits

if TYPE_CHECKING:
    from forecastbook.format.models import Forecast

# The models are imported inside the functions that validate: building them costs more than
# a whole `forecastbook list` on an indexed book (see benchmarks/bench_cli.py).

SUFFIX = ".yaml"
MAX_FILE_BYTES = limits.MAX_FILE_BYTES
"""A forecast file is a few KB; anything past 1 MB is refused unread, and never written."""

STAGING = ".forecastbook-import"
"""Hidden folder in the book where an import stages its new files (see `publish_new`)."""

LOCK_NOTICE_SECONDS = 1.0
"""How long a writer waits for the book lock silently before saying who holds it."""


@dataclass
class Loaded:
    """The result of reading a whole book: valid forecasts and the files that failed."""

    forecasts: list[Forecast] = field(default_factory=list)
    problems: list[InvalidForecastFile] = field(default_factory=list)


# -- paths -------------------------------------------------------------------------------


def check_book(root: Path) -> Path:
    """The book folder, or `BookMissing` naming it."""
    if not root.is_dir():
        msg = f"{root}: no such book folder (create it with `forecastbook init`)"
        raise BookMissing(msg)
    return root


def path_for(root: Path, forecast_id: str) -> Path:
    """The file of a question id (the id must already be a valid slug)."""
    return root / f"{forecast_id}{SUFFIX}"


def book_files(root: Path) -> list[Path]:
    """Every `*.yaml` file in the book, sorted; hidden files are ignored."""
    return [root / name for name in _book_names(root)]


def book_ids(root: Path) -> list[str]:
    """Question ids from file names alone (no parsing)."""
    return [name[: -len(SUFFIX)] for name in _book_names(root)]


def _book_names(root: Path) -> list[str]:
    check_book(root)
    _try_recover(root)
    try:
        names = os.listdir(root)
    except OSError as exc:
        msg = f"{root}: cannot read the book folder ({exc.strerror})"
        raise BookMissing(msg) from None
    return sorted(n for n in names if n.endswith(SUFFIX) and not n.startswith("."))


# -- reading -----------------------------------------------------------------------------


# O_NONBLOCK: a FIFO named *.yaml must not hang the command; only regular files are read
# (FIFOs, devices and folders are refused after the open).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def read_text(path: Path | str, root: Path | None = None) -> str:
    """A forecast file's text, refusing symlinks out of the book, huge files and bad UTF-8."""
    try:
        fd = _open_in_book(path, root)
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InvalidForecastFile(path, None, "not a regular file")
            # Read what fstat says is there (plus one byte to notice growth): asking for
            # MAX_FILE_BYTES + 1 up front allocates a megabyte for every small file.
            raw = os.read(fd, min(st.st_size, MAX_FILE_BYTES) + 1)
            while len(raw) <= MAX_FILE_BYTES:  # a short read, or it grew: on to EOF, bounded
                more = os.read(fd, MAX_FILE_BYTES + 1 - len(raw))
                if not more:
                    break
                raw += more
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise InvalidForecastFile(path, None, "file not found") from None
    except OSError as exc:
        raise InvalidForecastFile(path, None, f"cannot read ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidForecastFile(path, None, f"file larger than {MAX_FILE_BYTES:,} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidForecastFile(path, line, "not valid UTF-8 text") from None


def _open_in_book(path: Path | str, root: Path | None) -> int:
    """Open a file for reading; with `root`, a symlink must point inside the book."""
    if root is None:
        return os.open(path, _OPEN_FLAGS)
    if _NOFOLLOW:
        # Most files are not symlinks: try without following, and look closer only at links.
        try:
            return os.open(path, _OPEN_FLAGS | _NOFOLLOW)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.EMLINK):
                raise
    if Path(path).is_symlink():
        target = Path(path).resolve()
        if not target.is_relative_to(root.resolve()):
            raise InvalidForecastFile(path, None, "symlink points outside the book")
    return os.open(path, _OPEN_FLAGS)


def parse(text: str, path: Path) -> Forecast:
    """Validate YAML text as a forecast; the first problem becomes `InvalidForecastFile`."""
    result = parse_problems(text, path)
    if isinstance(result, list):
        raise result[0]
    return result


def parse_problems(text: str, path: Path) -> Forecast | list[InvalidForecastFile]:
    """The forecast in `text`, or every problem with it (file, line, message)."""
    data = _yaml_data(text, path)
    if isinstance(data, InvalidForecastFile):
        return [data]
    return _validated(data, path, lambda: text)


def _yaml_data(text: str, path: Path | str) -> Any:
    """The mapping in a forecast file's text, or the `InvalidForecastFile` it is not."""
    from forecastbook.format import yamlio

    try:
        data = yamlio.load(text)
    except yamlio.YamlError as exc:
        from forecastbook.format.hints import explain_yaml

        message = explain_yaml(str(exc), _line(text, exc.line))
        return InvalidForecastFile(path, exc.line, f"malformed YAML: {message}")
    if not isinstance(data, dict):
        return InvalidForecastFile(path, 1, "not a forecast: expected a mapping of fields")
    return data


def _validated(
    data: dict[str, Any], path: Path | str, text: Callable[[], str]
) -> Forecast | list[InvalidForecastFile]:
    """`data` validated as the forecast of file `path`; `text` gives the file's text, which
    only problems need (for their line numbers)."""
    from pydantic import ValidationError

    from forecastbook.format.models import Forecast

    try:
        forecast = Forecast.model_validate(data)
    except ValidationError as exc:
        source = text()
        return [_problem(path, source, err) for err in exc.errors(include_url=False)]
    except RecursionError:
        return [InvalidForecastFile(path, None, "nested too deeply")]
    name = os.path.basename(path)  # noqa: PTH119 - path may be a str (see _read_one)
    expected = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else None
    if expected is not None and forecast.id != expected:
        from forecastbook.format import yamlio

        line = yamlio.line_of(text(), ("id",))
        message = f"id: {forecast.id!r} does not match the file name {name!r}"
        return [InvalidForecastFile(path, line, message)]
    return forecast


def _problem(path: Path | str, text: str, err: Any) -> InvalidForecastFile:
    from forecastbook.format import yamlio
    from forecastbook.format.hints import explain
    from forecastbook.format.models import error_location

    loc, message = error_location(err)
    name = _dotted(loc)
    line = yamlio.line_of(text, loc)
    # Say how to fix it, in the words of the file (hints.py), not pydantic's.
    message = explain(loc, str(err.get("type")), message, err.get("input"), _line(text, line))
    return InvalidForecastFile(path, line, f"{name}: {message}" if name else message)


def _line(text: str, line: int | None) -> str | None:
    """Line `line` (1-based) of `text`, if there is one."""
    if line is None or line < 1:
        return None
    lines = text.splitlines()
    return lines[line - 1] if line <= len(lines) else None


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_forecast(path: Path, root: Path | None = None) -> Forecast:
    """Read and validate one forecast file."""
    return parse(read_text(path, root), path)


# -- reading the whole book, through the index -------------------------------------------


Progress = Callable[[int, int], None]
"""Called as `progress(done, total)` while files are parsed (the CLI draws a bar)."""


def load_book(root: Path, *, progress: Progress | None = None) -> Loaded:
    """Every valid question in the book, and the files that failed (reported, not raised).

    Files unchanged since the index last saw them are not parsed again (`index`); the
    others are counted through `progress`.
    """
    entries, problems = _load(root, summaries=False, progress=progress)
    return Loaded(entries, problems)


def load_summaries(root: Path) -> tuple[list[Summary], list[InvalidForecastFile]]:
    """A `Summary` of every valid question (no pydantic when the index knows every file),
    and the files that failed."""
    return _load(root, summaries=True)


def same_text(root: Path, question: str) -> list[str]:
    """Ids of the questions whose text equals `question`, ignoring case and spacing
    (`summary.normal_text`): one indexed query for the files the index knows unchanged;
    the others are read (and indexed)."""
    wanted = normal_text(question)
    entries = _scan(root)
    started = time.time()
    with index.opened(root) as book_index:
        known = book_index.keys()
        fresh = {name for name, key in entries if key is not None and known.get(name) == key}
        # A row counts when its file is unchanged and its own id and question agree.
        found = [
            name
            for name, (key, ident, text) in book_index.same_text(wanted).items()
            if name in fresh and known.get(name) == key and f"{ident}{SUFFIX}" == name
            and isinstance(text, str) and normal_text(text) == wanted
        ]  # fmt: skip
        misses = [(name, key) for name, key in entries if name not in fresh]
        values = _read_misses(
            root, misses, book_index, entries, len(known), started, summaries=True
        )
    found += [
        f"{s.id}{SUFFIX}" for s in values.values() if isinstance(s, Summary) and
        normal_text(s.question) == wanted
    ]  # fmt: skip
    return [name[: -len(SUFFIX)] for name in sorted(found)]


def _scan(root: Path) -> list[tuple[str, index.StatKey | None]]:
    """The book's `*.yaml` names in order, with stat keys (None for symlinks and files that
    could not be stat'ed: those are always read)."""
    check_book(root)
    _try_recover(root)
    try:
        with os.scandir(root) as listing:
            found = [e for e in listing if e.name.endswith(SUFFIX) and not e.name.startswith(".")]
    except OSError as exc:
        msg = f"{root}: cannot read the book folder ({exc.strerror})"
        raise BookMissing(msg) from None
    found.sort(key=_name)
    entries: list[tuple[str, index.StatKey | None]] = []
    for entry in found:
        key = None
        try:
            if not entry.is_symlink():
                key = index.stat_key(entry.stat(follow_symlinks=False))
        except OSError:
            pass
        entries.append((entry.name, key))
    return entries


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _load(
    root: Path, *, summaries: bool, progress: Progress | None = None
) -> tuple[list[Any], list[InvalidForecastFile]]:
    entries = _scan(root)
    started = time.time()
    with _no_cycle_collection(), index.opened(root) as book_index:
        rows = book_index.rows("summary" if summaries else "forecast")
        scanned = dict(entries)
        # A row serves its file when the file's stat key is the row's (r[1:5]).
        fresh = [r for r in rows if scanned.get(r[0]) == r[1:5]]
        decoded = _decode(root, fresh, summaries)
        misses = [(name, key) for name, key in entries if name not in decoded]
        decoded.update(
            _read_misses(root, misses, book_index, entries, len(rows), started, summaries, progress)
        )
    values: list[Any] = []
    problems: list[InvalidForecastFile] = []
    for name, _ in entries:
        value = decoded[name]
        (problems if isinstance(value, InvalidForecastFile) else values).append(value)
    return values, problems


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a book is read. Reading builds a dozen objects
    per file and no reference cycles, so each pass of the collector (every 700 new
    objects, and now and then over every object of the process, pandas' included) finds
    nothing; they took about a quarter of the time of reading a 5,000-file book's rows."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


PHASE_FILES = 500
"""Files read together, one phase at a time (see `_read_files`)..."""

PHASE_BYTES = 4_000_000
"""...unless they hold more bytes than this: a batch's text and parsed YAML stay small
even when every file is near `MAX_FILE_BYTES`."""


def _read_misses(
    root: Path,
    misses: list[tuple[str, index.StatKey | None]],
    book_index: index.Index,
    entries: list[tuple[str, index.StatKey | None]],
    indexed: int,
    started: float,
    summaries: bool,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Read the files the index could not serve, by name, and record them (and forget the
    files that are gone: `indexed`, the number of rows, differs from the files) in one
    transaction. Files changed since `started` (racy) are not recorded."""
    out: dict[str, Any] = {}
    changed: list[tuple[str, index.Row]] = []
    for part in _batches(misses):
        results = _read_files(root, part, summaries, progress, len(out), len(misses))
        for (name, key), (value, row) in zip(part, results, strict=True):
            out[name] = value
            if row is not None and key is not None and not index.is_racy(key, started):
                changed.append((name, row))
    if book_index.usable and (changed or indexed != len(entries)):
        book_index.store(changed, keep={name for name, _ in entries})
    return out


def _decode(root: Path, rows: list[tuple[Any, ...]], summaries: bool) -> dict[str, Any]:
    """What the index rows (`Index.rows`) of unchanged files say of them, by name, each
    checked; a row that cannot be used is left out (its file is read again), never trusted."""
    out: dict[str, Any] = {}
    data: dict[str, Any] = {}
    for row in rows:
        name, problem = row[0], row[5]
        if problem is not None:
            with contextlib.suppress(ValueError, TypeError):
                line, message = json.loads(problem)
                out[name] = InvalidForecastFile(root / name, line, str(message))
        elif row[6] is not None:
            data[name] = row[6:] if summaries else row[6]
    if not data:
        return out
    # One call for every row (JSON for questions, `from_columns` for summaries): a tenth of
    # the time of one call per row. A damaged row makes the batch fail; then row by row.
    if summaries:
        try:
            items: list[Any] = Summary.from_columns(list(data.values()))
        except (ValueError, TypeError, KeyError):
            items = [_one(_one_summary, row) for row in data.values()]
    else:
        from pydantic import ValidationError

        from forecastbook.format.models import Forecast, forecast_list

        batch = "[" + ",".join(data.values()) + "]"
        try:
            items = forecast_list().validate_json(batch)
        except ValidationError:
            items = [_one(Forecast.model_validate_json, text) for text in data.values()]
    for name, item in zip(data, items, strict=True):
        if item is not None and item.id == name[: -len(SUFFIX)]:
            out[name] = item
    return out


def _one_summary(row: tuple[Any, ...]) -> Summary:
    return Summary.from_columns([row])[0]


def _one(decode: Callable[[Any], Any], data: Any) -> Any:
    try:
        return decode(data)
    except Exception:  # a damaged row: read the file again
        return None


def _batches(
    files: list[tuple[str, index.StatKey | None]],
) -> Iterator[list[tuple[str, index.StatKey | None]]]:
    """`files` in order, cut into batches of at most `PHASE_FILES` files and about
    `PHASE_BYTES` bytes (by their stat keys; a file without one counts as the largest)."""
    batch: list[tuple[str, index.StatKey | None]] = []
    size = 0
    for name, key in files:
        batch.append((name, key))
        size += key[0] if key is not None else MAX_FILE_BYTES
        if len(batch) >= PHASE_FILES or size >= PHASE_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _read_files(
    root: Path,
    files: list[tuple[str, index.StatKey | None]],
    summaries: bool,
    progress: Progress | None,
    done: int,
    total: int,
) -> list[tuple[Any, index.Row | None]]:
    """Read and validate `files` (name, stat key): for each, (its forecast, summary or
    problem; the index row to keep).

    Phase by phase (read every file, parse every one, validate every one, then make every
    row), not file by file: each phase's code (libyaml, pydantic-core) stays in the
    processor's caches, which saves a fifth of the time of reading a large book.
    `progress` counts the files parsed, from `done` of `total`."""
    texts: list[str | InvalidForecastFile] = []
    for name, _ in files:
        try:
            texts.append(read_text(root / name, root))
        except InvalidForecastFile as exc:
            texts.append(exc)  # unreadable files are not indexed: they are read every time
    parsed: list[tuple[str, Any] | InvalidForecastFile] = []
    for (name, _), text in zip(files, texts, strict=True):
        if isinstance(text, InvalidForecastFile):
            parsed.append(text)
        else:
            parsed.append((text, _yaml_data(text, root / name)))
        done += 1
        if progress is not None:
            progress(done, total)
    checked: list[Any] = []
    for (name, _), item in zip(files, parsed, strict=True):
        if isinstance(item, InvalidForecastFile):
            checked.append(item)  # unreadable
        elif isinstance(item[1], InvalidForecastFile):
            checked.append([item[1]])  # not YAML, or not a mapping
        else:
            text, data = item
            checked.append(_validated(data, root / name, functools.partial(str, text)))
    out: list[tuple[Any, index.Row | None]] = []
    for (_, key), item in zip(files, checked, strict=True):
        if isinstance(item, InvalidForecastFile):
            out.append((item, None))
        elif isinstance(item, list):
            problem = item[0]
            row = index.Row(
                key or (0, 0, 0, 0), None, None, json.dumps([problem.line, problem.message])
            )
            out.append((problem, row))
        else:
            summary = Summary.of(item)
            # Without the fields that are None (every such field defaults to None): a
            # quarter less text, and a sixth less time to validate the book's rows again.
            data = item.model_dump_json(exclude_none=True)
            row = index.Row(key or (0, 0, 0, 0), data, summary.columns(), None)
            out.append((summary if summaries else item, row))
    return out


# -- writing -----------------------------------------------------------------------------


def atomic_write(path: Path, content: bytes, *, sync: bool = True) -> None:
    """Write `content` to `path` via a temporary file in the same folder and `os.replace`;
    with `sync`, flushed to disk first (and the folder after)."""
    mode = None
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o7777
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:  # name the file the user asked for, not the temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@dataclass(frozen=True)
class LockPolicy:
    """How a writer waits for the book lock: `wait` seconds at most (None: for ever), and
    `notify`, called once with a line saying who holds the lock when the wait is not short."""

    wait: float | None = None
    notify: Callable[[str], None] | None = None


_LOCK_POLICY: ContextVar[LockPolicy | None] = ContextVar("forecastbook_lock_policy", default=None)


@contextlib.contextmanager
def lock_policy(policy: LockPolicy) -> Iterator[None]:
    """Use `policy` for every `locked` in this block (`Book(wait=..., on_wait=...)` does)."""
    token = _LOCK_POLICY.set(policy)
    try:
        yield
    finally:
        _LOCK_POLICY.reset(token)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the book for a read-modify-write.

    The lock is `flock` on the book folder itself: nothing is added to the book, and the
    kernel releases it when the holder exits or is killed, so a lock never goes stale. A
    writer that has to wait says who holds it (through the `LockPolicy`'s `notify`, after
    `LOCK_NOTICE_SECONDS`) and gives up with `BookLocked` after the policy's `wait`.
    On taking the lock, an import that was interrupted is finished or undone (`recover`).
    """
    check_book(root)
    if sys.platform == "win32":  # pragma: no cover - no flock; fall back to a lock file
        import msvcrt

        lock_path = root / ".forecastbook.lock"
        with open(lock_path, "a+b") as handle:
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        _acquire(fd, root, _LOCK_POLICY.get() or LockPolicy())
        index.record_lock_holder(root)
        try:
            recover(root)
            yield
        finally:
            index.forget_lock_holder(root)
    finally:
        os.close(fd)


def _acquire(fd: int, root: Path, policy: LockPolicy) -> None:
    import fcntl

    started = time.monotonic()
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        waited = time.monotonic() - started
        if policy.wait is not None and waited >= policy.wait:
            msg = (
                f"{root}: the book is locked by {index.lock_holder(root)}; gave up after "
                f"{policy.wait:g} s (--wait)"
            )
            raise BookLocked(msg)
        if not told and policy.notify is not None and waited >= LOCK_NOTICE_SECONDS:
            told = True
            policy.notify(
                f"waiting for the lock on {root}, held by {index.lock_holder(root)} "
                "(give up after N seconds with --wait N)"
            )
        time.sleep(0.05)


def _try_recover(root: Path) -> None:
    """Finish or undo an interrupted import before reading, if no writer is at work."""
    if sys.platform == "win32" or not os.path.lexists(root / STAGING):  # pragma: no cover
        return
    import fcntl

    try:
        fd = os.open(root, os.O_RDONLY)
    except OSError:
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # a writer (maybe the import itself) is at work: read what is published
        with contextlib.suppress(OSError):
            recover(root)
    finally:
        os.close(fd)


# -- importing many files: all or nothing ----------------------------------------------------

_COMMIT = "COMMIT"
_STAGED_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.yaml")


def publish_new(
    root: Path, forecasts: Sequence[Forecast], *, progress: Progress | None = None
) -> list[Path]:
    """Add many new questions at once, all or none (the caller holds the lock).

    Every file is rendered, checked to read back and to fit `MAX_FILE_BYTES` first; then
    written into the hidden folder `STAGING` of the book and flushed; then a `COMMIT` list
    is written there (atomically) and the files are moved into place. A process killed
    before the commit leaves only the staging folder, which the next command removes (the
    book is as it was); killed after it, the next command finishes the moves (the book is
    as after the whole import). `progress(done, total)` is called after each file staged.
    """
    texts: list[tuple[Path, bytes]] = []
    for forecast in forecasts:
        path = _new_path(root, forecast.id)
        text = render_new(forecast)
        _check_round_trip(text, path, forecast)
        texts.append((path, _checked_size(path, text)))
    if len({p for p, _ in texts}) != len(texts):
        msg = "two new questions have the same id; nothing written"
        raise ForecastbookError(msg)
    staging = root / STAGING
    try:
        staging.mkdir()
    except OSError as exc:
        msg = f"{staging}: cannot write ({exc.strerror}); the book is unchanged"
        raise ForecastbookError(msg) from None
    committed = False
    try:
        for done, (path, content) in enumerate(texts, 1):
            fd = os.open(staging / path.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _file_mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            if progress is not None:
                progress(done, len(texts))
        _fsync_dir(staging)
        names = [path.name for path, _ in texts]
        atomic_write(staging / _COMMIT, json.dumps(names).encode())
        committed = True
    except OSError as exc:
        _discard(staging)
        msg = f"{root}: cannot write ({exc.strerror}); the book is unchanged"
        raise ForecastbookError(msg) from None
    except BaseException:
        if not committed:
            _discard(staging)
        raise
    finally:
        if committed:
            recover(root)  # publish, even when interrupted after the commit point
    return [path for path, _ in texts]


def recover(root: Path) -> None:
    """Finish (after its commit point) or undo (before it) an interrupted import; the
    caller holds the lock. Nothing to do when no import was interrupted."""
    staging = root / STAGING
    if not os.path.lexists(staging):
        return
    if staging.is_symlink() or not staging.is_dir():
        return  # not ours: leave it alone
    names: list[str] = []
    with contextlib.suppress(OSError, ValueError):
        found = json.loads((staging / _COMMIT).read_text(encoding="utf-8"))
        if isinstance(found, list):
            names = [n for n in found if isinstance(n, str) and _STAGED_NAME.fullmatch(n)]
    for name in names:
        source, target = staging / name, root / name
        if source.is_file() and not source.is_symlink() and not os.path.lexists(target):
            os.replace(source, target)
    if names:
        _fsync_dir(root)
    _discard(staging)


def _discard(staging: Path) -> None:
    with contextlib.suppress(OSError):
        for name in os.listdir(staging):
            with contextlib.suppress(OSError):
                os.unlink(staging / name)
    with contextlib.suppress(OSError):
        staging.rmdir()


def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# -- output files (report, export): not part of the book ------------------------------------


def write_output(path: Path, content: bytes) -> None:
    """Write a command's output file.

    A regular file (or a new path) is replaced atomically, like a book file. Anything else
    that exists, a symlink, a device such as ``/dev/null`` or ``/dev/stdout``, a pipe, is
    written through, as a shell's ``>`` would, and never replaced; a folder is an error.
    """
    try:
        st: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        msg = f"{path}: cannot write ({exc.strerror})"
        raise ForecastbookError(msg) from None
    if st is None or stat.S_ISREG(st.st_mode):
        atomic_write(path, content)
        return
    if stat.S_ISDIR(st.st_mode) or path.is_dir():
        msg = f"{path}: is a folder; give a file name"
        raise ForecastbookError(msg)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
    except OSError as exc:
        msg = f"{path}: cannot write ({exc.strerror})"
        raise ForecastbookError(msg) from None


def render_new(forecast: Forecast, header: str = "") -> str:
    """The text of a new file for `forecast`."""
    from forecastbook.format.models import render_forecast

    return render_forecast(forecast, header)


def write_new(root: Path, forecast: Forecast, header: str = "") -> Path:
    """Create the file of a new question (caller holds the lock); refuses an existing id."""
    path = _new_path(root, forecast.id)
    text = render_new(forecast, header)
    _check_round_trip(text, path, forecast)
    _write(path, text)
    return path


def write_new_text(root: Path, forecast_id: str, text: str) -> Path:
    """Create the file of a new question from text already checked to read back (caller
    holds the lock); refuses an existing id."""
    path = _new_path(root, forecast_id)
    _write(path, text)
    return path


def _new_path(root: Path, forecast_id: str) -> Path:
    path = path_for(root, forecast_id)
    if path.exists() or path.is_symlink():
        from forecastbook.errors import Conflict

        msg = f"{forecast_id}: a question with this id already exists ({path})"
        raise Conflict(msg)
    return path


def _checked_size(path: Path, text: str) -> bytes:
    """`text` encoded, refused (`ForecastbookError`) when the tool could not read it back."""
    content = text.encode("utf-8")
    if len(content) > MAX_FILE_BYTES:
        msg = (
            f"{path}: the file would be {len(content):,} bytes, over the {MAX_FILE_BYTES:,} "
            "bytes forecastbook reads; nothing written"
        )
        raise ForecastbookError(msg)
    return content


def _write(path: Path, text: str) -> None:
    """Write one book file; the caller holds the book lock."""
    content = _checked_size(path, text)
    _remove_stale_temps(path)
    try:
        atomic_write(path, content)
    except OSError as exc:
        msg = f"{path}: cannot write ({exc.strerror}); the file is unchanged"
        raise ForecastbookError(msg) from None


def write_text(path: Path, text: str) -> None:
    """Replace a book file with `text` already checked to read back (caller holds the lock)."""
    _write(path, text)


def remove(path: Path) -> None:
    """Delete a book file (caller holds the lock)."""
    try:
        os.unlink(path)
    except OSError as exc:
        msg = f"{path}: cannot delete ({exc.strerror}); the file is unchanged"
        raise ForecastbookError(msg) from None
    _fsync_dir(path.parent)


def _remove_stale_temps(path: Path) -> None:
    """Delete temp files of `path` left by a writer that was killed mid-write.

    Every write into the book happens under the book lock, so while we hold it no other
    writer owns a temp file of this name.
    """
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for name in os.listdir(path.parent):
            if name.startswith(prefix) and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(path.parent / name)


def _check_round_trip(text: str, path: Path, forecast: Forecast) -> None:
    from forecastbook.format.models import dump_forecast

    again = parse(text, path)
    if dump_forecast(again) != dump_forecast(forecast):  # pragma: no cover - a bug guard
        msg = f"{path}: internal error: the written text would not read back; nothing written"
        raise ForecastbookError(msg)


def edit(root: Path, forecast_id: str, change: Callable[[Forecast], Forecast]) -> Forecast:
    """Read-modify-write one question under the lock, keeping comments and key order.

    `change` gets the current forecast and returns the new one (or raises). The file is
    rewritten only if its text changes.
    """
    with locked(root):
        return edit_locked(root, forecast_id, change)


def edit_locked(root: Path, forecast_id: str, change: Callable[[Forecast], Forecast]) -> Forecast:
    """`edit` for a caller that already holds the book lock (several files in one change)."""
    path = path_for(root, forecast_id)
    text = read_text(path, root)
    if path.is_symlink():  # os.replace would turn the link into a copy
        msg = (
            f"{path}: is a symlink; forecastbook does not write through links in the book "
            "(replace the link with the file to change it)"
        )
        raise ForecastbookError(msg)
    current = parse(text, path)
    updated = change(current)
    if updated == current:
        return current
    new_text = edited_text(text, current, updated, path)
    if new_text != text:
        _write(path, new_text)
    return updated


def edited_text(text: str, current: Forecast, updated: Forecast, path: Path) -> str:
    """`text` (the file of `current`) rewritten to hold `updated`, comments kept; checked
    to read back as `updated`."""
    from forecastbook.format import yamlio
    from forecastbook.format.models import dump_forecast

    old_data, new_data = dump_forecast(current), dump_forecast(updated)
    try:
        new_text = yamlio.update(text, old_data, new_data)
        _check_round_trip(new_text, path, updated)
    except (ForecastbookError, yamlio.YamlError):
        # The round-trip editor could not express the change: write it fresh, keeping
        # the comment block at the top of the file, rather than lose the user's change.
        new_text = render_new(updated, _leading_comments(text))
        _check_round_trip(new_text, path, updated)
    return new_text


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "".join(lines)


__all__ = [
    "Loaded",
    "LockPolicy",
    "Progress",
    "atomic_write",
    "book_files",
    "book_ids",
    "edit",
    "edit_locked",
    "edited_text",
    "load_book",
    "load_summaries",
    "lock_policy",
    "locked",
    "parse",
    "parse_problems",
    "publish_new",
    "read_forecast",
    "recover",
    "remove",
    "same_text",
    "write_new",
    "write_new_text",
    "write_output",
    "write_text",
]
