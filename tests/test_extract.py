"""`forecastbook extract`: each rule on short sentences of our own, the CLI, HTML, determinism."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from forecastbook.book.questions import add_drafts
from forecastbook.errors import BadInput
from forecastbook.extract import rules as ex
from forecastbook.extract import stance, words
from forecastbook.extract.blocks import article_blocks
from forecastbook.extract.claims import Claim, find_claims
from forecastbook.extract.horizons import horizon_in
from forecastbook.extract.questions import antecedent_question, as_question, lowercase_vocabulary
from forecastbook.format.models import Forecast

ARTICLES = Path(__file__).resolve().parents[1] / "articles"  # shipped with the book
LABELS = Path(__file__).parent / "data" / "extract_labels"
PUBLISHED = date(2025, 3, 1)


def clauses(text: str) -> list[str]:
    return [c.quote for c in find_claims(text, published=PUBLISHED)]


def one(text: str) -> Claim:
    found = find_claims(text, published=PUBLISHED)
    assert len(found) == 1, found
    return found[0]


# -- what counts as a prediction -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The council will approve the budget.",
        "The council won't approve the budget.",
        "The bakery is set to open a second shop.",
        "The river is expected to flood the lower town.",
        "The mayor is going to resign.",
        "The company plans to cut prices.",
        "The union threatened to strike over the winter.",
        "Rents may climb again.",
        "The striker might leave the club.",
        "A drought could hit the harvest.",
        "The bridge is likely to reopen soon.",
        "Chances are the festival sells out.",
        "There is a real risk that the dam fails.",
        "I predict that the coalition breaks up.",
        "The firm will probably miss its target.",
    ],
)
def test_forecasting_language_is_found(sentence: str) -> None:
    assert clauses(sentence) == [sentence]


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("The council approved the budget on Monday.", "a past event"),
        ("Prices rose by four percent in 2024.", "a fact with a past year"),
        ("Will the council approve the budget?", "a question to the reader"),
        ("Consider how the vote will change the town.", "an imperative"),
        ("The following section will examine the budget.", "the text about itself"),
        ("Whether the plan will work is anyone's guess.", "an indirect question"),
        ("The town would have flooded without the wall.", "a counterfactual past"),
        ("The mayor aims to cut waste.", "a stated purpose"),
        ("Their long-term plan to cut waste is popular.", "the noun 'plan'"),
        ("While the plan may sound odd, it has support.", "a concessive clause"),
        ("The figures may be perceived as a warning.", "a modal on a verb of state"),
        ("Cities must act to reduce the risk of floods.", "advice"),
        ("The firm was growing, possibly too fast.", "a hedge on a past event"),
        ("Whether the plan would work was never asked.", "'would' outside a conditional"),
    ],
)
def test_non_forecasts_are_skipped(sentence: str, why: str) -> None:
    assert clauses(sentence) == [], why


@pytest.mark.parametrize(
    "page",
    [
        "Reply",
        "Like",
        "12 Comments",
        "3 days ago",
        "Leave a Reply",
        "Home » News » Markets will rise",
        "Jane Doe on",
        "This site uses Akismet to reduce spam.",
        "Please support us by disabling your adblocker; we will thank you.",
    ],
)
def test_page_boilerplate_is_skipped(page: str) -> None:
    assert clauses(page) == []


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("This site uses Akismet to reduce spam. Prices will rise.", "Prices will rise."),
        (
            "Russia will likely attack again in 2026, the ministry's newsletter reported.",
            "Russia will likely attack again in 2026, the ministry's newsletter reported.",
        ),
    ],
)
def test_furniture_is_dropped_by_sentence_not_by_line(page: str, kept: str) -> None:
    assert clauses(page) == [kept]


def test_navigation_after_a_related_posts_heading_is_skipped() -> None:
    text = "Prices will rise.\n\nRecent Posts\n\nWhy rents will fall\n\nRents will fall as…\n"
    assert clauses(text) == ["Prices will rise."]


def test_repeated_paragraph_is_reported_once() -> None:
    text = "The port will reopen in May.\n\nAgain:\n\nThe port will reopen in May.\n"
    assert clauses(text) == ["The port will reopen in May."]


# -- horizons, groups, conditions, probability -----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Europe will spend more by 2027.", "by 2027"),
        ("A deal may come by the end of 2026.", "by 2026"),
        ("Rates could fall by June 2026.", "by June 2026"),
        ("Talks may resume in the coming months.", "coming months"),
        ("A truce could hold within a year.", "a year"),
        ("Turnout will rise over the next five years.", "five years"),
        ("The plant will close next year.", "next year"),
        ("The plant may close in 2030.", "by 2030"),
    ],
)
def test_horizon_phrases(sentence: str, label: str) -> None:
    assert one(sentence).horizon == label


def test_horizon_heading_governs_the_list_under_it() -> None:
    text = (
        "Outlook\n"
        "Short-Term (6-12 months):\n"
        "- Prices will rise.\n"
        "- Wages stay flat.\n"
        "Long-Term (3+ years):\n"
        "- Rents may fall.\n"
        "Conclusion\n"
        "Rates could rise.\n"
    )
    found = find_claims(text, published=PUBLISHED)
    assert [(c.quote, c.horizon, c.group) for c in found] == [
        ("Prices will rise.", "6-12 months", "Short-Term (6-12 months)"),
        ("Wages stay flat.", "6-12 months", "Short-Term (6-12 months)"),
        ("Rents may fall.", "3+ years", "Long-Term (3+ years)"),
        ("Rates could rise.", None, None),
    ]


@pytest.mark.parametrize(
    ("sentence", "antecedent", "clause", "outcome"),
    [
        ("If the bank cuts rates, house prices will rise.", "the bank cuts rates",
         "house prices will rise.", "yes"),
        ("Should the talks fail, the strike may spread.", "the talks fail",
         "the strike may spread.", "yes"),
        ("Unless it rains soon, the crop will fail.", "it rains soon", "the crop will fail.",
         "no"),
        ("The club will be relegated if it loses on Sunday.", "it loses on Sunday",
         "The club will be relegated", "yes"),
        ("If the bill passes, it would cut taxes.", "the bill passes", "it would cut taxes.",
         "yes"),
    ],
)  # fmt: skip
def test_conditionals(sentence: str, antecedent: str, clause: str, outcome: str) -> None:
    claim = one(sentence)
    assert (claim.antecedent, claim.clause, claim.antecedent_outcome) == (
        antecedent,
        clause,
        outcome,
    )


def test_even_if_is_not_a_condition() -> None:
    assert one("The club will win even if it plays badly.").antecedent is None


def test_probability_comes_from_the_words_table() -> None:
    assert one("The firm will probably miss its target.").probability == 0.68
    assert one("Rents may climb again.").probability == 0.35
    assert one("The council won't approve the budget.").probability == 0.15
    # "certain" as a determiner is not certainty
    assert one("Certain members may leave the group.").probability == 0.35


# -- questions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "question"),
    [
        ("European leaders will demand stronger commitments.",
         "Will European leaders demand stronger commitments?"),
        ("Critics argue that the merger could raise prices.", "Will the merger raise prices?"),
        ("They plan to raise spending to 2.5% of GDP.",
         "Will they raise spending to 2.5% of GDP?"),
        ("With costs rising, the next few months will be hard for farmers.",
         "Will the next few months be hard for farmers?"),
        ("The rebels, however, may reject the offer.", "Will the rebels reject the offer?"),
        ("Strong pressure from lenders, such as banks, could force a sale.",
         "Will strong pressure from lenders force a sale?"),
    ],
)  # fmt: skip
def test_as_question(clause: str, question: str) -> None:
    vocabulary = lowercase_vocabulary("strong pressure")
    assert as_question(clause, vocabulary) == question


def test_as_question_falls_back_to_the_claim() -> None:
    assert as_question("Some say the prices rise and will stay high.") == (
        "Will this happen: the prices rise and will stay high?"
    )


@pytest.mark.parametrize(
    ("clause", "question"),
    [
        ("the bank cuts rates", "Will the bank cut rates?"),
        ("the talks fail", "Will the talks fail?"),
        ("the plan is approved", "Will the plan be approved?"),
        ("the city were to ban cars", "Will the city ban cars?"),
    ],
)
def test_antecedent_question(clause: str, question: str) -> None:
    assert antecedent_question(clause) == question


# -- drafts ----------------------------------------------------------------------------------


def test_drafts_validate_and_carry_source_group_and_condition() -> None:
    text = (
        "Forecast\n"
        "Short-Term (6-12 months):\n"
        "- If the bank cuts rates, house prices will rise.\n"
        "- The rent may fall.\n"
    )
    drafts = ex.extract(text, ref="notes/outlook.txt", published=PUBLISHED)
    assert [d.question for d in drafts] == [
        "Will the bank cut rates by 1 March 2026?",
        "Will house prices rise by 1 March 2026?",
        "Will the rent fall by 1 March 2026?",
    ]
    antecedent, prices, rents = drafts
    assert all(d.draft for d in drafts)
    assert all(Forecast.model_validate(d.model_dump()) == d for d in drafts)
    assert antecedent.predictions == []
    assert prices.condition is not None
    assert (prices.condition.id, prices.condition.outcome) == (antecedent.id, "yes")
    assert prices.group == rents.group == "outlook/short-term-6-12-months"
    assert prices.resolve_by == date(2026, 3, 1)
    assert prices.horizon == "6-12 months"
    assert prices.source is not None
    assert (prices.source.line, prices.source.quote, prices.source.published) == (
        3,
        "If the bank cuts rates, house prices will rise.",
        PUBLISHED,
    )
    assert prices.predictions[0].by == "article:outlook"
    assert prices.predictions[0].p == 0.85
    assert rents.predictions[0].p == 0.35


def test_default_horizon_is_one_year_and_said_in_criteria() -> None:
    (draft,) = ex.extract("The mayor is going to resign.", ref="a.txt", published=PUBLISHED)
    assert draft.resolve_by == date(2026, 3, 1)
    assert draft.horizon is None
    assert draft.criteria is not None and "names no horizon" in draft.criteria


def test_ids_are_unique_within_one_article() -> None:
    text = "Prices will rise in the city.\nIn the end, prices will rise in the city, they say.\n"
    drafts = ex.extract(text, ref="a.txt", published=PUBLISHED)
    ids = [d.id for d in drafts]
    assert len(ids) == len(set(ids))


def test_publication_date_found_in_the_text() -> None:
    text = "Outlook\nPublished: 3 March 2025\n\nPrices will rise.\n"
    (draft,) = ex.extract(text, ref="a.txt")
    assert draft.created == date(2025, 3, 3)


def test_missing_publication_date_is_a_clear_error() -> None:
    with pytest.raises(BadInput, match=r"no publication date found in a\.txt"):
        ex.extract("Prices will rise.", ref="a.txt")


def test_extract_is_deterministic() -> None:
    text = "If the bank cuts rates, prices will rise.\nRents may fall by 2027.\n"
    first = ex.render(ex.extract(text, ref="a.txt", published=PUBLISHED))
    second = ex.render(ex.extract(text, ref="a.txt", published=PUBLISHED))
    assert first == second
    assert first.startswith("---\nschema_version: 1\n")


# -- HTML and Markdown -----------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Outlook</title><script>var x = "prices will rise";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/x">Markets will crash says our sidebar</a></nav>
<article>
<h1>Markets outlook</h1>
<p>Analysts say prices <b>will</b> rise
by 2027.</p>
<p>Prices rose last year.</p>
<ul><li>Rents may fall &amp; wages may rise.</li></ul>
</article>
<footer>Rates will be cut, says the footer.</footer>
</body></html>
"""


