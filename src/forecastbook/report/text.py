"""The plain-text scores that `forecastbook score` prints, from a `score_book` result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from forecastbook.report.formatting import MISSING, number
from forecastbook.report.tables import accounting_text
from forecastbook.scoring.options import conventions


def _fmt(value: Any, digits: int = 3) -> str:
    """Floats through `number`, whole numbers as they are, missing as `MISSING`."""
    if value is None:
        return MISSING
    if isinstance(value, float):
        return number(value, digits)
    return str(value)


def format_scores(result: Mapping[str, Any], *, verbose: bool = False) -> str:
    """A readable plain-text report of a `score_book` result in 80 columns; with `verbose`,
    followed by the scoring conventions in force (otherwise a pointer to them)."""
    conv = result.get("conventions") or conventions()
    lines = []
    as_of = f", as of {result['as_of']}" if result.get("as_of") else ""
    lines.append(
        f"Scored {result['count']} forecast(s) on {result['questions']} question(s) "
        f"(method: {result.get('method') or 'final'}{as_of})."
    )
    if result.get("accounting"):
        lines.append(f"  Questions: {accounting_text(result['accounting'])}.")
    for problem in result.get("skipped") or ():
        lines.append(f"  left out: {problem}")
    if result.get("resolved_early"):
        mode = result.get("resolved_early_mode") or "include"
        what = {"include": "scored", "exclude": "left out", "split": "also scored apart below"}
        lines.extend(
            _wrapped(
                f"Resolved early: {result['resolved_early']} question(s), {what[mode]} "
                "(more than a quarter of their scheduled life before resolve-by; "
                "--resolved-early include|exclude|split)."
            )
        )
    if result["count"]:
        rows = [
            ("Brier score", result["brier"], "lower is better"),
            ("  binary only", result["brier_binary"], f"{result['binary_count']} forecast(s)"),
            (
                "  multiple choice only",
                result["brier_multiple_choice"],
                f"{result['multiple_choice_count']} forecast(s)",
            ),
            ("  always 50%/uniform", result["brier_reference"], "reference of skill vs 50%"),
            ("Log score", result["log_score"], "higher is better"),
            ("  always 50%/uniform", result["log_score_reference"], "the same reference"),
            ("  certain and wrong", result["certain_wrong"], "gave the outcome 0; not in the mean"),
            ("Skill vs 50%/uniform", result["brier_skill_vs_half"], "higher is better"),
            (
                "Skill vs base rate",
                result["brier_skill_vs_base_rate"],
                f"reference: always the base rate {_fmt(result['base_rate'])}",
            ),
        ]
        for label, value, note in rows:
            lines.append(f"  {label:<22} {_fmt(value):>8}   {note}")
        if result.get("reliability") is not None:
            exact = result["distinct"] or {}
            lines.append(
                f"  {'Murphy, ' + str(result['decomposition_bins']) + ' bins':<22} "
                f"REL {_fmt(result['reliability'], 4)}  "
                f"RES {_fmt(result['resolution'], 4)}  "
                f"UNC {_fmt(result['uncertainty'], 4)}"
            )
            lines.append(
                f"  {'Murphy, distinct':<22} REL {_fmt(exact.get('reliability'), 4)}  "
                f"RES {_fmt(exact.get('resolution'), 4)}  "
                f"UNC {_fmt(exact.get('uncertainty'), 4)}  (exact)"
            )
        if result.get("calibration"):
            lines.append("")
            lines.append("Calibration (binary; 95% Wilson interval of the observed frequency)")
            lines.append(f"  {'bin':<13} {'count':>6} {'forecast':>9} {'observed':>9}  95% CI")
            for b in result["calibration"]:
                span = _span(b["lower"], b["upper"], result.get("binning") or "equal-width")
                count = b["count"] if isinstance(b["count"], int) else f"{b['count']:.1f}"
                lines.append(
                    f"  {span:<13} {count:>6} {b['mean_forecast']:>9.3f} {b['observed']:>9.3f}"
                    f"  {b['ci_low']:.2f}-{b['ci_high']:.2f}"
                )
    if result.get("resolved_early_split") is not None:
        lines.append("")
        lines.append(_table("timing", result["resolved_early_split"], "name", _GROUP_COLUMNS))
    if result.get("groups") is not None:
        groups = result["groups"]
        relative = bool(groups) and "relative_brier" in groups[0]
        lines.append("")
        lines.append(_table(result["by"], groups, "name", _GROUP_COLUMNS))
        if relative:
            lines.append("")
            lines.extend(
                _wrapped(
                    f"Against the others, best first by "
                    f"{result.get('sort') or 'relative_brier'}; crowd:... are aggregates of "
                    "the people's forecasts. relBrier: Brier minus the median Brier on the "
                    "question (Fatebook; lower is better); peer, baseline: Metaculus' scores "
                    "(higher is better); shared: questions with another forecaster.",
                    indent="",
                )
            )
            lines.append(_table(result["by"], groups, "name", _RELATIVE_COLUMNS))
    if result.get("vs") is not None:
        lines.append("")
        lines.append(
            f"Head to head: {result['vs_name']} against each forecaster (common questions)"
        )
        if result["vs"]:
            lines.append(_table("opponent", result["vs"], "opponent", _VS_COLUMNS))
        else:
            lines.append("  no resolved question in common with anyone")
    lines.append("")
    if verbose:
        import textwrap

        lines.append("Conventions")
        names = {"brier": "Brier", "log_score": "Log score", "skill": "Skill",
                 "bins": "Bins", "calibration_ci": "Calibration"}  # fmt: skip
        for key, text in conv.items():
            lines.extend(
                textwrap.wrap(
                    f"{names.get(key, key)}: {text}",
                    width=80,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    else:
        lines.append("(`forecastbook score --verbose` states the scoring conventions)")
    return "\n".join(lines)


def _wrapped(text: str, *, indent: str = "  ") -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=80, initial_indent=indent, subsequent_indent=indent + "  ")


def _span(lower: float, upper: float, binning: str) -> str:
    if binning == "centred":
        return f"[{lower:.2f}, {upper:.2f}" + ("]" if upper == 1.0 else ")")
    return f"{'[' if lower == 0.0 else '('}{lower:.2f}, {upper:.2f}]"


_GROUP_COLUMNS = (
    ("count", "count"),
    ("open", "open"),
    ("brier", "brier"),
    ("log_score", "log"),
    ("brier_skill_vs_half", "skill50"),
    ("base_rate", "base"),
    ("brier_skill_vs_base_rate", "skillBR"),
)
_RELATIVE_COLUMNS = (
    ("shared", "shared"),
    ("relative_brier", "relBrier"),
    ("peer_score", "peer"),
    ("baseline_score", "baseline"),
)
_VS_COLUMNS = (
    ("questions", "common"),
    ("brier", "brier"),
    ("opponent_brier", "theirs"),
    ("mean_difference", "diff"),
    ("won", "won"),
    ("tied", "tied"),
    ("lost", "lost"),
)


def _table(
    title: str, records: Sequence[Mapping[str, Any]], key: str, columns: Sequence[tuple[str, str]]
) -> str:
    # Names are cut (in the middle) so that a row fits 80 columns.
    room = max(len(title), 80 - 2 - 9 * len(columns))
    names = [_fit(str(r[key]), room) for r in records]
    width = max([len(title), *map(len, names)])
    head = f"  {title:<{width}}" + "".join(f" {label:>8}" for _, label in columns)
    body = [
        f"  {name:<{width}}" + "".join(f" {_fmt(r.get(col)):>8}" for col, _ in columns)
        for name, r in zip(names, records, strict=True)
    ]
    return "\n".join([head, *body])


def _fit(text: str, width: int) -> str:
    """`text`, or its start and end around an ellipsis when longer than `width`."""
    if len(text) <= width:
        return text
    keep = width - 1
    return text[: (keep + 1) // 2] + "\u2026" + text[len(text) - keep // 2 :]
