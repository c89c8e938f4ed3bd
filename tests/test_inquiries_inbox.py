"""The inbox an officer can work from (issue 14 item 5): local times, sender,
subject by its label in the officer's language, form and language, status with its
reason, assignee by name; filters; assigning emails the assignee in their language
with an absolute link."""

import io
import re
from datetime import UTC, datetime, timedelta

from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup
from django_tasks_db.models import DBTaskResult

from core import task_recovery
from home.bootstrap import role_group
from inquiries.models import Inquiry, InquiryStatus
from inquiries.tasks import send_inquiry_notification
from tests.inquiry_helpers import make_contact_page, translate_page, valid_post

FIELDS = [
    ("Nombre", "singleline", True, "", ""),
    ("Correo electrónico", "email", True, "", ""),
    ("Asunto", "dropdown", True, "general\ncampaigns", "Consulta general\nCampañas"),
    ("Mensaje", "multiline", True, "", ""),
]
# 15:00 UTC is 10:00 in Panama (TIME_ZONE, UTC-5 all year).
RECEIVED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_es):
    page = make_contact_page(home_es, fields=FIELDS)
    translate_page(
        page,
        "en",
        title="Contact",
        thank_you_text="Thanks",
        labels={"Asunto": "Subject"},
        choice_labels={"Asunto": "General question\nCampaigns"},
    )
    return page


def make_manager(django_user_model, username, first, last, language=""):
    user = django_user_model.objects.create_user(
        username, f"{username}@clac.test", "pw", first_name=first, last_name=last
    )
    user.groups.add(role_group("inquiry-managers"))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


@pytest.fixture
def olga(site_setup, django_user_model):
    return make_manager(django_user_model, "olga", "Olga", "Oficial")


@pytest.fixture
def bruno(site_setup, django_user_model):
    """A colleague who reads the admin in English."""
    return make_manager(django_user_model, "bruno", "Bruno", "Brown", language="en")


def inquiry(page, *, subject="campaigns", status=InquiryStatus.NEW, **extra):
    item = Inquiry.objects.create(
        page=page,
        form_key=page.translation_key,
        language="es",
        status=status,
        form_data={
            "nombre": "Ana Pérez",
            "correo_electronico": "ana@example.org",
            "asunto": subject,
            "mensaje": "Hola",
        },
        **extra,
    )
    Inquiry.objects.filter(pk=item.pk).update(submit_time=RECEIVED)
    item.refresh_from_db()
    return item


def rows(client, **params):
    response = client.get(reverse("inquiries:index"), params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [
            " ".join(cell.get_text(" ", strip=True).split())
            for cell in row.find_all("td")
        ]
        for row in soup.select("table.listing tbody tr")
    ]


def test_the_inbox_row_says_when_who_what_where_status_and_who_answers(
    client, page, olga
):
    inquiry(
        page,
        status=InquiryStatus.TO_REVIEW,
        spam_reason="rate",
        assignee=olga,
    )
    client.force_login(olga)
    (row,) = rows(client)
    text = " | ".join(row)
    assert "2026-03-02 10:00" in text  # local, not 15:00 UTC
    assert "Ana Pérez <ana@example.org>" in text
    assert "Consulta general" not in text and "Campañas" in row
    assert "campaigns" not in text
    assert "Contacto" in row and "Español" in row
    with translation.override("es"):
        status = f"{gettext('To review')} ({gettext('Many messages from the same connection')})"
    assert status in row
    assert "(rate)" not in text
    assert "Olga Oficial" in row


def test_subject_label_in_the_officers_language(client, page, bruno):
    inquiry(page)
    client.force_login(bruno)
    (row,) = rows(client)
    assert "Campaigns" in row and "Campañas" not in row


def test_detail_title_and_body_are_local_and_show_the_label(client, page, olga):
    item = inquiry(page)
    client.force_login(olga)
    content = client.get(reverse("inquiries:edit", args=[item.pk])).content.decode()
    soup = BeautifulSoup(content, "html.parser")
    assert "2026-03-02 10:00" in soup.title.get_text()
    assert "15:00" not in soup.title.get_text()
    panel = soup.find("table", class_="listing")
    cells = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True)
        for tr in panel.find_all("tr")
    }
    assert cells["Asunto"] == "Campañas"
    assert "2026-03-02 10:00" in content


def test_the_notification_names_the_subject_by_its_label(client, page):
    client.post(page.url, valid_post(page, tema=None, asunto="campaigns"))
    (message,) = mail.outbox
    assert "Asunto: Campañas" in message.body
    assert "Asunto: campaigns" not in message.body
    assert "Campañas" in message.alternatives[0][0]


