"""How the report layer writes numbers and user text: one formatter for every number (and
one mark for a missing one), and the escaping of user text for Markdown and HTML.

The plain-text scores (`forecastbook.report.text`), the figure (`forecastbook.report.plot`)
and the Markdown summary (`forecastbook.report.tables`) all print numbers through
`number` and `count`, so a missing value reads ``n/a`` everywhere.
"""

from __future__ import annotations

import math
import re
from typing import Any

MISSING = "n/a"
"""How a missing number (None, NaN, infinite) is printed."""
MINUS = "\u2212"
"""The typographic minus sign used in the figure."""


def number(value: Any, digits: int = 3, *, signed: bool = False, minus: str = "-") -> str:
    """A number with `digits` decimals (``+`` shown when `signed`), or `MISSING`.

    `minus` replaces the hyphen of negative numbers (the figure passes `MINUS`).

    >>> number(0.12345), number(-0.5, 2, signed=True), number(None), number(float("nan"))
    ('0.123', '-0.50', 'n/a', 'n/a')
    >>> number(-0.25, minus=MINUS) == "\u22120.250"
    True
    """
    if value is None or isinstance(value, bool):
        return MISSING
    try:
        x = float(value)
    except (TypeError, ValueError):
        return MISSING
    if not math.isfinite(x):
        return MISSING
    text = f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"
    return text.replace("-", minus) if minus != "-" else text


def count(value: Any) -> str:
    """A count: whole numbers with thousands separators, else one decimal (time-averaged
    counts are weighted, hence fractional), or `MISSING`.

    >>> count(1234), count(2.25), count(None)
    ('1,234', '2.2', 'n/a')
    """
    if value is None or isinstance(value, bool):
        return MISSING
    x = float(value)
    if not math.isfinite(x):
        return MISSING
    return f"{int(x):,}" if x.is_integer() else f"{x:,.1f}"


def percent(value: Any) -> str:
    """A probability as a whole percentage, or `MISSING`.

    >>> percent(0.35), percent(None)
    ('35%', 'n/a')
    """
    if value is None:
        return MISSING
    x = float(value)
    return f"{x:.0%}" if math.isfinite(x) else MISSING


# Markdown: every ASCII punctuation character may be backslash-escaped (CommonMark 2.4);
# these are left alone because they start nothing in running text or a table cell.
_MD_SAFE = set(" ,.;:'\"/%?=@-")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def md_text(value: Any) -> str:
    """User text as literal Markdown: HTML escaped, Markdown punctuation backslash-escaped,
    line breaks and control characters turned into one space.

    Nothing a forecaster, tag, group, question or book name contains can become a link,
    an image, HTML, a table cell break or a heading.

    >>> md_text("<img src=x onerror=alert(1)>")
    '&lt;img src=x onerror=alert\\\\(1\\\\)&gt;'
    >>> md_text("![](http://t.example)|[x](javascript:y)")
    '\\\\!\\\\[\\\\]\\\\(http://t.example\\\\)\\\\|\\\\[x\\\\]\\\\(javascript:y\\\\)'
    >>> md_text("a\\nb  c")
    'a b  c'
    """
    text = _CONTROL.sub(" ", str(value))
    out = []
    for ch in text:
        if ch in _HTML:
            out.append(_HTML[ch])
        elif ch.isascii() and not ch.isalnum() and ch not in _MD_SAFE:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out).strip()


def md_code(value: str) -> str:
    """`value` as an inline code span when it is safe there (no backticks, no control
    characters: question ids always are), else as escaped text.

    >>> md_code("q-1"), md_code("a`b")
    ('`q-1`', 'a\\\\`b')
    """
    if "`" in value or _CONTROL.search(value) or not value.strip():
        return md_text(value)
    return f"`{value}`"
