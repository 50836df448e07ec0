"""Bookkeeping operations: add questions, record predictions, resolve, list and validate.

Every CLI bookkeeping command is one function here. They take the book folder, raise
`ForecastbookError` subclasses with one-line messages, and never print.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from forecastbook.book import store
from forecastbook.errors import (
    Ambiguous,
    BadInput,
    Conflict,
    ControlCharacters,
    ForecastbookError,
    InvalidForecastFile,
    NotFound,
)
from forecastbook.format.entries import make_prediction, new_forecast
from forecastbook.format.entries import validated as _validated
from forecastbook.format.models import (
    SLUG_CHARS,
    Forecast,
    Kind,
    PastResolution,
    Prediction,
    Resolution,
    certainty_warning,  # noqa: F401 - used by the CLI
    check_id,
    claim_id,
    free_id,  # noqa: F401 - re-exported for csvio
    match_outcome,
)
from forecastbook.format.parsing import check_not_future, now, parse_date, utc_date

# -- finding questions ---------------------------------------------------------------------


def resolve_id(root: Path, ident: str) -> str:
    """The full id of the question named by `ident` or a unique prefix of it."""
    ids = store.book_ids(root)
    if ident in ids:
        return ident
    if not set(ident) <= SLUG_CHARS:
        check_id(ident)
    matches = [i for i in ids if i.startswith(ident)] if ident else []
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        msg = f"{ident}: ambiguous id prefix, matches {len(matches)} questions: {shown}"
        raise Ambiguous(msg)
    close = suggest_ids(ident, ids)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    msg = f"{ident}: no such question in {root}{hint}"
    raise NotFound(msg)


def suggest_ids(ident: str, ids: Sequence[str], n: int = 3) -> list[str]:
    """The ids closest to a mistyped `ident`, best first (up to `n`; none only when the book
    is empty). A typo in the part typed counts as much as a typo in a whole id: `will-us-cpy`
    is compared with the start of `will-us-cpi-above-3pct` too.

    >>> suggest_ids("will-us-cpy", ["will-us-cpi-above-3pct", "eu-sanctions", "will-uk-vote"])
    ['will-us-cpi-above-3pct']
    >>> suggest_ids("xyz", ["eu-sanctions", "will-uk-vote"])
    ['eu-sanctions', 'will-uk-vote']
    """
    import difflib

    def score(candidate: str) -> float:
        whole = difflib.SequenceMatcher(None, ident, candidate).ratio()
        start = difflib.SequenceMatcher(None, ident, candidate[: len(ident)]).ratio()
        return max(whole, start)

    scored = sorted(((score(c), c) for c in ids), key=lambda sc: (-sc[0], sc[1]))
    if not scored:
        return []
    best = scored[0][0]
    # The best always; others only if nearly as close (three random ids help nobody).
    return [c for s, c in scored[:n] if s >= best - 0.15 or s >= 0.8]


def get(root: Path, ident: str) -> Forecast:
    """Read one question by id or unique prefix."""
    forecast_id = resolve_id(root, ident)
    return store.read_forecast(store.path_for(root, forecast_id), root)


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


def new_question(request: NewQuestion) -> Forecast:
    """The validated question that `forecastbook add` describes (not yet written)."""
    predictions = []
    if request.p is not None:
        predictions.append(
            make_prediction(by=request.by, p=request.p, at=request.at, note=request.note)
        )
    elif request.options:
        probs = dict(request.options)
        if len(probs) != len(request.options):
            raise BadInput("--option", "an option is named twice")
        predictions.append(
            make_prediction(by=request.by, probabilities=probs, at=request.at, note=request.note)
        )
    cond = None
    if request.condition:
        cond_id, sep, cond_outcome = request.condition.partition("=")
        if not sep or not cond_outcome:
            raise BadInput("--condition", f"{request.condition!r} is not ID=OUTCOME")
        cond = (cond_id.strip(), cond_outcome.strip())
    src = None
    if request.source or request.quote or request.published:
        if not request.source:
            raise BadInput("--source", "--quote and --published need --source")
        src = {
            "ref": request.source,
            "quote": request.quote,
            "published": (
                parse_date(request.published, "--published") if request.published else None
            ),
        }
    return new_forecast(
        request.question,
        created=request.created,
        forecast_id=request.forecast_id,
        options=[name for name, _ in request.options] or None,
        criteria=request.criteria,
        resolve_by=request.resolve_by,
        horizon=request.horizon,
        tags=request.tags,
        group=request.group,
        condition=cond,
        source=src,
        predictions=predictions,
    )


# -- writing operations --------------------------------------------------------------------


def init_book(root: Path) -> Path:
    """Create the book folder (and parents); fine if it already exists."""
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        msg = f"{root}: cannot create the book folder ({exc.strerror})"
        raise ForecastbookError(msg) from None
    if not root.is_dir():
        msg = f"{root}: exists and is not a folder"
        raise ForecastbookError(msg)
    return root


def add(
    root: Path, forecast: Forecast, *, explicit_id: bool = False, force: bool = False
) -> Forecast:
    """Write a new question.

    A generated id that is taken gets a numeric suffix; a taken explicit id is a `Conflict`.
    A question whose text equals an existing one's (ignoring case and spacing) is a
    `Conflict` naming that one, unless `force`; checked under the lock, so two writers
    cannot both add it.
    """
    store.check_book(root)
    if forecast.condition is not None:
        _check_condition(root, forecast)
    with store.locked(root):
        if not force:
            _refuse_same_text(root, forecast.question)
        taken = set(store.book_ids(root))
        forecast_id = claim_id(root, forecast.id, taken, explicit=explicit_id)
        if forecast_id != forecast.id:
            forecast = forecast.model_copy(update={"id": forecast_id})
        store.write_new(root, forecast)
    return forecast


def _refuse_same_text(root: Path, question: str) -> None:
    same = store.same_text(root, question)
    if same:
        msg = f"{same[0]} already asks this question; add it anyway with --force"
        raise Conflict(msg)


def _check_condition(root: Path, forecast: Forecast) -> None:
    assert forecast.condition is not None
    try:
        target = get(root, forecast.condition.id)
    except NotFound as exc:
        raise BadInput("--condition", str(exc)) from None
    if target.id != forecast.condition.id:
        raise BadInput("--condition", f"give the full id {target.id!r}, not a prefix")
    if forecast.condition.outcome not in target.outcomes():
        allowed = ", ".join(target.outcomes())
        raise BadInput(
            "--condition",
            f"{forecast.condition.outcome!r} is not an outcome of {target.id} ({allowed})",
        )


def update(root: Path, ident: str, prediction: Prediction) -> Forecast:
    """Append a prediction to an open question."""
    forecast_id = resolve_id(root, ident)

    def change(current: Forecast) -> Forecast:
        if current.resolution is not None:
            msg = (
                f"{current.id}: already resolved ({current.resolution.outcome}); "
                "reopen it first with `forecastbook resolve ID --reopen`"
            )
            raise Conflict(msg)
        if utc_date(prediction.at) < current.created:
            msg = (
                f"{utc_date(prediction.at)} (UTC) is before {current.id} was created "
                f"({current.created})"
            )
            raise BadInput("--at", msg)
        data = current.model_dump()
        data["predictions"].append(prediction.model_dump())
        return _validated(Forecast, data)

    return store.edit(root, forecast_id, change)


def parse_outcome(forecast: Forecast, text: str) -> str:
    """The outcome named by `text` (case-insensitive; y/n/true/false/1/0 for binary)."""
    options = forecast.options if forecast.kind is Kind.multiple_choice else None
    chosen = match_outcome(text, options)
    if chosen is None:
        allowed = ", ".join(forecast.outcomes())
        msg = f"{text.strip()!r} is not an outcome of {forecast.id} (one of: {allowed})"
        raise BadInput("OUTCOME", msg)
    return chosen


def resolve(
    root: Path,
    ident: str,
    outcome: str,
    *,
    at: datetime | None = None,
    by: str | None = None,
    evidence: str | None = None,
    note: str | None = None,
    correct: bool = False,
) -> Forecast:
    """Record the outcome; `correct=True` replaces an earlier one, keeping it in the history."""
    forecast_id = resolve_id(root, ident)
    moment = check_not_future(at) if at is not None else now()

    def change(current: Forecast) -> Forecast:
        chosen = parse_outcome(current, outcome)
        data = current.model_dump()
        if current.resolution is not None:
            if not correct:
                msg = (
                    f"{current.id}: already resolved ({current.resolution.outcome}); "
                    "use --correct to change the resolution"
                )
                raise Conflict(msg)
            past = PastResolution(
                **current.resolution.model_dump(),
                replaced_at=now(),
                action="corrected",
                reason=note,
            )
            data["resolution_history"].append(past.model_dump())
        elif correct:
            raise Conflict(f"{current.id}: not resolved yet, so there is nothing to --correct")
        resolution = Resolution(outcome=chosen, at=moment, by=by, evidence=evidence, note=note)
        data["resolution"] = resolution.model_dump()
        if current.draft:
            raise Conflict(f"{current.id}: is a draft; accept it first (`forecastbook accept`)")
        return _validated(Forecast, data)

    return store.edit(root, forecast_id, change)


def reopen(root: Path, ident: str, *, reason: str | None = None) -> Forecast:
    """Withdraw a resolution (kept in the history) so the question is open again."""
    forecast_id = resolve_id(root, ident)

    def change(current: Forecast) -> Forecast:
        if current.resolution is None:
            raise Conflict(f"{current.id}: is not resolved, so there is nothing to reopen")
        data = current.model_dump()
        past = PastResolution(
            **current.resolution.model_dump(), replaced_at=now(), action="reopened", reason=reason
        )
        data["resolution_history"].append(past.model_dump())
        data["resolution"] = None
        return _validated(Forecast, data)

    return store.edit(root, forecast_id, change)


def accept(root: Path, ident: str) -> tuple[Forecast, bool]:
    """Remove the draft mark of a question so that it is scored: (the question, whether it
    was a draft). A question that is not a draft is left as it is."""
    forecast_id = resolve_id(root, ident)
    was_draft = False

    def change(current: Forecast) -> Forecast:
        nonlocal was_draft
        was_draft = current.draft
        if not current.draft:
            return current
        return current.model_copy(update={"draft": False})

    return store.edit(root, forecast_id, change), was_draft


def _draft_key(forecast: Forecast) -> tuple[str, ...] | None:
    if forecast.source is None:
        return None
    source = forecast.source
    return (source.ref, source.quote or "", forecast.question, str(forecast.created))


def add_drafts(root: Path, forecasts: Sequence[Forecast]) -> list[Forecast]:
    """Add drafts to the book in order; a renamed antecedent keeps its dependents linked.

    A draft already in the book (same source, quote, question and date, as when the same
    article is extracted twice) is not added again; its dependents link to the one there.
    Returns the drafts added.
    """
    existing: dict[tuple[str, ...], str] = {}
    for present in store.load_book(root).forecasts:
        key = _draft_key(present)
        if key is not None:
            existing.setdefault(key, present.id)
    renamed: dict[str, str] = {}
    added = []
    for forecast in forecasts:
        key = _draft_key(forecast)
        if key is not None and key in existing:
            renamed[forecast.id] = existing[key]
            continue
        current = forecast
        if current.condition is not None and current.condition.id in renamed:
            cond = current.condition.model_copy(update={"id": renamed[current.condition.id]})
            current = current.model_copy(update={"condition": cond})
        written = add(root, current, force=True)  # drafts are reviewed before acceptance
        if written.id != forecast.id:
            renamed[forecast.id] = written.id
        added.append(written)
    return added


# -- managing questions --------------------------------------------------------------------

EDITABLE: tuple[str, ...] = ("question", "criteria", "resolve_by", "horizon", "group")
"""Question fields `edit` sets from options; an empty value removes an optional one."""


@dataclass(frozen=True)
class Changes:
    """What `edit` changes: fields to set (None: leave; "": remove), tags to add/remove."""

    question: str | None = None
    criteria: str | None = None
    resolve_by: date | str | None = None
    horizon: str | None = None
    group: str | None = None
    tags: tuple[str, ...] | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()

    def empty(self) -> bool:
        """True when nothing would change."""
        values = [getattr(self, name) for name in EDITABLE]
        return (
            all(v is None for v in values)
            and self.tags is None
            and not (self.add_tags or self.remove_tags)
        )


def edit(root: Path, ident: str, changes: Changes) -> Forecast:
    """Change a question's text, criteria, resolve-by date, horizon, group or tags, keeping
    the file's comments. Predictions and resolutions are changed by `update`/`resolve`."""
    if changes.empty():
        raise BadInput("edit", "nothing to change (give --question, --criteria, --tag, ...)")
    forecast_id = resolve_id(root, ident)

    def change(current: Forecast) -> Forecast:
        data = current.model_dump()
        for name in EDITABLE:
            value = getattr(changes, name)
            if value is None:
                continue
            if name == "question" and not str(value).strip():
                raise BadInput("--question", "cannot be empty (every question needs its text)")
            if name == "resolve_by" and value != "":
                value = parse_date(value, "--resolve-by")
            data[name] = value if value != "" else None
        tags = list(changes.tags) if changes.tags is not None else list(current.tags)
        missing = [t for t in changes.remove_tags if t not in tags]
        if missing:
            have = ", ".join(tags) or "none"
            msg = f"{current.id} has no tag {', '.join(map(repr, missing))} (tags: {have})"
            raise BadInput("--untag", msg)
        tags = [t for t in tags if t not in changes.remove_tags]
        tags += [t for t in changes.add_tags if t not in tags]
        data["tags"] = tags
        return _validated(Forecast, data)

    return store.edit(root, forecast_id, change)


