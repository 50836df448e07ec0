"""CSV import and CSV/JSON export of the book, one row per prediction.

Import reads a spreadsheet with the `csv` module (no pandas: it is a bookkeeping
command). Every row is checked before anything is written; the first bad row is reported
as ``FILE: row N, column C: message`` (row 1 is the header, as in a spreadsheet) and the
book is left untouched. Rows with the same ``id`` (or, without ids, the same question
text) are one question: each row adds a prediction, question-level cells may be left
blank after the first row, and a non-blank cell that disagrees is an error.

Columns (`COLUMNS`); ``question`` and ``probability`` are required, the rest optional:

``id``           question id (a slug); default: made from the question text
``question``     the question
``options``      multiple choice: option names separated by ``;``
``probability``  binary: ``0.35``, ``35%`` or ``35``; multiple choice: ``a=0.2;b=0.8``;
                 blank: a row without a prediction
``forecaster``   who predicted; default: ``$FORECASTBOOK_BY`` or the login name
``at``           when the prediction was made; default: the ``created`` date (00:00 UTC),
                 else the time of the import
``note``         a note on the prediction
``created``      the date the question was asked; default: the first prediction's date,
                 else today
``resolve_by``   the date it should resolve by
``outcome``      ``yes/no/1/0/true/false/annulled`` or an option; blank: open
``resolved_at``  when it resolved; default: the time of the import
``resolved_by``, ``evidence``  who resolved it and the evidence
``tags``         tags separated by ``;``
``resolution_note``  the resolution's note
``group``, ``criteria``, ``horizon``, ``source``  as in `forecastbook add`
``published``, ``quote``, ``source_line``  the source's publication date, quote and line
``condition``    ``ID=OUTCOME``: the question counts only if ID resolves OUTCOME
``draft``        ``true`` for a draft (not scored)
``resolution_history``  earlier resolutions (corrected or reopened), a JSON list

A list cell (``options``, ``tags``) may also be a JSON list, and a multiple-choice
``probability`` a JSON object, for names that contain ``;`` or ``=``; export writes
those forms when needed.

Export is lossless: it writes exactly these columns, in the order of the predictions in
each file, so export -> import into an empty book writes byte-identical files (for files
the tool wrote; comments and hand formatting are not exported). An empty text field
(``note: ''``) exports as a blank cell, which imports as no field. `import_text` reads the
JSON export (a list of row objects) as well as CSV.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (CSV injection). Export puts a ``'`` in front of such a cell, as OWASP
recommends (and in front of a cell that is already quotes followed by one of those, so
that the rule can be undone); import removes exactly one ``'`` from a cell of that shape.
A spreadsheet shows the cell as text, and export -> import gives back the same text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from forecastbook.book import store
from forecastbook.book.questions import check_id, free_id
from forecastbook.errors import BadInput, ForecastbookError
from forecastbook.format.models import ANNULLED, Forecast, error_location, match_outcome, slugify
from forecastbook.format.parsing import (
    check_not_future,
    now,
    parse_date,
    parse_probability,
    parse_timestamp,
)
from forecastbook.settings import default_forecaster

COLUMNS: tuple[str, ...] = (
    "id",
    "question",
    "options",
    "probability",
    "forecaster",
    "at",
    "note",
    "created",
    "resolve_by",
    "outcome",
    "resolved_at",
    "resolved_by",
    "evidence",
    "resolution_note",
    "tags",
    "group",
    "criteria",
    "horizon",
    "source",
    "published",
    "quote",
    "source_line",
    "condition",
    "draft",
    "resolution_history",
)
REQUIRED: tuple[str, ...] = ("question", "probability")
FORMATS: tuple[str, ...] = ("csv", "json")

_PREDICTION_FIELDS = ("probability", "forecaster", "at", "note")
_QUESTION_FIELDS = tuple(c for c in COLUMNS if c not in _PREDICTION_FIELDS)
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0", ""}


class InvalidCsv(ForecastbookError):
    """A CSV file to import has a bad row; nothing was written."""

    def __init__(self, path: Path | str, row: int, column: str | None, message: str) -> None:
        self.path = Path(path)
        self.row = row
        self.column = column
        where = f"row {row}, column {column}" if column else f"row {row}"
        super().__init__(f"{path}: {where}: {message}")


@dataclass
class ImportResult:
    """What an import wrote: the new question ids and how many predictions they hold."""

    ids: list[str] = field(default_factory=list)
    predictions: int = 0


@dataclass
class _Question:
    key: str
    first_row: int
    cells: dict[str, tuple[int, Any]] = field(default_factory=dict)
    predictions: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


# -- reading ---------------------------------------------------------------------------------


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a CSV (or JSON export) file as (row number, {column: cell})."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise ForecastbookError(msg) from None
    except IsADirectoryError:
        msg = f"{path}: is a folder, not a CSV file"
        raise ForecastbookError(msg) from None
    return parse_rows(raw, str(path))


def parse_rows(raw: bytes | str, name: str) -> list[tuple[int, dict[str, str]]]:
    """The data rows of CSV text, or of the JSON export (a list of objects), as
    (row number, {column: cell}); `name` names the input in messages.

    CSV rows are numbered as in a spreadsheet (row 1 is the header); JSON objects from 1.
    Cells come back as text, formula neutralisation undone (`restore_cell`).
    """
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            msg = f"{name}: not UTF-8 text"
            raise ForecastbookError(msg) from None
    else:
        text = raw.removeprefix("\ufeff")
    if text.lstrip().startswith("["):
        return _json_rows(text, name)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        msg = f"{name}: not valid CSV ({exc})"
        raise ForecastbookError(msg) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise InvalidCsv(name, 1, None, "no header row (needs columns question, probability)")
    header = [cell.strip().lower() for cell in records[0]]
    _check_header(name, header)
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            raise InvalidCsv(name, index, None, f"{len(record)} cells but {len(header)} columns")
        cells = {
            column: (restore_cell(record[i].strip(_WHITESPACE)) if i < len(record) else "")
            for i, column in enumerate(header)
        }
        rows.append((index, cells))
    return rows


def _check_header(name: str, header: list[str]) -> None:
    for column in header:
        if column not in COLUMNS:
            raise InvalidCsv(
                name, 1, column or "(blank)", f"unknown column; known: {', '.join(COLUMNS)}"
            )
    if len(set(header)) != len(header):
        twice = next(n for n in header if header.count(n) > 1)
        raise InvalidCsv(name, 1, twice, "column appears twice")
    for column in REQUIRED:
        if column not in header:
            raise InvalidCsv(name, 1, column, "required column is missing")


def _json_rows(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of `export --format json`, as the cells the CSV export would have."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = f"{name}: not valid JSON ({exc})"
        raise ForecastbookError(msg) from None
    if not isinstance(data, list):  # pragma: no cover - text starts with "["
        msg = f"{name}: expected a JSON list of rows"
        raise ForecastbookError(msg)
    rows = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InvalidCsv(name, index, None, "is not a JSON object of columns")
        for column in item:
            if column not in COLUMNS:
                raise InvalidCsv(
                    name, index, str(column), f"unknown column; known: {', '.join(COLUMNS)}"
                )
        if index == 1:
            _check_header(name, [c for c in COLUMNS if c in item or c not in REQUIRED])
        cells = {}
        for column, value in item.items():
            try:
                cells[column] = _json_cell(column, value).strip(_WHITESPACE)
            except ValueError as exc:
                raise InvalidCsv(name, index, column, str(exc)) from None
        rows.append((index, cells))
    return rows


def _json_cell(name: str, value: Any) -> str:
    """The CSV cell of a JSON value (the inverse of `export_rows` + `_cell`)."""
    if value is None:
        return ""
    if name == "probability" and isinstance(value, dict):
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
            msg = "option probabilities must be numbers"
            raise ValueError(msg)
        return format_probability({str(k): float(v) for k, v in value.items()})
    if name in ("tags", "options") and isinstance(value, list):
        if not all(isinstance(i, str) for i in value):
            msg = "expected a list of strings"
            raise ValueError(msg)
        return join_list(value)
    if name == "resolution_history" and isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if name == "draft" and isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, bool):
        msg = f"expected text, got {json.dumps(value)}"
        raise ValueError(msg)
    if isinstance(value, float) and name == "probability":
        return repr(value)
    if isinstance(value, (str, int, float)):
        return str(value)
    msg = f"expected text, got a JSON {type(value).__name__}"
    raise ValueError(msg)


# What the models strip from text (Unicode White_Space, as pydantic's str_strip_whitespace):
# Python's str.strip() also removes U+001C..U+001F, which would lose a character.
_WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)

# Cells starting with these are formulas in Excel, LibreOffice or Google Sheets (OWASP
# "CSV Injection"); the full-width forms are read as formulas by some Excel locales.
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def neutralise_cell(text: str) -> str:
    """`text` made safe for a spreadsheet: a `'` in front of a formula-like cell.

    Also quoted are cells that are already `'`s followed by a formula character, so that
    `restore_cell` can undo this exactly.

    >>> [neutralise_cell(t) for t in ("=1+1", "'=1", "'tis", "a")]
    ["'=1+1", "''=1", "'tis", 'a']
    """
    rest = text.lstrip("'")
    if rest[:1] in _FORMULA_START and rest:
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo `neutralise_cell`: one `'` less on a cell of `'`s followed by a formula character.

    >>> restore_cell("'=1+1"), restore_cell("''=1"), restore_cell("'tis")
    ('=1+1', "'=1", "'tis")
    """
    rest = text.lstrip("'")
    if text.startswith("'") and rest[:1] in _FORMULA_START and rest:
        return text[1:]
    return text


