"""``/sitemap.xml``: every live, public page in every language, with alternates.

Wagtail's own sitemap lists the default language only (wagtail #6583). Here each
page is listed once per language it exists in, and each entry names all its live
translations (``xhtml:link rel="alternate"``) plus ``x-default`` (the Spanish page).
Alias pages (copies of an untranslated Spanish page) are not listed: they are
served as the Spanish page, whose URL is the canonical one.
"""

from collections import defaultdict

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control

from wagtail.models import Page, Site


def sitemap_entries(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    roots = Page.objects.filter(translation_key=site.root_page.translation_key)
    root_paths = list(roots.values_list("path", flat=True))
    pages = (
        Page.objects.live()
        .public()
        .filter(alias_of__isnull=True, depth__gte=2)
        .select_related("locale")
        .order_by("path")
    )
    by_key = defaultdict(list)
    for page in pages:
        if not any(page.path.startswith(path) for path in root_paths):
            continue
        url = page.get_full_url(request)
        if url:
            by_key[page.translation_key].append((page, url))
    order = [code for code, _name in settings.LANGUAGES]
    entries = []
    for group in by_key.values():
        group.sort(key=lambda item: order.index(item[0].locale.language_code))
        alternates = [
            {"hreflang": page.locale.language_code, "href": url} for page, url in group
        ]
        default = [
            url
            for page, url in group
            if page.locale.language_code == settings.LANGUAGE_CODE
        ]
        if default:
            alternates.append({"hreflang": "x-default", "href": default[0]})
        for page, url in group:
            entries.append(
                {
                    "location": url,
                    "lastmod": page.last_published_at,
                    "alternates": alternates,
                }
            )
    entries.sort(key=lambda entry: entry["location"])
    return entries


@cache_control(max_age=3600, public=True)
def sitemap(request):
    response = TemplateResponse(
        request,
        "core/sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )
    return response
