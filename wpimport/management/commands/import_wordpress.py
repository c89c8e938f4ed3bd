"""Import a WordPress export (WXR 1.2): ``python manage.py import_wordpress EXPORT.xml``.

The whole file is read once to validate it (nothing is written if it does not
parse), then imported in one transaction. ``docs/editors/wordpress.md`` says how
to export from WordPress and what comes across.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from wpimport.importer import Importer
from wpimport.wxr import WXRError


def _date(value):
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise CommandError(f"--since wants YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Import posts, pages, media and translations from a WordPress export."

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WXR file (Tools → Export in WordPress)")
        parser.add_argument("--media-dir", help="a copy of wp-content/uploads")
        parser.add_argument(
            "--dry-run", action="store_true", help="report only, write nothing"
        )
        parser.add_argument(
            "--since", type=_date, help="only items dated on or after YYYY-MM-DD"
        )
        parser.add_argument(
            "--translations", choices=["polylang", "wpml"], default="polylang"
        )
        parser.add_argument(
            "--wpml-csv", help="wp_icl_translations as CSV (with --translations wpml)"
        )
        parser.add_argument("--report", help="also write the report to this file")
        parser.add_argument(
            "--parent", type=int, help="import under this page (a campaign subsite)"
        )
        parser.add_argument(
            "--site-key",
            default="main",
            help="names the export site (ids repeat across sites)",
        )
        parser.add_argument("--progress-every", type=int, default=500)

    def handle(self, *args, **options):
        if options["translations"] == "wpml" and not options["wpml_csv"]:
            raise CommandError("--translations wpml needs --wpml-csv FILE")
        importer = Importer(
            options["export"],
            site_key=options["site_key"],
            media_dir=options["media_dir"],
            dry_run=options["dry_run"],
            since=options["since"],
            translations=options["translations"],
            wpml_csv=options["wpml_csv"],
            parent_id=options["parent"],
            progress=lambda line: self.stderr.write(line),
            progress_every=options["progress_every"],
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(
                f"{options['export']}: {error}. Nothing was imported."
            ) from error
        except OSError as error:
            raise CommandError(f"{options['export']}: {error}") from error
        text = "\n".join(report.lines()) + "\n"
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8") as handle:
                handle.write(text)
        self.stdout.write(text)
