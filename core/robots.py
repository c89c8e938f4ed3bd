"""``/robots.txt`` (crawl everything public in production, nothing elsewhere) and
``/manifest.webmanifest`` (the site's name, colours and icons for phones)."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.models import Locale

ALLOW_TEMPLATE = """User-agent: *
Disallow: /admin/
{search_lines}
Sitemap: {sitemap}
"""
# Staging, review apps, a developer's machine: keep them out of search engines.
DISALLOW_ALL = """User-agent: *
Disallow: /
"""


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    if getattr(settings, "ROBOTS_ALLOW", False):
        codes = sorted(
            {code for code, _name in settings.LANGUAGES}
            | set(Locale.objects.values_list("language_code", flat=True))
        )
        # Search results pages: endless combinations, nothing a crawler should keep.
        search_lines = "\n".join(f"Disallow: /{code}/search/" for code in codes)
        body = ALLOW_TEMPLATE.format(
            search_lines=search_lines,
            sitemap=f"{settings.SITE_URL}/sitemap.xml",
        )
    else:
        body = DISALLOW_ALL
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=86400)
def web_manifest(request):
    """The web app manifest: installing the site on a phone's home screen shows
    CLAC's name, green and icons. Icon URLs go through ``static()`` (hashed in
    production)."""
    manifest = {
        "name": "CLAC – Comercio Justo",
        "short_name": "CLAC",
        "start_url": f"/{settings.LANGUAGE_CODE}/",
        "scope": "/",
        "display": "browser",
        "lang": settings.LANGUAGE_CODE,
        "background_color": "#ffffff",
        "theme_color": "#1d6b3a",
        "icons": [
            {
                "src": static("img/icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
            },
            {
                "src": static("img/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
            },
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {
                "src": static("img/clac-logo.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
            },
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
