"""Probabilities an article states in numbers, and the author's stance toward an event.

`stated` reads "63% probability of a recession", "Likelihood of a ceasefire: 21%", "the
probability of X is estimated at 20-35%" (a range gives its midpoint, noted), "a one-in-three
chance that ...", "odds of 4 to 1 against". `stance` reads the words around an event that say
how likely the author thinks it is - "we doubt that X will ...", "we don't think X will ...",
"we expect X not to ...", "X is unlikely", "no X will ..." - and returns the event as a
plain clause with its probability (p of an event = 1 - p of its negation), so the question
asks about the event and the probability carries the stance.

Numbers for stance words come from the words table (`words.table()`); the few forms the
table lacks are mapped here onto its entries, named in `_STANCE_ENTRY`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from forecastbook.extract import words

_NUM = r"\d{1,3}(?:\.\d+)?"
PERCENT = (
    rf"~?\s*(?P<pct>(?P<n>{_NUM})(?:\s*%)?(?:\s*(?:-|–|—|to|or)\s*(?P<m>{_NUM}))?"
    r"\s*(?:%|\s?per\s?cent\b|\s?percent\b))"
)
_PROB_NOUN = r"(?:probability|likelihood|chances?|odds|risk)"
_IN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "a hundred": 100}
# A clause without "that": "the bank will ...", "we're headed ...", "they'll have ..."
_BARE_CLAUSE = (
    r"(?=(?:we|you|he|she|i|they|it)[’'](?:re|ll)\s"
    r"|(?:(?:we|you|he|she|i|they|it)\s+|the\s+|[A-Z][\w.’'-]*\s+)"
    r"(?:[\w.’'-]+\s+){0,3}?(?:is|are|will|would|can|could|may|might|[a-z]+s|headed|going)\b)"
)
_ONE_IN = re.compile(
    r"\b(?:an?\s+)?(?P<j>one|two|three|four|five|[1-9])[- ]in[- ](?P<k>two|three|four|five|six"
    r"|ten|\d{1,3})\s+"
    rf"(?:chance|probability|likelihood|risk|odds)\s+(?:of\s+|that\s+|(?P<bare>{_BARE_CLAUSE}))"
    r"(?P<event>.+)$",
    re.I,
)
# "63% probability of a recession", "a 60% likelihood that X", "a 50% chance there will be X"
_NUMBER_FIRST = re.compile(
    rf"^(?P<lead>.*?)\b(?:an?\s+)?{PERCENT}\s+(?:{_PROB_NOUN}|likely|probable)\s+(?:of\s+|that\s+"
    rf"|to\s+|for\s+|(?=there\b)|(?P<bare>{_BARE_CLAUSE}))"
    r"(?P<event>.+)$",
    re.I,
)
# "Likelihood of a ceasefire by end of year: 21%", "the probability of X is (estimated at) 20%"
_NOUN_FIRST = re.compile(
    rf"^(?P<lead>.*?)\b{_PROB_NOUN}\s+(?:of|that|for)\s+(?P<event>.+?)\s*"
    r"(?:\b(?:now|currently|still)\s+)?(?::|\bis\b|\bare\b"
    r"|\bstands?\s+at\b|\b(?:has\s+|have\s+)?(?:rise|risen|rises|rose|climb|climbs|climbed"
    r"|increase|increases|increased|fall|fallen|falls|fell|drop|drops|dropped|jump|jumps|jumped"
    r"|slip|slips|slipped|surge|surges|surged|edge|edges|edged)\s+(?:\w+ly\s+)?to\b"
    # "Probability of Default Hits 90%", "odds of a cut near 70%"
    r"|\b(?:hits?|reach(?:es|ed)?|nears?|neared|tops?|topped)\b|\bat\b|=)\s*(?:(?:now\s+|currently\s+)?"
    rf"(?:estimated|put|seen|assessed|rated)\s+(?:at\s+)?)?(?:about\s+|around\s+|roughly\s+)?{PERCENT}",
    re.I,
)
# "very high odds (≈ 90-95%) on a 25 bps cut": the number in brackets after the noun
_NOUN_BRACKET = re.compile(
    rf"\b{_PROB_NOUN}\s*[(\[]\s*[≈~]?\s*(?:about\s+|around\s+|roughly\s+)?{PERCENT}\s*[)\]]"
    r"\s+(?:of|on|that|for)\s+(?P<event>.+)$",
    re.I,
)
# "the odds of a Yes vote have drifted to around 5/1, or a 17% probability": the same odds
# restated as a probability
_ODDS_OR = re.compile(
    rf"\b{_PROB_NOUN}\s+(?:of|for|on)\s+(?P<event>[^,;]+?)\s+(?:has|have|had|is|are|was|were)"
    rf"\b[^;]*?,\s+or\s+(?:an?\s+)?(?:about\s+|around\s+)?{PERCENT}\s+(?:chance|probability"
    r"|likelihood)\b",
    re.I,
)
# "the bank is 80% likely to cut in September", "a ceasefire by June is 30% likely"
_PCT_LIKELY = re.compile(
    rf"^(?P<subj>[^,;]+?)\s+(?:is|are|looks|seems)\s+(?:about\s+|around\s+|roughly\s+)?{PERCENT}"
    r"\s+(?:likely|probable)(?:\s+to\s+(?P<rest>[a-z].+))?\s*[.!]?$",
    re.I,
)
# "she gives the reform a 60-40 chance of passing"
_SPLIT_ODDS = re.compile(
    r"\b(?:an?\s+)?(?P<a>\d{1,2})[-–/](?P<b>\d{1,2})\s+(?:chance|odds|shot|bet)\s+(?:of|that|on)\s+"
    r"(?P<event>.+)$",
    re.I,
)
# A list of events with numbers: "A recession next year: 35%", "Ceasefire by June (30%)". Only
# an event noun with a horizon, so that "GDP growth in 2025: 2.1%" stays a statistic.
_LISTED_EVENT = re.compile(
    rf"^(?!(?:the\s+)?(?:{_PROB_NOUN}|p)\b)"
    rf"(?P<event>(?:[\w’'-]+\s+){{0,8}}?[\w’'-]+)\s*(?::\s*|\(\s*){PERCENT}\s*\)?\s*\.?$",
    re.I,
)
_LISTED_EVENT_NOUN = re.compile(
    r"\b(?:recession|ceasefire|truce|deal|agreement|default|invasion|war|coup|election|hike|cut"
    r"|shutdown|strike|attack|collapse|referendum|majority|victory|win|peace)\b.*\b(?:by|in|before"
    r"|within|next|this|until)\b",
    re.I,
)
# "X, with Y more likely at 30-45%"
_LIKELY_AT = re.compile(
    rf"^(?P<event>.+?)\s+(?:(?:is|are)\s+)?(?:more\s+|less\s+)?likely\s+at\s+{PERCENT}", re.I
)
# "a default probability equal to 76%", "Rate-Hike Odds Hover Near 70%": the noun before the
# probability word names the event. Words that cannot name it (determiners, prepositions,
# the probability's own qualifiers) are neither its modifier nor its head.
_NOT_EVENT_WORD = (
    r"the|an?|its|their|his|her|our|this|that|these|those|of|in|on|for|to|at|and|or|with|by"
    r"|from|market|implied|overall|joint|combined|total|estimated|current|high|higher|low"
    r"|lower|new|latest|such|same|win|winning"
)
_MODIFIER_FIRST = re.compile(
    rf"(?:^|(?<=\s))(?P<mod>(?:(?!(?:{_NOT_EVENT_WORD})\b)[A-Za-z][\w-]*\s+)?"
    rf"(?!(?:{_NOT_EVENT_WORD}|is|are|was|were|be|been)\b)(?P<head>[A-Za-z][a-z-]*))"
    rf"\s+{_PROB_NOUN}\s+(?:(?:is|are|was|were|stands?|stood|hover(?:s|ed|ing)?|sits?|remains?"
    r"|(?:has\s+|have\s+)?(?:risen|rises|rose|climbed|climbs?|jumped|jumps?|fallen|falls?|fell"
    r"|dropped|drops?|edged|edges?)(?:\s+(?:up|down))?)\s+)?(?:equal\s+to|at|near|around|to"
    rf"|close\s+to|of)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?{PERCENT}",
    re.I,
)


def _modifier_event(match: re.Match[str]) -> str:
    """ "a default" for "default probability"; "a port strike" for a title's "Port Strike Odds"."""
    mod = " ".join(match["mod"].split())
    head = match["head"]
    if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)*", head):
        mod = mod[: len(mod) - len(head)] + head.lower()  # title case: the head is no name
    return f"a {mod}"


