"""Inquiries, staff side: permission matrix, one inbox across languages, exports that
cannot run formulas, retention purge and data-subject requests."""

import csv
import io
import json
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from openpyxl import load_workbook

from home.bootstrap import INQUIRY_MANAGERS
from inquiries.models import Inquiry, InquiryStatus
from inquiries.tasks import send_inquiry_notification
from tests.inquiry_helpers import make_contact_page, translate_page

DB_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
DANGEROUS = [
    "=1+2",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("http://evil.example","click")',
]


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page(home_es):
    return make_contact_page(home_es)


@pytest.fixture
def manager(site_setup, django_user_model):
    user = django_user_model.objects.create_user("manager1", "m@example.org", "pw")
    user.groups.add(Group.objects.get(name=INQUIRY_MANAGERS))
    return user


@pytest.fixture
def viewer(site_setup, django_user_model):
    """Access to the admin and view (only) on inquiries."""
    user = django_user_model.objects.create_user("viewer1", "v@example.org", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_inquiry"),
    )
    return user


def inquiry(page, language="es", status=InquiryStatus.NEW, **data):
    form_data = {
        "nombre": "Ana Pérez",
        "correo_electronico": "ana@example.org",
        "mensaje": "Hola",
        **data,
    }
    return Inquiry.objects.create(
        page=page,
        form_key=page.translation_key,
        language=language,
        status=status,
        form_data=form_data,
    )


def urls(page, item):
    wagtail_list = reverse("wagtailforms:list_submissions", args=[page.pk])
    return {
        "inbox": reverse("inquiries:index"),
        "inbox_csv": reverse("inquiries:index") + "?export=csv",
        "inbox_xlsx": reverse("inquiries:index") + "?export=xlsx",
        "edit": reverse("inquiries:edit", args=[item.pk]),
        "delete": reverse("inquiries:delete", args=[item.pk]),
        "wagtail_list": wagtail_list,
        "wagtail_csv": wagtail_list + "?export=csv",
        "wagtail_delete": reverse("wagtailforms:delete_submissions", args=[page.pk])
        + f"?selected-submissions={item.pk}",
        "release": reverse("inquiries:release", args=[item.pk]),
    }


# --- Permission matrix ---------------------------------------------------------------


READS = [
    "inbox",
    "inbox_csv",
    "inbox_xlsx",
    "edit",
    "delete",
    "wagtail_list",
    "wagtail_csv",
]


def test_editor_without_inquiry_permission_gets_403_everywhere(client, page, editor):
    item = inquiry(page)
    client.force_login(editor)
    # The editor may edit the form page itself…
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code
        == 200
    )
    # …but not read, export, change or delete what readers sent.
    codes = {
        name: client.get(url).status_code for name, url in urls(page, item).items()
    }
    assert codes == dict.fromkeys(codes, 403)
    for name in ["edit", "delete", "wagtail_delete", "release"]:
        assert (
            client.post(urls(page, item)[name], {"status": "archived"}).status_code
            == 403
        )
    item.refresh_from_db()
    assert item.status == InquiryStatus.NEW
    assert Inquiry.objects.filter(pk=item.pk).exists()


def test_inquiry_manager_can_list_export_change_and_delete(client, page, manager):
    item = inquiry(page)
    other = inquiry(page)
    client.force_login(manager)
    for name in READS:
        assert client.get(urls(page, item)[name]).status_code == 200, name
    response = client.post(
        urls(page, item)["edit"],
        {"status": "in_progress", "assignee": manager.pk, "internal_notes": "Llamar"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.assignee, item.internal_notes) == (
        "in_progress",
        manager,
        "Llamar",
    )
    # Changing the status never changes what the reader sent.
    assert item.form_data["nombre"] == "Ana Pérez"
    assert client.post(urls(page, item)["delete"]).status_code == 302
    assert client.post(urls(page, other)["wagtail_delete"]).status_code == 302
    assert not Inquiry.objects.exists()


def test_view_only_user_cannot_change_or_delete(client, page, viewer):
    item = inquiry(page)
    client.force_login(viewer)
    assert client.get(urls(page, item)["inbox"]).status_code == 200
    assert client.get(urls(page, item)["wagtail_list"]).status_code == 200
    assert client.post(urls(page, item)["delete"]).status_code == 403
    assert client.post(urls(page, item)["wagtail_delete"]).status_code == 403
    assert client.post(urls(page, item)["release"]).status_code == 403
    assert client.post(urls(page, item)["edit"], {"status": "spam"}).status_code == 403
    item.refresh_from_db()
    assert item.status == InquiryStatus.NEW


def test_nobody_adds_inquiries_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("inquiries:add")).status_code == 403


