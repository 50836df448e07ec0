"""Hostile files in the book: a clear error for that file, bounded time and memory, nothing
outside the book read or written, and the rest of the book still usable (issue 7).

The CLI runs in child processes with an address-space limit, so a crash (libyaml used to
overflow the C stack on deep nesting) or a memory blow-up fails the test instead of the run.
"""

from __future__ import annotations

import hashlib
import os
import random
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from procs import child_env, console_script

from forecastbook.format import yamlio

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(sys.platform == "win32", reason="rlimits, FIFOs and symlinks are POSIX"),
]

MEMORY_LIMIT = 1 << 30  # address space of each child, bytes
MAX_RSS_KB = 300_000  # peak resident memory of one command
MAX_SECONDS = 30.0  # wall time of one command (generous: the machine is shared)

GOOD = """\
# a good question, next to the hostile ones
id: good
question: Is the rest of the book still usable?
created: 2024-01-01
predictions:
- at: 2024-01-02T10:00:00+00:00
  by: me
  p: 0.5
"""

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)


def _hostile_files(book: Path, outside: Path) -> dict[str, str]:
    """Create the hostile files; returns file name -> a fragment its error must contain."""
    rng = random.Random(7)
    files: dict[str, str] = {}

    def put(name: str, content: str | bytes, fragment: str) -> None:
        data = content.encode() if isinstance(content, str) else content
        (book / name).write_bytes(data)
        files[name] = fragment

    put("object.yaml", "!!python/object/apply:os.system ['touch PWNED']\n", "tag not allowed")
    put(
        "object-field.yaml",
        "id: object-field\nquestion: !!python/object/new:os.system [touch PWNED]\n"
        "created: 2024-01-01\n",
        "tag not allowed",
    )
    put("laughs.yaml", LAUGHS, "anchor 'a' not allowed")
    put("alias-only.yaml", "id: *x\n", "alias")
    # Deep nesting: forecastbook or libyaml may refuse it first (PyYAML 6.0.4 has its own
    # depth limit); either way the user gets one line naming the file, with no crash.
    put("deep-flow.yaml", "id: x\nquestion: " + "[" * 300_000 + "]" * 300_000, "")
    put("deep-map.yaml", "q: " + "{a: " * 150_000 + "1" + "}" * 150_000, "")
    put("deep-dash.yaml", "- " * 400_000 + "x\n", "")
    put("deep-indent.yaml", "".join(" " * i + "k:\n" for i in range(1_300)) + "  v\n", "")
    put("garbage.yaml", bytes(rng.randrange(256) for _ in range(4096)), "not valid UTF-8")
    put("nul.yaml", b"id: nul\nquestion: \x00\x00\x00\ncreated: 2024-01-01\n", "")
    put("latin1.yaml", "id: latin1\nquestion: Caf\xe9?\n".encode("latin-1"), ":2: not valid UTF-8")
    put("utf16.yaml", "id: utf16\n".encode("utf-16"), "")
    put("long-line.yaml", "id: " + "x" * 900_000 + "\n", "")
    put("list.yaml", "- just\n- a list\n", "expected a mapping")
    put("empty.yaml", "", "expected a mapping")
    with open(book / "big.yaml", "wb") as handle:  # 50 MB of harmless-looking YAML
        chunk = b"- lol\n" * 100_000
        for _ in range(50_000_000 // len(chunk) + 1):
            handle.write(chunk)
    files["big.yaml"] = "larger than 1,000,000 bytes"
    os.symlink(outside, book / "outside.yaml")
    files["outside.yaml"] = "symlink points outside the book"
    os.symlink("/dev/zero", book / "zero.yaml")
    files["zero.yaml"] = "symlink points outside the book"
    os.symlink(outside.parent, book / "outdir.yaml")
    files["outdir.yaml"] = "symlink points outside the book"
    os.mkfifo(book / "fifo.yaml")
    files["fifo.yaml"] = "not a regular file"
    (book / "folder.yaml").mkdir()
    files["folder.yaml"] = "folder.yaml:"
    return files


@dataclass
class Ran:
    code: int
    out: str
    err: str
    seconds: float
    max_rss_kb: int


def _limit() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(book: Path, *args: str) -> Ran:
    """Run the real CLI with a memory limit; measure its wall time and peak memory."""
    out_path, err_path = book.parent / "stdout.txt", book.parent / "stderr.txt"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [*console_script(), "--book", str(book), *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=child_env(),
            preexec_fn=_limit,
            cwd=book.parent,
        )
        timer = threading.Timer(120, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
    ran = Ran(proc.returncode, out_path.read_text(), err_path.read_text(), seconds, usage.ru_maxrss)
    out_path.unlink()
    err_path.unlink()
    assert ran.code >= 0, f"killed by signal {-ran.code}: {ran.err[-500:]}"
    assert "Traceback" not in ran.out + ran.err, ran.err[-2000:]
    assert ran.seconds < MAX_SECONDS, ran
    assert ran.max_rss_kb < MAX_RSS_KB, ran
    return ran


def _fingerprint(folder: Path) -> dict[str, str]:
    """Hash of every regular file under `folder` (symlinks and FIFOs are not followed)."""
    found = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    sandbox = tmp_path_factory.mktemp("hostile")
    book = sandbox / "forecasts"
    book.mkdir()
    secret = sandbox / "secret"
    secret.mkdir()
    outside = secret / "outside.yaml"
    outside.write_text(GOOD.replace("id: good", "id: outside").replace("usable", "SECRET"))
    files = _hostile_files(book, outside)
    (book / "good.yaml").write_text(GOOD)
    return book, files


def test_validate_reports_every_hostile_file(hostile: tuple[Path, dict[str, str]]) -> None:
    book, files = hostile
    before = _fingerprint(book.parent)
    ran = cli(book, "validate")
    assert ran.code == 1
    lines = ran.out.splitlines()
    for name, fragment in files.items():
        mine = [line for line in lines if line.startswith(f"{book / name}:")]
        assert mine, f"{name} not reported"
        assert any(fragment in line for line in mine), (name, mine)
    assert all(line.startswith(str(book)) for line in lines)
    assert not any(str(book / "good.yaml") in line for line in lines)
    assert "SECRET" not in ran.out + ran.err
    assert ran.err.endswith("; 1 valid question(s)\n")
    assert not (book.parent / "PWNED").exists()
    assert _fingerprint(book.parent) == before


def test_list_skips_hostile_files_and_shows_the_rest(hostile: tuple[Path, dict[str, str]]) -> None:
    book, files = hostile
    before = _fingerprint(book.parent)
    for args in (["list"], ["list", "--json"], ["due"]):
        ran = cli(book, *args)
        assert ran.code == 0, ran
        if args[0] == "list":
            assert "good" in ran.out
            skipped = [line for line in ran.err.splitlines() if line.startswith("skipped ")]
            assert len(skipped) >= len(files)
        assert "SECRET" not in ran.out + ran.err
        assert "outside" not in ran.out
    assert _fingerprint(book.parent) == before


HOSTILE_IDS = [
    "object", "laughs", "deep-flow", "deep-map", "deep-dash", "garbage", "latin1", "big",
    "outside", "zero", "fifo", "folder", "outdir",
]  # fmt: skip


@pytest.mark.parametrize("name", HOSTILE_IDS)
def test_commands_on_a_hostile_file_fail_cleanly(
    hostile: tuple[Path, dict[str, str]], name: str
) -> None:
    book, files = hostile
    before = _fingerprint(book.parent)
    for args in (["show", name], ["update", name, "--p", "0.4"], ["resolve", name, "yes"]):
        ran = cli(book, *args)
        assert ran.code == 1, ran
        assert ran.out == ""
        assert ran.err.count("\n") == 1, ran.err
        assert ran.err.startswith(f"Error: {book / (name + '.yaml')}"), ran.err
        assert files[name + ".yaml"] in ran.err
        assert "SECRET" not in ran.err
    assert _fingerprint(book.parent) == before
    assert (book / "outside.yaml").is_symlink()


def test_the_rest_of_the_book_stays_usable(hostile: tuple[Path, dict[str, str]]) -> None:
    book, _ = hostile
    ran = cli(book, "update", "good", "--p", "0.6", "--note", "still here")
    assert (ran.code, ran.out) == (0, "good: 2 predictions\n"), ran
    ran = cli(book, "add", "Can I still add?", "--id", "added", "--p", "0.3")
    assert (ran.code, ran.out) == (0, "added\n"), ran
    ran = cli(book, "show", "good")
    assert ran.code == 0
    assert "still here" in ran.out
    assert (book / "good.yaml").read_text().startswith(GOOD)
    ran = cli(book, "resolve", "added", "no")
    assert ran.code == 0, ran
    (book / "added.yaml").unlink()


def test_nesting_depth_is_bounded_in_process() -> None:
    limit = yamlio.MAX_DEPTH
    padding = "\n# " + "-" * 2_000  # enough indicators to trigger the depth scan
    ok = yamlio.load("x: " + "[" * (limit - 1) + "]" * (limit - 1) + padding)
    assert isinstance(ok["x"], list)
    with pytest.raises(yamlio.YamlError) as refused:  # whichever layer says it
        yamlio.load("x: " + "[" * limit + "]" * limit + padding)
    assert refused.value.line == 1
    for depth in (500, 999):  # under the scan threshold: composed, and harmless
        assert yamlio.load("[" * depth + "]" * depth) is not None
