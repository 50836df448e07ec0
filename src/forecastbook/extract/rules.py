"""Article text -> draft forecasts: rules over the language of forecasting.

The core functions take text and options and return data; they never read or write
files. `extract` runs the whole pipeline:

1. `article_blocks` turns plain text, Markdown or browser-saved HTML into `Block`s (one per
   source line or HTML block, with its line number), dropping markup, comment-section
   boilerplate and navigation.
2. `find_claims` splits blocks into sentences and keeps the ones that predict: future and
   modal verbs ("will", "may", "could", "is set to", "plans to"), hedges ("likely",
   "chances are"), conditionals ("if ..., ... may"), explicit horizons ("by 2027", "within
   a year") and every line under a horizon heading such as "Short-Term (6-12 months):".
   It skips questions, imperatives, meta text about the article itself, indirect questions
   ("whether ... will"), counterfactual pasts ("would have been") and repeated paragraphs.
3. `drafts` makes each claim a validated draft `Forecast` (through `entries.new_forecast`): a
   question rephrased from the claim, the probability its wording implies
   (`words.probability_of`), `resolve_by` from the horizon and the publication date, the
   quote and line number as `source`, a `group` per horizon heading.

Conditional claims ("If A, B may happen") become two drafts: A as its own question with no
prediction (the article gives no probability for it), and B conditional on A resolving
``yes`` (``no`` for "B unless A"). A condition can only name a question that exists, so the
antecedent is written first; `add_drafts` keeps the link when the book renames an id.

The rules describe forecasting language in general; nothing in them names a particular
article, person or topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.extract import words
from forecastbook.format import entries
from forecastbook.format.models import Forecast, free_id, render_forecast, slugify
from forecastbook.format.parsing import horizon_end, parse_date

DEFAULT_HORIZON_MONTHS = 12
"""Used for `resolve_by` when neither the sentence nor a heading names a horizon."""

TAG = "extracted"
"""Every draft gets this tag, so `forecastbook list --tag extracted` finds them."""

MAX_ARTICLE_BYTES = 5_000_000

# -- 1. text -> blocks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One unit of the article: a source line (text, Markdown) or an HTML block element."""

    line: int
    text: str
    heading: bool = False
    item: bool = False


_BLOCK_TAGS = {
    "p", "div", "li", "br", "tr", "td", "th", "blockquote", "section", "article", "main",
    "header", "title", "dt", "dd", "pre", "figcaption", "ul", "ol", "table", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "title"}
# Content of these elements is never article text (scripts, menus, comment forms, footers).
_SKIP_TAGS = {
    "script", "style", "noscript", "nav", "footer", "aside", "form", "svg", "template",
    "button", "select", "iframe", "textarea", "head",
}  # fmt: skip
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "col"}