# --- One inbox across languages --------------------------------------------------------


def test_inbox_lists_every_language_with_filters_and_search(client, page, manager):
    french = translate_page(page, "fr", title="Contact", thank_you_text="Merci")
    es_item = inquiry(page)
    Inquiry.objects.filter(pk=es_item.pk).update(internal_notes="nota-es")
    fr_item = Inquiry.objects.create(
        page=french,
        form_key=page.translation_key,
        language="fr",
        form_data={"nombre": "Zoé Dupont", "correo_electronico": "zoe@example.org"},
        internal_notes="nota-fr",
    )
    Inquiry.objects.create(
        page=page,
        form_key=page.translation_key,
        language="es",
        status=InquiryStatus.SPAM,
        spam_reason="honeypot",
        form_data={"nombre": "Bot"},
        internal_notes="nota-spam",
    )
    client.force_login(manager)
    index = reverse("inquiries:index")

    def notes(**params):
        content = client.get(index, params).content.decode()
        return {note for note in ["nota-es", "nota-fr", "nota-spam"] if note in content}

    assert notes() == {"nota-es", "nota-fr", "nota-spam"}
    assert notes(language="fr") == {"nota-fr"}
    assert notes(status="spam") == {"nota-spam"}
    assert notes(form_key=str(page.translation_key), status="new") == {
        "nota-es",
        "nota-fr",
    }
    assert notes(q="Zoé") == {"nota-fr"}
    assert notes(q="ana@example") == {"nota-es"}
    content = client.get(index).content.decode()
    assert "Français" in content and "Contacto" in content
    assert fr_item.pk  # listed under the Spanish form name, in one inbox


def test_failed_notifications_filter_and_requeue(client, page, manager, settings):
    settings.INQUIRY_NOTIFY_MAX_ATTEMPTS = 3
    failed = inquiry(page)
    Inquiry.objects.filter(pk=failed.pk).update(
        notify_attempts=3, notify_error="SMTPConnectError", internal_notes="nota-fallo"
    )
    sent = inquiry(page)
    Inquiry.objects.filter(pk=sent.pk).update(
        notified_at=timezone.now(), internal_notes="nota-enviada"
    )
    client.force_login(manager)
    content = client.get(
        reverse("inquiries:index"), {"delivery": "failed"}
    ).content.decode()
    assert "nota-fallo" in content and "nota-enviada" not in content
    out = io.StringIO()
    call_command("requeue_failed_notifications", stdout=out)
    assert "queued 1 notification" in out.getvalue()
    failed.refresh_from_db()
    assert failed.notified_at is not None  # immediate backend in tests: sent again
    assert len(mail.outbox) == 1


def test_release_view_releases_spam_and_notifies(client, page, manager):
    item = inquiry(page, status=InquiryStatus.SPAM)
    client.force_login(manager)
    release = reverse("inquiries:release", args=[item.pk])
    assert client.get(release).status_code == 200
    assert client.post(release).status_code == 302
    item.refresh_from_db()
    assert item.status == InquiryStatus.NEW
    assert len(mail.outbox) == 1


