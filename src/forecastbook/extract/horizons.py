"""Horizons, for stage 3 (sentences -> claims): the horizon a sentence or a heading names.

`horizon_in` finds an explicit horizon in a sentence ("by 2027", "within a year", "in the
coming months", "on Thursday"); `horizon_heading` reads a horizon heading such as
"Short-Term (6-12 months):". Labels are what `format.parsing.horizon_end` reads.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

NUMBER = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several"
    r"|a\s+couple\s+of|couple\s+of)"
)
# "five to 10 years", "two or three weeks", "6-12 months": a span ends at its upper bound
_SPAN = rf"{NUMBER}(?:\s*(?:-|–|to|or)\s*{NUMBER})?"
UNIT = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = f"(?:{'|'.join(MONTH_NAMES)})"
WEEKDAY = f"(?:{'|'.join(WEEKDAYS)})"
_MONTH_NUMBER = {m[:3].lower(): i for i, m in enumerate(MONTH_NAMES, 1)}
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
        rf"\b{_NEXT}\s+(?P<label>{_SPAN}\s+(?:of\s+)?{UNIT})\b",
        re.I,
    ),
    # a day: "by April 25, 2026", "on 22 May", "on July 06", "on Thursday", "next week"
    re.compile(
        rf"\b(?:(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmonth>{MONTHS})"
        rf"|(?P<mmonth>{MONTHS})\s+(?P<mday>\d{{1,2}})"
        r"(?:st|nd|rd|th)?\b)(?:,?\s+(?P<dyear>20\d\d))?(?!\s*[\d:%])"
        rf"|\b(?P<wday>{WEEKDAY})\b(?!\s*,?\s*\d)"
        r"|\b(?P<week>(?i:this|next|the\s+coming)\s+week)\b(?![’']s)"
    ),
    re.compile(
        rf"\b(?P<mprep>(?i:by|before|until|in|during))\s+(?:the\s+end\s+of\s+)?"
        rf"(?P<label>{MONTHS}\s+(?:\d{{1,2}},?\s+)?20\d\d)\b"
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
        rf"\b{_NEXT}\s+(?P<label>{UNIT})\b",
        re.I,
    ),
    re.compile(rf"\b(?:within|in)\s+(?P<label>{_SPAN}\s+{UNIT})\b", re.I),
    re.compile(r"\b(?P<label>(?:next|this)\s+year)\b", re.I),
    re.compile(r"\b(?P<label>near\s+future|near[- ]term)\b", re.I),
    re.compile(r"\b(?P<today>later\s+today|today|tonight|this\s+(?:afternoon|evening))\b", re.I),
    re.compile(
        r"\b(?:(?:in|across|during|throughout|through|over)\s+(?:the\s+rest\s+of\s+|all\s+of\s+)?"
        r"|(?:a|an)\s+(?=20\d\d\s+[a-z]))(?P<year>20\d\d)\b(?!\s*[-–])"
    ),
    # "in March" (no year, not "in March's survey"): the next March; least specific, so last
    re.compile(
        rf"\b(?i:in|by|before|until)\s+(?i:early\s+|late\s+|mid-?)?(?P<month>{MONTHS})\b"
        r"(?!\s*,?\s*\d|[’']s)"
    ),
]


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
    if re.fullmatch(UNIT, label):  # "in the next year": 1 year; "the coming weeks"
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


_HEADING_RANGE = re.compile(rf"\(([^()]*\d[^()]*{UNIT}[^()]*)\)", re.I)
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


def mostly_horizon(heading: str) -> bool:
    """True when a heading is little more than its horizon ("Outlook for the next 12 months").

    A title that mentions a horizon among other words ("Invasion Odds by 2030: An
    Assessment") is the article's subject, not a section of forecasts for that horizon.
    """
    text = _HEADING_RANGE.sub(" ", heading.replace("–", "-").replace("—", "-"))
    text = _HEADING_TERM.sub(" ", text)
    for pattern in _HORIZONS:
        text = pattern.sub(" ", text)
    return len(re.findall(r"[A-Za-z]+", text)) <= _HEADING_WORDS
