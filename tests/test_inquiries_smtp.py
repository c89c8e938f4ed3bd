"""Inquiry emails through a real SMTP server (aiosmtpd on 127.0.0.1), and the drill:
SMTP down, readers keep submitting, the database queue holds the work; SMTP back, the
worker delivers every notification exactly once."""

from datetime import timedelta

from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from inquiries.models import Inquiry, InquiryStatus
from tests.inquiry_helpers import STAFF, make_contact_page, translate_page, valid_post
from tests.smtp_helpers import body_text, free_port, start_smtp

DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_settings(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.INQUIRY_RATE_LIMIT = 1000
    settings.INQUIRY_RATE_REFUSE = 2000
    return port


def test_real_smtp_recipients_from_reply_to_and_language(
    client, home_es, smtp_settings
):
    controller, inbox = start_smtp(smtp_settings)
    try:
        page = make_contact_page(
            home_es, to_address=f"{STAFF}, direccion@clac.test", send_confirmation=True
        )
        french = translate_page(
            page,
            "fr",
            title="Contact",
            thank_you_text="Merci, nous vous répondrons bientôt.",
        )
        response = client.post(french.url, valid_post(page, mensaje="Bonjour à tous"))
        assert response.status_code == 303
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 2
    staff, confirmation = inbox.envelopes
    assert staff["from"] == "web@clac-comerciojusto.org"
    assert sorted(staff["to"]) == sorted([STAFF, "direccion@clac.test"])
    message = staff["message"]
    assert message["From"] == "CLAC <web@clac-comerciojusto.org>"
    assert message["Reply-To"] == "ana@example.org"
    assert message["Bcc"] is None
    assert message["Subject"] == "Nuevo mensaje desde la web"
    assert "Bonjour à tous" in body_text(message)
    assert message.get_body(preferencelist=("html",)) is not None
    assert confirmation["to"] == ["ana@example.org"]
    reply = confirmation["message"]
    assert reply["From"] == "CLAC <web@clac-comerciojusto.org>"
    assert reply["Content-Language"] == "fr"
    assert reply["Reply-To"] is None
    assert "Merci, nous vous répondrons bientôt." in body_text(reply)
    assert "Bonjour à tous" not in reply.as_string()
    inquiry = Inquiry.objects.get()
    assert inquiry.notified_at and inquiry.confirmation_sent_at


def test_smtp_down_drill_with_the_database_queue(client, home_es, smtp_settings):
    """SMTP refuses: N submissions -> N rows, 0 mails, every reader got the 303.
    SMTP back, time moves past the back-off, the worker runs -> N mails, 0 duplicates."""
    n = 12
    with (
        override_settings(TASKS=DB_TASKS),
        time_machine.travel(timezone.now(), tick=False) as traveller,
    ):
        page = make_contact_page(home_es)
        codes = []
        for index in range(n):
            data = valid_post(
                page, nombre=f"Lectora {index}", mensaje=f"Mensaje número {index}"
            )
            codes.append(client.post(page.url, data).status_code)
        assert codes == [303] * n
        assert Inquiry.objects.filter(status=InquiryStatus.NEW).count() == n

        # Nothing listens on the port: every attempt is refused.
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
        assert Inquiry.objects.filter(notified_at__isnull=False).count() == 0
        assert set(Inquiry.objects.values_list("notify_error", flat=True)) == {
            "ConnectionRefusedError"
        }
        assert set(Inquiry.objects.values_list("notify_attempts", flat=True)) == {1}

        controller, inbox = start_smtp(smtp_settings)
        try:
            # run_after is respected: before the back-off nothing is sent.
            call_command("db_worker", batch=True, interval=0, startup_delay=False)
            assert inbox.envelopes == []
            traveller.shift(timedelta(minutes=5))
            call_command("db_worker", batch=True, interval=0, startup_delay=False)
            # A second worker pass (or a stray requeue) sends nothing more.
            call_command("db_worker", batch=True, interval=0, startup_delay=False)
        finally:
            controller.stop()
    names = sorted(
        body_text(env["message"]).split("Nombre: ")[1].split("\n")[0]
        for env in inbox.envelopes
    )
    assert len(inbox.envelopes) == n
    assert names == sorted(f"Lectora {index}" for index in range(n))  # 0 duplicates
    assert all(env["to"] == [STAFF] for env in inbox.envelopes)
    assert (
        Inquiry.objects.filter(notified_at__isnull=False, notify_attempts=2).count()
        == n
    )
