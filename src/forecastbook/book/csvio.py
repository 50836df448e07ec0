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
``group``, ``criteria``, ``horizon``, ``source``  as in `forecastbook add`
``condition``    ``ID=OUTCOME``: the question counts only if ID resolves OUTCOME
``draft``        ``true`` for a draft (not scored)

A list cell (``options``, ``tags``) may also be a JSON list, and a multiple-choice
``probability`` a JSON object, for names that contain ``;`` or ``=``; export writes
those forms when needed. Export writes exactly these columns, so export -> import into an
empty book gives the same questions, predictions, resolutions and therefore scores
(resolution history, source quotes and publication dates are not exported).
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
    "tags",
    "group",
    "criteria",
    "horizon",
    "source",
    "condition",
    "draft",
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
    """The data rows of a CSV file as (spreadsheet row number, {column: cell})."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise ForecastbookError(msg) from None
    except UnicodeDecodeError:
        msg = f"{path}: not UTF-8 text"
        raise ForecastbookError(msg) from None
    except csv.Error as exc:
        msg = f"{path}: not valid CSV ({exc})"
        raise ForecastbookError(msg) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise InvalidCsv(path, 1, None, "no header row (needs columns question, probability)")
    header = [cell.strip().lower() for cell in records[0]]
    for name in header:
        if name not in COLUMNS:
            raise InvalidCsv(
                path, 1, name or "(blank)", f"unknown column; known: {', '.join(COLUMNS)}"
            )
    if len(set(header)) != len(header):
        twice = next(n for n in header if header.count(n) > 1)
        raise InvalidCsv(path, 1, twice, "column appears twice")
    for name in REQUIRED:
        if name not in header:
            raise InvalidCsv(path, 1, name, "required column is missing")
    rows = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            raise InvalidCsv(path, index, None, f"{len(record)} cells but {len(header)} columns")
        cells = {
            name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)
        }
        rows.append((index, cells))
    return rows


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
        return [i.strip() for i in items if i.strip()]
    return [part.strip() for part in text.split(";") if part.strip()]


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
        if not part.strip():
            continue
        name, sep, value = part.rpartition("=")
        if not sep or not name.strip():
            msg = f"{part.strip()!r} is not NAME=PROBABILITY"
            raise ValueError(msg)
        if name.strip() in probs:
            msg = f"option {name.strip()!r} is named twice"
            raise ValueError(msg)
        probs[name.strip()] = _probability(value, f"option {name.strip()}")
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
    if not sep or not cond_id.strip() or not outcome.strip():
        msg = f"{text!r} is not ID=OUTCOME"
        raise ValueError(msg)
    return check_id(cond_id.strip(), "condition"), outcome.strip()


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
    root: Path, path: Path, *, forecaster: str | None = None, moment: datetime | None = None
) -> list[Forecast]:
    """The questions a CSV file would add to the book, fully validated; nothing is written.

    Parameters
    ----------
    root
        The book folder (ids already in it are refused; conditions may refer to it).
    path
        The CSV file.
    forecaster
        Forecaster of rows without one; default `forecastbook.book.default_forecaster`.
    moment
        "Now" for default times; default the current time.

    Raises
    ------
    InvalidCsv
        The first bad row, naming its number and column.
    """
    store.check_book(root)
    who = forecaster or default_forecaster()
    when = moment or now()
    questions: dict[str, _Question] = {}
    for row, cells in read_rows(path):
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
        "source": {"ref": cell["source"]} if "source" in cell else None,
        "draft": cell.get("draft", False),
        "predictions": predictions,
    }
    if "outcome" in cell:
        outcome = _outcome(path, row_of["outcome"], cell["outcome"], options if multiple else None)
        data["resolution"] = {
            "outcome": outcome,
            "at": cell.get("resolved_at", when),
            "by": cell.get("resolved_by"),
            "evidence": cell.get("evidence"),
        }
    elif "resolved_at" in cell:
        raise InvalidCsv(path, row_of["resolved_at"], "resolved_at", "given but outcome is blank")
    try:
        return Forecast.model_validate(data)
    except ValidationError as exc:
        loc, message = error_location(exc.errors(include_url=False)[0])
        row, column = _locate(q, loc, row_of)
        raise InvalidCsv(path, row, column, message) from None


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
        column = "resolved_at" if "at" in loc else "outcome"
        return row_of.get(column, row_of.get("outcome", q.first_row)), column
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
    root: Path, path: Path, *, forecaster: str | None = None, moment: datetime | None = None
) -> ImportResult:
    """Add the questions of a CSV file to the book: all of them, or none.

    Every row is validated first (`plan_import`); then the files are published together
    under the book lock (`store.publish_new`): an import that fails, is interrupted or is
    killed leaves the book as it was, or, once past its commit point, as after the import.

    Returns
    -------
    ImportResult
        The new ids, in file order, and the number of predictions imported.
    """
    forecasts = plan_import(root, path, forecaster=forecaster, moment=moment)
    with store.locked(root):
        taken = set(store.book_ids(root))
        clash = next((f.id for f in forecasts if f.id in taken), None)
        if clash is not None:
            msg = f"{clash}: a question with this id appeared in the book during the import"
            raise ForecastbookError(msg)
        store.publish_new(root, forecasts)  # all or nothing, even if killed (see store)
    return ImportResult(
        ids=[f.id for f in forecasts], predictions=sum(len(f.predictions) for f in forecasts)
    )


# -- export ----------------------------------------------------------------------------------


def export_rows(forecasts: Iterable[Forecast]) -> list[dict[str, Any]]:
    """One dict per prediction (a question without predictions gives one row), typed.

    Keys are `COLUMNS`; ``probability`` is a float or an option dict, ``tags`` and
    ``options`` are lists, times are ISO strings, and missing values are None.
    """
    rows = []
    for forecast in sorted(forecasts, key=lambda f: f.id):
        res = forecast.resolution
        cond = forecast.condition
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
            "tags": list(forecast.tags),
            "group": forecast.group,
            "criteria": forecast.criteria,
            "horizon": forecast.horizon,
            "source": forecast.source.ref if forecast.source else None,
            "condition": f"{cond.id}={cond.outcome}" if cond else None,
            "draft": forecast.draft,
        }
        preds = sorted(forecast.predictions, key=lambda p: p.at) or [None]
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(name, row[name]) for name in COLUMNS])
    return out.getvalue()


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "probability":
        return format_probability(value)
    if name in ("tags", "options"):
        return join_list(value)
    if name == "draft":
        return "true" if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