def test_html_tags_scripts_and_navigation_are_stripped() -> None:
    found = find_claims(HTML, published=PUBLISHED)
    assert [(c.line, c.quote) for c in found] == [
        (7, "Analysts say prices will rise by 2027."),
        (10, "Rents may fall & wages may rise."),
    ]


def test_markdown_links_headings_and_lists() -> None:
    text = "# Outlook\n\n* Prices [will rise](https://example.com/x) **soon**.\n"
    assert clauses(text) == ["Prices will rise soon."]
    assert article_blocks(text)[0].heading


# -- CLI -------------------------------------------------------------------------------------

ARTICLE = """Town outlook

Short-Term (6-12 months):
- If the council cuts fees, visitor numbers will rise.
- Rents may fall.

Reply
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "town.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_prints_drafts_as_yaml(fb, article: Path, book_dir: Path) -> None:
    result = fb("extract", str(article), "--published", "2025-03-01")
    assert result.exit_code == 0, result.output
    docs = result.stdout.split("---\n")[1:]
    assert len(docs) == 3
    assert "draft: true" in docs[1]
    assert (
        "condition:\n  id: will-the-council-cut-fees-by-1-march-2026\n  outcome: 'yes'" in (docs[1])
    )
    assert "group: town/short-term-6-12-months" in docs[2]
    assert "by: article:town" in docs[2]
    assert list(book_dir.iterdir()) == []  # print mode writes nothing


def test_cli_write_adds_drafts_that_validate_and_accept_clears_them(
    fb, article: Path, book_dir: Path
) -> None:
    result = fb("extract", str(article), "--published", "2025-03-01", "--write", "--by", "me")
    assert result.exit_code == 0, result.output
    ids = result.stdout.split()
    assert len(ids) == 3
    assert "3 draft(s) added" in result.stderr
    assert sorted(p.stem for p in book_dir.glob("*.yaml")) == sorted(ids)
    assert fb("validate").exit_code == 0
    assert "draft: true" in (book_dir / f"{ids[2]}.yaml").read_text()
    assert fb("accept", ids[2]).exit_code == 0
    assert "draft:" not in (book_dir / f"{ids[2]}.yaml").read_text()


def test_cli_write_twice_adds_nothing_the_second_time(fb, article: Path, book_dir: Path) -> None:
    first = fb("extract", str(article), "--published", "2025-03-01", "--write")
    assert first.exit_code == 0
    files = sorted(p.name for p in book_dir.glob("*.yaml"))
    assert len(files) == 3
    second = fb("extract", str(article), "--published", "2025-03-01", "--write")
    assert second.exit_code == 0
    assert second.stdout.strip() == ""  # (the CLI prints an empty line; see the report)
    assert "0 draft(s) added" in second.stderr
    assert sorted(p.name for p in book_dir.glob("*.yaml")) == files
    assert fb("validate").exit_code == 0


def test_add_drafts_links_a_new_claim_to_an_antecedent_already_in_the_book(
    article: Path, book_dir: Path
) -> None:
    drafts = ex.extract(ARTICLE, ref=str(article), published=PUBLISHED)
    antecedent = drafts[0]
    add_drafts(book_dir, [antecedent])
    added = add_drafts(book_dir, drafts)
    assert [d.id for d in added] == [d.id for d in drafts[1:]]
    assert added[0].condition is not None
    assert added[0].condition.id == antecedent.id


def test_a_renamed_antecedent_keeps_its_dependents_linked(book_dir: Path) -> None:
    first = ex.extract(ARTICLE, ref="one/town.txt", published=PUBLISHED)
    add_drafts(book_dir, first)
    second = add_drafts(book_dir, ex.extract(ARTICLE, ref="two/town.txt", published=PUBLISHED))
    assert len(second) == 3
    assert second[0].id == "will-the-council-cut-fees-by-1-march-2026-2"
    assert second[1].condition is not None
    assert second[1].condition.id == second[0].id


def test_cli_missing_date_is_one_line_error(fb, article: Path) -> None:
    result = fb("extract", str(article))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: --published: no publication date found in {article}; "
        "give it, e.g. --published 2025-02-20\n"
    )


def test_cli_future_publication_date_is_refused(fb, article: Path) -> None:
    result = fb("extract", str(article), "--published", "2150-01-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: --published: 2150-01-01 is in the future\n"


def test_cli_missing_file(fb, tmp_path: Path) -> None:
    result = fb("extract", str(tmp_path / "nope.txt"), "--published", "2025-03-01")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert result.stderr.count("\n") == 1


def test_cli_no_predictions(fb, tmp_path: Path) -> None:
    path = tmp_path / "facts.txt"
    path.write_text("The shop opened in 1990.\n", encoding="utf-8")
    result = fb("extract", str(path), "--published", "2025-03-01")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"No predictions found in {path}.\n"


# -- the shared articles ---------------------------------------------------------------------

needs_articles = pytest.mark.skipif(not ARTICLES.is_dir(), reason="articles/ missing")


@needs_articles
@pytest.mark.parametrize("stem", sorted(p.stem for p in LABELS.glob("0*.yaml")))
def test_shared_articles_give_valid_drafts(fb, stem: str, book_dir: Path) -> None:
    import yaml

    published = yaml.safe_load((LABELS / "published.yaml").read_text())[stem]
    path = ARTICLES / f"{stem}.txt"
    result = fb("extract", str(path), "--published", str(published), "--write")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.split()) >= 2
    assert fb("validate").exit_code == 0


@needs_articles
def test_benchmark_meets_targets() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import bench_extract
    finally:
        sys.path.pop(0)
    import yaml

    dates = yaml.safe_load((LABELS / "published.yaml").read_text())
    total = bench_extract.Result("overall")
    for stem, published in dates.items():
        labels = yaml.safe_load((LABELS / f"{stem}.yaml").read_text())
        r = bench_extract.evaluate(ARTICLES / f"{stem}.txt", labels, published, verbose=False)
        total.required += r.required
        total.extracted += r.extracted
        total.tp += r.tp
        total.neutral += r.neutral
    assert total.recall >= 0.8
    assert total.precision >= 0.6


def test_tuning_set_does_not_fall_below_what_it_reached() -> None:
    """A guard for the corpus the rules were tuned on (tests/data/extract_corpus/tuning, 106
    articles): the figures reached (each at or above issue 18's target but stated-p), so a
    rule change that loses ground fails here.

    The untouched set is not run here: it is measured only to report
    (``python benchmarks/bench_extract.py --set untouched``), never to change a rule. Seven
    earlier held-out sets were each run once and then moved into tuning (sources.yaml).
    """
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import bench_extract
    finally:
        sys.path.pop(0)
    _results, total = bench_extract.run_set("tuning", ARTICLES, verbose=False)
    # Since the seventh held-out set (16 articles) moved in, these assert the figures reached
    # over 106 articles (382 required labels), raised as the eighth round of rules met them:
    assert total.tp >= 363  # target: recall >= 0.85 (325/382)
    assert total.precision >= 0.88  # target: precision >= 0.80
    assert total.usable >= 322  # target: usable >= 70% of required (268/382)
    assert total.stated_used >= 131  # target: stated used == stated (142)
    assert total.band_agree >= 339  # target: band agreement >= 85% (325/382)
    assert total.horizon_agree >= 126  # no target: labels whose `by` the draft's resolve_by meets


# -- issue 18, second round: patterns of the genre, with sentences of our own ----------------


def questions(text: str, published: date = PUBLISHED) -> list[tuple[str, float]]:
    return [
        (f.question, f.predictions[0].p)
        for f in ex.extract(text, ref="a", published=published)
        if f.predictions
    ]


def test_a_title_that_names_a_horizon_and_predicts_is_a_claim_not_a_horizon_heading() -> None:
    text = (
        "No Merger Will Be Agreed Within Two Years\n\n"
        "The two boards met in March and the merger was agreed in principle.\n\n"
        "Ticket prices stay flat.\n"
    )
    assert questions(text) == [("Will a merger be agreed within two years?", 0.15)]


def test_a_title_that_only_mentions_a_horizon_is_neither_claim_nor_horizon_heading() -> None:
    text = "Ferry Traffic by 2027: A Study of the Harbour and Its Owners\n\nTickets stay cheap.\n"
    assert questions(text) == []
    # a heading that is mostly its horizon still governs the lines under it
    text = "Forecasts for the next two years:\n\n- Ticket prices stay flat.\n"
    assert [(c.quote, c.horizon) for c in find_claims(text, published=PUBLISHED)] == [
        ("Ticket prices stay flat.", "two years")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "May 12 is the date of the vote.",
        "The count starts on 12 May and ends a day later.",
        "The firm may finally have overcome its cash problems.",
        "The ferry could well have sunk in the storm.",
    ],
)
def test_the_month_may_and_a_hedged_past_are_not_forecasts(sentence: str) -> None:
    assert clauses(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        ("Mayor Jo May will resign in June.", "Will Mayor Jo May resign in June?", 0.85),
        ("She's likely to win the primary.", "Will she win the primary by 1 March 2026?", 0.68),
        ("They’ll raise fares.", "Will they raise fares by 1 March 2026?", 0.85),
        ("It’s likely the mayor will resign.", "Will the mayor resign by 1 March 2026?", 0.68),
        ("It's unlikely the strike will end.", "Will the strike end by 1 March 2026?", 0.32),
        (
            "The tenants are all expected to move out.",
            "Will the tenants move out by 1 March 2026?",
            0.75,
        ),
        (
            "The town is likely able to repay its debt by 2027.",
            "Will the town be able to repay its debt by 2027?",
            0.68,
        ),
    ],
)
def test_contractions_floating_quantifiers_and_hedged_copulas(
    sentence: str, question: str, p: float
) -> None:
    assert questions(sentence) == [(question, p)]


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        (
            "The likeliest outcome is a narrow win for the incumbent.",
            "Will there be a narrow win for the incumbent by 1 March 2026?",
            0.68,
        ),
        (
            "Since nobody wants a recount, the most likely scenario appears to be a hung council.",
            "Will there be a hung council by 1 March 2026?",
            0.68,
        ),
        (
            "The most likely outcome is that the talks will collapse.",
            "Will the talks collapse by 1 March 2026?",
            0.68,
        ),
        (
            "The rebels have no chance of taking the capital.",
            "Will the rebels take the capital by 1 March 2026?",
            0.01,
        ),
        (
            "Her view is that the club has little chance of avoiding relegation.",
            "Will the club avoid relegation by 1 March 2026?",
            0.12,
        ),
        (
            "The mayor has a 70% chance of winning a second term.",
            "Will the mayor win a second term by 1 March 2026?",
            0.7,
        ),
        (
            "The consensus among traders is that a rate cut in June is highly improbable.",
            "Will there be a rate cut in June?",
            0.12,
        ),
    ],
)
def test_likeliest_outcomes_and_chances_held_by_a_subject(
    sentence: str, question: str, p: float
) -> None:
    assert questions(sentence) == [(question, p)]


def test_a_concessive_stance_with_commas_in_its_subject_is_a_claim_of_its_own() -> None:
    text = "While a long, costly strike is widely considered unlikely, short stoppages could occur."
    assert questions(text) == [
        ("Will there be a long, costly strike by 1 March 2026?", 0.32),
        ("Will short stoppages occur by 1 March 2026?", 0.35),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The lack of political will simultaneously stalls reform.",
        "The plan could include new tolls and a bridge.",
        "The risk of a flood is rising fast.",
        "The risk of strikes, walkouts (such as in ports), or go-slows remains substantial.",
        "Towns must plan now, given the risk of floods.",
    ],
)
def test_look_alike_forecasting_words_give_no_draft(sentence: str) -> None:
    assert clauses(sentence) == []


def test_a_must_or_needs_to_in_another_clause_does_not_make_a_forecast_advice() -> None:
    text = "The party may not return to the council, as polls put it below the share it needs."
    assert questions(text) == [("Will the party not return to the council by 1 March 2026?", 0.35)]
    assert questions("The plan could involve raising tolls.") == [
        ("Will the plan involve raising tolls by 1 March 2026?", 0.35)
    ]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("The bank will raise rates, which would hurt borrowers.", "Will the bank raise rates"),
        (
            "The governor is likely to veto the bill, in part because she opposed it last year.",
            "Will the governor veto the bill",
        ),
        (
            "The team will sign two players, as well as a coach.",
            "Will the team sign two players, as well as a coach",
        ),
    ],
)
def test_reasons_and_descriptions_after_the_event_leave_the_question(
    sentence: str, question: str
) -> None:
    ((drafted, _p),) = questions(sentence)
    assert drafted == f"{question} by 1 March 2026?"


def test_a_chance_held_by_a_subject_after_a_qualifier() -> None:
    text = "The Greens have a bit over 40% probability of winning the seat."
    assert questions(text) == [("Will the Greens win the seat by 1 March 2026?", 0.4)]


def test_the_writers_own_final_number_belongs_to_the_headline_claim() -> None:
    text = (
        "The Dam Will Not Be Finished Within Two Years\n\n"
        "The builder is behind schedule and the dam is not finished. Another forecaster put "
        "this at 0.7. I move to 0.75 after reading the audit.\n"
    )
    assert questions(text) == [("Will the dam be finished within two years?", 0.25)]
    # two headline claims: the number is not given to either
    text = "Rents Will Rise. Wages Will Not.\n\nI move to 0.75 after reading the audit.\n"
    assert [p for _q, p in questions(text)] == [0.85, 0.15]


def test_a_run_on_sentence_splits_before_and_although() -> None:
    text = (
        "Next in line is Jane Doe will chair the club from June and although she is new, "
        "she will probably cut ticket prices and the old stands will be torn down."
    )
    assert questions(text) == [
        ("Will Jane Doe chair the club from June by 1 March 2026?", 0.85),
        ("Will she cut ticket prices by 1 March 2026?", 0.68),
        ("Will the old stands be torn down by 1 March 2026?", 0.85),
    ]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("The bakery could very well open a second shop.", "Will the bakery open a second shop"),
        ("The river may well flood the lower town.", "Will the river flood the lower town"),
    ],
)
def test_could_well_is_about_even(sentence: str, question: str) -> None:
    assert questions(sentence) == [(f"{question} by 1 March 2026?", 0.5)]


def test_a_duration_after_a_perfect_verb_is_not_a_horizon_claim() -> None:
    assert clauses("The city has doubled its bus fleet in five years.") == []
    assert clauses("The city doubles its bus fleet in five years.") == [
        "The city doubles its bus fleet in five years."
    ]


# -- issue 18, third round: the second untouched set's mechanisms, with sentences of our own --


def test_a_named_day_is_a_horizon_relative_to_publication() -> None:
    monday = date(2024, 3, 4)  # a Monday
    assert horizon_in("The board will cut rates on Thursday.", monday) == "by 7 March 2024"
    assert horizon_in("A cut is likely on 14 March.", monday) == "by 14 March 2024"
    assert horizon_in("A cut is likely on March 14th.", monday) == "by 14 March 2024"
    assert horizon_in("By June 9, 2025, the port will reopen.", monday) == "by 9 June 2025"
    assert horizon_in("Prices will rise next week.", monday) == "by 17 March 2024"
    assert horizon_in("Prices will rise this week.", monday) == "by 10 March 2024"
    assert horizon_in("The board met on 1 February.", monday) is None  # a past day
    # alone (no other forecasting word), a day is a fact's date, not a claim
    assert horizon_in("The board meets on Thursday.", monday, current_year=False) is None
    [draft] = ex.extract(
        "The council will approve the budget on Friday.", ref="a", published=monday
    )
    assert draft.resolve_by == date(2024, 3, 8)


def test_a_likelihood_line_under_a_numbered_headline_is_the_headlines_number() -> None:
    text = (
        "Our 2024 energy predictions\n\n"
        "1. Coal plants can't go on\n\n"
        "Gas is cheaper than coal and the grid operators have other plans.\n\n"
        "Likelihood: 95%\n\n"
        "2. Rival utilities go bankrupt\n\n"
        "Debt piles up at every rival firm while margins shrink.\n\n"
        "Likelihood: 30%\n\n"
        "3. No price war\n\n"
        "The big suppliers have little reason to cut. The big suppliers will hold their prices.\n\n"
        "Likelihood: 70%\n"
    )
    drafts = ex.extract(text, ref="a", published=date(2023, 12, 20))
    got = [(d.question, d.predictions[0].p, d.resolve_by) for d in drafts]
    end = date(2024, 12, 31)
    assert ("Will coal plants go on by 31 December 2024?", 0.05, end) in got
    assert ("Will rival utilities go bankrupt by 31 December 2024?", 0.3, end) in got
    assert ("Will there be price war by 31 December 2024?", 0.3, end) in got
    # the paragraph's own claim keeps its own wording's number
    assert ("Will the big suppliers hold their prices by 31 December 2024?", 0.85, end) in got
    assert len(got) == 4


def test_stated_chances_without_that_in_parentheses_given_and_by_duration() -> None:
    from forecastbook.extract import stance

    s = stance.stated("we think there is a 15% chance the mayor resigns before autumn")
    assert (s.p, s.event, s.present) == (0.15, "the mayor resigns before autumn", True)
    s = stance.stated("The poll puts the Greens ahead in the city (with a 60% chance)")
    assert (s.p, s.event) == (0.6, "The poll puts the Greens ahead in the city")
    s = stance.stated("My central view (60 or 70% likely) is that the port will stay shut")
    assert round(s.p, 3) == 0.65 and "(the midpoint of the range)" in s.note
    text = (
        "The panel gave the truce a 70% chance of lasting 48 hours, 40% at ten days, "
        "and 15% at two months."
    )
    drafts = ex.extract(text, ref="a", published=date(2024, 6, 1))
    got = [(d.question, d.predictions[0].p, d.resolve_by) for d in drafts]
    assert got == [
        ("Will the truce last 48 hours by 3 June 2024?", 0.7, date(2024, 6, 3)),
        ("Will the truce last ten days by 11 June 2024?", 0.4, date(2024, 6, 11)),
        ("Will the truce last two months by 1 August 2024?", 0.15, date(2024, 8, 1)),
    ]


def test_two_numbers_two_claims_a_stated_base_case_and_a_teams_expectation() -> None:
    got = questions(
        "I put a 10% chance on nothing; there is a 25% chance the union strikes this year "
        "and a 40% chance the union strikes by 2027."
    )
    assert ("Will the union strike this year?", 0.25) in got
    assert ("Will the union strike by 2027?", 0.4) in got
    # the number of a base case that denies the event: p of the event is 1 minus it
    assert questions("Our central case (80% likely) is that the port will not reopen in 2025.") == [
        ("Will the port reopen in 2025?", 0.2)
    ]
    got = questions(
        "According to the lender's monthly note, its research team expect the regulator to "
        "approve the merger in June."
    )
    assert got == [("Will the regulator approve the merger in June?", 0.75)]


def test_the_day_of_a_report_is_not_a_horizon() -> None:
    monday = date(2024, 3, 4)
    assert horizon_in("Officials said on Friday that rates will rise.", monday) is None
    assert horizon_in("The bank announced on 2 April that it will cut.", monday) is None
    assert horizon_in("The bank will cut on 2 April.", monday) == "by 2 April 2024"
    assert horizon_in("A cut is expected on Friday.", monday) == "by 8 March 2024"


# -- issue 18, fourth round: mechanisms from the 46-article tuning set, own sentences --------


def _bare(got: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Questions without the appended "by <date>" (checked elsewhere)."""
    return [(re.sub(r" by \d{1,2} \w+ \d{4}\?$", "?", q), p) for q, p in got]


def test_a_table_row_name_then_its_chance_is_the_name_winning() -> None:
    text = "Northshire\n\nPemberton 61% chance of winning\n\nHolloway 39% chance of winning\n"
    assert _bare(questions(text)) == [("Will Pemberton win?", 0.61), ("Will Holloway win?", 0.39)]
    # a name and a colon, and a lead that is not a name, which holds nothing
    assert _bare(questions("J. Marsh: 20% chance of re-election.")) != []
    assert stance.stated("In 2027 a 40% chance of winning").event == "winning"


def test_an_n_in_m_chance_is_the_fraction_and_a_title_gerund_is_the_event() -> None:
    got = _bare(questions("The Greens Have a 2-in-3 Chance of Holding the Council\n\nText."))
    assert got == [("Will the Greens hold the Council?", 0.667)]
    assert stance.stated("a three-in-four chance of a strike").p == 0.75
    assert stance.stated("a 5-in-3 chance of a strike") is None


def test_a_reported_expectation_with_will_reads_as_expected_to_not_as_a_bare_will() -> None:
    got = _bare(questions("Analysts predict the ferry operator will raise fares in June."))
    assert got == [("Will the ferry operator raise fares in June?", 0.75)]
    got = _bare(questions("The lender anticipates the housing surplus will shrink by 2027."))
    assert got == [("Will the housing surplus shrink by 2027?", 0.75)]
    # the writer's own unhedged "will" keeps the table's "will"
    assert _bare(questions("The ferry operator will raise fares in June.")) == [
        ("Will the ferry operator raise fares in June?", 0.85)
    ]
    # a reported denial keeps the table's "will not"
    assert _bare(questions("Analysts predict the operator will not raise fares in June.")) == [
        ("Will the operator raise fares in June?", 0.15)
    ]


def test_sure_to_and_inevitable_are_almost_certain() -> None:
    assert _bare(questions("The union is sure to strike again before the summer.")) == [
        ("Will the union strike again before the summer?", 0.97)
    ]
    assert words.probability_of("A strike is inevitable.") == 0.97


def test_favourites_and_on_track_to_are_auxiliaries_with_their_subject() -> None:
    got = _bare(questions("The latest survey makes the Greens favourites to win the mayoralty."))
    assert got == [("Will the Greens win the mayoralty?", 0.68)]
    got = _bare(questions("The Liberals are clear favourites to hold the seat."))
    assert got == [("Will the Liberals hold the seat?", 0.68)]
    got = _bare(questions("A new survey shows the ruling party is on track to lose its majority."))
    assert got == [("Will the ruling party lose its majority?", 0.75)]


def test_a_second_clause_with_is_unlikely_to_is_its_own_claim() -> None:
    got = _bare(
        questions(
            "The council will approve the budget next week, and it is unlikely to raise taxes."
        )
    )
    assert got == [
        ("Will the council approve the budget next week?", 0.85),
        ("Will the council raise taxes?", 0.32),
    ]


def test_a_trailing_contrast_is_not_part_of_the_question() -> None:
    got = _bare(questions("Traders expect the next move in fares will be lower and not higher."))
    assert got == [("Will the next move in fares be lower?", 0.75)]


def test_becoming_has_the_base_form_become() -> None:
    assert stance.base_of_gerund("becoming") == "become"
    assert stance.base_of_gerund("overcoming") == "overcome"


def test_an_analyst_who_sees_x_doing_or_forecasts_a_noun_expects_it() -> None:
    got = _bare(questions("The lender now sees copper trading near $9,000 next year."))
    assert got == [("Will copper trade near $9,000 next year?", 0.75)]
    got = _bare(questions("We forecast a quarter-point cut in the deposit rate on 3 June."))
    assert got == [("Will there be a quarter-point cut in the deposit rate on 3 June?", 0.75)]
    # a possessive before the -ing word makes it a noun ("the mayor's poor showing")
    assert stance.stance("The survey predicts the mayor's poor showing could cost seats") is None


def test_a_chance_graded_after_the_event_is_its_probability() -> None:
    got = _bare(questions("The likelihood of a lasting pay deal remains low, however."))
    # a low likelihood reads as a slim one (ICD 203 "very unlikely", 0.12) since round 4
    assert got == [("Will there be a lasting pay deal?", 0.12)]
    got = _bare(questions("The chances of a snap election are high."))
    assert got == [("Will there be a snap election?", 0.68)]


def test_further_and_additional_noun_phrases_can_be_probable() -> None:
    got = _bare(questions("Further fare rises are probable in the coming months."))
    assert got == [("Will there be further fare rises in the coming months?", 0.68)]


@pytest.mark.parametrize(
    ("gerund", "base"),
    [("trading", "trade"), ("deciding", "decide"), ("leading", "lead"), ("adding", "add")],
)
def test_base_of_gerund_for_stems_in_d(gerund: str, base: str) -> None:
    assert stance.base_of_gerund(gerund) == base


# -- issue 18, fourth round: mechanisms of the genre, with sentences of our own ---------------


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        # a low chance reads as a slim or small one (ICD 203 "very unlikely")
        (
            "The chance of a dock strike this summer remains low.",
            "Will there be a dock strike this summer?",
            0.12,
        ),
        (
            "Surveyed traders put a low probability on a port closure in the next month.",
            "Will there be a port closure in the next month?",
            0.12,
        ),
        # "very" raises the grade: very strong odds are "very likely"
        (
            "The polls give the Greens very strong odds of winning the mayoralty.",
            "Will the Greens win the mayoralty by 1 March 2026?",
            0.88,
        ),
        # "I assess the odds of X to be low": graded after, with "to be"
        (
            "I assess the odds of a toll rise on the bridge to be low.",
            "Will there be a toll rise on the bridge by 1 March 2026?",
            0.12,
        ),
        # "relatively low" is hedged: one band up
        (
            "The likelihood of a ferry strike is relatively low.",
            "Will there be a ferry strike by 1 March 2026?",
            0.32,
        ),
    ],
)
def test_a_graded_chance_gives_the_band_of_its_adjective(
    sentence: str, question: str, p: float
) -> None:
    assert questions(sentence) == [(question, p)]


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        # "according to X, ..." before the claim is its source, not its subject
        (
            "According to the harbour master, the ferry will resume sailing in May.",
            "Will the ferry resume sailing in May?",
        ),
        # "our view that X is unlikely": the view is the source
        (
            "The survey supports our view that a toll rise is unlikely.",
            "Will there be a toll rise?",
        ),
        # news style: "X was expected to V on Thursday, analysts said"
        (
            "The council was expected to approve the budget on Thursday, analysts said.",
            "Will the council approve the budget on Thursday?",
        ),
        # ", depending on ..." is a condition's aside, not the event
        (
            "The toll could fall to four euros, depending on traffic and fuel costs.",
            "Will the toll fall to four euros?",
        ),
        # a name and its verb, then "and is certain to": the name is the subject
        (
            "Norland holds a clear lead and is certain to win the vote.",
            "Will Norland win the vote?",
        ),
        # a bare noun before "is inevitable"
        ("Retaliation against the mill owners is inevitable.", None),
    ],
)
def test_the_question_keeps_the_event_and_drops_its_source(
    sentence: str, question: str | None
) -> None:
    got = _bare(questions(sentence))
    assert len(got) == 1
    if question is not None:
        assert got[0][0] == question
    else:
        assert got[0][0].startswith("Will there be retaliation against the mill owners")
        assert got[0][1] == 0.97


