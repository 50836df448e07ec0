"""YAML text helpers: what is written reads back as the same data."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecastbook.format import yamlio


@pytest.mark.parametrize(
    "text", ["p\x85첥IÝ", "a\u2028b\u2029c", "bell\x07", "\ufeffbom", "tab\there", "yes", "1e-07"]
)
def test_awkward_strings_read_back(text: str) -> None:
    assert yamlio.load(yamlio.dump({"q": text})) == {"q": text}


@given(st.text())
def test_any_string_reads_back(text: str) -> None:
    # Found by fuzzing CSV import: PyYAML wrote NEL raw and read it back as a space.
    assert yamlio.load(yamlio.dump({"q": text})) == {"q": text}


@pytest.mark.parametrize("header", ["", "# header\n"])
def test_comment_after_a_removed_first_key_stays_in_front_of_the_next(header: str) -> None:
    """Found by the fuzz suite: reopening a file that starts with `resolution:` lost the
    comment lines after the resolution block."""
    text = header + "resolution:\n  outcome: 'no'\n# about a\na: 1  # inline\nb: 2\n"
    old = {"resolution": {"outcome": "no"}, "a": 1, "b": 2}
    new = yamlio.update(text, old, {"a": 1, "b": 2})
    assert new == header + "# about a\na: 1  # inline\nb: 2\n"
    assert yamlio.load(new) == {"a": 1, "b": 2}
