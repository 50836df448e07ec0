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

import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.extract import stance as stance_words
from forecastbook.extract import words
from forecastbook.extract.reading import decode_article, language_warning
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
    lines: tuple[tuple[int, int], ...] = ()
    """(offset in `text`, source line) where each joined source line starts."""

    def line_at(self, offset: int) -> int:
        """The source line of the character at `offset`."""
        number = self.line
        for start, line in self.lines:
            if start > offset:
                break
            number = line
        return number


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


# An element whose class, id or role names one of these is page furniture, whatever its tag.
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|footer|sidebar|share|sharing|social|related"
    r"|recommended|comments?|subscribe|newsletter|cookies?|banner|advert|ads?|promo|popup"
    r"|modal|byline|tags?)(?:$|[\s_-])",
    re.IGNORECASE,
)


class _HtmlBlocks(HTMLParser):
    """Collect text blocks with the source line where each starts (standard library only).

    Furniture goes by structure: the content of non-article elements (`_SKIP_TAGS`, a
    `<header>` outside `<article>`/`<main>`, elements whose class/id/role says nav, share,
    related, comments, ...) is skipped, and a block whose text is all link text is dropped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._pieces: list[tuple[int, str]] = []
        self._link_chars = 0
        self._line = 0
        self._skip = 0
        self._open: list[tuple[str, bool]] = []

    def _flush(self) -> None:
        # The block's text with whitespace collapsed, and the source line of each stretch of
        # it (an HTML paragraph may span many source lines; a sentence keeps its own line).
        words_: list[str] = []
        lines: list[tuple[int, int]] = []
        pos = 0
        for line, data in self._pieces:
            for k, row in enumerate(data.split("\n")):
                tokens = row.split()
                if not tokens:
                    continue
                if not lines or lines[-1][1] != line + k:
                    lines.append((pos, line + k))
                words_.extend(tokens)
                pos += sum(len(t) + 1 for t in tokens)
        text = " ".join(words_)
        linked = self._link_chars
        self._parts, self._pieces, self._link_chars = [], [], 0
        if not text:
            return
        if linked and linked >= len(text.replace(" ", "")) * 0.9:
            return  # only link text: a menu, a teaser for another page
        tags = [t for t, _ in self._open]
        kind = tags[-1] if tags else ""
        heading = any(t in _HEADING_TAGS for t in tags)
        self.blocks.append(
            Block(lines[0][1], text, heading=heading, item=kind == "li", lines=tuple(lines))
        )

    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        tags = {t for t, _ in self._open}
        if tag == "header" and not tags & {"article", "main"}:
            return True
        if tag in {"html", "body", "article", "main"}:
            return False
        return any(
            name in {"class", "id", "role"} and value and _FURNITURE_ATTR.search(value)
            for name, value in attrs
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self._flush()
            return
        skip = self._skips(tag, attrs)
        if skip:
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self._flush()
        self._open.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if any(t == tag for t, _ in self._open):
            # close the most recent matching element (tolerates sloppy HTML)
            while self._open:
                closed, skipped = self._open.pop()
                if skipped:
                    self._skip = max(0, self._skip - 1)
                if closed == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._parts and data.strip():
            self._line = self.getpos()[0] + _leading_newlines(data)
        if any(t == "a" for t, _ in self._open):
            self._link_chars += len("".join(data.split()))
        self._parts.append(data)
        self._pieces.append((self.getpos()[0], data))

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
_MD_LINK_ONLY = re.compile(r"^(?:[-*+•]\s*)?(?:!?\[[^\]]*\]\([^)]*\)[\s|·•,]*)+$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_ITEM = re.compile(r"^(?:[-*+•·▪‣]|\d{1,3}[.)])\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_INLINE_TAG = re.compile(r"<!?[–—-]*[^<>]*>")
_SENTENCE_END = (".", "!", "?", "…", ";", ",", '"', "”", "’", "'")
_FINAL = (".", "!", "?", "…", ":", ";", '"', "”", "’", "'", ")")


@dataclass(frozen=True)
class _Line:
    number: int
    text: str
    heading: bool
    item: bool
    width: int


def _clean_lines(text: str) -> Iterator[_Line | None]:
    """Each source line with its markup removed; None for a blank line or a rule."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or set(line) <= set("=-_*#~ ") or _MD_LINK_ONLY.match(line):
            yield None  # blank lines, rules, Setext underlines, lines of links only
            continue
        line = _MD_LINK.sub(r"\1", line)
        line = _INLINE_TAG.sub(" ", line)
        heading = bool(_MD_HEADING.match(line))
        line = _MD_HEADING.sub("", line)
        while line.startswith(">"):
            line = line[1:].lstrip()
        item = bool(_MD_ITEM.match(line))
        line = _MD_ITEM.sub("", line)
        line = " ".join(_MD_EMPHASIS.sub("", line).split())
        yield _Line(number, line, heading, item, len(raw.rstrip())) if line else None


def _wrap_width(lines: Sequence[_Line | None]) -> int | None:
    """The column a hard-wrapped text breaks at, or None when lines are whole paragraphs.

    Hard-wrapped prose has most of its long lines ending just short of one width.
    """
    widths = sorted(ln.width for ln in lines if ln is not None and ln.width > 40)
    if len(widths) < 4:
        return None
    width = widths[int(len(widths) * 0.9) - 1] if len(widths) >= 10 else widths[-2]
    if width > 100:
        return None
    near = sum(width - 15 <= w <= width + 2 for w in widths)
    return width if near >= 0.6 * len(widths) else None


# A line that ends on a word needing more (a preposition, an article, a conjunction) or on a
# comma has not ended its sentence.
_OPEN_END = re.compile(r"(?:,|\b(?i:at|of|the|a|an|to|in|on|for|with|from|and|or|than|into|over))$")


