"""A data-subject request (access or erasure) for one email address: print, as JSON,
everything held about it (submissions that contain the address, with their staff
notes), and with --erase delete it, including the queued task rows that point at it.
"""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from inquiries.models import Inquiry
from inquiries.privacy import providers

TASK_PATH = "inquiries.tasks.send_inquiry_notification"


def _mentions(value, needle: str) -> bool:
    if isinstance(value, str):
        return needle in value.casefold()
    if isinstance(value, list | tuple):
        return any(_mentions(item, needle) for item in value)
    if isinstance(value, dict):
        return any(_mentions(item, needle) for item in value.values())
    return False


def inquiries_about(email: str) -> list[Inquiry]:
    needle = email.strip().casefold()
    return [
        inquiry
        for inquiry in Inquiry.objects.select_related("page", "assignee").iterator()
        if _mentions(inquiry.form_data, needle)
        or needle in inquiry.internal_notes.casefold()
    ]


def task_rows_for(ids: set[int]):
    return [
        row.pk
        for row in DBTaskResult.objects.filter(task_path=TASK_PATH).only(
            "pk", "args_kwargs"
        )
        if set((row.args_kwargs or {}).get("args", [])) & ids
    ]


class Command(BaseCommand):
    help = "Export (JSON) or erase everything held about one email address."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--erase", action="store_true")

    def handle(self, *args, email, erase, **options):
        try:
            validate_email(email.strip())
        except ValidationError as error:
            raise CommandError("Not a valid email address.") from error
        found = inquiries_about(email)
        ids = {inquiry.pk for inquiry in found}
        task_ids = task_rows_for(ids)
        report = {
            "email": email.strip(),
            "generated_at": timezone.now(),
            "inquiries": [
                {
                    "id": inquiry.pk,
                    "form": inquiry.page.title,
                    "form_key": inquiry.form_key,
                    "language": inquiry.language,
                    "submit_time": inquiry.submit_time,
                    "status": inquiry.status,
                    "data": inquiry.form_data,
                    "internal_notes": inquiry.internal_notes,
                    "assignee": inquiry.assignee.get_username()
                    if inquiry.assignee
                    else None,
                    "notified_at": inquiry.notified_at,
                    "confirmation_sent_at": inquiry.confirmation_sent_at,
                }
                for inquiry in found
            ],
            "queued_task_rows": len(task_ids),
        }
        # Personal data other apps hold (inquiries.privacy: campaign contacts…).
        for provider in providers():
            report[provider.name] = provider.export(email.strip())
        if erase:
            with transaction.atomic():
                DBTaskResult.objects.filter(pk__in=task_ids).delete()
                Inquiry.objects.filter(pk__in=ids).delete()
                others = {
                    provider.name: provider.erase(email.strip())
                    for provider in providers()
                }
            report["erased"] = {"inquiries": len(ids), "task_rows": len(task_ids)}
            # What the providers erased, by provider (campaign contacts…).
            report["erased_elsewhere"] = others
        self.stdout.write(
            json.dumps(report, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
