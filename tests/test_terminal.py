"""Terminal-safe output (`forecastbook.format.terminal`; issue 16, item 3): text from the
book never reaches the terminal as control characters, and `validate` warns about them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from forecastbook.format.terminal import has_controls, json_printable, printable

# Erase the line, go up, print a fake status; set the clipboard (OSC 52); ring; C1 CSI;
# a right-to-left override.
HOSTILE = "\x1b[2K\r\x1b[1Aresolved: yes\x1b]52;c;ZXZpbA==\x07\x9b31m\u202eevil"
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@given(st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    assert not has_controls(printable(text))
    assert not RAW.search(printable(text, newlines=False))
    assert "\n" not in printable(text, newlines=False)


@given(st.text())
def test_json_printable_is_the_same_data(text: str) -> None:
    dumped = json.dumps({"q": text}, ensure_ascii=False)
    assert json.loads(json_printable(dumped)) == {"q": text}
    assert not RAW.search(json_printable(dumped))


@pytest.fixture
def hostile(book_dir: Path) -> Path:
    data = {
        "schema_version": 1,
        "id": "evil",
        "question": f"Innocent?{HOSTILE}",
        "created": "2025-01-01",
        "tags": [f"t{HOSTILE}"],
        "predictions": [
            {"at": "2025-01-02T00:00:00Z", "by": f"mallory{HOSTILE}", "p": 0.4, "note": HOSTILE}
        ],
        "resolution": {
            "outcome": "no",
            "at": "2025-02-01T00:00:00Z",
            "by": "x",
            "evidence": f"line one\n{HOSTILE}",
        },
    }
    (book_dir / "evil.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return book_dir


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [t for v in value for t in _strings(v)]
    return []


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "evil"],
        ["validate"],
        ["score"],
        ["score", "--by", "forecaster"],
        ["list", "--json"],
        ["show", "evil", "--json"],
        ["score", "--json", "--by", "forecaster"],
    ],
)
def test_nothing_printed_holds_a_control_character(fb, hostile: Path, args: list[str]) -> None:
    result = fb(*args)
    assert result.exit_code == 0, result.output
    assert not RAW.search(result.stdout), result.stdout
    assert not RAW.search(result.stderr), result.stderr
    if "--json" in args:
        assert any(HOSTILE in text for text in _strings(json.loads(result.stdout)))  # exact


def test_show_keeps_each_field_on_its_own_line(fb, hostile: Path) -> None:
    lines = fb("show", "evil").stdout.splitlines()
    assert sum(line.lstrip().startswith("resolution:") for line in lines) == 1
    assert not any(line.startswith("resolved") for line in lines)
    assert "\\e[2K\\r\\e[1Aresolved: yes" in lines[1]


def test_validate_warns_about_control_characters(fb, hostile: Path) -> None:
    result = fb("validate")
    assert result.exit_code == 0  # a warning, not an error
    warnings = [line for line in result.stdout.splitlines() if "warning:" in line]
    fields = {line.split("warning: ")[1].split(":")[0] for line in warnings}
    assert fields == {
        "question",
        "tags.0",
        "predictions.0.by",
        "predictions.0.note",
        "resolution.evidence",
    }
    assert all(line.startswith(f"{hostile / 'evil.yaml'}:") for line in warnings)
    assert result.stdout.endswith("ok: 1 question(s) valid\n")


def test_export_to_a_pipe_is_exact(fb, hostile: Path) -> None:
    result = fb("export", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["forecaster"] == f"mallory{HOSTILE}"