def _continues(prev: _Line, line: _Line, width: int | None) -> bool:
    """True when `line` carries on the paragraph (or sentence) of `prev`."""
    if line.heading or line.item or prev.heading:
        return False
    first = line.text[:1]
    if not prev.text.endswith(_FINAL) and (first.islower() or first in "([—–-"):
        return True  # a sentence broken across lines
    if _OPEN_END.search(prev.text):
        return True  # "Over at" / "The Ledger," / "Smith has ...": no sentence ends so
    if width is None or prev.width < width - 15:
        return False  # whole-paragraph lines, or a short line that ends a paragraph
    # A full line of a hard-wrapped paragraph: the next line continues it, unless the line
    # ends in a number or symbol, as rows of a list do ("... 12 months: 12%").
    return bool(re.search(r"[A-Za-z,;:'’\"”)]$", prev.text))


def _text_blocks(text: str) -> list[Block]:
    """Plain text and Markdown: one block per paragraph, markup removed.

    Lines of a paragraph are joined (a sentence may be broken across lines); a block keeps
    the line number where each of its lines starts, so a sentence reports its own line.
    """
    lines = list(_clean_lines(text))
    width = _wrap_width(lines)
    found: list[Block] = []
    current: list[_Line] = []

    def flush() -> None:
        if not current:
            return
        joined, offsets, pos = [], [], 0
        for ln in current:
            offsets.append((pos, ln.number))
            joined.append(ln.text)
            pos += len(ln.text) + 1
        body = " ".join(joined)
        head = current[0]
        heading = head.heading or (
            len(current) == 1 and not head.item and _looks_like_heading(body)
        )
        found.append(Block(head.number, body, heading, head.item, tuple(offsets)))
        current.clear()

    prev: _Line | None = None
    for line in lines:
        if line is None:
            flush()
        elif prev is not None and current and _continues(prev, line, width):
            current.append(line)
        else:
            flush()
            current.append(line)
        prev = line
    flush()
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
# Sentences addressed to the reader about the page itself (spam filters, ad blockers,
# cookies, newsletters, donations, sharing). Matched per sentence, never per line, so that a
# forecast next to one ("..., the ministry's newsletter reported.") is kept.
_FURNITURE = re.compile(
    r"\b(?:akismet|ad\s?blocker|cookies?\s+(?:policy|settings)|all\s+rights\s+reserved"
    r"|(?:subscribe|sign\s+up)\s+(?:to|for)\s+(?:our|the|my)\s+newsletter"
    r"|buy\s+me\s+a\s+(?:virtual\s+)?coffee|supporting\s+my\s+work|share\s+your\s+thoughts"
    r"|share\s+this\s+(?:article|post)|found\s+this\s+(?:analysis|article|post)"
    r"|(?:click|tap)\s+here|sign\s+up\s+to\s+our\s+webinar|sign\s+up\s+for\s+our"
    # paywalls, comment forms and channel plugs
    r"|premium\s+content|paid\s+subscription|post\s+a\s+comment|never\s+miss\s+a\s+(?:story|post)"
    r"|(?:sign\s+up|subscribe)\s+to\s+(?:our|the)\s+[\w-]+\s+channel)\b",
    re.IGNORECASE,
)


def _drop_boilerplate(blocks: Iterable[Block]) -> Iterator[Block]:
    blocks = list(blocks)
    # Menus, bylines and buttons repeat on a page; a short block seen twice is furniture.
    counts: dict[str, int] = {}
    for block in blocks:
        if len(block.text.split()) <= 8:
            counts[block.text] = counts.get(block.text, 0) + 1
    in_nav = False
    for block in blocks:
        text = block.text
        if (
            counts.get(text, 0) > 1
            and not text.endswith((".", "!", "?"))
            and not _DIGIT.search(text)
        ):
            continue  # a menu or button label repeated on the page ("Likelihood: 80%" is not)
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


_NUMBER_AFTER = re.compile(r"\d{1,3}(?:\.\d+)?\s*%")


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
        if text[match.start()] == "?" and _NUMBER_AFTER.match(text, match.end()):
            continue  # "Will the mayor resign? 30%": the question's number, same sentence
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

_NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several"
    r"|a\s+couple\s+of|couple\s+of)"
)
# "five to 10 years", "two or three weeks", "6-12 months": a span ends at its upper bound
_SPAN = rf"{_NUMBER}(?:\s*(?:-|–|to|or)\s*{_NUMBER})?"
_UNIT = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = f"(?:{'|'.join(MONTH_NAMES)})"
_WEEKDAY = f"(?:{'|'.join(WEEKDAYS)})"
_NEXT = (
    r"(?:(?:within|in|over|during|for)\s+(?:the\s+)?(?:next|coming|following)"
    r"|the\s+(?:next|coming))"
)
# Horizons named in a sentence, most specific first; group "label" is a horizon_end label.
_HORIZONS: list[re.Pattern[str]] = [
    # parts of a year: "in the second half of 2019", "by Q3 2026", "by mid-2021"
    re.compile(
        r"\b(?:by|in|before|during|through|until)\s+(?:the\s+)?(?P<half>first|second)\s+half\s+"
        r"of\s+(?P<hyear>20\d\d)\b"
        r"|\b(?:by|in|before|during|through|until)\s+(?:the\s+)?(?P<quarter>first|second|third"
        r"|fourth)\s+quarter\s+(?:of\s+)?(?P<qyear>20\d\d)\b"
        r"|\b(?:by|in|before|during|through|until)\s+Q(?P<qn>[1-4])\s+(?P<qnyear>20\d\d)\b"
        r"|\b(?:by|before|until|in)\s+mid-?(?P<myear>20\d\d)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:by|before|at|until)\s+(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+year|year[- ]end"
        r"|end[- ](?:of\s+)?year)\b|\blater\s+this\s+year\b",
        re.I,
    ),
    # "next month", "later this month", "by the end of the quarter": calendar units
    re.compile(
        r"\b(?<!earlier\s)(?P<rel>next|(?:later\s+)?this|(?:by|before|at|until)\s+the\s+end\s+of"
        r"\s+(?:the|this|next))\s+(?P<relunit>month|quarter)\b(?![’']s)",
        re.I,
    ),
    re.compile(
        r"\b(?:this\s+|(?:before|by)\s+(?:the\s+)?)(?P<season>winter|summer|spring|autumn|fall)\b",
        re.I,
    ),
    re.compile(r"\b(?:within|in)\s+(?P<vague>days|weeks|months)\b", re.I),
    # "within the next five to 10 years", "in the next couple of years": numbered spans
    re.compile(
        rf"\b{_NEXT}\s+(?P<label>{_SPAN}\s+(?:of\s+)?{_UNIT})\b",
        re.I,
    ),
    # a day: "by April 25, 2026", "on 22 May", "on July 06", "on Thursday", "next week"
    re.compile(
        rf"\b(?:(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmonth>{_MONTHS})"
        rf"|(?P<mmonth>{_MONTHS})\s+(?P<mday>\d{{1,2}})"
        r"(?:st|nd|rd|th)?\b)(?:,?\s+(?P<dyear>20\d\d))?(?!\s*[\d:%])"
        rf"|\b(?P<wday>{_WEEKDAY})\b(?!\s*,?\s*\d)"
        r"|\b(?P<week>(?i:this|next|the\s+coming)\s+week)\b(?![’']s)"
    ),
    re.compile(
        rf"\b(?P<mprep>(?i:by|before|until|in|during))\s+(?:the\s+end\s+of\s+)?"
        rf"(?P<label>{_MONTHS}\s+(?:\d{{1,2}},?\s+)?20\d\d)\b"
    ),
    # "in early 2027", "by late 2026" (mid- is a part of the year above)
    re.compile(
        r"\b(?P<eprep>by|before|in|until|during|from)\s+(?P<part>early|late|the\s+end\s+of"
        r"|the\s+beginning\s+of|the\s+start\s+of)[- ](?P<pyear>20\d\d)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:(?:by|before|until)\s+(?:the\s+(?:end|close)\s+of\s+|mid-?)?"
        r"|at\s+the\s+(?:end|close)\s+of\s+)(?P<year>20\d\d)\b",
        re.I,
    ),
    re.compile(
        rf"\b{_NEXT}\s+(?P<label>{_UNIT})\b",
        re.I,
    ),
    re.compile(rf"\b(?:within|in)\s+(?P<label>{_SPAN}\s+{_UNIT})\b", re.I),
    re.compile(r"\b(?P<label>(?:next|this)\s+year)\b", re.I),
    re.compile(r"\b(?P<label>near\s+future|near[- ]term)\b", re.I),
    re.compile(r"\b(?P<today>later\s+today|today|tonight|this\s+(?:afternoon|evening))\b", re.I),
    re.compile(
        r"\b(?:(?:in|across|during|throughout|through|over)\s+(?:the\s+rest\s+of\s+|all\s+of\s+)?"
        r"|(?:a|an)\s+(?=20\d\d\s+[a-z]))(?P<year>20\d\d)\b(?!\s*[-–])"
    ),
    # "in March" (no year, not "in March's survey"): the next March; least specific, so last
    re.compile(
        rf"\b(?i:in|by|before|until)\s+(?i:early\s+|late\s+|mid-?)?(?P<month>{_MONTHS})\b"
        r"(?!\s*,?\s*\d|[’']s)"
    ),
]

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
_MONTH_MAY = re.compile(r"\bMay\b(?=\s*\d)|(?<=[\w,]\s)May\b")
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
    rf"|on\s+{_WEEKDAY})\b",
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
    text = _NOUN_WILL.sub(" the resolve ", _MONTH_MAY.sub("Maytime", sentence))
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


_QUARTER_END = {"first": "March", "second": "June", "third": "September", "fourth": "December"}


def _part_of_year(groups: dict[str, str | None]) -> str | None:
    """ "by June 2021" for "by mid-2021", "by December 2019" for "the second half of 2019"."""
    if groups.get("half"):
        month = "June" if (groups["half"] or "").lower() == "first" else "December"
        return f"by {month} {groups['hyear']}"
    if groups.get("quarter"):
        return f"by {_QUARTER_END[(groups['quarter'] or '').lower()]} {groups['qyear']}"
    if groups.get("qn"):
        month = ["March", "June", "September", "December"][int(groups["qn"] or 1) - 1]
        return f"by {month} {groups['qnyear']}"
    if groups.get("myear"):
        return f"by June {groups['myear']}"
    return None


def horizon_in(
    sentence: str, published: date | None = None, *, current_year: bool = True
) -> str | None:
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
        for match in pattern.finditer(sentence):
            label = _horizon_label(match, sentence, published, current_year)
            if label is not None:
                return label
    return None


