"""The home page of each language and the general standard page.

``home`` composes the feature apps: the home page lists objectives, campaigns and
news, so this is the one app that may import them all.
"""

from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from campaigns.directory import count_annotations, counter_text, network_count_of
from campaigns.models import CampaignPage, ObjectivePage
from core.blocks import BodyStreamBlock
from core.locales import localized_pages, localized_snippets
from core.models import BasePage, CallToAction, HeroMixin
from core.restrictions import public
from core.seo import organization
from news.models import NewsPage

__all__ = ["HomePage", "StandardPage"]


class HomePage(HeroMixin, BasePage):
    """The home page of one language."""

    headline = models.CharField(
        _("headline"),
        max_length=150,
        help_text=_("The big sentence at the top of the home page."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the headline."),
    )
    objectives_heading = models.CharField(
        _("objectives heading"),
        max_length=120,
        blank=True,
        default="Nuestros objetivos",
    )
    campaigns_heading = models.CharField(
        _("campaigns heading"), max_length=120, blank=True, default="Campañas"
    )
    news_heading = models.CharField(
        _("news heading"), max_length=120, blank=True, default="Noticias"
    )
    call_to_action = models.ForeignKey(
        "core.CallToAction",
        verbose_name=_("call to action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The invitation at the bottom of the page, e.g. to contact CLAC."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("headline"),
        FieldPanel("intro"),
        *HeroMixin.hero_panels,
        MultiFieldPanel(
            [
                FieldPanel("objectives_heading"),
                FieldPanel("campaigns_heading"),
                FieldPanel("news_heading"),
            ],
            heading=_("Section headings"),
            help_text=_(
                "Objectives, campaigns and news are listed automatically from their pages."
            ),
        ),
        FieldPanel("call_to_action"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *HeroMixin.hero_translatable_fields,
        SynchronizedField("call_to_action"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "campaigns.StrategyPage",
        "campaigns.CampaignIndexPage",
        "news.NewsIndexPage",
        "inquiries.ContactPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def __str__(self):
        return self.title

    # The call to action and its page come with the home (home_listings).
    route_select_related = ("call_to_action__page",)

    def listing_context(self, request, query):
        return home_listings(self)

    def get_json_ld(self, context, seo):
        """CLAC as a schema.org Organization (the head's JSON-LD)."""
        data = organization(seo["base"], context.get("request"))
        data["url"] = seo["canonical"]
        return {"@context": "https://schema.org", **data}


class StandardPage(HeroMixin, BasePage):
    """A general page: about CLAC, the privacy policy, the accessibility statement."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("A short summary shown under the title and in listings."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *HeroMixin.hero_panels,
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *HeroMixin.hero_translatable_fields,
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage", "campaigns.CampaignPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def __str__(self):
        return self.title


def home_listings(home):
    """What the home page lists: its call to action, objectives, campaigns, news.

    Lists, in the home's language, with the cards' renditions (one query for all
    the cards' images): kept with the fragment helper (``BasePage.listing_context``).
    """
    cta = home.call_to_action if home.call_to_action_id else None
    if cta is None or not (cta.live and cta.locale_id == home.locale_id):
        ctas = localized_snippets(
            CallToAction,
            [home.call_to_action_id],
            home.locale,
            select_related=("page",),
        )
        cta = ctas[0] if ctas else None
    cta_page = cta.page if cta and cta.page_id else None
    if cta_page is not None and not (
        cta_page.live and cta_page.locale_id == home.locale_id
    ):
        cta_pages = localized_pages([cta.page_id], home.locale)
        cta_page = cta_pages[0] if cta_pages else None
    campaigns = list(
        public(CampaignPage.objects.live())
        .descendant_of(home)
        .filter(locale_id=home.locale_id)
        .select_related("hero_image")
        .annotate(**count_annotations(OuterRef("translation_key")))
        .order_by("path")[:4]
    )
    latest_news = list(
        public(NewsPage.objects.live())
        .descendant_of(home)
        .filter(locale_id=home.locale_id)
        .select_related("hero_image")
        .order_by("-date", "-pk")[:3]
    )
    # "37 universities in 11 countries" on each campaign's card (counted in the
    # campaigns' query: count_annotations).
    for campaign in campaigns:
        campaign.network_counter = counter_text(network_count_of(campaign))
    home.prefetch_renditions(item.hero_image for item in campaigns + latest_news)
    return {
        "cta": cta,
        # The button's page in the reader's language.
        "cta_page": cta_page,
        "objectives": list(
            public(ObjectivePage.objects.live())
            .descendant_of(home)
            .filter(locale_id=home.locale_id)
            .order_by("path")[:6]
        ),
        "campaigns": campaigns,
        "latest_news": latest_news,
    }
