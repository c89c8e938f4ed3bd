"""Inquiries: submission, spam defence, emails (locmem), retries, release, markup."""

import time
from datetime import timedelta

from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest
import time_machine
from bs4 import BeautifulSoup

from core.http import client_ip
from home.models import StandardPage
from inquiries.forms import CONSENT_FIELD, HONEYPOT_FIELD, TOKEN_FIELD
from inquiries.models import Inquiry, InquiryStatus
from inquiries.spam import issue_token
from inquiries.tasks import retry_delay, send_inquiry_notification
from tests.inquiry_helpers import STAFF, make_contact_page, translate_page, valid_post

DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_es):
    privacy = StandardPage(title="Privacidad", slug="privacidad")
    home_es.add_child(instance=privacy)
    privacy.save_revision().publish()
    return make_contact_page(home_es, privacy_page=privacy)


def post(client, page, **kwargs):
    return client.post(page.url, valid_post(page, **kwargs))


# --- Reader side -----------------------------------------------------------------------


def test_form_renders_consent_honeypot_and_token(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    soup = BeautifulSoup(response.content, "html.parser")
    consent = soup.find("input", attrs={"name": CONSENT_FIELD})
    assert consent is not None and consent.has_attr("required")
    consent_help = soup.find(id=consent["aria-describedby"])
    assert consent_help.find("a")["href"] == "/es/privacidad/"
    honeypot = soup.find("input", attrs={"name": HONEYPOT_FIELD})
    assert honeypot["tabindex"] == "-1"
    assert honeypot["autocomplete"] == "off"
    wrapper = honeypot.find_parent("div")
    assert "hp-field" in wrapper["class"]
    assert wrapper["aria-hidden"] == "true"
    token = soup.find("input", attrs={"name": TOKEN_FIELD})
    assert token["type"] == "hidden" and token["value"]


def test_consent_cannot_be_removed_and_its_error_is_tied_to_the_field(client, page):
    response = post(client, page, **{CONSENT_FIELD: None})
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(id="error-summary")
    assert summary["role"] == "alert"
    assert summary.find("a", href=f"#id_{CONSENT_FIELD}")
    consent = soup.find("input", attrs={"name": CONSENT_FIELD})
    assert consent["aria-invalid"] == "true"
    described = consent["aria-describedby"].split()
    assert f"id_{CONSENT_FIELD}_error" in described
    with translation.override("es"):
        expected = gettext("Please accept the privacy policy to send the form.")
    assert soup.find(id=f"id_{CONSENT_FIELD}_error").get_text() == expected


def test_submission_is_stored_redirected_and_notified(client, page):
    response = post(client, page)
    assert response.status_code == 303
    assert response["Location"] == f"{page.url}?thanks=1"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == InquiryStatus.NEW
    assert inquiry.language == "es"
    assert inquiry.form_key == page.translation_key
    assert inquiry.form_data["correo_electronico"] == "ana@example.org"
    assert inquiry.form_data[CONSENT_FIELD] is True
    assert (
        HONEYPOT_FIELD not in inquiry.form_data and TOKEN_FIELD not in inquiry.form_data
    )
    assert inquiry.notified_at is not None and inquiry.notify_attempts == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [STAFF]
    assert message.from_email == "CLAC <web@clac-comerciojusto.org>"
    assert message.reply_to == ["ana@example.org"]
    assert message.subject == "Nuevo mensaje desde la web"
    assert "Ana Pérez" in message.body
    html = message.alternatives[0][0]
    assert "Ana Pérez" in html
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Gracias, te responderemos pronto." in thanks.content.decode()


def test_put_and_delete_are_not_allowed(client, page):
    assert client.put(page.url).status_code == 405
    assert client.delete(page.url).status_code == 405
    assert Inquiry.objects.count() == 0


# --- Spam -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({HONEYPOT_FIELD: "http://cheap.example"}, "honeypot"),
        ({"age": 0.5}, "too_fast"),
        ({TOKEN_FIELD: "forged:token:value"}, "token_invalid"),
    ],
)
def test_bot_signals_are_stored_as_spam_with_the_same_thank_you(
    client, page, overrides, reason
):
    response = post(client, page, **overrides)
    assert response.status_code == 303
    assert response["Location"] == f"{page.url}?thanks=1"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == InquiryStatus.SPAM
    assert inquiry.spam_reason == reason
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({TOKEN_FIELD: None}, "token_missing"),
        (
            {
                "mensaje": "Ofertas http://a.example http://b.example www.c.example https://d.example"
            },
            "links",
        ),
    ],
)
def test_weak_signals_are_kept_to_review_and_notified_marked(
    client, page, overrides, reason
):
    response = post(client, page, **overrides)
    assert response.status_code == 303
    assert response["Location"] == f"{page.url}?thanks=1"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == InquiryStatus.TO_REVIEW
    assert inquiry.spam_reason == reason
    (message,) = mail.outbox
    with translation.override("es"):
        marker = gettext("[To review] %(subject)s") % {
            "subject": "Nuevo mensaje desde la web"
        }
        label = inquiry.get_spam_reason_display()
    assert message.subject == marker
    assert label in message.body and label in message.alternatives[0][0]


