"""Retention: delete (or anonymise) submissions older than INQUIRY_RETENTION_DAYS and
prune finished task rows older than INQUIRY_TASK_RESULT_DAYS. Run it daily."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from inquiries.models import Inquiry, InquiryStatus
from inquiries.privacy import providers

FINISHED = ["SUCCESSFUL", "FAILED"]


class Command(BaseCommand):
    help = "Delete or anonymise old inquiries and prune finished task rows."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)
        parser.add_argument("--task-days", type=int, default=None)
        parser.add_argument(
            "--anonymise",
            action="store_true",
            help="Keep the rows (form, language, date, status) for statistics but "
            "drop everything the reader wrote and the staff notes.",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days, task_days, anonymise, dry_run, **options):
        now = timezone.now()
        days = settings.INQUIRY_RETENTION_DAYS if days is None else days
        task_days = (
            settings.INQUIRY_TASK_RESULT_DAYS if task_days is None else task_days
        )
        old = Inquiry.objects.filter(submit_time__lt=now - timedelta(days=days))
        if anonymise:
            old = old.exclude(form_data={}, internal_notes="")
        tasks = DBTaskResult.objects.filter(
            status__in=FINISHED, finished_at__lt=now - timedelta(days=task_days)
        )
        inquiries_count = old.count()
        tasks_count = tasks.count()
        if not dry_run:
            with transaction.atomic():
                if anonymise:
                    old.update(
                        form_data={},
                        internal_notes="",
                        assignee=None,
                        status=InquiryStatus.ARCHIVED,
                    )
                else:
                    old.delete()
                tasks.delete()
        # Personal data other apps hold (inquiries.privacy), same retention.
        others = [
            f"{provider.name}: {provider.purge(days, dry_run)}"
            for provider in providers()
        ]
        action = "anonymised" if anonymise else "deleted"
        prefix = "would have " if dry_run else ""
        self.stdout.write(
            f"{prefix}{action} {inquiries_count} inquiries older than {days} days; "
            f"{prefix}pruned {tasks_count} finished task rows older than {task_days} days"
        )
        for line in others:
            self.stdout.write(f"{prefix}purged {line}")
