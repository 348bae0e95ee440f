"""Layering: the engine and loader work without the UI toolkit; the UI never touches spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "tui"
CORE = [
    PKG / "model.py",
    *sorted((PKG / "document").rglob("*.py")),
    *sorted((PKG / "analysis").rglob("*.py")),
    *sorted((PKG / "web").rglob("*.py")),
    *sorted((PKG / "corpus").rglob("*.py")),
]
UI = [PKG / "app.py", *sorted((PKG / "widgets").rglob("*.py")), *sorted((PKG / "screens").rglob("*.py"))]

# spaCy's own CLI helpers import rich when it is installed (and do without it); so the probe
# makes rich and textual unimportable and then runs the whole engine.
_BLOCKER = """
import importlib.abc, sys
class _Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("textual", "rich"):
            raise ImportError("blocked for the layering test: " + name)
sys.meta_path.insert(0, _Block())
"""


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_sources_import_no_ui_toolkit():
    assert CORE
    offenders = {p.name: r & {"textual", "rich"} for p in CORE if (r := _imported_roots(p)) & {"textual", "rich"}}
    assert offenders == {}


def test_ui_sources_never_import_spacy():
    offenders = [p.name for p in UI if p.exists() and "spacy" in _imported_roots(p)]
    assert offenders == []


def test_engine_runs_with_textual_and_rich_unimportable(seed_path):
    probe = _BLOCKER + textwrap.dedent(f"""
        from tui.document import load_article
        from tui.analysis import analyse
        from tui.analysis.export import to_json
        article = load_article({str(seed_path)!r})
        record = to_json(article, analyse(article))
        assert any(p["name"] == "Volodymyr Zelensky" for p in record["people"])
        print("ENGINE-OK", "spacy" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "ENGINE-OK True" in out.stdout


def test_model_is_stdlib_only():
    probe = "import sys, tui.model\nprint(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert not set(out.stdout.split()) & {"textual", "rich", "spacy", "markdown_it"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Which of our modules each module imports when it is imported: module-level imports only
    (an import inside a function or under TYPE_CHECKING runs later, or never, and makes no circle)."""
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    deps.add(target if target in modules else base)
            elif isinstance(node, ast.Import):
                deps.update(alias.name for alias in node.names)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def test_no_import_circles():
    graph = _import_graph()
    assert "tui.serve.server" in graph and graph["tui.cli"]  # the graph is really built
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                circles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)
