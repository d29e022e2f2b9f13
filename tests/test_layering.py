"""The package's shape: imports go down the layers only, with no cycles and no private names across modules.

Every import statement of every module counts, function-level ones included
(a lazy import is still a dependency).  The layers are those of
``docs/architecture.md``; a new module must be given one here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: Module name (or package prefix) → layer; the longest matching prefix wins.
LAYERS = {
    "rubric": 1,  # the package itself: hookimpl, __version__ and the lazy API table
    "rubric.errors": 1,
    "rubric.model": 1,
    "rubric.components": 1,
    "rubric.hookspecs": 1,
    "rubric.facts": 1,
    "rubric.rendering": 1,
    "rubric.grades": 1,
    "rubric.kendall": 1,
    "rubric.registry": 2,
    "rubric.discovery": 2,
    "rubric.values": 2,
    "rubric.weights": 2,
    "rubric.tree": 2,
    "rubric.missing": 2,
    "rubric.loading": 2,
    "rubric.schema": 2,
    "rubric.tidy": 2,
    "rubric.tabular": 2,
    "rubric.sheets": 2,
    "rubric.criteria": 2,
    "rubric.aggregation": 2,
    "rubric.weighting": 2,
    "rubric.formats": 2,
    "rubric.sorting": 2,
    "rubric.engine": 3,
    "rubric.results": 3,
    "rubric.comparison": 3,
    "rubric.ranks": 3,
    "rubric.explain": 3,
    "rubric.raters": 3,
    "rubric.assignments": 3,
    "rubric.redlines": 3,
    "rubric.partial": 3,
    "rubric.analysis": 4,
    "rubric.report": 5,
    "rubric.cli": 6,
    "rubric.scaffold": 6,
    "rubric.testing": 6,
    "rubric.__main__": 6,
}


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((SRC / "rubric").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _layer(module: str) -> int | None:
    """The layer of the longest prefix naming the module; the bare package matches itself only."""
    best = max(
        (prefix for prefix in LAYERS if module == prefix or (prefix != "rubric" and module.startswith(prefix + "."))),
        key=len,
        default=None,
    )
    return LAYERS[best] if best else None


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _imports(module: str, path: Path) -> list[tuple[str, int, list[str]]]:
    """(imported rubric module, line, names imported from it) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno, []) for alias in node.names if alias.name.split(".")[0] == "rubric"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source.split(".")[0] != "rubric":
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:  # `from rubric import cli` imports the module rubric.cli
                    found.append((submodule, node.lineno, []))
                else:
                    found.append((source, node.lineno, [alias.name]))
    return found


EDGES = {module: _imports(module, path) for module, path in MODULES.items()}


def test_every_module_has_a_layer():
    """A new module must be placed in a layer (here and in docs/architecture.md)."""
    assert [m for m in MODULES if _layer(m) is None] == []


def test_imports_go_down_the_layers_only():
    """No module imports one of a higher layer, not even inside a function."""
    upward = [
        f"{MODULES[m].relative_to(SRC)}:{line}: {m} (layer {_layer(m)}) imports {target} (layer {_layer(target)})"
        for m, edges in EDGES.items()
        for target, line, _ in edges
        if target in MODULES and (_layer(target) or 0) > (_layer(m) or 0)
    ]
    assert upward == []


def test_imports_name_existing_modules():
    """Every rubric module an import names exists (a stale import after a move fails here, not at run time)."""
    missing = [f"{m}: {target}" for m, edges in EDGES.items() for target, _, _ in edges if target not in MODULES]
    assert missing == []


def test_no_private_name_crosses_a_module_boundary():
    """``from rubric.x import _y`` and imports of ``_private`` modules are refused: make the name public."""
    private = [
        f"{MODULES[m].relative_to(SRC)}:{line}: {target} {names}"
        for m, edges in EDGES.items()
        for target, line, names in edges
        if any(_private(part) for part in target.split(".")) or any(_private(name) for name in names)
    ]
    assert private == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), or a module importing itself."""
    graph = {m: sorted({t for t, _, _ in edges if t in MODULES and t != "rubric"}) for m, edges in EDGES.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    """No two modules import each other, directly or around a loop (the package's own __init__ aside)."""
    assert _cycles() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from rubric.engine import evaluate\n", [("rubric.engine", 1, ["evaluate"])]),
        (
            "def f():\n    from rubric.cli import main\n",
            [("rubric.cli", 2, [])] if "rubric.cli.main" in MODULES else [("rubric.cli", 2, ["main"])],
        ),
        ("from . import model\n", [("rubric.model", 1, [])]),
    ],
)
def test_import_reader_sees_function_level_and_relative_imports(tmp_path, source, expected):
    """The reader itself: a function-level import and a relative import are both found."""
    path = tmp_path / "probe.py"
    path.write_text(source)
    assert _imports("rubric.probe", path) == expected
