"""Queue again the notification emails that gave up (the SMTP server was down longer
than the retries lasted, say). Attempts start again from zero."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from inquiries.models import Inquiry, InquiryStatus
from inquiries.tasks import send_inquiry_notification


class Command(BaseCommand):
    help = "Queue again the inquiry notifications that failed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all-unsent",
            action="store_true",
            help="Also queue unsent inquiries whose last attempt failed, even if "
            "retries are still pending.",
        )
        parser.add_argument(
            "--stuck",
            action="store_true",
            help="Also release sends a worker claimed and never finished (it may "
            "have died after the mail left: the reader's notification could arrive "
            "twice).",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, all_unsent, stuck, dry_run, **options):
        unsent = Inquiry.objects.filter(notified_at__isnull=True).exclude(
            status=InquiryStatus.SPAM
        )
        condition = Q(
            notify_claimed_at__isnull=True,
            notify_attempts__gte=settings.INQUIRY_NOTIFY_MAX_ATTEMPTS,
        )
        if all_unsent:
            condition |= Q(notify_claimed_at__isnull=True) & ~Q(notify_error="")
        if stuck:
            stale = timezone.now() - timedelta(
                seconds=settings.INQUIRY_NOTIFY_CLAIM_TIMEOUT_SECONDS
            )
            condition |= Q(notify_claimed_at__lt=stale)
        ids = list(unsent.filter(condition).values_list("pk", flat=True))
        if not dry_run:
            for pk in ids:
                Inquiry.objects.filter(pk=pk).update(
                    notify_attempts=0, notify_error="", notify_claimed_at=None
                )
                send_inquiry_notification.enqueue(pk)
        verb = "would queue" if dry_run else "queued"
        self.stdout.write(f"{verb} {len(ids)} notification(s)")
