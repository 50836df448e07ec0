"""Stage 3 of extraction: sentences -> claims.

`find_claims` splits blocks into sentences and keeps the ones that predict: future and
modal verbs ("will", "may", "could", "is set to", "plans to"), hedges ("likely",
"chances are"), conditionals ("if ..., ... may"), explicit horizons ("by 2027", "within
a year") and every line under a horizon heading such as "Short-Term (6-12 months):".
It skips questions, imperatives, meta text about the article itself, indirect questions
("whether ... will"), counterfactual pasts ("would have been") and repeated paragraphs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from forecastbook.extract import stance as stance_words
from forecastbook.extract import words
from forecastbook.extract.blocks import (
    DIGIT,
    FINAL,
    FURNITURE,
    Block,
    article_blocks,
    split_sentences,
)
from forecastbook.extract.horizons import (
    NUMBER,
    UNIT,
    WEEKDAY,
    horizon_heading,
    horizon_in,
    mostly_horizon,
)

# Markers that a sentence predicts. Each is a regex over the sentence with `whether`/`how`
# clauses removed (an indirect question does not claim anything).
_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|wo\s+not)\b|[’']ll\b"
    r"|\b(?:is|are|am|was|were|'s|’s|'re|’re|isn[’']t|aren[’']t|remains?)\s+(?:not\s+)?"
    r"(?:(?:all|both|each|very|highly|most|quite|increasingly|still|also|now|almost|nearly"
    r"|fairly|widely|generally|broadly|strongly|largely)\s+)?"
    r"(?:going|set|expected|poised|slated|likely|unlikely|certain|sure|bound|due|about|forecast"
    r"|projected|tipped"
    r"|on\s+(?:track|course))\s+to\b"
    # "makes the Tories favourites to win", "Labour slight favourites to win the most seats"
    r"|\bfavou?rites?\s+to\s+(?:win|hold|take|retain|keep|form|lead|finish|top|claim|secure|make"
    r"|reach|qualify|become|stay|remain|get|return)\b"
    # Intentions predict what someone will do ("aims to" states a purpose, not a forecast).
    r"|\b(?:plans?|planning|planned|intends?|intending|intended|vows?|vowed|pledges?|pledged"
    r"|promises?|promised|threatens?|threatening|threatened|prepares?|preparing)\s+to\b",
    re.I,
)
# "a plan to", "the long-term plan to": the noun, not someone planning.
_NOUN_INTENT = re.compile(
    r"\b(?i:a|an|the|its|their|his|her|our|this|that|[\w’']+[’']s)\s+(?:[a-z-]*[a-rt-z]\s+)?"
    r"(?:plan|pledge|promise|threat|vow)\s+to\b"
    r"|\b(?i:the|its|their|his|her|our|these|those)\s+(?:plans|pledges|promises|threats|vows)"
    r"\s+to\b",
)
# A modal or hedge on a verb of state or explanation describes the present, not the future:
# "may be perceived as", "could stem from", "likely represent", "may resonate with".
_STATIVE = re.compile(
    r"\b(?:may|might|could|would|likely|probably|possibly|perhaps)\s+(?:well\s+|also\s+)?"
    r"(?:be\s+(?:perceived|seen|viewed|regarded|considered|derived|described|attributed"
    r"|explained|understood|defined|interpreted|traced|due|wrong|right|mistaken|correct|incorrect"
    r"|true|false)\b|stem|derive|reflect|represent"
    r"|indicate|suggest|explain|mean|signal|imply|constitute|amount|resonate|seem|appear"
    r"|(?:include|involve|entail|comprise|encompass)(?!\s+\w+ing\b)"
    r"|represents|reflects|indicates|means|stems|seems|appears|is|are|was|were"
    r"|(?:has|have)(?!\s+to\b))\b",
    re.I,
)
# "While X may ..., Y": a concessive clause concedes a point; it does not predict.
_CONCESSIVE = re.compile(
    r"^(?:while|whilst|although|though|even\s+though|granted)\b[^,;]*[,;]", re.I
)
_NORMATIVE = re.compile(
    r"\b(?:must|should|ought\s+to|needs?\s+to|has\s+to|have\s+to)\b"
    r"|\bit\s+is\s+(?:crucial|essential|vital|important|imperative|necessary)\b",
    re.I,
)
_PAST = re.compile(r"\b(?:was|were|had|did)\b", re.I)
# A past participle, regular or one of the common irregular ones ("may have overcome").
_PARTICIPLE = (
    r"(?:been|\w+ed|\w+en|overcome|become|come|done|gone|made|had|got|won|lost|led|left|run"
    r"|begun|hit|put|set|cut|brought|bought|thought|felt|kept|held|sent|spent|built|paid|said"
    r"|told|found|met|sold|struck|fought|caught|taught|dealt|meant|understood|withdrawn)"
)
# "may finally have", "could well have": an adverb may come between the modal and "have".
_HAVE = r"(?:\w+ly\s+|well\s+|already\s+|even\s+|also\s+)?(?:have|has)"
_MODAL = re.compile(rf"\b(?:may|might|could)\b(?!\s+{_HAVE}\s+{_PARTICIPLE}\b)", re.I)
# The month, not the modal: "May 18", "18 May", "in May"; a capital "May" inside a sentence
# is a month or a name ("until May", "Theresa May").
MONTH_MAY = re.compile(r"\bMay\b(?=\s*\d)|(?<=[\w,]\s)May\b")
_WOULD = re.compile(rf"\bwould\b(?!\s+{_HAVE}\s+{_PARTICIPLE}\b)", re.I)
_HEDGE = re.compile(
    r"\b(?:likely|unlikely|probably|possibly|perhaps|chances\s+are|odds\s+are"
    r"|in\s+all\s+likelihood|(?:there\s+is|there[’']s)\s+(?:a\s+|some\s+)?(?:real\s+|good\s+)?"
    r"(?:chance|risk|possibility|speculation|talk)|speculation\s+(?:that|about)"
    r"|risks?\s+(?:of|that)|(?:i|we)\s+(?:predict|expect|forecast|anticipate|foresee)"
    r"|(?:predicts?|predicted|forecasts?|expects?|anticipates?|foresees?)\s+that)\b",
    re.I,
)
_COUNTERFACTUAL = re.compile(rf"\b(?:would|could|might|may|will)\s+{_HAVE}\s+{_PARTICIPLE}\b", re.I)
# "predict when leaders will be overthrown": "when" before a "will" asks, it does not claim
_INDIRECT_QUESTION = re.compile(
    r"\b(?:whether|how|why|what|when(?=[^,;:]*\bwill\b))\b[^,;:]*", re.I
)
_IDIOMS = re.compile(
    r"\bonly\s+time\s+will\s+(?:tell|answer|show)\b|\bwhat\s+will\s+be,\s+will\s+be\b"
    r"|\bwill\s+(?:be\s+)?(?:examined|discussed|explored|covered)\s+(?:below|later|next)\b"
    r"|\byou\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|find|want|need|notice|see)\b",
    re.I,
)
# The text talking about itself ("The following section will ...").
_META = re.compile(
    r"^(?:the|this|our|in\s+this)\s+(?:following\s+|next\s+|present\s+)?(?:analysis|article"
    r"|section|assessment|post|piece|chapter|essay|paper|guide|discussion|examination|review"
    r"|overview|summary|series|blog|newsletter|video|podcast)\b",
    re.I,
)
# Sentences that start with a verb in the imperative address the reader.
_IMPERATIVE = re.compile(
    r"^(?:consider|imagine|remember|note|recognize|recognise|assess|evaluate|analy[sz]e"
    r"|understand|implement|keep|make\s+sure|ensure|think|ask|see|read|click|subscribe|follow"
    r"|join|share|let[’']s|don[’']t|do\s+not|be|try|watch|look|check|sign|comprehend|avoid"
    r"|strengthen|prioriti[sz]e|focus|stay|learn|find\s+out|tell\s+us)\b",
    re.I,
)
_LABEL_PREFIX = re.compile(
    r"^(?:(?:tip|step|question|answer|q|a|note|update|faq)\s*\d*\s*(?:[:.)]|-(?![\w-]))\s*"
    r"|(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2}:\s+(?=[a-z])))",
    re.I,
)
# A news dateline: "OSLO (Newswire) - ", "BERGEN -- ", "LIMA, Oct. 4 (Agency) — ": the place (in
# capitals), maybe a date and an agency, then a dash. It is not part of the first sentence.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3}(?:,\s+[A-Z][A-Z.’'-]+(?:\s+[A-Z][A-Z.’'-]+){0,3})?"
    r"(?:,\s+[A-Z][\w.]*\s+\d{1,2}(?:,\s+\d{4})?)?"
    r"(?:\s*\([A-Za-z][\w .&-]{0,30}\))?\s*(?:--|[-–—])\s*(?=\S)"
)
_SPEAKER = re.compile(r"^[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}:\s+(?=[A-Z“\"])")
_FIRST_CLAUSE_CONDITIONAL = re.compile(
    r"^(?:(?:and|but|so|yet|then|thus|however),?\s+)?(?P<kw>if|unless|should|provided\s+that"
    r"|in\s+case)\s+(?P<ante>[^,;]{3,}?),\s+(?:then\s+)?(?P<cons>.+)$",
    re.I,
)
_LAST_CLAUSE_CONDITIONAL = re.compile(
    r"^(?P<cons>.{8,}?),?\s+(?<!even\s)(?<!as\s)(?<!only\s)(?<!or\s)(?P<kw>if|unless|should)\s+"
    r"(?P<ante>[^,;]{3,}?)[.!]?$",
    re.I,
)


@dataclass(frozen=True)
class Claim:
    """A predicting sentence found in an article, before it becomes a draft question."""

    line: int
    quote: str
    clause: str
    """The predicting clause: the sentence, or the consequent of a conditional."""
    phrase: str | None
    """The probability phrase found in `clause` (see `words`), if any."""
    probability: float
    horizon: str | None = None
    """A horizon label for `parsing.horizon_end` ("6-12 months", "by 2027", "next year")."""
    group: str | None = None
    """The horizon heading the claim is listed under, if any."""
    antecedent: str | None = None
    """For a conditional: the clause the claim depends on."""
    antecedent_outcome: str = "yes"
    """`no` for "... unless A": the claim counts if A does not happen."""
    reasons: tuple[str, ...] = field(default=(), compare=False)
    """Which rules fired (for review and tests)."""
    noun: bool = False
    """`clause` is a noun phrase naming the event ("a recession"): "Will there be ...?"."""
    present: bool = False
    """`clause` is in the present tense ("Ukraine becomes an ally"), as a scenario is."""
    note: str | None = None
    """Where the probability comes from, when not from a words-table phrase."""
    headline: bool = False
    """The claim is a heading or title that itself predicts."""
    lead_horizon: bool = False
    """`horizon` is the day the article's lead names, not one the claim's sentence names."""


def _without_indirect_questions(sentence: str) -> str:
    return _INDIRECT_QUESTION.sub(" ", _IDIOMS.sub(" ", sentence))


# "the political will", "the will of the people": the noun, not the auxiliary.
_NOUN_WILL = re.compile(
    r"\b(?:the|political|popular|public|national|their|his|her|its|our|my|good|ill|free|own"
    r"|strong|collective|general|uncertain|people[’']s|[a-z]+[’']s)\s+will\b"
    r"(?=\s*(?:[.,;:!?)—–]|$)|\s+(?:to|of|and|or|for|in|among|behind|that|is|was|has)\b)",
    re.I,
)
# "the likely responses", "a likely outcome": the adjective, not a forecast.
_ADJECTIVE_LIKELY = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|these|those|any|such|other"
    r"|(?!(?:it|he|she|that|there|what|who|here)[’']s)\w+[’']s)\s+"
    r"(?:more\s+|less\s+)?"
    r"likely\s+(?!to\b|that\b|be\b|if\b|when\b)(?=[a-z]+\b)",
    re.I,
)
# A hedge on something already done: "it is likely that these losses made talks ...".
_HEDGED_PAST = re.compile(
    r"\b(?:likely|probably|possibly|perhaps)\b(?:\s+that)?\s+(?:[\w’'-]+\s+){0,6}?"
    r"(?:[a-z]+ed|made|took|gave|was|were|had|did|went|came|saw|became|led|left|lost|won|began"
    r"|fell|rose|got|held|met|sent|spent|paid|said|told|thought|brought|kept|built|grew|knew"
    r"|ran|put)\b",
    re.I,
)
_LATER_MODAL = re.compile(r"\b(?:will|would|may|might|could|shall|going\s+to)\b", re.I)
# Intentions stated in the past tense, dated to the past: reported events, not forecasts.
_PAST_INTENT = re.compile(
    r"\b(?:planned|intended|vowed|pledged|promised|threatened|prepared)\s+to\b", re.I
)
_PAST_TIME = re.compile(
    r"\b(?:recently|yesterday|earlier|ago|last\s+(?:week|month|year|night|time|\w+day)"
    rf"|on\s+{WEEKDAY})\b",
    re.I,
)
# "should this occur, ...", "..., should the talks fail": a condition, not advice.
_INVERTED_SHOULD = re.compile(
    r"(?:^|[,;]\s*)should\s+(?:this|that|it|they|the|a|an|these|those|[A-Z])", re.I
)


# "the conditions under which the conflict could end remain uncertain": the modal is in a
# relative clause describing the subject; the sentence states a present condition.
_RELATIVE_MODAL = re.compile(
    r"\b(?:under|in|by|through|with|from|for)\s+which\s+[^,;—–]*?\b(?:could|may|might|would"
    r"|will)\s+\w+",
    re.I,
)
# "the risk of escalation remains high": a present assessment of a risk level.
_RISK_LEVEL = re.compile(
    r"\brisks?\s+of\s+[^.;]{1,120}?\s+(?:remains?|is|are|stays?)\s+(?:\w+\s+)?"
    r"(?:high|low|elevated|limited|significant|substantial|real|rising|growing|increasing"
    r"|falling|receding|mounting)\b",
    re.I,
)
# "In the early 2000s, experts said Beijing could ...": a reported forecast of the past.
_REPORTED_PAST = re.compile(
    r"\b(?:said|predicted|warned|estimated|thought|believed|claimed|expected|argued)\b", re.I
)
_DISTANT_PAST = re.compile(
    r"\b(?:ago|last\s+(?:year|decade|century)|years\s+earlier|at\s+the\s+time|back\s+then)\b",
    re.I,
)
_PAST_DECADE = re.compile(r"\bin\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:19|20)\d0s\b", re.I)


_SHOULD_MOVE = re.compile(
    r"\bshould\s+(?:(?:also|still|then|soon)\s+)?(?:continue|remain|rise|fall|hover|stay"
    r"|increase|decrease|decline|grow|ease|recover|stabili[sz]e|slow|hold|drop|climb|return"
    r"|improve|worsen|weaken|strengthen)\b",
    re.I,
)


# "political will", "ill will": these adjectives make "will" the noun whatever follows.
_NOUN_WILL_ALWAYS = re.compile(
    r"\b(?:political|popular|collective|free|ill|good|own|strong|weak|uncertain|lack\s+of|sheer"
    r"|iron|general)\s+will\b(?!\s+(?:be|not|never|have|also|likely|probably|soon)\b)",
    re.I,
)


@lru_cache(maxsize=256)
def _neutralised(sentence: str) -> str:
    """`sentence` with words that look like forecasting markers but are not, blanked out."""
    text = _NOUN_WILL.sub(" the resolve ", MONTH_MAY.sub("Maytime", sentence))
    text = _NOUN_WILL_ALWAYS.sub(" the resolve ", text)
    text = _RELATIVE_MODAL.sub(" ", _RISK_LEVEL.sub(" ", text))
    return _ADJECTIVE_LIKELY.sub(" the ", text)


def _triggers(sentence: str, *, conditional: bool) -> list[str]:
    """The names of the forecasting markers in `sentence` (empty: not a prediction)."""
    text = _COUNTERFACTUAL.sub(" ", _without_indirect_questions(_neutralised(sentence)))
    text = _STATIVE.sub(" ", _CONCESSIVE.sub(" ", text))
    found = []
    future = [m for m in _FUTURE.finditer(text) if not _is_noun_intent(text, m.start())]
    if future and all(_PAST_INTENT.match(m[0]) for m in future) and _PAST_TIME.search(text):
        future = []  # "the administration recently threatened to ...": a reported event
    if future:
        found.append("future")
    if _MODAL.search(text):
        found.append("modal")
    if _HEDGE.search(text):
        found.append("hedge")
    # "would" alone is mostly hypothetical analysis; it predicts inside a conditional, as
    # "should" does before a verb of movement ("if that remains the case, prices should hover").
    if conditional and (_WOULD.search(text) or _SHOULD_MOVE.search(text)):
        found.append("conditional-would")
    elif not found and _REPORTED_WOULD.search(text):
        found.append("reported-would")  # "the pollster said the party would make gains"
    if found and set(found) <= {"hedge", "modal"} and _advice(text):
        return []  # advice ("X must act to reduce the risk of ...") is not a forecast
    if found == ["hedge"] and _PAST.search(text):
        return []  # "was ..., possibly at the expense of": a hedge on a past event
    if (
        found
        and set(found) <= {"modal", "conditional-would"}
        and _REPORTED_PAST.search(text)
        and (_DISTANT_PAST.search(text) or _PAST_DECADE.search(text))
    ):
        # "In the early 2000s, experts said Beijing could move ...", not "analysts said on
        # Friday that X could ...": a news report's day is the day of a current forecast
        return []
    if found == ["hedge"]:
        past = _HEDGED_PAST.search(text)
        if past and not _LATER_MODAL.search(text, past.start()):
            return []  # "it is likely that these losses made talks more attractive"
    return found


# Clauses of a sentence, for telling advice from a forecast next to a "must" or "needs to".
_ADVICE_CLAUSE = re.compile(
    r";\s*|,\s+(?:as|because|since|whereas|although|which|who)\s+"
    r"|\s+(?:because|whereas|although)\s+",
    re.I,
)


def _advice(text: str) -> bool:
    """True when a clause of `text` both advises ("must", "needs to") and hedges or predicts.

    "Cities must act to reduce the risk of floods" is advice; in "The party may fail, as it
    needs to clear 5%" the "needs to" is in another clause and the "may" still predicts.
    """
    text = _INVERTED_SHOULD.sub(" ", text)
    if not _NORMATIVE.search(text):
        return False
    return any(
        _NORMATIVE.search(clause) and (_MODAL.search(clause) or _HEDGE.search(clause))
        for clause in _ADVICE_CLAUSE.split(text)
    )


def _is_noun_intent(text: str, start: int) -> bool:
    return any(m.start() <= start < m.end() for m in _NOUN_INTENT.finditer(text))


def _is_question(sentence: str) -> bool:
    return sentence.rstrip("\"”’')] ").endswith("?")


def _skip_reason(sentence: str) -> str | None:
    """Why a sentence is not a claim even if it has forecasting words, or None."""
    if _is_question(sentence):
        return "question"
    if _IMPERATIVE.match(sentence):
        return "imperative"
    if _META.match(sentence) and re.search(r"\b(?:will|would|shall)\b", sentence, re.I):
        return "meta"
    if len(sentence.split()) < 3:
        return "fragment"
    return None


def _conditional_parts(sentence: str) -> tuple[str, str, str] | None:
    """(antecedent, consequent, outcome) of "If A, B" / "B if A" / "Should A, B", else None."""
    body = sentence.rstrip()
    match = _FIRST_CLAUSE_CONDITIONAL.match(body)
    if match is None:
        match = _LAST_CLAUSE_CONDITIONAL.match(body)
        if match is None:
            return None
    kw = match["kw"].lower()
    ante = match["ante"].strip()
    if re.search(r"\bwhether\b", match["cons"], re.I) and match.re is _LAST_CLAUSE_CONDITIONAL:
        return None  # "whether X or if Y": an indirect question, not a condition
    if kw == "should" and match.re is _LAST_CLAUSE_CONDITIONAL and not _starts_with_subject(ante):
        return None
    if re.match(r"(?:so|not|you|i)\b", ante, re.I):
        return None  # "if so", "if not", "if you ..." address the reader
    outcome = "no" if kw == "unless" else "yes"
    return ante, match["cons"].strip(), outcome


def _starts_with_subject(ante: str) -> bool:
    """A trailing "should" opens a conditional only before a subject ("should a deal fail")."""
    return bool(re.match(r"(?:a|an|the|this|that|these|those|[A-Z])", ante))


def find_claims(
    text: str,
    *,
    html: bool | None = None,
    published: date | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> list[Claim]:
    """The predicting sentences of an article, in order, near-duplicates dropped.

    `published` serves to tell a future year ("by 2027") from a past one. A sentence with
    two claims ("this may slow the advance, but it is unlikely to halt it") gives two; a
    heading that predicts is a claim too. `progress(done, total)` is called as the article's
    blocks (paragraphs, headings, list items) are read.

    >>> [c.clause for c in find_claims("Prices rose in 2024. Analysts say prices will fall.")]
    ['Analysts say prices will fall.']
    """
    claims: list[Claim] = []
    headlines: list[int] = []  # indexes of claims made by headings
    # a list item that is a headline ("3. Prices fall"), and where its claims start and end:
    # a "Likelihood: N%" line after the paragraph under it is the headline's number
    titled: tuple[Block, int, int] | None = None
    article_horizon: str | None = None  # "Our 2027 predictions": claims end with that year
    final: float | None = None  # the writer's own last number ("I move to 0.80")
    # a title that asks the forecast question ("Will X happen in 2026?"): the event of a
    # number given with no event of its own ("The model predicts 25%.")
    title_question: Claim | None = None
    heading_horizon: str | None = None
    group: str | None = None
    previous: tuple[Block, int] | None = None  # the last block and how many claims before it
    blocks = article_blocks(text, html=html)
    for done, block in enumerate(blocks, 1):
        if progress is not None:
            progress(done, len(blocks))
        only = stance_words.probability_only(block.text)
        if only is not None and titled is not None:
            # "Likelihood: 85%" after a headline item and the paragraph under it: the headline's
            start, end = titled[1], titled[2]
            claims[start:end] = _with_stated(claims[start:end], titled[0], only, block)
            titled = previous = None
            continue
        if only is not None and previous is not None:
            # "Likelihood: 85%" on its own line gives its number to the item above it
            claims[previous[1] :] = _with_stated(claims[previous[1] :], previous[0], only, block)
            previous = None
            continue
        previous = (block, len(claims))
        if done <= 3 and block.heading and published is not None and article_horizon is None:
            article_horizon = _title_horizon(block.text, published)
        if done <= 3 and block.heading and title_question is None:
            title_question = _title_question(block, published)
        if block.heading or (block.text.endswith(":") and len(block.text.split()) <= 10):
            # A heading that itself predicts ("No Deal Will Be Reached Within a Year") is a
            # claim, not a horizon heading for the text under it; a horizon heading is one
            # that is mostly the horizon ("Short-Term (6-12 months):", "Outlook for 2027").
            found: list[Claim] = []
            if block.heading and len(block.text.split()) >= 4:
                for _line, raw in _sentences(block):
                    found.extend(_sentence_claims(raw, block.line, None, None, published, True))
            claims.extend(found)
            headlines.extend(i for i in range(len(claims) - len(found), len(claims)))
            label = None
            if not found and not stance_words.stated(block.text):
                label = horizon_heading(block.text)
                if label is not None and not mostly_horizon(block.text):
                    label = None
            heading_horizon, group = (
                (label, block.text.rstrip(":").strip()) if label else (None, None)
            )
            titled = None
            continue
        if DIGIT.search(block.text):
            final = _own_number(block.text) or final
        start = len(claims)
        prior = next((c for c in reversed(claims[-3:]) if "stated" in c.reasons), title_question)
        claims.extend(_block_claims(block, heading_horizon, group, published, prior))
        if block.item:
            headline_item = len(block.text.split()) <= 12 and not block.text.endswith(FINAL)
            titled = (block, start, len(claims)) if headline_item else None
    if article_horizon is not None:
        claims = [c if c.horizon else replace(c, horizon=article_horizon) for c in claims]
    # one headline claim (an HTML <title> and <h1> may repeat it) and no number of its own
    if final is not None and len({claims[i].quote for i in headlines}) == 1:
        for i in headlines:
            if "stated" not in claims[i].reasons:
                claims[i] = _with_final_number(claims[i], final)
    return _without_duplicates(claims)


# The writer's own number, with no event of its own: "I move to 0.80", "We settle at 35%",
# "Final probability: 0.2". In a forecast write-up it is the number for the headline claim.
_OWN_NUMBER = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:(?:so|overall|in\s+sum|all\s+told),?\s+)?(?:(?:i|we)\s+(?:now\s+"
    r"|therefore\s+|finally\s+|thus\s+)?(?:move|moved|update|updated|settle|settled|land"
    r"|landed|arrive|arrived|go|put\s+(?:it|this)|estimate\s+(?:it|this)|forecast\s+(?:it|this))"
    r"\s+(?:up\s+|down\s+)?(?:to|at|on)|(?:my|our|the)?\s*final\s+(?:probability|forecast"
    r"|estimate|answer)\s*(?::|is|=))\s+(?:about\s+|around\s+|roughly\s+)?"
    r"(?P<n>0?\.\d{1,3}\b|\d{1,3}(?:\.\d+)?\s*%)",
    re.I,
)
# Wordings whose claim is the negation of the event the question asks about.
_NEGATING_PHRASES = ("will not", "won't", "won’t", "will never", "is not expected to", "no ")


def _own_number(text: str) -> float | None:
    """The last number the writer gives as their own in `text`, without an event, or None."""
    found = None
    for match in _OWN_NUMBER.finditer(text):
        raw = match["n"].replace(" ", "")
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        if 0 <= value <= 1:
            found = value
    return found


def _with_final_number(claim: Claim, value: float) -> Claim:
    """The headline claim with the writer's own number; for "No X will ..." it is 1 - n."""
    negated = (claim.phrase or "").lower().startswith(_NEGATING_PHRASES)
    p = round(1 - value, 3) if negated else value
    note = f"from the text: {value:g}, the writer's own number for the headline as worded" + (
        " (the headline denies the event, so p is 1 minus it)" if negated else ""
    )
    return replace(claim, probability=p, phrase=None, note=note, reasons=(*claim.reasons, "stated"))


