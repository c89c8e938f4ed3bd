"""Security state (form-token nonces, rate counters, sign-in counters) lives apart
from the page cache, where flooding the cache cannot evict it (issue 15 item 1)."""

from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

import pytest

pytestmark = pytest.mark.django_db


def test_security_state_has_its_own_store_that_does_not_cull():
    security = caches[settings.SECURITY_CACHE_ALIAS]
    assert security is not caches["default"]
    assert settings.AXES_CACHE == settings.SECURITY_CACHE_ALIAS
    # More entries than a default cache holds (300): none is culled.
    security.set_many({f"k{n}": n for n in range(400)}, timeout=600)
    assert len(security.get_many([f"k{n}" for n in range(400)])) == 400


def test_purge_deletes_only_expired_entries():
    security = caches[settings.SECURITY_CACHE_ALIAS]
    security.set("live", 1, timeout=600)
    security.set("gone", 1, timeout=600)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {security._table} SET expires = %s WHERE cache_key = %s",  # noqa: S608
            [
                connection.ops.adapt_datetimefield_value(
                    timezone.now() - timedelta(minutes=1)
                ),
                security.make_key("gone"),
            ],
        )
    call_command("purge_security_state")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {security._table}")  # noqa: S608
        keys = {row[0] for row in cursor.fetchall()}
    assert security.make_key("live") in keys
    assert security.make_key("gone") not in keys