def file_text(root: Path, ident: str) -> tuple[str, str]:
    """(the full id, the text of its file) for editing by hand."""
    forecast_id = resolve_id(root, ident)
    return forecast_id, store.read_text(store.path_for(root, forecast_id), root)


def replace_text(root: Path, forecast_id: str, text: str, *, expected: str) -> Forecast | None:
    """Save `text` (edited by hand) as the file of `forecast_id` if it is a valid forecast
    with the same id; None when it equals the file. `expected` is the text the edit started
    from: if the file changed meanwhile, nothing is written (`Conflict`)."""
    path = store.path_for(root, forecast_id)
    if text == expected:
        return None
    forecast = store.parse(text, path)  # InvalidForecastFile names the line; nothing written
    if forecast.condition is not None:
        _check_condition(root, forecast)
    with store.locked(root):
        if store.read_text(path, root) != expected:
            msg = f"{forecast_id}: the file changed while you were editing it; edit it again"
            raise Conflict(msg)
        store.write_text(path, text)
    return forecast


def dependents(root: Path, forecast_id: str) -> list[str]:
    """Ids of the questions whose condition names `forecast_id`."""
    entries = store.load_book(root).forecasts
    return sorted(
        f.id for f in entries if f.condition is not None and f.condition.id == forecast_id
    )


