"""The shipped book in `forecasts/`: valid, sourced, and scored only on what the sources said.

The book is the tool's default and the README's main command runs on it, so it must stay a
careful book:

- every question has criteria an outsider can apply and a source: one of the article texts
  shipped in `articles/` (so a fresh clone can open it), with a short quote found on its line;
- a source forecast (`article:<file>` or `reader:<name>`) is recorded only where the quoted
  wording has probability language, with the probability `forecastbook.words` gives it; an
  unhedged prediction ("X will happen") gets the table's "will" and says so. A question whose
  source gives no probability carries no source forecast, and a comment says why;
- every resolution names its evidence: a source and a date;
- an open question past its resolve-by date says, in a comment, why it is still open.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from forecastbook.book import questions as book
from forecastbook.book import store
from forecastbook.extract import words
from forecastbook.format.models import Forecast

ROOT = Path(__file__).parent.parent
BOOK = ROOT / "forecasts"
ARTICLES = ROOT / "articles"

MAX_QUOTE_WORDS = 30
SOURCE_FORECASTER = re.compile(r"^(article:[0-9]{3}_[0-9a-f]{16}|reader:[\w-]+)$")
NOTE_PHRASE = re.compile(r"^phrase: (?P<phrase>.+?) \(words table (?P<p>[0-9.]+)\)")
SCENARIO_GROUPS = ("feb-2025-short-term", "feb-2025-mid-term", "feb-2025-long-term")
NO_FORECAST_COMMENT = re.compile(r"^# No source forecast: \S", re.MULTILINE)
STILL_OPEN_COMMENT = re.compile(r"^# Still open: \S", re.MULTILINE)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
A_DATE = re.compile(rf"\b(?:\d{{1,2}} (?:{MONTHS}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")


def _load() -> list[Forecast]:
    loaded = store.load_book(BOOK)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    return sorted(loaded.forecasts, key=lambda f: f.id)


FORECASTS = _load()
BY_ID = {f.id: f for f in FORECASTS}
RESOLVED = [f for f in FORECASTS if f.resolution is not None]
CONDITIONAL = [f for f in FORECASTS if f.condition is not None]
OVERDUE = [
    f
    for f in FORECASTS
    if f.resolution is None and f.resolve_by is not None and f.resolve_by < date.today()
]


def _ids(forecasts: list[Forecast]) -> list[str]:
    return [f.id for f in forecasts]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _text(forecast: Forecast) -> str:
    return (BOOK / f"{forecast.id}.yaml").read_text(encoding="utf-8")


def _source_predictions(forecast: Forecast) -> list:
    return [p for p in forecast.predictions if SOURCE_FORECASTER.match(p.by)]


def test_book_validates_without_problems() -> None:
    count, problems = book.validate(BOOK)
    assert problems == [], "\n".join(str(p) for p in problems)
    assert count == len(list(BOOK.glob("*.yaml"))) == len(FORECASTS)
    assert count >= 30


def test_file_names_are_ids() -> None:
    assert sorted(p.stem for p in BOOK.glob("*.yaml")) == sorted(BY_ID)


def test_scenario_groups_of_the_february_2025_forecast_are_present() -> None:
    groups = {f.group for f in FORECASTS}
    assert set(SCENARIO_GROUPS) <= groups


def test_the_articles_ship_with_the_book() -> None:
    refs = {f.source.ref for f in FORECASTS if f.source is not None}
    assert len(refs) == 5
    for ref in refs:
        assert (ROOT / ref).is_file(), f"{ref} is not in the repository"


def test_articles_readme_gives_the_date_each_article_is_read_at() -> None:
    readme = (ARTICLES / "README.md").read_text(encoding="utf-8")
    for forecast in FORECASTS:
        assert forecast.source is not None
        stem = Path(forecast.source.ref).stem
        rows = [line for line in readme.splitlines() if line.startswith(f"| `{stem}.txt`")]
        assert len(rows) == 1, f"no row for {stem} in articles/README.md"
        assert f"`{forecast.source.published.isoformat()}`" in rows[0], forecast.id


@pytest.mark.parametrize("forecast", FORECASTS, ids=_ids(FORECASTS))
def test_question_is_sourced_and_checkable(forecast: Forecast) -> None:
    assert not forecast.draft
    assert forecast.criteria and len(forecast.criteria.split()) >= 15, "criteria too thin"
    assert forecast.resolve_by is not None and forecast.horizon
    assert forecast.tags
    src = forecast.source
    assert src is not None
    assert re.fullmatch(r"articles/[0-9]{3}_[0-9a-f]{16}\.txt", src.ref)
    assert src.published == forecast.created
    assert src.quote and len(src.quote.split()) <= MAX_QUOTE_WORDS
    assert src.line is not None
    assert _normal(src.quote).lower() not in _normal(forecast.question).lower(), (
        "the question must be in our own words, not the article's sentence"
    )


@pytest.mark.parametrize("forecast", FORECASTS, ids=_ids(FORECASTS))
def test_quote_is_in_the_article_at_its_line(forecast: Forecast) -> None:
    src = forecast.source
    assert src is not None and src.quote and src.line
    lines = (ROOT / src.ref).read_text(encoding="utf-8").splitlines()
    assert src.line <= len(lines)
    assert _normal(src.quote) in _normal(lines[src.line - 1]), (
        f"quote not found on line {src.line} of {src.ref}"
    )


@pytest.mark.parametrize("forecast", FORECASTS, ids=_ids(FORECASTS))
def test_source_forecast_only_where_the_wording_gives_one(forecast: Forecast) -> None:
    assert forecast.source is not None and forecast.source.quote
    quote = forecast.source.quote
    own = _source_predictions(forecast)
    has_comment = NO_FORECAST_COMMENT.search(_text(forecast)) is not None
    if not own:
        assert has_comment, "no source forecast: say why ('# No source forecast: ...')"
        return
    assert not has_comment, "the file says it has no source forecast, but it has one"
    stem = Path(forecast.source.ref).stem
    for pred in own:
        if pred.by.startswith("article:"):
            assert pred.by == f"article:{stem}"
        assert pred.at.date() == forecast.created, "the source predicts on its publication date"
        assert pred.note, "the note must name the phrase used"
        match = NOTE_PHRASE.match(pred.note)
        assert match, f"note should start 'phrase: ... (words table P)': {pred.note[:60]!r}"
        phrase = match["phrase"]
        assert phrase in words.WORDS, f"phrase {phrase!r} is not in words.WORDS"
        assert re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", quote, re.IGNORECASE), (
            f"{phrase!r} is not in the quote: the forecast must come from the quoted wording"
        )
        # The table's own reading of the quote (no phrase: no number at all).
        assert words.probability_of(quote, default=-1.0) == pytest.approx(pred.p), (
            f"the quote reads as {words.probability_of(quote, default=-1.0)} in the words "
            f"table, the book says {pred.p}; regenerate the source forecasts after changing it"
        )
        assert float(match["p"]) == pytest.approx(pred.p)
        if phrase == "will":
            assert "unhedged" in pred.note, "a bare 'will' is noted as an unhedged prediction"


@pytest.mark.parametrize("forecast", RESOLVED, ids=_ids(RESOLVED))
def test_resolution_names_its_evidence(forecast: Forecast) -> None:
    res = forecast.resolution
    assert res is not None
    assert res.by and res.evidence and len(res.evidence.split()) >= 8
    assert A_DATE.search(res.evidence), "the evidence gives the date of its source"
    assert "README" not in res.evidence, "cite the primary or major source, not a README"
    assert forecast.created <= res.at.date() <= date.today()
    assert forecast.resolve_by is None or res.at.date() <= forecast.resolve_by
    if forecast.condition is not None:
        target = BY_ID[forecast.condition.id]
        assert target.resolution is not None, "resolve the condition question too"


@pytest.mark.parametrize("forecast", OVERDUE, ids=_ids(OVERDUE))
def test_open_question_past_its_date_says_why(forecast: Forecast) -> None:
    assert STILL_OPEN_COMMENT.search(_text(forecast)), (
        "resolve it with evidence, or say why it is still open ('# Still open: ...')"
    )


@pytest.mark.parametrize("forecast", CONDITIONAL, ids=_ids(CONDITIONAL))
def test_condition_points_at_an_existing_question(forecast: Forecast) -> None:
    cond = forecast.condition
    assert cond is not None
    assert cond.id in BY_ID
    assert cond.outcome in BY_ID[cond.id].outcomes()
    assert cond.id in (forecast.criteria or ""), "criteria should say what the question hangs on"