def _horizon_label(
    match: re.Match[str], sentence: str, published: date | None, current_year: bool
) -> str | None:
    """The horizon label of one match of `_HORIZONS`, or None when it names no horizon."""
    groups = match.groupdict()
    part = _part_of_year(groups)
    if part is not None:
        if published is not None and int(part.rsplit(" ", 1)[1]) < published.year:
            return None
        return part
    if groups.get("relunit"):  # "next month", "by the end of the quarter"
        rel = "next" if groups["rel"].lower().endswith("next") else "this"
        if rel == "this" and not current_year:
            return None  # alone, "prices fell this month" is a fact
        return f"{rel} {groups['relunit'].lower()}"
    if groups.get("dmonth") or groups.get("mmonth") or groups.get("wday") or groups.get("week"):
        day = _dated_day(
            {**groups, "before": sentence[max(0, match.start() - 5) : match.start()]},
            published,
            current_year,
        )
        if day is None or _past_before(sentence, match.start()):
            return None  # "officials said on Monday": the day of the report, not a horizon
        return f"by {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    if groups.get("today"):  # "the board decides later today": the day of publication
        if published is None or not current_year or _past_before(sentence, match.start()):
            return None
        return f"by {published.day} {MONTH_NAMES[published.month - 1]} {published.year}"
    if groups.get("pyear"):  # "in early 2027": by April; "late 2026": by its end
        year = int(groups["pyear"])
        strict = groups["eprep"].lower() in ("in", "during", "from")
        if published is None or year < published.year:
            return None
        if strict and not current_year and year == published.year:
            return None
        part_ = groups["part"].lower()
        if part_.startswith(("early", "the beginning", "the start")):
            return f"by April {year}"
        return f"by {year}"
    if groups.get("mprep"):  # "by May 2027"; "before May 2027": by the end of April
        month_text, year_text = match["label"].split()[0], match["label"].split()[-1]
        if published is not None and int(year_text) < published.year:
            return None
        if groups["mprep"].lower() == "before" and not re.search(r"\d{1,2},?\s", match["label"]):
            number = _MONTH_NUMBER[month_text[:3].lower()]
            year = int(year_text) - (number == 1)
            return f"by {MONTH_NAMES[(number - 2) % 12]} {year}"
        return f"by {match['label']}"
    if groups.get("season"):
        if match[0].lower().startswith("before"):
            return f"before {groups['season'].lower()}"
        return f"this {groups['season'].lower()}"
    if groups.get("vague"):  # "within weeks": read generously, and said in the label
        return {"days": "2 weeks", "weeks": "2 months", "months": "6 months"}[
            groups["vague"].lower()
        ]
    if groups.get("month"):  # "in March": the next March from publication
        if published is None or not current_year:
            return None  # alone, "in October" is as often a past month
        number = _MONTH_NUMBER[groups["month"][:3].lower()]
        year = published.year + (number < published.month)
        if match[0].lower().startswith("before"):  # "before June": by the end of May
            number, year = (number - 1, year) if number > 1 else (12, year - 1)
            return f"by {MONTH_NAMES[number - 1]} {year}"
        return f"by {groups['month']} {year}"
    if "label" not in groups and "year" not in groups:
        return "this year"  # "by the end of the year", "later this year"
    if groups.get("year"):
        year = int(groups["year"])
        # "by 2027" is a deadline unless already past; "in 2026" is one in an article
        # from 2026 (ending 31 December), but only with another forecasting word, since
        # "prices rose in 2026" is a fact (`current_year=False` asks for a later year).
        strict = not match[0].lower().startswith(("by", "before", "until"))
        if strict and published is None:
            return None
        if published is not None and year < published.year:
            return None
        if strict and not current_year and published is not None and year == published.year:
            return None
        if match[0].lower().startswith("before") and (published is None or year > published.year):
            return f"by {year - 1}"  # "before 2027": by the end of 2026
        return f"by {year}"
    label = " ".join(match["label"].split()).lower()
    if label in ("next year", "this year"):
        return label
    label = re.sub(r"^(?:(?:next|coming)\s+)?", "", label)
    if re.fullmatch(_UNIT, label):  # "in the next year": 1 year; "the coming weeks"
        return f"coming {label}" if label.endswith("s") else f"1 {label}"
    label = re.sub(r"\b(?:a\s+)?couple(?:\s+of)?\b", "2", label)
    return re.sub(r"\s*(?:\bor\b|–|-)\s*", "-", label.replace(" of ", " "))


_PAST_BEFORE_DAY = re.compile(
    r"\b(?:said|told|met|wrote|spoke|was|were|did|after|since|following|last"
    r"|(?!(?:expected|scheduled|planned|slated|anticipated|predicted|forecasted)\b)"
    r"(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeen\s)"
    r"(?:\w+ed|taken|held|made|given|seen|begun|done|written|won|lost|sent))\s*$"
    # "told a radio station late Wednesday": the time of the report
    r"|\b(?:said|told|wrote|announced)\s+(?:[\w’'-]+\s+){0,3}(?:late|early)\s*$",
    re.I,
)


def _past_before(sentence: str, start: int) -> bool:
    """Whether a day named at `start` follows a past verb ("said on Monday", "after
    Thursday's attack"); a passive ("if the results are repeated on Saturday") is not past."""
    window = _DAY_PREPOSITION.sub("", sentence[max(0, start - 48) : start])
    return _PAST_BEFORE_DAY.search(window) is not None


# the words a named day follows: "said on Monday" is "said" + "Monday"
_DAY_PREPOSITION = re.compile(
    r"(?:\b(?:on|by|before|until|this|next|coming|around|or|as\s+early\s+as|the)\s+)+$", re.I
)


def _dated_day(
    groups: dict[str, str | None], published: date | None, current_year: bool
) -> date | None:
    """The day a sentence names ("on 22 May", "on Thursday", "next week"), from publication.

    A day without a year is its next occurrence; one already past in the year of
    publication is a past event, not a horizon. A weekday is the next such day; "this week"
    and "next week" end on their Sunday. Alone, a day is as often a fact's date ("met on
    Tuesday"), so `current_year=False` (a sentence with no other forecasting word) gives None.
    """
    if published is None or not current_year:
        return None
    if groups.get("wday"):  # "on Monday" in Monday's paper is that day; "next Monday" is not
        ahead = (WEEKDAYS.index((groups["wday"] or "").capitalize()) - published.weekday()) % 7
        after = (groups.get("before") or "").lower().endswith("next ")
        return published + timedelta(days=ahead or 7 * after)
    if groups.get("week"):
        sunday = published + timedelta(days=6 - published.weekday())
        return sunday + timedelta(days=7 * (not (groups["week"] or "").lower().startswith("this")))
    month = _MONTH_NUMBER[(groups.get("dmonth") or groups.get("mmonth") or "")[:3].lower()]
    day_text = groups.get("dday") or groups.get("mday") or "1"
    year = int(groups["dyear"]) if groups.get("dyear") else published.year
    try:
        found = date(year, month, int(day_text))
    except ValueError:
        return None
    return found if found >= published else None


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


_HEADING_WORDS = 5


