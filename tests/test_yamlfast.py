"""yamlfast gives exactly what PyYAML's CSafeLoader gives, or steps aside (None)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from forecastbook import yamlfast, yamlio


def same(a: object, b: object) -> bool:
    """Equal values of equal types all the way down (True is not 1, 1.0 is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(
            same(k, kb) and same(a[k], b[kb]) for k, kb in zip(a, b, strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b and (not isinstance(a, dt.datetime) or a.tzinfo == b.tzinfo)


def check(text: str) -> tuple[object] | None:
    """The fast result, after checking it against PyYAML's (None when the fast loader
    declines: PyYAML's own answer, value or error, is then what yamlio uses)."""
    fast = yamlfast.load(text)
    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
    except Exception:
        assert fast is None, f"fast loader accepted what PyYAML refuses: {text!r}"
        return None
    if fast is not None:
        assert same(fast[0], expected), (text, fast[0], expected)
    return fast


HANDLED = [
    "",
    "# only a comment\n",
    "a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: yes\ng: 'yes'\nh: \"x\"\n",
    "n: 0x1F\no: 0o17\np: 1_000\nq: 1:30\nr: 1.5e3\ns: .inf\nt: -.inf\nu: .nan\nv: 010\n",
    "d: 2025-01-02\nt: 2025-01-02T03:04:05Z\nu: 2025-01-02 03:04:05.123+02:00\nw: 2025-1-2\n",
    "l: [1, 'a', b, {c: d}]\nm: {x: [], y: {}}\n",
    "- a\n- - b\n  - c\n- {k: v}\n",
    "1: int key\n2025-01-01: date key\ntrue: bool key\nnull: null key\n1.5: float key\n",
    "dup: 1\ndup: 2\n",
    "s: |\n  block\n  text\nf: >\n  folded\n  text\n",
    "q: 'it''s'\nr: \"tab\\there \\u00e9\"\n",
    "id: q1\nquestion: Will it rain?\npredictions:\n- at: '2025-01-01T00:00:00Z'\n  p: 0.3\n",
    "plain: hello world\nunicode: héllo — ✓\n",
    "y: '-'\nz: 0.\n",
    "a: !!str 1\nb: !!int '2'\n",
]

DECLINED = [
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!python/object:os.system {}\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",
    "<<: {x: 1}\n",
    "? [a, b]\n: value\n",
    "a: !custom x\n",
    "a: [1, 2\n",
    "a: 1\n---\nb: 2\n",
    "d: 2024-02-30\n",
    "\t- tab\n",
    "a: b: c\n",
]


@pytest.mark.parametrize("text", HANDLED)
def test_handled_documents_match_pyyaml(text: str) -> None:
    assert check(text) is not None, f"expected the fast loader to handle {text!r}"


@pytest.mark.parametrize("text", DECLINED)
def test_unusual_documents_are_left_to_pyyaml(text: str) -> None:
    assert yamlfast.load(text) is None
    check(text)


def test_yamlio_load_reports_the_same_errors_as_before() -> None:
    with pytest.raises(yamlio.YamlError, match="tag"):
        yamlio.load("a: !!python/object:os.system {}\n")
    with pytest.raises(yamlio.YamlError) as err:
        yamlio.load("a: 1\nb: [1, 2\n")
    assert err.value.line is not None
    with pytest.raises(yamlio.YamlError, match="invalid value"):
        yamlio.load("d: 2024-02-30\n")


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes(timezones=st.just(dt.UTC) | st.none())
)
keys = st.text(max_size=10) | st.integers() | st.booleans() | st.dates()
data = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(value=data, flow=st.sampled_from([False, True, None]), width=st.sampled_from([20, 80]))
def test_dumped_data_loads_as_pyyaml_loads_it(value: object, flow: object, width: int) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, width=width, allow_unicode=True)
    assert check(text) is not None


YAMLISH = st.text(alphabet=" \n\t-:#'\"[]{},&*!|>?%@`abcyesno0123456789.eE+_~T", max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=YAMLISH)
def test_arbitrary_text_matches_pyyaml_or_is_declined(text: str) -> None:
    check(text)