def _with_stated(
    found: list[Claim], block: Block, only: tuple[float, str], source: Block
) -> list[Claim]:
    """The claims of `block` with the stated probability of the line after it.

    The number is for the text as worded: for a title that denies the event ("No Deal",
    "Talks Can't Succeed") the question asks about the event and p is 1 minus the number.
    """
    p, note = only
    if found:
        first = found[0]
        if (first.phrase or "").lower().startswith(_NEGATING_PHRASES):
            p, note = round(1 - p, 3), f"{note} (the text denies the event: p is 1 minus it)"
        return [
            replace(
                first, probability=p, phrase=None, note=note, reasons=(*first.reasons, "stated")
            ),
            *found[1:],
        ]
    text = _SCENARIO_LABEL.sub("", block.text.strip()).rstrip(".")
    if len(text.split()) < 2 or _is_question(text):
        return found
    clause, noun, negated = _headline_event(text)
    if negated:
        p, note = round(1 - p, 3), f"{note} (the text denies the event: p is 1 minus it)"
    return [
        Claim(
            line=block.line, quote=f"{block.text} {source.text}", clause=clause, phrase=None,
            probability=p, reasons=("stated",), present=not noun, noun=noun, note=note,
            headline=block.item or block.heading,
        )
    ]  # fmt: skip