def _mostly_horizon(heading: str) -> bool:
    """True when a heading is little more than its horizon ("Outlook for the next 12 months").

    A title that mentions a horizon among other words ("Invasion Odds by 2030: An
    Assessment") is the article's subject, not a section of forecasts for that horizon.
    """
    text = _HEADING_RANGE.sub(" ", heading.replace("–", "-").replace("—", "-"))
    text = _HEADING_TERM.sub(" ", text)
    for pattern in _HORIZONS:
        text = pattern.sub(" ", text)
    return len(re.findall(r"[A-Za-z]+", text)) <= _HEADING_WORDS


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
                if label is not None and not _mostly_horizon(block.text):
                    label = None
            heading_horizon, group = (
                (label, block.text.rstrip(":").strip()) if label else (None, None)
            )
            titled = None
            continue
        if _DIGIT.search(block.text):
            final = _own_number(block.text) or final
        start = len(claims)
        prior = next((c for c in reversed(claims[-3:]) if "stated" in c.reasons), title_question)
        claims.extend(_block_claims(block, heading_horizon, group, published, prior))
        if block.item:
            headline_item = len(block.text.split()) <= 12 and not block.text.endswith(_FINAL)
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
    if not _DIGIT.search(raw):
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
    if _skip_reason(sentence) or _FURNITURE.search(sentence):
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
        more = stance_words.followers(part) if _DIGIT.search(part) else []
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


