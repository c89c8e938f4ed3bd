"""Contacts and evidence files are personal data: the inquiries' data-subject
export and erasure and the retention purge cover them (inquiries.privacy
providers, registered by campaigns)."""

import datetime
import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

import pytest

from campaigns.models.registry import (
    Participant,
    ParticipantContact,
    ParticipantStatus,
    Progress,
)
from tests.registry_admin_helpers import registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(home_es):
    made = registry(home_es)
    yield made
    for progress in Progress.objects.exclude(evidence_file=""):
        progress.evidence_file.delete(save=False)


def subject(email, *extra):
    out = StringIO()
    call_command("inquiry_subject_data", email, *extra, stdout=out)
    return json.loads(out.getvalue())


def test_the_export_lists_the_contact_and_the_evidence_files(data):
    report = subject("ANA@ibero.mx")
    [row] = report["campaign_contacts"]
    assert row["email"] == "ana@ibero.mx"
    assert row["phone"] == data["mx_contact"].phone
    assert row["participant"] == data["mx"].name
    assert row["evidence_files"] == [data["mx_progress"].evidence_file.name]
    assert "erased" not in report
    assert ParticipantContact.objects.filter(email="ana@ibero.mx").exists()


def test_erasure_deletes_the_contact_and_the_orphaned_evidence(
    data, django_capture_on_commit_callbacks
):
    path = Path(data["mx_progress"].evidence_file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = subject("ana@ibero.mx", "--erase")
    assert report["erased_elsewhere"]["campaign_contacts"] == {
        "contacts": 1,
        "evidence_files": 1,
    }
    assert not ParticipantContact.objects.filter(email="ana@ibero.mx").exists()
    assert not path.exists()
    assert not Progress.objects.get(pk=data["mx_progress"].pk).evidence_file
    # The participant and its public record stay; the Brazilian one is untouched.
    assert Participant.objects.filter(pk=data["mx"].pk).exists()
    assert Path(data["br_progress"].evidence_file.path).exists()
    assert ParticipantContact.objects.filter(email="joao@ufla.br").exists()


def test_evidence_stays_while_another_contact_answers_for_the_participant(data):
    ParticipantContact.objects.create(
        participant=data["mx"], name="Otra", email="otra@ibero.mx"
    )
    report = subject("ana@ibero.mx", "--erase")
    assert report["erased_elsewhere"]["campaign_contacts"]["evidence_files"] == 0
    assert Progress.objects.get(pk=data["mx_progress"].pk).evidence_file


def test_the_retention_purge_clears_stale_participants_personal_data(
    data, settings, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - datetime.timedelta(
        days=settings.INQUIRY_RETENTION_DAYS + 1
    )
    Participant.objects.filter(pk=data["mx"].pk).update(
        status=ParticipantStatus.LAPSED, status_changed_at=long_ago
    )
    # Registered long ago, still active: kept.
    Participant.objects.filter(pk=data["br"].pk).update(status_changed_at=long_ago)
    path = Path(data["mx_progress"].evidence_file.path)

    out = StringIO()
    call_command("purge_inquiries", "--dry-run", stdout=out)
    assert "campaign_contacts" in out.getvalue()
    assert ParticipantContact.objects.filter(participant=data["mx"]).exists()
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_inquiries", stdout=StringIO())
    assert not ParticipantContact.objects.filter(participant=data["mx"]).exists()
    assert not path.exists()
    assert ParticipantContact.objects.filter(participant=data["br"]).exists()
    assert Progress.objects.get(pk=data["br_progress"].pk).evidence_file
    assert Participant.objects.filter(pk=data["mx"].pk).exists()