def test_filters_status_form_language_assignee_and_date(
    client, page, home_es, olga, bruno
):
    other_form = make_contact_page(home_es, slug="otro", title="Otro", fields=FIELDS)
    inquiry(page, internal_notes="n-new")
    inquiry(page, status=InquiryStatus.TO_REVIEW, internal_notes="n-review")
    inquiry(page, assignee=olga, internal_notes="n-olga")
    inquiry(other_form, assignee=bruno, internal_notes="n-bruno")
    fr = inquiry(page, internal_notes="n-fr")
    Inquiry.objects.filter(pk=fr.pk).update(
        language="fr", submit_time=datetime(2026, 2, 1, 12, tzinfo=UTC)
    )
    client.force_login(olga)

    def notes(**params):
        return {
            re.search(r"n-\w+", cell).group()
            for row in rows(client, **params)
            for cell in row
            if re.search(r"n-\w+", cell)
        }

    assert notes(status="review") == {"n-review"}
    assert notes(form_key=str(other_form.translation_key)) == {"n-bruno"}
    assert notes(language="fr") == {"n-fr"}
    assert notes(assignee=olga.pk) == {"n-olga"}
    assert notes(assignee=[olga.pk, bruno.pk]) == {"n-olga", "n-bruno"}
    assert notes(assignment="me") == {"n-olga"}
    assert notes(assignment="nobody") == {"n-new", "n-review", "n-fr"}
    assert notes(submit_time_from="2026-01-15", submit_time_to="2026-02-15") == {"n-fr"}
    assert "n-fr" not in notes(submit_time_from="2026-03-01")


def test_assignee_choices_are_inquiry_staff_by_full_name(
    client, page, olga, bruno, editor
):
    item = inquiry(page)
    client.force_login(olga)
    content = client.get(reverse("inquiries:edit", args=[item.pk])).content.decode()
    soup = BeautifulSoup(content, "html.parser")
    options = {
        option.get_text(strip=True)
        for option in soup.find("select", attrs={"name": "assignee"}).find_all("option")
    }
    assert {"Olga Oficial", "Bruno Brown"} <= options
    assert editor.get_username() not in options  # editors cannot work on inquiries


