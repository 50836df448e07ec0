"""Problems in hand-edited files say how to fix them, in the words of the file (issue 15
item 4). The table below is the list of messages a user sees for a file: each row is a
mistake, the line it is reported on, and the wording (`validate` prints `file:line: ...`;
every other command refuses the file with the same line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bookfiles import snapshot

HEAD = "schema_version: 1\nquestion: Q?\ncreated: '2025-01-01'\n"
PRED = "predictions:\n- at: '2025-01-02T10:00:00Z'\n  by: me\n"

MESSAGES = [
    # (file body after `id: x`, line in the whole file, message)
    (HEAD + "resolution:\n  outcome: yes\n  at: '2025-02-01T00:00:00Z'\n", 6,
     "resolution.outcome: write 'yes' in quotes (YAML reads a bare yes as true)"),
    (HEAD + "group: off\n", 5, "group: write 'off' in quotes (YAML reads a bare off as false)"),
    (HEAD + "horizon: 2027\n", 5,
     "horizon: write '2027' in quotes (YAML reads it as a number, not text)"),
    (HEAD + "predictions:\n- at: '2025-01-02T10:00:00'\n  by: me\n  p: 0.3\n", 6,
     "predictions[0].at: add a time zone, e.g. 2025-01-02T10:00:00Z (a time in a file needs "
     "one; on the command line a time without one means UTC)"),
    (HEAD + PRED + "  p: 35%\n", 8,
     "predictions[0].p: write 0.35, not 35% (a probability is between 0 and 1)"),
    (HEAD + PRED + "  p: 35\n", 8,
     "predictions[0].p: write 0.35, not 35 (a probability is between 0 and 1)"),
    (HEAD + PRED + "  p: 1.5\n", 8,
     "predictions[0].p: probability must be a number in [0, 1], got 1.5"),
    ("schema_version: 1\ncreated: '2025-01-01'\n", 1,
     "question: missing (every file needs a question)"),
    ("schema_version: 1\nquestion: Q?\n", 1,
     "created: missing (every file needs created: the date the question was asked)"),
    (HEAD + "predictions:\n- by: me\n  p: 0.3\n", 6,
     "predictions[0].at: missing (needs at: when it happened, e.g. 2026-01-05T09:00:00Z)"),
    (HEAD + "predictions:\n-\tat: '2025-01-02T10:00:00Z'\n", 6,
     "malformed YAML: tabs are not allowed for indentation in YAML; use spaces"),
    (HEAD + "resolveby: '2026-01-01'\n", 5, "resolveby: unknown field (did you mean resolve_by?)"),
    (HEAD + "colour: red\n", 5, "colour: unknown field"),
    (HEAD + "tags: [a, b\n", 6,
     "malformed YAML: a [list] is not closed with ] (or an item holding ',' needs quotes)"),
    (HEAD + "criteria: Yes if: it happens\n", 5,
     "malformed YAML: a value holding ': ' must be in quotes, e.g. criteria: 'Yes if: it happens'"),
    (HEAD + "criteria: 'unclosed\n", 6,
     "malformed YAML: the file ends inside a quoted value: a quote is not closed"),
    ("  question: Q\ncreated: '2025-01-01'\n", 2,
     "malformed YAML: mapping values are not allowed in this context (check the indentation "
     "of this line)"),
    (HEAD + "kind: binary choice\n", 5, "kind: Input should be 'binary' or 'multiple_choice'"),
    (HEAD + "resolve_by: '2024-01-01'\n", 5, "resolve_by: resolve_by is before created"),
    (HEAD + "created2: !!python/object:os.system x\n", 5, "malformed YAML: YAML tag not allowed"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "line", "message"), MESSAGES)
def test_file_problems_say_how_to_fix_them(
    fb, book_dir: Path, body: str, line: int, message: str
) -> None:
    path = book_dir / "x.yaml"
    path.write_text("id: x\n" + body)
    before = snapshot(book_dir)
    result = fb("validate")
    assert result.exit_code == 1
    printed = result.stdout.splitlines()
    where = f"{path}:{line}: "
    assert any(p.startswith(where) and message in p for p in printed), (where, message, printed)
    refused = fb("update", "x", "--p", "0.5")
    assert refused.exit_code == 1 and message in refused.stderr
    assert snapshot(book_dir) == before
