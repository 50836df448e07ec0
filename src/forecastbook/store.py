"""The book on disk: one YAML file per question, atomic writes, a lock, and a parse cache.

Files are user data. Every write goes to a temporary file in the same folder and is moved
into place with `os.replace`; read-modify-write holds an exclusive lock on the book folder;
a file whose bytes would not change is not rewritten; hand-written comments survive edits.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import os
import pickle
import select
import stat
import struct
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BookMissing, ForecastbookError, InvalidForecastFile
from .summary import Summary

if TYPE_CHECKING:
    from .models import Forecast

# pydantic and the models are imported inside the functions that validate: building the
# models costs more than a whole cached `forecastbook list` (see benchmarks/bench_cli.py).

SUFFIX = ".yaml"
MAX_FILE_BYTES = 1_000_000
"""A forecast file is a few KB; anything past 1 MB is refused unread."""

CACHE_VERSION = 8


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
    check_book(root)
    try:
        names = os.listdir(root)
    except OSError as exc:
        msg = f"{root}: cannot read the book folder ({exc.strerror})"
        raise BookMissing(msg) from None
    return [root / n for n in sorted(names) if n.endswith(SUFFIX) and not n.startswith(".")]


def book_ids(root: Path) -> list[str]:
    """Question ids from file names alone (no parsing)."""
    return [p.name[: -len(SUFFIX)] for p in book_files(root)]


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
    from . import yamlio

    try:
        data = yamlio.load(text)
    except yamlio.YamlError as exc:
        return InvalidForecastFile(path, exc.line, f"malformed YAML: {exc}")
    if not isinstance(data, dict):
        return InvalidForecastFile(path, 1, "not a forecast: expected a mapping of fields")
    return data


def _validated(
    data: dict[str, Any], path: Path | str, text: Callable[[], str]
) -> Forecast | list[InvalidForecastFile]:
    """`data` validated as the forecast of file `path`; `text` gives the file's text, which
    only problems need (for their line numbers)."""
    from pydantic import ValidationError

    from .models import Forecast

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
        from . import yamlio

        line = yamlio.line_of(text(), ("id",))
        message = f"id: {forecast.id!r} does not match the file name {name!r}"
        return [InvalidForecastFile(path, line, message)]
    return forecast


def _problem(path: Path | str, text: str, err: Any) -> InvalidForecastFile:
    from . import yamlio
    from .models import error_location

    loc, message = error_location(err)
    name = _dotted(loc)
    return InvalidForecastFile(
        path, yamlio.line_of(text, loc), f"{name}: {message}" if name else message
    )


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_forecast(path: Path, root: Path | None = None) -> Forecast:
    """Read and validate one forecast file."""
    return parse(read_text(path, root), path)


def read_data(path: Path | str, root: Path | None = None) -> dict[str, Any]:
    """The plain data (a mapping) of one forecast file, not yet validated."""
    data = _yaml_data(read_text(path, root), path)
    if isinstance(data, InvalidForecastFile):
        raise data
    return data


# -- reading the whole book: a scan, a parse cache, and parsing on every core ------------


@dataclass(frozen=True)
class Scan:
    """The book's `*.yaml` files at one moment, in name order, each with its stat key
    (size, mtime, ctime, inode), or None for a symlink or a file that could not be stat'ed."""

    root: Path
    entries: tuple[tuple[str, tuple[int, ...] | None], ...]

    def fingerprint(self) -> str | None:
        """A digest of every name and stat key: equal digests mean no file changed. None
        when a key is missing (a symlink's target can change without the link changing)."""
        if any(key is None for _, key in self.entries):
            return None
        return hashlib.sha256(pickle.dumps(self.entries, protocol=5)).hexdigest()