def test_a_consensus_on_a_possibility_keeps_the_modal_s_probability() -> None:
    got = _bare(questions("The consensus among traders is that the toll could fall next year."))
    assert got == [("Will the toll fall next year?", 0.35)]


def test_a_number_restated_by_another_source_is_a_claim_about_the_same_event() -> None:
    text = (
        "The harbour board gives Northway a 70 percent chance of winning the contract."
        " A rival consultancy puts it at 55 percent, while the union's model shows Northway"
        " with a 40 percent probability.\n"
    )
    got = _bare(questions(text))
    assert [p for _q, p in got] == [0.7, 0.55, 0.4]
    assert len({q for q, _p in got}) == 1
    assert "contract" in got[0][0]


def test_a_joint_probability_of_the_claim_before_it_is_that_claim_s_number() -> None:
    text = (
        "By June the ferry line will both win the contract and open a second route."
        " The joint probability of both conditions being met is approximately 28%.\n"
    )
    got = _bare(questions(text))
    assert len(got) == 1 and got[0][1] == 0.28


def test_a_restated_number_needs_an_earlier_stated_claim() -> None:
    assert questions("The board puts it at 40 percent.\n") == []


# -- issue 18, sixth round: general mechanisms of the question builder ----------------------


def test_a_verb_in_a_leading_subordinate_clause_is_not_the_claims_verb() -> None:
    text = "As the board prepares to meet next week, analysts are further predicting that prices will be raised."  # noqa: E501
    [(question, _p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will prices be raised")


def test_a_likelihood_said_of_a_noun_phrase_asks_whether_there_will_be_it() -> None:
    text = (
        "A strike on the northern port is considered much less likely, a remote scenario for now."
    )
    [(question, p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will there be a strike on the northern port")
    assert p == 0.12  # "much less likely": a band below "less likely"
    [(question, p)] = questions("A full blockade of the canal is less likely.")
    assert question.startswith("Will there be a full blockade of the canal")
    assert p == 0.32


def test_an_expected_noun_phrase_keeps_its_time_and_drops_the_consequence() -> None:
    text = "Cheaper mortgages are widely expected this year and that will lift house sales."
    [(question, p)] = questions(text, published=date(2025, 3, 1))
    assert "mortgages this year?" in question and "lift" not in question
    assert p == 0.75


def test_a_noun_phrase_most_likely_to_do_something_asks_about_the_verb_phrase() -> None:
    text = "The river town's mayor most likely to stay in office after the count."
    [(question, _p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will the river town's mayor stay in office after the count")


def test_a_number_likely_that_is_a_stated_probability() -> None:
    text = "Futures showed it was 80 per cent likely that the board will raise fees in May."
    [(question, p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will the board raise fees in May") and p == 0.8


def test_a_spelled_out_percent_is_a_stated_probability() -> None:
    text = "There is only a six percent chance the vote will produce a clear winner."
    [(question, p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will the vote produce a clear winner") and p == 0.06


def test_a_chance_followed_by_a_clause_without_that_gives_its_number_to_the_clause() -> None:
    text = "They see about a one in three chance we'll have another slump in the next year."
    [(question, p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will we have another slump") and p == 0.333
    text = "Traders think there's a 33 percent chance we're headed into a slump next year."
    [(question, p)] = questions(text, published=date(2025, 3, 1))
    assert question.startswith("Will we be headed into a slump") and p == 0.33


# -- issue 18, sixth round: horizons relative to the publication date ---------------------


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        ("The canal fees will rise this year.", date(2026, 12, 31)),
        ("The canal fees will rise next year.", date(2027, 12, 31)),
        ("The canal fees will likely rise next month.", date(2026, 4, 30)),
        ("A vote on the canal fees is likely later this month.", date(2026, 3, 31)),
        ("The canal fees will rise by the end of the quarter.", date(2026, 3, 31)),
        ("The canal fees will rise before end year.", date(2026, 12, 31)),
        ("Talks on the canal may resume in the coming days.", date(2026, 4, 1)),
        ("Talks on the canal may resume in the coming weeks.", date(2026, 5, 18)),
        ("A strike at the canal is likely in the next several days.", date(2026, 3, 25)),
        ("A canal deal is likely within 10 days.", date(2026, 3, 28)),
        ("A canal deal is likely over the next couple of years.", date(2028, 3, 18)),
        ("The canal will be dredged in the next five to 10 years.", date(2036, 3, 18)),
        ("The canal will likely reopen on Sunday.", date(2026, 3, 22)),
        ("The canal board will decide later today.", date(2026, 3, 18)),
        ("The canal board is expected to announce Friday a toll cut.", date(2026, 3, 20)),
        ("The shipper will likely miss Friday's payment.", date(2026, 3, 20)),
        ("A toll cut could come as early as Saturday.", date(2026, 3, 21)),
        ("A toll cut could come on or around April 15.", date(2026, 4, 15)),
        ("A toll cut is likely before May 2027.", date(2027, 4, 30)),
        ("A toll cut is likely in May.", date(2026, 5, 31)),
        ("A toll cut is likely in February.", date(2027, 2, 28)),
        ("A toll cut is likely in early 2027.", date(2027, 4, 30)),
        ("A toll cut is likely in late 2026.", date(2026, 12, 31)),
        ("Traffic will fall to 5% below normal at the end of 2026.", date(2026, 12, 31)),
        ("Shippers think a 2026 slump is unlikely.", date(2026, 12, 31)),
        ('"The canal will reopen this month," the pilot said on Monday.', date(2026, 3, 31)),
    ],
)
def test_a_horizon_named_in_the_sentence_is_read_from_the_publication_date(
    sentence: str, end: date
) -> None:
    wednesday = date(2026, 3, 18)
    [draft] = [d for d in ex.extract(sentence, ref="a", published=wednesday) if d.predictions]
    assert draft.resolve_by == end


def test_the_day_of_a_report_or_of_a_past_event_is_not_a_horizon() -> None:
    wednesday = date(2026, 3, 18)
    said = "The pilots, polled on Monday, said a strike on the canal will likely come on Friday."
    assert horizon_in(said, wednesday) == "by 20 March 2026"
    told = "She told a radio station late Tuesday the canal will likely reopen on Sunday."
    assert horizon_in(told, wednesday) == "by 22 March 2026"
    after = "After Monday's storm, the canal will likely stay shut."
    assert horizon_in(after, wednesday) is None
    earlier = "The canal closed earlier this month and will likely reopen."
    assert horizon_in(earlier, wednesday) is None
    # a passive is not a past verb: "if the toll is repeated on Saturday"
    passive = "Traffic would fall if the toll rise is repeated on Saturday."
    assert horizon_in(passive, wednesday) == "by 21 March 2026"


def test_a_next_meeting_is_an_event_horizon_said_in_the_criteria() -> None:
    [draft] = [
        d
        for d in ex.extract(
            "The canal board will likely cut tolls at its next meeting.",
            ref="a",
            published=date(2026, 3, 18),
        )
        if d.predictions
    ]
    assert "its next meeting" in (draft.criteria or "")
    assert draft.resolve_by == date(2027, 3, 18)


# -- issue 18, sixth round: the band of a hedge ----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "start", "p"),
    [
        # a negated belief, after an introductory phrase
        (
            "And, because of the glut, I don't think the cartel will cut its quotas.",
            "Will the cartel cut its quotas",
            0.25,
        ),
        # possible but not expected
        (
            "A 40-point toll cut is not beyond the realm of possibility.",
            "Will there be a 40-point toll cut",
            0.15,
        ),
        ("A strike by dockers is not impossible.", "Will there be a strike by dockers", 0.15),
        ("A strike by dockers cannot be ruled out.", "Will there be a strike by dockers", 0.15),
        # a stance held by whoever is reported
        (
            "Harbour officials say they expect another closure of the canal.",
            "Will there be another closure of the canal",
            0.75,
        ),
        (
            "Pilots told the radio they have little doubt that the canal will reopen.",
            "Will the canal reopen",
            0.88,
        ),
        # the stance in a last "but" clause
        (
            "The firm could launch a rival, but we have serious doubts that the board will agree.",
            "Will the board agree",
            0.32,
        ),
    ],
)
def test_the_band_of_a_hedge_held_by_someone(sentence: str, start: str, p: float) -> None:
    found = questions(sentence, published=date(2026, 3, 18))
    assert any(q.startswith(start) and prob == p for q, prob in found), found


def test_a_list_label_is_not_an_article_before_a_hyphenated_number() -> None:
    [(question, _p)] = questions("A 50-point fee rise is unlikely.")
    assert question.startswith("Will there be a 50-point fee rise")


# -- issue 18, sixth round: stated numbers --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "p"),
    [
        ("The Herald had Smith at 65% to win, before the debate.", "Will Smith win", 0.65),
        ("The Herald's model has Smith at 70% and Jones 30%.", "Will Smith win", 0.7),
        (
            "Yet while the probability of the port closing rose sharply to 45 percent, "
            "traders stayed calm.",
            "Will the port close",
            0.45,
        ),
        (
            "The port will likely close next week. We put the odds at 70%.",
            "Will the port close",
            0.7,
        ),
        (
            "Smith has an 88 percent chance of winning next Tuesday, compared to Jones at 12%.",
            "Will Smith win next Tuesday?",
            0.88,
        ),
    ],
)
def test_a_stated_number_is_attached_to_its_claim(text: str, start: str, p: float) -> None:
    found = questions(text, published=date(2026, 3, 18))
    assert any(q.startswith(start) and prob == p for q, prob in found), found


def test_a_share_of_the_vote_is_not_a_probability() -> None:
    assert questions("The latest poll has Labour at 35% of the vote.") == []
    assert all(p != 0.02 for _q, p in questions("The bank has GDP at 2% this year."))


def test_a_claim_without_a_horizon_takes_the_day_the_lead_names() -> None:
    text = (
        "The canal board is expected to cut tolls on Friday.\n\n"
        "Shippers say the board will probably also extend opening hours.\n\n"
        "A toll rise is unlikely before 2028."
    )
    drafts = [d for d in ex.extract(text, ref="a", published=date(2026, 3, 18)) if d.predictions]
    assert [d.resolve_by for d in drafts] == [
        date(2026, 3, 20),
        date(2026, 3, 20),
        date(2027, 12, 31),
    ]
    assert "lead" in (drafts[1].criteria or "")
    # a lead that names no near day leaves the default horizon
    [later] = [
        d
        for d in ex.extract(
            "Shippers say the board will probably extend opening hours.",
            ref="a",
            published=date(2026, 3, 18),
        )
        if d.predictions
    ]
    assert later.resolve_by == date(2027, 3, 18)


@pytest.mark.parametrize(
    ("sentence", "question", "p"),
    [
        (
            "We would be quite surprised if the board decided not to cut tolls on Friday.",
            "Will the board cut tolls on Friday?",
            0.88,
        ),
        (
            "We would be surprised if the board were to raise tolls this year.",
            "Will the board raise tolls this year?",
            0.12,
        ),
    ],
)
def test_would_be_surprised_if_is_a_stance_not_a_conditional(
    sentence: str, question: str, p: float
) -> None:
    assert questions(sentence, published=date(2026, 3, 18)) == [(question, p)]


# -- issue 18, eighth round: generalising on the tuning set ------------------------------------


def test_each_number_in_a_sentence_gets_its_own_event_and_draft() -> None:
    first = (
        "While bookmakers give only about a 20 percent chance the ferry will sail on Friday, "
        "they are offering about 65 percent odds that the harbour will reopen by March."
    )
    assert questions(first, published=date(2026, 1, 5)) == [
        ("Will the ferry sail on Friday?", 0.2),
        ("Will the harbour reopen by March?", 0.65),
    ]
    second = (
        "The council gave a 10% probability to a new bridge, a 55% probability to a tunnel "
        "and a 35% probability to a second ferry."
    )
    assert questions(second, published=date(2026, 1, 5)) == [
        ("Will there be a new bridge by 5 January 2027?", 0.1),
        ("Will there be a tunnel by 5 January 2027?", 0.55),
        ("Will there be a second ferry by 5 January 2027?", 0.35),
    ]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Bond prices imply a strike probability equal to 35% this month.",
            "Will there be a strike this month?",
            0.35,
        ),
        (
            "Port Strike Odds Hover Near 40%\n\nTalks at the port broke down.",
            "Will there be a port strike by 1 March 2026?",
            0.4,
        ),
    ],
)
def test_the_noun_before_a_probability_word_names_the_event(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


def test_the_writers_own_expectation_after_a_reported_number_is_a_claim_of_its_own() -> None:
    text = "Bond prices imply a strike probability equal to 35%, and we expect it to rise to 50%."
    assert questions(text) == [
        ("Will there be a strike by 1 March 2026?", 0.35),
        ("Will it rise to 50% by 1 March 2026?", 0.75),
    ]


def test_a_number_held_by_a_contender_named_before_with_is_their_event() -> None:
    text = "The latest poll shows the Greens with a 60 percent chance of winning the seat."
    assert questions(text) == [("Will the Greens win the seat by 1 March 2026?", 0.6)]


def test_a_line_that_ends_on_a_preposition_or_comma_runs_on_into_the_next() -> None:
    text = "Over at\nThe Ledger,\nThe mayor has a 70 percent chance of winning a second term.\n"
    [draft] = [d for d in ex.extract(text, ref="a", published=PUBLISHED) if d.predictions]
    assert draft.source is not None and draft.source.line == 1
    assert (draft.question, draft.predictions[0].p) == (
        "Will the mayor win a second term by 1 March 2026?",
        0.7,
    )


@pytest.mark.parametrize(
    "dateline",
    ["OSLO (Newswire) - ", "BERGEN -- ", "NORDNEWS.NO, OSLO -- ", "OSLO, Mar. 2 (Newswire) -- "],
)
def test_a_news_dateline_is_not_part_of_the_question(dateline: str) -> None:
    text = f"{dateline}The ferry company is poised to raise fares next month."
    assert questions(text) == [("Will the ferry company raise fares next month?", 0.8)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "But it is unclear when, how, or if the pilots will return to work.",
            "Will the pilots return to work by 1 March 2026?",
            0.5,
        ),
        (
            "Perhaps the landlords lower the rents and win back tenants, but that seems unlikely.",
            "Will the landlords lower the rents and win back tenants by 1 March 2026?",
            0.32,
        ),
        (
            "The board could sell the stadium, but that seems unlikely as well and risky.",
            "Will the board sell the stadium by 1 March 2026?",
            0.32,
        ),
        (
            "The mayor is popular with drivers, so a toll seems unlikely.",
            "Will there be a toll by 1 March 2026?",
            0.32,
        ),
    ],
)
def test_a_judgement_on_the_clause_before_or_an_open_question_gives_the_event_its_p(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


def test_it_looks_as_though_is_a_hedge_not_part_of_the_question() -> None:
    text = "It looks as though the strikers have won and will stay out until spring."
    assert questions(text) == [("Will the strikers stay out until spring by 1 March 2026?", 0.68)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "The mayor may lose the vote on Sunday, writes the Evening Courier.",
            "Will the mayor lose the vote on Sunday?",
            0.35,
        ),
        (
            "A second strike next month is technically possible but unlikely, unions said Monday.",
            "Will there be a second strike next month?",
            0.32,
        ),
        (
            "Ms Berg is sure to win and even if she loses her seat she will stay in the cabinet, "
            "a local historian told the Courier.",
            "Will Ms Berg win by 1 March 2026?",
            0.97,
        ),
    ],
)
def test_attribution_after_the_event_and_possible_but_unlikely(
    text: str, question: str, p: float
) -> None:
    assert questions(text)[0] == (question, p)


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Shares rose amid expectations that the league and its clubs, known as "
            "the Alliance, would cut ticket prices.",
            "Will the league and its clubs cut ticket prices by 1 March 2026?",
            0.75,
        ),
        (
            "Retail figures supported expectations of a fare rise next month.",
            "Will there be a fare rise next month?",
            0.75,
        ),
    ],
)
def test_an_expectation_named_as_a_noun_is_a_stance(text: str, question: str, p: float) -> None:
    assert questions(text) == [(question, p)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "It is certainly possible that the old chairman will stay on as honorary president.",
            "Will the old chairman stay on as honorary president by 1 March 2026?",
            0.5,
        ),
        (
            '"It is technically possible for the club to sign two new strikers before the '
            'deadline, but I have my doubts it will happen,"',
            "Will the club sign two new strikers before the deadline by 1 March 2026?",
            0.32,
        ),
    ],
)
def test_possible_that_and_doubts_that_it_will_happen(text: str, question: str, p: float) -> None:
    assert questions(text) == [(question, p)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Fares fell, with some analysts predicting a sharp rebound in the spring.",
            "Will there be a sharp rebound in the spring by 1 March 2026?",
            0.75,
        ),
        (
            "All three betting exchanges forecast the incumbent winning the seat.",
            "Will the incumbent win the seat by 1 March 2026?",
            0.75,
        ),
        (
            "Pollster predicts the mayoral race to be decided in a runoff",
            "Will the mayoral race be decided in a runoff by 1 March 2026?",
            0.75,
        ),
        (
            "Traders were expecting two more cuts in the deposit rate.",
            "Will there be two more cuts in the deposit rate by 1 March 2026?",
            0.75,
        ),
    ],
)
def test_anyone_who_predicts_or_expects_an_event_holds_an_expectation(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


def test_a_preposition_to_is_not_the_infinitive_of_an_expectation() -> None:
    text = (
        "Economists forecast that the bank would make no change to its key rate, at which it "
        "lends cash to other banks."
    )
    assert all(" will " not in q for q, _p in questions(text))


def test_questions_listed_with_numbers_are_drafts_with_those_numbers() -> None:
    text = (
        "Some markets to watch: Mayor resigns before the summer? - 35% , "
        "Will the tram line open in 2026? 60%\n"
    )
    assert questions(text, published=date(2026, 1, 5)) == [
        ("Will Mayor resign before the summer?", 0.35),
        ("Will the tram line open in 2026?", 0.6),
    ]


def test_a_relative_which_holds_the_chance_of_the_noun_it_follows() -> None:
    text = "We turn to the harbour deal, which has a 45% chance of happening before May."
    assert questions(text, published=date(2026, 1, 5)) == [
        ("Will the harbour deal happen before May?", 0.45)
    ]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Punters are placing high odds (≈ 80-90%) on a fare freeze in the coming budget.",
            "Will there be a fare freeze in the coming budget by 1 March 2026?",
            0.85,
        ),
        (
            "The odds of a recount have shortened further, to around 3/1, or a 25% probability.",
            "Will there be a recount by 1 March 2026?",
            0.25,
        ),
    ],
)
def test_a_number_in_brackets_or_restated_from_odds_is_the_events(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


def test_a_forecast_reported_on_a_weekday_is_current_not_a_past_report() -> None:
    text = "The pollster said on Friday that the mayor could lose her seat."
    assert questions(text, published=date(2026, 1, 5)) == [
        ("Will the mayor lose her seat by 5 January 2027?", 0.35)
    ]
    # a forecast reported from years ago is still a past report
    assert questions("Years ago, experts said that the mayor could lose her seat.") == []


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Two brokers forecast three fare rises in 2026: in March, June and September.",
            "Will there be three fare rises in 2026?",
            0.75,
        ),
        (
            "Club owners say they expect to keep ticket prices at current levels.",
            "Will they keep ticket prices at current levels by 1 March 2026?",
            0.75,
        ),
    ],
)
def test_an_expected_noun_before_a_colon_and_expecting_to_do_something(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "“The likelihood of a sudden, total ban on the scheme is very low.”",
            "Will there be a sudden, total ban on the scheme by 1 March 2026?",
            0.03,
        ),
        (
            "There is a greater possibility for the league to expand to twenty clubs next year.",
            "Will the league expand to twenty clubs next year?",
            0.68,
        ),
        (
            "The club will sell its ground, but it's touch-and-go whether it will move out of "
            "town, a survey of fans found.",
            "Will it move out of town by 1 March 2026?",
            0.5,
        ),
        (
            "We are skeptical at this stage that the landlords would cut rents.",
            "Will the landlords cut rents by 1 March 2026?",
            0.32,
        ),
        (
            "Jones, who has lost two matches this spring, remains a strong favourite to reach the "
            "final.",
            "Will Jones reach the final by 31 May 2025?",
            0.75,
        ),
    ],
)
def test_graded_doubted_and_open_chances_and_favourites(text: str, question: str, p: float) -> None:
    assert (question, p) in questions(text)