def delete(root: Path, ident: str) -> str:
    """Remove a question's file (also one that does not validate): its id. Refused while
    another question's condition names it."""
    forecast_id = resolve_id(root, ident)
    with store.locked(root):
        path = store.path_for(root, forecast_id)
        needed = dependents(root, forecast_id)
        if needed:
            msg = (
                f"{forecast_id}: the condition of {', '.join(needed)} names it; "
                "delete or edit those first"
            )
            raise Conflict(msg)
        store.remove(path)
    return forecast_id


def rename(root: Path, ident: str, new_id: str) -> tuple[Forecast, list[str]]:
    """Give a question a new id (and file name), and point every condition that named the
    old id at the new one: (the question, the ids whose condition changed). Comments stay."""
    check_id(new_id, "NEW")
    old_id = resolve_id(root, ident)
    if new_id == old_id:
        raise BadInput("NEW", f"{old_id} already has this id")
    with store.locked(root):
        if new_id in store.book_ids(root):
            raise Conflict(f"{new_id}: a question with this id already exists")
        old_path = store.path_for(root, old_id)
        text = store.read_text(old_path, root)
        current = store.parse(text, old_path)
        renamed = _validated(Forecast, current.model_dump() | {"id": new_id})
        new_path = store.path_for(root, new_id)
        new_text = store.edited_text(text, current, renamed, new_path)
        needed = dependents(root, old_id)
        # New file first, then the conditions, then the old file: a crash part-way leaves
        # both files (a duplicate to delete), never a condition naming a missing question.
        store.write_new_text(root, new_id, new_text)
        for dependent in needed:

            def repoint(f: Forecast) -> Forecast:
                assert f.condition is not None
                cond = f.condition.model_copy(update={"id": new_id})
                return f.model_copy(update={"condition": cond})

            store.edit_locked(root, dependent, repoint)
        store.remove(old_path)
    return renamed, needed