def scan(root: Path) -> Scan:
    """List the book's files with their stat keys (one `scandir`, no file is opened)."""
    check_book(root)
    try:
        with os.scandir(root) as listing:
            found = sorted(
                (e for e in listing if e.name.endswith(SUFFIX) and not e.name.startswith(".")),
                key=lambda e: e.name,
            )
    except OSError as exc:
        msg = f"{root}: cannot read the book folder ({exc.strerror})"
        raise BookMissing(msg) from None
    entries = []
    for entry in found:
        key = None
        try:
            if not entry.is_symlink():
                st = entry.stat(follow_symlinks=False)
                key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        except OSError:
            pass
        entries.append((entry.name, key))
    return Scan(root, tuple(entries))


def load_book(
    root: Path,
    *,
    cache: bool = True,
    book_scan: Scan | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Loaded:
    """Every forecast in the book; files that fail are reported in `problems`, not raised.

    With `cache`, the parsed data of each file is kept (outside the book) keyed by file
    name, size, modification and change time and inode, so unchanged files are not parsed
    again. `book_scan` reuses a `scan` the caller already made. `meanwhile` is called once
    while other processes parse a large book (a command imports what it needs then).
    """
    forecasts, problems = _load_entries(
        root, cache=cache, kind="forecasts", book_scan=book_scan, meanwhile=meanwhile
    )
    return Loaded(forecasts, problems)


def load_summaries(root: Path) -> tuple[list[Summary], list[InvalidForecastFile]]:
    """A `Summary` of every valid question (from the cache when fresh), and the problems."""
    entries, problems = _load_entries(root, cache=True, kind="summaries")
    return [Summary(*fields) for fields in entries], problems


def _load_entries(
    root: Path,
    *,
    cache: bool,
    kind: str,
    book_scan: Scan | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[list[Any], list[InvalidForecastFile]]:
    """Of every valid file, the forecast (`kind="forecasts"`) or its summary fields.

    The two kinds have separate caches: `list` reads plain summary tuples and never pays
    for pydantic, and `score` keeps each file's plain data, which validates faster than
    pickled models unpickle.
    """
    book_scan = book_scan or scan(root)
    cached = _cache_read(root, kind) if cache else {}
    misses = [name for name, key in book_scan.entries if _hit(cached, name, key) is None]
    fresh: dict[str, tuple[tuple[int, ...], Any]] = {}
    values: list[Any] = []
    problems: list[InvalidForecastFile] = []

    def finish(name: str, data: Any) -> tuple[Any, Any]:
        """(value, what the cache keeps) of a freshly parsed file; (problem, None)."""
        if isinstance(data, InvalidForecastFile):
            return data, None
        path = os.path.join(root, name)  # noqa: PTH118 - see _read_one
        forecast = _validated(data, path, _text_of(path, root))
        if isinstance(forecast, list):
            return forecast[0], None
        if kind == "forecasts":
            return forecast, data
        fields = Summary.of(forecast).fields()
        return fields, fields

    with _gc_paused():
        parsed = dict(zip(misses, _read_many(root, misses, meanwhile, finish), strict=True))
        for name, key in book_scan.entries:
            saved = _hit(cached, name, key)
            value = None
            if saved is not None and kind == "summaries":
                value = saved
            elif saved is not None:
                # Cached data was valid when it was parsed, by the same code (code_stamp).
                path = os.path.join(root, name)  # noqa: PTH118 - see _read_one
                value = _validated(saved, path, _text_of(path, root))
            if value is None or isinstance(value, list):
                value, saved = (
                    parsed.pop(name) if name in parsed else finish(name, _read_one(root, name))
                )
                if saved is None:
                    problems.append(value)
                    continue
            if key is not None:
                fresh[name] = (key, saved)
            values.append(value)
    if cache and (misses or len(fresh) != len(cached)):
        _cache_write(root, kind, fresh)
    return values, problems


def _text_of(path: str, root: Path) -> Callable[[], str]:
    """A late reader of a file's text, for problems' line numbers ("" when it is gone)."""

    def text() -> str:
        try:
            return read_text(path, root)
        except InvalidForecastFile:
            return ""

    return text


def _hit(cached: dict[str, Any], name: str, key: tuple[int, ...] | None) -> Any:
    entry = cached.get(name)
    return entry[1] if key is not None and entry is not None and entry[0] == key else None


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a book loads.

    Loading builds hundreds of thousands of objects and no reference cycles; with the
    collector on, its passes over them took a third of a large book's load time. (The
    command-line process keeps the collector off altogether: see `cli.main`.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_one(root: Path, name: str) -> dict[str, Any] | InvalidForecastFile:
    try:
        # A str path: building 10,000 Path objects costs more than reading the files.
        return read_data(os.path.join(root, name), root)  # noqa: PTH118
    except InvalidForecastFile as exc:
        return exc


PARALLEL_MIN = 1_000
"""Files to parse before forking helper processes pays off (a fork costs a few ms)."""

_NOTE = struct.Struct("<4q")  # helper, chunk, offset, length: one finished chunk


def _read_many(
    root: Path,
    names: list[str],
    meanwhile: Callable[[], object] | None,
    finish: Callable[[str, Any], Any],
) -> list[Any]:
    """`finish(name, _read_one(root, name))` for every name, in order; with many names, the
    reading and parsing are shared with forked helper processes.

    YAML parsing is most of the time a large book takes to load, and it is Python code
    (libyaml only scans), so threads would not help. The files are cut into chunks whose
    numbers wait in a pipe. Helpers take numbers, write each parsed chunk to their own
    temporary file and announce it on a second pipe. This process, once `meanwhile` is
    done, `finish`es (validates) every announced chunk first and parses a chunk itself
    only when none is waiting, so both cores stay busy until the end. A chunk whose
    helper fails is read here.
    """
    helpers = _helper_count(len(names))
    if not helpers:
        if meanwhile is not None:
            meanwhile()
        return [finish(name, _read_one(root, name)) for name in names]
    size = max(50, len(names) // (64 * (helpers + 1)))
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    results: list[list[Any] | None] = [None] * len(chunks)
    queue, feed = os.pipe()
    try:
        os.write(feed, b"".join(i.to_bytes(4, "little") for i in range(len(chunks))))
    finally:
        os.close(feed)  # before forking: the queue ends when it is empty
    notes, announce = os.pipe()
    outs: list[Any] = []
    pids: list[int] = []
    try:
        for number in range(helpers):
            child = _fork_reader(root, chunks, queue, announce, number)
            if child is not None:
                pids.append(child[0])
                outs.append(child[1])
        os.close(announce)  # the notes pipe ends when every helper has exited
        announce = -1
        if meanwhile is not None:
            meanwhile()
        queued = True
        while True:
            note = _next_note(notes, wait=not queued)
            if note is not None:
                helper, index, offset, length = note
                rows = pickle.loads(os.pread(outs[helper].fileno(), length, offset))
                results[index] = [
                    finish(name, value if ok else InvalidForecastFile(root / name, *value))
                    for name, (ok, value) in zip(chunks[index], rows, strict=True)
                ]
            elif queued:
                index = next(_take(queue), None)
                if index is None:
                    queued = False
                else:
                    results[index] = [finish(n, _read_one(root, n)) for n in chunks[index]]
            else:
                break
    finally:
        for fd in (queue, notes, announce):
            if fd >= 0:
                os.close(fd)
        for pid in pids:
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)
        for out in outs:
            out.close()
    out_values: list[Any] = []
    for index, rows in enumerate(results):
        if rows is None:  # its helper failed
            rows = [finish(n, _read_one(root, n)) for n in chunks[index]]
        out_values.extend(rows)
    return out_values


def _next_note(notes: int, *, wait: bool) -> tuple[int, int, int, int] | None:
    """The next finished-chunk note, or None: none waiting (unless `wait`), or all done."""
    if not wait and not select.select([notes], [], [], 0)[0]:
        return None
    raw = os.read(notes, _NOTE.size)  # notes are written whole (< PIPE_BUF: atomic)
    return _NOTE.unpack(raw) if len(raw) == _NOTE.size else None


def _take(queue: int) -> Iterator[int]:
    """Chunk numbers from the shared queue until it is empty (4-byte reads are atomic)."""
    while True:
        raw = os.read(queue, 4)
        if len(raw) < 4:
            return
        yield int.from_bytes(raw, "little")


def _helper_count(files: int) -> int:
    """Helper processes to fork for parsing `files` files: one per other core, or none."""
    if files < PARALLEL_MIN or not hasattr(os, "fork"):
        return 0
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return 0  # forking a process with threads can deadlock the child
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(0, min(cores, 8) - 1)


def _fork_reader(
    root: Path, chunks: list[list[str]], queue: int, announce: int, number: int
) -> tuple[int, Any] | None:
    """Fork helper `number`: it parses chunks from `queue` into an unnamed temporary file
    and announces each one on `announce`. None if it cannot be started."""
    try:
        out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _read_many
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        out.close()
        return None
    if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
        status = 1
        try:
            gc.disable()
            fd, offset = out.fileno(), 0
            for index in _take(queue):
                rows = []
                for name in chunks[index]:
                    result = _read_one(root, name)
                    if isinstance(result, InvalidForecastFile):
                        rows.append((False, (result.line, result.message)))
                    else:
                        rows.append((True, result))
                record = memoryview(pickle.dumps(rows, protocol=5))
                written = 0
                while written < len(record):
                    written += os.pwrite(fd, record[written:], offset + written)
                os.write(announce, _NOTE.pack(number, index, offset, len(record)))
                offset += len(record)
            status = 0
        finally:
            os._exit(status)
    return pid, out


# -- cache (outside the book, rebuilt silently when stale or corrupt) --------------------


def cache_dir() -> Path:
    """Where parsed entries are cached: `FORECASTBOOK_CACHE_DIR`, else the user cache folder."""
    env = os.environ.get("FORECASTBOOK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "forecastbook"


def cache_path(root: Path, kind: str) -> Path:
    """The cache file of `kind` for the book at `root`."""
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"book-{digest}.{kind}.pickle"


def cache_enabled() -> bool:
    """False when `FORECASTBOOK_NO_CACHE` is set."""
    return not os.environ.get("FORECASTBOOK_NO_CACHE")


def read_cache(root: Path, kind: str, stamp: Any) -> Any:
    """The cached object of `kind`, or None when missing, damaged or of another `stamp`."""
    if not cache_enabled():
        return None
    try:
        with open(cache_path(root, kind), "rb") as handle:
            saved_stamp, value = _decode(handle.read())
        if saved_stamp == stamp:
            return value
    except Exception:
        pass
    return None


def write_cache(root: Path, kind: str, stamp: Any, value: Any) -> None:
    """Save `value` as the cache of `kind` (silently nothing when it cannot be written)."""
    if not cache_enabled():
        return
    try:
        path = cache_path(root, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        # No fsync: a cache lost in a crash is rebuilt (the checksum notices a torn file).
        atomic_write(path, _encode((stamp, value)), sync=False)
    except (OSError, pickle.PicklingError):
        pass  # a cache that cannot be written is not an error


def _encode(value: Any) -> bytes:
    """A checksum, then `value` in marshal format when it holds only plain Python values
    (three times faster to write than pickle), else pickled."""
    import marshal
    import zlib

    try:
        body = b"M" + marshal.dumps(value)
    except ValueError:  # dates and datetimes (unquoted YAML timestamps) are not marshallable
        body = b"P" + pickle.dumps(value, protocol=5)
    return zlib.crc32(body).to_bytes(4, "little") + body


def _decode(raw: bytes) -> Any:
    """The value `_encode` wrote; `ValueError` when the bytes are damaged."""
    import marshal
    import zlib

    view = memoryview(raw)
    if len(raw) < 5 or zlib.crc32(view[4:]) != int.from_bytes(raw[:4], "little"):
        raise ValueError("damaged cache")
    # The cache is written by this user into their own cache folder, never shipped.
    if raw[4:5] == b"M":
        return marshal.loads(view[5:])
    if raw[4:5] == b"P":
        return pickle.loads(view[5:])
    raise ValueError("unknown cache format")


def _cache_read(root: Path, kind: str) -> dict[str, Any]:
    entries = read_cache(root, kind, _entry_stamp())
    return entries if isinstance(entries, dict) else {}


def _cache_write(root: Path, kind: str, entries: dict[str, Any]) -> None:
    write_cache(root, kind, _entry_stamp(), entries)


def _entry_stamp() -> tuple[Any, ...]:
    return (CACHE_VERSION, sys.version, code_stamp(_ENTRY_CODE))


_ENTRY_CODE = ("models.py", "summary.py", "yamlio.py")
"""The modules that decide what a cached entry holds."""


def code_stamp(names: Iterable[str] | None = None) -> tuple[int, ...]:
    """Changes whenever one of the package's modules `names` (default: all) changes."""
    here = Path(__file__).parent
    files = sorted(names) if names is not None else sorted(os.listdir(here))
    stamp = []
    for name in files:
        if name.endswith(".py"):
            st = os.stat(here / name)
            stamp += [st.st_mtime_ns, st.st_size]
    return tuple(stamp)


# -- writing -----------------------------------------------------------------------------


def atomic_write(path: Path, content: bytes, *, sync: bool = True) -> None:
    """Write `content` to `path` via a temporary file in the same folder and `os.replace`;
    with `sync`, flushed to disk first (and the folder after)."""
    mode = None
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the book for a read-modify-write.

    The lock is `flock` on the book folder itself: nothing is added to the book, and the
    kernel releases it when the holder exits or is killed, so a lock never goes stale.
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
    import fcntl

    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def render_new(forecast: Forecast, header: str = "") -> str:
    """The text of a new file for `forecast`."""
    from . import yamlio
    from .models import dump_forecast

    return yamlio.dump(dump_forecast(forecast), header)


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
        from .errors import Conflict

        msg = f"{forecast_id}: a question with this id already exists ({path})"
        raise Conflict(msg)
    return path


def _write(path: Path, text: str) -> None:
    """Write one book file; the caller holds the book lock."""
    _remove_stale_temps(path)
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        msg = f"{path}: cannot write ({exc.strerror}); the file is unchanged"
        raise ForecastbookError(msg) from None


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
    from .models import dump_forecast

    again = parse(text, path)
    if dump_forecast(again) != dump_forecast(forecast):  # pragma: no cover - a bug guard
        msg = f"{path}: internal error: the written text would not read back; nothing written"
        raise ForecastbookError(msg)


def edit(root: Path, forecast_id: str, change: Callable[[Forecast], Forecast]) -> Forecast:
    """Read-modify-write one question under the lock, keeping comments and key order.

    `change` gets the current forecast and returns the new one (or raises). The file is
    rewritten only if its text changes.
    """
    from . import yamlio
    from .models import dump_forecast

    path = path_for(root, forecast_id)
    with locked(root):
        text = read_text(path, root)
        current = parse(text, path)
        updated = change(current)
        if updated == current:
            return current
        old_data, new_data = dump_forecast(current), dump_forecast(updated)
        try:
            new_text = yamlio.update(text, old_data, new_data)
            _check_round_trip(new_text, path, updated)
        except (ForecastbookError, yamlio.YamlError):
            # The round-trip editor could not express the change: write it fresh, keeping
            # the comment block at the top of the file, rather than lose the user's change.
            new_text = render_new(updated, _leading_comments(text))
            _check_round_trip(new_text, path, updated)
        if new_text != text:
            _write(path, new_text)
        return updated


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
    "atomic_write",
    "book_files",
    "book_ids",
    "edit",
    "load_book",
    "load_summaries",
    "locked",
    "parse",
    "parse_problems",
    "read_forecast",
    "write_new",
    "write_new_text",
]
