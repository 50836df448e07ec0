"""The fast `add` path (newentry) against the model path: the same file, or it declines."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from math import fsum
from pathlib import Path
from typing import Any

import pytest
from dateutil import tz
from hypothesis import event, given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bookfiles import snapshot
from forecastbook import book, newentry, settings, store, yamlio
from forecastbook.cli import app
from forecastbook.errors import ForecastbookError
from forecastbook.models import Forecast, dump_forecast
from forecastbook.newentry import NewQuestion
from forecastbook.parsing import parse_timestamp
from reliability.forecast_strategies import TRICKY, fuzz_settings

NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)
TODAY = date(2025, 6, 1)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both paths stamp a prediction without --at at the same moment."""
    monkeypatch.setattr(newentry, "now", lambda: NOW)
    monkeypatch.setattr(book, "now", lambda: NOW)
    monkeypatch.setattr(settings, "today", lambda: TODAY)


def model_data(request: NewQuestion) -> dict[str, Any]:
    return dump_forecast(book.new_question(request))


# -- strategies ------------------------------------------------------------------------------


def mostly(usual: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`usual` three times in four, so that many examples get past every check."""
    return st.one_of(usual, usual, usual, odd)


# Unicode White_Space (pydantic strips it), what only Python's strip() strips (\x1c-\x1f),
# and look-alikes that nobody strips.
PADDING = [" ", "\t", "\n", "\r", "\v", "\f", "\x85", "\xa0", "\u2003", "\u3000", "\u2028",
           "\x1c", "\x1f", "\u200b", "\ufeff", "\x00"]  # fmt: skip
SURROGATES = ["\udcff", "a\ud800b", "\udfff"]

cores = st.one_of(
    st.sampled_from([*TRICKY, "", "annulled", "Annulled", "Same?", "a", "b", *SURROGATES]),
    st.text(st.characters(exclude_categories=()), max_size=30),  # control chars, surrogates
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.builds(
        lambda word, n: (word + " ") * n,
        st.sampled_from(["word", "é日", "a: b"]),
        st.integers(100, 800),
    ),
)


texts = mostly(
    st.sampled_from(["Will it rain?", "a", "b", "x y", "é ü 日本", "yes", " padded\t"]),
    st.builds(
        lambda before, core, after: before + core + after,
        st.text(st.sampled_from(PADDING), max_size=3),
        cores,
        st.text(st.sampled_from(PADDING), max_size=3),
    ),
)
maybe_texts = mostly(st.none(), st.one_of(st.just(""), texts))

ZONES = [
    UTC,
    timezone(timedelta(0)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-8)),
    timezone(timedelta(hours=23, minutes=59)),
    timezone(timedelta(hours=1, minutes=1, seconds=1)),  # pydantic drops the seconds
    timezone(-timedelta(seconds=1)),  # pydantic writes -00:00
    tz.tzutc(),
    tz.tzoffset(None, 3600),
    tz.gettz("Europe/Paris"),
]
past_moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2025, 1, 1), timezones=st.sampled_from(ZONES)
)
future_moments = st.datetimes(
    min_value=datetime(2040, 1, 1), max_value=datetime(2050, 1, 1), timezones=st.just(UTC)
)
AT_TEXTS = ["2024-01-02", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05.1234+05:30",
            "2024-01-02T03:04:05.000001-08:00", "2024-01-02T03:04:05+01:01:01",
            "2 January 2024 10:00", "2024-01-02 10:00 +0200", "2024-01-02T03:04:05"]  # fmt: skip
moments = mostly(
    st.one_of(st.none(), past_moments, st.sampled_from(AT_TEXTS).map(parse_timestamp)),
    future_moments,
)
dates = st.one_of(
    st.dates(date(1990, 1, 1), date(2035, 1, 1)),
    st.sampled_from([date(1, 1, 1), date(9999, 12, 31)]),
)
IDS = ["q", "same", "a-b", "", "A", "-a", "a/b", "a" * 64, "a" * 65, "a b", "a\n", "é", "q "]
ids = mostly(
    st.none(),
    st.one_of(st.sampled_from(IDS), st.from_regex(r"[a-z0-9][a-z0-9-]{0,70}", fullmatch=True)),
)
probabilities = mostly(
    st.floats(0, 1),
    st.one_of(
        st.sampled_from([0.0, 1.0, -0.0, 1e-7, 0.1 + 0.2, 1.5, -0.1, float("nan"), float("inf")]),
        st.integers(0, 1),
    ),
)
PUBLISHED = [None, None, None, "", "2025-02-20", " 2025-02-20 ", "20 February 2025",
             "06/07/2026", "garbage", "2024-02-30", "0001-01-01"]  # fmt: skip
# Sums just inside and just outside the 1e-6 tolerance, and far off.
SUM_ERRORS = [0.0, 0.0, 0.0, 1e-6, -1e-6, 0.999999e-6, -0.999999e-6, 1.000001e-6, 0.1, -0.5]


@st.composite
def option_pairs(draw: st.DrawFn) -> tuple[tuple[str, float], ...]:
    names = draw(
        mostly(
            st.lists(st.sampled_from(["a", "b", "c", "yes", "é", "left", "right"]),
                     min_size=2, max_size=5, unique=True),
            st.lists(st.one_of(st.sampled_from([" a", "a ", "a", "annulled", "c\x1c"]), texts),
                     max_size=5),
        )
    )  # fmt: skip
    if not names:
        return ()
    if draw(st.booleans()):
        values = draw(st.lists(probabilities, min_size=len(names), max_size=len(names)))
    else:
        weights = draw(st.lists(st.integers(0, 100), min_size=len(names), max_size=len(names)))
        total = sum(weights) or 1
        values = [w / total for w in weights]
        values[-1] = 1.0 - fsum(values[:-1]) + draw(st.sampled_from(SUM_ERRORS))
    return tuple(zip(names, values, strict=True))


@st.composite
def new_questions(draw: st.DrawFn) -> NewQuestion:
    created = draw(dates)
    resolve_by = None
    if 1 < created.year < 9999 and draw(st.booleans()):
        resolve_by = created + timedelta(days=draw(st.integers(-3, 3000)))
    options = draw(option_pairs()) if draw(st.booleans()) else ()
    p = None if options and draw(st.integers(0, 9)) else draw(st.one_of(st.none(), probabilities))
    return NewQuestion(
        question=draw(texts),
        created=created,
        by=draw(texts),
        forecast_id=draw(ids),
        p=p,
        options=options,
        at=draw(moments),
        note=draw(maybe_texts),
        criteria=draw(maybe_texts),
        resolve_by=resolve_by,
        horizon=draw(maybe_texts),
        tags=tuple(
            draw(st.lists(st.one_of(st.sampled_from(["x", " x", "x ", ""]), texts), max_size=4))
        ),
        group=draw(maybe_texts),
        condition=draw(st.sampled_from([None, None, None, None, "", "q=yes", "bad"])),
        **draw(mostly(sources(), st.fixed_dictionaries({
            "source": maybe_texts, "quote": maybe_texts, "published": st.sampled_from(PUBLISHED)
        }))),
    )  # fmt: skip


def sources() -> st.SearchStrategy[dict[str, Any]]:
    """No source at all, or a source with its optional quote and publication date."""
    return st.one_of(
        st.just({}),
        st.fixed_dictionaries(
            {"source": texts},
            optional={"quote": texts, "published": st.sampled_from(PUBLISHED[1:])},
        ),
    )


# -- the two paths agree ---------------------------------------------------------------------


@fuzz_settings(400)
@given(request=new_questions())
def test_fast_path_gives_the_model_file_or_declines(request: NewQuestion) -> None:
    fast = newentry.build(request)
    try:
        forecast = book.new_question(request)
    except ForecastbookError:
        event("the model path refuses")
        assert fast is None
        return
    if fast is None:
        event("the fast path declines a valid question")
        return
    event("the fast path")
    expected = dump_forecast(forecast)
    assert fast == expected
    text = yamlio.dump(fast)
    assert text == yamlio.dump(expected)
    assert newentry.certainty_warning(fast) == book.certainty_warning(forecast.predictions)
    if yamlio.load(text) == fast:  # newentry.add's guard; it declines otherwise
        again = store.parse(text, Path(f"{fast['id']}.yaml"))
        assert dump_forecast(again) == fast


def test_whitespace_is_stripped_as_pydantic_strips_it() -> None:
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    tags = [f"{c}x{i}{c}" for i, c in enumerate(chars)]
    forecast = Forecast(id="q", question="q", created=TODAY, tags=tags)
    assert forecast.tags == [newentry._str(tag) for tag in tags]


@pytest.mark.parametrize(
    "request_",
    [
        NewQuestion("  Will it rain?\t", created=TODAY, by=" me ", p=0.3),
        NewQuestion("No prediction yet", created=TODAY, by="  ", note=" unused "),
        NewQuestion(
            "Who wins?",
            created=date(2025, 2, 20),
            by="me",
            forecast_id="who",
            options=(("left", 0.4), ("right", 0.6)),
            at=datetime(2025, 2, 20, 10, 30, 0, 123400, tzinfo=timezone(timedelta(hours=-5))),
            note=" n ",
            criteria="",
            resolve_by=date(2026, 2, 20),
            horizon="6-12 months",
            tags=("b", " a", "b", "a "),
            group="g",
            source="articles/x.txt",
            quote=" a quote ",
            published="20 February 2025",
        ),
        NewQuestion("Sure?", created=TODAY, by="me", p=1.0, at=datetime(2024, 1, 2, tzinfo=UTC)),
        NewQuestion(
            "Sum at the edge", created=TODAY, by="me", options=(("a", 0.5), ("b", 0.5000009))
        ),
    ],
)
def test_ordinary_questions_take_the_fast_path(request_: NewQuestion) -> None:
    fast = newentry.build(request_)
    assert fast is not None
    assert yamlio.dump(fast) == yamlio.dump(model_data(request_))


@pytest.mark.parametrize(
    "request_",
    [
        NewQuestion("Q", created=TODAY, by="me", p=0.5, condition="other=yes"),
        NewQuestion("Q", created=TODAY, by="me", p=0.5, at=datetime(2024, 1, 1, tzinfo=tz.tzutc())),
        NewQuestion(
            "Q",
            created=TODAY,
            by="me",
            p=0.5,
            at=datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=1, seconds=1))),
        ),
        NewQuestion("Q", created=TODAY, by="me", p=0.5, at=datetime(2024, 1, 1)),  # naive
        NewQuestion("Q\udcff", created=TODAY, by="me", p=0.5),
        NewQuestion("Q", created=TODAY, by="me", p=0.5, forecast_id="Not An Id"),
        NewQuestion("Q", created=TODAY, by="me", options=(("a", 0.5), ("b", 0.5000011))),
    ],
)
def test_unusual_questions_are_left_to_the_models(request_: NewQuestion) -> None:
    assert newentry.build(request_) is None


# -- through the command line ----------------------------------------------------------------

cli_texts = texts.filter(lambda s: not s.startswith("-"))


def usually(usual: list[str], odd: list[str]) -> st.SearchStrategy[str]:
    return mostly(st.sampled_from(usual), st.sampled_from(odd))


DATE_TEXTS = ["2025-01-01", "2026-06-30", "30 June 2026"]
FLAGS = {
    "--id": usually(["q", "same"], ["Same", "", "a" * 65]),
    "--by": cli_texts,
    "--at": usually(AT_TEXTS, ["2090-01-01", "soon"]),
    "--created": usually(DATE_TEXTS, ["2020-01-01", "06/07/2026", "nope"]),
    "--resolve-by": usually(DATE_TEXTS, ["2020-01-01", "06/07/2026", "nope"]),
    "--horizon": usually(["6-12 months", "by 2027"], ["", "whenever"]),
    "--criteria": cli_texts,
    "--group": cli_texts,
    "--note": cli_texts,
    "--source": usually(["articles/x.txt"], ["", "  "]),
    "--quote": usually(["a quote"], ["", " "]),
    "--published": usually(["2025-02-20"], ["", "06/07/2026"]),
    "--condition": usually(["same=yes"], ["same=maybe", "bad", ""]),
}
P_TEXTS = usually(["0.4", "35%", "35", "0", "1", "100%", "1e-7", "0.1234567890123"],
                  ["-0", "1.5", "x", ""])  # fmt: skip
OPTION_SETS = usually(
    ["a=0.5 b=0.5", "a=40% b=0.6", "yes=0.2 no=0.3 maybe=0.5", "a=0.5 b=0.5000009"],
    ["a=0.5", "a=0.5 a=0.5", " a =0.5 a=0.5", "annulled=0.5 b=0.5", "=0.5 b=0.5", "a=x b=1",
     "a=0.5 b=0.5000011"],
)  # fmt: skip


@st.composite
def add_arguments(draw: st.DrawFn) -> list[str]:
    args = ["add", draw(st.one_of(st.sampled_from(["Same?", "Will it rain?"]), cli_texts))]
    kind = draw(st.sampled_from(["binary", "multiple choice", "neither", "both"]))
    if kind in ("binary", "both"):
        args += ["--p", draw(P_TEXTS)]
    if kind in ("multiple choice", "both"):
        for option in draw(OPTION_SETS).split():
            args += ["--option", option]
    for flag, values in FLAGS.items():
        if draw(st.integers(0, 4)) == 0:
            args += [flag, draw(values)]
    for tag in draw(st.lists(st.sampled_from(["x", " x", "", "y"]), max_size=3)):
        args += ["--tag", tag]
    return args


EXISTING = """\
schema_version: 1
id: same
question: Same?
kind: binary
created: '2025-01-01'
"""


@fuzz_settings(80)
@given(args=add_arguments())
def test_cli_add_is_the_same_with_or_without_the_fast_path(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = Path(tempfile.mkdtemp(dir=tmp_path)) / "book"  # one path: errors name it
    results = []
    for fast in (True, False):
        with monkeypatch.context() as patch:
            if not fast:
                patch.setattr(newentry, "build", lambda request: None)
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir()
            (root / "same.yaml").write_text(EXISTING)
            result = CliRunner().invoke(app, ["--book", str(root), *args])
            exception = None if isinstance(result.exception, SystemExit) else result.exception
            results.append(
                (result.exit_code, result.stdout, result.stderr, repr(exception), snapshot(root))
            )
    event(f"exit code {results[0][0]}")
    assert results[0] == results[1]


def test_fallback_gives_the_model_error(fb: Any) -> None:
    request = NewQuestion("Q?", created=TODAY, by="  ", p=0.5)
    assert newentry.build(request) is None
    with pytest.raises(ForecastbookError) as refused:
        book.new_question(request)
    result = fb("add", "Q?", "--p", "0.5", "--by", "  ")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {refused.value}\n"
    assert result.stderr == "Error: --by: String should have at least 1 character\n"


# -- what a plain `add` imports --------------------------------------------------------------

RUN_CLI = """\
import sys
from forecastbook import cli

sys.argv = ["forecastbook", *sys.argv[1:]]
try:
    cli.main()
except SystemExit:
    pass
print("loaded:", *[m for m in ("pydantic.main", "forecastbook.models", "forecastbook.book")
                   if m in sys.modules])
"""


def run_add(root: Path, *args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN_CLI, "--book", str(root), "add", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_plain_add_does_not_load_pydantic_models(book_dir: Path) -> None:
    assert run_add(book_dir, "Will it rain?", "--p", "0.3") == ["will-it-rain", "loaded:"]
    assert run_add(
        book_dir, "Who wins?", "--option", "a=40%", "--option", "b=0.6", "--tag", "x",
        "--at", "2025-01-01T10:00:00.5+05:30", "--source", "s.txt", "--quote", "q",
        "--published", "2025-01-01", "--resolve-by", "2030-01-01",
    ) == ["who-wins", "loaded:"]  # fmt: skip
    # A condition needs the other question validated, so it takes the model path.
    assert run_add(book_dir, "If so?", "--p", "0.5", "--condition", "will-it-rain=yes") == [
        "if-so",
        "loaded: pydantic.main forecastbook.models forecastbook.book",
    ]
    count, problems = book.validate(book_dir)
    assert (count, problems) == (3, [])
