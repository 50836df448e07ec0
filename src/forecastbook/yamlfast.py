"""A faster safe YAML load with exactly PyYAML's results, or `None` to say "use PyYAML".

`yaml.load(text, Loader=yaml.CSafeLoader)` parses in C (libyaml) but resolves and builds
every value in Python, and that is most of a large book's load time. Here libyaml still
parses (PyYAML's `CParser`); the resolver remembers the tag of each plain scalar it has
seen (the tag depends on the text alone), and a lean builder makes the values with
PyYAML's own scalar constructors. It handles only what forecast files are made of: plain
mappings with scalar keys, sequences, and str/int/float/bool/null/timestamp scalars.
Anything else (explicit tags, merge keys, sets, binary, errors of any kind) returns
`None`, and the caller loads the text with PyYAML, which gives its own result or error.
tests/test_yamlfast.py checks the results against `yaml.CSafeLoader`.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_CONSTRUCTOR = SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
_RESOLVE = Resolver().resolve  # CSafeLoader's resolver (SafeLoader uses the same table)
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}
_TAGS_MAX = 50_000


class _Unusual(Exception):
    """The document holds something this loader leaves to PyYAML."""


if CParser is not None:

    class _Parser(CParser):  # type: ignore[misc, valid-type]
        """libyaml's parser with a memoised resolver and no path resolvers (Safe has none)."""

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> str:
            if kind is not ScalarNode:
                return _RESOLVE(kind, value, implicit)
            if not implicit[0]:  # quoted: never resolved, always a string
                return _STR
            key = (value, implicit)
            tag = _TAGS.get(key)
            if tag is None:
                if len(_TAGS) >= _TAGS_MAX:
                    _TAGS.clear()
                tag = _TAGS[key] = _RESOLVE(kind, value, implicit)
            return tag


def load(text: str) -> tuple[Any] | None:
    """`(value,)` as `yaml.load(text, Loader=yaml.CSafeLoader)` would return it, or None
    when this loader does not handle the text (the caller then asks PyYAML)."""
    if CParser is None:  # pragma: no cover
        return None
    try:
        parser = _Parser(text)
        try:
            node = parser.get_single_node()
        finally:
            parser.dispose()
        return (None if node is None else _build(node),)
    except (_Unusual, yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return None


def _build(node: Any) -> Any:
    kind = node.__class__
    if kind is ScalarNode:
        if node.tag == _STR:
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise _Unusual
        return construct(node)
    if kind is MappingNode:
        if node.tag != _MAP:
            raise _Unusual
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode or key_node.tag == _MERGE:
                raise _Unusual
            mapping[_build(key_node)] = _build(value_node)
        return mapping
    if kind is SequenceNode:
        if node.tag != _SEQ:
            raise _Unusual
        return [_build(item) for item in node.value]
    raise _Unusual