# A sentence that is only a probability: "The probability is 15%", "Likelihood: 85%".
# "The joint probability of both conditions being met is about 28%": of the claim before it.
PROBABILITY_ONLY = re.compile(
    r"^(?:the\s+|our\s+)?(?:(?:joint|overall|combined|total|estimated|implied)\s+)?"
    rf"(?:{_PROB_NOUN}|p)"
    r"(?:\s+(?:of|for)\s+(?:this|that|it|both|these|such|the\s+above)\b[^,;:%]{0,60}?)?"
    r"\s*(?:is|:|=|of|stands\s+at)?\s*(?:about\s+|around\s+|approximately\s+|roughly\s+)?"
    rf"{PERCENT}\s*[.)]?$",
    re.I,
)
# "We put the odds at 70%.": the writer's own number for the claim before it
_WRITER_PUTS = re.compile(
    r"^(?:we|i)\s+(?:would\s+|[’']d\s+)?(?:put|peg|place|set|estimate|rate)\s+(?:it|this|that"
    rf"|the\s+{_PROB_NOUN}(?:\s+of\s+(?:this|that|it))?)\s+at\s+(?:about\s+|around\s+"
    rf"|roughly\s+)?{PERCENT}\s*[.)]?$",
    re.I,
)
# A number restated for the event of the claim before it, by another source: "X puts it at
# 40 percent", "Y pegs the odds at 67%", "Z predicts 25%", "W shows the Greens with a 60
# percent probability". Only the number and its source; the event is the earlier claim's.
_RESTATED_END = r"(?=\s*(?:[,;.)]|$|\s+(?:while|whereas|and|but)\b))"
_RESTATED = re.compile(
    r"(?:^|(?<=[,;]\s)|(?<=\swhile\s)|(?<=\swhereas\s)|(?<=\sand\s))"
    r"(?P<quote>[^,;]{0,80}?\b(?:puts?|pegs?|pegged|places?|placed|sets?|estimates?|rates?"
    r"|predicts?|forecasts?)\s+(?:(?:it|this|that|them|the\s+(?:odds|chances?|probability"
    r"|likelihood|risk))\s+)?(?:at\s+)?(?:(?:about|around|roughly|approximately|nearly)\s+)?"
    rf"{PERCENT}){_RESTATED_END}",
    re.I,
)
_RESTATED_WITH = re.compile(
    r"(?:^|(?<=[,;]\s)|(?<=\swhile\s)|(?<=\swhereas\s)|(?<=\sand\s))"
    r"(?P<quote>[^,;]{0,80}?\b(?:shows?|showed|gives?|gave|has|had)\s+"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+(?:with\s+)?an?\s+"
    rf"{PERCENT}\s+(?:chance|probability|likelihood)){_RESTATED_END}",
)


# Where each number-first probability starts ("about a 16 percent chance", "a 60% probability"):
# a sentence that gives two or more is split before each later one (`number_segments`).
_ANCHOR = re.compile(
    r"(?:\b(?:an?|about|around|roughly|nearly|only|just|some|approximately)\s+)*"
    rf"(?<![\d.]){PERCENT}\s+(?:{_PROB_NOUN}|likely|probable)\b",
    re.I,
)
# The boundary before a later number: a clause break, or "and"/"but"/"while" between items.
_BEFORE_ANCHOR = re.compile(r",\s+|;\s+|\s+(?:and|but|while|whereas|with)\s+", re.I)


def number_segments(text: str) -> list[str]:
    """`text` split so that each part holds one number-first probability and its event.

    >>> number_segments("a 20% chance of rain, a 30% chance of snow and a 50% chance of sun")
    ['a 20% chance of rain', 'a 30% chance of snow', 'a 50% chance of sun']
    """
    if "cent" in text:
        text_read = _SPELLED_PERCENT.sub(lambda m: f"{_SPELLED[m[1].lower()]:>{len(m[1])}}", text)
    else:
        text_read = text
    anchors = list(_ANCHOR.finditer(text_read))
    if len(anchors) < 2:
        return [text]
    cuts = []
    for previous, anchor in pairwise(anchors):
        breaks = list(_BEFORE_ANCHOR.finditer(text_read, previous.end(), anchor.start()))
        if breaks:
            cuts.append((breaks[-1].start(), breaks[-1].end()))
    if not cuts:
        return [text]
    parts, start = [], 0
    for begin, end in cuts:
        parts.append(text[start:begin].strip())
        start = end
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def restated(sentence: str) -> list[tuple[str, float, str]]:
    """(quote, p, note) for each number the sentence restates for an earlier claim's event.

    >>> restated("A rival model puts it at 40 percent.")
    [('A rival model puts it at 40 percent', 0.4, 'from the text: 40 percent')]
    """
    found = []
    for pattern in (_RESTATED, _RESTATED_WITH):
        for match in pattern.finditer(sentence):
            read = _percent(match)
            if read is not None:
                found.append((match.start(), match["quote"].strip(), read[0], read[1]))
    return [(quote, p, note) for _start, quote, p, note in sorted(found)]


@dataclass(frozen=True)
class Stated:
    """A probability given in numbers, the event it is for, and how it was read."""

    p: float
    event: str
    """The event: a noun phrase ("a recession in the next 12 months") or a clause."""
    noun: bool
    """True when `event` is a noun phrase (the question is "Will there be ...?")."""
    note: str
    end: int | None = None
    """Where the number ends in the text."""
    present: bool = False
    """`event` is a clause in the present tense ("the president resigns")."""


def base_of_gerund(verb: str) -> str:
    """The base form of a verb in -ing: "launching" -> "launch", "settling" -> "settle"."""
    stem = verb[:-3]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        # "calling", "stopping"; "adding", "passing": a short stem keeps both letters
        return stem if stem[-1] in "lsz" or (len(stem) == 3 and stem[0] in "aeiou") else stem[:-1]
    if re.search(
        # "closing", "raising", "easing", "rising", "striking", "escalating", "voting"
        r"(?:[^aeiou][lr]|[^aeiou]v|[aeiou][cgvz]|^[^aeiou]{0,3}[aeiou][kmt]|[^aeiou][aeiou]d|com"
        r"|ur|us|[aeiou][aeiou]s|^[^aeiou]{0,2}[aeiou]s|..(?:[^aeiou]|i)at|^[^aeiou]{1,2}[aeiou]t)$",
        stem,
    ):
        return stem + "e"
    return stem


# "the rebels have a 30% chance of taking the city", "X stands little chance of winning":
# the subject before "has/have", and the event in -ing after "of".
_HOLDER = re.compile(
    r"^(?:.*?(?:[,;:]|\bthat)\s+)?(?P<subj>[^,;:]+?)\s+(?:has|have|had|stands?|holds?)"
    r"(?:\s+(?:only|just|still|now|a|an|the|tad|bit|over|under|about|around|roughly|nearly"
    r"|almost|more|less|than|better|virtually|essentially))*\s*$",
    re.I,
)
# "the model gives the truce a 40% chance of lasting": the truce will last
_GIVER = re.compile(
    r"\b(?:gives?|gave|giving|puts?)\s+(?P<subj>(?!(?:it|this|that|them)\b)[^,;:]+?)"
    r"(?:\s+(?:only|just|a|an))*\s*$",
    re.I,
)
# "the party's wider choice of partners gives it a 60 percent chance": "it" is the party
_OWNER_GIVES_IT = re.compile(
    r"^(?P<owner>(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,2})[’']s?\s+[^,;:]*?\b(?:gives?|gave)"
    r"\s+(?:it|them|him|her)(?:\s+(?:only|just|a|an))*\s*$",
    re.I,
)
# "the betting has Okafor with an 80% chance of making it": Okafor will make it
_WITH_HOLDER = re.compile(
    r"\b(?:has|had|have|shows?|showed|puts?|put|sees?|saw|leaves?|left)\s+"
    r"(?P<subj>(?!(?:it|this|that|them|a|an|the\s+\w+\s+(?:of|for)\b)\b)[^,;:]+?)\s+with"
    r"(?:\s+(?:only|just|a|an|about|around|roughly|nearly))*\s*$",
    re.I,
)
_GERUND_START = re.compile(r"^(?P<verb>[a-z]+ing)\b(?P<rest>.*)$")
# A list or table row: "Smith 56% chance of winning", "J. Doe: 40% chance of re-election".
# The lead is only a name (capitalised words), so the name holds the chance.
_NAME_ONLY = re.compile(
    r"^\s*(?P<subj>[A-Z][\w.’'-]*(?:\s+(?:[A-Z][\w.’'-]*|de|van|von|al|bin)){0,3})"
    r"\s*(?:[:,–—-]\s*|\s+(?:has|have|had|with|at)\s+)?(?:an?\s+)?$"
)


