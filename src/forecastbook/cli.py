"""The `forecastbook` command line: parse arguments, call `Book`, print the result.

Library errors become `Error: <one line>` on stderr with exit code 1; bad command-line
usage gets the same one-line form with exit code 2. No traceback reaches the user.
"""

import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from forecastbook import settings
from forecastbook.api import Book
from forecastbook.errors import BadInput, ControlCharacters, ForecastbookError
from forecastbook.format.parsing import parse_date
from forecastbook.scoring.options import (
    BY_CHOICES,
    DEFAULT_EXTREMIZE,
    SORTS,
    check_binning,
    check_method,
    check_scale,
)

if TYPE_CHECKING:
    from forecastbook.book.summary import Summary
    from forecastbook.format.models import Forecast

# No `from __future__ import annotations` here: typer reads the commands' annotations, and
# string annotations would be compiled and evaluated on every run (a third of `list`).

_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


# Metavars in --help: what to type, not the Python type (typer shows `<str>`, `<int range>`).
_METAVARS = {
    "--book": "DIR", "--p": "P", "--option": "NAME=P", "--at": "TIME", "--as-of": "DATE",
    "--resolve-by": "DATE", "--created": "DATE", "--published": "DATE", "--by": "NAME",
    "--vs": "NAME", "--tag": "TAG", "--untag": "TAG", "--condition": "ID=OUTCOME",
    "--id": "ID", "--output": "FILE", "--out": "FILE", "--bins": "N", "--scale": "1|2",
    "--method": "final|time-averaged", "--search": "WORDS", "--format": "FORMAT",
}  # fmt: skip


