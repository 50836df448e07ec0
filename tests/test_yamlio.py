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


def test_appending_a_prediction_leaves_every_other_byte(monkeypatch) -> None:
    """Issue 16, item 12: appending to a long history is a text insertion (ruamel's round
    trip took seconds on 20,000 predictions, under the book's lock)."""
    import ruamel.yaml

    def no_ruamel(*args: object, **kwargs: object) -> None:
        raise AssertionError("ruamel was used")

    monkeypatch.setattr(ruamel.yaml, "YAML", no_ruamel)
    text = (
        "# mine\nid: q\ncreated: 2024-01-01  # unquoted\npredictions:\n"
        "  - at: 2024-01-02T00:00:00Z  # first\n    by: a\n    p: 0.5\n"
        "# trailing comment\n"
    )
    old = {"id": "q", "created": "2024-01-01",
           "predictions": [{"at": "2024-01-02T00:00:00Z", "by": "a", "p": 0.5}]}  # fmt: skip
    new = {**old, "predictions": [*old["predictions"], {"at": "2024-01-03T00:00:00Z", "by": "b",
           "p": 0.25, "note": "it's: #1"}]}  # fmt: skip
    result = yamlio.update(text, old, new)
    assert result.startswith(text.split("# trailing")[0])
    assert result.endswith("# trailing comment\n")
    loaded = yamlio.load(result)
    assert loaded["predictions"][1] == new["predictions"][1]
    assert len(result.splitlines()) == len(text.splitlines()) + 4
