"""`forecastbook score` remembers its result per book state: the same book scores the same
without loading it again; any change to a file, the arguments or the code computes afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from forecastbook import memo, store


@pytest.fixture
def scored(fb, book_dir: Path) -> Path:
    fb("add", "Rain?", "--p", "0.8", "--id", "rain", "--at", "2025-01-01")
    fb("add", "Snow?", "--p", "0.3", "--id", "snow", "--at", "2025-01-01")
    fb("resolve", "rain", "yes", "--at", "2025-02-01")
    fb("resolve", "snow", "no", "--at", "2025-02-01")
    return book_dir


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded the book although the result was remembered")

    monkeypatch.setattr(store, "load_book", fail)


@pytest.mark.parametrize("args", [[], ["--json"], ["--csv"], ["--by", "forecaster", "--bins", "4"]])
def test_an_unchanged_book_is_not_loaded_again(fb, scored: Path, monkeypatch, args) -> None:
    first = fb("score", *args)
    assert first.exit_code == 0, first.output
    no_loading(monkeypatch)
    again = fb("score", *args)
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout


def test_other_arguments_are_computed(fb, scored: Path) -> None:
    plain = json.loads(fb("score", "--json").stdout)
    doubled = json.loads(fb("score", "--json", "--scale", "2").stdout)
    assert doubled["brier"] == pytest.approx(2 * plain["brier"])
    early = json.loads(fb("score", "--json", "--as-of", "2025-01-15").stdout)
    assert early["count"] == 0 and plain["count"] == 2


def test_a_changed_file_is_scored_afresh(fb, scored: Path) -> None:
    before = json.loads(fb("score", "--json").stdout)
    assert fb("resolve", "snow", "yes", "--correct", "--note", "misread").exit_code == 0
    after = json.loads(fb("score", "--json").stdout)
    assert after["brier"] != before["brier"]
    (scored / "hail.yaml").write_text("id: hail\n")  # a new, broken file
    result = fb("score", "--json")
    assert json.loads(result.stdout) == after
    assert "skipped" in result.stderr and "hail.yaml" in result.stderr


def test_skipped_files_are_reported_from_memory_too(fb, scored: Path, monkeypatch) -> None:
    (scored / "hail.yaml").write_text("id: hail\n")
    first = fb("score")
    no_loading(monkeypatch)
    again = fb("score")
    assert again.stderr == first.stderr
    assert again.stderr.startswith("skipped ") and "hail.yaml" in again.stderr


def test_new_code_computes_afresh(fb, scored: Path, monkeypatch) -> None:
    fb("score")
    stamp = memo.code_stamp()
    monkeypatch.setattr(memo, "code_stamp", lambda: (*stamp, "changed"))
    loads = []
    load_book = store.load_book
    monkeypatch.setattr(store, "load_book", lambda *a, **k: loads.append(1) or load_book(*a, **k))
    assert fb("score").exit_code == 0
    assert loads == [1]


def test_damaged_memory_is_ignored(fb, scored: Path) -> None:
    expected = fb("score").stdout
    path = store.cache_path(scored, memo.KIND)
    assert path.exists()
    path.write_bytes(b"\x80\x05 not a pickle")
    assert fb("score").stdout == expected


def test_no_cache_means_no_memory(fb, scored: Path, monkeypatch) -> None:
    monkeypatch.setenv("FORECASTBOOK_NO_CACHE", "1")
    assert fb("score").exit_code == 0
    assert not store.cache_path(scored, memo.KIND).exists()


def test_a_symlinked_file_is_never_remembered(fb, scored: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text((scored / "rain.yaml").read_text().replace("id: rain", "id: link"))
    (scored / "link.yaml").symlink_to(target)
    assert store.scan(scored).fingerprint() is None
    assert fb("score").exit_code == 0
    assert not store.cache_path(scored, memo.KIND).exists()


def test_a_remembered_score_does_not_import_pandas(fb, scored: Path) -> None:
    code = (
        "import sys\nfrom forecastbook.cli import main\n"
        f"sys.argv = ['forecastbook', '--book', {str(scored)!r}, 'score']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS')\n"
    )
    env = dict(os.environ)
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert runs[0].stdout.splitlines()[-1] == "PANDAS"
    assert runs[1].stdout.splitlines()[-1] == "NO-PANDAS"
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]
