"""The daily renewal job of the campaign registry (campaigns.renewals): declared
participants past their validity become "renewal due", and those not renewed
within CAMPAIGN_RENEWAL_GRACE_DAYS "lapsed"; each contact is emailed once per
change. Idempotent: run it daily (scripts/scheduler.sh), or twice, it is the same."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from campaigns.renewals import run_renewals


class Command(BaseCommand):
    help = "Move declared participants to renewal due, and unrenewed ones to lapsed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Run as on this day (YYYY-MM-DD) instead of today.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would change; change and send nothing.",
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        counts = run_renewals(today, dry_run=dry_run)
        prefix = "would have moved" if dry_run else "moved"
        self.stdout.write(
            f"{today or timezone.localdate()}: {prefix} {counts['renewal_due']} "
            f"participant(s) to renewal due and {counts['lapsed']} to lapsed"
        )
