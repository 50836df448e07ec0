"""Read-only book, full disk, missing folder: clear errors, nothing half-written (issue 7).

Faults are injected in-process where the real condition needs root (a full tmpfs, a
read-only mount), and for real in a child process where the kernel can do it unprivileged
(RLIMIT_FSIZE makes writes past a size fail with EFBIG, much like a full disk).
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from procs import child_env, console_script
from typer.testing import CliRunner

from forecastbook.book import store
from forecastbook.cli import app

pytestmark = pytest.mark.timeout(300)

HAND = """\
# my notes
id: rain
question: Will it rain?  # really
created: 2024-01-01
predictions:
- at: 2024-01-02T10:00:00+00:00
  by: me
  p: 0.3
"""

WRITES = [
    ["update", "rain", "--p", "0.4"],
    ["resolve", "rain", "yes"],
    ["add", "A new question?", "--p", "0.5"],
    ["add", "A new question?", "--id", "fresh", "--p", "0.5"],
]


@pytest.fixture
def book(tmp_path: Path) -> Path:
    root = tmp_path / "forecasts"
    root.mkdir()
    (root / "rain.yaml").write_text(HAND)
    return root


def _state(root: Path) -> dict[str, bytes]:
    """Every entry of the book, hidden temp files included."""
    return {name: (root / name).read_bytes() for name in sorted(os.listdir(root))}


def _fails_cleanly(root: Path, args: list[str], *fragments: str) -> str:
    before = _state(root)
    result = CliRunner().invoke(app, ["--book", str(root), *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert _state(root) == before  # nothing half-written, no temp file left behind
    return lines[0]


def _raise(code: int) -> Callable[..., Any]:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


class _FailingWrites:
    """A file object whose writes put some bytes down, then fail like a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _FailingWrites:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[:10])
        self.handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


@pytest.mark.parametrize("where", ["mkstemp", "write", "fsync", "chmod", "replace"])
@pytest.mark.parametrize("args", WRITES, ids=lambda a: "-".join(a[:2]))
def test_full_disk(
    book: Path, monkeypatch: pytest.MonkeyPatch, where: str, args: list[str]
) -> None:
    enospc = _raise(errno.ENOSPC)
    if where == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", enospc)
    elif where == "write":
        real = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FailingWrites(real(*a, **k)))
    elif where == "fsync":
        monkeypatch.setattr(os, "fsync", enospc)
    elif where == "chmod":
        monkeypatch.setattr(os, "chmod", enospc)
    else:
        monkeypatch.setattr(os, "replace", enospc)
    line = _fails_cleanly(book, args, "No space left on device", "the file is unchanged")
    assert str(book) in line
    monkeypatch.undo()
    # Once there is room again, the same command works.
    result = CliRunner().invoke(app, ["--book", str(book), *args])
    assert result.exit_code == 0, result.output
    assert not [n for n in os.listdir(book) if n.endswith(".tmp")]


@pytest.mark.parametrize("args", WRITES, ids=lambda a: "-".join(a[:2]))
@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_read_only_book(
    book: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int
) -> None:
    # As root, chmod does not stop writes; fail where a read-only folder would.
    monkeypatch.setattr(tempfile, "mkstemp", _raise(code))
    _fails_cleanly(book, args, str(book), os.strerror(code), "the file is unchanged")
    # Reading still works.
    runner = CliRunner()
    for read in (["list"], ["show", "rain"], ["validate"], ["due"]):
        result = runner.invoke(app, ["--book", str(book), *read])
        assert result.exit_code == 0, (read, result.output)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root ignores folder permissions"
)
@pytest.mark.parametrize("args", WRITES, ids=lambda a: "-".join(a[:2]))
def test_really_read_only_book(book: Path, args: list[str]) -> None:  # pragma: no cover
    book.chmod(0o555)
    try:
        _fails_cleanly(book, args, str(book), "Permission denied")
        result = CliRunner().invoke(app, ["--book", str(book), "list"])
        assert result.exit_code == 0
    finally:
        book.chmod(0o755)


def _no_core_and_small_files(limit: int) -> Callable[[], None]:
    def setup() -> None:
        # Ignored signals stay ignored across exec: writes past the limit fail with EFBIG
        # instead of killing the process with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return setup


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("args", WRITES, ids=lambda a: "-".join(a[:2]))
def test_file_size_limit_in_a_real_process(book: Path, args: list[str]) -> None:
    """A real `forecastbook` that cannot write more than 100 bytes per file."""
    before = _state(book)
    proc = subprocess.run(
        [*console_script(), "--book", str(book), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        preexec_fn=_no_core_and_small_files(100),
        timeout=120,
    )
    assert proc.returncode == 1, proc
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith(f"Error: {book}"), proc.stderr
    assert "File too large" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert _state(book) == before


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["due"],
        ["validate"],
        ["show", "rain"],
        *WRITES,
        ["resolve", "rain", "--reopen"],
        ["accept", "rain"],
    ],
    ids=lambda a: "-".join(a[:2]),
)
@pytest.mark.parametrize("kind", ["missing", "a-file", "missing-parent"])
def test_missing_book_folder(tmp_path: Path, args: list[str], kind: str) -> None:
    root = {
        "missing": tmp_path / "nowhere",
        "a-file": tmp_path / "plain-file",
        "missing-parent": tmp_path / "no" / "such" / "place",
    }[kind]
    if kind == "a-file":
        root.write_text("not a folder\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    line = _fails_cleanly(tmp_path, ["--book", str(root), *args], str(root))
    assert "no such book folder" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_init_where_a_folder_cannot_be(tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("x\n")
    _fails_cleanly(tmp_path, ["--book", str(tmp_path / "plain-file"), "init"], "plain-file")
    _fails_cleanly(tmp_path, ["--book", str(tmp_path / "plain-file" / "sub"), "init"], "sub")


def test_book_folder_deleted_while_the_cache_remembers_it(book: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["--book", str(book), "list"]).exit_code == 0  # fills the cache
    for name in os.listdir(book):
        (book / name).unlink()
    book.rmdir()
    result = runner.invoke(app, ["--book", str(book), "list"])
    assert result.exit_code == 1
    assert "no such book folder" in result.stderr
    assert not book.exists()


def test_store_write_failure_leaves_no_temp_files(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _raise(errno.EIO))
    with pytest.raises(OSError, match="Input/output error"):
        store.atomic_write(book / "rain.yaml", b"new text")
    assert _state(book) == {"rain.yaml": HAND.encode()}
