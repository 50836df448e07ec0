"""Words of estimative probability: the one table that turns wording into a number.

Sources
-------
- ICD 203 (US Office of the Director of National Intelligence, *Analytic Standards*, 2015):
  almost no chance 1-5%, very unlikely 5-20%, unlikely 20-45%, roughly even chance 45-55%,
  likely 55-80%, very likely 80-95%, almost certain 95-99%. We use the middle of each range.
- Sherman Kent, *Words of Estimative Probability* (CIA, 1964): certain 100%, almost certain
  93%, probable 75%, chances about even 50%, probably not 30%, almost certainly not 7%.
- Modal verbs ("may", "might", "could") carry no fixed number in either source; the values
  below are forecastbook's own choice: "could"/"may" as a real but minority possibility
  (35-40%), "might" lower (30%), "will" as a confident statement (85%, not certainty: an
  analyst's "will" is not a guarantee).

Users change the table with a YAML or JSON file of `phrase: probability` pairs named by
the environment variable ``FORECASTBOOK_WORDS`` (its entries override and extend these).
Longer phrases win over shorter ones ("very likely" before "likely"), and a negation
("unlikely", "will not") is its own entry rather than a rule.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

# phrase -> probability; keep sorted by probability to make the scale easy to review.
WORDS: dict[str, float] = {
    # ICD 203 "almost no chance" (1-5%) / Kent "almost certainly not" (7%)
    "almost no chance": 0.03,
    "no chance": 0.02,
    "will not": 0.10,
    "won't": 0.10,
    "will never": 0.05,
    "almost certainly not": 0.05,
    "remote": 0.05,
    # ICD 203 "very unlikely" (5-20%)
    "very unlikely": 0.12,
    "highly unlikely": 0.10,
    "highly improbable": 0.10,
    "doubtful": 0.20,
    # A speaker calling an outcome "unrealistic" (Hegseth on Ukraine's pre-2014 borders and
    # NATO membership, Feb 2025) dismisses it: read as "very unlikely", like "highly unlikely".
    "unrealistic": 0.10,
    "not realistic": 0.10,
    "not a realistic": 0.10,
    # ICD 203 "unlikely" (20-45%), Kent "probably not" (30%)
    "unlikely": 0.30,
    "improbable": 0.30,
    "probably not": 0.30,
    "is not expected to": 0.25,
    "might": 0.30,
    "may": 0.35,
    "could": 0.35,
    "can": 0.35,
    "possible": 0.35,
    "possibly": 0.35,
    "potentially": 0.35,
    # The adjective of "potentially" ("a potential negotiation", "his potential return"):
    # the same hedge, a real but not expected possibility.
    "potential": 0.35,
    "risk": 0.35,
    # ICD 203 "roughly even chance" (45-55%)
    "even chance": 0.50,
    "roughly even": 0.50,
    "toss-up": 0.50,
    "50-50": 0.50,
    "chances are": 0.60,
    # ICD 203 "likely" (55-80%), Kent "probable" (75%)
    "likely": 0.68,
    "probably": 0.70,
    "probable": 0.72,
    "expected to": 0.75,
    "is expected to": 0.75,
    "is set to": 0.80,
    "would": 0.65,
    # ICD 203 "very likely" (80-95%)
    "very likely": 0.88,
    "highly likely": 0.88,
    "will": 0.85,
    "is going to": 0.85,
    # ICD 203 "almost certain" (95-99%), Kent "almost certain" (93%)
    "almost certain": 0.96,
    "almost certainly": 0.96,
    "virtually certain": 0.97,
    "certain": 0.98,
}

DEFAULT_PROBABILITY = 0.5
"""Used when a claim contains none of the phrases (an unhedged statement)."""


@cache
def table() -> dict[str, float]:
    """The active table: `WORDS` overridden by the file in ``FORECASTBOOK_WORDS``, if set."""
    merged = dict(WORDS)
    path = os.environ.get("FORECASTBOOK_WORDS")
    if path:
        text = Path(path).read_text(encoding="utf-8")
        extra = json.loads(text) if path.endswith(".json") else _simple_yaml(text)
        for phrase, value in extra.items():
            number = float(value)
            if not 0.0 <= number <= 1.0:
                msg = f"{path}: {phrase}: probability {number} is outside [0, 1]"
                raise ValueError(msg)
            merged[phrase.lower()] = number
    return merged


def _simple_yaml(text: str) -> dict[str, float]:
    """`phrase: number` lines (comments allowed); avoids importing a YAML library here."""
    pairs: dict[str, float] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        phrase, _, value = line.rpartition(":")
        pairs[phrase.strip().strip("'\"")] = float(value)
    return pairs


@cache
def _pattern() -> re.Pattern[str]:
    phrases = sorted(table(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])", re.IGNORECASE
    )


def find_phrase(text: str) -> str | None:
    """The first (leftmost, then longest) probability phrase in `text`, lowercased.

    >>> find_phrase("Ukraine may face pressure to negotiate")
    'may'
    >>> find_phrase("A deal is very likely by 2026")
    'very likely'
    """
    match = _pattern().search(text)
    return match[1].lower() if match else None


def probability_of(text: str, default: float = DEFAULT_PROBABILITY) -> float:
    """The probability the wording of `text` implies (see the table above).

    >>> probability_of("Europe will likely increase its defence spending")
    0.68
    """
    phrases = [m[1].lower() for m in _pattern().finditer(text)]
    if not phrases:
        return default
    # "will likely" is a hedge on "will": prefer the hedging word over the bare auxiliary.
    auxiliaries = {"will", "would", "can"}
    hedges = [p for p in phrases if p not in auxiliaries]
    return table()[hedges[0] if hedges else phrases[0]]
