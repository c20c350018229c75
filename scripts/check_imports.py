"""Fails when source files import each other, directly or in a loop (part of `make lint`).

Rust: the modules of each crate, linked by the `crate::module` paths they name. Python: the
modules of acquire_io, by their relative imports (lazy and type-only ones too). Node: the
files of node/lib, by their relative requires.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rust_graph(src: Path) -> dict[str, set[str]]:
    """Module name -> the crate modules it names."""
    texts = {}
    for path in src.rglob("*.rs"):
        name = "::".join(path.relative_to(src).with_suffix("").parts).removesuffix(
            "::mod"
        )
        if name not in ("lib", "main"):
            texts[name] = path.read_text(encoding="utf-8")
    graph: dict[str, set[str]] = {}
    for name, text in texts.items():
        named = set(re.findall(r"crate::([a-z_]+(?:::[a-z_]+)?)", text))
        for group in re.findall(r"use crate::\{([^}]*)\}", text):
            named |= set(re.findall(r"\b([a-z_]+)\b", group))
        deps = set()
        for path in named:
            target = path if path in texts else path.split("::")[0]
            if (
                target in texts
                and target != name
                and not name.startswith(target + "::")
            ):
                deps.add(target)
        graph[name] = deps
    return graph


def python_graph(package: Path) -> dict[str, set[str]]:
    graph = {}
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        deps = set(re.findall(r"from \.(\w+) import", text)) | set(
            re.findall(r"from \. import (\w+)", text)
        )
        graph[path.stem] = deps - {path.stem}
    return graph


def node_graph(lib: Path) -> dict[str, set[str]]:
    graph = {}
    for path in lib.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        graph[path.stem] = set(re.findall(r"require\('\./(\w+)(?:\.js)?'\)", text)) - {
            path.stem
        }
    return graph


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in graph.get(node, ()):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def main() -> int:
    graphs = {
        str(src.relative_to(ROOT)): rust_graph(src)
        for src in sorted(ROOT.glob("*/*/src"))
    }
    graphs["python/acquire_io"] = python_graph(ROOT / "python" / "acquire_io")
    graphs["node/lib"] = node_graph(ROOT / "node" / "lib")
    failed = False
    for where, graph in graphs.items():
        for component in loops(graph):
            failed = True
            print(
                f"check_imports: {where}: {' <-> '.join(component)} import each other",
                file=sys.stderr,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