_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s+[^,]+,\s*")
# The noun phrase a relative "which" follows: "That brings us to the deal, which": the deal
_RELATIVE_ANTECEDENT = re.compile(
    r"^(?:.*\b(?:to|of|on|for|about|is|are|was|were|with|at|by|from|and)\s+)?"
    r"(?P<np>(?:the|an?|this|its|their|his|her|our)\s+[^,;:]+?|(?-i:[A-Z])[^,;:]*?)\s*,\s*$",
    re.I,
)


# The number is the subject of a rule, not a forecast: "a 10% chance of war would set ..."
_HYPOTHETICAL_NUMBER = re.compile(
    r"^[^,;]*?(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)\b(?:would\s+[a-z]+|moves?|means?|equals?"
    r"|translates?|corresponds?)\s+(?:to\s+|the\s+|a\s+|an\s+|one\s+)",
    re.I,
)
# "..., when she had an 85 percent chance of victory": a figure from the past
_PAST_HOLDER = re.compile(r"\b(?:when|after|while)\s+(?:[\w’'-]+\s+){1,3}had\s+$", re.I)


def _held_event(lead: str, event: str) -> str | None:
    """ "the rebels will take the city" for lead "the rebels have a" and "taking the city"."""
    event = re.split(r",\s+(?:and\s+)?~?\d{1,3}(?:\.\d+)?\s*%", event)[0]
    event = event.strip()
    if re.match(r"[A-Z][a-z]+ing\b", event):  # a title: "... Chance of Taking the House"
        event = event[0].lower() + event[1:]
    gerund = _GERUND_START.match(event)
    lead = _RELATIVE_ASIDE.sub(" ", lead)  # "Smith, who trails in polls, has": Smith has
    holder = (
        _WITH_HOLDER.search(lead) or _GIVER.search(lead) or _HOLDER.match(lead)
        or _NAME_ONLY.match(lead)
    )  # fmt: skip
    owner = _OWNER_GIVES_IT.match(lead) if holder is None else None
    if gerund is None or (holder is None and owner is None):
        return None
    if owner is not None:  # "Rovers' squad gives them a 60% chance of winning": Rovers
        return f"{owner['owner']} will {base_of_gerund(gerund['verb'])}{gerund['rest'].rstrip('.')}"
    subject = re.sub(r"[’']s?$", "", holder["subj"].strip())  # "put Smith's chances": Smith
    if re.fullmatch(r"which|that|who", subject, re.I):  # "the deal, which has a 71% chance"
        antecedent = _RELATIVE_ANTECEDENT.match(lead[: holder.start("subj")])
        if antecedent is None:
            return None
        subject = antecedent["np"]
    if len(subject.split()) > 12 or re.match(r"(?:there|it|this)$", subject, re.I):
        return None
    return f"{subject} will {base_of_gerund(gerund['verb'])}{gerund['rest'].rstrip('.')}"


def _percent(match: re.Match[str]) -> tuple[float, str] | None:
    low = float(match["n"])
    high = float(match["m"]) if match["m"] else None
    if high is not None:
        if not 0 <= low <= high <= 100:
            return None
        mid = (low + high) / 2
        return mid / 100, f"from the text: {match['pct'].strip()} (the midpoint of the range)"
    if not 0 <= low <= 100:
        return None
    return low / 100, f"from the text: {match['pct'].strip()}"


def _event(text: str, after_that: bool = False) -> tuple[str, bool, bool]:
    """(event, noun, present): a noun phrase, or a clause (in the present tense after "that")."""
    event = text.strip().rstrip(".;,:")
    # "we'll have", "they're headed": the auxiliary spelled out for the question builder
    event = re.sub(r"\b(we|you|they|he|she|i|it)[’']ll\b", r"\1 will", event, flags=re.I)
    event = re.sub(r"\b(we|you|they)[’']re\b", r"\1 are", event, flags=re.I)
    event = re.split(
        r",\s+(?:up|down)\s+from\b|,\s+(?:\w+\s+){0,5}?(?:said|say|says|reported|estimate[sd]?)\b"
        r"|\s+\((?=[^)]*$)",
        event,
    )[0].strip()
    clause = re.match(r"(?:that\s+)?(?P<c>.+?\b(?:will|would|could|may|might)\b.+)$", event, re.I)
    if clause or re.match(r"there\s+(?:will|would)\b", event, re.I):
        return (clause["c"] if clause else event), False, False
    if after_that:
        return event, False, True  # "a 30% chance that the mayor resigns"
    return event, True, False


_ODDS_ONE_IN = re.compile(
    rf"\b{_PROB_NOUN}\s+(?:of|that)\s+(?P<event>.+?)\s+(?:are|is|stands?\s+at|at)\s+(?:about\s+"
    r"|around\s+|roughly\s+|put\s+at\s+)?(?:one|1)[- ]in[- ](?P<k>two|three|four|five|six|ten"
    r"|\d{1,3})\b",
    re.I,
)


_PAREN_LIKELIHOOD = re.compile(
    rf"\s*[(\[]\s*(?:likelihood|probability|chance|odds|confidence|p)\s*[:=]?\s*{PERCENT}\s*[)\]]",
    re.I,
)
# "(with a 60% chance)", "(70 or 80% likely)"
_PAREN_CHANCE = re.compile(
    rf"\s*[(\[]\s*(?:with\s+)?(?:an?\s+)?{PERCENT}\s+(?:chance|probability|likelihood|likely)"
    r"\s*[)\]]",
    re.I,
)
# "the most likely combination, with a 24 percent chance of happening, is X": an aside that
# gives the claim around it its number
_CHANCE_ASIDE = re.compile(
    rf",\s+(?:with\s+)?(?:an?\s+)?{PERCENT}\s+(?:chance|probability|likelihood)(?:\s+of\s+"
    r"(?:happening|occurring|coming\s+true|coming\s+about))?\s*,(?=\s)",
    re.I,
)
# "(Odds: 16/1)": bookmakers' odds beside a stated probability
_ODDS_BRACKET = re.compile(r"\s*[(\[]\s*odds\s*:[^()\[\]]*[)\]]", re.I)
# A short noun phrase with no verb: "Green majority", "Greens / Reds"
_VERBLESS = re.compile(
    r"^(?!.*\b(?:will|would|could|may|might|can|is|are|was|were|be|has|have|had|to|does|do"
    r"|did)\b)(?:[\w’'/&+-]+\s*){1,6}\.?$",
    re.I,
)
_SPELLED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SPELLED_PERCENT = re.compile(
    r"\b(" + "|".join(_SPELLED) + r")(?=\s*(?:per\s?cent|percent)\b)", re.I
)
_MAY_STATE = re.compile(
    r"\d\s*(?:%|per\s?cent|percent)|\b(?:one|two|three|four|five|[1-9])[- ]in[- ]"
    r"|\d[-–/]\d{1,2}\s+(?:chance|odds|shot|bet)\b",
    re.I,
)


# "Silver had Trump at 65% to win", "the model has Smith at 70% and Jones 30%": a forecaster
# puts a named contender at a number; the event is the contender's win (or the verb given).
_HAS_AT = re.compile(
    r"\b(?i:has|had|have|puts?|gives?|gave|shows?|showed)\s+"
    r"(?P<subj>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})\s+(?i:at|ay)\s+"
    rf"(?i:(?:just|only|about|around|nearly|roughly)\s+)?{PERCENT}"
    r"(?:\s+(?i:to|of)\s+(?P<verb>win|winning|take|taking|lose|losing|become|becoming)\b"
    r"(?P<rest>[^,;.!?]*))?(?!\s+(?i:of|for|in|on)\b)"
)
_CONTEST = re.compile(r"\b(?:chances?|odds|forecasts?|models?|probabilit\w*|win|bet\w*)\b", re.I)


def _has_at(text: str) -> Stated | None:
    match = _HAS_AT.search(text)
    if match is None or re.fullmatch(r"[A-Z\d.]+", match["subj"]):  # "has GDP at 2%"
        return None
    if not match["verb"] and not _CONTEST.search(text) and len(re.findall(r"\d\s*%", text)) < 2:
        return None  # "the poll has Labour at 35%": a vote share, not a probability
    read = _percent(match)
    if read is None:
        return None
    verb = base_of_gerund(match["verb"]) if (match["verb"] or "").endswith("ing") else match["verb"]
    event = f"{match['subj']} will {verb or 'win'}{(match['rest'] or '').rstrip()}"
    return Stated(read[0], event, False, read[1], match.end("pct"), False)


