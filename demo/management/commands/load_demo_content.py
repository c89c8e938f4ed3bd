"""Load the demo content: CLAC's advocacy strategy, campaigns, news and pages in four
languages, and the demo accounts. Runs ``bootstrap_site`` first; a second run
creates only what the demo never made, and never touches what editors made or
changed (demo/loader.py)."""

import time

from django.core.management.base import BaseCommand

from demo.accounts import format_table
from demo.loader import load_demo_content


class Command(BaseCommand):
    help = (
        "Create the demo pages, snippets, images, documents and accounts in Spanish "
        "and translate them with wagtail-localize into English, Portuguese and French. "
        "Safe on an edited site: it only ever creates what it never made before."
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
                f"{result.created} objects created now, "
                f"{result.renditions} image renditions."
            )
        )
        if result.skipped_translations:
            self.stdout.write(
                f"Not translated (edited since the demo made them): "
                f"{', '.join(result.skipped_translations)}"
            )
        self.stdout.write("Demo accounts:\n" + format_table(result.accounts))