def test_favourite_appositive_possibility_raised_and_a_reason_that_predicts() -> None:
    assert questions("Most pundits see Okafor as the clear favourite going into the final.")[0] == (
        "Will Okafor win the final by 1 March 2026?",
        0.68,
    )
    text = (
        "Fans are more motivated to travel for the derby, a match that will almost certainly "
        "draw a record crowd."
    )
    assert questions(text) == [("Will the derby draw a record crowd by 1 March 2026?", 0.97)]
    text = (
        "The talks will resume in spring, raising the possibility of a deal on fishing quotas, "
        "with potential help from Norway. The chances of a lasting accord remain low, however, "
        "as both fleets will keep fishing the disputed waters."
    )
    found = questions(text)
    assert ("Will there be a deal on fishing quotas by 1 March 2026?", 0.35) in found
    assert ("Will both fleets keep fishing the disputed waters by 1 March 2026?", 0.85) in found


def test_a_number_given_alone_under_a_title_question_is_for_that_question() -> None:
    text = (
        "# Ana: Will the old pier reopen in 2026? (3/2/2026)\n\n"
        "Repairs to the deck were delayed by storms in February.\n\n"
        "Ana's forecasting model predicts 30%.\n"
    )
    assert questions(text, published=date(2026, 3, 2)) == [
        ("Will the old pier reopen in 2026?", 0.3)
    ]