_DIGIT = re.compile(r"\d")
# "a 40% chance of the truce lasting a week": the event's own duration is its horizon
_EVENT_DURATION = re.compile(
    rf"\b(?:surviv\w*|last\w*|hold\w*|endur\w*)\s+(?:for\s+|beyond\s+|past\s+)?"
    rf"(?P<label>{_NUMBER}\s+{_UNIT})$",
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
        aux = _AUX.search(" " + _strip_lead(first))
        subject = _subject((" " + _strip_lead(first))[: aux.start()]) if aux else ""
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
    aux = _AUX.search(" " + _strip_lead(clause))
    if aux is None:
        return part
    subject = _subject((" " + _strip_lead(clause))[: aux.start()])
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
        lead = _strip_lead(text)
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
    sets = [frozenset(_tokens(c.quote)) for c in claims]
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
    clause = _ADJECTIVE_LIKELY.sub(" the ", _MONTH_MAY.sub("Maytime", clause))
    clause = re.sub(r"(?<=\w)[’']ll\b", " will", clause)  # "they'll" is "they will"
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
_AUX = re.compile(
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
_NEGATIVE_AUX = re.compile(
    r"^(?:will\s+not|won[’']t|(?:is|are)\s+(?:unlikely|not\s+expected)\s+to)$", re.I
)
_LOWER_FIRST = {
    "the", "a", "an", "this", "that", "these", "those", "such", "some", "any", "each", "every",
    "they", "he", "she", "it", "we", "i", "you", "its", "their", "his", "her", "our", "my",
    "many", "most", "several", "other", "another", "both", "all", "no", "one", "critics",
    "supporters", "analysts", "experts", "officials", "observers", "there", "prices", "sources",
    "further", "additional", "fresh", "renewed",
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
    if word in _LOWER_FIRST or word in vocabulary:
        return first[0].lower() + text[1:]
    rest = text.split()[1:2]
    # "Rising prices", "Increasingly, ...": ordinary; "Beijing will": a name before its verb
    if word.endswith(("ing", "ly")) and rest and rest[0].lower() not in _AUXILIARIES:
        return first[0].lower() + text[1:]
    # "Retaliation against ...", "Agreement on ...": an abstract noun is never a name
    if len(word) > 6 and word.endswith(("tion", "sion", "ment", "ance", "ence", "ity")):
        return first[0].lower() + text[1:]
    return text


_AUXILIARIES = {
    "will", "would", "may", "might", "could", "can", "shall", "should", "is", "are", "was",
    "were", "has", "have", "had", "does", "did", "won't", "won’t", "isn't", "isn’t",
}  # fmt: skip


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


def _subject(before: str) -> str:
    """The subject of the verb phrase that follows `before` (the last clause's words).

    Empty when the verb phrase belongs to a relative clause or a coordination ("X that
    could ...", "X sees Y and will ..."): no clean question can be built then.
    """
    relative = _RELATIVE_SUBJECT.match(_strip_lead(before))
    if relative:  # "Okafor who has seen a dip ... is still favourite to": Okafor
        return relative["np"]
    shared = _SHARED_SUBJECT.match(_strip_lead(before))
    if shared:  # "X are being ground down ... and in 2025 will need to ...": X
        return shared["np"] or shared["pro"] or shared["name"]
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


@lru_cache(maxsize=512)  # the same clause is stripped for its subject, verb and question
def _strip_lead(clause: str) -> str:
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


# "Next in line is Jane Doe": a copula before a name that is the real subject.
_INVERTED_SUBJECT = re.compile(
    r"^.+?\s(?:is|are)\s+(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})$"
)


_MAKES_FAVOURITE = re.compile(
    r"^.*?\b(?:makes?|made|making|sees?|saw|rates?|rated|has|have|had|names?|named)\s+"
    r"(?P<np>\S.*)$",
    re.I,
)


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
    text = _strip_lead(_DASH_ASIDE.sub("", clause))
    # the month or the name "May" is not the modal; the mask keeps every offset
    masked = " " + _MONTH_MAY.sub("Maj", text)
    match = _AUX.search(masked)
    while match is not None:
        subject = _subject((" " + text)[: match.start()])
        if subject and _SUBORDINATE_SUBJECT.match(subject):
            # "As the committee prepares to meet, analysts expect rates will rise": the
            # first verb is in a subordinate clause; the claim's verb comes later
            match = _AUX.search(masked, match.start("rest"))
            continue
        rest = (" " + text)[match.start("rest") :].strip()
        if match["cop"]:
            rest = f"be {rest}"
        elif match["forx"]:
            rest = f"be {match['forx']} {rest}"
        maker = _MAKES_FAVOURITE.match(subject) if "favo" in match["aux"].lower() else None
        if maker:  # "the model makes the Tories favourites to win": the Tories
            subject = maker["np"]
        inverted = _INVERTED_SUBJECT.match(subject)
        if inverted:  # "First on the list is Jane Doe will ...": Jane Doe
            subject = inverted["name"]
        if subject and len(subject.split()) <= 15 and rest:
            if " and " in rest or " but " in rest or " or " in rest:
                words_ = rest.split()
                # "will hold but remains vulnerable": remain (", writes X" is a source)
                _coordinated_base_forms(words_, 1, commas=False)
                rest = " ".join(words_)
            # "will not"/"is unlikely to" are dropped (the low probability says it);
            # "may not" keeps its "not", which stays in `rest`.
            return f"Will {_lower_first(subject, vocabulary)} {rest}?"
        break
    return f"Will this happen: {_lower_first(text, vocabulary)}?"


_SUBORDINATE_SUBJECT = re.compile(
    r"^(?:as|while|when|whilst|once|since|because|although|though|after|before|until|if)\s",
    re.I,
)
# "A rate cut is considered much less likely", "lower rates are widely expected this year",
# "X most likely to win": the likelihood is said of a noun phrase (or of its verb phrase).
_PREDICATIVE = re.compile(
    r"^(?P<np>[^,;:()]+?)\s+(?:(?:is|are|remains?|looks?|seems?|appears?)\s+)?"
    r"(?:(?:considered|seen\s+as|viewed\s+as|deemed|thought)\s+)?"
    r"(?:(?:much|far|even|very|highly|most|more|less|increasingly|now|still|also|quite|fairly"
    r"|widely|generally|broadly)\s+)*"
    r"(?:(?P<likely>likely|unlikely|probable|improbable|expected|anticipated|inevitable"
    r"|a\s+(?:near[- ])?certainty)\b)"
    r"(?:\s+to\s+(?P<vp>[^,;]+)|(?P<tail>(?:\s+(?!to\b|that\b|and\b|but\b|as\b|while\b)"
    r"[^,;\s]+)*))",
    re.I,
)
_NOT_AN_EVENT = re.compile(
    r"^(?:it|this|that|these|those|they|he|she|we|i|there|which|what|who|such|so|more|less"
    r"|most|much)\b",
    re.I,
)
_DASH_ASIDE = re.compile(r"\s+[–—-]\s+[^–—]*?\s+[–—-](?=\s|$)")


def predicative_question(clause: str, vocabulary: frozenset[str] = frozenset()) -> str | None:
    """A question for a likelihood said of a noun phrase, or None.

    >>> predicative_question("a strike on the port is considered much less likely")
    'Will there be a strike on the port?'
    >>> predicative_question("higher tariffs are widely expected next year and that will hurt")
    'Will there be higher tariffs next year?'
    >>> predicative_question("the mayor most likely to stay in office")
    'Will the mayor stay in office?'
    """
    text = _strip_lead(_DASH_ASIDE.sub("", clause))
    for segment in re.split(r"[,;:“”\"‘]\s*|\s[’']|[’']$", text):
        match = _PREDICATIVE.match(_strip_lead(segment.strip(" '’")))
        if match is None:
            continue
        np = match["np"].strip()
        if (
            _NOT_AN_EVENT.match(np)
            or _NP_BREAK.search(np)
            or len(np.split()) > 12
            or _AUX.search(" " + np)
        ):
            return None
        np = _lower_first(np, vocabulary)
        if match["vp"]:
            if match["likely"].lower() not in {"likely", "unlikely"}:
                return None
            return f"Will {np} {match['vp'].strip()}?"
        tail = (match["tail"] or "").rstrip(" .")
        return f"Will there be {np}{tail}?"
    return None


# a noun phrase does not hold a relative pronoun nor end on a determiner ("the most likely X")
_NP_BREAK = re.compile(
    r"\b(?:which|that|who|whom|whose|where)\b|(?:^|\s)(?:the|a|an|its|their|his|her|our)$", re.I
)


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
            _coordinated_base_forms(tokens, i + 1)
            break
    return f"Will {_lower_first(' '.join(tokens), vocabulary)}?"


def _coordinated_base_forms(tokens: list[str], start: int, *, commas: bool = True) -> None:
    """ "... and gives", "but does not send", ", retains": verbs coordinated with the first,
    in their base form too, as the question asks "Will X introduce ... and give ...?"."""
    for j in range(max(start, 1), len(tokens) - 1):
        before = tokens[j - 1].lower()
        if before not in {"and", "but", "or"} and not (commas and before.endswith(",")):
            continue
        low = tokens[j].lower()
        if low == "does" and tokens[j + 1].lower() in {"not", "n’t", "n't"}:
            tokens[j] = "do"
        elif commas and (
            low in _COMMON_VERBS_S or (len(low) > 3 and _looks_like_verb_s(tokens, j))
        ):
            tokens[j] = _base_form(tokens[j])  # a condition or scenario: "X sells ... and moves"
        elif (low in _COMMON_VERBS_S and tokens[j + 1].lower() not in _PREPOSITIONS) or (
            len(low) > 4
            and _looks_like_verb_s(tokens, j)
            and tokens[j + 1].lower() in _OBJECT_START  # "retains some", not "signs of"
        ):
            tokens[j] = _base_form(tokens[j])


_PREPOSITIONS = {"of", "in", "on", "at", "for", "to", "from", "with", "by", "about", "into"}
_OBJECT_START = {
    "the", "a", "an", "its", "their", "his", "her", "our", "some", "any", "no", "more", "all",
    "this", "that", "these", "those",
}  # fmt: skip


_DETERMINERS = {
    "the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "to", "on", "in",
    "into", "with", "from", "for", "up", "down", "out", "off", "back", "over", "no", "more",
    "less", "some", "any", "all", "this", "that", "these", "those", "against", "toward",
    "towards", "by", "at", "as", "before", "after", "within", "until", "next", "again",
}  # fmt: skip


def _looks_like_verb_s(tokens: Sequence[str], i: int) -> bool:
    """A third-person verb such as "reduces": ends in -s, followed by an object or particle."""
    low = tokens[i].lower()
    if not re.fullmatch(r"[a-z]+s", low) or low.endswith(("ss", "us", "is", "'s")):
        return False
    if low in {"its", "has", "was", "this", "thus", "always", "perhaps", "sometimes", "less"}:
        return False
    if i + 1 < len(tokens) and {f"{tokens[i + 1].lower()}s", f"{tokens[i + 1].lower()}es"} & (
        _COMMON_VERBS_S
    ):
        return False  # "Rival firms go bankrupt": a plural subject, then its verb
    if i == 1 and tokens[0][:1].isupper() and tokens[0].lower() not in _DETERMINERS:
        return True  # "Ukraine gives part of ...": a name, then its verb
    if low in _COMMON_VERBS_S and i + 1 < len(tokens):
        return True  # "the ferry company goes bankrupt"
    if tokens[i - 1].lower() in _DETERMINERS:
        return False  # "the talks", "its commitments": a noun
    if i + 1 == len(tokens):
        # "it rains", "the price rises": a short subject, then the verb last
        return i == 1 or (i == 2 and tokens[0].lower() in _DETERMINERS)
    nxt = tokens[i + 1].lower()
    # an object or particle follows a verb: "reduces its", "cuts rates", "rises sharply"
    return nxt in _DETERMINERS or nxt.endswith(("ly", "s")) or nxt in _ADVERBS


_COMMON_VERBS_S = {
    "goes", "becomes", "gives", "takes", "makes", "gets", "wins", "loses", "falls", "rises",
    "remains", "stays", "joins", "leaves", "enters", "signs", "agrees", "accepts", "holds",
    "keeps", "turns", "ends", "starts", "begins", "breaks", "collapses", "invades", "reaches",
    "launches", "seeks", "sends", "comes", "introduces", "drops", "cuts", "raises", "imposes",
}  # fmt: skip
_ADVERBS = {"soon", "again", "early", "late", "first", "now", "today", "tomorrow", "further"}


def _base_form(verb: str) -> str:
    if verb.lower() == "does":
        return "do"
    if re.search(r"[^aeiou]ies$", verb):
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", verb):
        return verb[:-2]
    return verb[:-1]


_HEDGE_ADVERB = re.compile(
    r"\s+(?:most\s+|very\s+|highly\s+|almost\s+)?(?:likely|probably|possibly|potentially|perhaps"
    r"|certainly|surely|presumably|definitely|undoubtedly)\b(?!\s+(?:to|that)\b)",
    re.I,
)
# ", with one expert adding ...", ", said Daniil M., an economist": asides, not the event.
_TRAILING_ASIDE = re.compile(
    r"[,;][’'”\"]?\s+(?:with\s+(?:one|some|many|several|other|an?|potential|possible|further)\b"
    r"|according\s+to|said|says|adding"
    # ", analysts said", ", economists Jane Roe and John Doe conclude": the source, at the end
    r"|(?:[\w.’()':-]+\s+){1,6}?(?:said|says|added|noted|warned|concluded|concludes|conclude"
    r"|wrote|writes|argued|argues|reported|reports|found|finds|showed|shows|predicts|predicted|say"
    r"|estimates|estimated|told\s+[\w.’'-]+(?:\s+[A-Z][\w.’'-]*){0,2})"
    r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:\w+day|today|yesterday))?(?:,\s+[^?]*)?(?=\s*\?$)"
    # ", Jane Roe, senior analyst at Acme, told CNBC": a named source with its title
    r"|(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,3},\s+[^?]{1,80}?,\s+(?:said|says|told|added"
    r"|wrote|noted)\b[^?]*(?=\?$)"
    # ", writes the Herald", ", reported the agency": the verb before its source
    r"|(?:writes|wrote|reported|reports|told|say|says|said)\s+(?:[\w.’'-]+\s*){1,5}(?=\?$)"
    r"|depending\s+on\s"
    r"|noted|warned|(?:he|she|they)\s+(?:said|says|added)|(?:leading|making|leaving|prompting"
    r"|forcing|pushing|putting|causing|raising|sending|giving|dragging)\s|although\s|though\s"
    r"|even\s+though\s|compared\s+(?:to|with)\s|versus\s|while\s|whereas\s"
    # a reason or a description after the event: ", in part because ...", ", as polls show
    # ...", ", which would hurt ...", ", where ..."
    r"|(?:in\s+part\s+|partly\s+|largely\s+|mainly\s+|not\s+least\s+)?because\s"
    r"|as\s+(?!well|much|long|soon|early|many|far|part|a\s|an\s|the\s+\w+\s+of\b)\w+\s+\w+"
    r"|(?:which|where|whose|who)\s)[^?]*\?$",
    re.I,
)
# "... be lower and not higher?": the contrast repeats the event; the question ends before it.
# A reason after the event without a comma: "... buyers of gold as dedollarisation is not a
# one-off", "... kept on hold following better-than-expected growth"
_TRAILING_REASON = re.compile(
    r"\s+(?:as\s+(?!well|much|long|soon|far|many|early|part|a\b|an\b)[\w-]+(?:\s+[\w-]+){0,3}\s+"
    r"(?:is|are|was|were|has|have|remains?|continues?|seems?)\b"
    r"|following\s+(?!the\s+(?:election|vote|meeting|summit|referendum|decision|talks)\b)"
    r"(?:[\w-]+\s+){0,2}?(?:better|worse|stronger|weaker|higher|lower|[\w-]+-than-[\w-]+)\b)"
    r"[^?]*\?$",
    re.I,
)
_TRAILING_CONTRAST = re.compile(r",?\s+(?:and|but|rather)\s+not\s+[\w-]+(?:\s+[\w-]+)?\?$", re.I)
_BAD_QUESTION = re.compile(
    r"^Will\s+(?:though|although|as|while|if|when|because|since|after|before|despite|with"
    r"|for|on|at|from|and|but|or|so|which|who|whom|whose|that|this\s+happen|to|[a-z]+ly,)\b",
    re.I,
)
# "Brent likely settling closer to $90": a subject, a hedge, and a verb in -ing.
_HEDGED_GERUND = re.compile(
    r"^(?P<subj>.+?)\s+(?:likely|probably|possibly|potentially)\s+(?P<verb>[a-z]+ing)\b"
    r"(?P<rest>.*)$",
    re.I,
)
# "China launching an invasion": a name (or "the X") and a verb in -ing.
_GERUND_EVENT = re.compile(
    r"^(?P<subj>(?:(?:[a-z]+-[a-z]+\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)|(?:the|its|their)\s+[\w.-]+)\s+"
    r"(?P<verb>[a-z]+ing)\b(?P<rest>.*)$"
)


_base_of_gerund = stance_words.base_of_gerund


# Words a title capitalises that are never names: prepositions, conjunctions, "be".
_TITLE_SMALL = {
    "in", "on", "at", "by", "of", "to", "for", "from", "with", "within", "without", "into",
    "over", "under", "before", "after", "until", "during", "and", "or", "but", "be", "been",
    "not", "no", "more", "less", "than", "next", "near", "year", "years", "months", "weeks",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
}  # fmt: skip


def _sentence_case(text: str, vocabulary: frozenset[str], *, title: bool = False) -> str:
    """A title-case headline ("China Won't Invade Taiwan") in sentence case, names kept.

    `title`: the text is known to come from a title (a few words taken from one, such as the
    event of "Port Strike Odds Near 40%"), however few of its words are capitalised.
    """
    tokens = text.split()
    capitalised = sum(t[:1].isupper() for t in tokens)
    if not title and (len(tokens) < 3 or capitalised < 0.6 * len(tokens)):
        return text
    out = [tokens[0]]
    after_aux = False
    for token in tokens[1:]:
        low = token.lower()
        bare = low.strip(".,;:!?\"“”'‘’()")
        if (
            token[:1].isupper()
            and not token.isupper()
            and (bare in vocabulary or bare in _LOWER_FIRST or bare in _TITLE_SMALL or after_aux)
        ):
            token = low
        after_aux = bare in {"will", "won't", "won’t", "to", "may", "could", "might", "not"}
        out.append(token)
    return " ".join(out)


# Events counted one at a time: a bare "Green majority" or "tram extension" takes "a".
_COUNT_EVENTS = {
    "majority", "victory", "win", "defeat", "landslide", "coalition", "deal", "agreement",
    "ceasefire", "truce", "armistice", "recession", "downturn", "cut", "hike", "rise",
    "increase", "strike", "invasion", "attack", "bubble", "crash", "default", "referendum",
    "extension", "merger", "takeover", "resignation", "coup", "blockade", "runoff", "recount",
    "settlement", "breakthrough", "collapse", "shutdown", "reshuffle", "walkout", "boycott",
}  # fmt: skip
_NP_DETERMINER = re.compile(
    r"^(?:an?|the|this|that|these|those|its|their|his|her|our|my|your|some|any|no|more|further"
    r"|another|each|every|one|two|three|several|many|few|such|what|quite|both|either|neither"
    r"|other|\d|[\w’'-]+[’']s\b)",
    re.I,
)


def _with_article(np: str) -> str:
    """ "a Green majority" for "Green majority"; a noun phrase with a determiner, a plural
    or a mass noun ("inflation above 3%") as it is."""
    core = re.split(r"\s+(?:in|on|at|by|before|after|for|of|to|within|from|during)\s", np)[0]
    words_ = core.split()
    if not words_ or len(words_) > 4 or _NP_DETERMINER.match(np):
        return np
    head = words_[-1].lower().strip(".,;:?!")
    if head not in _COUNT_EVENTS:
        return np
    return f"{'an' if np[:1].lower() in 'aeiou' else 'a'} {np}"


def claim_question(
    claim: Claim, vocabulary: frozenset[str] = frozenset()
) -> tuple[str, str | None]:
    """The draft question for a claim, and a note when the rules could not make a clean one.

    The question asks about the event, without the hedge: the probability carries it. When
    no grammatical yes/no question comes out, the claim is kept word for word in a
    "Will this come true" question and the note says to rephrase it.

    >>> claim_question(Claim(1, "q", "a recession in the next 12 months", None, 0.6, noun=True))
    ('Will there be a recession in the next 12 months?', None)
    >>> claim_question(Claim(1, "q", "Brent likely settling near $90", None, 0.6))
    ('Will Brent settle near $90?', None)
    """
    clause = claim.clause.strip().rstrip(".;:,")
    if claim.headline:
        title = claim.noun and "stated" in claim.reasons  # the event is a title's words
        clause = _sentence_case(clause, vocabulary, title=title)
    if claim.noun:
        gerund = _GERUND_EVENT.match(clause)
        if gerund:
            subject = re.sub(r"[’']s$", "", gerund["subj"])  # "Ruritania's abandoning": Ruritania
            question = f"Will {subject} {_base_of_gerund(gerund['verb'])}{gerund['rest']}?"
        else:
            np = _with_article(_lower_first(_strip_lead(clause), vocabulary))
            question = f"Will there be {np}?"
    elif claim.present:
        question = antecedent_question(clause, vocabulary)
    else:
        question = as_question(clause, vocabulary)
        hedged = _HEDGED_GERUND.match(_strip_lead(clause))
        if question.startswith("Will this happen") and hedged:
            subject = _lower_first(hedged["subj"], vocabulary)
            question = f"Will {subject} {_base_of_gerund(hedged['verb'])}{hedged['rest']}?"
    if re.search(r"\b(?:almost\s+certainly|probably)\s+not\b", claim.clause, re.I):
        # "will almost certainly not approve": p is the approval's, so the question asks it
        question = re.sub(r"^(Will\s+[^,]*?)\s+not\s+", r"\1 ", question, count=1)
    question = _TRAILING_ASIDE.sub("?", question)
    question = _TRAILING_CONTRAST.sub("?", question)
    question = _TRAILING_REASON.sub("?", question)
    question = " ".join(_HEDGE_ADVERB.sub("", question).split())
    question = re.sub(r"\s+([?,])", r"\1", question)
    if question.startswith("Will this happen") or _BAD_QUESTION.match(question):
        predicated = predicative_question(clause, vocabulary)
        if predicated is not None:
            return predicated, None
        return (
            f"Will this come true: {_lower_first(clause, vocabulary)}?",
            "The rules could not rephrase this claim as a yes/no question; rewrite the question"
            " before accepting.",
        )
    return question, None


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


_MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
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
    rf"(?:20\d\d|(?:early\s+|late\s+|mid-?)?{_MONTHS})\b"
    rf"|\b{_WEEKDAY}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b|\b{_MONTHS}\s+\d{{1,2}}\b"
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
        if re.fullmatch(rf"by \d{{1,2}} {_MONTHS} 20\d\d", label):
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
