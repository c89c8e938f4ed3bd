"""The eviction drill (issue 15 item 1): flooding the page cache does not touch
the security state.

Two real Redis instances, as docker-compose runs them: the page cache capped at
2 MB with ``allkeys-lru`` (what anyone can fill), the security state in its own
instance with ``noeviction``; django-axes on the security store. Before the
flood a form token is used, one address has made its honest posts up to the
review threshold, and an account is locked out. Then 10,000 GETs with unique
query strings, and filler written straight into the page cache until Redis
evicts. Afterwards the replayed token is still refused, the lockout still holds
against the right password, the rate counter still counts, and the page cache
holds one entry for the flooded page, not 10,000.
"""

import shutil

from django.core.cache import caches
from django.test import Client, override_settings

import pytest
import redis

from inquiries.models import Inquiry, InquiryStatus
from scripts import stack
from tests.inquiry_helpers import make_contact_page, valid_post
from tests.news_helpers import add_news, news_index

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="no redis-server"),
]

OFFICE = "198.51.100.30"
FLOOD = 10_000


@pytest.fixture
def stores():
    page = stack.Redis("--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru")
    security = stack.Redis("--maxmemory-policy", "noeviction")
    page_redis = redis.Redis(port=page.port)
    security_redis = redis.Redis(port=security.port)
    page_url, security_url = page.url, security.url
    caches_setting = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": page_url,
            "KEY_PREFIX": "drill",
        },
        "security": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": security_url,
            "KEY_PREFIX": "drill-security",
            "TIMEOUT": None,
        },
    }
    from axes.handlers.proxy import AxesProxyHandler

    with override_settings(
        CACHES=caches_setting,
        AXES_HANDLER="axes.handlers.cache.AxesCacheHandler",
        AXES_FAILURE_LIMIT=5,
        PAGE_CACHE_ENABLED=True,
        INQUIRY_RATE_LIMIT=3,
    ):
        AxesProxyHandler.implementation = None  # take the handler set above
        try:
            yield page_redis, security_redis
        finally:
            AxesProxyHandler.implementation = None
            for process in (page, security):
                process.stop(timeout=10)


def post(page, **overrides):
    client = Client(REMOTE_ADDR=OFFICE)
    return client.post(page.url, valid_post(page, **overrides))


def sign_in(password):
    client = Client(REMOTE_ADDR=OFFICE)
    return client.post("/admin/login/", {"username": "editor1", "password": password})


def test_flooding_the_page_cache_keeps_the_security_state(
    stores, home_es, editor, django_capture_on_commit_callbacks
):
    page_redis, security_redis = stores
    contact = make_contact_page(home_es)
    index = news_index(home_es)
    add_news(index, 3, with_images=False)

    # Before: one token used, three honest posts (the review threshold), a lockout.
    used = valid_post(contact)
    assert Client(REMOTE_ADDR=OFFICE).post(contact.url, used).status_code == 303
    for _ in range(2):
        assert post(contact).status_code == 303
    assert Inquiry.objects.filter(status=InquiryStatus.NEW).count() == 3
    for _ in range(5):
        sign_in("wrong")
    assert sign_in("pw").status_code == 429

    # The flood: unique query strings on a cached page, then filler until Redis evicts.
    reader = Client()
    assert reader.get(index.url).status_code == 200
    for number in range(FLOOD):
        response = reader.get(f"{index.url}?x={number}")
        assert response.status_code == 200
    filler = b"x" * 4096
    for number in range(2_000):
        caches["default"].set(f"filler:{number}", filler, 600)
    evicted = page_redis.info("stats")["evicted_keys"]
    assert evicted > 0, "the drill must make the page cache evict"
    page_entries = list(page_redis.scan_iter("*clac:page:*"))
    assert len(page_entries) <= 3, page_entries  # the index's entry, a lock at most

    # After: the replayed token is refused (spam, not a new inquiry)...
    assert Client(REMOTE_ADDR=OFFICE).post(contact.url, used).status_code == 303
    replayed = Inquiry.objects.order_by("-pk").first()
    assert replayed.status == InquiryStatus.SPAM
    assert replayed.spam_reason == "token_replayed"
    # ...the lockout holds against the right password...
    assert sign_in("pw").status_code == 429
    # ...and the rate counter still counts: the fourth honest post is to review.
    assert post(contact).status_code == 303
    assert Inquiry.objects.order_by("-pk").first().status == InquiryStatus.TO_REVIEW
    assert security_redis.info("stats")["evicted_keys"] == 0
