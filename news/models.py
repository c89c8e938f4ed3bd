"""News, statements and publications, with their topics and authors."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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

from home.blocks import BodyStreamBlock
from home.models import BasePage, HeroMixin, TranslatableSnippet
from home.page_cache import cached_context


class Topic(PreviewableMixin, TranslatableSnippet):
    """A subject CLAC works on, tied to an objective of the strategy."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_(
            "The short name used in web addresses; the same in every language."
        ),
    )
    description = models.TextField(_("description"), max_length=400, blank=True)
    objective = models.ForeignKey(
        "campaigns.ObjectivePage",
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The strategy objective this topic belongs to."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("objective"),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("objective"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "news/previews/topic.html"


class Person(PreviewableMixin, TranslatableSnippet):
    """An author of news and publications."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "home.CustomImage",
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
        from news.listings import news_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(news_index_context(self, request))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """The RSS feed of this language's news (``/<lang>/<index>/feed/``)."""
        from news.feeds import NewsFeed

        return NewsFeed()(request, index_page=self)

    def get_feed_url(self):
        return self.url + self.reverse_subpage("feed")


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

    @cached_context
    def get_context(self, request, *args, **kwargs):
        from home.listings import localized_pages, localized_snippets

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
        "home.CustomDocument",
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