def test_expired_form_comes_back_with_a_fresh_token_and_stores_nothing(client, page):
    old = valid_post(page, age=3 * 86400)
    response = client.post(page.url, old)
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    soup = BeautifulSoup(response.content, "html.parser")
    with translation.override("es"):
        notice = gettext(
            "This form was open for a long time, so it was not sent yet. Please check "
            "your answers and press Send again."
        )
    assert soup.find(id="form-notice").get_text(strip=True) == notice
    assert soup.find(id="error-summary") is None
    # The reader's answers are kept; the token is new and valid.
    assert soup.find("input", attrs={"name": "nombre"})["value"] == "Ana Pérez"
    fresh = soup.find("input", attrs={"name": TOKEN_FIELD})["value"]
    assert fresh and fresh != old[TOKEN_FIELD]
    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        again = client.post(page.url, {**old, TOKEN_FIELD: fresh})
    assert again.status_code == 303
    assert Inquiry.objects.get().status == InquiryStatus.NEW
    assert len(mail.outbox) == 1


def test_token_signed_for_another_form_is_invalid(client, page, home_es):
    other = make_contact_page(home_es, slug="otro", title="Otro")
    token = issue_token(other.translation_key, issued_at=time.time() - 60)
    post(client, page, **{TOKEN_FIELD: token})
    assert Inquiry.objects.get().spam_reason == "token_invalid"


def test_replayed_token_is_spam(client, page):
    data = valid_post(page)
    assert client.post(page.url, data).status_code == 303
    assert client.post(page.url, data).status_code == 303
    statuses = list(Inquiry.objects.order_by("pk").values_list("status", "spam_reason"))
    assert statuses == [("new", ""), ("spam", "token_replayed")]
    assert len(mail.outbox) == 1


