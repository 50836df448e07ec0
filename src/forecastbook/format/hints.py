"""Problems in a hand-edited forecast file, worded as how to fix them.

pydantic and libyaml describe what went wrong in their own terms ("Input should be a valid
string", "found character that cannot start any token"); a person editing YAML needs to be
told what to write instead, in the words of the file:

>>> explain_yaml("found character that cannot start any token", "-\\tat: x")
'tabs are not allowed for indentation in YAML; use spaces'
>>> explain(("resolution", "outcome"), "string_type", "Input should be a valid string",
...         True, "  outcome: yes")
"write 'yes' in quotes (YAML reads a bare yes as true)"

Problems without a better wording keep the original message.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

# What a missing field is for, to say why it is needed.
_NEEDED = {
    ("id",): "every file needs an id (its file name without .yaml)",
    ("question",): "every file needs a question",
    ("created",): "every file needs created: the date the question was asked",
    ("at",): "needs at: when it happened, e.g. 2026-01-05T09:00:00Z",
    ("by",): "every prediction needs by: who made it",
    ("outcome",): "a resolution needs outcome: yes, no, annulled or an option",
    ("ref",): "a source needs ref: the article file or URL",
    ("replaced_at",): "an earlier resolution needs replaced_at: when it was replaced",
    ("action",): "an earlier resolution needs action: corrected or reopened",
}


def explain(
    loc: tuple[str | int, ...], err_type: str, message: str, value: Any, line_text: str | None
) -> str:
    """A how-to-fix wording of one validation problem (or `message` unchanged).

    Parameters
    ----------
    loc
        Where in the file (pydantic's location, e.g. ``("predictions", 0, "p")``).
    err_type
        pydantic's error type (``string_type``, ``missing``, ...).
    message
        The message so far.
    value
        The value YAML read there (pydantic's ``input``).
    line_text
        The file's line that the problem points at, when known.
    """
    field = str(loc[-1]) if loc else ""
    written = _written_value(line_text)
    if err_type == "missing":
        why = _NEEDED.get((field,))
        return f"missing ({why})" if why else "missing"
    if err_type == "string_type" and isinstance(value, bool):
        word = written if written and written.lower() in _BOOL_WORDS else _YES_NO[value]
        return f"write '{word}' in quotes (YAML reads a bare {word} as {str(value).lower()})"
    if err_type == "string_type" and isinstance(value, (int, float, date)):
        word = written or str(value)
        kind = "a date" if isinstance(value, date) else "a number"
        return f"write '{word}' in quotes (YAML reads it as {kind}, not text)"
    if err_type == "timezone_aware":
        example = "2026-01-05T09:00:00Z"
        try:
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
            example = moment.replace(microsecond=0).isoformat() + "Z"
        except (TypeError, ValueError):
            pass
        return (
            f"add a time zone, e.g. {example} (a time in a file needs one; on the command "
            "line a time without one means UTC)"
        )
    if field == "p" or (len(loc) > 1 and loc[-2] == "probabilities"):
        fixed = _probability_fix(value)
        if fixed is not None:
            return fixed
    if err_type == "extra_forbidden":
        return _unknown_field(loc)
    return message


_YES_NO = {True: "yes", False: "no"}
_BOOL_WORDS = {"yes", "no", "true", "false", "on", "off"}


def _written_value(line_text: str | None) -> str | None:
    """The scalar as written on a `key: value` or `- value` line, without a comment."""
    if not line_text:
        return None
    text = line_text.strip()
    if ": " in text:
        text = text.split(": ", 1)[1]
    elif text.startswith("- "):
        text = text[2:]
    else:
        return None
    text = re.sub(r"\s+#.*$", "", text).strip()
    return text or None


def _probability_fix(value: Any) -> str | None:
    """`p: 35%` or `p: 35`: write 0.35."""
    number: float | None = None
    shown = str(value)
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            number = float(value.strip()[:-1]) / 100
        except ValueError:
            return None
    elif (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and float(value).is_integer()
        and 1 < value <= 100
    ):  # a whole number above 1 is a percentage, as `--p 35` means 35% on the command line
        number = value / 100
        shown = f"{value:g}"
    if number is None or not 0 <= number <= 1:
        return None
    return f"write {round(number, 12):g}, not {shown} (a probability is between 0 and 1)"


def _unknown_field(loc: tuple[str | int, ...]) -> str:
    """'unknown field', with the closest allowed name when there is one."""
    from forecastbook.format import models

    parents = [p for p in loc[:-1] if isinstance(p, str)]
    model: Any = {
        "predictions": models.Prediction,
        "resolution": models.Resolution,
        "resolution_history": models.PastResolution,
        "source": models.Source,
        "condition": models.Condition,
    }.get(parents[-1] if parents else "", models.Forecast)
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.7)
    return f"unknown field (did you mean {close[0]}?)" if close else "unknown field"


def explain_yaml(message: str, line_text: str | None) -> str:
    """A how-to-fix wording of a YAML syntax error (or `message` unchanged).

    Parameters
    ----------
    message
        libyaml's problem, e.g. ``mapping values are not allowed in this context``.
    line_text
        The line the problem points at, when known.
    """
    line = line_text or ""
    if "\t" in line and "cannot start any token" in message:
        return "tabs are not allowed for indentation in YAML; use spaces"
    if "mapping values are not allowed" in message:
        key, sep, value = line.strip().partition(": ")
        if sep and ": " in value:
            return f"a value holding ': ' must be in quotes, e.g. {key}: '{value.strip()}'"
        return f"{message} (check the indentation of this line)"
    if "unexpected end of stream" in message:
        return "the file ends inside a quoted value: a quote is not closed"
    if "did not find expected ',' or ']'" in message:
        return "a [list] is not closed with ] (or an item holding ',' needs quotes)"
    if "did not find expected ',' or '}'" in message:
        return "a {mapping} is not closed with } (or a value holding ',' needs quotes)"
    return message
