"""Stages 1-2 of extraction: article text -> blocks -> sentences.

1. `article_blocks` turns plain text, Markdown or browser-saved HTML into `Block`s (one per
   source line or HTML block, with its line number), dropping markup, comment-section
   boilerplate and navigation.
2. `split_sentences` splits a block into sentences; abbreviations and initialisms ("U.S.",
   "Dr.") do not end one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

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
FINAL = (".", "!", "?", "…", ":", ";", '"', "”", "’", "'", ")")


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
    if not prev.text.endswith(FINAL) and (first.islower() or first in "([—–-"):
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
FURNITURE = re.compile(
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


DIGIT = re.compile(r"\d")


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
            and not DIGIT.search(text)
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
