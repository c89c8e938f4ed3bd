"""Issue 15 item 6: the admin's password reset sends at most a few emails per
account and per client address, and answers the same either way."""

import logging

from django.core import mail
from django.core.cache import caches

import pytest

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
DONE = "/admin/password_reset/done/"


@pytest.fixture(autouse=True)
def _clean_security_cache(settings):
    caches[settings.SECURITY_CACHE_ALIAS].clear()
    yield
    caches[settings.SECURITY_CACHE_ALIAS].clear()


@pytest.fixture
def staff(django_user_model):
    return [
        django_user_model.objects.create_user(
            f"staff{index}", f"staff{index}@clac.test", "pw", is_staff=True
        )
        for index in range(12)
    ]


def ask(client, email, ip="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


def test_five_requests_send_at_most_three_emails(client, staff, caplog):
    caplog.set_level(logging.WARNING, logger="clac.security")
    responses = [ask(client, "staff0@clac.test") for _ in range(5)]
    # The same neutral answer every time: nothing tells the limit apart.
    assert [r.status_code for r in responses] == [302] * 5
    assert {r["Location"] for r in responses} == {DONE}
    assert len(mail.outbox) == 3
    assert all(message.to == ["staff0@clac.test"] for message in mail.outbox)
    throttled = [r for r in caplog.records if "throttled" in r.getMessage()]
    assert len(throttled) == 2
    assert "staff0" not in caplog.text


def test_the_account_limit_holds_from_other_addresses(client, staff):
    for index in range(5):
        ask(client, "staff1@clac.test", ip=f"198.51.100.{index}")
    assert len(mail.outbox) == 3


def test_one_address_is_limited_across_accounts(client, staff, settings):
    for user in staff:  # 12 different accounts, one address
        assert ask(client, user.email).status_code == 302
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    # Another address still gets its email.
    ask(client, staff[-1].email, ip="192.0.2.50")
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS + 1


def test_unknown_addresses_count_and_answer_alike(client, staff):
    for _ in range(4):
        response = ask(client, "nobody@clac.test")
        assert response.status_code == 302 and response["Location"] == DONE
    assert mail.outbox == []


def test_no_email_when_the_security_cache_is_down(client, staff, monkeypatch):
    cache = caches["security"]

    def down(*args, **kwargs):
        raise ConnectionError("security cache down")

    monkeypatch.setattr(cache, "add", down)
    response = ask(client, "staff2@clac.test")
    assert response.status_code == 302 and response["Location"] == DONE
    assert mail.outbox == []
