"""Dependencies point down the data flow: a stage never imports the stages built on it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graphbuild"

# a stage, and the modules above it that it must not import
ABOVE = {
    "graph": ("export", "query", "serve", "render", "folder", "pipeline", "cli"),
    "render": ("export", "query", "serve", "folder", "pipeline", "cli"),
    "query": ("serve", "folder", "pipeline", "cli"),
    "export": ("query", "serve", "folder", "pipeline", "cli"),
}


def imported(path: Path) -> set[str]:
    """Every graphbuild module a file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("graphbuild.")}


@pytest.mark.parametrize("stage", sorted(ABOVE))
def test_a_stage_imports_nothing_above_it(stage: str) -> None:
    forbidden = tuple(f"graphbuild.{name}" for name in ABOVE[stage])
    found = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in (PACKAGE / stage).rglob("*.py")
        for name in imported(path)
        if name.startswith(forbidden)
    }
    assert not found
