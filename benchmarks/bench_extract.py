"""Quality of `forecastbook extract`: recall and precision against hand labels.

Labels live in tests/data/extract_labels/<article stem>.yaml (see the README there); the
articles in ../shared/articles/ relative to the repository root.

Matching: an extracted claim matches a label when both are on the same source line and
at least half of the words of one quote appear in the other (a line is often a paragraph
of several sentences, so the line alone is not enough). Each label matches at most one
claim and each claim at most one label, best overlap first. Antecedent drafts of
conditional claims come from the same sentence as their consequent and are not counted.

- recall    = required labels matched / required labels
- precision = claims matching a required label / claims not matching an optional label
  (a claim that matches an `optional` label counts neither for nor against)
- strict: optional labels count as required (recall over all labels; precision counts a
  claim matching any label as correct).

Run: python benchmarks/bench_extract.py [--articles DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from forecastbook.extract.rules import extract, read_article

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "extract_labels"
ARTICLES = ROOT.parent / "shared" / "articles"
THRESHOLD = 0.5


@dataclass
class Result:
    name: str
    required: int = 0
    optional: int = 0
    extracted: int = 0
    tp: int = 0
    neutral: int = 0
    fp: int = 0
    strict_found: int = 0

    @property
    def recall(self) -> float:
        return self.tp / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        judged = self.extracted - self.neutral
        return self.tp / judged if judged else 1.0

    @property
    def strict_recall(self) -> float:
        total = self.required + self.optional
        return self.strict_found / total if total else 1.0

    @property
    def strict_precision(self) -> float:
        return self.strict_found / self.extracted if self.extracted else 1.0


def tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def overlap(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    return max(common / len(ta), common / len(tb))


def match(labels: list[dict], claims: list[tuple[int, str]]) -> dict[int, int]:
    """label index -> claim index, greedy by best overlap on the same line."""
    pairs = []
    for i, label in enumerate(labels):
        for j, (line, quote) in enumerate(claims):
            if line == label["line"]:
                score = overlap(label["quote"], quote)
                if score >= THRESHOLD:
                    pairs.append((score, i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def evaluate(article: Path, labels: list[dict], published: date, verbose: bool) -> Result:
    drafts = extract(read_article(article), ref=str(article), published=published)
    claims = [
        (d.source.line or 0, d.source.quote or "")
        for d in drafts
        if d.predictions and d.source is not None
    ]
    matched = match(labels, claims)
    result = Result(article.stem, extracted=len(claims))
    claim_kind: dict[int, str] = {}
    for i, label in enumerate(labels):
        kind = label.get("kind", "required")
        if kind == "required":
            result.required += 1
        else:
            result.optional += 1
        if i in matched:
            claim_kind[matched[i]] = kind
            result.strict_found += 1
            if kind == "required":
                result.tp += 1
            else:
                result.neutral += 1
        elif verbose and kind == "required":
            print(f"  MISSED  {article.stem}:{label['line']}: {label['quote'][:90]}")
    result.fp = result.extracted - result.tp - result.neutral
    if verbose:
        for j, (line, quote) in enumerate(claims):
            if j not in claim_kind:
                print(f"  EXTRA   {article.stem}:{line}: {quote[:90]}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--verbose", "-v", action="store_true", help="List misses and extras.")
    args = parser.parse_args(argv)
    if not args.articles.is_dir():
        print(f"no articles at {args.articles}", file=sys.stderr)
        return 1
    dates = yaml.safe_load((args.labels / "published.yaml").read_text(encoding="utf-8"))
    results = []
    for label_file in sorted(args.labels.glob("*.yaml")):
        if label_file.stem not in dates:
            continue
        labels = yaml.safe_load(label_file.read_text(encoding="utf-8")) or []
        article = args.articles / f"{label_file.stem}.txt"
        results.append(evaluate(article, labels, dates[label_file.stem], args.verbose))
    total = Result("overall")
    for r in results:
        for name in ("required", "optional", "extracted", "tp", "neutral", "fp", "strict_found"):
            setattr(total, name, getattr(total, name) + getattr(r, name))
    header = (
        f"{'article':<22} {'req':>4} {'opt':>4} {'found':>5} {'tp':>4} {'neut':>4} {'fp':>4}"
        f" {'recall':>7} {'precis':>7} {'s-rec':>6} {'s-prec':>6}"
    )
    print(header)
    for r in [*results, total]:
        print(
            f"{r.name:<22} {r.required:>4} {r.optional:>4} {r.extracted:>5} {r.tp:>4}"
            f" {r.neutral:>4} {r.fp:>4} {r.recall:>7.2f} {r.precision:>7.2f}"
            f" {r.strict_recall:>6.2f} {r.strict_precision:>6.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