def split_list(text: str) -> list[str]:
    """A list cell: ``a;b;c`` or a JSON list.

    >>> split_list("nato; eu ;"), split_list('["a;b", "c"]')
    (['nato', 'eu'], ['a;b', 'c'])
    """
    if text.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError:
            items = None
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            msg = "not a JSON list of strings"
            raise ValueError(msg)
        return [i.strip(_WHITESPACE) for i in items if i.strip(_WHITESPACE)]
    return [part.strip(_WHITESPACE) for part in text.split(";") if part.strip(_WHITESPACE)]


def join_list(items: Sequence[str]) -> str:
    """The cell for a list: ``a;b`` or, when a name holds ``;`` or starts with ``[``, JSON.

    >>> join_list(["a", "b"]), join_list(["a;b"])
    ('a;b', '["a;b"]')
    """
    if any(";" in i or i.startswith("[") for i in items):
        return json.dumps(list(items), ensure_ascii=False)
    return ";".join(items)


def parse_probability_cell(text: str) -> float | dict[str, float]:
    """A probability cell: a number for binary, ``a=0.2;b=0.8`` or JSON for multiple choice.

    >>> parse_probability_cell("35%"), parse_probability_cell("a=20%;b=0.8")
    (0.35, {'a': 0.2, 'b': 0.8})
    """
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict) or not data:
            msg = "not a JSON object of option probabilities"
            raise ValueError(msg)
        return {str(k): _probability(v, f"option {k}") for k, v in data.items()}
    if "=" not in text:
        return _probability(text, "probability")
    probs: dict[str, float] = {}
    for part in text.split(";"):
        if not part.strip(_WHITESPACE):
            continue
        name, sep, value = part.rpartition("=")
        if not sep or not name.strip(_WHITESPACE):
            msg = f"{part.strip(_WHITESPACE)!r} is not NAME=PROBABILITY"
            raise ValueError(msg)
        if name.strip(_WHITESPACE) in probs:
            msg = f"option {name.strip(_WHITESPACE)!r} is named twice"
            raise ValueError(msg)
        probs[name.strip(_WHITESPACE)] = _probability(value, f"option {name.strip(_WHITESPACE)}")
    return probs


