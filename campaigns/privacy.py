"""The registry's personal data for the inquiries' privacy commands
(``inquiries.privacy``): participants' contacts and private evidence files (those
of the progress rows and those sent with reports by signed link, counted together
as evidence files: an accepted evidence shares its file with its progress row).

- Export (``inquiry_subject_data EMAIL``): the contacts with that address, their
  participant, and the evidence files of those participants (by name).
- Erasure (``--erase``): those contacts are deleted; so are the evidence files of a
  participant left without any contact (nobody else answers for them). The
  participant itself, its public data and status history stay.
- Retention (``purge_inquiries``): a participant that stayed "interested" or
  "lapsed" for longer than the retention loses its contacts and evidence files.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from inquiries.privacy import PersonalDataProvider, register

from .models.registry import (
    Participant,
    ParticipantContact,
    ParticipantStatus,
    Progress,
)
from .models.reports import ParticipantReport


def _contacts(email: str):
    return ParticipantContact.objects.filter(email__iexact=email.strip())


def _evidence(participant_ids):
    return Progress.objects.filter(participant_id__in=participant_ids).exclude(
        evidence_file=""
    )


def _report_files(participant_ids):
    return ParticipantReport.objects.filter(participant_id__in=participant_ids).exclude(
        file=""
    )


def export(email: str) -> list[dict]:
    rows = []
    for contact in _contacts(email).select_related("participant"):
        participant = contact.participant
        rows.append(
            {
                "participant": participant.name,
                "participant_id": participant.pk,
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
                "language": contact.language,
                "created_at": contact.created_at,
                "evidence_files": [
                    progress.evidence_file.name
                    for progress in _evidence([participant.pk])
                ],
                "report_files": [
                    report.file.name for report in _report_files([participant.pk])
                ],
            }
        )
    return rows


def delete_evidence(progress_rows, report_rows=()) -> int:
    """Delete the files (after the commit: a rollback keeps them) and clear the
    fields; the number of distinct files."""
    names = set()
    for rows, field in ((progress_rows, "evidence_file"), (report_rows, "file")):
        for row in rows:
            file = getattr(row, field)
            name, storage = file.name, file.storage
            if name not in names:
                transaction.on_commit(lambda n=name, s=storage: s.delete(n))
                names.add(name)
            type(row).objects.filter(pk=row.pk).update(**{field: ""})
    return len(names)


def erase(email: str) -> dict:
    contacts = _contacts(email)
    participant_ids = set(contacts.values_list("participant_id", flat=True))
    deleted = contacts.delete()[0]
    orphans = Participant.objects.filter(pk__in=participant_ids, contacts=None)
    orphan_ids = orphans.values("pk")
    files = delete_evidence(_evidence(orphan_ids), _report_files(orphan_ids))
    return {"contacts": deleted, "evidence_files": files}


def purge(days: int, dry_run: bool) -> dict:
    cutoff = timezone.now() - timedelta(days=days)
    stale = Participant.objects.filter(
        status__in=[ParticipantStatus.INTERESTED, ParticipantStatus.LAPSED],
        status_changed_at__lt=cutoff,
    )
    contacts = ParticipantContact.objects.filter(participant__in=stale)
    evidence = _evidence(stale.values("pk"))
    reports = _report_files(stale.values("pk"))
    names = set(evidence.values_list("evidence_file", flat=True)) | set(
        reports.values_list("file", flat=True)
    )
    counts = {"contacts": contacts.count(), "evidence_files": len(names)}
    if not dry_run:
        with transaction.atomic():
            contacts.delete()
            delete_evidence(list(evidence), list(reports))
    return counts


def register_provider() -> None:
    register(
        PersonalDataProvider(
            name="campaign_contacts", export=export, erase=erase, purge=purge
        )
    )
