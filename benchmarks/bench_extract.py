"""Quality of `forecastbook extract` against hand labels, per set of articles.

Sets:

- ``seeds``: the five shared articles the rules were first built from (articles in
  articles/, labels in tests/data/extract_labels/).
- ``tuning``: the articles of tests/data/extract_corpus/tuning/; rules may be changed while
  looking at them.
- ``untouched``: tests/data/extract_corpus/untouched/; measured only to report, never to
  change a rule. It is not run unless asked for (``--set untouched``). An empty or missing
  set is reported as empty. (Each earlier untouched set was run once and then moved into
  tuning; sources.yaml has their history.)

Matching: an extracted claim matches a label when both start on the same source line and
at least half of the words of one quote appear in the other. Each label matches at most one
claim and each claim at most one label, best overlap first. Antecedent drafts of
conditional claims (no prediction) are not counted.

- recall    = required labels matched / required labels
- precision = claims matching a required label / claims not matching an optional label
  (a claim that matches an `optional` label counts neither for nor against; so does a
  second claim split from a sentence whose one optional label quotes both)
- stated    = matched labels with a stated probability whose draft has that p (±0.005; as for
  band, 1 - p of a negated question)
- band      = matched labels with `p` whose draft p falls in the same ICD 203 band
  (<20%, 20-45%, 45-55%, 55-80%, >80%); when the draft's question is negated ("not",
  "no", "never") the band of 1 - p is compared, since it asks about the opposite event
- usable    = required labels whose draft is a clean question about the labelled event:
  it starts "Will", has no hedge or probability words left in it, does not begin with a
  connective ("Will though ..."), is not a fallback, contains every `about` word of the
  label, and its p agrees in band. A mechanical proxy for "a question a person could use";
  read the drafts (``--verbose``) before trusting it.
- horizon   = labels with `by` whose draft's resolve_by is that date

Run: python benchmarks/bench_extract.py [--set seeds|tuning|untouched ...] [--verbose]
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
CORPUS = ROOT / "tests" / "data" / "extract_corpus"
ARTICLES = ROOT / "articles"
THRESHOLD = 0.5
BANDS = (0.2, 0.45, 0.55, 0.8)
_COUNTS = (
    "required", "optional", "extracted", "tp", "neutral", "fp", "strict_found", "stated",
    "stated_used", "banded", "band_agree", "usable", "horizons", "horizon_agree",
)  # fmt: skip


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
    stated: int = 0
    stated_used: int = 0
    banded: int = 0
    band_agree: int = 0
    usable: int = 0
    horizons: int = 0
    horizon_agree: int = 0

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

    def add(self, other: Result) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class Draft:
    line: int
    quote: str
    question: str
    p: float
    resolve_by: date


def tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def overlap(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    return max(common / len(ta), common / len(tb))


def match(
    labels: list[dict], claims: list[tuple[int, str]], questions: list[str] | None = None
) -> dict[int, int]:
    """label index -> claim index, greedy by best overlap on the same line.

    Equal overlaps (a label quoting a whole sentence that gave two claims) go to the claim
    whose question names the label's `about` words.
    """
    pairs = []
    for i, label in enumerate(labels):
        about = [str(w).lower() for w in label.get("about", [])]
        for j, (line, quote) in enumerate(claims):
            if line == label["line"]:
                score = overlap(label["quote"], quote)
                if score >= THRESHOLD:
                    if about and questions and all(w in questions[j].lower() for w in about):
                        score += 0.001
                    pairs.append((score, i, j))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _score, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def band(p: float) -> int:
    return sum(p > edge for edge in BANDS)


# The question asks about the opposite event when its verb is negated ("Will X not ...",
# "Will X give up none of ..."); a "not" after a comma belongs to an aside ("..., not Ukraine").
_NEGATED = re.compile(r"^Will\s+[^,]*?(?:\b(?:not|none|never)\b|n[’']t\b)", re.I)
_LEFTOVER = re.compile(
    r"\b(?i:likely|unlikely|likelihood|probably|possibly|probability|chances?|odds|expected"
    r"|doubt)\b|\b(?:may|might|could)\b"
)
_BAD_START = re.compile(
    r"^Will\s+(?:though|although|as|while|if|when|because|since|after|before|despite|with"
    r"|for|in|on|at|by|from|and|but|or|so|which|who|that|this\s+happen|this\s+come\s+true)\b",
    re.I,
)


def event_p(draft: Draft) -> float:
    """The draft's probability of the event a label is about: 1 - p when its question is
    negated (it asks about the opposite event)."""
    return 1 - draft.p if _NEGATED.search(draft.question) else draft.p


def band_agrees(draft: Draft, p: float) -> bool:
    return band(event_p(draft)) == band(p)


def usable(draft: Draft, label: dict) -> bool:
    q = draft.question
    if not q.startswith("Will ") or not q.endswith("?") or _BAD_START.match(q):
        return False
    if _LEFTOVER.search(q):
        return False
    low = q.lower()
    if any(str(word).lower() not in low for word in label.get("about", [])):
        return False
    return "p" not in label or band_agrees(draft, float(label["p"]))


def evaluate(article: Path, labels: list[dict], published: date, verbose: bool) -> Result:
    text = read_article(article)
    drafts = [
        Draft(
            d.source.line or 0, d.source.quote or "", d.question, d.predictions[0].p, d.resolve_by
        )
        for d in extract(text, ref=str(article), published=published)
        if d.predictions and d.source is not None
    ]
    claims = [(d.line, d.quote) for d in drafts]
    matched = match(labels, claims, [d.question for d in drafts])
    result = Result(article.stem, extracted=len(claims))
    claim_kind: dict[int, str] = {}
    for i, label in enumerate(labels):
        kind = label.get("kind", "required")
        if kind == "required":
            result.required += 1
        else:
            result.optional += 1
        result.stated += bool(label.get("stated")) and kind == "required"
        result.banded += "p" in label and kind == "required"
        result.horizons += "by" in label and kind == "required"
        if i not in matched:
            if verbose and kind == "required":
                print(f"  MISSED  {article.stem}:{label['line']}: {label['quote'][:90]}")
            continue
        draft = drafts[matched[i]]
        claim_kind[matched[i]] = kind
        result.strict_found += 1
        if kind != "required":
            result.neutral += 1
            continue
        result.tp += 1
        if label.get("stated") and abs(event_p(draft) - float(label["p"])) <= 0.005:
            result.stated_used += 1
        if "p" in label and band_agrees(draft, float(label["p"])):
            result.band_agree += 1
        if "by" in label and draft.resolve_by == label["by"]:
            result.horizon_agree += 1
        ok = usable(draft, label)
        result.usable += ok
        if verbose:
            flag = "ok " if ok else "BAD"
            print(f"  {flag} {article.stem}:{draft.line}: p={draft.p:.2f} {draft.question}")
            if "p" in label and not band_agrees(draft, float(label["p"])):
                print(f"        band: labelled p={label['p']}")
            if "by" in label and draft.resolve_by != label["by"]:
                print(
                    f"        horizon: labelled by {label['by']}, draft {draft.resolve_by}:"
                    f" {label['quote'][:100]}"
                )
    # A sentence that gave two claims under one optional label: the second is neutral too.
    for j, (line, quote) in enumerate(claims):
        if j in claim_kind:
            continue
        for label in labels:
            if (
                label.get("kind") == "optional"
                and label["line"] == line
                and overlap(label["quote"], quote) >= THRESHOLD
            ):
                claim_kind[j] = "optional"
                result.neutral += 1
                break
    result.fp = result.extracted - result.tp - result.neutral
    if verbose:
        for j, d in enumerate(drafts):
            if j not in claim_kind:
                print(f"  EXTRA   {article.stem}:{d.line}: {d.quote[:90]}")
    return result


def articles_of(set_name: str, articles: Path) -> list[tuple[Path, Path, date]]:
    """(article, labels, published) for one set."""
    if set_name == "seeds":
        dates = yaml.safe_load((LABELS / "published.yaml").read_text(encoding="utf-8"))
        return [
            (articles / f"{stem}.txt", LABELS / f"{stem}.yaml", published)
            for stem, published in sorted(dates.items())
        ]
    sources_file = CORPUS / "sources.yaml"
    listed = {}
    if sources_file.is_file():
        listed = yaml.safe_load(sources_file.read_text(encoding="utf-8")) or {}
    sources = listed.get(set_name) or {}
    found = []
    for stem, info in sorted(sources.items()):
        folder = CORPUS / set_name
        (article,) = [p for p in folder.glob(f"{stem}.*") if p.suffix in (".txt", ".html")]
        found.append((article, folder / f"{stem}.yaml", info["published"]))
    return found


def run_set(set_name: str, articles: Path, verbose: bool) -> tuple[list[Result], Result]:
    results = []
    for article, label_file, published in articles_of(set_name, articles):
        labels = yaml.safe_load(label_file.read_text(encoding="utf-8")) or []
        if verbose:
            print(f"-- {set_name}/{article.name}")
        results.append(evaluate(article, labels, published, verbose))
    total = Result(set_name)
    for r in results:
        total.add(r)
    return results, total


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ARTICLES, help="the seed articles")
    parser.add_argument(
        "--set", dest="sets", action="append", choices=("seeds", "tuning", "untouched"),
        help="which set(s) to run (default: seeds and tuning; untouched only when named)",
    )  # fmt: skip
    parser.add_argument("--verbose", "-v", action="store_true", help="List drafts and misses.")
    args = parser.parse_args(argv)
    sets = args.sets or ["seeds", "tuning"]
    if "seeds" in sets and not args.articles.is_dir():
        print(f"no seed articles at {args.articles}", file=sys.stderr)
        return 1
    header = (
        f"{'article':<32} {'req':>4} {'opt':>4} {'found':>5} {'tp':>4} {'fp':>4}"
        f" {'recall':>6} {'precis':>6} {'usable':>6} {'stated':>7} {'band':>7} {'horizon':>7}"
    )
    summary = []
    for set_name in sets:
        results, total = run_set(set_name, args.articles, args.verbose)
        if not results:
            print(f"set {set_name!r} is empty (no articles listed in {CORPUS / 'sources.yaml'})")
            print()
            continue
        print(header)
        for r in [*results, total]:
            name = f"= {r.name}" if r is total else r.name
            print(
                f"{name[:32]:<32} {r.required:>4} {r.optional:>4} {r.extracted:>5} {r.tp:>4}"
                f" {r.fp:>4} {r.recall:>6.2f} {r.precision:>6.2f}"
                f" {r.usable / r.required if r.required else 1:>6.2f}"
                f" {_pct(r.stated_used, r.stated):>7} {_pct(r.band_agree, r.banded):>7}"
                f" {_pct(r.horizon_agree, r.horizons):>7}"
            )
        print()
        summary.append(total)
    print("set        recall  precision  usable  stated-p used  band agreement  horizon")
    for t in summary:
        band_share = f"{t.band_agree / t.banded:.0%}" if t.banded else "-"
        print(
            f"{t.name:<10} {t.recall:>6.2f} {t.precision:>10.2f}"
            f" {t.usable / max(t.required, 1):>7.0%}"
            f" {_pct(t.stated_used, t.stated):>14} {band_share:>15}"
            f" {_pct(t.horizon_agree, t.horizons):>8}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