_TITLE_NO = re.compile(r"^no\s+(?P<np>(?:(?!\b(?:will|is|are|can|to)\b)[^,;:])+)$", re.I)
_TITLE_DENIAL = re.compile(
    r"^(?P<subj>[^,;:]+?)\s+(?:(?P<be>isn[’']t|aren[’']t|is\s+not|are\s+not)|can[’']?t|cannot"
    r"|won[’']t|will\s+not|doesn[’']t|don[’']t|does\s+not|do\s+not|fails?\s+to|never)\s+"
    r"(?P<rest>.+)$",
    re.I,
)


def _headline_event(text: str) -> tuple[str, bool, bool]:
    """(event, noun, negated) of a short title: "No price war" -> ("price war", True, True),
    "Rivals can't catch up" -> ("Rivals catch up", False, True)."""
    match = _TITLE_NO.match(text)
    if match:
        return match["np"].strip(), True, True
    match = _TITLE_DENIAL.match(text)
    if match and len(match["subj"].split()) <= 6:
        verb = "is " if match["be"] else ""
        return f"{match['subj']} {verb}{match['rest']}", False, True
    return text, False, False


# "Our 2027 predictions", "2027 Annual Forecast", "Outlook 2027": claims end with that year.
_FORECAST_TITLE = re.compile(
    r"\b(?:predictions?|forecasts?|outlook|look\s+ahead|what\s+to\s+(?:expect|watch)|preview)\b",
    re.I,
)


