from django.core.management.base import BaseCommand

from home.bootstrap import bootstrap_site


class Command(BaseCommand):
    help = "Create the locales, site, home page, collections, groups and workflow (idempotent)."

    def handle(self, *args, **options):
        result = bootstrap_site()
        self.stdout.write(
            self.style.SUCCESS(
                f"Site ready: home page '{result['home'].title}', "
                f"{len(result['groups'])} groups, {len(result['collections'])} collections."
            )
        )
