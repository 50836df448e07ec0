"""The words-to-probability table: sourced, on the ICD 203 scale, and consistent."""

import ast
import inspect
import re
from decimal import ROUND_HALF_EVEN, Decimal

import pytest

from forecastbook.extract import words

# ICD 203 bands (lower, upper) in percent, and the value the table gives each band's terms.
ICD_203 = {
    ("almost no chance", "remote"): (1, 5),
    ("very unlikely", "highly improbable"): (5, 20),
    ("unlikely", "improbable"): (20, 45),
    ("even chance", "roughly even"): (45, 55),
    ("likely", "probable", "probably"): (55, 80),
    ("very likely", "highly probable"): (80, 95),
    ("almost certain", "almost certainly", "nearly certain"): (95, 99),
}


def test_table_is_in_range_and_ordered_sensibly() -> None:
    table = words.table()
    assert all(0 < p < 1 for p in table.values())
    assert table["almost certain"] > table["very likely"] > table["likely"] > table["even chance"]
    assert (
        table["even chance"]
        > table["unlikely"]
        > table["very unlikely"]
        > table["almost no chance"]
    )


@pytest.mark.parametrize(("terms", "band"), ICD_203.items(), ids=[t[0] for t in ICD_203])
def test_icd_203_terms_sit_at_the_middle_of_their_band(terms, band) -> None:
    # The middle, rounded to the nearest hundredth with ties to even (the module docstring).
    exact = (Decimal(band[0]) + Decimal(band[1])) / 200
    middle = float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))
    for term in terms:
        assert words.WORDS[term] == pytest.approx(middle), term


def test_every_entry_names_its_source() -> None:
    """Each `"phrase": p,` line of the table ends with a comment naming ICD 203, Kent or own."""
    source = inspect.getsource(words)
    body = source[source.index("WORDS: dict[str, float] = {") : source.index("\n}\n")]
    entries = [line for line in body.splitlines() if re.match(r'\s+"[^"]+": [0-9.]+,', line)]
    assert len(entries) == len(words.WORDS)
    for line in entries:
        assert re.search(r"# (ICD 203|Kent|own)\b", line), line


def test_negations_are_complements() -> None:
    table = words.WORDS
    assert table["will not"] == pytest.approx(1 - table["will"])
    assert table["won't"] == table["will not"]
    assert table["is not expected to"] == pytest.approx(1 - table["expected to"])


def test_most_probably_is_above_probably() -> None:
    assert words.WORDS["most probably"] > words.WORDS["probably"]
    assert (
        words.probability_of("So most probably he sees the openings")
        == words.WORDS["most probably"]
    )


@pytest.mark.parametrize(
    "word", ["potential", "possible", "risk", "can", "unrealistic", "not realistic"]
)
def test_words_about_the_event_not_the_belief_are_not_in_the_table(word: str) -> None:
    assert word not in words.WORDS
    assert words.find_phrase(f"a {word} negotiation") is None


@pytest.mark.parametrize(
    ("text", "p"),
    [
        ("Ukraine may face pressure to negotiate", 0.35),
        ("NATO will very likely expand", 0.88),
        ("Europe will likely raise spending", 0.68),
        ("It is highly unlikely that Russia withdraws", 0.12),
        ("Russia will not withdraw", 0.15),
        ("The firm will probably miss its target", 0.68),
        ("A potential negotiation", words.DEFAULT_PROBABILITY),
        ("The sky is blue", 0.5),
    ],
)
def test_probability_of(text: str, p: float) -> None:
    assert words.probability_of(text) == p


def test_no_phrase_gives_the_callers_default() -> None:
    assert words.probability_of("The sky is blue", default=-1.0) == -1.0


def test_docstring_bands_match_the_test() -> None:
    # The module docstring and this test describe the same ICD 203 bands.
    doc = ast.get_docstring(ast.parse(inspect.getsource(words))) or ""
    for (first, *_), (low, high) in ICD_203.items():
        if first == "even chance":
            first = "roughly even chance"
        assert f"{first}" in doc and f"{low}-{high}%" in doc


def test_user_table_overrides(tmp_path, monkeypatch) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("# mine\nmay: 0.45\n'slim chance': 0.1\n")
    monkeypatch.setenv("FORECASTBOOK_WORDS", str(path))
    words.table.cache_clear()
    words._pattern.cache_clear()
    try:
        assert words.probability_of("there is a slim chance of peace") == 0.1
        assert words.probability_of("it may rain") == 0.45
    finally:
        monkeypatch.delenv("FORECASTBOOK_WORDS")
        words.table.cache_clear()
        words._pattern.cache_clear()
