"""News, statements and publications, with their authors, and the queries that
list them (the paginated index, filters and related items, in constant queries)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PreviewableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyStreamBlock
from core.cache import fragment
from core.locales import default_locale, localized_related
from core.models import BasePage, HeroMixin, Topic, TranslatableSnippet
from core.restrictions import public
from core.seo import absolute_url
from core.views import CanonicalRedirect

from .feeds import NewsFeed


class Person(PreviewableMixin, TranslatableSnippet):
    """An author of news and publications."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("photo"),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "news/previews/person.html"


class NewsType(models.TextChoices):
    # Translators: the type of one item, shown on its card next to the date
    # ("12 May 2026 · News item"); singular, like the other types.
    NEWS = "news", pgettext_lazy("news type", "News item")
    # Translators: a public position CLAC signs (glossary: statement).
    STATEMENT = "statement", pgettext_lazy("news type", "Statement")
    STUDY = "study", pgettext_lazy("news type", "Study")
    RESEARCH = "research", pgettext_lazy("news type", "Research")
    # Translators: glossary term position-paper (locale/glossary.csv).
    POSITION_PAPER = "position_paper", pgettext_lazy("news type", "Position paper")


PUBLICATION_TYPES = {NewsType.STUDY, NewsType.RESEARCH, NewsType.POSITION_PAPER}


class NewsIndexPage(RoutablePageMixin, HeroMixin, BasePage):
    """Lists news and publications, newest first, with filters, and their RSS feed."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *HeroMixin.hero_panels]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *HeroMixin.hero_translatable_fields,
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    # ?page=2, ?topic=<slug>, ?type=news|statement|publication (news_index_query).
    cache_query_params = ("page", "topic", "type")

    def canonical_query(self, request):
        return news_index_query(self, request)

    def listing_context(self, request, query):
        return news_index_context(self, query, request)

    @path("feed/", name="feed")
    def feed(self, request):
        """The RSS feed of this language's news (``/<lang>/<index>/feed/``)."""
        return NewsFeed()(request, index_page=self)

    def get_feed_url(self):
        return self.url + self.reverse_subpage("feed")

    def feed_items(self, limit):
        """The newest live news under this index (the RSS feed's items)."""
        return list(live_news(self.locale_id).child_of(self)[:limit])