def stated(text: str) -> Stated | None:
    """The probability `text` states in numbers, or None.

    >>> s = stated("63% probability of a recession in the next 12 months, up from 49% in July")
    >>> (s.p, s.event, s.noun)
    (0.63, 'a recession in the next 12 months', True)
    >>> s = stated("Likelihood of ceasefire by end of year: 21%")
    >>> (s.p, s.event)
    (0.21, 'ceasefire by end of year')
    >>> s = stated("The probability of China launching an invasion by 2030 is estimated at 20-35%")
    >>> (round(s.p, 3), s.event)
    (0.275, 'China launching an invasion by 2030')
    >>> s.note
    'from the text: 20-35% (the midpoint of the range)'
    >>> stated("GDP will contract at a 0.2% annual rate") is None
    True
    """
    # "a six percent chance": a spelled number, as digits padded to keep every offset
    if "cent" in text:
        text = _SPELLED_PERCENT.sub(lambda m: f"{_SPELLED[m[1].lower()]:>{len(m[1])}}", text)
    if not _MAY_STATE.search(text):
        return None  # most sentences name no number: skip the patterns below
    paren = (
        _PAREN_LIKELIHOOD.search(text) or _PAREN_CHANCE.search(text) or _CHANCE_ASIDE.search(text)
    )
    if paren:  # "The regime will likely survive (Likelihood: 80%)."
        read = _percent(paren)
        if read is not None:
            clause = (text[: paren.start()] + text[paren.end() :]).strip()
            clause = _ODDS_BRACKET.sub("", clause).strip()
            if _VERBLESS.match(clause):  # "Green majority (Odds: 5/1) (Probability: 20%)"
                return Stated(read[0], clause.rstrip("."), True, read[1], None, False)
            return Stated(read[0], clause, False, read[1], None, False)
    match = _PCT_LIKELY.match(text)
    read = _percent(match) if match else None
    if match and read is not None:  # "the bank is 80% likely to cut", "a truce is 30% likely"
        if match["rest"]:
            event = f"{match['subj']} will {match['rest'].strip().rstrip('.')}"
            return Stated(read[0], event, False, read[1], match.end("pct"), False)
        event, noun, present = _event(match["subj"])
        return Stated(read[0], event, noun, read[1], match.end("pct"), present)
    match = _SPLIT_ODDS.search(text)
    if match and int(match["a"]) + int(match["b"]) == 100:  # "a 60-40 chance of passing"
        event, noun, present = _event(match["event"])
        held = _held_event(text[: match.start()], event) if noun else None
        p, note = int(match["a"]) / 100, f"from the text: {match['a']}-{match['b']}"
        if held is not None:
            return Stated(p, held, False, note, match.end("b"), False)
        return Stated(p, event, noun, note, match.end("b"), present)
    match = _LISTED_EVENT.match(text.strip())
    read = _percent(match) if match else None
    if match and read is not None and _LISTED_EVENT_NOUN.search(match["event"]):
        # "A recession next year: 35%", "Ceasefire by June (30%)": a list of events
        return Stated(read[0], match["event"].strip(), True, read[1], match.end("pct"), False)
    for pattern in (_NUMBER_FIRST, _NOUN_FIRST, _LIKELY_AT):
        match = pattern.search(text)
        if match:
            read = _percent(match)
            if read is None:
                continue
            after_that = bool(re.search(r"\bthat\s*$", text[: match.start("event")], re.I))
            after_that = after_that or match.groupdict().get("bare") is not None
            event, noun, present = _event(match["event"], after_that)
            if len(event.split()) < 1:
                continue
            of_noun = text[: match.start("event")].rstrip().lower().endswith(" of")
            if of_noun and _HYPOTHETICAL_NUMBER.match(event):
                return None  # "a 10 percent chance of war would set the clock at ...": a rule
            if noun and _PAST_HOLDER.search(match.groupdict().get("lead") or ""):
                return None  # "last Tuesday, when she had an 85 percent chance": a past figure
            if noun and "lead" in match.groupdict():
                held = _held_event(match["lead"], event)
                if held is not None:  # "Labour has a 70% chance of winning": Labour will win
                    return Stated(read[0], held, False, read[1], match.end("pct"), False)
            return Stated(read[0], event, noun, read[1], match.end("pct"), present)
    has_at = _has_at(text)
    if has_at is not None:
        return has_at
    for pattern in (_NOUN_BRACKET, _ODDS_OR):
        match = pattern.search(text)
        read = _percent(match) if match else None
        if match and read is not None:
            event, noun, present = _event(re.sub(r"[“”\"]", "", match["event"]))
            return Stated(read[0], event, noun, read[1], match.end("pct"), present)
    match = _MODIFIER_FIRST.search(text)
    if match:
        read = _percent(match)
        if read is not None:
            event = _modifier_event(match)
            when = re.match(
                r"\s+((?:by|in|within|before|this|next|over)\b[^,;:.()]*)", text[match.end() :]
            )
            if when:  # "... equal to 35% this month": the event's horizon
                event = f"{event} {when[1].strip()}"
            return Stated(read[0], event, True, read[1], match.end("pct"), False)
    match = _ONE_IN.search(text) or _ODDS_ONE_IN.search(text)
    if match:
        k = match["k"].lower()
        n = _IN_WORDS.get(k) or int(k)
        j_word = (match.groupdict().get("j") or "one").lower()
        j = 1 if j_word == "one" else _IN_WORDS.get(j_word) or int(j_word)
        if not 0 < j <= n:
            return None
        after_that = bool(re.search(r"\bthat\s*$", text[: match.start("event")], re.I))
        after_that = after_that or match.groupdict().get("bare") is not None
        event, noun, present = _event(match["event"], after_that)
        if noun:  # "Democrats have a 2-in-3 chance of taking the House": Democrats will take
            held = _held_event(text[: match.start()], event)
            if held is not None:
                event, noun = held, False
        return Stated(
            round(j / n, 3), event, noun, f"from the text: {j_word} in {k}", present=present
        )
    return None


_FOLLOWER = re.compile(
    r"(?:,\s*(?:(?:rising|falling|climbing|increasing|dropping|up|down)\s+to\s+)?"
    r"|,?\s+and(?:\s+to)?\s+)"
    + PERCENT
    + r"\s+(?P<when>(?:by|in|before|through|within|over|during|at|after)\b[^,;]*?)"
    r"(?=\s+and\s+~?\s*\d|[,;]|\.?\s*$)",
    re.I,
)
_EVENT_TIME = re.compile(
    r"\s+(?:(?:starting|beginning|occurring|happening|taking\s+place)\s+)?(?:in|by|before"
    r"|during|through|within|over)\s+.*$",
    re.I,
)


@dataclass(frozen=True)
class Follower:
    """A further number for the same event at another horizon ("..., rising to 21% by 2020")."""

    start: int
    quote: str
    stated: Stated


def followers(text: str) -> list[Follower]:
    """Further probabilities a sentence gives its first stated event, at other horizons.

    >>> [(f.quote, f.stated.p, f.stated.event) for f in followers(
    ...     "They put the odds of a recession in 2019 at 5%, rising to 21% by mid-2020")]
    [('rising to 21% by mid-2020', 0.21, 'a recession by mid-2020')]
    """
    first = stated(text)
    if first is None or first.end is None:
        return []
    core = _EVENT_TIME.sub("", first.event)
    last = _LAST_DURATION.search(core)
    if not first.noun and last is None:
        return []
    found = []
    for match in _FOLLOWER.finditer(text, first.end):
        read = _percent(match)
        if read is None:
            continue
        quote = match[0].lstrip(", ").strip()
        when = match["when"].strip()
        if last is not None and re.match(r"(?:at|after)\s", when, re.I):
            # "a 55% chance of surviving a day, 20% at a week": the duration changes
            span = when.split(None, 1)[1] if " " in when else when
            event = f"{core[: last.start()]} {span}"
        elif first.noun:
            event = f"{core} {when}"
        else:
            continue
        found.append(Follower(match.start(), quote, Stated(read[0], event, first.noun, read[1])))
    return found


_LAST_DURATION = re.compile(
    r"\s+(?:(?:for|past|beyond)\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|ten|twelve)\s+"
    r"(?:hours?|days?|weeks?|months?|years?)$",
    re.I,
)


