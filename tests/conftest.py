"""Shared fixtures: the bootstrapped site (locales, home, groups) and users."""

from django.test import Client
from django.utils import translation

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from core.two_factor.devices import has_device, requires_two_factor
from home.bootstrap import EDITORS, bootstrap_site
from tests.two_factor_helpers import enrol


@pytest.fixture(autouse=True)
def _reset_language():
    """Tests leave the active language and the cache as they found them.

    The cache outlives a test's rolled-back transaction: without clearing it, a
    fragment cached for image or page 7 in one test would be served for another
    test's object 7 (SQLite reuses primary keys). So does the thread's pending
    cache bump (``core.invalidation``): a bump a rolled-back test left behind would
    join the next test's, and forbid the stale copies that one may serve.
    """
    from django.core.cache import cache

    from core import invalidation

    cache.clear()
    invalidation._local.batch = None
    yield
    cache.clear()
    translation.activate("es")
    translation.deactivate()


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The database worker closes "old" connections between tasks, as a long-running
    process should. Inside a test's transaction on PostgreSQL that would close the
    test's own connection, so tests that drive the worker loop keep it open."""
    from django_tasks_db.management.commands import db_worker

    from core.management.commands.db_worker import Heartbeat

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    # Our worker's heartbeat thread would query from outside the test's
    # connection (pytest-django refuses it); tests call Heartbeat.tick() directly.
    monkeypatch.setattr(Heartbeat, "start", lambda self: None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Bootstrap the site once per test database; each test rolls back on top."""
    with django_db_blocker.unblock():
        bootstrap_site()


@pytest.fixture
def site_setup(db):
    """Locales, site, Spanish home page, collections, groups and workflow.

    Already there from ``django_db_setup``; a transactional test that flushed the
    tables gets it rebuilt (bootstrap is idempotent, so this is cheap otherwise).
    """
    return bootstrap_site()


@pytest.fixture
def home_es(site_setup):
    return site_setup["home"]


@pytest.fixture
def editor(site_setup, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("editor1", "editor1@example.org", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def small_site(site_setup, settings, tmp_path):
    """``demo.tree.build_site`` with small photos and media in a temporary
    folder: call it with ``build_site``'s arguments (the page cache stays off, as
    the test settings have it, and the cache was cleared by ``_reset_language``)."""
    from demo.tree import build_site

    settings.MEDIA_ROOT = tmp_path / "media"

    def build(**kwargs):
        return build_site(**{"photo_size": (640, 360), **kwargs})

    return build


@pytest.fixture(autouse=True)
def _signed_in_clients_are_verified(request, monkeypatch):
    """A test client signed in (``force_login``, ``login``) as someone who must use
    two factors, or who has an app, gets a verified session, as if they had typed
    their code: the tests of other features do not go through the second step.

    ``@pytest.mark.real_two_factor`` tests (tests/test_two_factor.py) get the
    plain client, and the browser tests sign in through the real form.
    """
    if request.node.get_closest_marker("real_two_factor"):
        return
    original = Client._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        if requires_two_factor(user) or has_device(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = enrol(user).persistent_id
            session.save()

    monkeypatch.setattr(Client, "_login", _login)
