"""The design's dependency rules (docs/architecture.md), checked on the code's own imports.

Every `import` / `from ... import` of a project module counts, at module level or inside a
function: a lazy import is still a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "retrieval", "recsys", "ui")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import names (`a.b.C` -> `a.b` when C is not a module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(), str(MODULES[module]))
    is_pkg = MODULES[module].name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_pkg else base[:-1]
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names = [f"{prefix}.{a.name}" for a in node.names] + [prefix]
        for name in names:
            if name.split(".")[0] in PACKAGES:
                target = _resolve(name)
                if target and target != module:
                    found.add(target)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            # a package's __init__ importing its own submodules is not a design cycle
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for m in sorted(GRAPH):
        if m not in index:
            visit(m)
    return out


def test_no_import_cycles() -> None:
    assert _cycles() == []


def _violations(source_prefix: str, allowed) -> list[str]:
    return sorted(f"{m} imports {t}" for m in GRAPH if m == source_prefix or m.startswith(source_prefix + ".")
                  for t in GRAPH[m] if not allowed(t))


def test_ui_talks_only_to_assistant() -> None:
    assert _violations("ui", lambda t: t.split(".")[0] in ("ui", "assistant")) == []


def test_recsys_depends_on_retrieval_only_through_types() -> None:
    allowed = ("recsys", "retrieval.types")
    assert _violations("recsys", lambda t: t.startswith(allowed[0]) or t == allowed[1]) == []


def test_retrieval_depends_on_nothing_above_it() -> None:
    assert _violations("retrieval", lambda t: t.startswith("retrieval")) == []


def test_chat_time_rooms_do_not_load_training_code_at_import() -> None:
    """The turn loop and the LM at chat time import no training, offline-build or importer module
    at module level: serving a shop never loads the dialogue generator or the fine-tune."""
    bad = []
    for m, path in MODULES.items():
        if not m.startswith("assistant.") or m.startswith(("assistant.training", "assistant.offline",
                                                            "assistant.shopdata", "assistant.scripted")):
            continue
        for node in ast.parse(path.read_text()).body:  # module level only
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    ("assistant.training", "assistant.offline", "assistant.shopdata.importers",
                     "assistant.shopdata.demo")):
                bad.append(f"{m} imports {node.module}")
    assert bad == []


@pytest.mark.parametrize("room", ["assistant", "retrieval", "recsys", "ui", "tests", "bench"])
def test_code_points_only_inside_the_repository(room: str) -> None:
    """Comments and docstrings cite the project's docs/, never a design file outside the repository."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / room).rglob("*.py")
                 if "DESIGN.md" in p.read_text() and p.name != "test_layout.py"]
    assert offenders == []


def test_the_rules_catch_a_cycle() -> None:
    """The cycle finder itself: a two-module loop added to the graph is reported."""
    GRAPH["assistant.loop"].add("assistant.types")
    GRAPH["assistant.types"].add("assistant.loop")
    try:
        assert any({"assistant.loop", "assistant.types"} <= set(c) for c in _cycles())
    finally:
        GRAPH["assistant.types"].discard("assistant.loop")
        GRAPH.update({m: imports_of(m) for m in ("assistant.loop", "assistant.types")})
