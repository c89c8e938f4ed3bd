"""News, statements and publications, with their authors, and the queries that
list them (the paginated index, filters and related items, in constant queries)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.templatetags.static import static
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
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
from wagtail.models import Locale, Orderable, Page, PreviewableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyStreamBlock
from core.cache import cached_context
from core.locales import localized_pages, localized_snippets
from core.models import BasePage, HeroMixin, Topic, TranslatableSnippet
from core.seo import absolute_url

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
    NEWS = "news", _("News")
    STATEMENT = "statement", _("Statement")
    STUDY = "study", _("Study")
    RESEARCH = "research", _("Research")
    POSITION_PAPER = "position_paper", _("Position paper")


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

    @cached_context(vary_on_query=True)
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(news_index_context(self, request))
        return context

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

    @cached_context
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_authors"] = localized_snippets(
            Person, [a.person_id for a in self.authors.all()], self.locale
        )
        context["news_topics"] = localized_snippets(
            Topic, [t.topic_id for t in self.topics.all()], self.locale
        )
        context["related"] = localized_pages(
            [r.related_page_id for r in self.related_pages.all()], self.locale
        )
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


def latest_related_news(page, *, topic_ids=None, limit=3):
    """The newest news in the page's language on the given topics (any translation)."""
    news = live_news(page.locale_id)
    if not topic_ids:
        return []
    keys = Topic.objects.filter(pk__in=topic_ids).values("translation_key")
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
