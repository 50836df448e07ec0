"""The words-to-probability table."""

import pytest

from forecastbook.extract import words


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


@pytest.mark.parametrize(
    ("text", "p"),
    [
        ("Ukraine may face pressure to negotiate", 0.35),
        ("NATO will very likely expand", 0.88),
        ("Europe will likely raise spending", 0.68),
        ("It is highly unlikely that Russia withdraws", 0.10),
        ("Russia will not withdraw", 0.10),
        ("The sky is blue", 0.5),
    ],
)
def test_probability_of(text: str, p: float) -> None:
    assert words.probability_of(text) == p


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
