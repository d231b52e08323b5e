"""The layout rules of docs/architecture (shared/architecture.md) that a reader cannot see from one file:
no module uses another module's private (`_name`) names, the project's modules import each other without a
cycle, and the layers point one way: `primitives` at the bottom imports nothing of the project, nothing
below imports the `docverify` top (the CLI and the eval harnesses), and the workers never import the
service's routers. Read from the source with `ast` (nothing is imported), imports inside functions included:
an import moved into a function to dodge a cycle is still a cycle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("primitives", "service", "workers", "docverify", "doctypes", "samples")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = modules()


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:` (annotations only: never executed)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                for sub in ast.walk(inner):
                    if isinstance(sub, ast.Import | ast.ImportFrom):
                        lines.add(sub.lineno)
    return lines


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    is_package = MODULES[module].name == "__init__.py"
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imports(module: str, source: str | None = None) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, name taken from it or None, line) for each project import of `module`."""
    tree = ast.parse(source if source is not None else MODULES[module].read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            for alias in node.names:
                if f"{source}.{alias.name}" in MODULES:
                    yield f"{source}.{alias.name}", None, node.lineno
                elif source in MODULES:
                    yield source, alias.name, node.lineno


def _module_aliases(tree: ast.Module, module: str) -> dict[str, str]:
    """Local names bound to project modules (`from service.registry import service as registry`)."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, node)
            for alias in node.names:
                if f"{source}.{alias.name}" in MODULES:
                    out[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES and alias.asname:
                    out[alias.asname] = alias.name
    return out


def private_uses(sources: dict[str, str] | None = None) -> list[str]:
    found = []
    checked = {m: p.read_text(encoding="utf-8") for m, p in MODULES.items() if m.split(".")[0] in PACKAGES}
    for module, text in (sources or checked).items():
        tree = ast.parse(text)
        for source, name, line in imports(module, text):
            if name and name.startswith("_") and not name.startswith("__") and source != module:
                found.append(f"{module}:{line} imports {source}.{name}")
        aliases = _module_aliases(tree, module)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and aliases[node.value.id] != module
            ):
                found.append(f"{module}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
    return sorted(set(found))


def cycles(graph: dict[str, list[str]] | None = None) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    if graph is None:
        graph = {m: sorted({target for target, _name, _line in imports(m) if target != m}) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
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
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return out


# (importer, what it never imports, why), by module prefix
FORBIDDEN: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("primitives", ("service", "workers", "docverify", "samples"), "the bottom imports nothing of the project"),
    ("service", ("workers", "docverify", "samples"), "the service never imports the workers or the top"),
    ("workers", ("docverify", "samples"), "the workers never import the top"),
    ("workers.pipeline", ("service",), "the pipeline imports nothing from service/"),
    ("samples", ("service", "docverify"), "the generators draw on primitives and the pipeline only"),
)


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def routers(sources: dict[str, str] | None = None) -> set[str]:
    """The service's HTTP edge: the modules that make an `APIRouter` or the `FastAPI` app."""
    found = set()
    for module, text in (sources or {m: p.read_text(encoding="utf-8") for m, p in MODULES.items()}).items():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] in ("APIRouter", "FastAPI"):
                found.add(module)
    return found


def layer_violations(sources: dict[str, str] | None = None, http: set[str] | None = None) -> list[str]:
    """Imports against FORBIDDEN, and any import of a router by the workers (they call services, never routes)."""
    http = routers() if http is None else http
    texts = sources or {m: p.read_text(encoding="utf-8") for m, p in MODULES.items()}
    found = []
    for module, text in texts.items():
        for target, _name, line in imports(module, text):
            for importer, never, why in FORBIDDEN:
                if _within(module, importer) and any(_within(target, p) for p in never):
                    found.append(f"{module}:{line} imports {target} ({why})")
            if _within(module, "workers") and target in http:
                found.append(f"{module}:{line} imports {target} (the workers never import a router)")
    return sorted(set(found))


def test_the_layers_point_one_way() -> None:
    assert layer_violations() == []


def test_the_layer_check_sees_a_wrong_way_import() -> None:
    """Each rule catches what it forbids, through every import form; the routers are found from the source."""
    assert {"service.verifications.router", "service.review.routes", "service.main"} <= routers()
    assert "service.verifications.service" not in routers()
    found = layer_violations(
        {
            "primitives.nik": "import re\nfrom service.config import Settings\n",
            "primitives.regions": "from primitives.nik import is_nik_shaped\n",
            "service.uploads": "def f():\n    from docverify import fraud_eval\n",
            "workers.tasks": "from service.verifications import router\n",
            "workers.pipeline.io": "import service.db\n",
            "samples.kk": "from docverify.cli import common\n",
        },
        http={"service.verifications.router"},
    )
    assert found == [
        "primitives.nik:2 imports service.config (the bottom imports nothing of the project)",
        "samples.kk:1 imports docverify.cli.common (the generators draw on primitives and the pipeline only)",
        "service.uploads:2 imports docverify.fraud_eval (the service never imports the workers or the top)",
        "workers.pipeline.io:1 imports service.db (the pipeline imports nothing from service/)",
        "workers.tasks:1 imports service.verifications.router (the workers never import a router)",
    ]


def test_no_module_uses_another_modules_private_names() -> None:
    assert private_uses() == []


def test_the_project_modules_import_each_other_without_a_cycle() -> None:
    assert cycles() == []


def test_the_checks_see_what_they_look_for() -> None:
    """Both checks find what they look for: a private name taken or used, an import going round."""
    assert any(t == "service.ids" and n == "is_id" for t, n, _ in imports("service.verifications.service"))
    found = private_uses(
        {
            "service.review.dashboard": "from service.review.service import _audit_actor\n",
            "workers.pipeline.extract.passport": "from workers.pipeline import mrz\nmrz._names('X')\n",
        }
    )
    assert found == [
        "service.review.dashboard:1 imports service.review.service._audit_actor",
        "workers.pipeline.extract.passport:2 uses workers.pipeline.mrz._names",
    ]
    assert cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