def test_rate_marks_to_review_then_refuses_far_above(client, page, settings):
    settings.INQUIRY_RATE_LIMIT = 3
    settings.INQUIRY_RATE_REFUSE = 6
    codes = [post(client, page).status_code for _ in range(8)]
    assert codes == [303] * 6 + [429] * 2
    statuses = list(Inquiry.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["new"] * 3 + ["review"] * 3
    assert len(mail.outbox) == 6  # nobody silently hidden
    refused = post(client, page)
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(settings.INQUIRY_RATE_WINDOW_SECONDS)
    with translation.override("es"):
        title = gettext("Too many messages")
    assert f"<h1>{title}</h1>" in refused.content.decode()  # in the reader's language
    assert Inquiry.objects.count() == 6


def test_rate_window_passes(client, page, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert post(client, page).status_code == 303
        post(client, page)
        traveller.shift(timedelta(seconds=settings.INQUIRY_RATE_WINDOW_SECONDS + 1))
        post(client, page)
    statuses = list(Inquiry.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["new", "review", "new"]


def test_ordinary_readers_are_never_spam(client, page, settings):
    """Different readers (addresses), ordinary texts with a link or two, normal pace."""
    texts = [
        "Hola, ¿cómo puedo certificar mi cooperativa?",
        "Vi su web https://clac-comerciojusto.org y quisiera más información.",
        "Somos productores de café en Perú: www.cafe.example y https://cafe.example/en",
        "Bonjour, je voudrais des informations sur le commerce équitable.",
        "Precio: 3 + 4 = 7; ¿es correcto? -- Ana",
    ]
    for index, text in enumerate(texts * 4):
        response = client.post(
            page.url,
            valid_post(page, age=5 + index, mensaje=text),
            REMOTE_ADDR=f"203.0.113.{index + 1}",
        )
        assert response.status_code == 303
    assert Inquiry.objects.count() == 20
    assert set(Inquiry.objects.values_list("status", flat=True)) == {"new"}
    assert len(mail.outbox) == 20


def test_client_ip_behind_trusted_proxies(rf, settings):
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"  # the header is ignored without proxies
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "198.51.100.7"  # the forged first entry is not used
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "1.1.1.1"
    bad = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-ip")
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(bad) == "10.0.0.2"


def test_rate_uses_the_forwarded_client_address(client, page, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.INQUIRY_RATE_LIMIT = 1
    for index in range(3):
        client.post(
            page.url, valid_post(page), HTTP_X_FORWARDED_FOR=f"198.51.100.{index + 1}"
        )
    assert set(Inquiry.objects.values_list("status", flat=True)) == {"new"}
    client.post(page.url, valid_post(page), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert Inquiry.objects.filter(status=InquiryStatus.TO_REVIEW).count() == 1


def test_release_from_spam_notifies(client, page):
    post(client, page, **{HONEYPOT_FIELD: "x"})
    inquiry = Inquiry.objects.get()
    assert mail.outbox == []
    inquiry.release()
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NEW and inquiry.notified_at is not None
    assert len(mail.outbox) == 1


def test_spam_is_never_emailed_even_if_a_task_runs(client, page):
    post(client, page, **{HONEYPOT_FIELD: "x"})
    inquiry = Inquiry.objects.get()
    assert send_inquiry_notification.call(inquiry.pk) == "spam"
    assert mail.outbox == []


# --- Emails -------------------------------------------------------------------------------

INJECTION = "x\r\nBcc: victim@evil.example"


def test_header_injection_in_every_field_is_refused(client, page):
    for field in ["nombre", "correo_electronico", "tema", "mensaje"]:
        response = post(client, page, **{field: f"ana@example.org{INJECTION}"})
        if field == "mensaje":
            # A message may hold line breaks: it is text in the body, not a header.
            assert response.status_code == 303
        else:
            assert response.status_code == 200
            assert "error-summary" in response.content.decode()
    for message in mail.outbox:
        assert message.bcc == []
        assert "evil.example" not in str(message.message()["Bcc"] or "")
        assert message.reply_to == ["ana@example.org"]
        assert "\n" not in message.subject


def test_header_injection_in_page_subject_and_title(client, home_es):
    page = make_contact_page(
        home_es, subject=f"Hola{INJECTION}", send_confirmation=True, title="Contacto"
    )
    page.title = f"Contacto{INJECTION}"
    page.save_revision().publish()
    page.refresh_from_db()
    post(client, page)
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        rendered = message.message()
        assert rendered["Bcc"] is None
        assert "\n" not in rendered["Subject"] and "\r" not in rendered["Subject"]
        assert set(message.recipients()) <= {STAFF, "ana@example.org"}


def test_html_in_answers_is_escaped_in_the_email(client, page):
    post(client, page, mensaje="<script>alert(1)</script><b>hola</b>")
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_confirmation_in_the_readers_language_never_echoes(client, home_es):
    page = make_contact_page(home_es, send_confirmation=True)
    french = translate_page(
        page,
        "fr",
        title="Contact",
        thank_you_text="Merci, nous vous répondrons bientôt.",
        labels={"Nombre": "Nom", "Mensaje": "Message"},
    )
    secret = "Mon numéro secret est 4242"
    response = client.post(french.url, valid_post(page, mensaje=secret, nombre="Zoé"))
    assert response.status_code == 303
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "fr" and inquiry.form_key == page.translation_key
    staff, confirmation = mail.outbox
    assert staff.to == [STAFF] and secret in staff.body
    # Staff read the Spanish labels.
    assert "Mensaje: " + secret in staff.body
    assert confirmation.to == ["ana@example.org"]
    assert confirmation.reply_to == []
    assert confirmation.extra_headers["Content-Language"] == "fr"
    assert "Merci, nous vous répondrons bientôt." in confirmation.body
    assert "Contact" in confirmation.subject
    for part in [
        confirmation.body,
        confirmation.alternatives[0][0],
        confirmation.subject,
    ]:
        assert secret not in part and "Zoé" not in part
    assert 'lang="fr"' in confirmation.alternatives[0][0]


def test_no_confirmation_without_the_page_setting(client, page):
    post(client, page)
    assert [m.to for m in mail.outbox] == [[STAFF]]


# --- Retries --------------------------------------------------------------------------------


class FlakyBackend:
    """An email backend that fails the first ``failures`` sends."""

    failures = 0
    sent = []

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionRefusedError("smtp down for ana@example.org")
        FlakyBackend.sent.extend(messages)
        return len(messages)


@pytest.fixture
def flaky(settings):
    settings.EMAIL_BACKEND = "tests.test_inquiries.FlakyBackend"
    FlakyBackend.failures = 0
    FlakyBackend.sent = []
    return FlakyBackend


def test_failure_records_class_only_and_retries_with_backoff(
    client, page, flaky, settings
):
    from django_tasks_db.models import DBTaskResult

    flaky.failures = 2
    settings.INQUIRY_NOTIFY_RETRY_BASE_SECONDS = 60
    with (
        override_settings(TASKS=DB_TASKS),
        time_machine.travel(timezone.now(), tick=False) as traveller,
    ):
        assert post(client, page).status_code == 303
        inquiry = Inquiry.objects.get()
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
        inquiry.refresh_from_db()
        assert inquiry.notify_attempts == 1
        assert inquiry.notify_error == "ConnectionRefusedError"
        assert inquiry.notified_at is None
        waiting = DBTaskResult.objects.filter(status="READY").get()
        assert waiting.run_after == timezone.now() + timedelta(seconds=60)
        assert waiting.args_kwargs == {"args": [inquiry.pk], "kwargs": {}}
        # Before the back-off nothing runs.
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        traveller.shift(timedelta(seconds=61))
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
        inquiry.refresh_from_db()
        assert inquiry.notify_attempts == 2
        waiting = DBTaskResult.objects.filter(status="READY").get()
        assert waiting.run_after == timezone.now() + timedelta(seconds=120)
        traveller.shift(timedelta(seconds=121))
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None and inquiry.notify_attempts == 3
    assert inquiry.notify_error == ""
    assert len(flaky.sent) == 1
    # No personal data in the task rows.
    for row in DBTaskResult.objects.all():
        assert "ana@example.org" not in (row.traceback or "")
        assert "ana@example.org" not in str(row.args_kwargs)


def test_gives_up_after_max_attempts_then_requeue(client, page, flaky, settings):
    settings.INQUIRY_NOTIFY_MAX_ATTEMPTS = 3
    flaky.failures = 100
    with (
        override_settings(TASKS=DB_TASKS),
        time_machine.travel(timezone.now(), tick=False) as traveller,
    ):
        post(client, page)
        for _ in range(5):
            call_command("db_worker", batch=True, interval=0, startup_delay=False)
            traveller.shift(timedelta(hours=7))
        inquiry = Inquiry.objects.get()
        assert inquiry.notify_attempts == 3 and inquiry.delivery_failed
        flaky.failures = 0
        call_command("requeue_failed_notifications")
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
    inquiry.refresh_from_db()
    assert inquiry.notified_at is not None
    assert len(flaky.sent) == 1


def test_backoff_is_capped(settings):
    settings.INQUIRY_NOTIFY_RETRY_BASE_SECONDS = 60
    settings.INQUIRY_NOTIFY_RETRY_MAX_SECONDS = 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 20)] == [
        60,
        120,
        240,
        3600,
        3600,
    ]


def test_a_claimed_inquiry_is_not_sent_twice(client, page, settings):
    settings.TASKS = DB_TASKS
    post(client, page)
    inquiry = Inquiry.objects.get()
    Inquiry.objects.filter(pk=inquiry.pk).update(notify_claimed_at=timezone.now())
    assert send_inquiry_notification.call(inquiry.pk) == "busy"
    Inquiry.objects.filter(pk=inquiry.pk).update(notify_claimed_at=None)
    assert send_inquiry_notification.call(inquiry.pk) == "sent"
    assert send_inquiry_notification.call(inquiry.pk) == "done"
    assert len(mail.outbox) == 1
