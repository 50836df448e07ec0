"""YAML text <-> plain data: safe loading, line lookup, and comment-preserving edits.

Loading uses PyYAML's safe C loader (no object construction, fast). Editing an existing
file uses ruamel.yaml's round-trip mode so that a user's comments and key order survive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

try:
    _SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader

MAX_NODES = 100_000
"""More YAML nodes than any forecast file needs; guards against alias bombs."""


class YamlError(ValueError):
    """The text is not acceptable YAML; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(message)


def load(text: str) -> Any:
    """Parse YAML safely: no Python objects, no anchors/aliases, bounded size of the tree."""
    if "&" in text or "*" in text:
        _check_aliases(text)
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or str(exc)
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem = f"YAML tag not allowed ({problem.split('tag', 1)[1].strip(' :')})"
        raise YamlError(problem, line) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc).splitlines()[0]) from None
    except RecursionError:
        raise YamlError("YAML nested too deeply") from None


def _check_aliases(text: str) -> None:
    """Refuse anchors and aliases: forecast files never need them, and they can explode."""
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                line = event.start_mark.line + 1 if event.start_mark else None
                raise YamlError(f"YAML {kind} '{anchor}' not allowed in a forecast file", line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(exc.problem or str(exc), mark.line + 1 if mark else None) from None


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at `loc` (a pydantic error location), or its nearest parent."""
    try:
        node = yaml.compose(text, Loader=_SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    line = key.start_mark.line + 1
                    child = value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        if child is None:
            break
        node = child
    return line


def dump(data: Mapping[str, Any], header: str = "") -> str:
    """Fresh YAML text for plain data, keys in the given order."""
    body = yaml.safe_dump(
        dict(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return header + body


def update(text: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """Rewrite `text` so it holds `new`, changing only what differs from `old`.

    Unchanged keys keep their text and comments; a list that only grew gets its new items
    appended; keys new to the file are inserted in the order of `new`.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, block_seq_indent = load_yaml_guess_indent(text)
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    indent = indent or 2
    offset = block_seq_indent or 0
    rt.indent(mapping=indent, sequence=indent + offset if offset else indent, offset=offset)
    doc = rt.load(text)
    _merge(doc, old, new)
    import io

    out = io.StringIO()
    rt.dump(doc, out)
    return out.getvalue()


def _merge(node: Any, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    for key in list(node.keys()):
        if key in old and key not in new:
            del node[key]
    previous: str | None = None
    for key, value in new.items():
        if key not in node:
            position = list(node.keys()).index(previous) + 1 if previous in node else 0
            node.insert(position, key, _to_rt(value))
        elif old.get(key) != value:
            before = old.get(key)
            current = node[key]
            if (
                isinstance(value, list)
                and isinstance(before, list)
                and isinstance(current, list)
                and len(current) == len(before)
                and value[: len(before)] == before
            ):
                for item in value[len(before) :]:
                    current.append(_to_rt(item))
            elif (
                isinstance(value, dict) and isinstance(before, dict) and hasattr(current, "insert")
            ):
                _merge(current, before, value)
            else:
                node[key] = _to_rt(value)
        previous = key


def _to_rt(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        return CommentedMap((k, _to_rt(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_to_rt(v) for v in value)
    return value
