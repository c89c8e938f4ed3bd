"""The tests' own layering, read from the source: the tests build their trees with
demo/tree.py and never import the benchmark, and the fast layer stays fast."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def _imports_of(root: Path, package: str):
    found = []
    for path in sorted(root.rglob("*.py")):
        for lineno, module in _imported_modules(path):
            if module == package or module.startswith(package + "."):
                found.append(f"{path.relative_to(root)}:{lineno} imports {module}")
    return found


def test_no_test_imports_the_benchmark():
    assert _imports_of(TESTS, "bench") == []


def test_the_scan_finds_a_bench_import(tmp_path):
    """The check above can fail: ``import bench`` and ``from bench.x import y``."""
    (tmp_path / "test_a.py").write_text("import bench.run\n")
    (tmp_path / "test_b.py").write_text("def f():\n    from bench import views\n")
    (tmp_path / "test_c.py").write_text("import benchmark\nfrom .bench import x\n")
    assert len(_imports_of(tmp_path, "bench")) == 2


@pytest.mark.parametrize("gone", ["bench/content.py", "tests/factories.py"])
def test_one_tree_builder(gone):
    assert not (ROOT / gone).exists()
    assert (ROOT / "demo" / "tree.py").exists()


def test_unit_tests_ask_for_no_database():
    """tests/unit/ is the layer without a database: no django_db mark, no db fixture."""
    offenders = []
    for path in sorted((TESTS / "unit").glob("test_*.py")):
        text = path.read_text()
        for needle in ("django_db", "(db)", " db,", "transactional_db", "live_server"):
            if needle in text and path.name != Path(__file__).name:
                offenders.append(f"{path.name}: {needle}")
    assert offenders == []
