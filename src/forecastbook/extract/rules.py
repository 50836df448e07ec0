"""Article text -> draft forecasts: rules over the language of forecasting.

The core functions take text and options and return data; they never read or write
files. `extract` runs the whole pipeline:

1. `blocks.article_blocks` turns plain text, Markdown or browser-saved HTML into `Block`s
   (one per source line or HTML block, with its line number), dropping markup,
   comment-section boilerplate and navigation.
2. `claims.find_claims` splits blocks into sentences and keeps the ones that predict: future
   and modal verbs ("will", "may", "could", "is set to", "plans to"), hedges ("likely",
   "chances are"), conditionals ("if ..., ... may"), explicit horizons ("by 2027", "within
   a year") and every line under a horizon heading such as "Short-Term (6-12 months):".
   It skips questions, imperatives, meta text about the article itself, indirect questions
   ("whether ... will"), counterfactual pasts ("would have been") and repeated paragraphs.
3. `drafts` makes each claim a validated draft `Forecast` (through `entries.new_forecast`): a
   question rephrased from the claim (`questions.claim_question`), the probability its
   wording implies (`words.probability_of`), `resolve_by` from the horizon and the
   publication date, the quote and line number as `source`, a `group` per horizon heading.

Conditional claims ("If A, B may happen") become two drafts: A as its own question with no
prediction (the article gives no probability for it), and B conditional on A resolving
``yes`` (``no`` for "B unless A"). A condition can only name a question that exists, so the
antecedent is written first; `add_drafts` keeps the link when the book renames an id.

Each stage is a module of this package and imports only the ones before it: `blocks`
(text -> blocks -> sentences) <- `horizons` <- `claims` (sentences -> claims) <- `questions`
(claims -> questions) <- this module (claims -> draft forecasts, and the I/O at the edge).

The rules describe forecasting language in general; nothing in them names a particular
article, person or topic.
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.extract.claims import Claim, find_claims, word_tokens
from forecastbook.extract.horizons import MONTHS, WEEKDAY, horizon_in
from forecastbook.extract.questions import antecedent_question, claim_question, lowercase_vocabulary
from forecastbook.extract.reading import decode_article, language_warning
from forecastbook.format import entries
from forecastbook.format.models import Forecast, free_id, render_forecast, slugify
from forecastbook.format.parsing import horizon_end, parse_date

DEFAULT_HORIZON_MONTHS = 12
"""Used for `resolve_by` when neither the sentence nor a heading names a horizon."""

TAG = "extracted"
"""Every draft gets this tag, so `forecastbook list --tag extracted` finds them."""

MAX_ARTICLE_BYTES = 5_000_000


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
        rf"(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+{MONTHS}\s+\d{{4}}"
        rf"|{MONTHS}\s+\d{{1,2}},?\s+\d{{4}})"
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
        if match is None and re.match(r"by\s+\S", line, re.I) and re.search(r"[|·•—–,]", line):
            # a byline with a date: "By Jane Smith | 3 March 2026", "By J. Doe, May 2, 2025"
            match = re.search(rf"(?:\w+day,?\s+)?{date_pattern}", line)
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


_SEASON_START = {"winter": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}
_SEASON_END = {"winter": 2, "spring": 5, "summer": 8, "autumn": 11, "fall": 11}


@lru_cache(maxsize=1024)
def _horizon_date(label: str, published: date) -> date:
    low = label.lower()
    hours = re.fullmatch(r"(?:(?:coming|next)\s+)?(\d+)\s+hours?", low)
    if hours:
        return published + timedelta(days=max(1, math.ceil(int(hours[1]) / 24)))
    before = re.fullmatch(r"before\s+(\w+)", low)
    if before and before[1] in _SEASON_START:  # "before the spring": by the day it starts
        month = _SEASON_START[before[1]]
        year = published.year + (month <= published.month)
        return date(year, month, 1) - timedelta(days=1)
    season = re.fullmatch(r"this\s+(\w+)", low)
    if season and season[1] in _SEASON_END:
        month = _SEASON_END[season[1]]
        year = published.year + (month < published.month)
        if season[1] == "winter" and published.month >= 3:
            year = published.year + 1
        return date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    if low == "this year":
        return date(published.year, 12, 31)
    if low == "next year":
        return date(published.year + 1, 12, 31)
    unit = re.fullmatch(r"(this|next)\s+(month|quarter)", low)
    if unit:  # the last day of this/next calendar month or quarter
        months = 1 if unit[2] == "month" else 3
        first = published.month - (published.month - 1) % months
        first += months * (unit[1] == "next")
        year, month = published.year + (first - 1) // 12, (first - 1) % 12 + 1
        end = month + months
        return date(year + (end > 12), (end - 1) % 12 + 1, 1) - timedelta(days=1)
    vague = {"coming days": "2 weeks", "coming weeks": "2 months", "coming years": "3 years",
             "several days": "7 days", "few days": "7 days"}  # fmt: skip
    return horizon_end(vague.get(low, label), published, argument="horizon")


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
            key = " ".join(word_tokens(claim.antecedent))
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
        drafted, problem = claim_question(claim, vocabulary)
        question = _with_deadline(drafted, _deadline(claim, published, default_end))
        notes = [problem] if problem else []
        if condition is not None:
            when = "resolves yes" if condition[1] == "yes" else "resolves no"
            notes.append(f"Counts only if {condition[0]} {when} (the claim is conditional).")
        event = _EVENT_HORIZON.search(claim.quote)
        if claim.horizon is None and event:
            notes.append(
                f"The claim's horizon is an event ({event[0]!r}): resolve_by is "
                f"{DEFAULT_HORIZON_MONTHS} months after publication; set it to that event's date."
            )
        elif claim.lead_horizon:
            notes.append(
                f"The claim names no horizon: resolve_by is the day the article's lead names "
                f"({claim.horizon}); edit it if the claim is about another time."
            )
        elif claim.horizon is None:
            notes.append(
                f"The article names no horizon: resolve_by is {DEFAULT_HORIZON_MONTHS} months "
                "after publication; edit it if the claim implies another."
            )
        prediction = entries.make_prediction(
            by=by,
            p=claim.probability,
            at=at,
            note=claim.note
            or (f"from the wording: {claim.phrase}" if claim.phrase else "no probability wording"),
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


# "before the election", "by the summit": a deadline the rules cannot date.
_EVENT_HORIZON = re.compile(
    r"\b(?:(?:before|by|ahead\s+of|until)\s+(?:the|next\s+(?:year[’']s|month[’']s|week[’']s))"
    r"|(?:at|in|on|during)\s+(?:the|its|their|his|her|this)\s+(?:next|coming|upcoming|forthcoming)"
    r")\s+(?:[\w-]+\s+){0,2}?(?:election|elections|vote|referendum|summit|meeting|deadline|talks"
    r"|inauguration|congress|conference|budget|ceasefire|negotiations|session|review)\b",
    re.I,
)


# a date the question names that `horizon_in` (without a publication date) leaves out
_SAYS_WHEN = re.compile(
    rf"\b(?:by|before|until|in|through|throughout|across|during|over)\s+"
    rf"(?:20\d\d|(?:early\s+|late\s+|mid-?)?{MONTHS})\b"
    rf"|\b{WEEKDAY}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\b|\b{MONTHS}\s+\d{{1,2}}\b"
    r"|\b(?i:later\s+today|tonight)\b"
)


def _with_deadline(question: str, deadline: date) -> str:
    """Append "by 20 February 2026" unless the question already says when."""
    if _SAYS_WHEN.search(question) or horizon_in(question):
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
    progress: Callable[[int, int], object] | None = None,
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
    progress
        Called with (blocks read, blocks) while the article is read.

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
    claims = _with_lead_day(find_claims(text, html=html, published=when, progress=progress), when)
    return drafts(claims, ref=ref, published=when, by=who, vocabulary=lowercase_vocabulary(text))


_LEAD_CLAIMS = 3
_LEAD_DAYS = 14


def _with_lead_day(claims: list[Claim], published: date) -> list[Claim]:
    """Claims without a horizon take the day the article's lead names, when it names one
    within two weeks of publication ("the bank decides on Tuesday"): a news report before a
    meeting or a vote is about that day, and its later claims rarely repeat it."""
    day = None
    for claim in claims[:_LEAD_CLAIMS]:
        label = claim.horizon or ""
        if re.fullmatch(rf"by \d{{1,2}} {MONTHS} 20\d\d", label):
            found = _horizon_date(label, published)
            if published < found <= published + timedelta(days=_LEAD_DAYS):
                day = label
                break
    if day is None:
        return claims
    return [
        replace(c, horizon=day, lead_horizon=True)
        if c.horizon is None and not _EVENT_HORIZON.search(c.quote)
        else c
        for c in claims
    ]


# -- I/O at the edge -----------------------------------------------------------------------


def read_article(path: Path) -> str:
    """The text of an article file: UTF-8 text, Markdown or HTML.

    Raises `reading.NotAnArticle` (a `ForecastbookError`, one line naming the file) for a
    PDF, an image or archive, a binary file or text that is not valid UTF-8, instead of
    reading garbled text; `ForecastbookError` for what is not a regular file (a FIFO, a
    device such as /dev/zero) or is over `MAX_ARTICLE_BYTES`. At most the limit plus one
    byte is read. `article_warnings` says when the text does not look English.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise ForecastbookError(msg) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            msg = f"{path}: not a regular file"
            raise ForecastbookError(msg)
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_ARTICLE_BYTES:
            chunk = os.read(fd, MAX_ARTICLE_BYTES + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    if size > MAX_ARTICLE_BYTES:
        msg = f"{path}: too large for an article (limit {MAX_ARTICLE_BYTES:,} bytes)"
        raise ForecastbookError(msg)
    return decode_article(b"".join(chunks), str(path))


def article_warnings(text: str, ref: str) -> list[str]:
    """Warnings to show the user about an article (e.g. not English); empty when none."""
    found = language_warning(text)
    return [f"{ref}: {found}"] if found else []


def render(forecasts: Sequence[Forecast]) -> str:
    """The drafts as one YAML stream (documents separated by ``---``) for review."""
    return "".join(render_forecast(f, header="---\n") for f in forecasts)
