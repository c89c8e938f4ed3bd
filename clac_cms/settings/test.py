"""Settings for the test suite: fast hashing, local memory cache (Redis when REDIS_URL is set), immediate tasks."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

# The demo content and the tree builder the tests share (demo/tree.py).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# TEST_DATABASE_NAME: the SQLite test database in a file instead of in memory, so
# `make test-fast` (pytest --reuse-db) migrates once and reuses it on later runs.
if (
    "TEST_DATABASE_NAME" in os.environ
    and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"  # noqa: F405
):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if REDIS_URL:  # noqa: F405
    # The real cache, as production runs it. Each pytest-xdist worker gets its own
    # Redis database: tests clear the cache, and FLUSHDB would clear a neighbour's.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    _redis_db = 1 + int(_worker or 0) % 15
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{_redis_db}")),  # noqa: F405
            "KEY_PREFIX": "clac-tests",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "clac-tests",
            # Redis does not cull; LocMem's default (300 entries, then a third
            # dropped) made tests that keep a stale copy depend on their neighbours.
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
# The security state in the test database, as without SECURITY_REDIS_URL (Django's
# test runner creates the cache table).
CACHES["security"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "clac_security_state",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 2**62},
}
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# Required, as in production: tests/conftest.py gives signed-in test clients a
# verified device; tests/test_two_factor.py checks the real path.
OTP_REQUIRED = True
# The page cache is off; its own tests (tests/test_performance.py) switch it on.
PAGE_CACHE_ENABLED = False
# Tests of the queue itself switch to the database backend with override_settings.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Each pytest-xdist worker keeps its private files (evidence, reports) apart: a
# test that removes the files it made must not remove a neighbour's.
if "PRIVATE_MEDIA_ROOT" not in os.environ:
    PRIVATE_MEDIA_ROOT = (
        BASE_DIR  # noqa: F405
        / "private-media"
        / "tests"
        / os.environ.get("PYTEST_XDIST_WORKER", "main")
    )
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
SITE_URL = WAGTAILADMIN_BASE_URL = "http://localhost"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}