_TITLE_QUESTION = re.compile(
    r"^(?:[^:?]{1,40}:\s+)?(?P<q>(?i:will)\s+[^?]{6,}?)\?\s*(?:\([^()]{1,30}\))?\s*$"
)


def _title_question(block: Block, published: date | None) -> Claim | None:
    """A claim for a title that asks a yes/no question ("Jane: Will X happen in 2026?")."""
    match = _TITLE_QUESTION.match(block.text.strip())
    if match is None:
        return None
    question = match["q"]
    return Claim(
        line=block.line, quote=question, clause=question[5:].strip(), phrase=None,
        probability=words.DEFAULT_PROBABILITY, horizon=horizon_in(question, published),
        reasons=("stated",), present=True, headline=True,
    )  # fmt: skip


def _title_horizon(title: str, published: date) -> str | None:
    """The horizon of an article titled as the forecasts for one year, or None."""
    years = set(re.findall(r"\b(20\d\d)\b", title))
    if len(years) != 1 or not _FORECAST_TITLE.search(title):
        return None
    year = int(years.pop())
    return f"by {year}" if year >= published.year else None


def _sentences(block: Block) -> list[tuple[int, str]]:
    """The sentences of a block, each with the source line where it starts."""
    found, pos = [], 0
    for sentence in split_sentences(block.text):
        at = block.text.find(sentence, pos)
        if at < 0:
            at = pos
        found.append((block.line_at(at), sentence))
        pos = at + len(sentence)
    return found


_SCENARIO_LABEL = re.compile(r"^[“\"‘']?[^,“”\"]{1,40}[”\"’']?,\s+that\s+is,?\s+", re.I)


def _restatements(raw: str, line: int, found: list[Claim], prior: Claim | None) -> list[Claim]:
    """Claims for numbers `raw` restates ("X puts it at 40%") for the last stated event."""
    if not DIGIT.search(raw):
        return []
    extra = []
    for quote, p, note in stance_words.restated(raw):
        if any(quote in c.quote or c.quote in quote for c in found):
            continue  # the number is a claim's own ("X puts a recession at 40%")
        earlier = [c for c in found if "stated" in c.reasons] or ([prior] if prior else [])
        if not earlier:
            continue
        extra.append(
            replace(
                earlier[-1],
                line=line,
                quote=quote,
                probability=p,
                phrase=None,
                note=note,
                reasons=("stated",),
            )
        )
    return extra


def _block_claims(
    block: Block,
    heading_horizon: str | None,
    group: str | None,
    published: date | None,
    prior: Claim | None = None,
) -> list[Claim]:
    """Claims of one block; "The probability is 15%" gives its number to the claim before it.

    In a list item the number belongs to the item's first sentence (the scenario it names).
    A number restated by another source ("X puts it at 40%") is a claim about the event of
    the last stated claim (in this block, else `prior`).
    """
    sentences = _sentences(block)
    per_sentence: list[list[Claim]] = []
    for index, (line, raw) in enumerate(sentences):
        only = stance_words.probability_only(raw)
        target = 0 if block.item else index - 1
        if only is not None and target >= 0 and _is_question(sentences[target][1]):
            only = None  # "What if X? (A 16% chance of this.)": no claim to give it to
        if only is None or target < 0:
            found = _sentence_claims(raw, line, heading_horizon, group, published, False)
            before = [c for claims in per_sentence for c in claims]
            last = next((c for c in reversed(before) if "stated" in c.reasons), prior)
            found += _restatements(raw, line, found, last)
            per_sentence.append(found)
            continue
        per_sentence.append([])
        p, note = only
        earlier = per_sentence[target]
        if earlier:
            first = earlier[0]
            earlier[0] = replace(
                first, probability=p, phrase=None, note=note, quote=f"{first.quote} {raw}",
                reasons=(*first.reasons, "stated"),
            )  # fmt: skip
            continue
        t_line, t_raw = sentences[target]
        clause = _SCENARIO_LABEL.sub("", t_raw.strip()).rstrip(".")
        horizon = horizon_in(t_raw, published)
        per_sentence[target] = [
            Claim(
                line=t_line,
                quote=f"{t_raw.strip()} {raw.strip()}",
                clause=clause,
                phrase=None,
                probability=p,
                horizon=horizon or heading_horizon,
                group=group if heading_horizon else None,
                reasons=("stated",),
                present=True,
                note=note,
            )
        ]
    return [claim for found in per_sentence for claim in found]


# A question with its number, as a prediction market or a forecast list gives it: "Ceasefire
# before July? - 56%", "Will the mayor resign? 30%".
_LISTED_QUESTION = re.compile(
    r"(?P<q>[^?]*?[A-Za-z][^?]*?)\?\s*(?:[-–—:=]\s*)?~?\s*(?P<n>\d{1,3}(?:\.\d+)?)\s*%"
)


def _listed_questions(
    sentence: str, line: int, heading_horizon: str | None, group: str | None, published: date | None
) -> list[Claim]:
    """One claim for each question given with a number in `sentence`."""
    found = []
    for match in _LISTED_QUESTION.finditer(sentence):
        question = match["q"].rsplit(":", 1)[-1].strip(" ,;-–—•")
        value = float(match["n"])
        if len(question.split()) < 2 or value > 100:
            continue
        clause = re.sub(r"^will\s+", "", question, flags=re.I)
        quote = f"{question}? - {match['n']}%"
        found.append(
            Claim(
                line=line, quote=quote, clause=clause, phrase=None, probability=value / 100,
                horizon=horizon_in(question, published) or heading_horizon,
                group=group if heading_horizon else None, reasons=("stated",), present=True,
                note=f"from the text: {match['n']}%",
            )
        )  # fmt: skip
    return found


def _sentence_claims(
    raw: str,
    line: int,
    heading_horizon: str | None,
    group: str | None,
    published: date | None,
    headline: bool,
) -> list[Claim]:
    sentence = _SPEAKER.sub("", _LABEL_PREFIX.sub("", _DATELINE.sub("", raw.strip())))
    if headline:  # "Moscow Unlikely To Accept Terms, Counteroffer Likely": headline grammar
        sentence = _HEADLINE_SOURCE.sub("", _HEADLINE_TOPIC.sub("", sentence))
        sentence = _HEADLINE_COPULA.sub(r"\g<1> is \g<2>", sentence)
    if "?" in sentence and "%" in sentence:
        listed = _listed_questions(sentence, line, heading_horizon, group, published)
        if listed:
            return listed
    if _skip_reason(sentence) or FURNITURE.search(sentence):
        return []
    claims = []
    parts = _split_claims(sentence)
    if headline and len(parts) == 1:
        pieces = [
            _HEADLINE_BARE_NOUN.sub(lambda m: f"a {m['np'][0].lower()}{m['np'][1:]}", p)
            for p in re.split(r"[,;]\s+", sentence)
        ]
        predicting = [p for p in pieces if _triggers(p, conditional=False) or _stance_of(p)]
        if len(predicting) >= 2:  # "X Unlikely To Accept Terms, Counteroffer Likely"
            parts = [(p, p) for p in predicting]
    # computed once: a sentence can have hundreds of parts in a scraped page without stops
    sentence_horizon = horizon_in(sentence, published) if len(parts) > 1 else None
    for quote, part in parts:
        more = stance_words.followers(part) if DIGIT.search(part) else []
        first = part[: more[0].start] if more else part
        claim = _claim(first, sentence_horizon, line, heading_horizon, group, published)
        if claim is not None and not more and quote != part:
            claim = replace(claim, quote=quote.strip())
        if claim is not None and headline and set(claim.reasons) <= {"horizon"}:
            claim = None  # a title that only names a date ("Odds by 2030") predicts nothing
        if claim is not None:
            claims.append(replace(claim, headline=True) if headline else claim)
        for follower in more:  # "..., rising to 21% by 2020 and 43% by the end of next year"
            claims.append(
                Claim(
                    line=line, quote=follower.quote, clause=follower.stated.event, phrase=None,
                    probability=follower.stated.p,
                    horizon=horizon_in(follower.quote, published)
                    or _event_duration(follower.stated.event),
                    reasons=("stated",), noun=follower.stated.noun, note=follower.stated.note,
                )
            )  # fmt: skip
    return claims


