"""Create or update CLAC's DeepL glossaries from ``locale/glossary.csv``.

One glossary per language pair the site translates (Spanish into English,
Brazilian Portuguese and French). A pair whose entries have not changed since the
last sync costs no API call; a changed or missing one gets a new glossary (DeepL
glossaries cannot be edited), recorded for the translator, then the old one is
deleted. Run it after every change to the glossary file, and once on a new site.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

import deepl

from core.machine_translation import (
    deepl_server_url,
    deepl_source,
    deepl_target,
    entries_digest,
    glossary_entries,
)
from core.models import MachineGlossary


def deepl_options() -> dict:
    config = getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None) or {}
    options = dict(config.get("OPTIONS") or {})
    if not options.get("AUTH_KEY"):
        raise CommandError(
            "DeepL is not configured: set MACHINE_TRANSLATOR=deepl and "
            "DEEPL_AUTH_KEY in the environment."
        )
    return options


def language_pairs():
    """(source locale code, target locale code) for every language of the site."""
    source = Locale.get_default().language_code
    for code in (
        Locale.objects.exclude(language_code=source)
        .order_by("pk")
        .values_list("language_code", flat=True)
    ):
        yield source, code


class Command(BaseCommand):
    help = "Create or update the DeepL glossaries from locale/glossary.csv."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would change; call no API and record nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Make new glossaries even where the entries have not changed "
            "(after a glossary was deleted in DeepL's account).",
        )

    def handle(self, *args, dry_run=False, force=False, **options):
        client = None
        for source_code, target_code in language_pairs():
            source_lang = deepl_source(source_code)
            target_lang = deepl_target(target_code)
            label = f"{source_lang} → {target_lang}"
            entries = glossary_entries(source_code, target_code)
            digest = entries_digest(entries)
            recorded = MachineGlossary.objects.filter(
                source_lang=source_lang, target_lang=target_lang
            ).first()
            if recorded and recorded.digest == digest and not force:
                self.stdout.write(f"{label}: up to date ({recorded.glossary_id})")
                continue
            if dry_run:
                action = "would replace" if recorded else "would create"
                self.stdout.write(f"{label}: {action} ({len(entries)} entries)")
                continue
            if client is None:
                options = deepl_options()
                client = deepl.DeepLClient(
                    options["AUTH_KEY"],
                    server_url=deepl_server_url(options),
                    send_platform_info=False,
                )
            self.sync_pair(client, recorded, source_lang, target_lang, entries, digest)

    def sync_pair(self, client, recorded, source_lang, target_lang, entries, digest):
        label = f"{source_lang} → {target_lang}"
        try:
            created = client.create_glossary(
                f"CLAC {source_lang}-{target_lang} {digest[:12]}",
                source_lang=source_lang,
                target_lang=target_lang,
                entries=entries,
            )
        except deepl.DeepLException as error:
            raise CommandError(
                f"{label}: DeepL refused the glossary: {error}"
            ) from error
        with transaction.atomic():
            MachineGlossary.objects.update_or_create(
                source_lang=source_lang,
                target_lang=target_lang,
                defaults={
                    "glossary_id": created.glossary_id,
                    "digest": digest,
                    "entry_count": len(entries),
                    "synced_at": timezone.now(),
                },
            )
        self.stdout.write(
            f"{label}: created {created.glossary_id} ({len(entries)} entries)"
        )
        if recorded and recorded.glossary_id != created.glossary_id:
            try:
                client.delete_glossary(recorded.glossary_id)
            except deepl.GlossaryNotFoundException:
                pass
            except deepl.DeepLException as error:
                self.stderr.write(
                    f"{label}: the old glossary {recorded.glossary_id} is still in "
                    f"DeepL's account ({error}); delete it there."
                )
                return
            self.stdout.write(f"{label}: deleted {recorded.glossary_id}")