# -- reading operations --------------------------------------------------------------------


def validate(root: Path) -> tuple[int, list[InvalidForecastFile]]:
    """Check every file in the book: (number of valid questions, every problem found)."""
    from forecastbook.format import yamlio

    problems: list[InvalidForecastFile] = []
    forecasts: dict[str, tuple[Path, Forecast, str]] = {}
    for path in store.book_files(root):
        try:
            text = store.read_text(path, root)
        except InvalidForecastFile as exc:
            problems.append(exc)
            continue
        result = store.parse_problems(text, path)
        if isinstance(result, Forecast):
            forecasts[result.id] = (path, result, text)
        else:
            problems.extend(result)
    for path, forecast, text in forecasts.values():
        problems.extend(_control_warnings(path, forecast, text))
    for name in sorted(os.listdir(root)):
        if name.endswith(".yml") and not name.startswith("."):
            problems.append(
                InvalidForecastFile(root / name, None, "ignored: forecast files must end in .yaml")
            )
    for forecast_id, (path, forecast, text) in forecasts.items():
        cond = forecast.condition
        if cond is None:
            continue
        target = forecasts.get(cond.id)
        if target is None:
            loc, message = ("condition", "id"), f"no question {cond.id!r} in the book"
        elif cond.outcome not in target[1].outcomes():
            loc, message = (
                ("condition", "outcome"),
                f"{cond.outcome!r} is not an outcome of {cond.id}",
            )
        elif _condition_cycle(forecast_id, forecasts):
            loc, message = ("condition",), "questions are conditional on each other in a cycle"
        else:
            continue
        where = yamlio.line_of(text, loc)
        problems.append(InvalidForecastFile(path, where, f"{'.'.join(loc)}: {message}"))
    problems.sort(key=lambda p: (str(p.path), p.line or 0))
    return len(forecasts), problems


