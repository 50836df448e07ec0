"""A generated book of binary questions for the benchmarks (bench_index.py, bench_report.py)."""

from __future__ import annotations

from pathlib import Path

FILE = """\
schema_version: 1
id: q{n:05d}
question: Will event number {n} happen before the deadline?
kind: binary
criteria: Resolves yes if a named public source reports event {n} by the date.
created: '2025-02-20'
resolve_by: '2026-0{m}-28'
tags:
- bench
- t{t}
group: g{g}
predictions:
- at: '2025-02-20T00:00:00Z'
  by: article:bench
  p: 0.{p:02d}
- at: '2025-06-01T12:00:00Z'
  by: alice
  p: 0.{q:02d}
"""
RESOLUTION = """\
resolution:
  outcome: '{o}'
  at: '2025-09-0{d}T10:00:00Z'
"""


def make_book(root: Path, questions: int, *, resolved: bool = False) -> None:
    """Write `questions` files `q00000.yaml`...; with `resolved`, two in three are resolved."""
    root.mkdir(parents=True, exist_ok=True)
    for n in range(questions):
        text = FILE.format(n=n, m=n % 9 + 1, t=n % 7, g=n % 5, p=n % 97 + 1, q=(n * 7) % 97 + 1)
        if resolved and n % 3:
            text += RESOLUTION.format(o="yes" if n % 2 else "no", d=n % 9 + 1)
        (root / f"q{n:05d}.yaml").write_text(text, encoding="utf-8")
