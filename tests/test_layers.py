"""Imports point one way (DESIGN.md, "Layers"): guide ← foundation ← feature apps ← top apps.

The test reads every module of the project (ast, no import) and fails when an arrow points
the wrong way. Apps of the same layer may import each other where the domain links them
(a decision names a meeting, an agenda item a conflict); the exceptions below are the only
arrows that break the order, each with its reason."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)

GUIDE = 1
FOUNDATION = 2
FEATURE = 3
TOP = 4

LAYERS = {
    "guide": GUIDE,
    "core": FOUNDATION,
    "accounts": FOUNDATION,
    "history": FOUNDATION,
    "workspaces": FOUNDATION,
    "goals": FEATURE,
    "structures": FEATURE,
    "meetings": FEATURE,
    "decisions": FEATURE,
    "conflicts": FEATURE,
    "resources": FEATURE,
    "reflection": FEATURE,
    "handover": FEATURE,
    "actors": FEATURE,
    "lifecycle": FEATURE,
}
# Project code outside the apps: the settings and URLs tie everything together; the
# benchmarks measure everything.
OUTSIDE = {"gemeinwerk", "bench"}

# Deliberate exceptions: (importing module, imported app) → why.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def project_apps() -> list[str]:
    """The project's own apps: installed apps whose code lives in this repository."""
    return [c.name for c in apps.get_app_configs() if Path(c.path).parent == ROOT]


def layer_of(app: str) -> int:
    # Every other app of the project reads all of the layers below it: the Kompass-Check
    # with the overview, the public page, the Werkstatt search, the demo.
    return LAYERS.get(app, TOP)


def imports_of(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def wrong_arrows() -> list[str]:
    known = set(project_apps())
    wrong = []
    for app in sorted(known):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for line, name in imports_of(path):
                target = name.split(".")[0]
                if target == app or target not in known | OUTSIDE:
                    continue
                if target in OUTSIDE or layer_of(target) > layer_of(app):
                    if (module, target) not in EXCEPTIONS:
                        wrong.append(f"{module}:{line} imports {name}")
    return wrong


def test_every_project_app_belongs_to_a_layer():
    assert {"guide", "workspaces", "goals", "kompass", "demo"} <= set(project_apps())
    assert all(layer_of(app) in (GUIDE, FOUNDATION, FEATURE, TOP) for app in project_apps())


def test_imports_point_from_the_top_down_only():
    assert wrong_arrows() == []


def test_the_layer_test_sees_a_wrong_arrow(tmp_path, monkeypatch):
    """The check itself can fail: a foundation module importing a feature app is caught."""
    monkeypatch.setitem(LAYERS, "kompass", FOUNDATION)
    assert any(line.startswith("kompass.views:") for line in wrong_arrows())


def test_no_import_cycles_between_modules():
    """A module never reaches itself through imports, not even through one deferred into a
    function (that only hides the cycle): each module can be understood from below."""
    known = set(project_apps())
    graph: dict[str, set[str]] = {}
    modules = {}
    for app in known:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
                targets |= {f"{node.module}.{a.name}" for a in node.names}
        graph[name] = {t for t in targets if t in modules and t != name}

    cycles = []
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*stack[stack.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert cycles == []
