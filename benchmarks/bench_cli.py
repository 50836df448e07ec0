"""Bookkeeping speed: `forecastbook add` and `list` on a 1,000-question book.

Prints the median wall time of each command next to the baseline
`python -c "import typer, pydantic, yaml"` (target: at most 1.5 times the baseline).

Commands run without PYTHONDONTWRITEBYTECODE, and each runs once before it is timed, so
forecastbook's own modules are timed from .pyc files as on a normal install (site-packages
already have theirs); otherwise every run would compile them from source.

Run: python benchmarks/bench_cli.py [--questions 1000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generated_book import make_book


def median_time(cmd: list[str], env: dict[str, str], repeat: int, reset=None) -> float:
    if reset:
        reset()
    # The untimed run writes .pyc files (and fills the parse cache for `list`).
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(repeat):
        if reset:
            reset()
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    beside = Path(sys.executable).parent / "forecastbook"
    exe = str(beside) if beside.exists() else shutil.which("forecastbook")
    if exe is None:
        sys.exit("forecastbook is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "book"
        make_book(root, args.questions)
        env = dict(os.environ, FORECASTBOOK_CACHE_DIR=str(Path(tmp) / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        base = median_time([sys.executable, "-c", "import typer, pydantic, yaml"], env, args.repeat)
        list_t = median_time([exe, "--book", str(root), "list"], env, args.repeat)
        list_cold = median_time(
            [exe, "--book", str(root), "list"],
            env,
            max(3, args.repeat // 5),
            reset=lambda: shutil.rmtree(Path(tmp) / "cache", ignore_errors=True),
        )

        def remove_added() -> None:
            for p in root.glob("bench-added*.yaml"):
                p.unlink()

        add_cmd = [exe, "--book", str(root), "add", "Bench added question?", "--p", "0.4",
                   "--resolve-by", "2030-01-01", "--id", "bench-added"]  # fmt: skip
        add_t = median_time(add_cmd, env, args.repeat, reset=remove_added)
    print(f"command: python benchmarks/bench_cli.py --questions {args.questions}"
          f" --repeat {args.repeat}")  # fmt: skip
    print(f"baseline  python -c 'import typer, pydantic, yaml'   {base * 1000:7.1f} ms")
    print(f"forecastbook list  ({args.questions} questions, cached) {list_t * 1000:7.1f} ms"
          f"  = {list_t / base:.2f} x baseline (target <= 1.5)")  # fmt: skip
    print(f"forecastbook list  (cold, no cache)          {list_cold * 1000:7.1f} ms"
          f"  = {list_cold / base:.2f} x baseline")  # fmt: skip
    print(f"forecastbook add                             {add_t * 1000:7.1f} ms"
          f"  = {add_t / base:.2f} x baseline (target <= 1.5)")  # fmt: skip


if __name__ == "__main__":
    main()
