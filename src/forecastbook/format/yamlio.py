"""YAML text <-> plain data: safe loading, line lookup, and comment-preserving edits.

Loading uses PyYAML's safe C loader (no object construction), through `yamlfast` for
speed. Editing an existing file uses ruamel.yaml's round-trip mode so that a user's
comments and key order survive.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

try:
    _SafeLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


class YamlError(ValueError):
    """The text is not acceptable YAML; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(message)


MAX_DEPTH = 64
"""Deeper nesting than any forecast file has; libyaml's composer recurses in C and a
few tens of thousands of levels overflow the C stack (the process dies with SIGSEGV)."""

_DEPTH_SCAN_AT = 1_000
"""Each level of nesting needs one of `[{-:?`; below this many, depth is harmless."""


def load(text: str) -> Any:
    """Parse YAML safely: no Python objects, no anchors/aliases, bounded size of the tree."""
    if "&" in text or "*" in text or sum(map(text.count, "[{-:?")) > _DEPTH_SCAN_AT:
        _check_events(text)
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
        raise _unmarked(exc, text) from None
    except RecursionError:
        raise YamlError("YAML nested too deeply") from None
    except (ValueError, OverflowError) as exc:
        # Constructors raise plain errors for values that parse but cannot exist:
        # `0000-00-00` (no year 0), integers of more than 4300 digits.
        raise YamlError(f"invalid value ({exc})", _bad_scalar_line(text)) from None


