"""Issue 18 item 3: a participant's contact reports an activity or evidence through a
signed, expiring, single-use link sent by email; a coordinator accepts it and it
shows on the participant's page. Every refusal is a translated 4xx that stores
nothing; the public file upload is allowed for this one view only."""

import datetime
import json
import re
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

import pytest

from campaigns.models.registry import Activity, ParticipantStatus, Progress
from campaigns.models.reports import (
    ParticipantReport,
    ReportKind,
    ReportLink,
    ReportState,
    hash_token,
)
from campaigns.reports import REFUSALS
from inquiries.models import Inquiry
from tests.inquiry_helpers import make_contact_page, valid_post
from tests.registry_admin_helpers import coordinator, registry

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
REPORTS_DIR = Path(settings.PRIVATE_MEDIA_ROOT) / "reports"


def stored_report_files() -> set[Path]:
    if not REPORTS_DIR.exists():
        return set()
    return {path for path in REPORTS_DIR.rglob("*") if path.is_file()}


@pytest.fixture
def data(home_es):
    before = stored_report_files()
    made = registry(home_es)
    yield made
    for progress in Progress.objects.exclude(evidence_file=""):
        progress.evidence_file.delete(save=False)
    for path in stored_report_files() - before:
        path.unlink()


@pytest.fixture
def files_before():
    return stored_report_files()


def link_for(data, key="mx", **changes):
    link, token = ReportLink.issue(data[f"{key}_contact"])
    if changes:
        ReportLink.objects.filter(pk=link.pk).update(**changes)
        link.refresh_from_db()
    return link, token


def report_url(participant, token, language="es"):
    with translation.override(language):
        return reverse(
            "participant_report",
            kwargs={"participant_slug": participant.slug, "token": token},
        )


def activity_post(**changes):
    data = {
        "kind": ReportKind.ACTIVITY,
        "activity_kind": "event",
        "title": "Semana del comercio justo",
        "description": "Una feria con cooperativas de café en el campus.",
        "date": "2026-11-20",
    }
    data.update(changes)
    return data


def evidence_post(data, file, **changes):
    return activity_post(
        **{
            "kind": ReportKind.EVIDENCE,
            "activity_kind": "",
            "title": "Acuerdo de compra firmado",
            "criterion": str(data["criterion"].pk),
            "file": file,
            **changes,
        }
    )


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def assert_refused(response, reason, files_before, language="es"):
    status, title, text = REFUSALS[reason]
    assert response.status_code == status
    assert 400 <= response.status_code < 500
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    with translation.override(language):
        assert str(title) in body
        assert str(text).replace("'", "&#x27;") in body
    assert ParticipantReport.objects.count() == 0
    assert stored_report_files() == files_before
    assert {"private", "no-store"} <= cache_directives(response)
    assert response["Referrer-Policy"] == "no-referrer"


# --- the form and a valid report ---------------------------------------------------------


