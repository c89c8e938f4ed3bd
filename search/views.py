"""Site search in the reader's language, with editors' picks first."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from core.locales import active_locale, localized_pages

from .excerpts import excerpts_for

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Read at most this much of ?q= before cleaning it (the cap applies after).
RAW_QUERY_READ_LIMIT = MAX_QUERY_LENGTH * 4


def clean_query(raw_query):
    """The query a reader meant: printable characters, single spaces, capped.

    Returns ``(query, messages)``; the messages say what was changed.
    """
    messages = []
    head = raw_query[:RAW_QUERY_READ_LIMIT]
    unreadable = "\ufffd" in head  # what invalid UTF-8 decodes to
    kept = "".join(
        ch if ch.isprintable() else " " for ch in head if ch not in "\ufffd\x00"
    )
    query = " ".join(kept.split())
    if unreadable:
        messages.append(
            _("Some characters in your search could not be read and were left out.")
        )
    if len(query) > MAX_QUERY_LENGTH or len(raw_query) > RAW_QUERY_READ_LIMIT:
        query = query[:MAX_QUERY_LENGTH].rstrip()
        messages.append(
            _("Your search was shortened to its first %(n)s characters.")
            % {"n": MAX_QUERY_LENGTH}
        )
    return query, messages


def editors_picks(query, locale):
    """Promoted pages for this query, in the reader's language only, then links."""
    normalised = normalise_query_string(query)
    stored = Query.objects.filter(query_string=normalised).first()
    if stored is None:
        return stored, []
    promotions = list(stored.editors_picks.order_by("sort_order", "pk"))
    pages = localized_pages(
        [p.page_id for p in promotions if p.page_id], locale, specific=True
    )
    by_key = {
        page.translation_key: page for page in pages if page.locale_id == locale.pk
    }
    source_keys = dict(
        Page.objects.filter(
            pk__in=[p.page_id for p in promotions if p.page_id]
        ).values_list("pk", "translation_key")
    )
    picks = []
    for promotion in promotions:
        if promotion.page_id:
            page = by_key.get(source_keys.get(promotion.page_id))
            if page is not None and page.live:
                picks.append(
                    {
                        "title": page.title,
                        "url": page.url,
                        "description": promotion.description,
                        "page": page,
                    }
                )
        elif promotion.external_link_url:
            picks.append(
                {
                    "title": promotion.external_link_text
                    or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                    "page": None,
                }
            )
    return stored, picks


def search_in_other_languages(query):
    """The language switcher's entries for the search page: the same query in each
    language's search (the switcher is otherwise built from a page's translations)."""
    entries = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            url = reverse("search")
        if query:
            url += "?" + urlencode({"q": query})
        entries.append({"code": code, "name": name, "url": url})
    return entries


def run_search(raw_query, page_number, locale):
    """Everything the results page shows for ``?q=raw_query&page=page_number``."""
    query, messages = clean_query(raw_query)
    picks = []
    page_obj = None
    excerpts = {}
    if query:
        stored_query, picks = editors_picks(query, locale)
        picked_ids = [pick["page"].pk for pick in picks if pick["page"] is not None]
        queryset = (
            Page.objects.live()
            .public()
            .filter(locale=locale)
            .exclude(pk__in=picked_ids)
            .specific(defer=True)
        )
        backend = get_search_backend(LANGUAGE=locale.language_code)
        results = backend.search(query, queryset)
        paginator = Paginator(results, RESULTS_PER_PAGE)
        page_obj = paginator.get_page(page_number[:12])
        excerpts = excerpts_for(list(page_obj.object_list), query, locale)
        if page_obj.number == 1 and (picks or paginator.count):
            # Popular searches for editors (Wagtail's promotions report); only
            # searches that found something, so random strings don't pile up.
            (stored_query or Query.get(query)).add_hit()
        if page_obj.number > 1:
            picks = []
    results_list = (
        [
            {"page": result, "excerpt": excerpts.get(result.pk, "")}
            for result in page_obj.object_list
        ]
        if page_obj
        else []
    )
    return {
        "search_query": query,
        "search_results": page_obj,
        "results": results_list,
        "picks": picks,
        "total": (page_obj.paginator.count if page_obj else 0) + len(picks),
        "messages_list": messages,
        "message": " ".join(messages),
        "max_query_length": MAX_QUERY_LENGTH,
        "translations": search_in_other_languages(query),
    }


@never_cache
def search(request):
    locale = active_locale()  # no query once known (core/locales.py)
    context = run_search(request.GET.get("q", ""), request.GET.get("page", ""), locale)
    return TemplateResponse(request, "search/search.html", context)
