"""The layering that import-linter cannot see: model relations by string.

A ``ForeignKey("campaigns.…")`` in the core is a cycle no import shows; it shows in
the migrations' dependencies. No database is needed to read them.
"""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

PROJECT_APPS = {"core", "home", "campaigns", "news", "inquiries", "search", "wpimport"}
# Which project apps each app's migrations may depend on (the import layers).
ALLOWED = {
    "core": set(),
    "search": set(),
    "news": {"core"},
    "inquiries": {"core"},
    "campaigns": {"core", "news", "inquiries", "search"},
    "home": {"core", "campaigns", "news", "inquiries", "search"},
    "wpimport": {"core", "home", "campaigns", "news", "inquiries", "search"},
}


def _project_dependencies():
    """Each project app's migration dependencies on other project apps (read from
    our own migration modules: Django's loader would import every installed app's,
    and wagtail-localize's query the database when imported)."""
    found = {app: set() for app in PROJECT_APPS}
    for app in PROJECT_APPS:
        package = importlib.import_module(f"{app}.migrations")
        for module in pkgutil.iter_modules(package.__path__):
            migration = importlib.import_module(f"{app}.migrations.{module.name}")
            for dep_app, _dep in migration.Migration.dependencies:
                if dep_app in PROJECT_APPS and dep_app != app:
                    found[app].add(dep_app)
    return found


@pytest.mark.parametrize("app", sorted(PROJECT_APPS))
def test_migrations_depend_only_on_lower_layers(app):
    assert _project_dependencies()[app] <= ALLOWED[app]


def test_core_migrations_depend_on_no_project_app():
    assert _project_dependencies()["core"] == set()


ROOT = Path(__file__).resolve().parents[2]


def _documented_layout() -> str:
    text = (ROOT / "docs" / "architecture.md").read_text()
    return text.split("<!-- layout:start", 1)[1].split("<!-- layout:end -->", 1)[0]


def test_the_documented_top_level_folders_exist_and_every_app_is_documented():
    block = _documented_layout()
    documented = set(re.findall(r"^(\w+)/", block, re.M))
    for folder in documented:
        assert (ROOT / folder).is_dir(), folder
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= documented


def test_every_core_module_is_documented_and_every_documented_one_exists():
    block = _documented_layout()
    core = block.split("\ncore/", 1)[1].split("\nhome/", 1)[0]
    named = set(re.findall(r"([a-z_]+)\.py", core))
    modules = {
        path.stem
        for path in (ROOT / "core").glob("*.py")
        if path.stem not in {"__init__", "apps"}
    }
    modules |= {path.stem for path in (ROOT / "core" / "models").glob("*.py")}
    modules |= {
        path.stem for path in (ROOT / "core" / "management" / "commands").glob("*.py")
    }
    modules -= {"__init__"}
    assert modules <= named, sorted(modules - named)
    templatetags = {
        path.stem
        for path in (ROOT / "core" / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }
    assert templatetags <= set(re.findall(r"\b(clac_\w+|seo_tags)\b", core))
    missing = {name for name in named if not list((ROOT / "core").rglob(f"{name}.py"))}
    assert not missing, sorted(missing)
