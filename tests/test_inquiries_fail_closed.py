"""The forms' security state (replay nonces, per-address counters) lives in the
security store, not the page cache anyone can flood (issue 15 item 1); when that
store fails, the form fails closed: a translated 503, nothing stored, a log line."""

import logging
import socket

from django.conf import settings
from django.core import mail
from django.core.cache import cache, caches
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

import pytest

from inquiries import spam
from inquiries.models import Inquiry
from tests.inquiry_helpers import make_contact_page, valid_post


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_es):
    return make_contact_page(home_es)


class FailingStore:
    """The real security store, except that calls touching ``fail_on`` keys raise
    as a broken Redis or database would."""

    def __init__(self, real, fail_on):
        self.real, self.fail_on = real, fail_on

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def call(key, *args, **kwargs):
            if self.fail_on in key:
                raise ConnectionError("security store down")
            return method(key, *args, **kwargs)

        return call


class SilentStore(FailingStore):
    """As Django's DatabaseCache when its database fails: ``add`` answers False (as
    for a key that exists) and nothing is kept."""

    def __getattr__(self, name):
        method = getattr(self.real, name)

        def call(key, *args, **kwargs):
            if self.fail_on in key:
                if name == "incr":  # BaseCache.incr reads the missing key
                    raise ValueError(key)
                return False if name == "add" else None
            return method(key, *args, **kwargs)

        return call


def unavailable_title():
    with translation.override("es"):
        return gettext("The form is not available right now")


def assert_failed_closed(response, caplog):
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response["Cache-Control"] == "private, no-store"
    assert f"<h1>{unavailable_title()}</h1>" in response.content.decode()
    assert Inquiry.objects.count() == 0
    assert mail.outbox == []
    errors = [r for r in caplog.records if r.name == "inquiries.spam"]
    assert errors and errors[0].levelno == logging.ERROR
    assert "ana@example.org" not in caplog.text and "127.0.0.1" not in caplog.text


def test_nonces_and_counters_are_in_the_security_store(client, page):
    data = valid_post(page)
    assert client.post(page.url, data).status_code == 303
    # A flood of the page cache (or its eviction) clears the default store…
    cache.clear()
    # …and the token is still known as used.
    assert client.post(page.url, data).status_code == 303
    reasons = list(Inquiry.objects.order_by("pk").values_list("spam_reason", flat=True))
    assert reasons == ["", "token_replayed"]
    security = caches[settings.SECURITY_CACHE_ALIAS]
    assert security is not caches["default"]
    assert spam.security_cache() is security


@pytest.mark.parametrize(
    "fail_on", ["inquiries:rate:posts", "inquiries:nonce", "submissions"]
)
def test_store_raising_fails_closed(client, page, monkeypatch, caplog, fail_on):
    store = FailingStore(spam.security_cache(), fail_on)
    monkeypatch.setattr(spam, "security_cache", lambda: store)
    with caplog.at_level(logging.ERROR, logger="inquiries.spam"):
        response = client.post(page.url, valid_post(page))
    assert_failed_closed(response, caplog)


@pytest.mark.parametrize("fail_on", ["inquiries:rate:posts", "inquiries:nonce"])
def test_store_that_silently_keeps_nothing_fails_closed(
    client, page, monkeypatch, caplog, fail_on
):
    """Not taken for a replay (an honest reader hidden as spam) nor for a first post."""
    store = SilentStore(spam.security_cache(), fail_on)
    monkeypatch.setattr(spam, "security_cache", lambda: store)
    with caplog.at_level(logging.ERROR, logger="inquiries.spam"):
        response = client.post(page.url, valid_post(page))
    assert_failed_closed(response, caplog)


def test_store_on_a_closed_port_fails_closed(client, page, caplog):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the socket is
    broken = {
        **settings.CACHES,
        "security": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    with (
        override_settings(CACHES=broken),
        caplog.at_level(logging.ERROR, logger="inquiries.spam"),
    ):
        assert client.get(page.url).status_code == 200  # reading the form needs none
        response = client.post(page.url, valid_post(page))
    assert_failed_closed(response, caplog)


def test_after_a_503_the_same_page_can_be_sent_again(client, page, monkeypatch):
    """The token is consumed only once everything else was counted: a reader who
    got the 503 and sends the same page again is not taken for a replay."""
    data = valid_post(page)
    real = spam.security_cache()
    monkeypatch.setattr(
        spam, "security_cache", lambda: FailingStore(real, "submissions")
    )
    assert client.post(page.url, data).status_code == 503
    monkeypatch.setattr(spam, "security_cache", lambda: real)
    assert client.post(page.url, data).status_code == 303
    assert Inquiry.objects.get().status == "new"
    assert len(mail.outbox) == 1
