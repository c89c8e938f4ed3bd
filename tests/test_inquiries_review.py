"""Nothing honest silently becomes spam (issue 14 item 4): only bot signals hide a
submission; many people behind one address are stored, notified, and at worst marked
"to review"; failed attempts do not push anyone into review."""

import re
from datetime import UTC, datetime, timedelta

from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

import pytest
import time_machine

from inquiries.forms import CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD
from inquiries.models import Inquiry, InquiryStatus
from tests.inquiry_helpers import STAFF, make_contact_page, valid_post

OFFICE = "198.51.100.20"  # one address for a whole office, a school, a mobile carrier
TOKEN_RE = re.compile(rf'name="{TOKEN_FIELD}" value="([^"]+)"')
# The start of a rate window (600 s): the whole scenario falls in one window.
WINDOW_START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_es):
    return make_contact_page(home_es)


def subject_to_review():
    with translation.override("es"):
        return gettext("[To review] %(subject)s") % {
            "subject": "Nuevo mensaje desde la web"
        }


def test_25_people_behind_one_address_are_all_stored_and_notified(page):
    with time_machine.travel(WINDOW_START, tick=False) as traveller:
        for number in range(25):
            person = Client(REMOTE_ADDR=OFFICE)
            form = person.get(page.url)
            assert form.status_code == 200
            token = TOKEN_RE.search(form.content.decode()).group(1)
            traveller.shift(timedelta(seconds=20))  # reading and typing
            response = person.post(
                page.url,
                valid_post(
                    page,
                    nombre=f"Persona {number}",
                    correo_electronico=f"persona{number}@example.org",
                    **{TOKEN_FIELD: token},
                ),
            )
            assert response.status_code == 303, number
    rows = Inquiry.objects.order_by("pk")
    assert rows.count() == 25
    assert not rows.filter(status=InquiryStatus.SPAM).exists()
    statuses = list(rows.values_list("status", "spam_reason"))
    assert statuses == [("new", "")] * 5 + [("review", "rate")] * 20
    assert rows.filter(notified_at__isnull=False).count() == 25
    assert len(mail.outbox) == 25
    assert all(message.to == [STAFF] for message in mail.outbox)
    assert {message.reply_to[0] for message in mail.outbox} == {
        f"persona{number}@example.org" for number in range(25)
    }
    marked = [m for m in mail.outbox if m.subject == subject_to_review()]
    assert len(marked) == 20


def test_the_31st_post_from_one_address_is_refused_and_nothing_stored(page, settings):
    """Documented in docs/architecture.md: past INQUIRY_RATE_REFUSE (30) posts in a
    window, the 31st gets the 429 page (Retry-After) and is not stored."""
    person = Client(REMOTE_ADDR=OFFICE)
    with time_machine.travel(WINDOW_START, tick=False):
        codes = [person.post(page.url, valid_post(page)).status_code for _ in range(31)]
    assert codes == [303] * 30 + [429]
    assert Inquiry.objects.count() == 30
    assert not Inquiry.objects.filter(status=InquiryStatus.SPAM).exists()


def test_bot_signals_still_hide_and_do_not_notify(page):
    person = Client(REMOTE_ADDR=OFFICE)
    person.post(page.url, valid_post(page, **{HONEYPOT_FIELD: "http://x.example"}))
    person.post(page.url, valid_post(page, **{TOKEN_FIELD: "forged:token:value"}))
    assert list(
        Inquiry.objects.order_by("pk").values_list("status", "spam_reason")
    ) == [
        ("spam", "honeypot"),
        ("spam", "token_invalid"),
    ]
    assert Inquiry.objects.filter(notified_at__isnull=False).count() == 0
    assert mail.outbox == []


def test_invalid_posts_and_bots_do_not_count_toward_review(page, settings):
    """Failed attempts (a forgotten consent box) and bot posts count toward the
    refusal tier only: the honest submissions after them are not held for review."""
    person = Client(REMOTE_ADDR=OFFICE)
    with time_machine.travel(WINDOW_START, tick=False):
        for _ in range(12):
            response = person.post(page.url, valid_post(page, **{CONSENT_FIELD: None}))
            assert response.status_code == 200  # the form again, with its error
        for _ in range(5):
            person.post(page.url, valid_post(page, **{HONEYPOT_FIELD: "x"}))
        for _ in range(settings.INQUIRY_RATE_LIMIT):
            assert person.post(page.url, valid_post(page)).status_code == 303
        assert person.post(page.url, valid_post(page)).status_code == 303
        # 12 + 5 + 6 posts so far; every one counts toward the refusal tier.
        remaining = settings.INQUIRY_RATE_REFUSE - 23
        for _ in range(remaining):
            person.post(page.url, valid_post(page, **{CONSENT_FIELD: None}))
        assert person.post(page.url, valid_post(page)).status_code == 429
    honest = Inquiry.objects.exclude(status=InquiryStatus.SPAM).order_by("pk")
    assert list(honest.values_list("status", flat=True)) == ["new"] * 5 + ["review"]
    assert len(mail.outbox) == 6