def test_a_chance_given_as_an_aside_is_the_number_of_the_claim_around_it() -> None:
    text = (
        "The survey predicts the most likely outcome, with a 30 percent chance of happening, "
        "is Harbour United joining forces with the Rovers, who have lost their ground."
    )
    assert questions(text) == [
        ("Will Harbour United join forces with the Rovers by 1 March 2026?", 0.3)
    ]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "1. Green majority (Odds: 5/1) (Probability: 20%)",
            "Will there be a Green majority by 1 March 2026?",
            0.2,
        ),
        (
            "Rovers' deeper squad gives them a 60 percent chance of winning the league.",
            "Will Rovers win the league by 1 March 2026?",
            0.6,
        ),
        (
            "Rising rents, alongside higher fares, will almost certainly remain the main worry.",
            "Will rising rents remain the main worry by 1 March 2026?",
            0.97,
        ),
        (
            "Dr Lind, an election analyst, told the local paper it's unlikely that any party will "
            "win outright.",
            "Will any party win outright by 1 March 2026?",
            0.32,
        ),
        (
            "The survey suggests the ferry's late arrivals - which commuters hate - could cost the "
            "operator its licence.",
            "Will the ferry's late arrivals cost the operator its licence by 1 March 2026?",
            0.35,
        ),
    ],
)
def test_subjects_behind_asides_owners_and_sources(text: str, question: str, p: float) -> None:
    assert questions(text) == [(question, p)]