def _probability(value: Any, argument: str) -> float:
    """A plain number in [0, 1] exactly as written (export -> import keeps every bit)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if 0.0 <= number <= 1.0:
        return number
    return parse_probability(value, argument)


def format_probability(value: float | dict[str, float]) -> str:
    """The cell for a probability (inverse of `parse_probability_cell`, exact floats)."""
    if isinstance(value, dict):
        if any(";" in k or "=" in k or k.startswith("{") for k in value):
            return json.dumps(value, ensure_ascii=False)
        return ";".join(f"{k}={v!r}" for k, v in value.items())
    return repr(value)


def _parse_row(path: Path, row: int, cells: dict[str, str], forecaster: str) -> dict[str, Any]:
    """Typed values of one row; a bad cell raises `InvalidCsv` naming row and column."""
    out: dict[str, Any] = {}
    parsers: dict[str, Callable[[str], Any]] = {
        "id": lambda t: check_id(t, "id"),
        "options": split_list,
        "probability": parse_probability_cell,
        "at": lambda t: check_not_future(parse_timestamp(t, "at"), "at"),
        "created": lambda t: parse_date(t, "created"),
        "resolve_by": lambda t: parse_date(t, "resolve_by"),
        "resolved_at": lambda t: check_not_future(parse_timestamp(t, "resolved_at"), "resolved_at"),
        "tags": split_list,
        "condition": _parse_condition,
        "draft": _parse_bool,
        "published": lambda t: parse_date(t, "published"),
        "source_line": _parse_line,
        "resolution_history": _parse_history,
    }
    for column, text in cells.items():
        if not text:
            continue
        parser = parsers.get(column)
        if parser is None:
            out[column] = text
            continue
        try:
            out[column] = parser(text)
        except (ValueError, ForecastbookError) as exc:
            message = str(exc)
            if isinstance(exc, BadInput) and exc.argument == column:
                message = message.removeprefix(f"{column}: ")
            raise InvalidCsv(path, row, column, message) from None
    if "question" not in out and "id" not in out:
        raise InvalidCsv(path, row, "question", "is blank (and so is id)")
    out.setdefault("forecaster", forecaster)
    return out


def _parse_condition(text: str) -> tuple[str, str]:
    cond_id, sep, outcome = text.partition("=")
    if not sep or not cond_id.strip(_WHITESPACE) or not outcome.strip(_WHITESPACE):
        msg = f"{text!r} is not ID=OUTCOME"
        raise ValueError(msg)
    return check_id(cond_id.strip(_WHITESPACE), "condition"), outcome.strip(_WHITESPACE)


def _parse_line(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        msg = f"{text!r} is not a line number (1 or more)"
        raise ValueError(msg)
    return int(text)


def _parse_history(text: str) -> list[dict[str, Any]]:
    """Earlier resolutions: a JSON list of objects (checked by the model later)."""
    try:
        items = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        items = None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        msg = "not a JSON list of earlier resolutions"
        raise ValueError(msg)
    return items


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    msg = f"{text!r} is not true or false"
    raise ValueError(msg)


# -- planning --------------------------------------------------------------------------------


def plan_import(
    root: Path,
    path: Path,
    *,
    forecaster: str | None = None,
    moment: datetime | None = None,
    text: bytes | str | None = None,
) -> list[Forecast]:
    """The questions a CSV file would add to the book, fully validated; nothing is written.

    Parameters
    ----------
    root
        The book folder (ids already in it are refused; conditions may refer to it).
    path
        The CSV file (or JSON export); with `text`, only its name in messages.
    forecaster
        Forecaster of rows without one; default `forecastbook.book.default_forecaster`.
    moment
        "Now" for default times; default the current time.
    text
        The content, when it does not come from `path` (``-``: standard input).

    Raises
    ------
    InvalidCsv
        The first bad row, naming its number and column.
    """
    store.check_book(root)
    who = forecaster or default_forecaster()
    when = moment or now()
    questions: dict[str, _Question] = {}
    rows = read_rows(path) if text is None else parse_rows(text, str(path))
    for row, cells in rows:
        values = _parse_row(path, row, cells, who)
        key = f"id:{values['id']}" if "id" in values else f"question:{values['question']}"
        question = questions.setdefault(key, _Question(key, row))
        for name in _QUESTION_FIELDS:
            if name not in values:
                continue
            seen = question.cells.get(name)
            if seen is None:
                question.cells[name] = (row, values[name])
            elif seen[1] != values[name]:
                raise InvalidCsv(
                    path,
                    row,
                    name,
                    f"{cells[name]!r} disagrees with row {seen[0]} of this question",
                )
        if "probability" in values:
            question.predictions.append((row, values))
        elif any(values.get(c) for c in ("at", "note")):
            raise InvalidCsv(
                path, row, "probability", "is blank but the row has a prediction time or note"
            )
    taken = set(store.book_ids(root))
    explicit = {q.cells["id"][1]: q for q in questions.values() if "id" in q.cells}
    for forecast_id, question in explicit.items():
        if forecast_id in taken:
            raise InvalidCsv(
                path, question.cells["id"][0], "id", f"{forecast_id!r} is already in the book"
            )
    taken |= set(explicit)
    forecasts = []
    for question in questions.values():
        forecast = _build(path, question, taken, when)
        taken.add(forecast.id)
        forecasts.append(forecast)
    _check_conditions(path, root, forecasts, questions)
    return forecasts


def _build(path: Path, q: _Question, taken: set[str], when: datetime) -> Forecast:
    cell = {name: value for name, (_, value) in q.cells.items()}
    row_of = {name: row for name, (row, _) in q.cells.items()}
    if "question" not in cell:
        raise InvalidCsv(path, q.first_row, "question", "is blank in every row of this id")
    forecast_id = cell.get("id") or free_id(slugify(cell["question"]), taken)
    options = cell.get("options")
    kinds = {isinstance(v["probability"], dict) for _, v in q.predictions}
    if len(kinds) > 1:
        row = next(
            r
            for r, v in q.predictions
            if isinstance(v["probability"], dict)
            != (isinstance(q.predictions[0][1]["probability"], dict))
        )
        raise InvalidCsv(path, row, "probability", "mixes binary and multiple-choice probabilities")
    multiple = bool(options) or kinds == {True}
    if multiple and not options:
        options = list(q.predictions[0][1]["probability"])
    created = cell.get("created")
    if created is None:
        times = [v["at"] for _, v in q.predictions if "at" in v]
        created = min(times).astimezone(UTC).date() if times else when.date()
    predictions = []
    for _, values in q.predictions:
        at = values.get("at")
        if at is None:
            at = (
                datetime.combine(cell["created"], time(), tzinfo=UTC) if "created" in cell else when
            )
        prob = values["probability"]
        pred: dict[str, Any] = {"at": at, "by": values["forecaster"], "note": values.get("note")}
        pred["probabilities" if isinstance(prob, dict) else "p"] = prob
        predictions.append(pred)
    data: dict[str, Any] = {
        "id": forecast_id,
        "question": cell["question"],
        "kind": "multiple_choice" if multiple else "binary",
        "options": options or None,
        "criteria": cell.get("criteria"),
        "created": created,
        "resolve_by": cell.get("resolve_by"),
        "horizon": cell.get("horizon"),
        "tags": cell.get("tags", []),
        "group": cell.get("group"),
        "condition": (
            {"id": cell["condition"][0], "outcome": cell["condition"][1]}
            if "condition" in cell
            else None
        ),
        "source": _source(path, cell, row_of),
        "draft": cell.get("draft", False),
        "predictions": predictions,
        "resolution_history": cell.get("resolution_history", []),
    }
    if "outcome" in cell:
        outcome = _outcome(path, row_of["outcome"], cell["outcome"], options if multiple else None)
        data["resolution"] = {
            "outcome": outcome,
            "at": cell.get("resolved_at", when),
            "by": cell.get("resolved_by"),
            "evidence": cell.get("evidence"),
            "note": cell.get("resolution_note"),
        }
    else:
        for column in ("resolved_at", "resolved_by", "evidence", "resolution_note"):
            if column in cell:
                raise InvalidCsv(path, row_of[column], column, "given but outcome is blank")
    try:
        return Forecast.model_validate(data)
    except ValidationError as exc:
        loc, message = error_location(exc.errors(include_url=False)[0])
        row, column = _locate(q, loc, row_of)
        raise InvalidCsv(path, row, column, message) from None


def _source(path: Path, cell: dict[str, Any], row_of: dict[str, int]) -> dict[str, Any] | None:
    if "source" not in cell:
        for column in ("published", "quote", "source_line"):
            if column in cell:
                raise InvalidCsv(path, row_of[column], column, "given but source is blank")
        return None
    return {
        "ref": cell["source"],
        "published": cell.get("published"),
        "quote": cell.get("quote"),
        "line": cell.get("source_line"),
    }


_FIELD_COLUMNS = {
    "p": "probability",
    "probabilities": "probability",
    "by": "forecaster",
    "at": "at",
    "note": "note",
}


def _locate(q: _Question, loc: tuple[Any, ...], row_of: dict[str, int]) -> tuple[int, str]:
    """The spreadsheet row and column of a pydantic error location."""
    if loc and loc[0] == "predictions" and len(loc) > 1 and isinstance(loc[1], int):
        row = q.predictions[loc[1]][0]
        column = next((_FIELD_COLUMNS[p] for p in loc[2:] if p in _FIELD_COLUMNS), "probability")
        return row, column
    if loc and loc[0] == "resolution":
        column = {"at": "resolved_at", "by": "resolved_by", "evidence": "evidence"}.get(
            str(loc[-1]) if len(loc) > 1 else "", "outcome"
        )
        if loc[-1] == "note":
            column = "resolution_note"
        return row_of.get(column, row_of.get("outcome", q.first_row)), column
    if loc and loc[0] == "source" and len(loc) > 1:
        column = {"line": "source_line", "ref": "source"}.get(str(loc[1]), str(loc[1]))
        return row_of.get(column, row_of.get("source", q.first_row)), column
    name = str(loc[0]) if loc else "question"
    column = {"kind": "probability", "source": "source"}.get(name, name)
    if column == "options" and "options" not in row_of and q.predictions:
        return q.predictions[0][0], "probability"
    return row_of.get(column, q.first_row), column if column in COLUMNS else "question"


def _outcome(path: Path, row: int, text: str, options: list[str] | None) -> str:
    chosen = match_outcome(text, options)
    if chosen is not None:
        return chosen
    if options is None:
        message = f"{text!r} is not one of yes, no, 1, 0, true, false, annulled"
    else:
        message = f"{text!r} is not an option ({', '.join([*options, ANNULLED])})"
    raise InvalidCsv(path, row, "outcome", message)


def _check_conditions(
    path: Path, root: Path, forecasts: list[Forecast], questions: dict[str, _Question]
) -> None:
    new = {f.id: f for f in forecasts}
    rows = {
        f.id: q.cells.get("condition", (q.first_row, None))[0]
        for f, q in zip(forecasts, questions.values(), strict=True)
    }
    for forecast in forecasts:
        cond = forecast.condition
        if cond is None:
            continue
        target = new.get(cond.id)
        if target is None:
            try:
                target = store.read_forecast(store.path_for(root, cond.id), root)
            except ForecastbookError:
                raise InvalidCsv(
                    path,
                    rows[forecast.id],
                    "condition",
                    f"no question {cond.id!r} in the book or file",
                ) from None
        if cond.outcome not in target.outcomes():
            raise InvalidCsv(
                path,
                rows[forecast.id],
                "condition",
                f"{cond.outcome!r} is not an outcome of {cond.id} ({', '.join(target.outcomes())})",
            )


# -- writing ---------------------------------------------------------------------------------


def import_csv(
    root: Path,
    path: Path,
    *,
    forecaster: str | None = None,
    moment: datetime | None = None,
    text: bytes | str | None = None,
    progress: store.Progress | None = None,
) -> ImportResult:
    """Add the questions of a CSV file to the book: all of them, or none.

    `text` is the content when it is not read from `path` (see `plan_import`);
    `progress(done, total)` is called after each file staged. Every row is validated first
    (`plan_import`); then the files are published together under the book lock
    (`store.publish_new`): an import that fails, is interrupted or is killed leaves the book
    as it was, or, once past its commit point, as after the import.

    Returns
    -------
    ImportResult
        The new ids, in file order, and the number of predictions imported.
    """
    forecasts = plan_import(root, path, forecaster=forecaster, moment=moment, text=text)
    with store.locked(root):
        taken = set(store.book_ids(root))
        clash = next((f.id for f in forecasts if f.id in taken), None)
        if clash is not None:
            msg = f"{clash}: a question with this id appeared in the book during the import"
            raise ForecastbookError(msg)
        # all or nothing, even if killed (see store)
        store.publish_new(root, forecasts, progress=progress)
    return ImportResult(
        ids=[f.id for f in forecasts], predictions=sum(len(f.predictions) for f in forecasts)
    )


# -- export ----------------------------------------------------------------------------------


def export_rows(forecasts: Iterable[Forecast]) -> list[dict[str, Any]]:
    """One dict per prediction (a question without predictions gives one row), typed.

    Keys are `COLUMNS`; ``probability`` is a float or an option dict, ``tags`` and
    ``options`` are lists, ``resolution_history`` a list of objects, ``source_line`` an
    int, times are ISO strings, and missing values are None. Questions are in id order and
    predictions in file order.
    """
    rows = []
    for forecast in sorted(forecasts, key=lambda f: f.id):
        res = forecast.resolution
        cond = forecast.condition
        src = forecast.source
        base: dict[str, Any] = {
            "id": forecast.id,
            "question": forecast.question,
            "options": list(forecast.options) if forecast.options else None,
            "created": forecast.created.isoformat(),
            "resolve_by": forecast.resolve_by.isoformat() if forecast.resolve_by else None,
            "outcome": res.outcome if res else None,
            "resolved_at": res.at.isoformat() if res else None,
            "resolved_by": res.by if res else None,
            "evidence": res.evidence if res else None,
            "resolution_note": res.note if res else None,
            "tags": list(forecast.tags),
            "group": forecast.group,
            "criteria": forecast.criteria,
            "horizon": forecast.horizon,
            "source": src.ref if src else None,
            "published": src.published.isoformat() if src and src.published else None,
            "quote": src.quote if src else None,
            "source_line": src.line if src else None,
            "condition": f"{cond.id}={cond.outcome}" if cond else None,
            "draft": forecast.draft,
            "resolution_history": [
                past.model_dump(mode="json", exclude_none=True)
                for past in forecast.resolution_history
            ]
            or None,
        }
        # File order, not time order: import writes them back in the order it reads them.
        preds: list[Any] = list(forecast.predictions) or [None]
        for pred in preds:
            row = dict.fromkeys(COLUMNS)
            row.update(base)
            if pred is not None:
                row["probability"] = (
                    pred.p if pred.p is not None else dict(pred.probabilities or {})
                )
                row["forecaster"] = pred.by
                row["at"] = pred.at.isoformat()
                row["note"] = pred.note
            rows.append(row)
    return rows


def export_text(forecasts: Iterable[Forecast], *, fmt: str = "csv") -> str:
    """The book as CSV (importable by `import_csv`) or as a JSON list of `export_rows`."""
    if fmt not in FORMATS:
        raise BadInput("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    rows = export_rows(forecasts)
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    lines = [_csv_line(COLUMNS)]
    for row in rows:
        lines.append(_csv_line([neutralise_cell(_cell(name, row[name])) for name in COLUMNS]))
    return "".join(lines)


def _csv_line(cells: Sequence[str]) -> str:
    r'''One CSV record, as `csv.writer` writes it but also quoting a lone carriage return
    (the writer, with a "\n" line end, leaves it bare, and every reader ends the row there).

    >>> _csv_line(["a", "b,c", 'say "hi"', "x\ry"])
    'a,"b,c","say ""hi""","x\ry"\n'
    '''
    return (
        ",".join(
            '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell
            for cell in cells
        )
        + "\n"
    )


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "probability":
        return format_probability(value)
    if name in ("tags", "options"):
        return join_list(value)
    if name == "resolution_history":
        return json.dumps(value, ensure_ascii=False)
    if name == "draft":
        return "true" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
