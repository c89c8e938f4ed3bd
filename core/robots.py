"""``/robots.txt``: crawl everything public in production, nothing elsewhere."""

from django.conf import settings
from django.http import HttpResponse
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
