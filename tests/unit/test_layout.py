"""The layering that import-linter cannot see: model relations by string.

A ``ForeignKey("campaigns.…")`` in the core is a cycle no import shows; it shows in
the migrations' dependencies. No database is needed to read them.
"""

import importlib
import pkgutil

import pytest

PROJECT_APPS = {"core", "home", "campaigns", "news", "inquiries", "search"}
# Which project apps each app's migrations may depend on (the import layers).
ALLOWED = {
    "core": set(),
    "search": set(),
    "news": {"core"},
    "inquiries": {"core"},
    "campaigns": {"core", "news", "inquiries", "search"},
    "home": {"core", "campaigns", "news", "inquiries", "search"},
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
