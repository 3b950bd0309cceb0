"""The house rules a newcomer relies on, checked over ``src/`` with Python's ``ast``.

* no import cycle among modules: every import statement counts, those inside functions and under
  ``TYPE_CHECKING`` included, and ``from pkg import name`` is an import of ``pkg``;
* no module named ``ml_*`` (it reads as machine learning; the non-English engine is ``extract/lexical``);
* no function over 80 lines (the generated migrations aside): split it into named predicates;
* at most 5 country-code string literals in ``extract/``: which state is which is pack data.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
MAX_LINES = 80
MAX_COUNTRY_LITERALS = 5


def _modules() -> dict[str, tuple[Path, ast.Module]]:
    """Dotted name -> (path, parsed tree) for every module of the package but the generated migrations."""
    found = {}
    for path in sorted((SRC / "sanctionwatch").rglob("*.py")):
        if "migrations/versions" in path.as_posix():
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = (path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return found


MODULES = _modules()


def _imports(name: str, path: Path, tree: ast.Module) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its body."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target in MODULES:
                out.add(target)
            out.update(f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in MODULES)
    out.discard(name)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    graph = {name: _imports(name, path, tree) for name, (path, tree) in MODULES.items()}
    assert len(graph) > 50 and any(graph.values())
    assert _cycles(graph) == []


def test_no_module_named_ml() -> None:
    assert [name for name in MODULES if name.rpartition(".")[2].startswith("ml_")] == []


def test_no_function_over_80_lines() -> None:
    long = [f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
            for name, (_, tree) in MODULES.items() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_LINES]
    assert long == []


def test_extract_names_few_countries() -> None:
    """Two capital letters as a string (``"RU"``) in ``extract/``: a country code, or a tag that reads as one."""
    literals = [f"{name}:{node.lineno} {node.value!r}"
                for name, (_, tree) in MODULES.items() if name.startswith("sanctionwatch.extract")
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                and re.fullmatch(r"[A-Z]{2}", node.value)]
    assert len(literals) <= MAX_COUNTRY_LITERALS, literals