# "a 40% chance of the truce lasting a week": the event's own duration is its horizon
_EVENT_DURATION = re.compile(
    rf"\b(?:surviv\w*|last\w*|hold\w*|endur\w*)\s+(?:for\s+|beyond\s+|past\s+)?"
    rf"(?P<label>{NUMBER}\s+{UNIT})$",
    re.I,
)


def _event_duration(event: str) -> str | None:
    match = _EVENT_DURATION.search(event.strip().rstrip("."))
    return " ".join(match["label"].split()).lower() if match else None


# Headlines drop the copula: "X Unlikely To Y", "Deal Likely", "Rates Set To Rise".
_HEADLINE_BARE_NOUN = re.compile(
    r"^(?P<np>[A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,2}\s+is\s+(?:very\s+|highly\s+)?(?:un)?likely)$",
    re.I,
)
# A headline's source tag after a colon ("...: analysts", "...: research") and its topic
# label before one ("City Vote 2026: Pollsters say ...")
_HEADLINE_SOURCE = re.compile(r"\s*:\s+(?-i:[a-z]+)(?:\s+(?-i:[a-z]+)){0,2}\s*$")
_HEADLINE_TOPIC = re.compile(r"^[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}:\s+(?=[A-Z])")
_HEADLINE_COPULA = re.compile(
    # not after a verb that is already there ("the Port Authority is expected to")
    r"(\w)(?<!\b(?i:is))(?<!\b(?i:are))(?<!\b(?i:was))(?<!\b(?i:be))(?<!\b(?i:were))"
    r"(?<!\b(?i:been))\s+((?i:very\s+|highly\s+)?(?i:unlikely|likely|set|expected|poised|certain|due|inevitable)"
    r"(?:\s+(?i:to)\b|(?=\s*(?:[,;:.!]|$)|\s+(?i:as|amid|after|despite|while|but)\s)))"
)
_STANCE_CONCESSIVE = re.compile(
    r"^(?:while|whilst|although|though|even\s+though)\s+(?P<c>[^;]*?\b(?:expect|expects"
    r"|expected|unlikely|likely|improbable|probability|doubt|doubts|certain|predict|predicts"
    r"|predicted|forecast|forecasts)\b[^,;]*)[,;]\s*"
    r"(?P<rest>.+)$",
    re.I,
)
_COORDINATION = re.compile(
    r";\s+|,\s+(?:but|while|whereas|instead|yet)\s+(?!(?:that|this)\s+(?:also\s+|still\s+)?"
    r"(?:seems|looks|is|appears|remains|sounds)\s+(?:\w+\s+)?(?:un)?likely\b)"
    r"|\s+but\s+(?=it[’']s\s|\w+\s+(?:\w+\s+)?(?:is|are|will|may|might|could|would)\b)"
    r"|,?\s+and\s+(?=(?:even\s+)?(?:unless|if)\b)"
    # "..., with analysts forecasting a rise to 3.5%": not an aside of a number's own event
    r"|,\s+with\s+(?![^,]*\bof\s+(?:happening|occurring|coming)\b)"
    r"(?=[^,]*(?:\b(?:likely|probably|per\s?cent)\b|%))"
    r"|\s+and\s+(?=(?:the|a|an|it|they|he|she|we)\s+(?:\w+\s+){0,6}?"
    r"(?:will|may|might|could|is\s+likely|are\s+likely)\b)"
    # "..., and we expect it to ...": the writer's own stance joined to a reported figure
    r"|,?\s+and\s+(?=(?:we|i)\s+(?:also\s+|still\s+)?(?:expect|think|believe|predict|anticipate"
    r"|doubt)\b)"
    # "X will continue A and could open B": a hedged second verb phrase is its own claim
    r"|\s+and\s+(?=(?:could|may|might)\s+(?!be\b|have\b)[a-z]+\s)"
    # an appositive with its own prediction: "..., an election that will have low turnout"
    r"|,\s+(?=(?:an?|the)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:that|which)\s+(?:will|would|is\s+likely"
    r"|are\s+likely)\b)"
    # "..., raising the possibility of a ceasefire": a possibility raised, a claim of its own
    r"|,\s+(?=(?:raising|opening\s+up|increasing)\s+the\s+(?:possibility|prospect|chances?)\b)"
    # "..., as both sides will intensify attacks": a reason that is itself a prediction
    r"|,\s+(?:however,\s+)?as\s+(?=(?:the|a|an|both|all|it|they|he|she|we)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:will|may|might|could|(?:is|are)\s+likely)\b)"
    # a run-on sentence: "... on 20 January and although he ..., he will ..."
    r"|,?\s+and\s+(?=(?:although|though|while|with)\s)"
    # "a 20% chance of X and a 30% chance of Y": two numbers, two claims
    r"|,?\s+and\s+(?=(?:an?\s+)?~?\d{1,3}(?:\.\d+)?\s*(?:%|per\s?cent)\s+(?:chance|probability"
    r"|likelihood|odds|risk)\b)"
    r"|,\s+and\s+(?!(?:then|also|still|even|will|may|might|could|would)\b)(?=(?:\w+\s+){1,4}?"
    r"(?:will|may|might|could|(?:is|are)\s+(?:un)?likely|(?:is|are)\s+(?:not\s+)?expected)\b)",
    re.I,
)


# "X has a 60% chance of winning, Y 30% and Z 10%", "gives A a 70% chance of winning the
# most seats and B a 25% chance": later holders whose event is the first one's
_FIRST_CHANCE_OF = re.compile(
    r"\b(?:chance|probability|likelihood)\s+of\s+(?P<gerund>[a-z]+ing\b[^,;]*?)"
    r"(?=\s*(?:[,;]|\band\b|$))"
)
_ELLIPTIC_ITEM = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?P<subj>(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+"
    rf"(?:an?\s+)?{stance_words.PERCENT}(?:\s+(?:chance|probability|one))?(?=\s*(?:[,;.]|\band\b|$))"
)


def _elliptic_numbers(piece: str) -> list[tuple[str, str]]:
    """(quote, clause) for the first holder's number and each later elided one, else []."""
    first = _FIRST_CHANCE_OF.search(piece)
    if first is None or not stance_words.stated(piece[: first.end()]):
        return []
    items = list(_ELLIPTIC_ITEM.finditer(piece, first.end()))
    if not items:
        return []
    found = [(piece[: items[0].start()].strip(), piece[: items[0].start()].strip())]
    gerund = first["gerund"].strip()
    for item in items:
        pct = item["pct"].strip()
        found.append((item[0].strip(" ,"), f"{item['subj']} has a {pct} chance of {gerund}"))
    return found


def _split_claims(sentence: str) -> list[tuple[str, str]]:
    """(quote, clause) for each part of a sentence that makes a claim (usually one part).

    A concessive clause that states a likelihood ("Although we do not expect a blockade,
    ...") is a claim of its own; coordinated clauses split when each one predicts. The clause
    is the quote with a pronoun subject replaced by the first part's subject ("..., but it is
    unlikely to win" -> "the opposition is unlikely to win").
    """
    pieces = [sentence]
    match = _STANCE_CONCESSIVE.match(sentence)
    if match:
        pieces = [match["c"], match["rest"]]
    result: list[tuple[str, str]] = []
    for piece in pieces:
        numbers = piece.count("%") + piece.count("cent")
        elliptic = _elliptic_numbers(piece) if numbers >= 2 else []
        if elliptic:  # "Smith has a 60% chance of winning, Jones 30% and Brown 10%"
            result.extend(elliptic)
            continue
        numbered = stance_words.number_segments(piece) if numbers >= 2 else [piece]
        if len(numbered) > 1 and all(stance_words.stated(seg) for seg in numbered):
            # "a 20% chance of X, a 60% chance of Y and ...": one claim per number
            result.extend((seg, seg) for seg in numbered)
            continue
        segments = [seg for seg in _COORDINATION.split(piece) if seg and seg.strip()]
        if len(segments) < 2:
            result.append((piece, piece))
            continue
        # "economists expect GDP to grow 2%; unemployment to remain low; and ...": each later
        # "Y to V" item is expected by the same head
        head = _EXPECT_HEAD.match(segments[0])
        lifted = {
            seg: f"{head['head']}{item['item']}"
            for seg in segments[1:]
            if head and (item := _INFINITIVE_ITEM.match(seg))
        }
        kept: list[str] = []
        for seg in segments:
            text = lifted.get(seg, seg)
            predicts = bool(
                _triggers(text, conditional=True) or stance_words.stated(text) or _stance_of(text)
            )
            if predicts or not kept:
                kept.append(seg)
            else:
                kept[-1] = f"{kept[-1]}, {seg}"
        predicting = [
            k
            for k in kept
            if _triggers(lifted.get(k, k), conditional=True)
            or stance_words.stated(lifted.get(k, k))
            or _stance_of(lifted.get(k, k))
        ]
        if (
            len(predicting) == 1
            and predicting[0] is not kept[0]
            and _APPOSITIVE.match(predicting[0])
        ):
            # "X are motivated to vote in the runoff, an election that will have low turnout":
            # the prediction is the appositive's, about the noun phrase it follows
            at = kept.index(predicting[0])
            result.append((predicting[0], _with_subject(predicting[0], kept[0], kept[at - 1])))
            continue
        if len(predicting) < 2:
            result.append((piece, piece))
            continue
        clauses = [
            kept[0],
            *(
                lifted[k] if k in lifted else _with_subject(k, kept[0], kept[i])
                for i, k in enumerate(kept[1:])
            ),
        ]
        condition = _FIRST_CLAUSE_CONDITIONAL.match(kept[0])
        if condition:  # "If A, B, with C likely ...": C is conditional on A as well
            lead = kept[0][: condition.start("cons")]
            clauses = [clauses[0], *(lead + k for k in clauses[1:])]
            kept = [kept[0], *(lead + k for k in kept[1:])]
        result.extend(zip(kept, clauses, strict=True))
    return result


