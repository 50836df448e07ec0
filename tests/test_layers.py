"""The package's folders are its layers, and imports point one way:

    format  <-  book  <-  scoring  <-  report        extract uses format
    api (Book) and cli use everything; errors, settings and _version are used by all.

Inside extract, its stages: blocks <- horizons <- claims <- questions <- rules.

Checked on the source (module-level and function-level imports alike), so a shortcut that
only a reader would notice fails the normal test run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "forecastbook"

# What each part may import, besides itself and the shared base.
BASE = {"errors", "settings", "_version"}
ALLOWED = {
    "format": set(),
    "book": {"format"},
    "scoring": {"format"},
    "report": {"format", "scoring", "book"},
    "extract": {"format"},
    "api": {"format", "book", "scoring", "report", "extract"},
    "cli": {"format", "book", "scoring", "report", "extract", "api"},
    "__init__": {"api"},
    "__main__": {"cli"},
}


def _part(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, first component under forecastbook) of every forecastbook import in `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                pytest.fail(f"{path}:{node.lineno}: relative import; use forecastbook.<part>")
            parts = node.module.split(".")
            if parts[0] != "forecastbook":
                continue
            if len(parts) > 1:
                found.append((node.lineno, parts[1]))
            else:
                found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "forecastbook" and len(parts) > 1:
                    found.append((node.lineno, parts[1]))
    return found


def test_imports_point_one_way() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = _part(path)
        allowed = ALLOWED.get(part, set()) | BASE | {part}
        for line, target in _imports(path):
            if target == "__version__":
                target = "_version"
            if target not in allowed:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {part} imports {target}")
    assert wrong == []


def test_every_module_belongs_to_a_layer() -> None:
    parts = {_part(p) for p in PACKAGE.rglob("*.py")}
    assert parts <= set(ALLOWED) | BASE


# extract's stages, in order: each module may import only the ones before it (and the
# shared tables `words`, `stance`, `reading`, which import no stage).
EXTRACT_STAGES = ("blocks", "horizons", "claims", "questions", "rules")
EXTRACT_SHARED = {"words", "stance", "reading"}


def test_extract_stages_import_forward_only() -> None:
    folder = PACKAGE / "extract"
    assert {p.stem for p in folder.glob("*.py")} == {
        "__init__",
        *EXTRACT_STAGES,
        *EXTRACT_SHARED,
    }, "a new extract module: give it a place in EXTRACT_STAGES or EXTRACT_SHARED"
    wrong = []
    for path in sorted(folder.glob("*.py")):
        stem = path.stem
        if stem in EXTRACT_STAGES:
            allowed = set(EXTRACT_STAGES[: EXTRACT_STAGES.index(stem)]) | EXTRACT_SHARED
        else:
            allowed = EXTRACT_SHARED
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module == "forecastbook.extract":
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "forecastbook.extract."
            ):
                names = [node.module.split(".")[2]]  # type: ignore[union-attr]
            wrong += [f"extract/{path.name}:{node.lineno}: imports {n}" for n in names
                      if n not in allowed]  # fmt: skip
    assert wrong == []


def test_import_forecastbook_is_light() -> None:
    """`import forecastbook` (the Book) loads neither pandas nor matplotlib."""
    code = (
        "import sys, forecastbook; "
        "print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