class _HtmlBlocks(HTMLParser):
    """Collect text blocks with the source line where each starts (standard library only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._line = 0
        self._skip = 0
        self._open: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            kind = self._open[-1] if self._open else ""
            heading = any(t in _HEADING_TAGS for t in self._open)
            self.blocks.append(Block(self._line, text, heading=heading, item=kind == "li"))
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._flush()
            return
        if tag in _SKIP_TAGS:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self._flush()
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in self._open:
            # close the most recent matching element (tolerates sloppy HTML)
            while self._open:
                closed = self._open.pop()
                if closed in _SKIP_TAGS:
                    self._skip = max(0, self._skip - 1)
                if closed == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._parts and data.strip():
            self._line = self.getpos()[0] + _leading_newlines(data)
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _leading_newlines(data: str) -> int:
    stripped = data.lstrip()
    return data[: len(data) - len(stripped)].count("\n")


def looks_like_html(text: str) -> bool:
    """True for HTML saved from a browser (a doctype, an <html> tag or several block tags).

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("Plain text with a <b>bold</b> word.")
    False
    """
    head = text[:2000].lower()
    if "<!doctype html" in head or "<html" in head:
        return True
    return len(re.findall(r"<(?:p|div|li|h[1-6]|article|section|br)\b", text[:20000], re.I)) >= 3


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ITEM = re.compile(r"^(?:[-*+•·▪‣]|\d{1,3}[.)])\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_INLINE_TAG = re.compile(r"<!?[–—-]*[^<>]*>")
_SENTENCE_END = (".", "!", "?", "…", ";", ",", '"', "”", "’", "'")


def _text_blocks(text: str) -> list[Block]:
    """Plain text and Markdown: one block per non-empty line, markup removed."""
    found: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or set(line) <= set("=-_*#~ "):
            continue  # blank lines, rules and Setext underlines
        line = _MD_LINK.sub(r"\1", line)
        line = _INLINE_TAG.sub(" ", line)
        heading = bool(_MD_HEADING.match(line))
        line = _MD_HEADING.sub("", line)
        while line.startswith(">"):
            line = line[1:].lstrip()
        item = bool(_MD_ITEM.match(line))
        line = _MD_ITEM.sub("", line)
        line = " ".join(_MD_EMPHASIS.sub("", line).split())
        if not line:
            continue
        if not heading and not item:
            heading = _looks_like_heading(line)
        found.append(Block(number, line, heading=heading, item=item))
    return found


def _looks_like_heading(line: str) -> bool:
    """A short line without sentence punctuation at the end, or a short line ending in ':'."""
    n_words = len(line.split())
    if line.endswith(":"):
        return n_words <= 10
    return n_words <= 14 and not line.endswith(_SENTENCE_END)


def article_blocks(text: str, *, html: bool | None = None) -> list[Block]:
    """The article's text as blocks, markup and boilerplate removed.

    `html=None` detects HTML from the content (`looks_like_html`).

    >>> [b.text for b in article_blocks("# Outlook\\n\\nPrices [may rise](http://x).\\nReply")]
    ['Outlook', 'Prices may rise.']
    """
    if html is None:
        html = looks_like_html(text)
    if html:
        parser = _HtmlBlocks()
        parser.feed(text)
        parser.close()
        raw = parser.blocks
    else:
        raw = _text_blocks(text)
    return list(_drop_boilerplate(raw))


# Whole lines that belong to the page, not the article: comment widgets, share buttons,
# timestamps, breadcrumbs, bylines, ad-blocker and donation notices.
_BOILERPLATE = re.compile(
    r"""^(?:
      (?:reply|like|likes|share|report|flag|quote|edit|delete|follow|subscribe|menu|search
        |home|next|previous|back\ to\ top|read\ more|see\ more|load\ more|show\ more|more
        |sign\ in|log\ in|login|sign\ up|register|print|email|tweet|comments?|replies)
      (?:\s*\(\d+\))?
    | \d+\s+(?:comments?|kommentare|kommentarer|commentaires|comentarios|commenti|replies
        |responses?|likes?|shares?|views?|reactions?)
    | (?:leave|post|add|write|submit)\s+(?:a|an|your)?\s*(?:reply|comment|response)\b.*
    | (?:about\ )?(?:an?|\d+)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago
    | (?:posted|published|updated|edited)\s+(?:on|at)?\s*[\w ,:.]{0,40}
    | home\s*[»>/|›].*
    | by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}(?:\s*[,|–-].{0,40})?
    | [^ ]{1,40}\s+(?:on|says|said|wrote|replied)\s*:?
    | .*(?:akismet|adblock|ad\ blocker|cookies?\ (?:policy|settings)|all\ rights\ reserved
        |newsletter|buy\ me\ a\ (?:virtual\ )?coffee|supporting\ my\ work|share\ your\ thoughts
        |share\ this\ (?:article|post)|found\ this\ (?:analysis|article|post)).*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A heading that starts a list of links to other pages; what follows is navigation.
_NAV_HEADING = re.compile(
    r"^(?:recent|related|popular|latest|trending|more|other|top|further)\s+"
    r"(?:posts|articles|stories|news|reads|reading|from\b.*)$"
    r"|^you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested)\b.*"
    r"|^(?:read|see)\s+(?:also|next|more)\b.*$",
    re.IGNORECASE,
)
_TEASER = re.compile(r"(?:…|\.\.\.)\s*$")


def _drop_boilerplate(blocks: Iterable[Block]) -> Iterator[Block]:
    in_nav = False
    for block in blocks:
        text = block.text
        if _NAV_HEADING.match(text):
            in_nav = True
            continue
        if in_nav:
            # Navigation lists are short teasers; a full paragraph means the page moved on.
            if len(text.split()) < 40 or _TEASER.search(text):
                continue
            in_nav = False
        if _BOILERPLATE.match(text) or _TEASER.search(text):
            continue
        yield block