def probability_only(sentence: str) -> tuple[float, str] | None:
    """(p, note) for a sentence that only gives a probability ("The probability is 15%").

    >>> probability_only("The probability is 15%")
    (0.15, 'from the text: 15%')
    >>> probability_only("Prices will rise 15%") is None
    True
    """
    text = sentence.strip()
    match = PROBABILITY_ONLY.match(text) or _WRITER_PUTS.match(text) or _OF_THIS.match(text)
    return _percent(match) if match else None


# "Our model gives a 16.5% chance of this.": a number for the claim before it
_OF_THIS = re.compile(
    r"^[(\[]?(?:[^,;()]{0,60}?\b)?(?:an?\s+)?(?:about\s+|around\s+|roughly\s+)?"
    rf"{PERCENT}\s+(?:chance|probability|likelihood)\s+(?:of\s+)?(?:this|that|it)"
    r"(?:\s+(?:happening|occurring|coming\s+true))?\s*[.)\]]*$",
    re.I,
)


# -- stance --------------------------------------------------------------------------------

# Words-table entries that stand for stance forms the table does not list.
_STANCE_ENTRY = {
    "doubt": "doubtful",
    "not expect": "is not expected to",
    "expect": "expected to",
    "not about to": "will not",
}
_WHO = (
    r"(?:we|i|they|he|she|analysts|experts|economists|officials|observers|investors|markets"
    r"|panelists|respondents|participants|strategists|traders|few|no\s+one|nobody"
    r"|forecasters|the\s+(?:bank|fund|government|ministry|firm|agency|panel|report|authors?)"
    r"|(?:the|its|our|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?:team|bank|economists?|analysts?"
    r"|strategists?|firm|lender|group|house|desk|model)"
    r"|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
_DOUBT = re.compile(
    rf"^(?:{_WHO})\s+(?:(?:very\s+much\s+|strongly\s+|seriously\s+|also\s+)?doubts?"
    # "I have my doubts it will happen", "we have serious doubts that ..."
    r"|(?:have|has)\s+(?:my|our|his|her|their|its|some|serious|real|grave|strong)\s+"
    r"(?:[a-z]+\s+)?doubts"
    # "we are skeptical at this stage that ...": doubt, said with an adjective
    r"|(?:am|are|is|remain|remains)\s+(?:very\s+|highly\s+|deeply\s+|still\s+)?(?:skeptical"
    r"|sceptical|doubtful)(?:\s+[^,;]{0,25}?)?(?=\s+(?:that|whether)\b))"
    r"\s+(?:that\s+|whether\s+|about\s+whether\s+)?(?P<rest>.+)$",
    re.I,
)
# "they have little doubt that X will ...": confidence, not doubt
_NO_DOUBT = re.compile(
    rf"^(?:{_WHO})\s+(?:have|has|had)\s+(?:little|no)\s+doubt\s+(?:that\s+)?(?P<rest>.+)$", re.I
)
# "we would be surprised if the board did not cut rates": the board will very likely cut them
_SURPRISED = re.compile(
    rf"^(?:{_WHO})\s+(?:would|[’']d)\s+be\s+(?:very\s+|quite\s+|rather\s+|most\s+|greatly\s+)?"
    r"surprised\s+if\s+(?P<subj>.+?)\s+(?:(?P<neg>did\s+not|didn[’']t|(?:decided|chose|opted)"
    r"\s+not\s+to|failed\s+to|were\s+not\s+to|was\s+not\s+to)|(?:were|was)\s+to)\s+"
    r"(?P<rest>.+)$",
    re.I,
)
_NOT_THINK = re.compile(
    rf"^(?:{_WHO})\s+(?:do\s+not|don[’']t|does\s+not|doesn[’']t|did\s+not|didn[’']t)\s+"
    r"(?P<verb>think|believe|expect|anticipate|foresee|see)\s+(?:that\s+)?(?P<rest>.+)$",
    re.I,
)
# "we expect X to (not) happen", "we expect X not to happen"
_EXPECT_TO = re.compile(
    rf"^(?:{_WHO})\s+(?:also\s+|still\s+|now\s+|currently\s+)?(?:continue\s+to\s+"
    r"|continues\s+to\s+)?(?:expects?|anticipates?|predicts?"
    r"|forecasts?|projects?)\s+"
    # the subject of the infinitive, not a clause ("predict that X would ..., others say ...")
    r"(?P<subj>(?!that\b)(?:(?!\b(?:will|would|could|might|say|says|said|is|are|was|were)\b).)+?)"
    r"(?:\s+|[—–])"
    # "to" before a verb, not a preposition ("lead to the talks", "rise to 3%")
    r"(?P<neg>not\s+to|to\s+not|to\s+never|never\s+to|to)\s+"
    r"(?P<rest>(?!(?:the|an?|its|their|his|her|our|this|that|these|those)\b|\d|(?-i:[A-Z$£€])).+)$",
    re.I,
)
# "they expect to stick with current levels": the holders' own plan, expected
_EXPECT_SELF = re.compile(
    rf"^(?P<who>{_WHO})\s+(?:also\s+|still\s+|now\s+)?(?:expects?|anticipates?)\s+"
    r"(?P<neg>not\s+)?to\s+(?P<rest>(?!(?:the|an?|its|their)\b|\d)[a-z].+)$",
    re.I,
)
# "Expect the government to announce sanctions": the author's own expectation.
_EXPECT_IMPERATIVE = re.compile(
    r"^(?:also\s+)?expect\s+(?!to\b)(?P<subj>.+?)\s+(?P<neg>not\s+to|to)\s+(?P<rest>.+)$", re.I
)
# "Officials expect a counteroffer from Moscow"
_EXPECT_NOUN = re.compile(
    rf"^(?:{_WHO})\s+(?:also\s+|still\s+|now\s+)?(?:expects?|anticipates?|foresees?|forecast"
    r"|forecasts|predicts?|projects?|sees?)\s+"
    r"(?P<np>(?:an?|further|more|new|fresh|another|some|the|next|two|three|four|five|several"
    r"|\d+)\s+(?![^,;]*\bto\s+(?!around\b|about\b|the\b|its\b|their\b|an?\b)[a-z])"
    r"(?![^,;]*\b(?:will|would|could|(?-i:may)|might|is|are|was|were|has"
    r"|have|won[’']t)\b)[^,;:]+)(?:(?::|,\s+(?:although|though|but|while|whereas)\b).*)?$",
    re.I,
)
# "the bank now sees Brent averaging $73 next year", "we expect prices rising": X will V
_SEES_GERUND = re.compile(
    rf"^(?:{_WHO})\s+(?:also\s+|still\s+|now\s+)?(?:sees?|expects?|anticipates?|forecasts?"
    r"|predicts?)\s+(?P<subj>(?:the\s+|its\s+|their\s+)?(?:[\w$’'-]+\s+){0,3}?[\w’'-]+)\s+"
    r"(?P<verb>(?!during\b|including\b|according\b)[a-z]+ing)\b(?P<rest>.*)$",
    re.I,
)
_FEW = re.compile(
    r"^(?:few|no\s+one|nobody|hardly\s+any(?:one|\s+\w+)|not\s+many|no\s+[a-z]+s)\b", re.I
)
# "the expectation is that X will ...", "expectations are that X will ..."
# "the median projection is for real GDP to rise 2.1%"
_FORECAST_FOR = re.compile(
    r"^(?:.{0,80}?\b)?(?:projections?|forecasts?|expectations?|consensus|outlook)\s+(?:is|are|was)"
    r"\s+for\s+(?P<subj>[^,;]+?)\s+to\s+(?P<rest>[a-z].+)$",
    re.I,
)
_EXPECTATION = re.compile(
    r"^(?:.{0,80}?\b)?(?:expectations?|consensus|(?:the\s+)?forecasts?)"
    r"(?:\s+(?:among|of|from|in|at)\s+[^,;]{1,80}?)?\s+(?:is|are)\s+that\s+(?P<rest>.+)$",
    re.I,
)
# "amid expectations that X would ...", "a widespread expectation of a rate cut": someone's
# expectation named as a noun, anywhere in the sentence
_EXPECTATION_IN = re.compile(
    r"\bexpectations?\s+(?:that\s+(?P<rest>[^;]+?\b(?:will|would)\b[^;]+)"
    r"|of\s+(?P<np>(?:an?|another|further|more|new)\s+[^,;]+))",
    re.I,
)
# "the likeliest outcome is a grand coalition", "the most likely scenario appears to be ..."
_LIKELIEST = re.compile(
    r"^(?:.*?(?:[,;:]|\b(?:predicts?|expects?|says?|thinks?|believes?|shows?|suggests?)"
    r"(?:\s+that)?)\s+)?(?:the\s+|our\s+|their\s+)?(?:likeliest|most\s+likely|most\s+probable"
    r"|more\s+likely|more\s+probable|likely|probable)\s+(?:[\w-]+\s+)?(?:outcomes?|scenarios?"
    r"|results?|case|path|course|end\s*game|upshot|combination|coalition|winner|option)\s+"
    r"(?:is|are|remains?|seems\s+to\s+be|appears\s+to\s+be|looks\s+to\s+be|would\s+be|will\s+be"
    r"|involves?|includes?)"
    r"\s+(?P<rest>.+)$",
    re.I,
)
_NO_SUBJECT = re.compile(
    r"^(?P<no>no|neither)\s+(?P<np>[^,;]+?)\s+(?P<aux>will|is\s+likely\s+to|is\s+expected\s+to)\s+"
    r"(?P<rest>.+)$",
    re.I,
)
_ABOUT_TO = re.compile(
    r"^(?P<subj>.+?)\s+(?:is\s+not|isn[’']t|are\s+not|aren[’']t)\s+(?:about|going)\s+to\s+"
    r"(?P<rest>.+)$",
    re.I,
)
# "NP is unlikely", "NP remains highly unlikely, though not impossible"
_PREDICATIVE = re.compile(
    r"^(?P<np>(?:(?:an?|the|any|some|such|no|further|more|new|fresh|additional|renewed)\b"
    # a bare noun: "retaliation is inevitable", "Iranian retaliation against X is likely"
    r"|(?:[A-Z][a-z’'-]+\s+)?(?!(?:it|this|that|these|those|he|she|they|we|you|which|what|who"
    r"|so|there|here|all|much|nothing|none|one)\b)[a-z][a-z’'-]+\b"
    r"|[A-Z][a-z]+(?:ion|ment|ance|ence|ity|ure|sis|ing)\b)"
    r"(?:(?!\b(?:is|are|was|were|that)\b|,\s+(?:so|and|but)\s)[^;])+?)\s+"
    r"(?:(?:is|are|remains?|seems?|looks?|appears?)"
    r"\s+(?:(?:currently|still|also|now|increasingly|ever\s+more|widely\s+considered)\s+)?"
    r"|(?=can(?:not|[’']t)\s))"
    # "is technically possible but unlikely": the hedge after "but" is the judgement
    r"(?:(?:\w+ly\s+)?possible\s*,?\s+(?:but|yet)\s+)?"
    r"(?P<hedge>(?:very\s+|highly\s+|most\s+)?"
    r"(?:unlikely|likely|improbable|probable|almost\s+certain|inevitable|doubtful)"
    # "is not likely", "is very much in doubt": as "unlikely", "doubtful"
    r"|not\s+(?:very\s+)?likely|(?:very\s+much\s+|seriously\s+|now\s+)?in\s+doubt"
    # possible but not expected: "is not impossible", "cannot be ruled out"
    r"|not\s+(?:impossible|inconceivable|unthinkable|out\s+of\s+the\s+question"
    r"|beyond\s+the\s+realm\s+of\s+possibility)|can(?:not|[’']t)\s+be\s+(?:ruled\s+out|excluded))"
    r"(?:\s+(?P<when>(?:before|by|in|within|until|this|next|over|during)\b[^,;.]*))?"
    r"(?=\s*(?:[,;.]|$|\b(?:though|but|given|because|as|due|for|at\s+least|anytime|soon)\b))",
    re.I,
)


# "the polls suggest she cannot win": evidence against the event, hedged by "suggest"
_SUGGEST_NOT = re.compile(
    r"^(?:.*?\b)?(?:the\s+)?(?:polls?|surveys?|data|evidence|numbers|figures|models?|markets?)"
    r"\s+(?:suggests?|indicates?|imply|implies|shows?)\s+(?:that\s+)?(?P<subj>[^,;]+?)\s+"
    r"(?:cannot|can[’']t|won[’']t|will\s+not|is\s+not\s+going\s+to)(?:\s+(?P<rest>[^,;]+))?\W*$",
    re.I,
)
# "it's unclear when, how, or if the troops will deploy": an open question, about even odds
_UNCLEAR = re.compile(
    r"^(?:it\s+is|it[’']s|it\s+remains|it\s+was|that\s+is|that[’']s)\s+(?:still\s+|also\s+|yet\s+)?"
    r"(?:unclear|uncertain|not\s+(?:yet\s+|at\s+all\s+)?clear|far\s+from\s+(?:clear|certain)"
    r"|an\s+open\s+question|touch[- ]and[- ]go|a\s+toss[- ]up|a\s+coin\s+(?:toss|flip)"
    r"|to\s+be\s+seen"
    r"|too\s+close\s+to\s+call)\s+(?:(?:when|whether|if|how|exactly)\s*,?\s*(?:or\s+)?)+"
    r"(?P<rest>.+)$",
    re.I,
)
# "X, but that seems unlikely", "..., which is very likely": a judgement on the clause before
_ANAPHOR = re.compile(
    r"^(?P<event>[^;]{8,}?)\s*[,;]\s+(?:(?:but|and|though|although|yet)\s+)?(?:that|this|which)"
    r"\s+(?:(?:also|still|too)\s+)?(?:seems|looks|is|appears|remains|sounds)\s+"
    r"(?:(?:also|still|increasingly|now|quite|rather)\s+)?(?P<hedge>(?:very\s+|highly\s+)?"
    r"(?:unlikely|likely|improbable|probable|doubtful)|almost\s+certain|inevitable)"
    r"(?:\s+(?:as\s+well|too|either|for\s+now))?(?:\s+(?:and|but)\s+[^,;]*)?[\s.,!”\"’']*$",
    re.I,
)
# "Betting Odds Favor a Hung Council", "the markets favour a rate cut"
_ODDS_FAVOUR = re.compile(
    r"\b(?:odds|betting|markets?|bookmakers|bookies|polls?|forecasts?|models?|predictions?)\s+"
    r"(?:now\s+|still\s+|heavily\s+|strongly\s+|clearly\s+)?(?:favou?rs?|favou?red)\s+"
    r"(?P<np>(?:an?|the)\s+[^,;:.]+)",
    re.I,
)
_RAISES_POSSIBILITY = re.compile(
    r"^(?:[^,;]{0,60}?\s)?(?:rais(?:e|es|ed|ing)|open(?:s|ed|ing)?\s+up)\s+the\s+(?:possibility"
    r"|prospect)\s+(?:of|(?P<that>that))\s+(?P<event>[^;]+)$",
    re.I,
)
# "we view Okafor as the favourite heading into the final": Okafor will win the final
_AS_FAVOURITE = re.compile(
    r"\b(?:views?|viewed|sees?|saw|regards?|regarded|considers?|considered|rates?|rated)\s+"
    r"(?P<subj>(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,2}|the\s+[\w-]+(?:\s+[\w-]+)?)"
    r"\s+as\s+(?:the\s+|a\s+)?(?:(?:clear|strong|heavy|slight|narrow|big|overwhelming)\s+)?"
    r"favou?rite\b(?!\s+to\b)(?:\s+(?:heading\s+into|going\s+into|in|for|ahead\s+of)\s+"
    r"(?P<contest>[^,;.]+))?",
    re.I,
)
_MAYBE = re.compile(r"^(?:perhaps|maybe|possibly),?\s+", re.I)
# The doubted or disbelieved clause must itself be about the future ("I don't think he is
# expecting ..." describes the present).
_FUTURE_MARK = re.compile(
    r"\b(?:will|would|shall|is\s+going\s+to|are\s+going\s+to)\b|[’']ll\b", re.I
)


# "a slim likelihood of a recession", "a high chance of a deal": the adjective grades it.
_GRADED_CHANCE = re.compile(
    r"(?<!from\s)(?<!relatively\s)\b(?:an?\s+)?"
    r"(?P<adj>(?:very\s+)?(?:slim|small|low|remote|high|strong|good)|real|significant|even"
    r"|little|no|zero|virtually\s+no|almost\s+no|greater|higher|increased|growing|increasing"
    r"|50-50|fifty-fifty)\s+"
    r"(?:likelihood|chances?|probability|possibility|odds|(?<=\bno\s)way)\s+(?:of\s+|that\s+|on\s+"
    r"|(?P<for>for)\s+"
    # "a good chance the council will approve it": a clause without "that"
    r"|(?P<bare>(?=(?:the|an?|this|these|those|its|their|it|they|he|she|we|(?-i:[A-Z])[\w’'-]*)\s)))"
    r"(?P<event>[^,;:]+)",
    re.I,
)
_FOR_TO = re.compile(r"(?P<subj>.+?)\s+to\s+(?P<rest>[a-z].+)$")
# "the likelihood of a deal remains low", "the chances of a cut are slim": graded after.
_GRADED_AFTER = re.compile(
    r"(?:^[“\"‘']?|\b(?:the|its|their)\s+|(?P<owner>(?-i:[A-Z])[\w-]*|the\s+[\w-]+)[’']s?\s+)"
    r"(?:likelihood|chances?|probability|odds|possibility)\s+"
    r"(?:of|that)\s+(?P<event>[^;:]+?)\s+(?:is|are|remains?|seems?|looks?|appears?|to\s+be)\s+"
    r"(?:(?P<mod>relatively|fairly)\s+|(?:quite|still|now|generally)\s+)?(?P<adj>near\s+zero"
    r"|close\s+to\s+zero|negligible|(?:very\s+)?(?:slim|small|low"
    r"|remote|high|strong|good))\b",
    re.I,
)
_ASIDE_BEFORE = re.compile(r",\s+(?:with|adding|as)\b", re.I)
# Words-table entries for each grading adjective.
_GRADE_ENTRY = {
    # "low" reads as "slim" and "small": a low chance is one the writer does not expect
    "slim": "very unlikely", "small": "very unlikely", "remote": "remote", "low": "very unlikely",
    "very slim": "almost no chance", "very small": "almost no chance",
    "very low": "almost no chance", "very remote": "almost no chance", "very high": "very likely",
    "very strong": "very likely",
    "very good": "very likely",
    "high": "likely", "strong": "likely", "good": "likely", "real": "risk",
    "significant": "risk", "even": "even chance", "little": "very unlikely", "no": "no chance",
    "zero": "no chance", "virtually no": "almost no chance", "almost no": "almost no chance",
    # a chance said to be greater than before: more likely than not
    "greater": "likely", "higher": "likely", "increased": "likely", "growing": "likely",
    "increasing": "likely", "50-50": "even chance", "fifty-fifty": "even chance",
    "near zero": "almost no chance", "close to zero": "almost no chance",
    "negligible": "almost no chance",
}  # fmt: skip
# "the baseline scenario remains that ...", "our base case is that ..."
_BASE_CASE = re.compile(
    r"^.{0,80}?\b(?:baseline(?:\s+scenario)?|base\s+case|central\s+scenario|main\s+scenario"
    r"|central\s+case)\s+(?:is|remains)\s+that\s+(?P<rest>.+)$",
    re.I,
)


_MAY_HOLD_STANCE = re.compile(
    r"\b(?:doubts?|think|believe|expect|expects|expected|expecting|anticipate|anticipates"
    r"|projections?|outlook|pencil\w*"
    r"|anticipated|anticipating|foresee|see|sees|forecasts?|forecasted|forecasting|predicts?"
    r"|predicted|predicting|projects?|projected|projecting|baseline|central\s+case"
    r"|base\s+case|scenario|likelihood|chances?|probability|possibility|odds|expectations?"
    r"|consensus|forecasts?|no|about|going|unlikely|likely|improbable|probable|certain"
    r"|inevitable|doubtful|likeliest|impossible|inconceivable|unthinkable|question|realm|ruled"
    r"|excluded|surprised|unclear|uncertain|clear|open|touch|toss|coin|call|skeptical|sceptical"
    r"|greater|higher|increased|growing|increasing|favou?rites?|possibility|prospect|favou?rs?"
    r"|favou?red|suggests?|indicates?|imply|implies|shows?|seen|way)\b",
    re.I,
)


def may_hold_stance(text: str) -> bool:
    """False when `text` has none of the words a stance needs (a cheap test before `stance`)."""
    return bool(_MAY_HOLD_STANCE.search(text))


@dataclass(frozen=True)
class Stance:
    """An event named as a plain claim, and the probability the author's stance gives it."""

    clause: str
    """The event as a clause with "will" ("the sanctions will force a change")."""
    p: float
    phrase: str
    noun: bool = False
    """True when `clause` is a noun phrase (the question is "Will there be ...?")."""
    present: bool = False
    """True when `clause` is in the present tense ("inflation falls below 3%")."""


def _p(entry: str) -> float:
    table = words.table()
    return table.get(entry, table.get(_STANCE_ENTRY.get(entry, entry), words.DEFAULT_PROBABILITY))


def _future(rest: str) -> str:
    """ "the sanctions will force X" stays; "the sanctions force X" is left to the caller."""
    return rest.strip().rstrip(".")


def stance(clause: str) -> Stance | None:
    """The event and probability when the clause states a stance toward it, else None.

    >>> s = stance("we doubt that the sanctions will force a change of course")
    >>> (s.clause, s.p)
    ('the sanctions will force a change of course', 0.32)
    >>> s = stance("We don't think the regime will collapse")
    >>> (s.clause, s.p)
    ('the regime will collapse', 0.25)
    >>> s = stance("we expect the main theatre of conflict to not escalate beyond the region")
    >>> (s.clause, s.p)
    ('the main theatre of conflict will escalate beyond the region', 0.25)
    >>> s = stance("an invasion in 2026 is unlikely")
    >>> (s.clause, s.p, s.noun)
    ('an invasion in 2026', 0.32, True)
    >>> s = stance("No permanent ceasefire will be reached within one year")
    >>> (s.clause, s.p)
    ('a permanent ceasefire will be reached within one year', 0.15)
    """
    text = clause.strip()
    if not _MAY_HOLD_STANCE.search(text):
        return None  # no stance word at all: skip the patterns below
    match = _SURPRISED.match(text)
    if match:
        event = f"{match['subj']} will {match['rest'].rstrip().rstrip('.')}"
        entry = "very likely" if match["neg"] else "very unlikely"
        return Stance(event, _p(entry), "would be surprised if")
    match = _NO_DOUBT.match(text)
    if match and _FUTURE_MARK.search(match["rest"]):
        return Stance(_future(match["rest"]), _p("very likely"), "little doubt")
    match = _DOUBT.match(text)
    if match and _FUTURE_MARK.search(match["rest"]):
        return Stance(_future(match["rest"]), _p("doubt"), "doubt")
    match = _NOT_THINK.match(text)
    if match and _FUTURE_MARK.search(match["rest"]):
        return Stance(_future(match["rest"]), _p("not expect"), "not expect")
    if (
        match
        and match["verb"].lower() in {"expect", "anticipate", "foresee"}
        and not re.search(r"\b(?:is|are|was|were|has|have|had|to)\b", match["rest"])
    ):  # "we do not expect a blockade of the strait"
        return Stance(_future(match["rest"]), _p("not expect"), "not expect", noun=True)
    match = _EXPECT_NOUN.match(text)
    if match:  # "few forecast a recession in 2020": the recession is not expected
        p = round(1 - _p("expect"), 2) if _FEW.match(text) else _p("expect")
        phrase = "few expect" if _FEW.match(text) else "expect"
        return Stance(match["np"].strip().rstrip("."), p, phrase, noun=True)
    low = text.lower()  # cheap tests before the patterns below that scan the whole clause
    match = _FORECAST_FOR.match(text) if " for " in low else None
    if match:  # "the median projection is for real GDP to rise 2.1%": GDP will rise 2.1%
        return Stance(f"{match['subj']} will {_future(match['rest'])}", _p("expect"), "forecast")
    match = _SEES_GERUND.match(text)
    if (
        match
        and not _FEW.match(text)
        and not re.match(r"(?:an?|some)\b", match["subj"], re.I)
        and not re.search(r"[’']s\b", match["subj"])  # "X's poor showing": a noun
        and not re.search(r"\b(?:will|would|could|may|might|can)\b", match["rest"], re.I)
    ):
        rest = match["rest"].rstrip().rstrip(".")
        event = f"{match['subj']} will {base_of_gerund(match['verb'])}{rest}"
        return Stance(event, _p("expect"), "expect")
    match = _EXPECT_SELF.match(text)
    if match and not _FEW.match(text):
        p = _p("expect")
        return Stance(
            f"{match['who']} will {_future(match['rest'])}",
            round(1 - p, 2) if match["neg"] else p,
            "expect not" if match["neg"] else "expect",
        )
    match = _EXPECT_TO.match(text) or _EXPECT_IMPERATIVE.match(text)
    if match:
        negated = match["neg"].lower() != "to"
        if _FEW.match(text):
            negated = not negated  # "few expect the talks to succeed"
        event = f"{match['subj']} will {_future(match['rest'])}"
        p = _p("expect")
        return Stance(
            event, round(1 - p, 2) if negated else p, "expect not" if negated else "expect"
        )
    match = _BASE_CASE.match(text)
    if match:
        inner = stance(re.sub(r"[“”\"]", "", match["rest"]).strip())
        if inner is not None:
            return inner
        return Stance(_future(match["rest"]), _p("expect"), "base case")
    chance = any(
        w in low for w in ("chance", "likelihood", "probabilit", "possibilit", "odds", "no way")
    )
    match = _GRADED_CHANCE.search(text) if chance else None
    if match:
        adj = " ".join(match["adj"].lower().split())
        infinitive = _FOR_TO.match(match["event"]) if match["for"] else None
        if infinitive:  # "a greater possibility for the board to cut rates": the board will
            clause = f"{infinitive['subj']} will {infinitive['rest'].strip().rstrip('.')}"
            return Stance(clause, _p(_GRADE_ENTRY[adj]), f"{adj} chance")
        if match["for"]:
            return None
        after_that = " that " in match[0].lower() or match["bare"] is not None
        event, noun, _present = _event(match["event"], after_that)
        held = _held_event(text[: match.start()], event) if noun else None
        if held is not None:  # "the rebels have little chance of taking the city"
            return Stance(held, _p(_GRADE_ENTRY[adj]), f"{adj} chance")
        if not noun and _present:  # "a strong chance that inflation falls below 3%"
            return Stance(event, _p(_GRADE_ENTRY[adj]), f"{adj} chance", present=True)
        return Stance(event, _p(_GRADE_ENTRY[adj]), f"{adj} chance", noun=noun)
    match = _GRADED_AFTER.search(text) if chance else None
    aside = _ASIDE_BEFORE.search(text, 0, match.start()) if match else None
    if aside:  # "X is unlikely, with one expert adding the chance is close to zero": X's
        main = stance(text[: aside.start()])
        if main is not None or words.find_phrase(text[: aside.start()]):
            return main  # the main clause's own wording (or stance) gives its probability
    if match:
        adj = " ".join(match["adj"].lower().split())
        event, noun, _present = _event(match["event"], " that " in match[0].lower())
        entry = _GRADE_ENTRY[adj]
        if match["mod"] and adj in {"low", "small", "slim"}:
            entry = "unlikely"  # "relatively low": a hedged grade, one band up
        gerund = _GERUND_START.match(event) if match["owner"] and noun else None
        if gerund:  # "the mayor's chances of winning are slim": the mayor will win
            owner = match["owner"]
            clause = f"{owner} will {base_of_gerund(gerund['verb'])}{gerund['rest']}"
            return Stance(clause, _p(entry), f"{adj} chance")
        return Stance(event, _p(entry), f"{adj} chance", noun=noun)
    match = _EXPECTATION.match(text)
    if match:
        inner = stance(match["rest"])
        if inner is not None:  # "the consensus among X is that Y is highly improbable"
            return inner
        hedge = words.find_phrase(match["rest"])
        if hedge is not None and hedge not in {"will", "would", "is going to"}:
            # "the consensus is that rates could fall": the consensus is on a possibility
            return Stance(_future(match["rest"]), _p(hedge), "expectation")
        return Stance(_future(match["rest"]), _p("expect"), "expectation")
    match = _LIKELIEST.match(text) if ("likel" in low or "probab" in low) else None
    if match:
        rest = _future(match["rest"])
        phrase = "most likely outcome"
        if re.match(r"that\s", rest, re.I):  # "... is that the talks will collapse"
            rest = rest[5:].strip()
            if _FUTURE_MARK.search(rest):
                return Stance(rest, _p("likely"), phrase)
            return Stance(rest, _p("likely"), phrase, present=True)
        if re.match(r"(?:an?|the|some|another|further|more|new)\b", rest, re.I):
            return Stance(rest, _p("likely"), phrase, noun=True)
        if re.match(r"(?:[\w-]+\s+){1,4}?[a-z]+ing\b", rest):  # "the Greens joining forces with X"
            return Stance(rest, _p("likely"), phrase, noun=True)
    match = _NO_SUBJECT.match(text)
    if match:
        np = match["np"].strip()
        article = "" if re.search(r"s$", np.split()[-1]) else "a "
        if match["no"].lower() == "neither":  # "neither side is likely to back down": either
            article = "either "
        aux = match["aux"].lower()
        base = _p({"will": "will", "is likely to": "likely"}.get(aux, aux))
        return Stance(
            f"{article}{np} {match['aux']} {_future(match['rest'])}",
            round(1 - base, 2),
            f"no ... {aux}",
        )
    match = _ABOUT_TO.match(text)
    if match:
        return Stance(
            f"{match['subj']} will {_future(match['rest'])}", _p("not about to"), "not about to"
        )
    match = _RAISES_POSSIBILITY.match(text) if ("possibility" in low or "prospect" in low) else None
    if match:  # "raising the possibility of a ceasefire": possible, not expected
        event, noun, present = _event(match["event"], match["that"] is not None)
        return Stance(
            event, _p("possible that"), "raises the possibility", noun=noun, present=present
        )
    favour = "favo" in low
    match = _ODDS_FAVOUR.search(text) if favour else None
    if match:  # "betting odds favour a snap election": more likely than not
        return Stance(match["np"].strip().rstrip("."), _p("likely"), "odds favour", noun=True)
    match = _AS_FAVOURITE.search(text) if favour else None
    if match:
        contest = f" {match['contest'].strip()}" if match["contest"] else ""
        return Stance(f"{match['subj']} will win{contest}", _p("favourite to"), "favourite")
    negative = any(w in low for w in ("cannot", "can't", "can’t", "won't", "won’t", " not "))
    match = _SUGGEST_NOT.match(text) if negative else None
    rest = match["rest"] if match else None
    if match and rest is None:  # "Whether she can win ... the polls suggest she cannot."
        said = re.search(
            rf"\b{re.escape(match['subj'])}\s+(?:can|could|will)\s+"
            r"(?P<vp>[a-z]+(?:\s+(?!(?:is|was|are|were|that|this|remains)\b)[\w’'-]+){0,4})",
            text,
            re.I,
        )
        rest = said["vp"] if said else None
    if match and rest:  # "the polls suggest she cannot win": not expected
        return Stance(f"{match['subj']} will {_future(rest)}", _p("not expect"), "suggest not")
    open_ = any(w in low for w in ("clear", "certain", "open", "touch", "toss", "coin", "call"))
    match = _UNCLEAR.match(text) if open_ or "seen" in low else None
    if match and _FUTURE_MARK.search(match["rest"]):
        return Stance(_future(match["rest"]), _p("even chance"), "unclear whether")
    judged = any(w in low for w in ("likely", "probable", "doubtful", "certain", "inevitable"))
    match = _ANAPHOR.match(text) if judged else None
    if match and not re.search(
        r"\b(?:likely|unlikely|probabl[ey]|certain(?:ly)?|doubt\w*|chances?|odds)\b",
        match["event"],
        re.I,
    ):
        event = _MAYBE.sub("", match["event"].strip())
        hedge = " ".join(match["hedge"].lower().split())
        p = _p(hedge) if hedge in words.table() else _p(hedge.split()[-1])
        if _FUTURE_MARK.search(event) or re.search(r"\b(?:could|may|might)\b", event, re.I):
            return Stance(event, p, f"that seems {hedge}")
        return Stance(event, p, f"that seems {hedge}", present=True)
    match = _PREDICATIVE.match(text)
    if match:
        np = match["np"].strip()
        if re.match(r"no\s+", np, re.I):
            return None
        hedge = " ".join(match["hedge"].lower().split())
        table = words.table()
        if re.match(r"not\s+(?:very\s+)?likely$", hedge):
            hedge = "unlikely"
        elif hedge.endswith("in doubt"):
            hedge = "doubtful"
        p = table.get(hedge) or table.get(hedge.split()[-1], words.DEFAULT_PROBABILITY)
        if match["when"]:  # "a ceasefire seems unlikely before the spring"
            np = f"{np} {match['when'].strip()}"
        return Stance(np, p, hedge, noun=True)
    match = _EXPECTATION_IN.search(text) if "expectation" in low else None
    if match and match["rest"]:  # "prices rose amid expectations that the cartel would cut output"
        return Stance(_future(match["rest"]), _p("expect"), "expectation")
    if match and match["np"]:  # "forecasts supported expectations of a rate rise next month"
        np = re.split(r"\s+(?:to|as|which|that|because|amid|after|while)\s", match["np"])[0]
        return Stance(np.strip().rstrip("."), _p("expect"), "expectation", noun=True)
    return None