def _control_warnings(path: Path, forecast: Forecast, text: str) -> list[InvalidForecastFile]:
    """A warning for each text field holding terminal control characters (escape sequences
    that would act on a terminal; commands print them escaped)."""
    from forecastbook.format import yamlio
    from forecastbook.format.models import dump_forecast
    from forecastbook.format.terminal import has_controls, printable

    found: list[InvalidForecastFile] = []

    def walk(value: Any, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and has_controls(key):
                    report(key, loc)
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))
        elif isinstance(value, str) and has_controls(value):
            report(value, loc)

    def report(value: str, loc: tuple[str | int, ...]) -> None:
        name = ".".join(str(part) for part in loc)
        shown = printable(value[:60], newlines=False)
        message = f"warning: {name}: control characters, printed escaped: {shown!s}"
        found.append(ControlCharacters(path, yamlio.line_of(text, loc), message))

    walk(dump_forecast(forecast), ())
    return found


def _condition_cycle(start: str, forecasts: Mapping[str, tuple[Path, Forecast, str]]) -> bool:
    seen = {start}
    current = forecasts[start][1].condition
    while current is not None and current.id in forecasts:
        if current.id in seen:
            return True
        seen.add(current.id)
        current = forecasts[current.id][1].condition
    return False


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a forecast file (for editors that validate YAML)."""
    schema = Forecast.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "forecastbook forecast file"
    return schema