_MODAL_START = re.compile(r"^(?:could|may|might)\s+[a-z]", re.I)
_APPOSITIVE = re.compile(
    r"^(?:an?|the)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:that|which)\s+(?P<rest>(?:will|would|is\s+likely"
    r"|are\s+likely)\b.*)$",
    re.I,
)
_LAST_NP = re.compile(r"\b(?P<np>(?:the|its|their|this)\s+[\w’'-]+(?:\s+[\w’'-]+){0,2})\s*$", re.I)
_EXPECT_HEAD = re.compile(
    r"^(?P<head>.*?\b(?:expects?|expected|expecting|predicts?|predicted|forecasts?|forecasted"
    r"|anticipates?|anticipated)\s+)[^,;]+?\s+to\s+(?-i:[a-z])",
    re.I,
)
_INFINITIVE_ITEM = re.compile(r"^(?:and\s+)?(?P<item>[^,;]{1,60}?\s+to\s+(?-i:[a-z])\w+.*)$", re.I)
_PRONOUN_SUBJECT = re.compile(r"^(?P<pro>it|they|he|she)\s+(?=\S)", re.I)


def _with_subject(part: str, first: str, previous: str = "") -> str:
    """ "it is unlikely to win" after "the opposition could gain seats": the opposition.

    An appositive ("..., an election that will have a low turnout") is about the noun phrase
    that ends the part before it.
    """
    if _MODAL_START.match(
        part
    ):  # "could open dialogue" after "the U.S. will continue ...": the U.S.
        aux = AUX.search(" " + strip_lead(first))
        subject = subject_of((" " + strip_lead(first))[: aux.start()]) if aux else ""
        return f"{subject} {part}" if subject and len(subject.split()) <= 6 else part
    appositive = _APPOSITIVE.match(part)
    named = _LAST_NP.search(previous) if appositive else None
    if appositive and named:
        return f"{named['np']} {appositive['rest']}"
    match = _PRONOUN_SUBJECT.match(part)
    if match is None:
        return part
    clause = first
    condition = _FIRST_CLAUSE_CONDITIONAL.match(first)
    if condition:
        clause = condition["cons"]
    aux = AUX.search(" " + strip_lead(clause))
    if aux is None:
        return part
    subject = subject_of((" " + strip_lead(clause))[: aux.start()])
    if not subject or _PRONOUN_SUBJECT.match(subject + " x") or len(subject.split()) > 6:
        return part
    return f"{subject} {part[match.end() :]}"


# "The central bank has said it will not intervene": the bank, not "it".
_REPORTED_PRONOUN = re.compile(
    r"^(?P<np>(?i:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+){0,4}?"
    r"|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:said|says|warned|warns|argued|argues|insisted|insists"
    r"|promised|promises|pledged|pledges|stated|states|announced|announces|signall?ed|indicated"
    r"|indicates|vowed|vows)\s+(?:that\s+)?(?:it|they|he|she)\s+(?P<rest>(?:will|would|may|might"
    r"|could|is|are|won[’']t|plans|intends)\b.*)$"
)


_INTRO_PHRASE = re.compile(
    r"^(?:in|over|for|during|at|by|within|on|absent|given|according\s+to|because|despite|after"
    r"|with|without|as|like|unlike|contrary\s+to|in\s+contrast\s+to)\b[^,]{0,100}"
    # "Contrary to the alarm voiced by many leaders, including X, experts argued ..."
    r"(?:,\s+(?:including|such\s+as|notably)\b[^,]{0,40})?,\s*",
    re.I,
)
_CONCESSIVE_LEAD = re.compile(r"^(?:although|though|while|whilst|even\s+though)\s+", re.I)


def _stance_of(clause: str) -> stance_words.Stance | None:
    # a quotation's closing marks are not part of the clause: '... it will happen,"'
    text = _CONCESSIVE_LEAD.sub("", _DISCOURSE.sub("", clause.strip().rstrip(" ,;\"”’'")))
    if not stance_words.may_hold_stance(text):
        return None
    found = stance_words.stance(text)
    bare = _INTRO_PHRASE.sub("", text)
    if found is None:
        found = stance_words.stance(bare) if bare != text else None
    if found is None:  # "officials say they expect another launch": the holder's stance
        said = _SAID_LEAD.sub("", bare, count=1)
        found = stance_words.stance(said) if said != text else None
    if found is None:  # "X, the firm's economist, says the baseline is that ..."
        lead = strip_lead(text)
        found = stance_words.stance(lead) if lead != text else None
    if found is None:  # "with some analysts predicting a response": anyone's expectation
        # "the Bank is pencilling in a rise": the Bank expects one
        text = _PENCILS_IN.sub("expecting", text)
        holders = (
            _ANY_HOLDER.finditer(text)
            if _ANY_HOLDER.search(text) and not _triggers(text, conditional=False)
            else ()
        )
        # "is expected": a passive, not someone's expectation
        holder = next(
            (h for h in holders if not (h["ed"] and _BE_BEFORE.search(text, 0, h.start()))), None
        )
        if holder:
            # "no panelists forecast a recession": few hold it
            who = "few" if _FEW_BEFORE.search(text, 0, holder.start()) else "they"
            found = stance_words.stance(f"{who} {holder['verb'].lower()} {holder['rest']}")
    if found is None:  # "it is possible, but I have my doubts it will happen"
        last = _LAST_CLAUSE_STANCE.search(text)
        found = stance_words.stance(last["rest"]) if last else None
        named = _EMPTY_EVENT.match(found.clause) if found is not None and last else None
        earlier = _POSSIBLE_FOR.search(text[: last.start()]) if named and last else None
        if found is not None and earlier:  # "it" is the event the first clause names
            found = replace(found, clause=f"{earlier['subj']} will {earlier['rest'].strip()}")
    return found


# A verb of expectation with whoever holds it ("all three models forecast", "markets were
# expecting", "I would expect"): what follows is read as "they <verb> ...".
_ANY_HOLDER = re.compile(
    # not a noun ("our forecasts", "the forecast for"), a passive ("is expected") or an
    # infinitive ("to see")
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bas\s)(?<!\bto\s)(?<!\bour\s)(?<!\btheir\s)(?<!\bits\s)"
    r"(?<!\bhis\s)(?<!\bher\s)(?<!\bmy\s)(?<!\bhad\s)(?<!\bthan\s)"
    r"\b(?P<verb>predict|forecast|expect|anticipate|foresee|project|see(?=\s+(?:[\w$’'-]+\s+){1,4}?"
    # "-ing" as a verb ("analysts predicting a response"), not an adjective ("forecasting models")
    r"[a-z]+ing\b))(?:s|(?P<ed>ed)|ing(?=\s+(?:an?|the|two|three|further|more|new|another)\b))?"
    r"\s+"
    r"(?P<rest>(?!(?:that|whether|if|how|what|when|why|it|this|for|of|to|in|on|from|at)\b)[^;]+)$",
    re.I,
)
_PENCILS_IN = re.compile(r"\bpencil(?:l?ing|s|l?ed)?\s+in\b", re.I)
_FEW_BEFORE = re.compile(r"\b(?:no|few|hardly\s+any|not\s+many)\s+[\w-]+\s+$", re.I)
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$", re.I)
# "it will happen": an event named only by a pronoun; "possible for X to V": the event X V
_EMPTY_EVENT = re.compile(
    r"^(?:it|this|that)\s+will\s+(?:ever\s+|actually\s+)?(?:happen|occur|come\s+to\s+pass"
    r"|materiali[sz]e|take\s+place)$",
    re.I,
)
_POSSIBLE_FOR = re.compile(
    r"\bpossible\s+for\s+(?P<subj>[^,;]+?)\s+to\s+(?P<rest>[^;]+?)\s*$", re.I
)


_SAID_LEAD = re.compile(
    r"^[^,;:]{0,80}?\b(?:say|says|said|told\s+[^,;:]{1,40}?|writes|wrote|added|argued|argue"
    r"|argues|noted|notes|concluded|concludes|warned|warns|insisted|insists)\s+(?:that\s+)?",
    re.I,
)
_LAST_CLAUSE_STANCE = re.compile(r"[,;]\s+(?:but|yet|though|although|so)\s+(?P<rest>[^,;]+)$", re.I)


_PERFECT_OR_PAST = re.compile(
    rf"\b(?:has|have|had)\s+(?:\w+ly\s+)?{_PARTICIPLE}\b|\b(?:was|were|did)\b", re.I
)