def test_assigning_emails_the_assignee_in_their_language(client, page, olga, bruno):
    item = inquiry(page)
    client.force_login(olga)
    edit = reverse("inquiries:edit", args=[item.pk])
    response = client.post(
        edit, {"status": "in_progress", "assignee": bruno.pk, "internal_notes": ""}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["bruno@clac.test"]
    with translation.override("en"):
        subject = gettext("An inquiry was assigned to you: %(title)s") % {
            "title": "Contact"
        }
        status = gettext("In progress")
    assert message.subject == subject
    assert message.extra_headers["Content-Language"] == "en"
    body = message.body
    assert f"http://localhost{edit}" in body  # absolute, from WAGTAILADMIN_BASE_URL
    assert "Olga Oficial" in body and "Bruno Brown" in body
    assert "Campaigns" in body and "campaigns" not in body.replace("Campaigns", "")
    assert "2026-03-02 10:00" in body
    assert status in body
    assert "Hola" not in body  # what the reader wrote stays in the inbox
    assert f'href="http://localhost{edit}"' in message.alternatives[0][0]
    # Saving again with the same assignee, or taking it oneself, sends nothing.
    client.post(edit, {"status": "answered", "assignee": bruno.pk})
    client.post(edit, {"status": "answered", "assignee": olga.pk})
    assert len(mail.outbox) == 1


def test_default_admin_language_is_spanish(client, page, olga, django_user_model):
    luis = make_manager(django_user_model, "luis", "Luis", "López")
    item = inquiry(page)
    client.force_login(olga)
    client.post(
        reverse("inquiries:edit", args=[item.pk]),
        {"status": "new", "assignee": luis.pk},
    )
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "es"
    with translation.override("es"):
        expected = gettext("An inquiry was assigned to you: %(title)s") % {
            "title": "Contacto"
        }
    assert message.subject == expected
    assert "Campañas" in message.body


@pytest.mark.parametrize(
    ("status", "reason", "heading", "label"),
    [
        ("spam", "honeypot", "Marked as spam", "Hidden anti-robot field filled in"),
        ("review", "rate", "To review", "Many messages from the same connection"),
    ],
)
def test_the_detail_names_the_reason_by_its_label(
    client, page, olga, status, reason, heading, label
):
    item = inquiry(page, status=status, spam_reason=reason)
    client.force_login(olga)
    content = client.get(reverse("inquiries:edit", args=[item.pk])).content.decode()
    soup = BeautifulSoup(content, "html.parser")
    warning = soup.select_one("p.help-warning").get_text(" ", strip=True)
    with translation.override("es"):
        assert warning == f"{gettext(heading)}: {gettext(label)}"
    assert f": {reason}" not in warning


def test_the_export_names_status_and_reason_by_their_labels(client, page, olga):
    inquiry(page, status=InquiryStatus.TO_REVIEW, spam_reason="links", assignee=olga)
    client.force_login(olga)
    response = client.get(reverse("inquiries:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8")
    with translation.override("es"):
        status = f"{gettext('To review')} ({gettext('Many links in the message')})"
    assert status in body and "Olga Oficial" in body
    assert ",review," not in body


def test_a_send_whose_worker_died_is_shown_as_unknown_not_retrying(
    client, page, olga, settings
):
    """Issue 15 item 5: a claimed send that never finished may have left; it is
    not listed as "Failed, retrying" (nothing resends it by itself) but under
    "Unknown", and its detail tells the officer to check before resending."""
    stale = timezone.now() - timedelta(
        seconds=settings.INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS + 60
    )
    item = inquiry(page, notify_claimed_at=stale, notify_attempts=1)
    client.force_login(olga)
    edit = reverse("inquiries:edit", args=[item.pk])
    index = reverse("inquiries:index")
    retrying = client.get(index, {"delivery": "retrying"}).content.decode()
    unknown = client.get(index, {"delivery": "unknown"}).content.decode()
    assert edit not in retrying
    assert edit in unknown
    assert Inquiry.objects.get(pk=item.pk).delivery_unknown
    detail = client.get(edit).content.decode()  # the admin in Spanish
    assert "pregunte a los destinatarios antes de enviarlo otra vez" in detail


def notification_running(item, worker):
    """The notification task of ``item`` claimed by ``worker`` (RUNNING)."""
    now = timezone.now()
    return DBTaskResult.objects.create(
        status="RUNNING",
        task_path=send_inquiry_notification.module_path,
        args_kwargs={"args": [item.pk], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=now,
        started_at=now,
        worker_ids=[worker],
    )


def spanish(message):
    with translation.override("es"):
        return gettext(message)


def test_a_send_in_progress_is_unknown_as_soon_as_its_worker_is_gone(
    client, page, olga
):
    """A fresh claim is a send in progress while its worker beats ("being sent
    now", neither retrying nor unknown); once the worker stops beating it is
    unknown at once, without waiting for the claim timeout (15 minutes)."""
    item = inquiry(page, notify_claimed_at=timezone.now(), notify_attempts=1)
    notification_running(item, "worker-alive")
    task_recovery.beat("worker-alive")
    client.force_login(olga)
    edit = reverse("inquiries:edit", args=[item.pk])
    index = reverse("inquiries:index")
    for delivery in ("retrying", "unknown"):
        assert edit not in client.get(index, {"delivery": delivery}).content.decode()
    assert spanish("being sent now") in client.get(edit).content.decode()

    task_recovery.forget("worker-alive")  # killed: no more beats
    assert edit not in client.get(index, {"delivery": "retrying"}).content.decode()
    assert edit in client.get(index, {"delivery": "unknown"}).content.decode()
    note = spanish(
        "the sending stopped midway (the worker stopped). The email may or may not "
        "have arrived: ask the recipients before sending it again."
    )
    assert note in client.get(edit).content.decode()


def test_the_officer_decides_to_resend_an_unknown_one(client, page, olga, settings):
    stale = timezone.now() - timedelta(
        seconds=settings.INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS + 60
    )
    item = inquiry(page, notify_claimed_at=stale, notify_attempts=1)
    client.force_login(olga)
    retry = reverse("inquiries:retry", args=[item.pk])
    confirm = client.get(retry).content.decode()
    warning = spanish(
        "Its last sending stopped midway: the recipients may already have it, "
        "and would then receive it twice."
    )
    assert warning in confirm
    assert client.post(retry).status_code == 302
    item.refresh_from_db()
    assert item.notified_at is not None and not item.delivery_unknown
    assert len(mail.outbox) == 1  # the immediate backend: sent in the request


def test_a_send_in_progress_is_not_resent_from_the_inbox(client, page, olga):
    item = inquiry(page, notify_claimed_at=timezone.now(), notify_attempts=1)
    notification_running(item, "worker-alive")
    task_recovery.beat("worker-alive")
    client.force_login(olga)
    response = client.post(reverse("inquiries:retry", args=[item.pk]), follow=True)
    assert spanish("The notification is being sent right now.") in (
        response.content.decode()
    )
    item.refresh_from_db()
    assert item.notify_claimed_at is not None and item.notified_at is None
    assert mail.outbox == []


def test_requeue_stuck_lists_the_unknown_and_queues_only_those_named(page, settings):
    """``--stuck`` is a person's decision per inquiry: alone it lists them and
    queues none; with ids it queues those; an id of another state is refused."""
    stale = timezone.now() - timedelta(
        seconds=settings.INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS + 60
    )
    first = inquiry(page, notify_claimed_at=stale, notify_attempts=1)
    second = inquiry(page, notify_claimed_at=stale, notify_attempts=1)
    sent = inquiry(page, notified_at=timezone.now())
    out = io.StringIO()
    call_command("requeue_failed_notifications", "--stuck", stdout=out)
    assert f"#{first.pk}: fate unknown, not queued" in out.getvalue()
    assert f"#{second.pk}: fate unknown, not queued" in out.getvalue()
    assert "queued 0 notification(s)" in out.getvalue()
    assert mail.outbox == []

    out = io.StringIO()
    call_command("requeue_failed_notifications", "--stuck", str(first.pk), stdout=out)
    assert f"#{first.pk}: fate unknown, queued again" in out.getvalue()
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.notified_at is not None and second.delivery_unknown

    with pytest.raises(CommandError, match=f"#{sent.pk}"):
        call_command("requeue_failed_notifications", "--stuck", str(sent.pk))
    assert len(mail.outbox) == 1