# -- 2. blocks -> sentences ----------------------------------------------------------------

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "gen",
    "sen", "rep", "gov", "lt", "col", "inc", "ltd", "co", "approx", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "cf", "al",
}  # fmt: skip
# End punctuation, closing quotes, then space and a capital; or a missing space between a
# lowercase word and a capitalised one ("can be found.Open dialogue"), a common scrape typo.
_BOUNDARY = re.compile(
    r"[.!?…]+[\"”’')\]]*\s+(?=[\"“”‘(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of one block; abbreviations and initialisms ("U.S.", "Dr.") do not end one.

    >>> split_sentences("The U.S. may act. Dr. Who said so! Is it? Yes.")
    ['The U.S. may act.', 'Dr. Who said so!', 'Is it?', 'Yes.']
    """
    found: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.start() == match.end():  # the missing-space case
            found.append(text[start : match.start()].strip())
            start = match.start()
            continue
        before = text[start : match.start() + 1]
        last = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
        if text[match.start()] == "." and (
            last in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", last)
        ):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


# -- 3. sentences -> claims ----------------------------------------------------------------

_NUMBER = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several)"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# Horizons named in a sentence, most specific first; group "label" is a horizon_end label.
_HORIZONS: list[re.Pattern[str]] = [
    re.compile(rf"\bby\s+(?:the\s+end\s+of\s+)?(?P<label>{_MONTHS}\s+(?:\d{{1,2}},?\s+)?20\d\d)\b"),
    re.compile(
        r"\b(?:by|before|until)\s+(?:the\s+(?:end|close)\s+of\s+|early\s+|late\s+|mid-?)?"
        r"(?P<year>20\d\d)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:within|in|over|during|for)\s+(?:the\s+)?(?:next|coming|following)\s+"
        rf"(?P<label>(?:{_NUMBER}\s+(?:of\s+)?)?{_UNIT})\b",
        re.I,
    ),
    re.compile(rf"\bthe\s+(?:next|coming)\s+(?P<label>(?:{_NUMBER}\s+)?{_UNIT})\b", re.I),
    re.compile(rf"\b(?:within|in)\s+(?P<label>{_NUMBER}\s+{_UNIT})\b", re.I),
    re.compile(r"\b(?P<label>(?:next|this)\s+year)\b", re.I),
    re.compile(r"\b(?P<label>near\s+future|near[- ]term)\b", re.I),
    re.compile(r"\bin\s+(?P<year>20\d\d)\b"),
]

# Markers that a sentence predicts. Each is a regex over the sentence with `whether`/`how`
# clauses removed (an indirect question does not claim anything).
_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|wo\s+not)\b|[’']ll\b"
    r"|\b(?:is|are|am|was|were|'s|’s|'re|’re)\s+(?:not\s+)?(?:going|set|expected|poised|slated"
    r"|likely|unlikely|certain|sure|bound|due|about|on\s+track)\s+to\b"
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
    r"|explained|understood|defined|interpreted|traced|due)|stem|derive|reflect|represent"
    r"|indicate|suggest|explain|mean|signal|imply|constitute|amount|resonate|seem|appear"
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
_MODAL = re.compile(r"\b(?:may|might|could)\b(?!\s+(?:have|has)\s+(?:been|\w+ed|\w+en)\b)", re.I)
_WOULD = re.compile(r"\bwould\b(?!\s+(?:have|has)\s+(?:been|\w+ed|\w+en)\b)", re.I)
_HEDGE = re.compile(
    r"\b(?:likely|unlikely|probably|possibly|perhaps|chances\s+are|odds\s+are"
    r"|in\s+all\s+likelihood|(?:there\s+is|there[’']s)\s+(?:a\s+|some\s+)?(?:real\s+|good\s+)?"
    r"(?:chance|risk|possibility|speculation|talk)|speculation\s+(?:that|about)"
    r"|risks?\s+(?:of|that)|(?:i|we)\s+(?:predict|expect|forecast|anticipate|foresee)"
    r"|(?:predicts?|predicted|forecasts?|expects?|anticipates?|foresees?)\s+that)\b",
    re.I,
)
_COUNTERFACTUAL = re.compile(
    r"\b(?:would|could|might|may|will)\s+have\s+(?:been|\w+ed|\w+en)\b", re.I
)
_INDIRECT_QUESTION = re.compile(r"\b(?:whether|how|why|what)\b[^,;:]*", re.I)
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
    r"^(?:tip|step|question|answer|q|a|note|update|faq)\s*\d*\s*[:.)-]\s*", re.I
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


def _without_indirect_questions(sentence: str) -> str:
    return _INDIRECT_QUESTION.sub(" ", _IDIOMS.sub(" ", sentence))


def _triggers(sentence: str, *, conditional: bool) -> list[str]:
    """The names of the forecasting markers in `sentence` (empty: not a prediction)."""
    text = _COUNTERFACTUAL.sub(" ", _without_indirect_questions(sentence))
    text = _STATIVE.sub(" ", _CONCESSIVE.sub(" ", text))
    found = []
    future = [m for m in _FUTURE.finditer(text) if not _is_noun_intent(text, m.start())]
    if future:
        found.append("future")
    if _MODAL.search(text):
        found.append("modal")
    if _HEDGE.search(text):
        found.append("hedge")
    # "would" alone is mostly hypothetical analysis; it predicts inside a conditional.
    if conditional and _WOULD.search(text):
        found.append("conditional-would")
    if found and set(found) <= {"hedge", "modal"} and _NORMATIVE.search(text):
        return []  # advice ("X must act to reduce the risk of ...") is not a forecast
    if found == ["hedge"] and _PAST.search(text):
        return []  # "was ..., possibly at the expense of": a hedge on a past event
    return found


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


def horizon_in(sentence: str, published: date | None = None) -> str | None:
    """The horizon label named in a sentence, or None; past years are not horizons.

    >>> horizon_in("Europe will spend more by 2027.")
    'by 2027'
    >>> horizon_in("Talks may resume in the coming months.")
    'coming months'
    >>> horizon_in("A deal is likely within two years.")
    'two years'
    >>> horizon_in("The war began in 2022.", date(2025, 1, 1)) is None
    True
    """
    for pattern in _HORIZONS:
        match = pattern.search(sentence)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("year"):
            year = int(groups["year"])
            # "by 2027" is a deadline unless already past; "in 2027" only when clearly ahead.
            strict = not match[0].lower().startswith(("by", "before", "until"))
            if strict and (published is None or year <= published.year):
                continue
            if published is not None and year < published.year:
                continue
            return f"by {year}"
        label = " ".join(match["label"].split()).lower()
        if re.match(_MONTHS, label, re.I):
            return f"by {match['label']}"
        if label in ("next year", "this year"):
            return label
        label = re.sub(r"^(?:(?:next|coming)\s+)?", "", label)
        if re.fullmatch(_UNIT, label):
            return f"coming {label if label.endswith('s') else label + 's'}"
        return label.replace(" of ", " ")
    return None


_HEADING_RANGE = re.compile(rf"\(([^()]*\d[^()]*{_UNIT}[^()]*)\)", re.I)
_HEADING_TERM = re.compile(r"\b(short|near|mid|medium|long)[- ]?term\b", re.I)


def horizon_heading(text: str) -> str | None:
    """The horizon label of a heading such as "Short-Term (6-12 months):", or None.

    >>> horizon_heading("Short-Term (6–12 months):")
    '6-12 months'
    >>> horizon_heading("Long-term outlook")
    'long-term'
    >>> horizon_heading("By 2030")
    'by 2030'
    >>> horizon_heading("Background") is None
    True
    """
    clean = text.replace("–", "-").replace("—", "-")
    match = _HEADING_RANGE.search(clean)
    if match:
        return " ".join(match[1].split())
    term = _HEADING_TERM.search(clean)
    if term:
        return f"{term[1].lower()}-term"
    return horizon_in(clean)


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
    if kw == "should" and match.re is _LAST_CLAUSE_CONDITIONAL and not _FIRST_WORD_SUBJECT(ante):
        return None
    if re.match(r"(?:so|not|you|i)\b", ante, re.I):
        return None  # "if so", "if not", "if you ..." address the reader
    outcome = "no" if kw == "unless" else "yes"
    return ante, match["cons"].strip(), outcome


def _FIRST_WORD_SUBJECT(ante: str) -> bool:
    """A trailing "should" opens a conditional only before a subject ("should a deal fail")."""
    return bool(re.match(r"(?:a|an|the|this|that|these|those|[A-Z])", ante))


def find_claims(
    text: str, *, html: bool | None = None, published: date | None = None
) -> list[Claim]:
    """The predicting sentences of an article, in order, near-duplicates dropped.

    `published` only serves to tell a future year ("by 2027") from a past one.

    >>> [c.clause for c in find_claims("Prices rose in 2024. Analysts say prices will fall.")]
    ['Analysts say prices will fall.']
    """
    claims: list[Claim] = []
    seen: list[set[str]] = []
    heading_horizon: str | None = None
    group: str | None = None
    for block in article_blocks(text, html=html):
        if block.heading or (block.text.endswith(":") and len(block.text.split()) <= 10):
            label = horizon_heading(block.text)
            heading_horizon, group = (
                (label, block.text.rstrip(":").strip()) if label else (None, None)
            )
            continue
        for raw in split_sentences(block.text):
            claim = _claim(raw, block.line, heading_horizon, group, published)
            if claim is None:
                continue
            tokens = set(_tokens(claim.quote))
            if any(_jaccard(tokens, other) >= 0.8 for other in seen):
                continue  # scraped pages often repeat a paragraph
            seen.append(tokens)
            claims.append(claim)
    return claims


def _claim(
    raw: str, line: int, heading_horizon: str | None, group: str | None, published: date | None
) -> Claim | None:
    sentence = _SPEAKER.sub("", _LABEL_PREFIX.sub("", raw.strip()))
    if _skip_reason(sentence):
        return None
    parts = _conditional_parts(sentence)
    clause, antecedent, outcome = sentence, None, "yes"
    reasons = _triggers(sentence, conditional=parts is not None)
    if parts is not None:
        ante, cons, outcome_ = parts
        if _triggers(cons, conditional=True):
            clause, antecedent, outcome = cons, ante, outcome_
            reasons.append("conditional")
    horizon = horizon_in(sentence, published)
    if horizon and not reasons:
        reasons.append("horizon")
    if heading_horizon and not reasons:
        reasons.append("under-horizon-heading")
    if not reasons:
        return None
    return Claim(
        line=line,
        quote=sentence,
        clause=clause,
        phrase=words.find_phrase(_probability_text(clause)),
        probability=words.probability_of(_probability_text(clause)),
        horizon=horizon or heading_horizon,
        group=group if heading_horizon else None,
        antecedent=antecedent,
        antecedent_outcome=outcome,
        reasons=tuple(reasons),
    )


# "certain states", "certain NATO allies": the determiner, not certainty.
_DETERMINER_CERTAIN = re.compile(r"\bcertain\b(?!\s+(?:to|that|of)\b)(?=\s+\w)", re.I)
_CERTAINTY_BEFORE = re.compile(
    r"\b(?:is|are|be|almost|virtually|seems|looks|appears|nearly)\s+$", re.I
)


def _probability_text(clause: str) -> str:
    """`clause` with words that look like probability phrases but are not, removed."""
    out, last = [], 0
    for match in _DETERMINER_CERTAIN.finditer(clause):
        if _CERTAINTY_BEFORE.search(clause[: match.start()]):
            continue
        out.append(clause[last : match.start()])
        last = match.end()
    out.append(clause[last:])
    return "".join(out)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


# -- 4. claims -> questions ----------------------------------------------------------------

_DISCOURSE = re.compile(
    r"^(?:however|meanwhile|furthermore|moreover|conversely|therefore|thus|hence|finally"
    r"|consequently|additionally|also|still|so|and|but|yet|then|instead|indeed|in\s+turn"
    r"|for\s+(?:instance|example)|in\s+(?:short|sum|summary|conclusion|addition|particular)"
    r"|as\s+a\s+result|in\s+the\s+(?:current|present)\s+context|on\s+the\s+other\s+hand"
    r"|ultimately|eventually|likewise|similarly|most\s+(?:likely|probably))\b,?\s*",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"^.{0,100}?\b(?:argue[sd]?|suggest(?:s|ed)?|say|says|said|claim(?:s|ed)?|believe[sd]?"
    r"|warn(?:s|ed)?|fear(?:s|ed)?|indicate[sd]?|predict(?:s|ed)?|think|thinks|thought"
    r"|expect(?:s|ed)?|concerned|worried|hope[sd]?|speculation|insist(?:s|ed)?|note[sd]?"
    r"|reports?|reported|noted|estimate[sd]?|anticipate[sd]?|likely|clear|possible|chance)"
    r"\s+that\s+",
    re.I,
)
_ATTRIBUTION_NO_THAT = re.compile(
    r"^(?:[\w.’'-]+\s+){0,4}?(?:suggest|suggests|say|says|said|report|reports|believe|argue"
    r"|argues|claim|claims|fear|fears|insist|insists"
    r"|believes|think|thinks|expect|expects|predict|predicts|warn|warns)\s+"
    r"(?=(?:he|she|they|it|we|i|the|this|a|an|[A-Z])\b)",
    re.I,
)
_AUX = re.compile(
    r"[\s—–](?P<aux>will\s+not|won[’']t|will|shall|is\s+going\s+to|are\s+going\s+to"
    r"|(?:is|are)\s+(?:set|expected|poised|slated|likely|unlikely|due|bound|certain|sure)\s+to"
    r"|(?:is|are)\s+not\s+expected\s+to|(?:plans?|intends?|vows?|pledges?|promises?"
    r"|threatens?|aims?|prepares?)\s+to|may|might|could|would|can)\s+"
    r"(?P<adv>(?:(?:also|still|likely|probably|possibly|soon|eventually|ultimately|further"
    r"|then|well|even|first|quickly)\s+)*)"
    r"(?P<rest>.+)$",
    re.I,
)
_NEGATIVE_AUX = re.compile(
    r"^(?:will\s+not|won[’']t|(?:is|are)\s+(?:unlikely|not\s+expected)\s+to)$", re.I
)
_LOWER_FIRST = {
    "the", "a", "an", "this", "that", "these", "those", "such", "some", "any", "each", "every",
    "they", "he", "she", "it", "we", "i", "you", "its", "their", "his", "her", "our", "my",
    "many", "most", "several", "other", "another", "both", "all", "no", "one", "critics",
    "supporters", "analysts", "experts", "officials", "observers", "there", "prices", "sources",
}  # fmt: skip


def _lower_first(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Lowercase a sentence-initial word unless it looks like a name.

    A word counts as ordinary when it is a function word, ends in -ing/-ly, or appears in
    lowercase elsewhere in the article (`vocabulary`); names never do.
    """
    first = text.split(None, 1)[0] if text.split() else ""
    word = first.strip('"“‘(').lower()
    if not first[:1].isupper() or first == "I" or (first[1:] and not first[1:].islower()):
        return text
    if word in _LOWER_FIRST or word in vocabulary or word.endswith(("ing", "ly")):
        return first[0].lower() + text[1:]
    return text


def lowercase_vocabulary(text: str) -> frozenset[str]:
    """Words that occur in lowercase in `text` (so are not names when capitalised)."""
    return frozenset(re.findall(r"(?<![\w’'-])[a-z][a-z’'-]+", text))


# Clause boundaries: the subject of a modal is in the clause that contains it.
_CLAUSE_BOUNDARY = re.compile(
    r"\s*[,;:]\s*(?:(?:that|where|which|who|but|while|whereas)\s+)?"
    r"|\s+(?:that|where|which|who|but|while|whereas)\s+",
    re.I,
)
_PARENTHETICAL = re.compile(
    r"^(?:such\s+as|including|particularly|especially|notably|like|e\.g)\b", re.I
)


def _subject(before: str) -> str:
    """The subject of the verb phrase that follows `before` (the last clause's words).

    Empty when the verb phrase belongs to a relative clause or a coordination ("X that
    could ...", "X sees Y and will ..."): no clean question can be built then.
    """
    if re.search(r"\s(?:that|which|who|and|or)\s*$", before, re.I):
        return ""
    segments = [seg for seg in _CLAUSE_BOUNDARY.split(before) if seg and seg.strip()]
    for segment in reversed(segments):
        if _PARENTHETICAL.match(segment):
            continue
        subject = _strip_lead(segment)
        if subject:
            return subject
    return ""


def _strip_lead(clause: str) -> str:
    text = clause.strip().strip("\"“”'‘’ ").rstrip(".!;:, ")
    text = re.sub(r"\s*[\"“”]\s*", " ", text)
    for _ in range(3):
        before = text
        text = _DISCOURSE.sub("", text, count=1)
        text = _ATTRIBUTION.sub("", text, count=1)
        text = _ATTRIBUTION_NO_THAT.sub("", text, count=1)
        if text == before:
            break
    return " ".join(text.split())


def as_question(clause: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Rephrase a predicting clause as a yes/no question (a draft for a human to edit).

    A negative auxiliary ("will not", "is unlikely to") is dropped: the question asks about
    the event, and the probability from the wording (low) says what the article expects.

    >>> as_question("European leaders will demand stronger commitments.")
    'Will European leaders demand stronger commitments?'
    >>> as_question("However, critics argue that the deal could come at Kyiv's expense.")
    "Will the deal come at Kyiv's expense?"
    >>> as_question("They plan to raise spending to 2.5% of GDP.")
    'Will they raise spending to 2.5% of GDP?'
    """
    text = _strip_lead(clause)
    match = _AUX.search(" " + text)
    if match is not None:
        subject = _subject((" " + text)[: match.start()])
        rest = match["rest"].strip()
        if subject and len(subject.split()) <= 15 and rest:
            # "will not"/"is unlikely to" are dropped (the low probability says it);
            # "may not" keeps its "not", which stays in `rest`.
            return f"Will {_lower_first(subject, vocabulary)} {rest}?"
    return f"Will this happen: {_lower_first(text, vocabulary)}?"


def antecedent_question(clause: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Turn the condition of a conditional ("the U.S. reduces aid") into a yes/no question.

    >>> antecedent_question("the U.S. reduces its security commitments")
    'Will the U.S. reduce its security commitments?'
    >>> antecedent_question("Trump secure a victory")
    'Will Trump secure a victory?'
    >>> antecedent_question("negotiations were to recognize the annexation")
    'Will negotiations recognize the annexation?'
    """
    text = _strip_lead(clause)
    text, hypothetical = re.subn(r"\b(?:were|was)\s+to\s+", "", text, count=1)
    tokens = text.split()
    if hypothetical:  # "were to ban": the verb is already in its base form
        return f"Will {_lower_first(text, vocabulary)}?"
    for i, token in enumerate(tokens[1:], start=1):
        low = token.lower()
        if low in {"is", "are", "was", "were"}:
            subject = " ".join(tokens[:i])
            rest = " ".join(tokens[i + 1 :])
            return f"Will {_lower_first(subject, vocabulary)} be {rest}?"
        if low in {"has", "have", "had"} and i + 1 < len(tokens):
            subject = " ".join(tokens[:i])
            return f"Will {_lower_first(subject, vocabulary)} have {' '.join(tokens[i + 1 :])}?"
        if _looks_like_verb_s(tokens, i):
            tokens[i] = _base_form(token)
            break
    return f"Will {_lower_first(' '.join(tokens), vocabulary)}?"


_DETERMINERS = {
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "to", "on", "in",
    "into", "with", "from", "for", "up", "down", "out", "off", "back", "over", "no", "more",
    "less", "some", "any", "all", "this", "that", "these", "those", "against", "toward",
    "towards", "by", "at", "as",
}  # fmt: skip


def _looks_like_verb_s(tokens: Sequence[str], i: int) -> bool:
    """A third-person verb such as "reduces": ends in -s, followed by an object or particle."""
    low = tokens[i].lower()
    if not re.fullmatch(r"[a-z]+s", low) or low.endswith(("ss", "us", "is", "'s")):
        return False
    if tokens[i - 1].lower() in _DETERMINERS:
        return False  # "the talks", "its commitments": a noun
    if i + 1 == len(tokens):
        # "it rains", "the price rises": a short subject, then the verb last
        return i == 1 or (i == 2 and tokens[0].lower() in _DETERMINERS)
    nxt = tokens[i + 1].lower()
    # an object or particle follows a verb: "reduces its", "cuts rates", "rises sharply"
    return nxt in _DETERMINERS or nxt.endswith(("ly", "s")) or nxt in _ADVERBS


_ADVERBS = {"soon", "again", "early", "late", "first", "now", "today", "tomorrow", "further"}


def _base_form(verb: str) -> str:
    if verb.lower() == "does":
        return "do"
    if re.search(r"[^aeiou]ies$", verb):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


# -- 5. claims -> draft forecasts ----------------------------------------------------------


def find_published(text: str) -> date | None:
    """The publication date stated in the article, or None.

    Looks at HTML metadata (`article:published_time`, `datePublished`, `<time datetime>`),
    then a "Published/Posted/Updated ... <date>" line, then a line near the top that is only
    a date.

    >>> find_published("Title\\nPublished: 12 February 2025\\nText.")
    datetime.date(2025, 2, 12)
    >>> find_published("No date here.") is None
    True
    """
    date_pattern = (
        rf"(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}"
        rf"|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})"
    )
    candidates = [
        r"(?:article:published_time|datePublished|pubdate|publish[-_]?date|dc\.date)"
        r"[\"']?\s*(?:content=|:)\s*[\"'](\d{4}-\d{2}-\d{2})",
        r"<time[^>]*datetime=[\"'](\d{4}-\d{2}-\d{2})",
        rf"(?:published|posted|updated|date|dated)\b[^\n\d]{{0,20}}{date_pattern}",
    ]
    for pattern in candidates:
        match = re.search(pattern, text, re.I)
        if match:
            found = _to_date(match.group(match.lastindex or 1))
            if found:
                return found
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:12]
    for line in lines:
        match = re.fullmatch(rf"(?:\w+day,?\s+)?{date_pattern}(?:\s+\d{{1,2}}:\d{{2}}.*)?", line)
        if match:
            found = _to_date(match[1])
            if found:
                return found
    return None


def _to_date(text: str) -> date | None:
    try:
        return parse_date(text)
    except ForecastbookError:
        return None


def _horizon_date(label: str, published: date) -> date:
    low = label.lower()
    if low == "this year":
        return date(published.year, 12, 31)
    if low == "next year":
        return date(published.year + 1, 12, 31)
    return horizon_end(label, published, argument="horizon")


def drafts(
    claims: Sequence[Claim],
    *,
    ref: str,
    published: date,
    by: str,
    vocabulary: frozenset[str] = frozenset(),
) -> list[Forecast]:
    """Validated draft forecasts for `claims`; antecedents of conditionals come first.

    Ids are unique within the list (slugs of the questions, numbered on collision). A
    question whose wording names no deadline ends with "by <resolve_by>", so that it can be
    read, and resolved, on its own.
    `vocabulary` (see `lowercase_vocabulary`) tells ordinary words from names.
    """
    stem = Path(ref).stem
    taken: set[str] = set()
    result: list[Forecast] = []
    antecedent_ids: dict[str, str] = {}
    at = datetime(published.year, published.month, published.day, tzinfo=UTC)
    default_end = horizon_end(f"{DEFAULT_HORIZON_MONTHS} months", published)
    for claim in claims:
        source = {"ref": ref, "published": published, "quote": claim.quote, "line": claim.line}
        condition = None
        if claim.antecedent is not None:
            key = " ".join(_tokens(claim.antecedent))
            if key not in antecedent_ids:
                question = _with_deadline(
                    antecedent_question(claim.antecedent, vocabulary),
                    _deadline(claim, published, default_end),
                )
                ante = entries.new_forecast(
                    question,
                    created=published,
                    forecast_id=_unique_id(question, taken),
                    criteria=(
                        "The condition of a conditional claim in the source; the article gives "
                        "no probability for it, so there is no prediction yet."
                    ),
                    resolve_by=_deadline(claim, published, default_end),
                    horizon=claim.horizon,
                    tags=[TAG],
                    source=source,
                    draft=True,
                )
                antecedent_ids[key] = ante.id
                result.append(ante)
            condition = (antecedent_ids[key], claim.antecedent_outcome)
        question = _with_deadline(
            as_question(claim.clause, vocabulary), _deadline(claim, published, default_end)
        )
        notes = []
        if condition is not None:
            when = "resolves yes" if condition[1] == "yes" else "resolves no"
            notes.append(f"Counts only if {condition[0]} {when} (the claim is conditional).")
        if claim.horizon is None:
            notes.append(
                f"The article names no horizon: resolve_by is {DEFAULT_HORIZON_MONTHS} months "
                "after publication; edit it if the claim implies another."
            )
        prediction = entries.make_prediction(
            by=by,
            p=claim.probability,
            at=at,
            note=f"from the wording: {claim.phrase}" if claim.phrase else "no probability wording",
        )
        result.append(
            entries.new_forecast(
                question,
                created=published,
                forecast_id=_unique_id(question, taken),
                criteria=" ".join(notes) or None,
                resolve_by=_deadline(claim, published, default_end),
                horizon=claim.horizon,
                tags=[TAG],
                group=f"{stem}/{slugify(claim.group)}" if claim.group else None,
                condition=condition,
                source=source,
                predictions=[prediction],
                draft=True,
            )
        )
    return result


def _with_deadline(question: str, deadline: date) -> str:
    """Append "by 20 February 2026" unless the question already says when."""
    if horizon_in(question) or re.search(r"\b(?:by|before|until|in)\s+20\d\d\b", question):
        return question
    return f"{question[:-1]} by {deadline.day} {deadline:%B %Y}?"


def _deadline(claim: Claim, published: date, default: date) -> date:
    if claim.horizon is None:
        return default
    try:
        return max(_horizon_date(claim.horizon, published), published)
    except BadInput:
        return default


def _unique_id(question: str, taken: set[str]) -> str:
    candidate = free_id(slugify(question), taken)
    taken.add(candidate)
    return candidate


def extract(
    text: str,
    *,
    ref: str,
    published: date | None = None,
    by: str | None = None,
    html: bool | None = None,
) -> list[Forecast]:
    """Draft forecasts from an article's text: `find_claims` then `drafts`.

    Parameters
    ----------
    text
        The article: plain text, Markdown or HTML (`html=None` detects it).
    ref
        Where the article is (file path or URL); recorded as `source.ref`.
    published
        Publication date; when None, `find_published` looks for it in the text.
    by
        Whose predictions these are; defaults to ``article:<file stem>``.

    Returns
    -------
    list[Forecast]
        Drafts (``draft: true``), deterministic for the same input.

    Raises
    ------
    BadInput
        When no publication date is given or found.

    Examples
    --------
    >>> [f.question for f in extract("The oil price will likely rise by 2030.", ref="a.txt",
    ...                               published=date(2025, 1, 1))]
    ['Will the oil price rise by 2030?']
    >>> [f.question for f in extract("The price may fall again.", ref="a",
    ...                               published=date(2025, 1, 1))]
    ['Will the price fall again by 1 January 2026?']
    """
    when = published or find_published(text)
    if when is None:
        raise BadInput(
            "--published",
            f"no publication date found in {ref}; give it, e.g. --published 2025-02-20",
        )
    who = by or f"article:{Path(ref).stem}"
    claims = find_claims(text, html=html, published=when)
    return drafts(claims, ref=ref, published=when, by=who, vocabulary=lowercase_vocabulary(text))


# -- I/O at the edge -----------------------------------------------------------------------


def read_article(path: Path) -> str:
    """The text of an article file (UTF-8; undecodable bytes are replaced)."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        msg = f"{path}: {size} bytes is too large for an article (limit {MAX_ARTICLE_BYTES})"
        raise ForecastbookError(msg)
    return path.read_bytes().decode("utf-8-sig", errors="replace")


def render(forecasts: Sequence[Forecast]) -> str:
    """The drafts as one YAML stream (documents separated by ``---``) for review."""
    return "".join(render_forecast(f, header="---\n") for f in forecasts)
