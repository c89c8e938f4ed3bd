"""News queries: the paginated index, filters and related items, in constant queries."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext

from wagtail.models import Locale

from .models import PUBLICATION_TYPES, NewsPage, NewsType, Topic

TYPE_FILTERS = {
    "news": [NewsType.NEWS],
    "statement": [NewsType.STATEMENT],
    "publication": sorted(PUBLICATION_TYPES),
}


def live_news(locale_id):
    """Live news of one language, newest first, with their card images' renditions."""
    return (
        NewsPage.objects.live()
        .filter(locale_id=locale_id)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("-date", "-pk")
    )


def latest_related_news(page, *, objective=None, topic_ids=None, limit=3):
    """The newest news in the page's language on the objective's or the given topics."""
    news = live_news(page.locale_id)
    if objective is not None:
        keys = Topic.objects.filter(
            objective__translation_key=objective.translation_key
        ).values("translation_key")
    elif topic_ids:
        keys = Topic.objects.filter(pk__in=topic_ids).values("translation_key")
    else:
        return []
    # A subquery rather than a join, so no DISTINCT is needed and the ORDER BY
    # stays on the date index however many topics a news item has.
    matching = NewsPage.objects.filter(topics__topic__translation_key__in=keys).values(
        "pk"
    )
    return list(news.filter(pk__in=matching)[:limit])


def topics_for_locale(locale_id):
    """Live topics in this language, else the default language's, by name (1 query)."""
    default_id = Locale.get_default().pk
    topics = Topic.objects.filter(live=True).filter(
        Q(locale_id=locale_id) | Q(locale_id=default_id)
    )
    by_key = {}
    for topic in topics:
        if topic.translation_key not in by_key or topic.locale_id == locale_id:
            by_key[topic.translation_key] = topic
    return sorted(by_key.values(), key=lambda t: t.name.casefold())


def _clean_param(value, max_length):
    """A query-string value safe to compare: no control characters, capped."""
    value = "".join(ch for ch in str(value)[: max_length * 4] if ch.isprintable())
    return value.strip()[:max_length]


def news_index_context(index_page, request):
    """The news index's items, filters and pagination. Unknown filter values are
    ignored rather than showing an error: links get mangled and shared."""
    news = live_news(index_page.locale_id).child_of(index_page)
    topics = topics_for_locale(index_page.locale_id)

    topic_slug = _clean_param(request.GET.get("topic", ""), 100)
    active_topic = next((t for t in topics if t.slug == topic_slug), None)
    if active_topic is not None:
        matching = NewsPage.objects.filter(
            topics__topic__translation_key=active_topic.translation_key
        ).values("pk")
        news = news.filter(pk__in=matching)

    type_filter = _clean_param(request.GET.get("type", ""), 20)
    if type_filter in TYPE_FILTERS:
        news = news.filter(news_type__in=TYPE_FILTERS[type_filter])
    else:
        type_filter = ""

    paginator = Paginator(news, getattr(settings, "NEWS_PAGE_SIZE", 12))
    page_obj = paginator.get_page(_clean_param(request.GET.get("page", ""), 12))
    return {
        "news_items": page_obj,
        "paginator": paginator,
        "topics": topics,
        "active_topic": active_topic.slug if active_topic else "",
        "active_type": type_filter,
        "type_filters": [
            ("news", NewsType.NEWS.label),
            ("statement", NewsType.STATEMENT.label),
            ("publication", gettext("Publications")),
        ],
    }
