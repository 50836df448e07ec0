"""`extract` on forms the seed articles never showed (issue 18), each on a sentence of our own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forecastbook.extract import rules as ex
from forecastbook.extract.claims import find_claims
from forecastbook.extract.reading import NotAnArticle, decode_article, language_warning

PUBLISHED = date(2026, 1, 15)


def drafts(text: str, published: date = PUBLISHED) -> list[tuple[str, float]]:
    return [
        (d.question, d.predictions[0].p)
        for d in ex.extract(text, ref="a.txt", published=published)
        if d.predictions
    ]


# -- 1. stated probabilities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        ("We see a 60% likelihood of a snap election over the next six months.",
         "Will there be a snap election over the next six months?", 0.6),
        ("Likelihood of a port strike by end of year: 85%",
         "Will there be a port strike by end of year?", 0.85),
        ("There is a 30 per cent chance that the mayor will resign by 2027.",
         "Will the mayor resign by 2027?", 0.3),
        ("The probability of the union calling a strike in 2026 is estimated at 30-40%.",
         "Will the union call a strike in 2026?", 0.35),
        ("Analysts give a one-in-four chance of a rate cut in 2026.",
         "Will there be a rate cut in 2026?", 0.25),
    ],
)  # fmt: skip
def test_stated_probability_is_used(sentence: str, question: str, p: float) -> None:
    assert drafts(sentence) == [(question, p)]


def test_a_range_gives_its_midpoint_and_says_so() -> None:
    (draft,) = ex.extract(
        "The probability of a coup by 2027 is put at 20-30%.", ref="a", published=PUBLISHED
    )
    assert draft.predictions[0].p == 0.25
    assert draft.predictions[0].note == "from the text: 20-30% (the midpoint of the range)"


def test_probability_in_the_next_sentence_belongs_to_the_scenario() -> None:
    text = "1. The ferry company goes bankrupt. The probability is 15%\n"
    assert drafts(text) == [("Will the ferry company go bankrupt by 15 January 2027?", 0.15)]


def test_a_percentage_that_is_not_a_probability_is_not_one() -> None:
    (draft,) = ex.extract("GDP will grow 2.5% in 2026.", ref="a", published=PUBLISHED)
    assert draft.predictions[0].p == 0.85


# -- 2. stance and polarity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        ("We doubt that the sanctions will force a change of course.",
         "Will the sanctions force a change of course by 15 January 2027?", 0.32),
        ("We don't think the regime will collapse this year.",
         "Will the regime collapse this year?", 0.25),
        ("We expect the strike to not spread beyond the capital.",
         "Will the strike spread beyond the capital by 15 January 2027?", 0.25),
        ("An invasion in 2026 is unlikely.", "Will there be an invasion in 2026?", 0.32),
        ("No permanent ceasefire will be reached within one year.",
         "Will a permanent ceasefire be reached within one year?", 0.15),
        ("Although we do not expect a blockade of the strait, it remains a risk.",
         "Will there be a blockade of the strait by 15 January 2027?", 0.25),
    ],
)  # fmt: skip
def test_the_question_asks_about_the_event_and_p_carries_the_stance(
    sentence: str, question: str, p: float
) -> None:
    assert drafts(sentence) == [(question, p)]


# -- 3. line wraps and headlines -------------------------------------------------------------

WRAPPED = """The outlook