# --- Exports -------------------------------------------------------------------------------


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("view", ["inbox", "wagtail"])
def test_csv_export_neutralises_formulas(client, page, manager, view):
    for value in DANGEROUS:
        inquiry(page, nombre=value, mensaje=value)
    client.force_login(manager)
    url = (
        reverse("inquiries:index")
        if view == "inbox"
        else reverse("wagtailforms:list_submissions", args=[page.pk])
    )
    rows = _csv_rows(client.get(url, {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert len(rows) == len(DANGEROUS) + 1
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    for value in DANGEROUS:
        assert cells.count("'" + value) >= 2  # name and message, escaped, not lost


@pytest.mark.parametrize("view", ["inbox", "wagtail"])
def test_xlsx_export_has_no_formula_cells(client, page, manager, view):
    for value in DANGEROUS:
        inquiry(page, nombre=value, mensaje=value)
    client.force_login(manager)
    url = (
        reverse("inquiries:index")
        if view == "inbox"
        else reverse("wagtailforms:list_submissions", args=[page.pk])
    )
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    values = [cell.value for cell in cells]
    for value in DANGEROUS:
        # Kept as the exact text (XML itself turns a bare CR into LF on reading).
        assert values.count(value.replace("\r", "\n")) >= 2


# --- Retention ---------------------------------------------------------------------------------


def _finished_task_row():
    """A finished task row, as the worker leaves it."""
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        send_inquiry_notification.enqueue(999_999)
        call_command("db_worker", batch=True, interval=0, startup_delay=False)
    return DBTaskResult.objects.order_by("-enqueued_at").first()


@pytest.mark.parametrize("anonymise", [False, True])
def test_purge_with_a_frozen_clock(page, settings, anonymise):
    from django_tasks_db.models import DBTaskResult

    settings.INQUIRY_RETENTION_DAYS = 730
    settings.INQUIRY_TASK_RESULT_DAYS = 30
    start = timezone.now() - timedelta(days=800)
    with time_machine.travel(start, tick=False) as traveller:
        old = inquiry(page)
        Inquiry.objects.filter(pk=old.pk).update(internal_notes="old note")
        old_task = _finished_task_row()
        traveller.move_to(start + timedelta(days=729))
        kept = inquiry(page)
        traveller.move_to(start + timedelta(days=790))
        recent_task = _finished_task_row()
        traveller.move_to(start + timedelta(days=800))
        args = ["purge_inquiries"] + (["--anonymise"] if anonymise else [])
        out = io.StringIO()
        call_command(*args, stdout=out)
    assert DBTaskResult.objects.filter(pk=old_task.pk).count() == 0
    assert DBTaskResult.objects.filter(pk=recent_task.pk).count() == 1
    assert Inquiry.objects.filter(pk=kept.pk, form_data__nombre="Ana Pérez").exists()
    if anonymise:
        old.refresh_from_db()
        assert old.form_data == {} and old.internal_notes == ""
        assert old.status == InquiryStatus.ARCHIVED and old.language == "es"
        assert "anonymised 1 inquiries" in out.getvalue()
    else:
        assert not Inquiry.objects.filter(pk=old.pk).exists()
        assert "deleted 1 inquiries" in out.getvalue()


def test_purge_keeps_everything_younger_than_the_retention(page):
    inquiry(page)
    call_command("purge_inquiries", stdout=io.StringIO())
    assert Inquiry.objects.count() == 1


# --- Data-subject requests --------------------------------------------------------------------


def test_subject_data_export_and_erasure(page):
    from django_tasks_db.models import DBTaskResult

    first = inquiry(page)
    second = inquiry(
        page,
        correo_electronico="otra@example.org",
        mensaje="Escribo por ANA@example.org",
    )
    stranger = inquiry(page, correo_electronico="luis@example.org", nombre="Luis")
    with override_settings(TASKS=DB_TASKS):
        send_inquiry_notification.enqueue(first.pk)
        send_inquiry_notification.enqueue(stranger.pk)
    out = io.StringIO()
    call_command("inquiry_subject_data", "ana@example.org", stdout=out)
    report = json.loads(out.getvalue())
    assert {item["id"] for item in report["inquiries"]} == {first.pk, second.pk}
    assert report["inquiries"][0]["data"]["nombre"] == "Ana Pérez"
    assert report["queued_task_rows"] == 1
    assert Inquiry.objects.count() == 3  # export only changes nothing

    out = io.StringIO()
    call_command("inquiry_subject_data", "ana@example.org", "--erase", stdout=out)
    report = json.loads(out.getvalue())
    assert report["erased"] == {"inquiries": 2, "task_rows": 1}
    assert list(Inquiry.objects.values_list("pk", flat=True)) == [stranger.pk]
    remaining = [row.args_kwargs["args"] for row in DBTaskResult.objects.all()]
    assert remaining == [[stranger.pk]]
    out = io.StringIO()
    call_command("inquiry_subject_data", "ana@example.org", stdout=out)
    assert json.loads(out.getvalue())["inquiries"] == []
