"""News queries: the paginated index, filters and related items, in constant queries."""

from django.conf import settings
from django.core.paginator import Paginator


from .models import PUBLICATION_TYPES, NewsPage, NewsType, Topic

TYPE_FILTERS = {
    "news": [NewsType.NEWS],
    "statement": [NewsType.STATEMENT],
    "publication": sorted(PUBLICATION_TYPES),
}


def _live_news(locale_id):
    return (
        NewsPage.objects.live()
        .filter(locale_id=locale_id)
        .select_related("hero_image")
        .order_by("-date", "-pk")
    )


def latest_related_news(page, *, objective=None, topic_ids=None, limit=3):
    """The newest news in the page's language on the objective's or the given topics."""
    news = _live_news(page.locale_id)
    if objective is not None:
        news = news.filter(topics__topic__objective__translation_key=objective.translation_key)
    elif topic_ids:
        keys = Topic.objects.filter(pk__in=topic_ids).values("translation_key")
        news = news.filter(topics__topic__translation_key__in=keys)
    else:
        return []
    return list(news.distinct()[:limit])


def news_index_context(index_page, request):
    news = _live_news(index_page.locale_id).child_of(index_page)
    topic_slug = request.GET.get("topic", "")[:100]
    type_filter = request.GET.get("type", "")[:20]
    if topic_slug:
        news = news.filter(topics__topic__slug=topic_slug).distinct()
    if type_filter in TYPE_FILTERS:
        news = news.filter(news_type__in=TYPE_FILTERS[type_filter])
    else:
        type_filter = ""
    paginator = Paginator(news, getattr(settings, "NEWS_PAGE_SIZE", 12))
    page_obj = paginator.get_page(request.GET.get("page"))
    topics = Topic.objects.filter(live=True, locale_id=index_page.locale_id).order_by("name")
    return {
        "news_items": page_obj,
        "paginator": paginator,
        "topics": topics,
        "active_topic": topic_slug,
        "active_type": type_filter,
        "type_filters": [
            ("news", NewsType.NEWS.label),
            ("statement", NewsType.STATEMENT.label),
            ("publication", _publication_label()),
        ],
    }


def _publication_label():
    from django.utils.translation import gettext

    return gettext("Publications")
