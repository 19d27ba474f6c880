"""Figures of the backend's import graph: internal imports, how many hide inside functions,
and the cycles between apps (module-level and function-level imports alike: an import moved
into a function to dodge a cycle is a cycle still).

    python scripts/import_graph.py            # the figures
    python scripts/import_graph.py --list     # and every function-level import, with its place

Imports under ``if TYPE_CHECKING:`` and inside ``AppConfig.ready`` are counted apart: they run
at type-check time or once the app registry is complete, so they hide nothing.
"""

from __future__ import annotations

import argparse
import ast
import itertools
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module, dotted
    place: str  # module | function | ready | typing
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _targets(node: ast.Import | ast.ImportFrom, module: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".")[: -node.level]
        base = ".".join([*package, base] if base else package)
    return [base]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path) -> list[Import]:
    module = module_name(path)
    found: list[Import] = []

    def visit(node: ast.AST, place: str) -> None:
        for child in ast.iter_child_nodes(node):
            child_place = place
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                is_ready = isinstance(child, ast.FunctionDef) and child.name == "ready"
                child_place = "ready" if is_ready and path.name == "apps.py" else "function"
                if place != "module":
                    child_place = place
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                child_place = "typing"
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(child, module):
                    found.append(Import(module, target, place, child.lineno))
            visit(child, child_place)

    visit(ast.parse(path.read_text(), str(path)), "module")
    return found


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "backend" or len(parts) < 2:
        return None
    return parts[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the function-level imports")
    args = parser.parse_args()
    files = [p for p in (ROOT / "backend").rglob("*.py") if "migrations" not in p.parts]
    internal = [
        edge
        for path in sorted(files)
        for edge in imports_of(path)
        if edge.target.startswith("backend.") or edge.target == "backend"
    ]
    by_place = {place: [e for e in internal if e.place == place] for place in
                ("module", "function", "ready", "typing")}
    edges: set[tuple[str, str]] = set()
    for edge in internal:
        source, target = app_of(edge.source), app_of(edge.target)
        if source and target and source != target:
            edges.add((source, target))
    apps = sorted({app for pair in edges for app in pair})
    cycles = [(a, b) for a, b in itertools.combinations(apps, 2)
              if (a, b) in edges and (b, a) in edges]
    total = len(internal)
    hidden = len(by_place["function"])
    print(f"backend-internal imports: {total}")
    print(f"  at module level:        {len(by_place['module'])}")
    print(f"  inside functions:       {hidden} ({100 * hidden / max(total, 1):.0f} %)")
    print(f"  in AppConfig.ready:     {len(by_place['ready'])}")
    print(f"  under TYPE_CHECKING:    {len(by_place['typing'])}")
    print(f"app-level edges: {len(edges)}; two-app cycles: {len(cycles)}")
    for a, b in cycles:
        print(f"  {a} <-> {b}")
    if args.list:
        for edge in by_place["function"]:
            print(f"  {edge.source}:{edge.line} imports {edge.target}")


if __name__ == "__main__":
    main()
