"""Run the real `forecastbook` in child processes (helpers for the reliability suite)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BIN = Path(sys.executable).parent / "forecastbook"


def console_script() -> list[str]:
    """The installed `forecastbook` console script, or `python -m forecastbook` without it."""
    return [str(BIN)] if BIN.exists() else [sys.executable, "-m", "forecastbook"]


def module_command() -> list[str]:
    """`python -m forecastbook`."""
    return [sys.executable, "-m", "forecastbook"]


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment (isolated cache, fixed forecaster) plus `extra`."""
    env = dict(os.environ)
    env.pop("PYTHONWARNINGS", None)
    env.update(extra)
    return env


def start(command: Sequence[str], book: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """Start `command --book BOOK ARGS...` without waiting."""
    return subprocess.Popen(
        [*command, "--book", str(book), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**env),
    )


def run(
    command: Sequence[str], book: Path, *args: str, timeout: float = 120
) -> tuple[int, str, str]:
    """Run the CLI to completion: (exit code, stdout, stderr)."""
    proc = start(command, book, *args)
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def finish(procs: Sequence[subprocess.Popen[str]], timeout: float) -> list[tuple[int, str, str]]:
    """Wait for every process (killing all on timeout): their (code, stdout, stderr)."""
    results = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=timeout)
            results.append((proc.returncode, out, err))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return results
