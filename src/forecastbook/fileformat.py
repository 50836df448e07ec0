"""The parts of the forecast file format that need no pydantic: constants, ids, outcomes.

`models` re-exports everything here and stays the definition of the format; these live
apart so that `forecastbook add` can write a new file without importing pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import BadInput, Conflict

SCHEMA_VERSION = 1
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SLUG_MAX = 64
SLUG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
SUM_TOLERANCE = 1e-6
ANNULLED = "annulled"
BINARY_OUTCOMES = ("yes", "no")
BINARY_ALIASES = {"y": "yes", "true": "yes", "1": "yes", "n": "no", "false": "no", "0": "no"}

FIELD_ORDER: tuple[str, ...] = (
    "schema_version",
    "id",
    "question",
    "kind",
    "options",
    "criteria",
    "created",
    "resolve_by",
    "horizon",
    "tags",
    "group",
    "condition",
    "source",
    "draft",
    "predictions",
    "resolution",
    "resolution_history",
)
"""Key order when the tool writes a file; also the order of `models.Forecast`'s fields."""


def check_id(text: str, argument: str = "ID") -> str:
    """Refuse ids that are not slugs (no `/`, `..`, capitals, spaces; at most 64 chars)."""
    if not text or len(text) > SLUG_MAX or not set(text) <= SLUG_CHARS or text.startswith("-"):
        raise BadInput(
            argument,
            f"{text!r} is not a valid id (lowercase letters, digits and '-', at most {SLUG_MAX})",
        )
    return text


def free_id(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... (cut to fit 64 characters): the first not `taken`."""
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def claim_id(root: Path, wanted: str, taken: set[str], *, explicit: bool) -> str:
    """The id a new question gets: `wanted` if free; if taken, a `Conflict` when the user
    chose it (`explicit`), else the first free `wanted-2`, `wanted-3`..."""
    if wanted in taken and explicit:
        msg = f"--id: a question with id {wanted!r} already exists in {root}"
        raise Conflict(msg)
    return free_id(wanted, taken)


def slugify(text: str, max_length: int = 48) -> str:
    """Make an id from question text: lowercase ASCII words joined by hyphens.

    >>> slugify("Will Ukraine join NATO by 2030?")
    'will-ukraine-join-nato-by-2030'
    """
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug or "question"


def match_outcome(text: str, options: list[str] | None) -> str | None:
    """The outcome `text` names, or None: binary questions (`options` None) take yes, no,
    annulled and y/n/true/false/1/0; any question takes a case-insensitive unique match.

    >>> match_outcome("TRUE", None), match_outcome("Left", ["left", "right"])
    ('yes', 'left')
    """
    raw = text.strip()
    allowed = [*(options if options is not None else BINARY_OUTCOMES), ANNULLED]
    if raw in allowed:
        return raw
    lowered = raw.lower()
    if options is None and lowered in BINARY_ALIASES:
        return BINARY_ALIASES[lowered]
    folded = [o for o in allowed if o.lower() == lowered]
    return folded[0] if len(folded) == 1 else None


def certainty_warning(probabilities: Iterable[float]) -> str | None:
    """A warning when a probability is exactly 0 or 1 (infinite log score if wrong)."""
    if any(v in (0.0, 1.0) for v in probabilities):
        return (
            "warning: a probability of 0 or 1 is certainty; if wrong, its log score is "
            "infinite (scored at the clipping epsilon)"
        )
    return None
