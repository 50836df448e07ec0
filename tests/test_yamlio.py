"""YAML text helpers: what is written reads back as the same data."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecastbook import yamlio


@pytest.mark.parametrize(
    "text", ["p\x85첥IÝ", "a\u2028b\u2029c", "bell\x07", "\ufeffbom", "tab\there", "yes", "1e-07"]
)
def test_awkward_strings_read_back(text: str) -> None:
    assert yamlio.load(yamlio.dump({"q": text})) == {"q": text}


@given(st.text())
def test_any_string_reads_back(text: str) -> None:
    # Found by fuzzing CSV import: PyYAML wrote NEL raw and read it back as a space.
    assert yamlio.load(yamlio.dump({"q": text})) == {"q": text}
