"""The shipped book in `forecasts/`: valid, sourced, and consistent with the words table.

The book is the tool's default and the README's main command runs on it, so it must stay a
careful book: every question has criteria an outsider can apply, a source with a short quote,
the source's own prediction (at the article's date, with the probability its wording gives in
`forecastbook.words`), and every resolution names its evidence. Where `../shared/articles`
exists beside the repository (as in CI), the quotes are also checked against the articles.
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
ARTICLES = ROOT.parent / "shared" / "articles"

MAX_QUOTE_WORDS = 30
SOURCE_FORECASTER = re.compile(r"^(article:[0-9]{3}_[0-9a-f]{16}|reader:[\w-]+)$")
NOTE_PHRASE = re.compile(r"^phrase: (?P<phrase>.+?) \((?:words table|table default) [0-9.]+\)")
SCENARIO_GROUPS = ("feb-2025-short-term", "feb-2025-mid-term", "feb-2025-long-term")


def _load() -> list[Forecast]:
    loaded = store.load_book(BOOK)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    return sorted(loaded.forecasts, key=lambda f: f.id)


FORECASTS = _load()
BY_ID = {f.id: f for f in FORECASTS}
RESOLVED = [f for f in FORECASTS if f.resolution is not None]
CONDITIONAL = [f for f in FORECASTS if f.condition is not None]


def _ids(forecasts: list[Forecast]) -> list[str]:
    return [f.id for f in forecasts]


def _normal(text: str) -> str:
    return " ".join(text.split())


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


PREMISES = {f.condition.id for f in FORECASTS if f.condition is not None}


@pytest.mark.parametrize("forecast", FORECASTS, ids=_ids(FORECASTS))
def test_source_prediction_follows_the_words_table(forecast: Forecast) -> None:
    assert forecast.source is not None
    stem = Path(forecast.source.ref).stem
    own = [p for p in forecast.predictions if SOURCE_FORECASTER.match(p.by)]
    if forecast.id in PREMISES and not own:
        # A premise the source states only as an "if" carries no forecast of its own:
        # inventing one (the table's 0.5 default) would score the article on a claim it
        # never made.
        return
    assert own, "no prediction by the article (article:<file>) or a reader (reader:<name>)"
    for pred in own:
        if pred.by.startswith("article:"):
            assert pred.by == f"article:{stem}"
        assert pred.at.date() == forecast.created, "the source predicts on its publication date"
        assert pred.note, "the note must name the phrase used"
        match = NOTE_PHRASE.match(pred.note)
        assert match, f"note should start 'phrase: ...': {pred.note[:60]!r}"
        phrase = match["phrase"]
        expected = words.DEFAULT_PROBABILITY if phrase == "none" else words.WORDS.get(phrase)
        assert expected is not None, f"phrase {phrase!r} is not in words.WORDS"
        assert pred.p == pytest.approx(expected), (
            f"{phrase!r} gives {expected} in the words table, the book says {pred.p}; "
            "regenerate the article predictions after changing the table"
        )


@pytest.mark.parametrize("forecast", RESOLVED, ids=_ids(RESOLVED))
def test_resolution_names_its_evidence(forecast: Forecast) -> None:
    res = forecast.resolution
    assert res is not None
    assert res.by and res.evidence and len(res.evidence.split()) >= 8
    assert forecast.created <= res.at.date() <= date.today()
    assert forecast.resolve_by is None or res.at.date() <= forecast.resolve_by
    if forecast.condition is not None:
        target = BY_ID[forecast.condition.id]
        assert target.resolution is not None, "resolve the condition question too"


@pytest.mark.parametrize("forecast", CONDITIONAL, ids=_ids(CONDITIONAL))
def test_condition_points_at_an_existing_question(forecast: Forecast) -> None:
    cond = forecast.condition
    assert cond is not None
    assert cond.id in BY_ID
    assert cond.outcome in BY_ID[cond.id].outcomes()
    assert cond.id in (forecast.criteria or ""), "criteria should say what the question hangs on"


needs_articles = pytest.mark.skipif(
    not ARTICLES.is_dir(), reason="../shared/articles is not beside the repository"
)


@needs_articles
@pytest.mark.parametrize("forecast", FORECASTS, ids=_ids(FORECASTS))
def test_quote_is_in_the_article_at_its_line(forecast: Forecast) -> None:
    src = forecast.source
    assert src is not None and src.quote and src.line
    path = ARTICLES / Path(src.ref).name
    assert path.is_file(), f"no article {path.name}"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert src.line <= len(lines)
    assert _normal(src.quote) in _normal(lines[src.line - 1]), (
        f"quote not found on line {src.line} of {path.name}"
    )