def test_a_hedged_second_verb_phrase_is_a_claim_with_the_same_subject() -> None:
    text = "The city will keep its tram plan and could open a second line next year."
    assert questions(text) == [
        ("Will the city keep its tram plan by 31 December 2026?", 0.85),
        ("Will the city open a second line next year?", 0.35),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We continue to expect the price of bread, currently around $3 a loaf, to rise further.",
    ],
)
def test_continue_to_expect_is_an_expectation(text: str) -> None:
    assert questions(text) == [("Will the price of bread rise further by 1 March 2026?", 0.75)]


def test_a_forecast_reported_with_would_and_on_course_for() -> None:
    text = "The pollster said the Greens would make big gains in the northern suburbs."
    assert questions(text) == [
        ("Will the Greens make big gains in the northern suburbs by 1 March 2026?", 0.75)
    ]
    # a wish or a preference is no forecast
    assert questions("The mayor said she would like to see more trams.") == []
    text = "While many predict that the Rovers are on course for promotion, others disagree."
    assert questions(text)[0] == (
        "Will the Rovers be on course for promotion by 1 March 2026?",
        0.75,
    )


def test_each_item_of_an_expectation_listed_with_semicolons_is_a_claim() -> None:
    text = (
        "Economists expect bus fares to rise 5% this year; tram fares to stay frozen "
        "through 2027; and ferry fares to fall over the next year."
    )
    assert questions(text) == [
        ("Will bus fares rise 5% this year?", 0.75),
        ("Will tram fares stay frozen through 2027?", 0.75),
        ("Will ferry fares fall over the next year?", 0.75),
    ]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Union striking against port owners inevitable as talks stall: analysts\n\nText.",
            "Will Union strike against port owners by 1 March 2026?",
            0.97,
        ),
        (
            "City Budget 2026: Council says tram extension likely\n\nText.",
            "Will there be a tram extension by 1 March 2026?",
            0.68,
        ),
        (
            '"The council will probably approve the new stadium in June," Jane Roe, senior '
            "planner at Urbis, told the Courier.",
            "Will the council approve the new stadium in June?",
            0.68,
        ),
        (
            "Port Authority is expected to raise fees\n\nText.",
            "Will Port Authority raise fees by 1 March 2026?",
            0.75,
        ),
    ],
)
def test_headline_tags_and_named_sources_leave_the_question(
    text: str, question: str, p: float
) -> None:
    assert questions(text)[0] == (question, p)


