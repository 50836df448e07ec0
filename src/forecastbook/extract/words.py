"""Words of estimative probability: the one table that turns wording into a number.

Every entry says where its number comes from:

- **ICD 203**: US Office of the Director of National Intelligence, Intelligence Community
  Directive 203, *Analytic Standards* (2015). Seven bands, each with a pair of terms:
  almost no chance / remote 1-5%, very unlikely / highly improbable 5-20%, unlikely /
  improbable 20-45%, roughly even chance / roughly even odds 45-55%, likely / probable
  (probably) 55-80%, very likely / highly probable 80-95%, almost certain(ly) / nearly
  certain 95-99%. A phrase in a band gets the middle of the band, rounded to the nearest
  hundredth with ties to even: 0.03, 0.12 (0.125), 0.32 (0.325), 0.50, 0.68 (0.675),
  0.88 (0.875), 0.97.
- **Kent**: Sherman Kent, *Words of Estimative Probability* (CIA, 1964): certain 100%,
  almost certain 93%, probable 75%, chances about even 50%, probably not 30%, almost
  certainly not 7%. Used for the phrases ICD 203 does not name ("almost certainly not",
  "highly doubtful").
- **own**: modal verbs and future forms ("will", "may", "might", "could", "would",
  "expected to") carry no number in ICD 203 or Kent. The values are forecastbook's choice,
  placed inside an ICD 203 band and explained at the entry; change them with your own file
  (below) if you read the words differently.

Words that describe an event rather than the writer's belief in it are not in the table:
"potential" and "possible" ("a potential negotiation", "the possible scenarios" name
something hypothetical), "risk" ("the risk of escalation" names a danger) and "can"
(ability). A sentence with none of the phrases has no probability in it; callers decide
what that means (`probability_of` returns its `default`).

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

# phrase -> probability, by band from low to high; the comment names the source.
WORDS: dict[str, float] = {
    # ICD 203 "almost no chance" / "remote" (1-5%). No entry is 0 or 1: a wrong certain
    # forecast has an infinite log score, so "no chance" and "certain" take the outer end
    # of ICD 203's outermost bands instead.
    "no chance": 0.01,  # ICD 203, lower end of its lowest band
    "almost no chance": 0.03,  # ICD 203
    "remote": 0.03,  # ICD 203 (paired with "almost no chance")
    # Kent "almost certainly not" (7%)
    "almost certainly not": 0.07,  # Kent
    "almost certainly won't": 0.07,  # Kent, as "almost certainly not"
    "almost certainly won’t": 0.07,  # Kent, as "almost certainly not"
    "almost certainly will not": 0.07,  # Kent, as "almost certainly not"
    "no way": 0.03,  # own: "there is no way X", as ICD 203's "almost no chance"
    "highly doubtful": 0.07,  # Kent (listed under "almost certainly not")
    # ICD 203 "very unlikely" / "highly improbable" (5-20%)
    "very unlikely": 0.12,  # ICD 203
    "highly improbable": 0.12,  # ICD 203
    "highly unlikely": 0.12,  # ICD 203 ("highly" as in "highly improbable")
    "will not": 0.15,  # own: the complement of "will" (0.85)
    # "not impossible", "cannot be ruled out": possible, said of what is not expected
    "not impossible": 0.15,  # own: ICD 203's "very unlikely" band, above its middle
    "not inconceivable": 0.15,  # own: as "not impossible"
    "not unthinkable": 0.15,  # own: as "not impossible"
    "not out of the question": 0.15,  # own: as "not impossible"
    "not beyond the realm of possibility": 0.15,  # own: as "not impossible"
    "cannot be ruled out": 0.15,  # own: as "not impossible"
    "can't be ruled out": 0.15,  # own: as "not impossible"
    "can’t be ruled out": 0.15,  # own: as "not impossible"
    "cannot be excluded": 0.15,  # own: as "not impossible"
    "won't": 0.15,  # own: as "will not"
    "will never": 0.15,  # own: as "will not" (an unhedged negative prediction)
    # ICD 203 "unlikely" / "improbable" (20-45%); Kent "probably not" (30%)
    "is not expected to": 0.25,  # own: the complement of "expected to" (0.75)
    "might": 0.30,  # own: a weaker hedge than "may", in ICD 203's "unlikely" band
    "unlikely": 0.32,  # ICD 203
    "not likely": 0.32,  # own: as "unlikely"
    "not very likely": 0.32,  # own: as "unlikely"
    "probably won't": 0.32,  # own: as "probably not"
    "probably won’t": 0.32,  # own: as "probably not"
    "probably will not": 0.32,  # own: as "probably not"
    "likely won't": 0.32,  # own: as "probably not"
    "likely won’t": 0.32,  # own: as "probably not"
    "will likely not": 0.32,  # own: as "probably not"
    "may or may not": 0.50,  # own: both outcomes open, ICD 203's "roughly even"
    "might or might not": 0.50,  # own: as "may or may not"
    "less likely": 0.32,  # own: below the alternative it is set against, ICD 203's "unlikely"
    "much less likely": 0.12,  # own: "much" lowers it a band, as "very unlikely"
    "far less likely": 0.12,  # own: as "much less likely"
    "improbable": 0.32,  # ICD 203
    "probably not": 0.32,  # ICD 203 band of "unlikely" (Kent: 30%)
    "doubtful": 0.32,  # own: ICD 203's "unlikely" band, one band above Kent's "highly doubtful"
    "may": 0.35,  # own: a real but minority possibility, in ICD 203's "unlikely" band
    "could": 0.35,  # own: as "may"
    "possible that": 0.35,  # own: "it is possible that X will" hedges X, as "may"
    "possibly": 0.35,  # own: the adverb hedges the claim itself, as "may"
    "potentially": 0.35,  # own: as "possibly"
    # ICD 203 "roughly even chance" / "roughly even odds" (45-55%); Kent 50%
    "even chance": 0.50,  # ICD 203
    "roughly even": 0.50,  # ICD 203
    "toss-up": 0.50,  # ICD 203 band ("roughly even odds")
    "may well": 0.50,  # own: "well" raises the modal's real possibility to about even
    "could well": 0.50,  # own: as "may well"
    "might well": 0.50,  # own: as "may well"
    "may very well": 0.50,  # own: as "may well"
    "could very well": 0.50,  # own: as "may well"
    "certainly possible that": 0.50,  # own: a possibility stressed, as "may well"
    "quite possible that": 0.50,  # own: as "certainly possible that"
    "entirely possible that": 0.50,  # own: as "certainly possible that"
    "very possible that": 0.50,  # own: as "certainly possible that"
    "50-50": 0.50,  # ICD 203 band ("roughly even odds")
    # ICD 203 "likely" / "probable (probably)" (55-80%); Kent "probable" (75%)
    "would": 0.65,  # own: a confident conditional, in ICD 203's "likely" band
    "likely": 0.68,  # ICD 203
    "probable": 0.68,  # ICD 203
    "probably": 0.68,  # ICD 203 ("probable (probably)")
    "looks as though": 0.68,  # own: the writer's impression, as ICD 203's "likely"
    "looks as if": 0.68,  # own: as "looks as though"
    "seems as though": 0.68,  # own: as "looks as though"
    "seems as if": 0.68,  # own: as "looks as though"
    "expected to": 0.75,  # own: at Kent's "probable" (75%)
    "is expected to": 0.75,  # own: as "expected to"
    "forecast to": 0.75,  # own: "is forecast to grow", as "expected to"
    "projected to": 0.75,  # own: as "forecast to"
    "predicted to": 0.75,  # own: as "forecast to"
    "on track to": 0.75,  # own: a trend that leads to the event, as "expected to"
    "on course to": 0.75,  # own: as "on track to"
    "on course for": 0.75,  # own: as "on course to" ("on course for victory")
    "on track for": 0.75,  # own: as "on course to"
    "favourite to": 0.68,  # own: the more likely winner, ICD 203's "likely"
    "favourites to": 0.68,  # own: as "favourite to"
    "favorite to": 0.68,  # own: as "favourite to"
    "favorites to": 0.68,  # own: as "favourite to"
    "tipped to": 0.68,  # own: "widely tipped to win", as "favourite to"
    # an intensified favourite: "strong"/"clear" one band-middle up, "heavy"/"very strong"/
    # "overwhelming"/"odds-on" as ICD 203's "very likely"
    "strong favourite to": 0.75,  # own: as "expected to"
    "strong favorite to": 0.75,  # own: as "strong favourite to"
    "clear favourite to": 0.75,  # own: as "strong favourite to"
    "clear favorite to": 0.75,  # own: as "strong favourite to"
    "very strong favourite to": 0.88,  # own: ICD 203's "very likely"
    "very strong favorite to": 0.88,  # own: as "very strong favourite to"
    "heavy favourite to": 0.88,  # own: as "very strong favourite to"
    "heavy favorite to": 0.88,  # own: as "very strong favourite to"
    "overwhelming favourite to": 0.88,  # own: as "very strong favourite to"
    "overwhelming favorite to": 0.88,  # own: as "very strong favourite to"
    "odds-on favourite to": 0.88,  # own: as "very strong favourite to"
    "odds-on favorite to": 0.88,  # own: as "very strong favourite to"
    "is set to": 0.80,  # own: a scheduled event, at the top of ICD 203's "likely" band
    "poised to": 0.80,  # own: as "is set to" (ready for an event about to happen)
    "slated to": 0.80,  # own: as "is set to" (scheduled)
    # ICD 203 "very likely" / "highly probable" (80-95%)
    "will": 0.85,  # own: an unhedged prediction; confident, not a guarantee
    "is going to": 0.85,  # own: as "will"
    "very likely": 0.88,  # ICD 203
    "highly likely": 0.88,  # ICD 203 ("highly" as in "highly probable")
    "highly probable": 0.88,  # ICD 203
    "most probably": 0.88,  # ICD 203 band of "highly probable": more than "probably"
    # ICD 203 "almost certain(ly)" / "nearly certain" (95-99%); Kent "almost certain" 93%
    "almost certain": 0.97,  # ICD 203
    "almost certainly": 0.97,  # ICD 203
    "nearly certain": 0.97,  # ICD 203
    "virtually certain": 0.97,  # ICD 203 band (Kent lists it with "almost certain")
    "definitely": 0.97,  # own: the writer's certainty, as "almost certain"
    "sure to": 0.97,  # own: "is sure to hit back" reads as ICD 203's "almost certain"
    "inevitable": 0.97,  # own: as "almost certain" (not 0.99: the writer's certainty is rhetoric)
    "certain": 0.99,  # ICD 203, upper end of its highest band (see "no chance")
}

DEFAULT_PROBABILITY = 0.5
"""What `probability_of` returns for text with none of the phrases, unless told otherwise.

It is not a reading of the text: the text gives no probability. `extract` uses it for
drafts that a person reviews; a book should not record it as anyone's forecast.
"""


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
    auxiliaries = {"will", "would"}
    hedges = [p for p in phrases if p not in auxiliaries]
    return table()[hedges[0] if hedges else phrases[0]]
