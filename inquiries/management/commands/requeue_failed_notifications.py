"""Queue again the notification emails that gave up (the SMTP server was down longer
than the retries lasted, say). Attempts start again from zero.

Sends whose fate is unknown (a worker claimed them and died: the email may have
left) are a person's decision, one inquiry at a time: ``--stuck`` lists them and
queues none; ``--stuck ID …`` queues the ones named, once someone has checked with
their recipients."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from inquiries.models import Inquiry, InquiryStatus
from inquiries.models.inquiry import delivery_unknown_condition
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
            nargs="*",
            type=int,
            metavar="ID",
            help="List the sends whose fate is unknown (a worker died mid-send: "
            "the email may have arrived) without queuing them; with inquiry ids, "
            "queue those again once you have checked with their recipients (they "
            "may receive it twice).",
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
        ids = list(unsent.filter(condition).values_list("pk", flat=True))
        if stuck is not None:
            unknown = list(
                unsent.filter(delivery_unknown_condition())
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            strangers = sorted(set(stuck) - set(unknown))
            if strangers:
                raise CommandError(
                    "not of unknown fate (sent, being sent or never claimed): "
                    + ", ".join(f"#{pk}" for pk in strangers)
                )
            queued = "would be queued again" if dry_run else "queued again"
            for pk in unknown:
                chosen = queued if pk in stuck else "not queued (check first)"
                self.stdout.write(f"#{pk}: fate unknown, {chosen}")
            ids.extend(sorted(set(stuck)))
        if not dry_run:
            for pk in ids:
                Inquiry.objects.filter(pk=pk).update(
                    notify_attempts=0, notify_error="", notify_claimed_at=None
                )
                send_inquiry_notification.enqueue(pk)
        verb = "would queue" if dry_run else "queued"
        self.stdout.write(f"{verb} {len(ids)} notification(s)")