def _bad_scalar_line(text: str) -> int | None:
    """The first line holding a scalar that PyYAML cannot construct (e.g. `2024-02-30`)."""
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    constructor = yaml.constructor.SafeConstructor()
    lines = []
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                constructor.construct_object(node)
            except Exception:
                lines.append(node.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(part for pair in node.value for part in pair)
    return min(lines, default=None)


def _unmarked(exc: yaml.YAMLError, text: str) -> YamlError:
    """A YamlError for errors without a mark (control characters raise `ReaderError`)."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        return YamlError(f"{exc.reason} (character #x{code:04x})", line)
    return YamlError(str(exc).splitlines()[0])


def _check_events(text: str) -> None:
    """Refuse anchors, aliases (they can explode) and deep nesting (it can crash libyaml).

    libyaml's event parser keeps its own stack, so this pass is safe on any input.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1 if event.start_mark else None
                    raise YamlError(f"YAML nested more than {MAX_DEPTH} levels deep", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
                line = event.start_mark.line + 1 if event.start_mark else None
                raise YamlError(f"YAML {kind} '{anchor}' not allowed in a forecast file", line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(exc.problem or str(exc), mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise _unmarked(exc, text) from None


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


# Characters that YAML treats as line breaks, or that are not printable: PyYAML's emitter
# writes NEL (U+0085) raw inside quotes, and the reader then folds it into a space.
_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that double-quotes (and so escapes) strings with awkward characters."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _ESCAPE.search(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def dump(data: Mapping[str, Any], header: str = "") -> str:
    """Fresh YAML text for plain data, keys in the given order."""
    body = yaml.dump(
        dict(data),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return header + body


def update(text: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """Rewrite `text` so it holds `new`, changing only what differs from `old`.

    Unchanged keys keep their text and comments; a list that only grew gets its new items
    appended; keys new to the file are inserted in the order of `new`. Keys the file leaves
    out (defaults such as `kind`) stay out while their value does not change.
    """
    import io

    appended = _append_only(text, old, new)
    if appended is not None:
        return appended

    from ruamel.yaml import YAML

    mapping, sequence, offset = _guess_indent(text)
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096
    rt.indent(mapping=mapping, sequence=sequence, offset=offset)
    # Files are read back by PyYAML (YAML 1.1), ruamel writes YAML 1.2: floats must keep
    # their dot ("1.0e-07", not "1e-07", which 1.1 reads as a string).
    rt.representer.add_representer(float, _represent_float)
    # ruamel re-formats floats it read (9.803411525686941e-304 came back as ...940e-304,
    # 5e-324 as 4e-324): keep the text of every float the user wrote.
    rt.constructor.add_constructor("tag:yaml.org,2002:float", _construct_float)
    rt.representer.add_representer(_WrittenFloat, _represent_written_float)
    try:
        doc = rt.load(text)
        _merge(doc, old, new)
        out = io.StringIO()
        rt.dump(doc, out)
    except Exception as exc:  # ruamel has no common base class; the caller falls back
        msg = f"cannot edit in place ({type(exc).__name__})"
        raise YamlError(msg) from None
    return out.getvalue()


def _append_only(text: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str | None:
    """The fast path of `update` when the only change is items appended to one top-level
    block list (a new prediction): the new items' text is inserted after the last item,
    and the rest of the file is left byte for byte. ruamel's round trip costs about 2 ms
    per prediction, which made `update` of a long history take seconds under the lock.
    None when the change is anything else, or when the result would not read back as `new`
    (then ruamel does the edit)."""
    if list(old) != list(new):
        return None
    grown = [k for k in new if new[k] != old[k]]
    if len(grown) != 1:
        return None
    key = grown[0]
    before, after = old[key], new[key]
    if not (
        isinstance(before, list)
        and isinstance(after, list)
        and before
        and after[: len(before)] == before
    ):
        return None
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    nodes = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    if len(nodes) != 1 or not isinstance(nodes[0], yaml.SequenceNode):
        return None
    sequence = nodes[0]
    if sequence.flow_style or len(sequence.value) != len(before):
        return None
    # After the last scalar of the last item (a block node's own end mark lies past any
    # comment lines that follow it, which belong to the next key).
    last = sequence.value[-1]
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and last.value:
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    at = last.end_mark.index
    if at == 0 or text[at - 1] != "\n":
        newline = text.find("\n", at)
        at = len(text) if newline < 0 else newline + 1
    indent = " " * sequence.start_mark.column
    items = yaml.dump(
        list(after[len(before) :]),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    block = "".join(indent + line if line.strip() else line for line in items.splitlines(True))
    head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
    result = head + block + text[at:]
    # The file must read back as it did, plus exactly the new items.
    try:
        was, now = load(text), load(result)
    except YamlError:
        return None
    if not isinstance(now, dict) or not isinstance(now.get(key), list):
        return None
    added = now[key][len(before) :]
    now[key] = now[key][: len(before)]
    return result if now == was and added == after[len(before) :] else None


class _WrittenFloat(float):
    """A float read from the file, with the text it was written as."""

    text: str


def _construct_float(constructor: Any, node: Any) -> float:
    value = _WrittenFloat(constructor.construct_yaml_float(node))
    value.text = node.value
    return value


def _represent_written_float(representer: Any, value: _WrittenFloat) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", value.text)


def _represent_float(representer: Any, value: float) -> Any:
    text = yaml.representer.SafeRepresenter().represent_float(value).value
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


def _guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indents as ruamel wants them, from the file's own style.

    Defaults are PyYAML's block style, the way the tool writes new files.
    """
    found: dict[str, int] = {}
    try:
        root = yaml.compose(text, Loader=_SafeLoader)
    except (yaml.YAMLError, RecursionError):
        root = None
    todo = [root] if isinstance(root, yaml.MappingNode) else []
    while todo and len(found) < 3:
        node = todo.pop()
        for key, value in node.value:
            column = key.start_mark.column
            if isinstance(value, yaml.MappingNode) and not value.flow_style and value.value:
                found.setdefault("mapping", value.value[0][0].start_mark.column - column)
                todo.append(value)
            elif isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                found.setdefault("offset", value.start_mark.column - column)
                found.setdefault("sequence", value.value[0].start_mark.column - column)
                todo.extend(v for v in value.value if isinstance(v, yaml.MappingNode))
    mapping = found.get("mapping", 2)
    offset = found.get("offset", 0)
    sequence = found.get("sequence", offset + 2)
    if mapping < 1 or offset < 0 or sequence < offset + 2:
        return 2, 2, 0
    return mapping, sequence, offset


def _merge(node: Any, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    # Comment lines that follow an entry belong, in ruamel, to that entry's last line; when
    # the entry goes, or something is added after it, they are moved so that they stay in
    # front of what follows (a comment line describes the line below it).
    for key in list(node.keys()):
        if key in old and key not in new:
            keys = list(node.keys())
            after = _take_trailing(node, key)
            del node[key]
            index = keys.index(key)
            if index > 0:
                _give_trailing(node, keys[index - 1], after)
            elif len(node):
                _give_leading(node, after)
    previous: str | None = None
    for key, value in new.items():
        if key not in node:
            if key in old and old[key] == value:
                continue  # a default the file leaves out; keep it out
            after = _take_trailing(node, previous) if previous is not None else ""
            position = list(node.keys()).index(previous) + 1 if previous is not None else 0
            node.insert(position, key, _to_rt(value))
            _give_trailing(node, key, after)
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
                after = _take_trailing(node, key)
                for item in value[len(before) :]:
                    current.append(_to_rt(item))
                _give_trailing(node, key, after)
            elif (
                isinstance(value, dict) and isinstance(before, dict) and hasattr(current, "insert")
            ):
                _merge(current, before, value)
            else:
                after = _take_trailing(node, key)
                node[key] = _to_rt(value)
                _give_trailing(node, key, after)
        previous = key


def _tail_slot(parent: Any, key: Any) -> tuple[dict[Any, Any], Any, int]:
    """Where ruamel keeps the comment after the last line of `parent[key]`."""
    value = parent[key]
    if isinstance(value, (dict, list)) and len(value) and not value.fa.flow_style():
        last = list(value.keys())[-1] if isinstance(value, dict) else len(value) - 1
        return _tail_slot(value, last)
    return parent.ca.items, key, (2 if isinstance(parent, dict) else 0)


def _take_trailing(parent: Any, key: Any) -> str:
    """Remove and return the comment lines after `parent[key]` (its inline comment stays)."""
    items, at, index = _tail_slot(parent, key)
    slots = items.get(at)
    token = slots[index] if slots is not None and len(slots) > index else None
    if token is None or not isinstance(getattr(token, "value", None), str):
        return ""
    inline, newline, rest = token.value.partition("\n")
    if not rest:
        return ""
    if inline:
        token.value = inline + newline
    else:
        slots[index] = None
    return rest


def _give_trailing(parent: Any, key: Any, text: str) -> None:
    """Put comment lines `text` after the last line of `parent[key]`."""
    if not text:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    items, at, index = _tail_slot(parent, key)
    slots = items.setdefault(at, [None, None, None, None])
    token = slots[index]
    if token is not None and isinstance(getattr(token, "value", None), str):
        token.value = token.value + text if token.value.endswith("\n") else token.value
    else:
        slots[index] = CommentToken("\n" + text, CommentMark(0), None)


def _give_leading(node: Any, text: str) -> None:
    """Put comment lines `text` before the first key of mapping `node` (after its header)."""
    if not text:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if node.ca.comment is None:
        node.ca.comment = [None, None]
    if node.ca.comment[1] is None:
        node.ca.comment[1] = []
    node.ca.comment[1].append(CommentToken(text, CommentMark(0), None))


_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()


def _to_rt(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, Mapping):
        return CommentedMap((_to_rt(k), _to_rt(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_to_rt(v) for v in value)
    if isinstance(value, str) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != (
        _STR_TAG
    ):
        # ruamel (YAML 1.2) would write `yes` or `2024-01-01` bare; PyYAML (1.1) would then
        # read a bool or a date back. Quote whatever 1.1 would not read as this string.
        from ruamel.yaml.scalarstring import SingleQuotedScalarString

        return SingleQuotedScalarString(value)
    return value