@pytest.mark.parametrize(
    ("gerund", "base"),
    [("retaliating", "retaliate"), ("negotiating", "negotiate"), ("voting", "vote"),
     ("beating", "beat"), ("waiting", "wait")],
)  # fmt: skip
def test_base_forms_of_verbs_in_ate_and_short_ones_in_t(gerund: str, base: str) -> None:
    from forecastbook.extract.stance import base_of_gerund

    assert base_of_gerund(gerund) == base


@pytest.mark.parametrize(
    "text",
    [
        "You may already have access to this premium content as part of a paid subscription.",
        "Only a member of this blog may post a comment.",
        "Never miss a story again — sign up to our Telegram channel and we'll keep you posted!",
        "It is my job to predict when markets will turn.",
        "The newspaper's information could be wrong.",
        "For the mayor, it is a dip since Monday, when she had a 70 percent chance of winning.",
        "So, for instance, a 10 percent chance of rain would move the dial one notch.",
    ],
)
def test_furniture_indirect_questions_past_figures_and_rules_are_not_forecasts(text: str) -> None:
    assert questions(text) == []


def test_a_chance_that_a_clause_would_happen_is_still_a_forecast() -> None:
    text = "Traders see a 30% chance that the bank would cut the rate."
    assert [p for _q, p in questions(text)] == [0.3]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "1. The club sells its ground and moves to the suburbs. The probability is 20%",
            "Will the club sell its ground and move to the suburbs by 1 March 2026?",
        ),
        (
            "1. The club keeps its ground, retains some players. The probability is 20%",
            "Will the club keep its ground, retain some players by 1 March 2026?",
        ),
        (
            "The truce will largely hold but remains vulnerable to signs of unrest.",
            "Will the truce largely hold but remain vulnerable to signs of unrest by 1 March 2026?",
        ),
        (
            "There is a 40% probability of the U.S. falling into a recession next year.",
            "Will the U.S. fall into a recession next year?",
        ),
        (
            "There is a 10% chance of Ruritania's abandoning its currency peg.",
            "Will Ruritania abandon its currency peg by 1 March 2026?",
        ),
    ],
)
def test_coordinated_verbs_and_gerund_subjects_in_questions(text: str, question: str) -> None:
    assert questions(text)[0][0] == question


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Betting Odds Favor a Hung Council\n\nText.",
            "Will there be a Hung Council by 1 March 2026?",
            0.68,
        ),
        ("The markets favour a rate cut in June.", "Will there be a rate cut in June?", 0.68),
        (
            "1. Green majority (Probability: 20%)",
            "Will there be a Green majority by 1 March 2026?",
            0.2,
        ),
    ],
)
def test_odds_that_favour_an_event_and_a_bare_countable_event(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


def test_more_likely_to_is_the_claims_verb_and_a_bracketed_source_leaves() -> None:
    text = (
        '"We think that the council is more likely to approve a 2% rise, which we see as the '
        'likeliest outcome, to which we would ascribe a high weight," Acme (NYSE:ACM) said.'
    )
    assert questions(text)[0] == ("Will the council approve a 2% rise by 1 March 2026?", 0.68)
    text = "The council is more likely to approve a 2% rise, Acme (NYSE:ACM) said on Monday."
    assert questions(text)[0][0] == "Will the council approve a 2% rise by 1 March 2026?"


def test_an_intensified_favourite_and_a_forecast_given_with_a_percentage() -> None:
    text = "Okafor remains a very strong favourite to reach the semi-finals."
    assert questions(text) == [("Will Okafor reach the semi-finals by 1 March 2026?", 0.88)]
    text = (
        "The board will meet on Friday to set the toll, with analysts forecasting a rise of "
        "5 cents to 2.5%."
    )
    assert ("Will there be a rise of 5 cents to 2.5% by 7 March 2025?", 0.75) in questions(text)


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "The polls suggest the mayor cannot win a third term.",
            "Will the mayor win a third term by 1 March 2026?",
            0.25,
        ),
        (
            "Whether she can hold her seat is another question, and the surveys suggest she "
            "cannot.",
            "Will she hold her seat by 1 March 2026?",
            0.25,
        ),
        (
            "Okafor, who trails in the polls, has only a 10% chance of winning the nomination.",
            "Will Okafor win the nomination by 1 March 2026?",
            0.1,
        ),
        (
            "The probability that the bank cuts in June now stands at 72%, the survey predicts.",
            "Will the bank cut in June?",
            0.72,
        ),
    ],
)
def test_evidence_against_an_event_and_holders_behind_asides(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "There is a good chance the council will approve the budget.",
            "Will the council approve the budget by 1 March 2026?",
            0.68,
        ),
        (
            "There's roughly a 50-50 chance the deal collapses.",
            "Will the deal collapse by 1 March 2026?",
            0.5,
        ),
        ("The mayor's chances of winning are slim.", "Will the mayor win by 1 March 2026?", 0.12),
        (
            "The council will almost certainly not approve the budget.",
            "Will the council approve the budget by 1 March 2026?",
            0.07,
        ),
        (
            "The council will probably not approve the budget.",
            "Will the council approve the budget by 1 March 2026?",
            0.32,
        ),
        (
            "A ceasefire is not likely before the summer.",
            "Will there be a ceasefire before the summer?",
            0.32,
        ),
        (
            "The council is expected to approve the budget, analysts say.",
            "Will the council approve the budget by 1 March 2026?",
            0.75,
        ),
    ],
)
def test_chances_in_words_and_negated_hedges_ask_about_the_event(
    text: str, question: str, p: float
) -> None:
    assert questions(text) == [(question, p)]


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "The exclusive poll of 2000 voters in ten marginal wards has found the Greens are on "
            "track to win six seats.",
            "Will the Greens win six seats by 1 March 2026?",
            0.75,
        ),
        (
            "The median projection is for bus ridership to rise 2% next year.",
            "Will bus ridership rise 2% next year?",
            0.75,
        ),
        (
            "No panelists forecast a fare rise in 2026, although some see a freeze.",
            "Will there be a fare rise in 2026?",
            0.25,
        ),
        (
            "The more probable near-term scenarios involve some form of truce, not a treaty.",
            "Will there be some form of truce, not a treaty by 1 March 2026?",
            0.68,
        ),
        (
            "The odds of a strike occurring this winter remain generally low.",
            "Will there be a strike occurring this winter?",
            0.12,
        ),
        (
            "The union will only agree to talks if the company drops the claim.",
            "Will the union only agree to talks by 1 March 2026?",
            0.85,
        ),
    ],
)
def test_findings_projections_and_scenarios_as_questions(
    text: str, question: str, p: float
) -> None:
    assert (question, p) in questions(text)


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "The council is currently pencilling in a rise to around 3% in the first half of 2026.",
            "Will there be a rise to around 3% in the first half of 2026?",
            0.75,
        ),
        (
            "Contrary to the alarm about a possible strike voiced by many union leaders, including "
            "Jones, experts at the institute argued that such a strike is highly unlikely.",
            "Will there be such a strike by 1 March 2026?",
            0.12,
        ),
        (
            "The city is also about to try again to open its new tram line.",
            "Will the city try again to open its new tram line by 1 March 2026?",
            0.5,
        ),
    ],
)
def test_pencilling_in_contrary_to_and_about_to(text: str, question: str, p: float) -> None:
    assert questions(text) == [(question, p)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Smith has a 60% chance of winning, Jones 30% and Brown 10%.",
            [
                ("Will Smith win by 1 March 2026?", 0.6),
                ("Will Jones win by 1 March 2026?", 0.3),
                ("Will Brown win by 1 March 2026?", 0.1),
            ],
        ),
        (
            "The model gives the Greens a 70% chance of winning the most seats and the Reds a 25% "
            "chance.",
            [
                ("Will the Greens win the most seats by 1 March 2026?", 0.7),
                ("Will the Reds win the most seats by 1 March 2026?", 0.25),
            ],
        ),
        (
            "Odds of Port Strike in June Rise to 65%\n\nText.",
            [("Will there be a Port Strike in June?", 0.65)],
        ),
        (
            "Probability of Default Hits 90%\n\nText.",
            [("Will there be a Default by 1 March 2026?", 0.9)],
        ),
        (
            "Bookmakers put Smith's chances of winning at 62%.",
            [("Will Smith win by 1 March 2026?", 0.62)],
        ),
        (
            "I'd put the chance of a deal by Friday at about one in four.",
            [("Will there be a deal by Friday?", 0.25)],
        ),
    ],
)
def test_elided_holders_and_headline_verbs_of_a_stated_chance(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert questions(text) == expected


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        (
            "Sources familiar with the matter said the club would probably sell its ground.",
            "Will the club sell its ground by 1 March 2026?",
            0.68,
        ),
        (
            "The league, which meets next week, is widely expected to cut the season short.",
            "Will the league cut the season short by 9 March 2025?",
            0.75,
        ),
        (
            "In our view, a merger remains unlikely before the end of the year.",
            "Will there be a merger before the end of the year?",
            0.32,
        ),
        (
            "It remains to be seen whether the truce will hold.",
            "Will the truce hold by 1 March 2026?",
            0.5,
        ),
        (
            "Neither club is likely to back down soon.",
            "Will either club back down soon by 1 March 2026?",
            0.32,
        ),
        (
            "The city's economy is forecast to grow 1.2% next year, the bank said.",
            "Will the city's economy grow 1.2% next year?",
            0.75,
        ),
        (
            "The probability of the league expanding in 2026 is near zero.",
            "Will the league expand in 2026?",
            0.03,
        ),
        (
            "The board is unlikely to sell, with one insider adding the chance of a sale is close "
            "to zero.",
            "Will the board sell by 1 March 2026?",
            0.32,
        ),
    ],
)
def test_sources_views_open_questions_neither_and_near_zero(
    text: str, question: str, p: float
) -> None:
    assert questions(text)[0] == (question, p)


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (
            "The collectors will be eager buyers of stamps as the hobby is not a passing fad.",
            "Will the collectors be eager buyers of stamps by 1 March 2026?",
        ),
        (
            "The fares are expected to be kept on hold on Monday following better-than-expected "
            "ticket sales.",
            "Will the fares be kept on hold on Monday?",
        ),
        (
            "The bank will keep rates unchanged as the recovery remains fragile.",
            "Will the bank keep rates unchanged by 1 March 2026?",
        ),
        (
            "The bank will keep rates unchanged as a signal of patience.",
            "Will the bank keep rates unchanged as a signal of patience by 1 March 2026?",
        ),
    ],
)
def test_a_reason_after_the_event_leaves_the_question(text: str, question: str) -> None:
    assert questions(text)[0][0] == question