class _OneLineErrors(TyperGroup):
    """Report usage errors as one line (`Error: ...`) instead of a usage block; give every
    command `--book` (so it works after the command too) and readable metavars."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not getattr(command, "_forecastbook_ready", False):
            command.params.append(_book_option())
            for param in command.params:
                _set_metavar(cmd_name, param)
                _set_completion(cmd_name, param)
            setattr(command, "_forecastbook_ready", True)  # noqa: B010 - a foreign class
        return command

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)
        except _ClickException as exc:
            _out(f"Error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            _out("Aborted.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("score", "--by"): BY_CHOICES,
    ("report", "--by"): ("forecaster", "tag", "group"),
    ("score", "--method"): ("final", "time-averaged"),
    ("report", "--method"): ("final", "time-averaged"),
    ("export", "--format"): ("csv", "json"),
    ("report", "--format"): ("png", "svg", "pdf"),
    ("score", "--scale"): ("1", "2"),
}


def _set_metavar(cmd_name: str, param: Any) -> None:
    if getattr(param, "param_type_name", "") == "argument":
        # `ID` in usage and help, as in git and most tools: not `{ID}` and `ID <str>`.
        name = param.metavar or param.name.upper()
        param.metavar = name
        shown = (name if param.required else f"[{name}]") + (
            "..." if param.nargs != 1 and not name.endswith("...") else ""
        )
        param._usage_display_name = lambda: shown
        param.display_type_rich = lambda ctx: ""
        return
    if getattr(param, "param_type_name", "") != "option" or param.metavar is not None:
        return
    if getattr(param, "is_flag", False):
        return
    long = max(param.opts, key=len)
    choices = _CHOICES.get((cmd_name, long))
    if choices is not None:
        param.metavar = "|".join(choices)
    else:
        param.metavar = _METAVARS.get(long, long.lstrip("-").upper().replace("-", "_"))


def _set_completion(cmd_name: str, param: Any) -> None:
    """Tab completion: question ids for ID arguments, the choices of choice options."""
    if param.metavar in ("ID", "ID..."):
        param._custom_shell_complete = _complete_ids
        return
    choices = _CHOICES.get((cmd_name, max(param.opts, key=len)))
    if choices is not None:
        param._custom_shell_complete = lambda ctx, p, incomplete: [
            c for c in choices if c.startswith(incomplete)
        ]


def _complete_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from forecastbook.book import store

    root = ctx.find_root().params.get("book_dir") or settings.default_book()
    try:
        return [i for i in store.book_ids(Path(root)) if i.startswith(incomplete)]
    except ForecastbookError:
        return []


def _set_book(ctx: typer.Context, value: Path | None) -> None:
    """`--book` after the command: it wins over one before it."""
    root = ctx.find_root()
    if value is not None and isinstance(root.obj, dict):
        root.obj["book"] = value


_BOOK_HELP = "The book folder [default: $FORECASTBOOK_BOOK or ./forecasts]."


def _book_option() -> Any:
    """A fresh `--book DIR` option for one command, built by typer like any other."""
    helper = typer.Typer()

    @helper.command()
    def _command(
        book_dir: Annotated[
            Path | None,
            typer.Option(
                "--book",
                help=_BOOK_HELP,
                metavar="DIR",
                show_default=False,
                callback=_set_book,
                expose_value=False,
            ),
        ] = None,
    ) -> None:  # pragma: no cover - never run; only its parameter is used
        pass

    return typer.main.get_command(helper).params[0]


app = typer.Typer(
    cls=_OneLineErrors,
    help="Keep score of forecasts: a book of YAML questions, predictions, resolutions and scores.",
    invoke_without_command=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn library errors (and OS errors) into one line on stderr and exit code 1."""
    try:
        yield
    except ForecastbookError as exc:
        _out(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _out(f"Error: {where}{exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None


@contextlib.contextmanager
def usage_errors(option: str | None = None) -> Iterator[None]:
    """Turn a `BadInput` raised while checking an option into a usage error (exit code 2)
    naming `option` (default: the argument the error names)."""
    try:
        yield
    except BadInput as exc:
        raise typer.BadParameter(exc.reason, param_hint=f"'{option or exc.argument}'") from None


def _out(text: str, *, err: bool = False, nl: bool = True, raw: bool = False) -> None:
    """Print text for a person: control characters from the book are shown escaped
    (`format.terminal`). `raw` output (CSV, YAML) is exact when piped and escaped only on a
    terminal."""
    from forecastbook.format.terminal import printable

    stream = sys.stderr if err else sys.stdout
    if raw and not stream.isatty():
        # The bytes as they are (echo drops escape sequences when not on a terminal).
        binary = typer.get_binary_stream("stderr" if err else "stdout")
        binary.write((text + ("\n" if nl else "")).encode("utf-8"))
        binary.flush()
        return
    typer.echo(printable(text), err=err, nl=nl)


def _json(data: Any, **kwargs: Any) -> None:
    from forecastbook.format.terminal import json_printable

    typer.echo(json_printable(json.dumps(data, ensure_ascii=False, **kwargs)))


def _progress_wanted() -> bool:
    """Bars go to stderr, and only when it is a terminal (never into a pipe or a file)."""
    import os

    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def _progress(label: str, *, enabled: bool = True, at_least: int = 200) -> Iterator[Any]:
    """A progress bar on a terminal (rich, which comes with typer), drawn once a job counts
    `at_least` steps; yields the `progress(done, total)` callback for `Book`, or None."""
    if not enabled or not _progress_wanted():
        yield None
        return
    try:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
    except ImportError:  # pragma: no cover - typer without rich
        yield None
        return
    # rich leaves colour out when NO_COLOR is set or the output is not a terminal.
    bar = Progress(
        f"[progress.description]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task: list[Any] = []

    def update(done: int, total: int) -> None:
        if total < at_least:
            return
        if not task:
            bar.start()
            task.append(bar.add_task(label, total=total))
        bar.update(task[0], completed=done, total=total)

    try:
        yield update
    finally:
        if task:
            bar.stop()


def _book(ctx: typer.Context) -> Book:
    return Book(ctx.obj["book"], wait=ctx.obj.get("wait"), on_wait=_say_waiting)


def _say_waiting(message: str) -> None:
    _out(message, err=True)


def _show_version(value: bool) -> None:
    if value:
        from forecastbook._version import __version__

        typer.echo(f"forecastbook {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    book_dir: Annotated[
        Path | None,
        typer.Option("--book", help=_BOOK_HELP, metavar="DIR", show_default=False),
    ] = None,
    wait: Annotated[
        float | None,
        typer.Option(
            "--wait",
            min=0,
            metavar="SECONDS",
            help="Give up if another command holds the book's lock this long [default: wait].",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    ctx.obj = {"book": book_dir or settings.default_book(), "wait": wait}
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        # A bare `forecastbook` shows the help, as git does, and is not an error.
        typer.echo(ctx.get_help())
        raise typer.Exit()


# -- bookkeeping -----------------------------------------------------------------------------


@app.command()
def init(ctx: typer.Context) -> None:
    """Create the book folder."""
    with user_errors():
        root = _book(ctx).init()
    _out(f"Book ready at {root}")


@app.command()
def add(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, in your own words.")],
    p: Annotated[str | None, typer.Option("--p", help="Probability: 0.35, 35% or 35.")] = None,
    option: Annotated[
        list[str] | None,
        typer.Option("--option", help="Multiple choice: NAME=P, repeated for every option."),
    ] = None,
    resolve_by: Annotated[
        str | None, typer.Option("--resolve-by", help="Date it resolves by (2026-06-30).")
    ] = None,
    horizon: Annotated[
        str | None,
        typer.Option(help="Horizon label ('6-12 months'); sets --resolve-by from --created."),
    ] = None,
    created: Annotated[
        str | None, typer.Option(help="Date the question was asked [default: --at or today].")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="When the prediction was made (past allowed).")
    ] = None,
    by: Annotated[str | None, typer.Option(help="Forecaster [default: $FORECASTBOOK_BY].")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeatable).")] = None,
    group: Annotated[str | None, typer.Option(help="Scenario set it belongs to.")] = None,
    criteria: Annotated[str | None, typer.Option(help="How it resolves, for an outsider.")] = None,
    source: Annotated[str | None, typer.Option(help="Article file or URL.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date of --source.")] = None,
    quote: Annotated[
        str | None, typer.Option(help="A short quote of the claim in --source.")
    ] = None,
    condition: Annotated[
        str | None, typer.Option(help="ID=OUTCOME: counts only if that question resolves so.")
    ] = None,
    forecast_id: Annotated[
        str | None, typer.Option("--id", help="Id [default: from the question].")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note on the prediction.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Add it even if a question has the same text.")
    ] = False,
) -> None:
    """Add a question (with a first prediction) and print its id."""
    from forecastbook.format.models import certainty_warning

    with user_errors():
        forecast = _book(ctx).add(
            question,
            p=p,
            options=option,
            resolve_by=resolve_by,
            horizon=horizon,
            created=created,
            at=at,
            by=by,
            tags=tag or (),
            group=group,
            criteria=criteria,
            source=source,
            published=published,
            quote=quote,
            condition=condition,
            note=note,
            id=forecast_id,
            force=force,
        )
    warning = certainty_warning(forecast.predictions)
    if warning:
        _out(warning, err=True)
    _out(forecast.id)


@app.command()
def update(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    p: Annotated[str | None, typer.Option("--p", help="Probability: 0.35, 35% or 35.")] = None,
    option: Annotated[
        list[str] | None, typer.Option("--option", help="Multiple choice: NAME=P for every option.")
    ] = None,
    by: Annotated[str | None, typer.Option(help="Forecaster [default: $FORECASTBOOK_BY].")] = None,
    at: Annotated[str | None, typer.Option("--at", help="When it was made (past allowed).")] = None,
    note: Annotated[str | None, typer.Option(help="Why the forecast changed.")] = None,
) -> None:
    """Record a new prediction on an open question."""
    from forecastbook.format.models import certainty_warning

    with user_errors():
        forecast = _book(ctx).update(ident, p=p, options=option, by=by, at=at, note=note)
    warning = certainty_warning(forecast.predictions[-1:])
    if warning:
        _out(warning, err=True)
    _out(f"{forecast.id}: {len(forecast.predictions)} predictions")


@app.command()
def resolve(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    outcome: Annotated[
        str | None,
        typer.Argument(
            metavar="OUTCOME",
            help="yes, no, an option's name, annulled (its premise failed) or ambiguous "
            "(fair, but the answer is unclear); the last two are not scored.",
        ),
    ] = None,
    evidence: Annotated[
        str | None, typer.Option(help="What settled it (source and quote).")
    ] = None,
    at: Annotated[str | None, typer.Option("--at", help="When it resolved [default: now].")] = None,
    by: Annotated[
        str | None, typer.Option(help="Who resolved it [default: $FORECASTBOOK_BY].")
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="A note (for --correct/--reopen: the reason).")
    ] = None,
    correct: Annotated[
        bool, typer.Option("--correct", help="Change an existing resolution.")
    ] = False,
    reopen: Annotated[bool, typer.Option("--reopen", help="Withdraw the resolution.")] = False,
) -> None:
    """Record how a question resolved (or correct / reopen a resolution)."""
    with user_errors():
        book = _book(ctx)
        if reopen:
            if outcome is not None or correct:
                raise BadInput("--reopen", "takes no OUTCOME and no --correct")
            forecast = book.reopen(ident, reason=note)
            _out(f"{forecast.id}: reopened")
            return
        if outcome is None:
            raise BadInput(
                "OUTCOME", "missing (yes, no, annulled, ambiguous or an option; or --reopen)"
            )
        forecast = book.resolve(
            ident, outcome, evidence=evidence, at=at, by=by, note=note, correct=correct
        )
    verb = "corrected to" if correct else "resolved"
    outcome_text = forecast.resolution.outcome if forecast.resolution else outcome
    _out(f"{forecast.id}: {verb} {outcome_text}")


@app.command()
def accept(
    ctx: typer.Context,
    idents: Annotated[list[str], typer.Argument(metavar="ID...", help="Draft question ids.")],
) -> None:
    """Accept draft questions (from `extract --write`) so that they are scored.

    A question that is not a draft is left as it is and said so (exit code 0)."""
    with user_errors():
        book = _book(ctx)
        for ident in idents:
            forecast, was_draft = book.accept(ident)
            if was_draft:
                _out(f"{forecast.id}: accepted")
            else:
                _out(f"{forecast.id}: not a draft; nothing to accept", err=True)


# -- managing questions ----------------------------------------------------------------------

_EMPTY_REMOVES = " (empty: remove it)"


@app.command()
def edit(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    question: Annotated[str | None, typer.Option(help="New question text.")] = None,
    criteria: Annotated[
        str | None, typer.Option(help="How it resolves" + _EMPTY_REMOVES + ".")
    ] = None,
    resolve_by: Annotated[
        str | None, typer.Option("--resolve-by", help="Date it resolves by" + _EMPTY_REMOVES + ".")
    ] = None,
    horizon: Annotated[
        str | None, typer.Option(help="Horizon label" + _EMPTY_REMOVES + ".")
    ] = None,
    group: Annotated[str | None, typer.Option(help="Scenario set" + _EMPTY_REMOVES + ".")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Add a tag (repeatable).")] = None,
    untag: Annotated[
        list[str] | None, typer.Option("--untag", help="Remove a tag (repeatable).")
    ] = None,
) -> None:
    """Change a question's text, criteria, dates, group or tags; with no options, open the
    file in $EDITOR (saved only if it validates). Comments in the file are kept."""
    fields = (question, criteria, resolve_by, horizon, group, tag, untag)
    if all(value is None for value in fields):
        _edit_in_editor(_book(ctx), ident)
        return
    with user_errors():
        forecast = _book(ctx).edit(
            ident,
            question=question,
            criteria=criteria,
            resolve_by=resolve_by,
            horizon=horizon,
            group=group,
            add_tags=tag or (),
            remove_tags=untag or (),
        )
    typer.echo(f"{forecast.id}: edited")


def _edit_in_editor(book: Book, ident: str) -> None:
    """Edit the file in $EDITOR until it validates (or the user gives up: file unchanged)."""
    with user_errors():
        forecast_id, original = book.file_text(ident)
    text = original
    while True:
        edited = _run_editor(text, forecast_id)
        if edited == original:
            typer.echo(f"{forecast_id}: unchanged", err=True)
            return
        try:
            book.save_text(forecast_id, edited, expected=original)
        except ForecastbookError as exc:
            typer.echo(f"Error: {exc}", err=True)
            if not typer.confirm("Edit again?", default=True, err=True):
                typer.echo(f"{forecast_id}: unchanged (your edit was not saved)", err=True)
                raise typer.Exit(1) from None
            text = edited
            continue
        typer.echo(f"{forecast_id}: edited")
        return


def _run_editor(text: str, name: str) -> str:
    """`text` as the user left it after editing a temporary copy in $VISUAL or $EDITOR."""
    import os
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, tmp = tempfile.mkstemp(prefix=f"{name}-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            done = subprocess.run([*shlex.split(editor), tmp], check=False)
        except (OSError, ValueError) as exc:
            typer.echo(f"Error: cannot run the editor {editor!r} ({exc}); set $EDITOR", err=True)
            raise typer.Exit(1) from None
        if done.returncode != 0:
            typer.echo(
                f"Error: the editor {editor!r} exited with status {done.returncode}; "
                f"{name} is unchanged",
                err=True,
            )
            raise typer.Exit(1)
        with open(tmp, encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError:
        typer.echo(f"Error: the edited file is not UTF-8 text; {name} is unchanged", err=True)
        raise typer.Exit(1) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


@app.command()
def tag(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    tags: Annotated[list[str], typer.Argument(metavar="TAG...", help="Tags to add.")],
) -> None:
    """Add tags to a question."""
    with user_errors():
        forecast = _book(ctx).tag(ident, *tags)
    typer.echo(f"{forecast.id}: tags {', '.join(forecast.tags)}")


@app.command()
def untag(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    tags: Annotated[list[str], typer.Argument(metavar="TAG...", help="Tags to remove.")],
) -> None:
    """Remove tags from a question."""
    with user_errors():
        forecast = _book(ctx).untag(ident, *tags)
    typer.echo(f"{forecast.id}: tags {', '.join(forecast.tags) or '(none)'}")


@app.command()
def delete(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a question (asks first); refused while another question's condition names it."""
    with user_errors():
        book = _book(ctx)
        forecast_id = book.full_id(ident)
        needed = book.dependents(forecast_id)
    if needed:
        # Say so before asking: the answer would not matter.
        typer.echo(
            f"Error: {forecast_id}: the condition of {', '.join(needed)} names it; "
            "delete or edit those first",
            err=True,
        )
        raise typer.Exit(1)
    if not yes and not typer.confirm(f"Delete {forecast_id}?", default=False, err=True):
        typer.echo(f"{forecast_id}: not deleted", err=True)
        raise typer.Exit(1)
    with user_errors():
        book.delete(forecast_id)
    typer.echo(f"{forecast_id}: deleted")


@app.command()
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new id (a slug).")],
) -> None:
    """Give a question a new id; conditions that name it are updated."""
    with user_errors():
        forecast, repointed = _book(ctx).rename(old, new)
    typer.echo(f"renamed to {forecast.id}")
    for other in repointed:
        typer.echo(f"{other}: condition now names {forecast.id}")


# -- reading ---------------------------------------------------------------------------------


def _report_skipped(problems: list[Any]) -> None:
    for problem in problems:
        _out(f"skipped {problem}", err=True)


def _print_table(forecasts: "list[Summary]", day: date, *, overdue: bool = False) -> None:
    """One aligned line per question; the question is cut to fit the terminal (80 columns
    when not on one). With `overdue`, the status column says how many days overdue."""
    import shutil

    from forecastbook.book.listing import days_overdue
    from forecastbook.format.terminal import printable

    if not forecasts:
        return

    def status(f: "Summary") -> str:
        if overdue:
            days = days_overdue(f, day)
            return f"{days} day{'s' if days != 1 else ''} overdue"
        return f.status(day)

    statuses = [status(f) for f in forecasts]
    latest = [f.latest_text() for f in forecasts]
    width = max(len(f.id) for f in forecasts)
    status_w = max(6, *map(len, statuses))
    latest_w = max(6, *map(len, latest))
    head = "OVERDUE" if overdue else "STATUS"
    used = width + status_w + 10 + latest_w + 8
    room = max(20, shutil.get_terminal_size().columns - used)
    lines = [
        f"{'ID':<{width}}  {head:<{status_w}}  {'RESOLVE BY':<10}  {'LATEST':>{latest_w}}  QUESTION"
    ]
    for f, state, value in zip(forecasts, statuses, latest, strict=True):
        deadline = f.resolve_by.isoformat() if f.resolve_by else "-"
        question = f.question if len(f.question) <= room else f.question[: room - 3] + "..."
        # isprintable (C) clears almost every row; the rest are escaped one field at a time.
        if not (state + question).isprintable():
            state, question = (printable(t, newlines=False) for t in (state, question))
        lines.append(
            f"{f.id:<{width}}  {state:<{status_w}}  {deadline:<10}  {value:>{latest_w}}  {question}"
        )
    _out("\n".join(lines))


@app.command("list")
def list_cmd(
    ctx: typer.Context,
    open_: Annotated[bool, typer.Option("--open", help="Only unresolved questions.")] = False,
    resolved: Annotated[bool, typer.Option("--resolved", help="Only resolved questions.")] = False,
    due: Annotated[
        bool, typer.Option("--due", help="Only open questions past resolve-by.")
    ] = False,
    drafts: Annotated[bool, typer.Option("--drafts", help="Only drafts.")] = False,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", help="Has this tag (repeatable).")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Predicted by this forecaster.")] = None,
    group: Annotated[str | None, typer.Option("--group", help="In this group.")] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help="Every word in the id, question, tags or group."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """List the questions in the book."""
    day = settings.today()
    with user_errors():
        forecasts, problems = _book(ctx).questions(
            open=open_,
            resolved=resolved,
            due=due,
            drafts=drafts,
            tags=tag or (),
            by=by,
            group=group,
            search=search,
            day=day,
        )
    _report_skipped(problems)
    if as_json:
        _json([f.row(day) for f in forecasts], indent=2)
    else:
        _print_table(forecasts, day)
        if not forecasts:
            _out("No questions match.", err=True)


@app.command("due")
def due_cmd(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Open questions past their resolve-by date: time to resolve them."""
    day = settings.today()
    with user_errors():
        forecasts = _book(ctx).due(day=day)
    from forecastbook.book.listing import days_overdue

    if as_json:
        rows = [f.row(day) | {"days_overdue": days_overdue(f, day)} for f in forecasts]
        _json(rows, indent=2)
    elif forecasts:
        _print_table(forecasts, day, overdue=True)
    else:
        _out("Nothing is due.")


@app.command()
def show(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Question id or unique prefix.")],
    as_json: Annotated[bool, typer.Option("--json", help="The whole entry as JSON.")] = False,
) -> None:
    """Show one question: criteria, prediction history and resolution."""
    with user_errors():
        book = _book(ctx)
        forecast = book.get(ident)
        crowd = book.crowd(ident)
    if as_json:
        data = forecast.model_dump(mode="json", exclude_none=True)
        _json(data, indent=2)
        return
    _out(_describe(forecast, settings.today()))
    if crowd["aggregates"]:
        _out(f"  crowd ({crowd['forecasters']} forecasters): {_crowd_text(crowd['aggregates'])}")


def _crowd_text(aggregates: dict[str, Any]) -> str:
    parts = []
    for name, value in aggregates.items():
        shown = (
            f"{value:.0%}"
            if isinstance(value, float)
            else ", ".join(f"{k} {v:.0%}" for k, v in value.items())
        )
        parts.append(f"{name.removeprefix('crowd:')} {shown}")
    return "; ".join(parts)


def _describe(forecast: "Forecast", day: date) -> str:
    from forecastbook.format.models import Forecast, dump_forecast
    from forecastbook.format.terminal import printable_data

    try:  # every text field on one line, control characters escaped
        f = Forecast.model_validate(printable_data(dump_forecast(forecast)))
    except ValueError:
        f = forecast  # still escaped by _out, line breaks aside
    lines = [f"{f.id}  [{f.status(day)}]", f"  {f.question}"]
    if f.options:
        lines.append(f"  options:    {', '.join(f.options)}")
    if f.criteria:
        lines.append(f"  criteria:   {f.criteria}")
    lines.append(
        f"  created:    {f.created}   resolve by: {f.resolve_by or '-'}"
        + (f"   horizon: {f.horizon}" if f.horizon else "")
    )
    if f.tags or f.group:
        lines.append(f"  tags:       {', '.join(f.tags) or '-'}   group: {f.group or '-'}")
    if f.condition:
        lines.append(f"  condition:  only if {f.condition.id} resolves {f.condition.outcome}")
    if f.source:
        src = f.source
        lines.append(f"  source:     {src.ref}" + (f" ({src.published})" if src.published else ""))
        if src.quote:
            lines.append(f'              "{src.quote}"')
    lines.append(f"  predictions ({len(f.predictions)}):")
    for pred in sorted(f.predictions, key=lambda x: x.at):
        value = (
            f"{pred.p:.0%}"
            if pred.p is not None
            else ", ".join(f"{k} {v:.0%}" for k, v in (pred.probabilities or {}).items())
        )
        note = f"  ({pred.note})" if pred.note else ""
        lines.append(f"    {pred.at.isoformat()}  {pred.by}: {value}{note}")
    if f.resolution:
        r = f.resolution
        lines.append(
            f"  resolution: {r.outcome} at {r.at.isoformat()}" + (f" by {r.by}" if r.by else "")
        )
        if r.evidence:
            lines.append(f"    evidence: {r.evidence}")
    for past in f.resolution_history:
        lines.append(f"  earlier:    {past.outcome} ({past.action} {past.replaced_at.isoformat()})")
    return "\n".join(lines)


@app.command()
def validate(ctx: typer.Context) -> None:
    """Check every file in the book; print each problem as file:line: message."""
    with user_errors():
        count, found = _book(ctx).validate()
    for problem in found:
        _out(str(problem))
    problems = [p for p in found if not isinstance(p, ControlCharacters)]
    if problems:
        _out(f"{len(problems)} problem(s); {count} valid question(s)", err=True)
        raise typer.Exit(1)
    _out(f"ok: {count} question(s) valid")


@app.command()
def schema() -> None:
    """Print the JSON Schema of a forecast file."""
    typer.echo(json.dumps(Book.schema(), indent=2))


# -- scoring, import and export ----------------------------------------------------------------

_BY_HELP = "Break down by forecaster, tag, group, horizon, source or month."
_CROWD_HELP = (
    "Aggregates listed beside the people with --by forecaster and --vs: all, none, or "
    "median,mean,logodds,extremized (scored as forecasters crowd:median, ...)."
)
_EXTREMIZE_HELP = (
    "Extremizing factor a of crowd:extremized (mean log-odds times a; 1.73 is Neyman & "
    "Roughgarden's, via Sevilla 2021)."
)
_EARLY_HELP = (
    "Questions resolved with over a quarter of their scheduled life left (mostly early "
    "yeses, which bias calibration): include (default), exclude, or split (also scored apart)."
)
_DAYS_HELP = (
    "Time-averaged relative, peer and baseline scores: lifetime (default, proper for "
    "comparing forecasters: days before a forecaster's first forecast count 0 over the "
    "question's whole life, as Metaculus and Fatebook) or own (only the forecaster's own "
    "days, Good Judgment Open's convention, which rewards joining late)."
)
_SKIP_HELP = "Leave out files that cannot be read (they are counted and named) instead of failing."


@app.command()
def score(
    ctx: typer.Context,
    method: Annotated[
        str,
        typer.Option(help="Which forecast counts: final (last before resolution), time-averaged."),
    ] = "final",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Score the book as it stood at the end of this date."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help=_BY_HELP)] = None,
    vs: Annotated[
        str | None,
        typer.Option(
            "--vs",
            help="Compare this forecaster (or an aggregate, e.g. crowd:median) head to head "
            "with every other one.",
        ),
    ] = None,
    crowd: Annotated[str, typer.Option(help=_CROWD_HELP)] = "all",
    extremize: Annotated[float, typer.Option(help=_EXTREMIZE_HELP)] = DEFAULT_EXTREMIZE,
    days: Annotated[str, typer.Option(help=_DAYS_HELP)] = "lifetime",
    sort: Annotated[
        str | None,
        typer.Option(
            help="Order of --by rows: name, brier, log_score, relative_brier, peer_score or "
            "baseline_score, best first [default: relative_brier with --by forecaster, "
            "else name]."
        ),
    ] = None,
    resolved_early: Annotated[str, typer.Option("--resolved-early", help=_EARLY_HELP)] = "include",
    bins: Annotated[
        int, typer.Option(min=1, max=1000, help="Bins for the decomposition and calibration.")
    ] = 10,
    binning: Annotated[
        str, typer.Option(help="Bins: equal-width (lower, upper] or centred on round values.")
    ] = "equal-width",
    scale: Annotated[
        int, typer.Option(help="Binary Brier scale: 1 (0-1) or 2 (Good Judgment 0-2).")
    ] = 1,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help=_SKIP_HELP)] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (documented keys).")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Per-forecast scores as CSV.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also state the scoring conventions.")
    ] = False,
) -> None:
    """Score the resolved questions: Brier, log score, skill, decomposition, calibration."""
    from forecastbook.report.text import format_scores

    if as_json and as_csv:
        raise typer.BadParameter("give --json or --csv, not both", param_hint="'--csv'")
    with usage_errors("--method"):
        check_method(method)
    with usage_errors("--scale"):
        check_scale(scale)
    with usage_errors("--binning"):
        check_binning(binning)
    if by is not None and by not in BY_CHOICES:
        raise typer.BadParameter(
            f"{by!r} is not one of {', '.join(BY_CHOICES)}", param_hint="'--by'"
        )
    _check_crowd_options(crowd, extremize, days)
    with usage_errors("--resolved-early"):
        from forecastbook.scoring.early import check_resolved_early

        check_resolved_early(resolved_early)
    if sort is not None and sort not in SORTS:
        raise typer.BadParameter(
            f"{sort!r} is not one of {', '.join(SORTS)}", param_hint="'--sort'"
        )
    with user_errors():
        book = _book(ctx)
        if as_csv:
            rows = book.scored_rows(
                method=method, as_of=as_of, scale=scale, skip_invalid=skip_invalid
            )
            _out(rows.to_csv(index=False), nl=False, raw=True)
            return
        with _progress("Reading the book", enabled=not as_json) as progress:
            result = book.score(
                method=method,
                as_of=as_of,
                by=by,
                vs=vs,
                bins=bins,
                binning=binning,
                scale=scale,
                skip_invalid=skip_invalid,
                progress=progress,
                crowd=crowd,
                extremize=extremize,
                days=days,
                sort=sort,
                resolved_early=resolved_early,
            )
    if as_json:
        _json(result, indent=2)
    else:
        _out(format_scores(result, verbose=verbose))


def _check_crowd_options(crowd: str, extremize: float, days: str) -> None:
    from forecastbook.scoring.crowd import check_aggregates, check_extremize
    from forecastbook.scoring.relative import check_days

    with usage_errors("--crowd"):
        check_aggregates(crowd)
    with usage_errors("--extremize"):
        check_extremize(extremize)
    with usage_errors("--days"):
        check_days(days)


@app.command("import")
def import_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE.csv",
            help="CSV file or `export --format json` output; - reads standard input.",
        ),
    ],
    by: Annotated[
        str | None,
        typer.Option(help="Forecaster of rows without one [default: $FORECASTBOOK_BY]."),
    ] = None,
) -> None:
    """Add questions and predictions from a CSV file (all rows or, if one is bad, none)."""
    with user_errors(), _progress("Writing questions", at_least=100) as progress:
        if file == "-":
            content = typer.get_binary_stream("stdin").read()
            result = _book(ctx).import_csv("stdin", by=by, text=content, progress=progress)
        else:
            result = _book(ctx).import_csv(file, by=by, progress=progress)
    _out(
        f"Imported {len(result.ids)} question(s) with {result.predictions} prediction(s) "
        f"from {'standard input' if file == '-' else file}"
    )


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file ('-': stdout) [default: stdout]."),
    ] = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help=_SKIP_HELP)] = False,
) -> None:
    """Write every question, prediction and resolution (lossless; `import` reads it back)."""
    from forecastbook.book import store
    from forecastbook.book.csvio import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="'--format'"
        )
    with user_errors():
        text = _book(ctx).export(fmt, skip_invalid=skip_invalid)
        if output is not None and str(output) != "-":
            store.write_output(output, text.encode("utf-8"))
    if output is None or str(output) == "-":
        _out(text, nl=False, raw=True)
    else:
        _out(f"Exported to {output}", err=True)


@app.command()
def report(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Figure file [default: reports/calibration.FORMAT]."),
    ] = None,
    bins: Annotated[
        int, typer.Option(min=1, max=1000, help="Calibration bins (centred: one more).")
    ] = 10,
    binning: Annotated[
        str, typer.Option(help="Bins: centred on 0%, 10%, ..., 100% or equal-width.")
    ] = "centred",
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="One series per forecaster, tag, group, horizon, source or month."
        ),
    ] = None,
    method: Annotated[
        str,
        typer.Option(help="Which forecast counts: final (last before resolution), time-averaged."),
    ] = "final",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Report on the book as it stood at the end of this date."),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="png, svg or pdf [default: from --out, else png]."),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="The book's name in the title [default: its folder's].")
    ] = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help=_SKIP_HELP)] = False,
    crowd: Annotated[str, typer.Option(help=_CROWD_HELP)] = "all",
    extremize: Annotated[float, typer.Option(help=_EXTREMIZE_HELP)] = DEFAULT_EXTREMIZE,
    days: Annotated[str, typer.Option(help=_DAYS_HELP)] = "lifetime",
    resolved_early: Annotated[str, typer.Option("--resolved-early", help=_EARLY_HELP)] = "include",
) -> None:
    """Draw the calibration report and write its Markdown summary; print both paths."""
    from forecastbook.report import tables

    with usage_errors("--method"):
        check_method(method)
    with usage_errors("--by"):
        tables.check_by(by)
    with usage_errors("--binning"):
        check_binning(binning)
    with usage_errors():
        tables.output_paths(out, fmt)
    _check_crowd_options(crowd, extremize, days)
    with usage_errors("--resolved-early"):
        from forecastbook.scoring.early import check_resolved_early

        check_resolved_early(resolved_early)
    with user_errors(), _progress("Reading the book") as progress:
        written = _book(ctx).report(
            out,
            fmt=fmt,
            bins=bins,
            binning=binning,
            by=by,
            method=method,
            as_of=as_of,
            title=title,
            skip_invalid=skip_invalid,
            progress=progress,
            crowd=crowd,
            extremize=extremize,
            days=days,
            resolved_early=resolved_early,
        )
    if written.note:
        _out(f"Note: {written.note}", err=True)
    _out(str(written.figure))
    _out(str(written.summary))


# -- extract ---------------------------------------------------------------------------------


@app.command("extract")
def extract_cmd(
    ctx: typer.Context,
    article: Annotated[
        Path, typer.Argument(metavar="ARTICLE", help="Article file: text, Markdown or HTML.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date [default: found in the text].")
    ] = None,
    by: Annotated[
        str | None, typer.Option(help="Whose predictions [default: article:<file stem>].")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Add the drafts to the book (draft: true).")
    ] = False,
) -> None:
    """Draft questions from the predictions in an article (YAML on stdout, or --write)."""
    from forecastbook.extract import rules

    with user_errors():
        when = parse_date(published, "--published") if published else None
        if when is not None and when > settings.today():
            raise BadInput("--published", f"{when} is in the future")
        text = rules.read_article(article)
        with _progress("Reading the article", at_least=500) as progress:
            drafts = rules.extract(text, ref=str(article), published=when, by=by, progress=progress)
        added = _book(ctx).add_drafts(drafts) if write and drafts else []
    for warning in rules.article_warnings(text, str(article)):
        _out(f"warning: {warning}", err=True)
    if not drafts:
        _out(f"No predictions found in {article}.", err=True)
    elif write:
        if added:
            _out("\n".join(f.id for f in added))
        skipped = len(drafts) - len(added)
        again = f"; {skipped} already in the book" if skipped else ""
        _out(
            f"{len(added)} draft(s) added{again}; review them, then `forecastbook accept ID`.",
            err=True,
        )
    else:
        _out(rules.render(drafts), nl=False, raw=True)


def main() -> None:
    """Console-script entry point."""
    app()
