"""The book on disk: one YAML file per question, atomic writes, a lock, and a parse cache.

Files are user data. Every write goes to a temporary file in the same folder and is moved
into place with `os.replace`; read-modify-write holds an exclusive lock on the book folder;
a file whose bytes would not change is not rewritten; hand-written comments survive edits.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
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

CACHE_VERSION = 6


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


def read_text(path: Path, root: Path | None = None) -> str:
    """A forecast file's text, refusing symlinks out of the book, huge files and bad UTF-8."""
    if root is not None and path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            raise InvalidForecastFile(path, None, "symlink points outside the book")
    try:
        # O_NONBLOCK: a FIFO named *.yaml must not hang the command; only regular files
        # are read (FIFOs, devices and folders are refused after the open).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as handle:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InvalidForecastFile(path, None, "not a regular file")
            # Read what fstat says is there (plus one byte to notice growth): asking for
            # MAX_FILE_BYTES + 1 up front allocates a megabyte for every small file.
            raw = handle.read(min(st.st_size, MAX_FILE_BYTES) + 1)
            if len(raw) > st.st_size:  # grew while we read: take the rest, still bounded
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
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


def parse(text: str, path: Path) -> Forecast:
    """Validate YAML text as a forecast; the first problem becomes `InvalidForecastFile`."""
    result = parse_problems(text, path)
    if isinstance(result, list):
        raise result[0]
    return result


def parse_problems(text: str, path: Path) -> Forecast | list[InvalidForecastFile]:
    """The forecast in `text`, or every problem with it (file, line, message)."""
    from pydantic import ValidationError

    from . import yamlio
    from .models import Forecast

    try:
        data = yamlio.load(text)
    except yamlio.YamlError as exc:
        return [InvalidForecastFile(path, exc.line, f"malformed YAML: {exc}")]
    if not isinstance(data, dict):
        return [InvalidForecastFile(path, 1, "not a forecast: expected a mapping of fields")]
    try:
        forecast = Forecast.model_validate(data)
    except ValidationError as exc:
        return [_problem(path, text, err) for err in exc.errors(include_url=False)]
    except RecursionError:
        return [InvalidForecastFile(path, None, "nested too deeply")]
    expected = path.name[: -len(SUFFIX)] if path.name.endswith(SUFFIX) else None
    if expected is not None and forecast.id != expected:
        line = yamlio.line_of(text, ("id",))
        message = f"id: {forecast.id!r} does not match the file name {path.name!r}"
        return [InvalidForecastFile(path, line, message)]
    return forecast


def _problem(path: Path, text: str, err: Any) -> InvalidForecastFile:
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


def load_book(root: Path, *, cache: bool = True) -> Loaded:
    """Every forecast in the book; files that fail are reported in `problems`, not raised.

    With `cache`, parsed entries are kept (outside the book) keyed by file name, size,
    and modification time, so unchanged files are not parsed again.
    """
    forecasts, problems = _load_entries(root, cache=cache, kind="forecasts")
    return Loaded(forecasts, problems)


def load_summaries(root: Path) -> tuple[list[Summary], list[InvalidForecastFile]]:
    """A `Summary` of every valid question (from the cache when fresh), and the problems."""
    entries, problems = _load_entries(root, cache=True, kind="summaries")
    return [Summary(*fields) for fields in entries], problems


def _load_entries(
    root: Path, *, cache: bool, kind: str
) -> tuple[list[Any], list[InvalidForecastFile]]:
    """Of every valid file, the forecast (`kind="forecasts"`) or its summary fields.

    The two kinds have separate caches: `list` reads plain summary tuples and never pays for
    building pydantic models, and `score` unpickles its forecasts in one pass.
    """
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
    cached = _cache_read(root, kind) if cache else {}
    fresh: dict[str, tuple[tuple[int, ...], Any]] = {}
    values: list[Any] = []
    problems: list[InvalidForecastFile] = []
    changed = False
    for entry in found:
        key = None
        try:
            if not entry.is_symlink():
                st = entry.stat(follow_symlinks=False)
                key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        except OSError:
            pass
        hit = cached.get(entry.name)
        if key is not None and hit is not None and hit[0] == key:
            value = hit[1]
        else:
            changed = True
            try:
                forecast = read_forecast(root / entry.name, root)
            except InvalidForecastFile as exc:
                problems.append(exc)
                continue
            value = forecast if kind == "forecasts" else Summary.of(forecast).fields()
        if key is not None:
            fresh[entry.name] = (key, value)
        values.append(value)
    if cache and (changed or len(fresh) != len(cached)):
        _cache_write(root, kind, fresh)
    return values, problems


# -- cache (outside the book, rebuilt silently when stale or corrupt) --------------------


def cache_dir() -> Path:
    """Where parsed entries are cached: `FORECASTBOOK_CACHE_DIR`, else the user cache folder."""
    env = os.environ.get("FORECASTBOOK_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "forecastbook"


def _cache_path(root: Path, kind: str) -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"book-{digest}.{kind}.pickle"


def _cache_read(root: Path, kind: str) -> dict[str, Any]:
    if os.environ.get("FORECASTBOOK_NO_CACHE"):
        return {}
    try:
        with open(_cache_path(root, kind), "rb") as handle:
            # The cache is written by this user into their own cache folder, never shipped.
            version, entries = pickle.load(handle)
        if version == (CACHE_VERSION, _code_stamp()) and isinstance(entries, dict):
            return entries
    except Exception:
        pass
    return {}


def _cache_write(root: Path, kind: str, entries: dict[str, Any]) -> None:
    if os.environ.get("FORECASTBOOK_NO_CACHE"):
        return
    try:
        path = _cache_path(root, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = pickle.dumps(((CACHE_VERSION, _code_stamp()), entries), protocol=5)
        atomic_write(path, payload)
    except (OSError, pickle.PicklingError):
        pass  # a cache that cannot be written is not an error


def _code_stamp() -> int:
    """Changes whenever models.py or summary.py changes, so stale cached objects are dropped."""
    here = Path(__file__).parent
    stamp = 0
    for name in ("models.py", "summary.py"):
        st = os.stat(here / name)
        stamp ^= st.st_mtime_ns ^ st.st_size
    return stamp


# -- writing -----------------------------------------------------------------------------


def atomic_write(path: Path, content: bytes) -> None:
    """Write `content` to `path` via a temporary file in the same folder and `os.replace`."""
    mode = None
    with contextlib.suppress(OSError):
        mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
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
