"""`forecastbook score` on a generated book of 10,000 question files.

Measures, each in a fresh process (interpreter start-up included in every figure):

* PyYAML's C loader parsing the same files (read + `yaml.load(..., CSafeLoader)`);
* the first `forecastbook score` (empty caches): target at most 1.3 times the above;
* later runs with no file changed: target at least 3 times faster than the first. `score`
  remembers its result per book state (forecastbook.memo), so a repeated run reads no file;
* for scale, a later run whose result is not remembered (the parse cache only, as after
  `score` with other arguments).

Our modules get .pyc files as on a normal install (PYTHONDONTWRITEBYTECODE is dropped and
every command runs once before timing); otherwise every run would compile them from source
while the libraries of the baseline load from .pyc.

Run: python benchmarks/bench_book.py [--questions 10000] [--repeat 3]
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

YAML_ONLY = """\
import os, sys, yaml
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    with open(os.path.join(root, name), encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""


def run(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fb-bench-book-"))
    try:
        book, cache = tmp / "forecasts", tmp / "cache"
        make_book(book, args.questions, resolved=True)
        env = dict(os.environ, FORECASTBOOK_CACHE_DIR=str(cache))
        env.pop("FORECASTBOOK_NO_CACHE", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        score = [sys.executable, "-m", "forecastbook", "--book", str(book), "score"]
        yaml_cmd = [sys.executable, "-c", YAML_ONLY, str(book)]
        run(yaml_cmd, env)  # warm the OS file cache for both
        run(score, env)  # and write our .pyc files
        yaml_times, first_times, cached_times, parsed_times = [], [], [], []
        for _ in range(args.repeat):
            yaml_times.append(run(yaml_cmd, env))
            shutil.rmtree(cache, ignore_errors=True)
            first_times.append(run(score, env))
            cached_times.extend(run(score, env) for _ in range(2))
            for remembered in cache.glob("*.results.pickle"):
                remembered.unlink()
            parsed_times.append(run(score, env))
        t_yaml = statistics.median(yaml_times)
        t_first = statistics.median(first_times)
        t_cached = statistics.median(cached_times)
        t_parsed = statistics.median(parsed_times)
        print(f"command: {' '.join([sys.executable, *sys.argv])}")
        print(f"book: {args.questions:,} files in a temp folder; median of {args.repeat} runs")
        print(f"PyYAML CSafeLoader parse (process) : {t_yaml:6.2f} s")
        print(
            f"first forecastbook score (no cache): {t_first:6.2f} s"
            f"  ({t_first / t_yaml:.2f}x the YAML parse; target <= 1.3x)"
        )
        print(
            f"cached forecastbook score          : {t_cached:6.2f} s"
            f"  ({t_first / t_cached:.2f}x faster than the first; target >= 3x)"
        )
        print(
            f"score, result not remembered       : {t_parsed:6.2f} s"
            f"  ({t_first / t_parsed:.2f}x faster than the first; parse cache only)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