class NewsPage(HeroMixin, BasePage):
    """A news item, statement or publication."""

    date = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The date readers see.")
    )
    news_type = models.CharField(
        _("type"),
        max_length=20,
        choices=NewsType.choices,
        default=NewsType.NEWS,
        help_text=_(
            "Studies, research and position papers are listed as publications."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in lists and when the page is shared."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("news_type")], heading=_("Date and type")
        ),
        FieldPanel("summary"),
        *HeroMixin.hero_panels,
        FieldPanel("body"),
        InlinePanel(
            "publication_files",
            label=_("Publication files"),
            heading=_("Publication files (one per language)"),
            help_text=_(
                "The study, report or paper to download, once for each language it is "
                "written in. Set each document's language when you upload it: readers "
                "get the file in their language, or are told which languages exist."
            ),
        ),
        InlinePanel("authors", label=_("Authors")),
        InlinePanel("topics", label=_("Topics")),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("news_type"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *HeroMixin.hero_translatable_fields,
        SynchronizedField("date", overridable=False),
        SynchronizedField("news_type", overridable=False),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")
        indexes = [models.Index(fields=["-date"], name="news_date_idx")]

    @property
    def is_publication(self):
        return self.news_type in PUBLICATION_TYPES

    def get_json_ld(self, context, seo):
        """A schema.org NewsArticle (the head's JSON-LD)."""
        authors = [
            {"@type": "Person", "name": person.name}
            for person in context.get("news_authors") or []
        ] or [{"@type": "Organization", "name": "CLAC"}]
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": Truncator(self.title).chars(110),
            "description": seo["description"],
            "datePublished": self.date.isoformat(),
            "inLanguage": self.locale.language_code,
            "mainEntityOfPage": {"@type": "WebPage", "@id": seo["canonical"]},
            "url": seo["canonical"],
            "author": authors,
            "publisher": {
                "@type": "Organization",
                "name": "CLAC",
                "logo": {
                    "@type": "ImageObject",
                    "url": absolute_url(static("img/clac-logo.svg"), seo["base"]),
                },
            },
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if seo["image"]:
            data["image"] = [seo["image"]["absolute_url"]]
        return data

    route_relations = ("authors", "topics", "related_pages", "publication_files")

    def listing_context(self, request, query):
        index = self.parent_for_reader()
        context = {
            "news_authors": [],
            "news_topics": [],
            "related": [],
            "downloads": None,
            "index_url": index.url if index is not None else "",
        }
        if self.has_rows("authors"):
            context["news_authors"] = localized_related(
                Person, NewsPageAuthor.objects.filter(page=self), "person", self.locale
            )
        if self.has_rows("topics"):
            context["news_topics"] = localized_related(
                Topic, NewsPageTopic.objects.filter(page=self), "topic", self.locale
            )
        if self.has_rows("related_pages"):
            context["related"] = localized_related(
                Page,
                NewsPageRelatedPage.objects.filter(page=self),
                "related_page",
                self.locale,
            )
        if self.has_rows("publication_files"):
            context["downloads"] = publication_downloads(self)
        return context


LANGUAGE_NAMES = dict(settings.LANGUAGES)


def publication_downloads(page, language_code=None):
    """The publication files of ``page`` for a reader of ``language_code``.

    Returns ``None`` when the page has no files, else a dict with ``primary`` (the
    file in the reader's language, else the first one), ``in_reader_language``,
    ``languages`` (every language a file exists in, as ``(code, name)``) and
    ``files`` (one per language, in the site's language order). One query.
    """
    language_code = language_code or page.locale.language_code
    rows = page.publication_files.select_related("document").order_by("sort_order")
    by_language = {}
    for row in rows:
        document = row.document
        by_language.setdefault(document.language or "", document)
    if not by_language:
        return None
    order = [code for code, _name in settings.LANGUAGES]
    codes = sorted(
        by_language, key=lambda c: order.index(c) if c in order else len(order)
    )
    files = [
        {
            "document": by_language[code],
            "language": code,
            "language_name": LANGUAGE_NAMES.get(code, ""),
        }
        for code in codes
    ]
    in_reader_language = language_code in by_language
    primary = by_language[language_code] if in_reader_language else files[0]["document"]
    return {
        "primary": primary,
        "in_reader_language": in_reader_language,
        "languages": [
            (f["language"], f["language_name"]) for f in files if f["language"]
        ],
        "files": files,
    }


class NewsPagePublicationFile(Orderable):
    """A publication's file in one language (the document's language field says which)."""

    page = ParentalKey(
        NewsPage, on_delete=models.CASCADE, related_name="publication_files"
    )
    document = models.ForeignKey(
        "core.CustomDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A PDF or other file. Its language is taken from the document."),
    )
    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("publication file")
        verbose_name_plural = _("publication files")

    def clean(self):
        super().clean()
        document = getattr(self, "document", None) if self.document_id else None
        if document is not None and not document.language:
            raise ValidationError(
                {
                    "document": _(
                        "Set this document's language first (edit the document in "
                        "Documents), so readers can be offered the right file."
                    )
                }
            )


class NewsPageAuthor(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("person")]


class NewsPageTopic(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="news_pages",
    )
    panels = [FieldPanel("topic")]


class NewsPageRelatedPage(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
    related_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("related_page")]


# --- Listings ----------------------------------------------------------------------

QUERY_NAMES = ("page", "topic", "type")
TYPE_FILTERS = {
    "news": [NewsType.NEWS],
    "statement": [NewsType.STATEMENT],
    "publication": sorted(PUBLICATION_TYPES),
}


def live_news(locale_id):
    """Live news of one language, newest first, with their card images."""
    return (
        public(NewsPage.objects.live())
        .filter(locale_id=locale_id)
        .select_related("hero_image")
        .order_by("-date", "-pk")
    )


def latest_related_news(page, *, topics, limit=3):
    """The newest news in the page's language on the topics that ``topics`` (a
    query set of rows with a ``topic`` key, e.g. a campaign's topic rows) point
    at, in any translation. One query."""
    keys = Topic.objects.filter(pk__in=topics.values("topic_id")).values(
        "translation_key"
    )
    # A subquery rather than a join, so no DISTINCT is needed and the ORDER BY
    # stays on the date index however many topics a news item has.
    matching = NewsPage.objects.filter(topics__topic__translation_key__in=keys).values(
        "pk"
    )
    return list(live_news(page.locale_id).filter(pk__in=matching)[:limit])


def topics_for_locale(locale_id):
    """Live topics in this language, else the default language's, by name (1 query)."""
    default_id = default_locale().pk
    topics = Topic.objects.filter(live=True).filter(
        Q(locale_id=locale_id) | Q(locale_id=default_id)
    )
    by_key = {}
    for topic in topics:
        if topic.translation_key not in by_key or topic.locale_id == locale_id:
            by_key[topic.translation_key] = topic
    return sorted(by_key.values(), key=lambda t: t.name.casefold())


def index_topics(index_page, request=None):
    """The news index's topic filter: its language's topics, kept with the
    fragment helper (every request checks ``?topic=`` against them)."""
    return fragment(
        "news-topics",
        (index_page.locale_id,),
        lambda: topics_for_locale(index_page.locale_id),
        request=request,
    )


def _clean_param(value, max_length):
    """A query-string value safe to compare: no control characters, capped."""
    value = "".join(ch for ch in str(value)[: max_length * 4] if ch.isprintable())
    return value.strip()[:max_length]


def news_index_query(index_page, request):
    """The canonical ``page``, ``topic`` and ``type`` of a news index request.

    Empty values are the same as none (the filter form sends ``?type=&topic=``).
    A topic or type that does not exist, or a page number that is not written as
    one (``abc``, ``1``, ``02``), sends the reader to the canonical URL (the valid
    rest kept); a page number past the last page is a 404
    (``news_index_context``). So the page cache only ever keys on values that
    show a real page of news. Other parameters (``utm_*``, anything) are kept in
    the redirect and otherwise ignored.
    """
    raw = {name: request.GET.get(name, "") for name in QUERY_NAMES}
    query = dict.fromkeys(QUERY_NAMES, "")
    if raw["type"] in TYPE_FILTERS:
        query["type"] = raw["type"]
    if raw["topic"]:
        slugs = {topic.slug for topic in index_topics(index_page, request)}
        if raw["topic"] in slugs:
            query["topic"] = raw["topic"]
    value = raw["page"]
    if value.isascii() and value.isdigit():
        number = int(value) if len(value) <= 18 else 0
        if number < 1:
            raise Http404  # a page number, but no such page
        if number > 1:
            query["page"] = str(number)
    # A declared parameter given twice (``?page=2&page=3``) is not canonical either.
    repeated = any(len(request.GET.getlist(name)) > 1 for name in QUERY_NAMES)
    if repeated or any(raw[name] != query[name] for name in QUERY_NAMES):
        raise CanonicalRedirect(_canonical_url(index_page, request, query))
    return query


def _canonical_url(index_page, request, query):
    from urllib.parse import urlencode

    pairs = [(name, query[name]) for name in ("type", "topic", "page") if query[name]]
    pairs += [
        (name, value)
        for name, values in request.GET.lists()
        if name not in QUERY_NAMES
        for value in values
    ]
    url = index_page.get_url(request) or index_page.url
    return f"{url}?{urlencode(pairs)}" if pairs else url


class ListingPage:
    """The page of a listing a template shows (``page_obj``): its items and its
    place among the pages, without the paginator's query set, so it can be kept
    with the fragment helper."""

    def __init__(self, items, number, num_pages):
        self.object_list = items
        self.number = number
        self.num_pages = num_pages
        self.paginator = self  # the template reads page_obj.paginator.num_pages

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self.number < self.num_pages

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def news_index_context(index_page, query, request=None):
    """The news index's items, filters and pagination for a canonical ``query``
    (``news_index_query``): a list of cards with their renditions (one query for
    all of them). A page number past the last page is a 404."""
    news = live_news(index_page.locale_id).child_of(index_page)
    topics = index_topics(index_page, request)
    active_topic = next((t for t in topics if t.slug == query["topic"]), None)
    if active_topic is not None:
        matching = NewsPage.objects.filter(
            topics__topic__translation_key=active_topic.translation_key
        ).values("pk")
        news = news.filter(pk__in=matching)
    if query["type"]:
        news = news.filter(news_type__in=TYPE_FILTERS[query["type"]])

    paginator = Paginator(news, getattr(settings, "NEWS_PAGE_SIZE", 12))
    number = int(query["page"] or 1)
    try:
        page = paginator.page(number)
    except EmptyPage as error:
        if number > 1:
            raise Http404 from error
        page = paginator.page(1)  # no news at all: the first (empty) page
    items = list(page.object_list)
    index_page.prefetch_renditions(item.hero_image for item in items)
    return {
        "news_items": ListingPage(items, page.number, paginator.num_pages),
        "topics": topics,
        "active_topic": active_topic.slug if active_topic else "",
        "active_type": query["type"],
        "type_filters": [
            ("news", NewsType.NEWS.label),
            ("statement", NewsType.STATEMENT.label),
            ("publication", gettext("Publications")),
        ],
    }
