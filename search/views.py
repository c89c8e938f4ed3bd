"""Site search in the reader's language."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


@never_cache
def search(request):
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    results = Page.objects.none()
    message = ""
    if query:
        results = (
            Page.objects.live().public().filter(locale=locale).specific().search(query)
        )
    if len(raw_query) > MAX_QUERY_LENGTH:
        message = _("Your search was shortened to its first %(n)s characters.") % {
            "n": MAX_QUERY_LENGTH
        }
    paginator = Paginator(results, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_obj, "message": message},
    )