# "analysts predict (that) X will ...", "the bank anticipates X will ...": a reporting verb of
# expectation before the first "will" of the clause.
_REPORTED_WILL = re.compile(
    r"^(?:(?!\bwill\b)[^;])*?\b(?P<verb>predict(?:s|ed|ing)?|forecast(?:s|ed|ing)?"
    r"|anticipate[sd]?|anticipating|expect(?:s|ed|ing)?|believe[sd]?|believing|project(?:s|ed)?"
    r"|think|thinks|thought)\s+(?:that\s+)?(?:(?!\bwill\b)[^;,])*?\bwill\b",
    re.I,
)
# "X said (that) Y would ...": a forecast reported in the past tense
_REPORTED_WOULD = re.compile(
    r"^(?:(?!\bwould\b)[^;])*?\b(?P<verb>said|says|say|predicted|forecast|forecasted|expected"
    r"|believed|thought|projected|estimated|told\s+[^,;]{1,30}?)\s+(?:that\s+)?"
    r"(?:(?!\bwould\b)[^;,])*?\bwould\b(?!\s+(?:have|like|love|prefer|rather|be\s+(?:able|willing"
    r"|happy|glad|surprised|prepared|wise|better)))",
    re.I,
)
_NEGATED_WILL = re.compile(r"\bwill\s+(?:not|never)\b|\bwon[’']t\b", re.I)


def _claim(
    part: str,
    sentence_horizon: str | None,
    line: int,
    heading_horizon: str | None,
    group: str | None,
    published: date | None,
) -> Claim | None:
    horizon = horizon_in(part, published) or sentence_horizon
    common = {
        "line": line,
        "quote": part.strip(),
        "horizon": horizon or heading_horizon,
        "group": group if heading_horizon else None,
    }
    reported = _REPORTED_PRONOUN.match(part.strip())
    if reported:
        part = f"{reported['np']} {reported['rest']}"  # (the quote keeps the article's words)
    given = stance_words.stated(part)
    if given is not None:
        if common["horizon"] is None:
            common["horizon"] = _event_duration(given.event)
        event, p = given.event, given.p
        held = _stance_of(event) if not given.noun else None
        if held is not None and held.noun:  # "the likeliest outcome (24%) is a coalition"
            event, given = held.clause, replace(given, noun=True, present=False)
        elif held is not None:
            # "Our base case (70% likely) is that X will ...": the number is the stance's
            event = held.clause
            denied = held.p < 0.5 or re.search(r"\b(?:will\s+not|won[’']t)\b", event, re.I)
            p = round(1 - p, 3) if denied else p
        return Claim(
            clause=event, phrase=None, probability=p, reasons=("stated",),
            noun=given.noun, present=given.present and held is None, note=given.note, **common,
        )  # fmt: skip
    parts = _conditional_parts(part)
    if parts is not None and "surprised" in part:  # "we'd be surprised if X did not ...":
        whole = _stance_of(part)  # a stance on X, not a conditional
        parts = None if whole is not None and whole.phrase.startswith("would be") else parts
    clause, antecedent, outcome = part, None, "yes"
    reasons = _triggers(part, conditional=parts is not None)
    if parts is not None:
        ante, cons, outcome_ = parts
        if _triggers(cons, conditional=True) or _stance_of(cons):
            clause, antecedent, outcome = cons, ante, outcome_
            reasons.append("conditional")
    position = _stance_of(clause)
    if position is not None:
        reasons.append("stance")
    if (
        not reasons
        and not _PERFECT_OR_PAST.search(part)
        and horizon_in(part, published, current_year=False)
    ):  # "the city has doubled its fleet in five years" is a duration, not a horizon
        reasons.append("horizon")
    if heading_horizon and not reasons:
        reasons.append("under-horizon-heading")
    if not reasons:
        return None
    if position is not None:
        return Claim(
            clause=position.clause, phrase=position.phrase, probability=position.p,
            antecedent=antecedent, antecedent_outcome=outcome, reasons=tuple(reasons),
            noun=position.noun, present=position.present, **common,
        )  # fmt: skip
    phrase = words.find_phrase(_probability_text(clause))
    reported = _REPORTED_WILL.search(_probability_text(clause))
    # only a bare "would": "said X would probably V" keeps the hedge's number
    bare_would = phrase == "would" and words.probability_of(
        _probability_text(clause)
    ) == words.table().get("would")
    reported_would = _REPORTED_WOULD.search(clause) if bare_would else None
    if reported_would and not re.search(r"\bwould\s+not\b|\bwouldn[’']t\b", clause, re.I):
        # "ABP said the party would make huge gains": the past tense of "will", reported
        return Claim(
            clause=clause, phrase=reported_would["verb"].split()[0].lower(),
            probability=words.table()["expected to"], antecedent=antecedent,
            antecedent_outcome=outcome, reasons=tuple(reasons),
            note="from the wording: a reported '... would' (read as 'expected to')", **common,
        )  # fmt: skip
    if phrase in {"will", "is going to"} and reported and not _NEGATED_WILL.search(clause):
        # "Economists predict the bank will hold rates": someone's expectation, reported;
        # not the writer's own unhedged "will". Read as the table's "expected to".
        return Claim(
            clause=clause, phrase=reported["verb"].lower(),
            probability=words.table()["expected to"], antecedent=antecedent,
            antecedent_outcome=outcome, reasons=tuple(reasons),
            note=f"from the wording: {reported['verb'].lower()} ... will (read as 'expected to')",
            **common,
        )  # fmt: skip
    if phrase is None and _SHOULD_MOVE.search(clause):
        # "prices should continue to hover": the words table has no "should"; an analyst's
        # "should" on a trend is an expectation, read as its "expected to".
        return Claim(
            clause=clause, phrase="should", probability=words.table()["expected to"],
            antecedent=antecedent, antecedent_outcome=outcome, reasons=tuple(reasons),
            note="from the wording: should (read as 'expected to')", **common,
        )  # fmt: skip
    return Claim(
        clause=clause,
        phrase=phrase,
        probability=words.probability_of(_probability_text(clause)),
        antecedent=antecedent,
        antecedent_outcome=outcome,
        reasons=tuple(reasons),
        **common,
    )


def _without_duplicates(claims: Sequence[Claim], threshold: float = 0.8) -> list[Claim]:
    """`claims` without near-repeats (word-set Jaccard >= `threshold` with an earlier one).

    Scraped pages often repeat a paragraph. Comparing every claim with every earlier one
    took minutes for a megabyte; this is a prefix-filter similarity join: order each word set
    by how rare its words are, and two sets that reach the threshold must share one of the
    first |x| - ceil(threshold * |x|) + 1 words of each, so only claims that share such a
    word are compared. Exact, and near-linear for text that does not repeat.
    """
    sets = [frozenset(word_tokens(c.quote)) for c in claims]
    frequency: dict[str, int] = {}
    for words_ in sets:
        for word in words_:
            frequency[word] = frequency.get(word, 0) + 1
    index: dict[str, list[int]] = {}
    exact: set[frozenset[str]] = set()
    kept: list[Claim] = []
    kept_sets: list[frozenset[str]] = []
    for claim, words_ in zip(claims, sets, strict=True):
        if words_ in exact:
            continue
        ordered = sorted(words_, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]
        # A word already in the prefixes of _POSTING_CAP kept claims is a common word of a
        # page of near-identical lines; it stops being a key, which bounds the time (the
        # check then misses only near-repeats that share no rarer word).
        candidates = {
            j for word in prefix if len(index.get(word, ())) < _POSTING_CAP
            for j in index.get(word, ())
        }  # fmt: skip
        if any(_jaccard(words_, kept_sets[j]) >= threshold for j in candidates):
            continue
        for word in prefix:
            postings = index.setdefault(word, [])
            if len(postings) < _POSTING_CAP:
                postings.append(len(kept))
        exact.add(words_)
        kept.append(claim)
        kept_sets.append(words_)
    return kept


_POSTING_CAP = 64


# "certain states", "certain NATO allies": the determiner, not certainty.
_DETERMINER_CERTAIN = re.compile(r"\bcertain\b(?!\s+(?:to|that|of)\b)(?=\s+\w)", re.I)
_CERTAINTY_BEFORE = re.compile(
    r"\b(?:is|are|be|almost|virtually|seems|looks|appears|nearly)\s+$", re.I
)


@lru_cache(maxsize=256)  # asked up to three times for each claim
def _probability_text(clause: str) -> str:
    """`clause` with words that look like probability phrases but are not, removed."""
    clause = _ADJECTIVE_LIKELY.sub(" the ", MONTH_MAY.sub("Maytime", clause))
    clause = re.sub(r"(?<=\w)[’']ll\b", " will", clause)  # "they'll" is "they will"
    out, last = [], 0
    for match in _DETERMINER_CERTAIN.finditer(clause):
        if _CERTAINTY_BEFORE.search(clause[: match.start()]):
            continue
        out.append(clause[last : match.start()])
        last = match.end()
    out.append(clause[last:])
    return "".join(out)


def word_tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


# -- the lead and the subject of a clause (stage 4 uses them too) --------------------------

