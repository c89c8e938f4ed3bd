"""Imports that dodge nothing, and an inquiries app without import cycles.

An import inside a function usually hides a cycle (or an app-loading order problem)
instead of fixing it; import-linter counts such imports like any other, so it cannot
tell either. Read from the source (no Django needed): inquiries/ has none at all,
and every core module but apps.py keeps only the ones it needs, each for a reason
written beside it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Every module of the core but apps.py, whose ready() is where Django wants the
# imports that need the app registry.
CORE_MODULES = sorted(
    str(path.relative_to(ROOT))
    for path in (ROOT / "core").rglob("*.py")
    if "migrations" not in path.parts and path.name != "apps.py"
)
# (module, imported module) pairs that must stay inside a function, and why.
NEEDED = {
    # wagtail_localize.models imports wagtail_localize.tasks, which imports this
    # backend module while wagtail_localize.models is half-initialised;
    # wagtail_localize.operations imports wagtail_localize.models.
    ("core/translation_jobs.py", "wagtail_localize.operations"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_modules(node, package: str) -> list[str]:
    """The modules an import statement names (``from a import b``: ``a.b`` when
    ``b`` is a module, else ``a``)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    names = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        as_path = ROOT / Path(*candidate.split("."))
        if as_path.with_suffix(".py").exists() or (as_path / "__init__.py").exists():
            names.append(candidate)
        else:
            names.append(base)
    return names


def package_of(path: Path) -> str:
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def nested_imports(path: Path):
    """(line, module) of every import inside a function or class body."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for top in tree.body:
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for node in ast.walk(top):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    for name in imported_modules(node, package_of(path)):
                        found.append((node.lineno, name))
    return found


def module_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for top in tree.body:
        nodes = [top]
        if isinstance(top, ast.If | ast.Try):
            nodes = list(ast.walk(top))
        for node in nodes:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.update(imported_modules(node, package_of(path)))
    return found


def test_inquiries_has_no_import_inside_a_function():
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in source_files("inquiries")
        for line, name in nested_imports(path)
    ]
    assert found == []


@pytest.mark.parametrize("relative", CORE_MODULES)
def test_core_imports_inside_functions_only_where_needed(relative):
    path = ROOT / relative
    found = {name for _line, name in nested_imports(path)}
    assert found == {name for module, name in NEEDED if module == relative}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` (module -> modules it imports), or []."""
    visiting, done = [], set()

    def visit(module):
        if module in visiting:
            return [*visiting[visiting.index(module) :], module]
        if module in done:
            return []
        visiting.append(module)
        for imported in sorted(graph.get(module, ())):
            cycle = visit(imported)
            if cycle:
                return cycle
        visiting.pop()
        done.add(module)
        return []

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return []


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_inquiries_modules_import_each_other_without_a_cycle():
    """Module-level imports between the modules of inquiries/ form no cycle.

    Python runs a package's ``__init__`` before its submodules: the app's own
    modules import the submodule they need (``inquiries.models.inquiry``), and
    ``inquiries/models/__init__.py`` only gathers the models for Django and for
    the other apps."""
    graph = {
        module_name(path): {
            name
            for name in module_level_imports(path)
            if name == "inquiries" or name.startswith("inquiries.")
        }
        for path in source_files("inquiries")
    }
    assert find_cycle(graph) == []
    # The bottom of the app: the task and the submission path stand on it.
    assert graph["inquiries.models.inquiry"] == set()
    assert "inquiries.models.inquiry" in graph["inquiries.tasks"]
    assert "inquiries.submission" in graph["inquiries.models.form_pages"]
    assert not any(
        name.startswith("inquiries.admin_views")
        for module, names in graph.items()
        if module.startswith("inquiries.models")
        for name in names
    )
