"""`forecastbook add` without pydantic: a new question as file data, and its first write.

Importing and building the pydantic models costs more than the rest of `add` together.
`build` makes the data that `book.new_question` and `models.dump_forecast` would give,
with plain checks, and is conservative: when anything is invalid or unusual it returns
None and the caller takes the model path, which gives the real error message.
tests/test_newentry.py checks that the two paths agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from math import fsum, isfinite
from pathlib import Path
from typing import Any

from . import store, yamlio
from .errors import BadInput
from .fileformat import ANNULLED, SCHEMA_VERSION, SUM_TOLERANCE, check_id, claim_id, slugify
from .fileformat import certainty_warning as _certainty_warning
from .parsing import check_not_future, now, parse_date


@dataclass(frozen=True)
class NewQuestion:
    """The arguments of `forecastbook add`, parsed into dates and numbers, not yet checked."""

    question: str
    created: date
    by: str
    forecast_id: str | None = None
    p: float | None = None
    options: tuple[tuple[str, float], ...] = ()
    at: datetime | None = None
    note: str | None = None
    criteria: str | None = None
    resolve_by: date | None = None
    horizon: str | None = None
    tags: tuple[str, ...] = ()
    group: str | None = None
    condition: str | None = None
    source: str | None = None
    quote: str | None = None
    published: str | None = None


class _Defer(Exception):
    """Not for the fast path: the model path decides (and words any error)."""


def build(request: NewQuestion) -> dict[str, Any] | None:
    """The file data of the new question, as the model path would write it; None to defer.

    Keys come in `FIELD_ORDER`, defaults are left out, dates and times are JSON strings.
    """
    try:
        return _build(request)
    except _Defer:
        return None


def _build(q: NewQuestion) -> dict[str, Any]:
    if q.condition:  # checking it means reading (and validating) the other question
        raise _Defer
    question = _text(q.question)
    if q.forecast_id is not None:
        try:
            check_id(q.forecast_id)
        except BadInput:
            raise _Defer from None
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "id": q.forecast_id or slugify(q.question),
        "question": question,
    }
    options = [_text(name) for name, _ in q.options]
    if options:
        if len(options) < 2 or len(set(options)) < len(options) or ANNULLED in options:
            raise _Defer
        data["kind"] = "multiple_choice"
        data["options"] = options
    else:
        data["kind"] = "binary"
    _put_str(data, "criteria", q.criteria)
    data["created"] = _date(q.created)
    if q.resolve_by is not None:
        data["resolve_by"] = _date(q.resolve_by)
        if q.resolve_by < q.created:
            raise _Defer
    _put_str(data, "horizon", q.horizon)
    tags = list(dict.fromkeys(_text(tag) for tag in q.tags))
    if tags:
        data["tags"] = tags
    _put_str(data, "group", q.group)
    if q.source or q.quote or q.published:
        data["source"] = _source(q)
    prediction = _prediction(q, options)
    if prediction is not None:
        data["predictions"] = [prediction]
    return data


def _prediction(q: NewQuestion, options: list[str]) -> dict[str, Any] | None:
    if q.p is None and not q.options:
        return None  # a question without a first prediction; `by` and `note` go unused
    pred: dict[str, Any] = {"at": _timestamp(q.at if q.at is not None else now())}
    if q.at is not None:
        try:
            check_not_future(q.at)
        except BadInput:
            raise _Defer from None
    pred["by"] = _text(q.by)
    if q.p is not None:
        if q.options:
            raise _Defer
        pred["p"] = _probability(q.p)
    else:
        values = [_probability(value) for _, value in q.options]
        if abs(fsum(values) - 1.0) > SUM_TOLERANCE:
            raise _Defer
        pred["probabilities"] = dict(zip(options, values, strict=True))
    _put_str(pred, "note", q.note)
    return pred


def _source(q: NewQuestion) -> dict[str, Any]:
    if not q.source:
        raise _Defer
    src: dict[str, Any] = {"ref": _text(q.source)}
    if q.published:
        try:
            published = parse_date(q.published, "--published")
        except Exception:  # whatever it is, the model path reports it in its own order
            raise _Defer from None
        src["published"] = _date(published)
    if q.quote is not None:
        src["quote"] = _text(q.quote)
    return src


# What pydantic's `str_strip_whitespace` strips (Rust's `trim`: Unicode White_Space).
# Python's `str.strip()` also strips \x1c-\x1f, which pydantic keeps.
_WHITESPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _str(value: object) -> str:
    """A string field as the models store it (every string is stripped)."""
    if type(value) is not str:
        raise _Defer
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (undecodable argv bytes): pydantic refuses
        raise _Defer from None
    return value.strip(_WHITESPACE)


def _text(value: object) -> str:
    """A required string field (`models.Text`): stripped and not empty."""
    text = _str(value)
    if not text:
        raise _Defer
    return text


def _put_str(data: dict[str, Any], key: str, value: str | None) -> None:
    if value is not None:
        data[key] = _str(value)


def _probability(value: object) -> float:
    if type(value) is not float or not isfinite(value) or not 0.0 <= value <= 1.0:
        raise _Defer
    return value


def _date(value: object) -> str:
    if type(value) is not date:
        raise _Defer
    return value.isoformat()


def _timestamp(moment: datetime) -> str:
    """`moment` as pydantic writes it in JSON: ISO 8601 with `Z` for UTC."""
    if type(moment) is not datetime or type(moment.tzinfo) is not timezone:
        raise _Defer
    offset = moment.utcoffset()
    if offset is None or offset % timedelta(minutes=1):
        raise _Defer  # pydantic writes +01:01:01 as +01:01, which reads back differently
    text = moment.isoformat()
    return text[:-6] + "Z" if not offset else text


def certainty_warning(entry: Mapping[str, Any]) -> str | None:
    """The warning `book.certainty_warning` gives for the predictions of `entry`."""
    values = []
    for pred in entry.get("predictions", []):
        values.extend([pred["p"]] if "p" in pred else pred["probabilities"].values())
    return _certainty_warning(values)


def add(root: Path, entry: Mapping[str, Any], *, explicit_id: bool = False) -> str | None:
    """Write the new question `entry` (from `build`) as `book.add` writes a model; its id.

    A generated id that is taken gets a numeric suffix; a taken explicit id is a `Conflict`.
    None (nothing written) when the text would not read back as `entry`.
    """
    store.check_book(root)
    with store.locked(root):
        taken = set(store.book_ids(root))
        data = {**entry, "id": claim_id(root, entry["id"], taken, explicit=explicit_id)}
        text = yamlio.dump(data)
        try:
            again = yamlio.load(text)
        except yamlio.YamlError:
            return None
        if again != data:
            return None
        store.write_new_text(root, data["id"], text)
    return data["id"]
