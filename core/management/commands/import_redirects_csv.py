"""Import the old WordPress URL map as Wagtail redirects.

The CSV has a header row ``old_path,target``. ``target`` is a page path on this
site (``/es/campanas/``, the page must exist) or an absolute http(s) URL. The whole
file is checked first; if any line is wrong, every error is listed with its line
number and nothing is imported. Re-running the same file updates the redirects.
"""

import csv
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

HEADER = ["old_path", "target"]
MAX_PATH = 255


@dataclass
class Row:
    line: int
    old_path: str
    page: Page | None
    link: str


def find_page(path: str, site: Site) -> Page | None:
    """The live page at ``/<language>/<slug>/…/`` on ``site``, or None."""
    segments = [part for part in path.split("/") if part]
    if not segments or segments[0] not in dict(settings.LANGUAGES):
        return None
    request = RequestFactory().get(path, HTTP_HOST=site.hostname, SERVER_PORT=site.port)
    with translation.override(segments[0]):
        try:
            result = site.root_page.localized.specific.route(request, segments[1:])
        except Exception:  # noqa: BLE001 - Http404 or a page's own routing error
            return None
    page = result[0] if result else None
    return page if page is not None and page.live else None


class Command(BaseCommand):
    help = "Import redirects from a CSV file with the columns old_path,target."

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Path to the CSV file (UTF-8).")
        parser.add_argument(
            "--temporary",
            action="store_true",
            help="Create temporary (302) redirects instead of permanent (301) ones.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file, import nothing."
        )

    def handle(self, *args, **options):
        rows, errors = self.read(options["csv_file"])
        if errors:
            raise CommandError(
                "Nothing imported; fix these lines first:\n" + "\n".join(errors)
            )
        if options["dry_run"]:
            self.stdout.write(
                f"{len(rows)} redirects are valid (dry run, nothing saved)."
            )
            return
        created = updated = 0
        with transaction.atomic():
            for row in rows:
                _, was_created = Redirect.objects.update_or_create(
                    old_path=row.old_path,
                    site=None,
                    defaults={
                        "redirect_page": row.page,
                        "redirect_link": row.link,
                        "is_permanent": not options["temporary"],
                    },
                )
                created += was_created
                updated += not was_created
        self.stdout.write(
            self.style.SUCCESS(f"{created} redirects created, {updated} updated.")
        )

    def read(self, filename):
        try:
            with open(filename, encoding="utf-8-sig", newline="") as handle:
                lines = list(csv.reader(handle))
        except OSError as error:
            raise CommandError(f"Cannot read {filename}: {error}") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{filename} is not UTF-8 text: {error}") from error
        except csv.Error as error:
            raise CommandError(f"{filename} is not valid CSV: {error}") from error
        if not lines or [cell.strip().lower() for cell in lines[0]] != HEADER:
            raise CommandError(
                f"Line 1: the header must be exactly {','.join(HEADER)}; nothing imported."
            )
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            raise CommandError("No site exists yet; run bootstrap_site first.")
        rows, errors, seen = [], [], {}
        for number, cells in enumerate(lines[1:], start=2):
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            row, problem = self.check_row(number, cells, site, seen)
            if problem:
                errors.append(f"Line {number}: {problem}")
            else:
                seen[row.old_path] = number
                rows.append(row)
        if not rows and not errors:
            errors.append("Line 2: the file has no redirects.")
        return rows, errors

    def check_row(self, number, cells, site, seen):
        if len(cells) != len(HEADER):
            return None, f"expected 2 columns (old_path,target), found {len(cells)}."
        old_path, target = (cell.strip() for cell in cells)
        if not old_path.startswith("/") or any(c.isspace() for c in old_path):
            return None, f"old_path {old_path!r} must be a path starting with '/'."
        normalised = Redirect.normalise_path(old_path)
        if len(normalised) > MAX_PATH:
            return None, f"old_path is longer than {MAX_PATH} characters."
        if normalised in ("", "/"):
            return None, "old_path cannot be the site root."
        if normalised in seen:
            return None, f"old_path {old_path!r} repeats line {seen[normalised]}."
        if not target:
            return None, "target is empty."
        if target.startswith("/"):
            page = find_page(target, site)
            if page is None:
                return None, f"target {target!r} is not a live page on this site."
            return Row(number, normalised, page, ""), None
        parsed = urlparse(target)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            return None, f"target {target!r} is neither a page path nor an http(s) URL."
        if len(target) > MAX_PATH:
            return None, f"target URL is longer than {MAX_PATH} characters."
        return Row(number, normalised, None, target), None