Officials in the capital said on Monday that the government is unlikely to use force against
the protesters, and that the talks will resume in the spring after the holidays are over and
done with for the year.
"""


def test_a_sentence_wrapped_across_lines_is_read_whole_with_its_first_line() -> None:
    found = find_claims(WRAPPED, published=PUBLISHED)
    assert [c.line for c in found] == [3, 3]
    assert found[0].quote.endswith("unlikely to use force against the protesters")
    assert drafts(WRAPPED) == [
        ("Will the government use force against the protesters by 15 January 2027?", 0.32),
        ("Will the talks resume in the spring after the holidays are over and done with for "
         "the year by 15 January 2027?", 0.85),
    ]  # fmt: skip


def test_each_sentence_reports_the_line_it_starts_on() -> None:
    text = (
        "The committee met for a long time on Tuesday and it argued about the plan all day.\n"
        "It rejected it. Prices will rise next year, and rents will follow them higher soon.\n"
    )
    assert [c.line for c in find_claims(text, published=PUBLISHED)] == [2, 2]


def test_a_headline_that_predicts_is_a_claim() -> None:
    # words the article uses in lowercase are not names ("truce", "terms"); "Moscow" is
    text = "Experts: Moscow Won't Accept Truce Terms\n\nThe truce terms went to Moscow.\n"
    assert drafts(text) == [("Will Moscow accept truce terms by 15 January 2027?", 0.15)]


def test_a_heading_that_does_not_predict_is_still_a_heading() -> None:
    assert drafts("Background\n\nThe port was built in 1990.\n") == []


# -- 4. structure, not phrases, removes furniture --------------------------------------------


def test_inverted_conditional_is_not_advice() -> None:
    found = find_claims(
        "Should this occur, the deal is highly likely to break down.", published=PUBLISHED
    )
    assert [(c.antecedent, c.probability) for c in found] == [("this occur", 0.88)]


def test_html_furniture_goes_by_element_and_class() -> None:
    page = (
        "<html><body><div class='site-nav'><p>Markets will crash, says the menu.</p></div>"
        "<article><p>Rates will rise by 2027.</p>"
        "<p><a href='/x'>Why rents will fall</a></p></article>"
        "<div class='related-posts'><p>Oil will spike.</p></div></body></html>"
    )
    assert [c.quote for c in find_claims(page, published=PUBLISHED)] == ["Rates will rise by 2027."]


# -- 5. facts, adjectives and nouns ----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "It is likely that these losses made talks more attractive.",
        "The administration recently threatened to cut aid.",
        "Officials discussed the likely responses at length.",
        "The coalition lacks the political will to act.",
        "In the early 2000s, experts said the town could double in size.",
    ],
)
def test_facts_and_look_alike_words_give_no_draft(sentence: str) -> None:
    assert drafts(sentence) == []


# -- 6. two claims in one sentence -----------------------------------------------------------


def test_two_claims_in_one_sentence_give_two_drafts() -> None:
    found = drafts(
        "The rains may slow the advance, but the army is highly unlikely to halt the offensive."
    )
    assert found == [
        ("Will the rains slow the advance by 15 January 2027?", 0.35),
        ("Will the army halt the offensive by 15 January 2027?", 0.12),
    ]


# -- 7. questions ----------------------------------------------------------------------------


def test_a_claim_the_rules_cannot_rephrase_says_so() -> None:
    (draft,) = ex.extract(
        "Though hard to say, as both sides tire it will, eventually.", ref="a", published=PUBLISHED
    )
    assert draft.question.startswith("Will this come true: ")
    assert draft.criteria is not None
    assert "could not rephrase this claim" in draft.criteria


# -- 8. horizons relative to publication -----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "published", "resolve_by"),
    [
        ("A deal is likely in 2026.", date(2026, 1, 15), date(2026, 12, 31)),
        ("Prices will rise across 2026.", date(2026, 1, 15), date(2026, 12, 31)),
        ("Prices will rise by the end of the year.", date(2026, 3, 1), date(2026, 12, 31)),
        ("Gas may run short this winter.", date(2025, 10, 1), date(2026, 2, 28)),
        ("Talks may collapse over the next six months.", date(2026, 1, 15), date(2026, 7, 15)),
        ("Shipping may stop within the next 72 hours.", date(2026, 1, 15), date(2026, 1, 18)),
    ],
)
def test_horizons_are_counted_from_publication(
    sentence: str, published: date, resolve_by: date
) -> None:
    (draft,) = ex.extract(sentence, ref="a", published=published)
    assert draft.resolve_by == resolve_by


def test_a_past_fact_in_the_current_year_is_not_a_horizon_claim() -> None:
    assert drafts("Prices rose in 2026.") == []


# -- 9. size and input -----------------------------------------------------------------------


def test_near_repeats_dropped_and_distinct_claims_kept() -> None:
    distinct = " ".join(f"Region {i} will build {i} new schools." for i in range(300))
    repeated = "The port will reopen in May. " * 50
    found = find_claims(distinct + " " + repeated, published=PUBLISHED)
    assert len(found) == 301


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "this is a PDF, not text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image, not text"),
        (b"ELF\x00\x01\x02 will rise", "this is a binary file, not text"),
        (b"Prices will rise.\nLe caf\xe9 fermera.\n", "line 2: not valid UTF-8 (byte 0xe9)"),
    ],
)
def test_input_that_is_not_utf8_text_is_a_clear_error(data: bytes, says: str) -> None:
    with pytest.raises(NotAnArticle, match=r"^a\.txt: ") as err:
        decode_article(data, "a.txt")
    assert says in str(err.value)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "this is a PDF, not text"),
        (b"Prices will rise.\nLe caf\xe9 fermera.\n", "not valid UTF-8"),
    ],
)
def test_cli_refuses_a_pdf_or_non_utf8_file_in_one_line(
    fb, tmp_path: Path, data: bytes, says: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    result = fb("extract", str(path), "--published", "2025-03-01")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: ")
    assert says in result.stderr
    assert result.stderr.count("\n") == 1


def test_non_english_text_gets_a_warning() -> None:
    german = "Die Regierung wird die Steuern im nächsten Jahr erhöhen, sagen die Experten."
    assert ex.article_warnings(german, "a.txt") == [
        "a.txt: the text does not look like English (0% common English words); "
        "extract only knows English forecasting language"
    ]
    assert ex.article_warnings("The government will raise taxes next year.", "a.txt") == []
    assert language_warning("ok") is None


def test_an_event_horizon_is_named_in_the_criteria() -> None:
    (draft,) = ex.extract(
        "The coalition will collapse before the election.", ref="a", published=PUBLISHED
    )
    assert draft.resolve_by == date(2027, 1, 15)
    assert draft.criteria is not None
    assert "The claim's horizon is an event ('before the election')" in draft.criteria


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        ("Few expect the talks to produce a breakthrough.",
         "Will the talks produce a breakthrough by 15 January 2027?", 0.25),
        ("There is a strong chance that inflation falls below 3% by December 2026.",
         "Will inflation fall below 3% by December 2026?", 0.68),
        ("We assign a 25% probability to a recession in 2026.",
         "Will there be a recession in 2026?", 0.25),
        ("In our view, the odds of a snap election this year are about one in three.",
         "Will there be a snap election this year?", 0.333),
        ("Expect the government to announce new sanctions within weeks.",
         "Will the government announce new sanctions within weeks?", 0.75),
        ("Beijing will almost certainly retaliate with tariffs of its own.",
         "Will Beijing retaliate with tariffs of its own by 15 January 2027?", 0.97),
        ("The risk of a default within 12 months has risen to 40%, analysts said.",
         "Will there be a default within 12 months?", 0.4),
    ],
)  # fmt: skip
def test_more_forms_of_forecasting_language(sentence: str, question: str, p: float) -> None:
    assert drafts(sentence) == [(question, p)]


@pytest.mark.parametrize(
    ("sentence", "resolve_by"),
    [
        ("The president may resign before 2027.", date(2026, 12, 31)),
        ("A rate cut is likely in March.", date(2026, 3, 31)),
        ("A deal may come by mid-2027.", date(2027, 6, 30)),
        ("Growth will slow in the second half of 2026.", date(2026, 12, 31)),
        ("Exports may fall in the first quarter of 2026.", date(2026, 3, 31)),
        ("A ceasefire seems increasingly unlikely before the spring.", date(2026, 2, 28)),
    ],
)
def test_more_horizons(sentence: str, resolve_by: date) -> None:
    (draft,) = ex.extract(sentence, ref="a", published=PUBLISHED)
    assert draft.resolve_by == resolve_by


def test_several_numbers_for_one_event_give_one_draft_each() -> None:
    text = (
        "Panelists put the odds of a recession starting in the second half of 2026 at 5%, "
        "rising to 21% by the first half of 2027 and 43% by the end of next year."
    )
    assert [(q, p) for q, p in drafts(text)] == [
        ("Will there be a recession starting in the second half of 2026?", 0.05),
        ("Will there be a recession by the first half of 2027?", 0.21),
        ("Will there be a recession by the end of next year?", 0.43),
    ]


def test_a_headline_with_two_predictions_and_no_copula() -> None:
    text = "Moscow Unlikely To Accept Truce Terms, Counteroffer Likely\n\nThe truce terms leaked.\n"
    assert drafts(text) == [
        ("Will Moscow accept truce terms by 15 January 2027?", 0.32),
        ("Will there be a counteroffer by 15 January 2027?", 0.68),
    ]


def test_a_likelihood_line_under_a_numbered_item_is_its_probability() -> None:
    text = "Key judgments\n\n1. Russia will launch a spring offensive\nLikelihood: 85%\n"
    (draft,) = ex.extract(text, ref="a", published=PUBLISHED)
    assert (draft.question, draft.predictions[0].p) == (
        "Will Russia launch a spring offensive by 15 January 2027?",
        0.85,
    )
    assert draft.predictions[0].note == "from the text: 85%"


def test_a_likelihood_in_brackets_is_the_probability() -> None:
    assert drafts("The regime will likely survive through 2026 (Likelihood: 80%).") == [
        ("Will the regime survive through 2026?", 0.8)
    ]


def test_an_expected_noun_is_a_claim_of_its_own() -> None:
    text = "Officials expect a counteroffer from Moscow and the talks may resume in the spring."
    assert drafts(text) == [
        ("Will there be a counteroffer from Moscow by 15 January 2027?", 0.75),
        ("Will the talks resume in the spring by 15 January 2027?", 0.35),
    ]


def test_a_sentence_in_an_html_paragraph_keeps_its_own_source_line() -> None:
    page = (
        "<html><body><article>\n<p>The port was closed for a week.\n"
        "The council will reopen it\nby 2027. Rents may fall.</p>\n</article></body></html>\n"
    )
    found = find_claims(page, published=PUBLISHED)
    assert [(c.line, c.quote) for c in found] == [
        (3, "The council will reopen it by 2027."),
        (4, "Rents may fall."),
    ]


def test_pronoun_subjects_take_the_noun_they_stand_for() -> None:
    text = (
        "The opposition could gain ten seats, but it is very unlikely to win outright. "
        "The central bank has said it will not intervene."
    )
    found = ex.extract(text, ref="a", published=PUBLISHED)
    assert [(d.question, d.predictions[0].p) for d in found] == [
        ("Will the opposition gain ten seats by 15 January 2027?", 0.35),
        ("Will the opposition win outright by 15 January 2027?", 0.12),
        ("Will the central bank intervene by 15 January 2027?", 0.15),
    ]
    assert found[1].source is not None
    assert found[1].source.quote == "it is very unlikely to win outright."


def test_a_byline_date_is_the_publication_date() -> None:
    text = "Preview\n\nBy Jane Smith | 3 March 2026\n\nThe incumbent is widely expected to win.\n"
    (draft,) = ex.extract(text, ref="a")
    assert draft.created == date(2026, 3, 3)
    assert draft.question == "Will the incumbent win by 3 March 2027?"


def test_read_article_refuses_devices_and_fifos(tmp_path) -> None:
    import os

    from forecastbook.errors import ForecastbookError
    from forecastbook.extract.rules import read_article

    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, tmp_path):
        with pytest.raises(ForecastbookError, match=r"not a regular file|cannot read"):
            read_article(path)


def test_extract_reports_progress_over_the_articles_blocks() -> None:
    from forecastbook.extract.rules import extract

    calls: list[tuple[int, int]] = []
    text = "\n\n".join(f"Paragraph {i}. Prices will rise by {2030 + i}." for i in range(5))
    drafts = extract(
        text, ref="a.txt", published=date(2025, 1, 1), progress=lambda d, t: calls.append((d, t))
    )
    assert drafts
    assert calls[-1][0] == calls[-1][1] == len(calls)