@pytest.mark.parametrize(
    ("text", "question", "p"),
    [
        ("A truce by June is 30% likely.", "Will there be a truce by June?", 0.3),
        ("The bank is 80% likely to cut in September.", "Will the bank cut in September?", 0.8),
        (
            "The odds of a hung council stand at 60 percent.",
            "Will there be a hung council by 1 March 2026?",
            0.6,
        ),
        ("A recession next year: 35%.", "Will there be a recession next year?", 0.35),
        (
            "She gives the reform a 60-40 chance of passing.",
            "Will the reform pass by 1 March 2026?",
            0.6,
        ),
    ],
)
def test_percent_likely_split_odds_and_listed_events(text: str, question: str, p: float) -> None:
    assert questions(text) == [(question, p)]


def test_a_statistic_with_a_colon_is_not_a_listed_event() -> None:
    assert questions("GDP growth in 2025: 2.1%.") == []


@pytest.mark.parametrize(
    ("text", "p"),
    [
        ("The council is not likely to approve the plan.", 0.32),
        ("It is not likely that the council will approve the plan.", 0.32),
        ("The council is unlikely ever to approve the plan.", 0.32),
        ("The council almost certainly won't approve the plan.", 0.07),
        ("The council probably won't approve the plan.", 0.32),
        ("The council may or may not approve the plan.", 0.5),
        ("The council is widely tipped to approve the plan.", 0.68),
        ("The council will definitely approve the plan.", 0.97),
        ("There is no way the council approves the plan.", 0.01),
    ],
)
def test_negated_and_graded_wordings_give_the_events_probability(text: str, p: float) -> None:
    assert questions(text) == [("Will the council approve the plan by 1 March 2026?", p)]


def test_a_title_case_month_horizon_is_read() -> None:
    text = "Futures Pricing In a 30% Chance Of A Fare Cut In September\n\nText."
    [draft] = [d for d in ex.extract(text, ref="a", published=PUBLISHED) if d.predictions]
    assert draft.resolve_by == date(2025, 9, 30)


def test_a_chance_of_this_is_the_number_of_the_claim_before_it() -> None:
    text = (
        "The council will probably approve the new tram line. Our model gives a 70% chance of this."
    )
    assert questions(text) == [("Will the council approve the new tram line by 1 March 2026?", 0.7)]
