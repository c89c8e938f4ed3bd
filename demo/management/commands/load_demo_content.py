"""Load the demo content: CLAC's advocacy strategy, campaigns, news and pages in four
languages. Runs ``bootstrap_site`` first; running it again changes nothing."""

import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Create the demo pages, snippets, images and documents in Spanish and translate "
        "them with wagtail-localize into English, Portuguese and French (idempotent)."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = load_demo_content()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready in {elapsed:.1f} s: {len(result.pages)} Spanish pages, "
                f"{len(result.snippets)} snippets, {len(result.images) + len(result.logos)} "
                f"images, {len(result.documents)} documents, "
                f"{result.translations_published} translations published now, "
                f"{result.renditions} image renditions."
            )
        )
        base = os.environ.get("PUBLIC_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
        for username in result.users:
            self.stdout.write(
                f"Demo {username}: {base}/admin/  user: {username}  "
                f"password: {result.password}"
            )