def test_the_form_shows_the_participant_in_the_urls_language(client, data):
    _link, token = link_for(data, "br")
    response = client.get(report_url(data["br"], token, "pt-br"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="pt-br">' in body
    assert "Universidade Federal de Lavras" in body
    assert 'enctype="multipart/form-data"' in body
    assert "csrfmiddlewaretoken" in body
    assert 'name="robots" content="noindex, nofollow"' in body
    assert {"private", "no-store"} <= cache_directives(response)


def test_a_valid_evidence_waits_the_link_is_used_and_a_second_use_is_refused(
    client, data, files_before
):
    link, token = link_for(data)
    url = report_url(data["mx"], token)
    pdf = SimpleUploadedFile("acuerdo.pdf", PDF, content_type="application/pdf")
    response = client.post(url, evidence_post(data, pdf))
    assert response.status_code == 200, response.content.decode()[:2000]
    report = ParticipantReport.objects.get()
    assert report.state == ReportState.WAITING
    assert report.participant == data["mx"]
    assert report.link == link
    assert report.language == "es"
    link.refresh_from_db()
    assert link.used_at is not None
    # The file is in the private storage, never under MEDIA_ROOT.
    stored = Path(report.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.read_bytes() == PDF
    # Nothing is public yet.
    assert not Activity.objects.filter(description__contains="Acuerdo").exists()
    # The same link again: refused, nothing more stored.
    files_now = stored_report_files()
    again = client.post(url, evidence_post(data, SimpleUploadedFile("b.pdf", PDF)))
    status, title, _text = REFUSALS["used"]
    assert again.status_code == status == 410
    assert str(title) in again.content.decode()
    assert ParticipantReport.objects.count() == 1
    assert stored_report_files() == files_now
    assert client.get(url).status_code == 410


def test_the_database_keeps_only_the_tokens_hash(data):
    link, token = link_for(data)
    assert link.token_hash == hash_token(token) != token
    assert len(token) >= 43
    assert not ReportLink.objects.filter(token_hash=token).exists()
    assert link.expires_at - link.created_at == datetime.timedelta(
        days=settings.CAMPAIGN_REPORT_LINK_DAYS
    )


def test_the_link_is_claimed_once_even_by_two_posts_at_the_same_time(data):
    link, _token = link_for(data)
    first, second = (
        ReportLink.objects.get(pk=link.pk),
        ReportLink.objects.get(pk=link.pk),
    )
    assert first.claim() is True
    assert second.claim() is False


# --- refusals: 4xx, the message, nothing stored ----------------------------------------------


def test_a_forged_token_is_refused(client, data, files_before):
    link_for(data)
    url = report_url(data["mx"], "x" * 43)
    assert_refused(client.get(url), "forged", files_before)
    pdf = SimpleUploadedFile("acuerdo.pdf", PDF)
    assert_refused(client.post(url, evidence_post(data, pdf)), "forged", files_before)


def test_an_expired_link_is_refused(client, data, files_before):
    _link, token = link_for(data, expires_at=timezone.now() - datetime.timedelta(1))
    url = report_url(data["mx"], token)
    assert_refused(client.get(url), "expired", files_before)
    pdf = SimpleUploadedFile("acuerdo.pdf", PDF)
    assert_refused(client.post(url, evidence_post(data, pdf)), "expired", files_before)


def test_a_used_link_is_refused(client, data, files_before):
    _link, token = link_for(data, used_at=timezone.now())
    url = report_url(data["mx"], token)
    assert_refused(client.post(url, activity_post()), "used", files_before)


def test_a_link_under_another_participants_address_is_refused(
    client, data, files_before
):
    _link, token = link_for(data, "mx")
    url = report_url(data["br"], token, "fr")
    assert_refused(client.get(url), "wrong_participant", files_before, "fr")
    assert_refused(
        client.post(url, activity_post()), "wrong_participant", files_before, "fr"
    )
    assert ReportLink.objects.get(token_hash=hash_token(token)).used_at is None


def test_an_exe_renamed_pdf_is_refused(client, data, files_before):
    link, token = link_for(data)
    fake = SimpleUploadedFile("acuerdo.pdf", EXE, content_type="application/pdf")
    response = client.post(report_url(data["mx"], token), evidence_post(data, fake))
    assert response.status_code == 400
    message = gettext("Send a PDF, JPEG or PNG file: this file is not one of them.")
    assert message in response.content.decode()
    assert ParticipantReport.objects.count() == 0
    assert stored_report_files() == files_before
    link.refresh_from_db()
    assert link.used_at is None  # the contact may try again with the right file


def test_a_png_named_pdf_is_refused_too(client, data, files_before):
    _link, token = link_for(data)
    png = SimpleUploadedFile("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    response = client.post(report_url(data["mx"], token), evidence_post(data, png))
    assert response.status_code == 400
    assert ParticipantReport.objects.count() == 0


def test_a_file_over_the_limit_is_refused(client, data, files_before, settings):
    settings.CAMPAIGN_REPORT_MAX_FILE_BYTES = 2000
    link, token = link_for(data)
    url = report_url(data["mx"], token)
    # Over the file's limit but within the form's allowance: the form says so.
    big = SimpleUploadedFile("acuerdo.pdf", PDF + b"0" * 3000)
    response = client.post(url, evidence_post(data, big))
    assert response.status_code == 400
    with translation.override("es"):
        message = gettext(
            "The file is larger than %(size)s. Please send a smaller one."
        ) % {"size": filesizeformat(2000)}
    assert message in response.content.decode()
    assert ParticipantReport.objects.count() == 0
    assert stored_report_files() == files_before
    # Over the view's whole body limit: the translated 413, before it is read.
    huge = SimpleUploadedFile("acuerdo.pdf", PDF + b"0" * (200 * 1024))
    response = client.post(url, evidence_post(data, huge))
    assert response.status_code == 413
    assert gettext("Request too large") in response.content.decode()
    assert ParticipantReport.objects.count() == 0
    assert stored_report_files() == files_before
    link.refresh_from_db()
    assert link.used_at is None


def test_evidence_needs_a_criterion_and_a_file(client, data, files_before):
    _link, token = link_for(data)
    post = evidence_post(data, None, criterion="")
    post.pop("file")
    response = client.post(report_url(data["mx"], token), post)
    assert response.status_code == 400
    body = response.content.decode()
    assert gettext("Choose the criterion this evidence shows.") in body
    assert gettext("Attach the evidence: a PDF, JPEG or PNG.") in body
    assert ParticipantReport.objects.count() == 0


def test_too_many_posts_from_one_address_are_refused(
    client, data, files_before, settings
):
    settings.INQUIRY_RATE_REFUSE = 2
    _link, token = link_for(data)
    url = report_url(data["mx"], token)
    for _ in range(2):
        assert client.post(url, activity_post(title="")).status_code == 400
    assert_refused(client.post(url, activity_post()), "rate", files_before)


def test_csrf_is_checked_and_other_methods_are_refused(client, data, files_before):
    _link, token = link_for(data)
    url = report_url(data["mx"], token)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, activity_post())
    assert response.status_code == 403
    assert client.put(url, b"x").status_code == 405
    assert ParticipantReport.objects.count() == 0


def test_the_file_exemption_is_only_for_this_view(client, home_es, settings):
    """A file part to the contact form is still refused (413), as before."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    page = make_contact_page(home_es)
    post = valid_post(page)
    post["adjunto"] = SimpleUploadedFile("acuerdo.pdf", PDF)
    response = client.post(page.url, post)
    assert response.status_code == 413
    assert (
        gettext(
            "This form does not accept files. Please send your message without "
            "attachments."
        )
        in response.content.decode()
    )
    assert Inquiry.objects.count() == 0
    # Under the report view's path but not its pattern: no exemption either.
    response = client.post(
        "/es/report/x/", {"f": SimpleUploadedFile("acuerdo.pdf", PDF)}
    )
    assert response.status_code == 413


# --- the coordinator's side ---------------------------------------------------------------


@pytest.fixture
def mexico(client, django_user_model):
    user = coordinator(django_user_model, "coordmx", countries=["MX"])
    client.force_login(user)
    client.user = user
    return client


def send_report(data, post, key="mx"):
    _link, token = link_for(data, key)
    response = Client().post(report_url(data[key], token), post)
    assert response.status_code == 200, response.content.decode()[:2000]
    return ParticipantReport.objects.get(participant=data[key])


def test_a_coordinator_accepts_an_activity_and_it_shows_on_the_participants_page(
    mexico, data, django_capture_on_commit_callbacks
):
    report = send_report(data, activity_post())
    index = mexico.get(reverse("participant_reports:index"))
    assert index.status_code == 200
    assert "Semana del comercio justo" in index.content.decode()
    page_url = data["pages"]["directory"].participant_url(data["mx"].slug)
    assert "Semana del comercio justo" not in Client().get(page_url).content.decode()
    accept = reverse("participant_reports:accept", args=[report.pk])
    assert mexico.get(accept).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert mexico.post(accept).status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert report.reviewed_by == mexico.user
    assert report.reviewed_at is not None
    body = Client().get(page_url).content.decode()
    assert "Semana del comercio justo" in body
    # Reviewed once: it leaves the waiting list, and accepting again does nothing.
    assert (
        "Semana del comercio justo"
        not in mexico.get(reverse("participant_reports:index")).content.decode()
    )
    mexico.post(accept)
    assert Activity.objects.filter(description__startswith="Semana").count() == 1


def test_accepted_evidence_meets_the_criterion_and_its_file_stays_private(
    mexico, data, django_capture_on_commit_callbacks
):
    Progress.objects.filter(participant=data["mx"]).delete()
    pdf = SimpleUploadedFile("acuerdo.pdf", PDF)
    report = send_report(data, evidence_post(data, pdf))
    file_url = reverse("participant_reports:file", args=[report.pk])
    edit = mexico.get(reverse("participant_reports:edit", args=[report.pk]))
    assert edit.status_code == 200
    body = edit.content.decode()
    assert file_url in body
    assert report.file.name not in body  # never the storage's path
    assert reverse("participant_reports:accept", args=[report.pk]) in body
    download = mexico.get(file_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert {"private", "no-store"} <= cache_directives(download)
    assert download["X-Content-Type-Options"] == "nosniff"
    assert Client().get(file_url).status_code == 302  # to the admin's sign-in
    with django_capture_on_commit_callbacks(execute=True):
        mexico.post(reverse("participant_reports:accept", args=[report.pk]))
    progress = Progress.objects.get(participant=data["mx"], criterion=data["criterion"])
    assert progress.is_met
    assert progress.public_note == "Acuerdo de compra firmado"
    assert progress.evidence_file.name == report.file.name
    page = (
        Client()
        .get(data["pages"]["directory"].participant_url(data["mx"].slug))
        .content.decode()
    )
    assert "Acuerdo de compra firmado" in page
    assert report.file.name not in page


def test_a_refused_report_publishes_nothing(
    mexico, data, django_capture_on_commit_callbacks
):
    report = send_report(data, activity_post())
    with django_capture_on_commit_callbacks(execute=True):
        mexico.post(reverse("participant_reports:refuse", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == ReportState.REFUSED
    page = Client().get(data["pages"]["directory"].participant_url(data["mx"].slug))
    assert "Semana del comercio justo" not in page.content.decode()


def test_a_coordinator_of_another_country_neither_lists_nor_opens_the_report(
    client, data, django_user_model
):
    report = send_report(data, activity_post())
    client.force_login(coordinator(django_user_model, "coordbr", countries=["BR"]))
    index = client.get(reverse("participant_reports:index"))
    assert index.status_code == 200
    assert "Semana del comercio justo" not in index.content.decode()
    # A 404 (which LocaleMiddleware turns into a redirect to /es/admin/…, itself
    # a 404), never the report.
    for name in ("edit", "accept", "refuse", "file"):
        url = reverse(f"participant_reports:{name}", args=[report.pk])
        response = client.get(url, follow=True)
        assert response.status_code == 404, name
        assert "Semana del comercio justo" not in response.content.decode()
    client.post(reverse("participant_reports:accept", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == ReportState.WAITING


def test_the_link_is_emailed_in_the_contacts_language_and_works(
    client, data, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(coordinator(django_user_model, "coordbr2", countries=["BR"]))
    br = data["br"]
    url = reverse("participants:report_link", args=[br.pk])
    assert client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [data["br_contact"].email]
    assert message.extra_headers["Content-Language"] == "pt-br"
    found = re.search(r"http://localhost(/pt-br/report/[^/\s]+/[^/\s]+/)", message.body)
    assert found, message.body
    link = ReportLink.objects.get(participant=br)
    assert link.contact == data["br_contact"]
    assert link.created_by.username == "coordbr2"
    assert link.token_hash not in message.body
    # The link in the email opens the form, in Portuguese.
    page = Client().get(found.group(1))
    assert page.status_code == 200
    assert '<html lang="pt-br">' in page.content.decode()


def test_no_report_link_for_an_interested_participant(
    client, data, django_user_model, django_capture_on_commit_callbacks
):
    mx = data["mx"]
    mx.set_status(ParticipantStatus.INTERESTED)
    mx.save()
    client.force_login(coordinator(django_user_model, "coordmx2", countries=["MX"]))
    listing = client.get(reverse("participants:index")).content.decode()
    assert reverse("participants:report_link", args=[mx.pk]) not in listing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participants:report_link", args=[mx.pk]))
    assert mail.outbox == []
    assert not ReportLink.objects.exists()


def test_a_contacts_erasure_deletes_the_files_they_sent(
    data, django_capture_on_commit_callbacks
):
    report = send_report(data, evidence_post(data, SimpleUploadedFile("a.pdf", PDF)))
    path = Path(report.file.path)
    out = StringIO()
    call_command("inquiry_subject_data", "ana@ibero.mx", stdout=out)
    [row] = json.loads(out.getvalue())["campaign_contacts"]
    assert row["report_files"] == [report.file.name]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("inquiry_subject_data", "ana@ibero.mx", "--erase", stdout=out)
    assert not path.exists()
    report.refresh_from_db()
    assert not report.file
    assert not ReportLink.objects.exists()  # went with the contact


def test_a_coordinator_corrects_the_text_before_accepting(
    mexico, data, django_capture_on_commit_callbacks
):
    report = send_report(data, activity_post())
    edit = reverse("participant_reports:edit", args=[report.pk])
    response = mexico.post(
        edit,
        {
            "date": "2026-11-20",
            "activity_kind": "course",
            "title": "Curso de comercio justo",
            "description": "Un curso abierto.",
            "criterion": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    with django_capture_on_commit_callbacks(execute=True):
        mexico.post(reverse("participant_reports:accept", args=[report.pk]))
    activity = Activity.objects.get(participant=data["mx"], kind="course")
    assert activity.description == "Curso de comercio justo. Un curso abierto."
