"""Write the proxy's own error pages, ``deploy/errors/413.<language>.html``.

Caddy refuses a body over its path's limit before Django sees it (deploy/Caddyfile:
a declared ``Content-Length`` over the limit), so it serves these files itself:
Django's translated 413 page, rendered once per language from the same template
(``413.html``) and the catalogs. ``--check`` fails when a file is not what the
template and catalogs render (CI runs it, so a catalog change cannot leave the
proxy's page behind).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template import loader
from django.utils import translation

OUTPUT = Path(settings.BASE_DIR) / "deploy" / "errors"


def render(language_code: str) -> str:
    with translation.override(language_code):
        return loader.get_template("413.html").render(
            {"status": 413, "reason": "too_large"}
        )


class Command(BaseCommand):
    help = "Render the proxy's translated 413 pages into deploy/errors/."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check=False, **options):
        stale = []
        for code, _name in settings.LANGUAGES:
            path = OUTPUT / f"413.{code}.html"
            body = render(code)
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != body:
                    stale.append(path.name)
                continue
            OUTPUT.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
            self.stdout.write(f"wrote deploy/errors/{path.name}")
        if stale:
            raise CommandError(
                "stale (run manage.py render_proxy_errors): " + ", ".join(stale)
            )
        if check:
            self.stdout.write("proxy error pages: OK")
