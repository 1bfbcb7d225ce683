"""The import rules: analyses without the driver, no import cycles, the driver in one module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx

from graph.config import PROJECT_ROOT

PACKAGES = ("graph", "api")


def test_analyses_import_without_the_neo4j_driver() -> None:
    check = "import graph.analysis, graph.analysis.report, sys; assert 'neo4j' not in sys.modules"
    subprocess.run([sys.executable, "-c", check], check=True, timeout=60)


def test_graph_package_init_imports_nothing() -> None:
    tree = ast.parse((PROJECT_ROOT / "graph" / "__init__.py").read_text())
    assert not [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]


def test_no_module_imports_itself_back_through_others() -> None:
    graph = _import_graph()
    cycles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert cycles == []


def test_only_the_database_module_imports_the_driver() -> None:
    graph = _import_graph(external=True)
    importers = sorted(m for m, target in graph.edges if target == "neo4j")
    assert importers == ["graph.store.database"]


def _import_graph(*, external: bool = False) -> nx.DiGraph:
    """Module -> module it imports at run time (imports under TYPE_CHECKING left out)."""
    graph = nx.DiGraph()
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            module = _module_name(path)
            graph.add_node(module)
            for target in _imports(path):
                top = target.split(".")[0]
                if top in PACKAGES:
                    graph.add_edge(module, _existing(target))
                elif external and top == "neo4j":
                    graph.add_edge(module, "neo4j")
    return graph


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def _existing(target: str) -> str:
    """The module a dotted import names: ``graph.model.kinds.FORCES`` is ``graph.model.kinds``."""
    parts = target.split(".")
    while parts:
        candidate = PROJECT_ROOT.joinpath(*parts)
        if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
            return ".".join(parts)
        parts.pop()
    return target