_DISCOURSE = re.compile(
    r"^(?:however|meanwhile|furthermore|moreover|conversely|therefore|thus|hence|finally"
    r"|consequently|additionally|also|still|so|and|but|yet|then|instead|indeed|in\s+turn"
    r"|for\s+(?:instance|example)|in\s+(?:short|sum|summary|conclusion|addition|particular)"
    r"|as\s+a\s+result|in\s+the\s+(?:current|present)\s+context|on\s+the\s+other\s+hand"
    r"|ultimately|eventually|likewise|similarly|most\s+(?:likely|probably)"
    r"|in\s+(?:our|my)\s+(?:view|opinion|judge?ment|assessment)"
    r"|according\s+to\s+[^,;:]{1,80}?(?=,))\b,?\s*",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"^.{0,100}?\b(?:argue[sd]?|suggest(?:s|ed)?|say|says|said|claim(?:s|ed)?|believe[sd]?"
    r"|warn(?:s|ed)?|fear(?:s|ed)?|indicate[sd]?|predict(?:s|ed)?|think|thinks|thought"
    r"|expect(?:s|ed)?|concerned|worried|hope[sd]?|speculation|insist(?:s|ed)?|note[sd]?"
    r"|reports?|reported|noted|estimate[sd]?|anticipate[sd]?|likely|clear|possible|chance"
    r"|agree[sd]?|assess(?:es|ed)?|judge[sd]?|conclude[sd]?|reckons?|view|belief)"
    r"\s+that\s+",
    re.I,
)
_ATTRIBUTION_NO_THAT = re.compile(
    r"^(?:[\w.’'-]+\s+){0,6}?(?:suggest|suggests|say|says|said|report|reports|believe|argue"
    r"|argues|claim|claims|fear|fears|insist|insists"
    r"|believes|think|thinks|expect|expects|predict|predicts|warn|warns|agree|agrees|assess"
    r"|assesses|judge|judges|conclude|concludes|reckon|reckons|anticipate|anticipates"
    r"|forecast|forecasts|project|projects|expecting|anticipating|predicting|forecasting"
    r"|show|shows|showed|indicate|indicates)\s+"
    r"(?!(?:to|that|with|on|in|for|of|at|by|from|about|upon|into)\b)"
    r"(?=(?:he|she|they|it|we|i|the|this|a|an|[A-Z][\w’'-]*)\b)",
    re.I,
)
# "The poll of 4000 voters in 20 marginal seats has found the Coalition is on track to win":
# a finding's long source before the finding
_FOUND_LEAD = re.compile(
    r"^(?:the|a|an|this|that|its|their|our)\s+(?:[\w.’'-]+\s+){1,20}?(?:has\s+|have\s+)?"
    r"(?:found|finds|shown|concluded)\s+(?:that\s+)?(?=(?:the|a|an|[A-Z][\w’'-]*)\s)",
    re.I,
)
# "It's likely the mayor will resign": the impersonal hedge before the event's own clause.
# "X, the director of Y, told a radio station late Wednesday it's unlikely ...": the source
_TOLD_LEAD = re.compile(
    r"^.{0,120}?\btold\s+[^;]{1,40}?\s+(?=(?:it\s+is|it[’']s)\s+(?:very\s+|highly\s+)?"
    r"(?:un)?likely\b)",
    re.I,
)
_IMPERSONAL = re.compile(
    r"^(?:(?:it\s+is|it[’']s|it\s+seems|it\s+looks)\s+(?:very\s+|highly\s+|quite\s+|most\s+)?"
    r"(?:un)?(?:likely|probable)\s+(?:that\s+)?"
    # "it looks as though X will ...": the writer's impression before the event's clause
    r"|it\s+(?:looks|seems|appears|sounds)\s+(?:as\s+(?:though|if)|like)\s+)"
    r"(?=\S+(?:\s+\S+){0,8}?\s+(?:will|would|could|may|might|won[’']t)\b)",
    re.I,
)
AUX = re.compile(
    r"(?:[\s—–]|(?<=\w)(?=[’']))"  # "he's likely to", "they'll": a contraction has no space
    r"(?P<aux>will\s+not|won[’']t|will|[’']ll|shall|is\s+going\s+to|are\s+going\s+to"
    # "is likely able to", "it's probably true": a hedged copula; the question has "be"
    r"|(?P<cop>(?:is|are|(?:(?<=\bit)|(?<=\bhe)|(?<=\bshe)|(?<=\bthat))[’']s|[’']re)\s+"
    r"(?:(?:very|highly|most|almost)\s+)?(?:likely|probably|certainly|surely)(?!\s+to\b))"
    r"|(?:is|are|[’']s|[’']re|remains?|was|were)\s+(?:(?:all|both|each|very|highly|most|quite"
    r"|increasingly|still|also"
    r"|now|almost|nearly|fairly|widely|generally|broadly|strongly|largely|more|less|much\s+more"
    r"|far\s+more|much\s+less|far\s+less)\s+)?"
    r"(?:set|expected|poised|slated|likely|unlikely|due|bound|about|forecast|projected|predicted"
    r"|tipped|certain|sure|not\s+(?:very\s+)?likely)\s+(?:ever\s+)?to"
    # "the party is on track to win", "the Tories (very slight) favourites to win"
    r"|(?:(?:is|are|[’']s|[’']re|remains?)\s+(?:now\s+|still\s+)?)?on\s+(?:track|course)\s+to"
    # "the Greens are on course for victory": the question keeps "be on course for"
    r"|(?:is|are|[’']s|[’']re|remains?)\s+(?:now\s+|still\s+)?(?P<forx>on\s+(?:track|course)\s+for)"
    r"|(?:(?:is|are|remains?)\s+(?:still\s+|now\s+)?)?(?:the\s+|an?\s+)?(?:(?:very|slight|clear|strong|heavy|firm|narrow"
    r"|overwhelming|odds-on|hot|big)\s+)*favou?rites?\s+to"
    r"|(?:is|are)\s+not\s+expected\s+to|(?:plans?|intends?|vows?|pledges?|promises?"
    r"|threatens?|aims?|prepares?)\s+to|may\s+or\s+may\s+not|might\s+or\s+might\s+not|may|might"
    r"|could|would|can|should)\s+"
    r"(?P<adv>(?:(?:also|still|likely|probably|possibly|soon|eventually|ultimately|further"
    r"|then|very\s+well|well|even|first|quickly|definitely|surely|certainly)\s+)*)"
    r"(?P<rest>.+)$",
    re.I,
)


# Clause boundaries: the subject of a modal is in the clause that contains it.
_CLAUSE_BOUNDARY = re.compile(
    r"\s*[,;:]\s*(?:(?:that|where|which|who|but|while|whereas)\s+)?"
    r"|\s+(?:that|where|which|who|but|while|whereas)\s+",
    re.I,
)
_PARENTHETICAL = re.compile(
    r"^(?:such\s+as|including|particularly|especially|notably|like|e\.g|(?:also\s+)?known\s+as"
    r"|called|dubbed|alongside|along\s+with|together\s+with|as\s+well\s+as|in\s+addition\s+to"
    r"|plus|currently|up\s+from|down\s+from)\b",
    re.I,
)


_SHARED_SUBJECT = re.compile(
    r"^(?:(?P<np>(?:the|a|an|[A-Z])[^,;]*?)\s+(?:is|are|was|were|has|have|had|will|would|can"
    r"|could|may|might|remains?|seems?)|(?P<pro>he|she|it|they|we)\s+[a-z]+"
    r"|(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+(?!is\b|was\b|has\b)[a-z]+s)\b"
    r"[^;]*\s+and(?:\s+(?:in|by|over|within|then|also|soon|eventually|later)\b[^,;]*?)?\s*$"
)


# A subject with a relative clause after it: "the mayor, who has lost support,", "Smith who
# has seen a decline in the polls"
_RELATIVE_SUBJECT = re.compile(
    r"^(?P<np>(?:(?:the|a|an)\s+)?[\w.’'-]+(?:\s+[\w.’'-]+){0,3}?),?\s+(?:who|which)\s+"
    r"(?:has|have|had|is|are|was|were|\w+ed|\w+s)\b[^;]*$",
    re.I,
)


def subject_of(before: str) -> str:
    """The subject of the verb phrase that follows `before` (the last clause's words).

    Empty when the verb phrase belongs to a relative clause or a coordination ("X that
    could ...", "X sees Y and will ..."): no clean question can be built then.
    """
    relative = _RELATIVE_SUBJECT.match(strip_lead(before))
    if relative:  # "Okafor who has seen a dip ... is still favourite to": Okafor
        return relative["np"]
    shared = _SHARED_SUBJECT.match(strip_lead(before))
    if shared:  # "X are being ground down ... and in 2025 will need to ...": X
        return shared["np"] or shared["pro"] or shared["name"]
    if re.search(r"\s(?:that|which|who|and|or)\s*$", before, re.I):
        return ""
    segments = [seg for seg in _CLAUSE_BOUNDARY.split(before) if seg and seg.strip()]
    for segment in reversed(segments):
        if _PARENTHETICAL.match(segment):
            continue
        subject = strip_lead(segment)
        if subject:
            return subject
    return ""


@lru_cache(maxsize=512)  # the same clause is stripped for its subject, verb and question
def strip_lead(clause: str) -> str:
    text = clause.strip().strip("\"“”'‘’ ").rstrip(".!;:, ")
    text = re.sub(r"\s*[\"“”]\s*", " ", text)
    for _ in range(3):
        before = text
        text = _DISCOURSE.sub("", text, count=1)
        text = _ATTRIBUTION.sub("", text, count=1)
        text = _ATTRIBUTION_NO_THAT.sub("", text, count=1)
        low = text.lower()
        if "found" in low or "finds" in low or "shown" in low or "concluded" in low:
            text = _FOUND_LEAD.sub("", text, count=1)
        if "told" in low:
            text = _TOLD_LEAD.sub("", text, count=1)
        text = _IMPERSONAL.sub("", text, count=1)
        if text == before:
            break
    return " ".join(text.split())
