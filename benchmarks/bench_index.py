"""The speed goals of the index (issue "One index"), as ratios measured side by side.

On a generated book of 5,000 questions (two in three resolved), each command in a fresh
process, `--repeat` times, interleaved with its baseline; the median of each is compared:

* `score`, one file changed since the last command (the normal day: resolve, then score)
  vs `python -c "import pandas, forecastbook"`                          goal <= 1.5 x
* `score`, nothing in the index yet, vs reading every file with PyYAML's C loader plus
  `import pandas, forecastbook`                                          goal <= 1.3 x
* `list`, index warm, vs `python -c "import typer, pydantic, yaml"`     goal <= 1.5 x
* `add`, vs the same baseline                                            goal <= 2 x
* `python -X importtime -c "import forecastbook"` imports neither pandas nor matplotlib.

The typer floor: a minimal typer app with two options (`TYPER_FLOOR`), nothing of ours, vs
the same `import typer, pydantic, yaml` baseline. typer >= 0.29 builds a pydantic
TypeAdapter for every parameter at run time, which imports pydantic's schema machinery (the
baseline's lazy `import pydantic` does not), so every command pays this ratio before our
code runs. Each command's line also gives its time over the floor's median (the `list` and
`add` ratios divided by the floor's show how much of them is ours).

Each figure is given twice: wall time, and CPU time (user + system of the process, which
another busy process on the machine disturbs much less). Our modules run from .pyc files as
on a normal install (one untimed run of each command first).

Run: python benchmarks/bench_index.py [--questions 5000] [--repeat 7]
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
from collections.abc import Callable
from pathlib import Path

from generated_book import make_book

BIN = Path(sys.executable).parent / "forecastbook"
YAML_THEN_IMPORT = """\
import os, sys, yaml
root = sys.argv[1]
for name in sorted(os.listdir(root)):
    with open(os.path.join(root, name), encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
import pandas, forecastbook
"""
TYPER_FLOOR = """\
from typing import Annotated
import typer
app = typer.Typer()
@app.command()
def main(tag: Annotated[list[str] | None, typer.Option()] = None,
         search: Annotated[str | None, typer.Option()] = None) -> None:
    pass
app()
"""


def run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`; fails loudly if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        assert proc.stderr is not None
        sys.exit(f"failed: {' '.join(command)}\n{proc.stderr.read().decode()}")
    if proc.stderr is not None:
        proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def compare(
    name: str,
    goal: float | None,
    command: Callable[[], list[str]],
    baseline: list[str],
    env: dict[str, str],
    cwd: Path,
    repeat: int,
    floor: float | None = None,
) -> float:
    """Run `command()` (called before each run: it may prepare the book) and `baseline`
    alternately; print medians and their ratios (and, given the typer `floor`'s median CPU
    time, the CPU time over it). Returns the median CPU time of `command`."""
    ours, base = [], []
    for _ in range(repeat):
        ours.append(run(command(), env, cwd))
        base.append(run(baseline, env, cwd))
    wall = statistics.median(w for w, _ in ours), statistics.median(w for w, _ in base)
    cpu = statistics.median(c for _, c in ours), statistics.median(c for _, c in base)
    over = f"   {cpu[0] / floor:4.2f}x the typer floor" if floor else ""
    target = f"(goal <= {goal}x)" if goal else "(typer's own cost)"
    print(
        f"{name:<34} wall {wall[0] * 1000:7.0f} / {wall[1] * 1000:5.0f} ms = "
        f"{wall[0] / wall[1]:4.2f}x   cpu {cpu[0] * 1000:6.0f} / {cpu[1] * 1000:5.0f} ms = "
        f"{cpu[0] / cpu[1]:4.2f}x   {target}{over}"
    )
    return cpu[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not BIN.exists():
        sys.exit(f"no {BIN}: install forecastbook in this environment first")

    work = Path(tempfile.mkdtemp(prefix="fb-bench-index-"))
    try:
        book = work / "forecasts"
        make_book(book, args.questions, resolved=True)
        hour_ago = time.time() - 3600  # files this old may be indexed (not racy)
        for path in book.iterdir():
            os.utime(path, (hour_ago, hour_ago))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["FORECASTBOOK_CACHE_DIR"] = str(work / "cache")
        env["FORECASTBOOK_BY"] = "bench"
        env["MPLBACKEND"] = "Agg"
        py = [sys.executable]
        fb = [str(BIN)]
        for command in (["score"], ["list"], ["--help"]):  # .pyc files and a warm index
            run(fb + command, env, work)
        print(f"{args.questions:,} questions, {args.repeat} runs each, medians (ours / baseline)")

        changed = book / "q00001.yaml"
        original = changed.read_text()
        flips = [0]

        def score_after_one_change() -> list[str]:
            flips[0] ^= 1
            changed.write_text(original.replace("p: 0.", "p: 0.1" if flips[0] else "p: 0.2", 1))
            return [*fb, "score"]

        def score_with_empty_index() -> list[str]:
            shutil.rmtree(work / "cache", ignore_errors=True)
            return [*fb, "score"]

        def add_one() -> list[str]:
            flips[0] += 1
            return [*fb, "add", f"Will benchmark question {flips[0]} be added?", "--p", "0.3"]

        pandas_import = [*py, "-c", "import pandas, forecastbook"]
        light = [*py, "-c", "import typer, pydantic, yaml"]
        floor = compare("typer floor (2 options, no code)", None,
                        lambda: [*py, "-c", TYPER_FLOOR, "--tag", "x"], light,
                        env, work, args.repeat)  # fmt: skip
        compare("score, one file changed", 1.5, score_after_one_change, pandas_import,
                env, work, args.repeat)  # fmt: skip
        compare("score, empty index", 1.3, score_with_empty_index,
                [*py, "-c", YAML_THEN_IMPORT, str(book)], env, work, args.repeat)  # fmt: skip
        run([*fb, "list"], env, work)
        compare("list, index warm", 1.5, lambda: [*fb, "list"], light, env, work, args.repeat,
                floor)  # fmt: skip
        compare("add", 2.0, add_one, light, env, work, args.repeat, floor)

        out = subprocess.run([*py, "-X", "importtime", "-c", "import forecastbook"],
                             env=env, capture_output=True, text=True, check=True)  # fmt: skip
        heavy = sorted(
            {m for m in ("pandas", "matplotlib", "numpy") for line in out.stderr.splitlines()
             if line.rstrip().endswith(f"| {m}") or f"|   {m}" in line}
        )  # fmt: skip
        loaded = ", ".join(heavy) or "neither pandas nor matplotlib"
        print(f"{'import forecastbook loads':<34} {loaded}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
