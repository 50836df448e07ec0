"""Text that is safe to print on a terminal.

A question, a name or a note comes from a file anyone may have written. Printed raw, an
escape sequence in it (``ESC [2K``, an OSC 52 clipboard write) would act on the reader's
terminal: erase lines, fake a "resolved: yes", write to the clipboard. `printable` shows
every control character as a visible escape instead, so what is printed is what the file
holds, and nothing more happens.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, and the invisible bidirectional and line-separator
# characters that reorder or break what is shown ("Trojan Source").
_CONTROLS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
)
_UNSAFE = re.compile(f"[{_CONTROLS}]")
_UNSAFE_OR_LINE = re.compile(f"[{_CONTROLS}\t\n]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\x1b": "\\e"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = True) -> str:
    """`text` with control characters shown as escapes (``\\e``, ``\\x07``, ``\\u202e``).

    With `newlines` (default) line breaks and tabs are kept; without, they are escaped too
    (for one-line fields such as a table row).

    >>> printable("ok\\x1b[2K\\rresolved: yes")
    'ok\\\\e[2K\\\\rresolved: yes'
    >>> printable("two\\nlines", newlines=False)
    'two\\\\nlines'
    """
    pattern = _UNSAFE if newlines else _UNSAFE_OR_LINE
    return pattern.sub(_escape, text) if pattern.search(text) else text


def has_controls(text: str) -> bool:
    """True when `text` holds a character `printable` would escape (newlines and tabs
    aside).

    >>> has_controls("fine\\n"), has_controls("bell\\x07")
    (False, True)
    """
    return _UNSAFE.search(text) is not None


def json_printable(text: str) -> str:
    """JSON text with the characters `printable` escapes written as ``\\uXXXX`` (same data:
    any JSON reader gets the same strings), for JSON printed with ``ensure_ascii=False``."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable_data(value: object) -> object:
    """`value` (JSON-like data) with every string, keys included, passed through
    `printable` without newlines: for showing a whole entry one field per line."""
    if isinstance(value, str):
        return printable(value, newlines=False)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable_data(v) for v in value]
    return value
