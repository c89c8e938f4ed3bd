"""WordPress's numeric addresses (``/?p=ID``, ``/?page_id=ID``) answered with a 301.

Wagtail's redirects act only on 404s, while ``/`` answers the language redirect
(which drops the query) and ``/en/?p=ID`` is the English home, a cacheable 200.
So this middleware sits before ``core.cache.PageCacheMiddleware`` and looks the id
up in the import's id map (``ImportedItem``). Without a ``p`` or ``page_id``
parameter it returns at once, without a query.
"""

from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import iri_to_uri

from wagtail.models import Page

from .models import ImportedItem

ID_PARAMS = ("p", "page_id")
PAGE_KINDS = (ImportedItem.Kind.POST, ImportedItem.Kind.PAGE)


def _prefixes():
    return {""} | {f"/{code}" for code, _name in settings.LANGUAGES}


class WordPressIdRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = _prefixes()
        self.site_key = getattr(settings, "WPIMPORT_QUERY_SITE_KEY", "main")

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if ("p=" in query or "page_id=" in query) and request.method in (
            "GET",
            "HEAD",
        ):
            response = self.redirect(request, query)
            if response is not None:
                return response
        return self.get_response(request)

    def redirect(self, request, query):
        if request.path.rstrip("/") not in self.prefixes:
            return None
        pairs = parse_qsl(query, keep_blank_values=True)
        wp_id = next(
            (value for name, value in pairs if name in ID_PARAMS and value.isdigit()),
            None,
        )
        if wp_id is None:
            return None
        item = (
            ImportedItem.objects.filter(
                site_key=self.site_key, wp_id=int(wp_id), kind__in=PAGE_KINDS
            )
            .only("object_id")
            .first()
        )
        if item is None:
            return None
        page = Page.objects.live().filter(pk=item.object_id).first()
        if page is None:
            return None
        url = page.get_url(request=request)
        if not url:
            return None
        rest = [(name, value) for name, value in pairs if name not in ID_PARAMS]
        if rest:
            url = f"{url}?{urlencode(rest)}"
        return HttpResponsePermanentRedirect(iri_to_uri(url))
