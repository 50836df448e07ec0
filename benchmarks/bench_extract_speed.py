"""Speed of `forecastbook extract` on large articles of distinct sentences (issue 18).

Goal: 1 MB of text in under 5 s on the development machine, and time that grows linearly
with size (the duplicate check used to compare every claim with every earlier one).

Run: python benchmarks/bench_extract_speed.py [--sizes 0.25 0.5 1 2]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from forecastbook.extract.rules import extract

SUBJECTS = ["The council", "Analysts", "The central bank", "Moscow", "The coalition", "Exports"]
VERBS = ["will raise", "may cut", "is likely to review", "could delay", "will not approve"]
OBJECTS = ["tariffs", "the budget", "interest rates", "troop numbers", "the treaty", "fuel duty"]


SYLLABLES = ["ka", "lo", "mi", "ner", "sta", "vo", "tre", "dun", "pel", "gor", "ish", "ba"]


def word(n: int) -> str:
    """A made-up word for each number (distinct words make distinct sentences)."""
    out = ""
    while True:
        out += SYLLABLES[n % 12]
        n //= 12
        if not n:
            return out


def article(megabytes: float) -> str:
    """Distinct predicting sentences (no two share most of their words), paragraphs of five."""
    lines, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        sentences = []
        for _ in range(5):
            s = SUBJECTS[n % 6]
            v = VERBS[(n // 6) % 5]
            o = OBJECTS[(n // 30) % 6]
            extra = " ".join(word(7 * n + k) for k in range(4))
            sentences.append(f"{s} {v} {o} for {extra} by 2030.")
            n += 1
        line = " ".join(sentences)
        lines.append(line)
        lines.append("")
        size += len(line) + 2
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    args = parser.parse_args(argv)
    print(f"{'MB':>6} {'drafts':>7} {'seconds':>8} {'s/MB':>6}")
    for mb in args.sizes:
        text = article(mb)
        start = time.perf_counter()
        drafts = extract(text, ref="big.txt", published=date(2025, 1, 1))
        took = time.perf_counter() - start
        print(f"{mb:>6.2f} {len(drafts):>7} {took:>8.2f} {took / mb:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
