"""The advocacy strategy, its objectives, and the campaigns with their sign-up pages."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
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

from core.blocks import BodyStreamBlock, DocumentDownloadBlock
from core.cache import fragment
from core.locales import localized_related
from core.models import BasePage, HeroMixin, TranslatableSnippet
from core.opendata import csv_bytes_response, geojson_response
from core.restrictions import public
from core.templatetags.clac_tags import subroute_translations
from inquiries.models import AbstractClacFormPage, ClacFormField
from news.models import latest_related_news

from .. import directory, networks, opendata
from ..signup import (
    SignupFormBuilder,
    missing_registry_fields,
    release_signup,
    store_signup,
)
from .registry import REGISTRY_FIELDS


class LevelBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Level"), max_length=100)
    description = blocks.TextBlock(
        label=_("What CLAC does at this level"), max_length=600
    )

    class Meta:
        icon = "group"
        label = _("Level of action")


class StrategyPage(HeroMixin, BasePage):
    """The advocacy strategy. Its objectives are its child pages, in the editor's order."""

    intro = models.TextField(
        _("introduction"),
        max_length=1500,
        help_text=_("Why CLAC does advocacy: the opening paragraph readers see first."),
    )
    levels_heading = models.CharField(
        _("levels heading"), max_length=120, blank=True, default="Niveles de acción"
    )
    levels = StreamField(
        [("level", LevelBlock())],
        verbose_name=_("levels of action"),
        blank=True,
        help_text=_("The levels at which CLAC and its country networks act."),
    )
    strategy_document = models.ForeignKey(
        "core.CustomDocument",
        verbose_name=_("full strategy document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The complete strategy readers can download (PDF)."),
    )
    objectives_heading = models.CharField(
        _("objectives heading"),
        max_length=120,
        blank=True,
        default="Objetivos principales",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *HeroMixin.hero_panels,
        FieldPanel("levels_heading"),
        FieldPanel("levels"),
        FieldPanel("strategy_document"),
        FieldPanel("objectives_heading"),
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
        SynchronizedField("strategy_document"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.ObjectivePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strategy page")
        verbose_name_plural = _("strategy pages")

    route_select_related = ("strategy_document",)

    def listing_context(self, request, query):
        return {"objectives": list(public(ObjectivePage.objects.child_of(self).live()))}


class ObjectivePage(BasePage):
    """One of the strategy's main objectives."""

    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences, shown in lists of objectives."),
    )
    icon = models.CharField(
        _("icon"),
        max_length=20,
        blank=True,
        choices=[
            ("voice", _("Megaphone (influence)")),
            ("compass", _("Compass (strategy)")),
            ("handshake", _("Handshake (alliances)")),
            ("book", _("Book (knowledge)")),
            ("building", _("Building (government)")),
            ("globe", _("Globe (participation)")),
        ],
        help_text=_(
            "A simple symbol shown next to the objective when there is no image."
        ),
    )
    image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture; leave empty if it is only decorative."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("icon"), FieldPanel("image"), FieldPanel("image_alt")],
            heading=_("Picture or icon"),
        ),
        FieldPanel("body"),
        InlinePanel(
            "related_campaigns",
            label=_("Related campaigns"),
            help_text=_("Campaigns that work towards this objective."),
        ),
        InlinePanel(
            "topics",
            label=_("Topics"),
            help_text=_(
                "The topics of this objective: news on them are listed on the page."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("image"),
        SynchronizedField("icon"),
    ]
    parent_page_types = ["campaigns.StrategyPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("objective page")
        verbose_name_plural = _("objective pages")

    route_relations = ("related_campaigns", "topics")

    def listing_context(self, request, query):
        context = {"related_campaigns": [], "related_news": []}
        if self.has_rows("related_campaigns"):
            context["related_campaigns"] = localized_related(
                Page,
                ObjectivePageRelatedCampaign.objects.filter(page=self),
                "campaign",
                self.locale,
            )
        if self.has_rows("topics"):
            context["related_news"] = latest_related_news(
                self, topics=ObjectivePageTopic.objects.filter(page=self)
            )
        return context


class ObjectivePageRelatedCampaign(Orderable):
    page = ParentalKey(
        ObjectivePage, on_delete=models.CASCADE, related_name="related_campaigns"
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("campaign")]


class ObjectivePageTopic(Orderable):
    """A topic of an objective (synchronised: it points at the Spanish topic)."""

    page = ParentalKey(ObjectivePage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        "core.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("topic")]


class CampaignIndexPage(HeroMixin, BasePage):
    """Lists the campaigns."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *HeroMixin.hero_panels]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *HeroMixin.hero_translatable_fields,
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["campaigns.CampaignPage", "campaigns.CountryNetworkIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index page")
        verbose_name_plural = _("campaign index pages")

    def listing_context(self, request, query):
        campaigns = list(
            public(CampaignPage.objects.child_of(self).live()).select_related(
                "hero_image"
            )
        )
        self.prefetch_renditions(campaign.hero_image for campaign in campaigns)
        # CLAC's country networks, when the index has their page (one query).
        networks_page = public(
            Page.objects.child_of(self).live().type(CountryNetworkIndexPage).specific()
        ).first()
        return {"campaigns": campaigns, "networks_page": networks_page}


class Partner(PreviewableMixin, TranslatableSnippet):
    """An organisation that works with CLAC on a campaign."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), max_length=400, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("logo"),
        PublishingPanel(),
    ]
    # An organisation keeps its name in every language (a translator may give a
    # local variant as an override); its description is translated.
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("logo"),
        SynchronizedField("website"),
    ]

    class Meta(TranslatableSnippet.Meta):
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "campaigns/previews/partner.html"


class CampaignPage(HeroMixin, BasePage):
    """A campaign landing page. The sign-up form lives on a child page, so this
    page stays cacheable when a launch brings many readers."""

    tagline = models.CharField(
        _("tagline"), max_length=200, help_text=_("One line that sums up the campaign.")
    )
    goal = models.TextField(
        _("goal"), max_length=800, help_text=_("What the campaign wants to achieve.")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    take_part_heading = models.CharField(
        _("take part heading"), max_length=120, default="Participa"
    )
    take_part_text = models.TextField(
        _("take part text"),
        max_length=800,
        blank=True,
        help_text=_(
            "Invite readers to join; the button leads to the sign-up page below."
        ),
    )
    resources = StreamField(
        [("document", DocumentDownloadBlock())],
        verbose_name=_("resources to download"),
        blank=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        *HeroMixin.hero_panels,
        FieldPanel("goal"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("take_part_heading"), FieldPanel("take_part_text")],
            heading=_("Call to take part"),
        ),
        InlinePanel("partners", label=_("Partner organisations")),
        FieldPanel("resources"),
        InlinePanel(
            "topics",
            label=_("Topics"),
            help_text=_(
                "News and publications on these topics are listed on the page."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("tagline"),
        index.SearchField("goal"),
        index.SearchField("body"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *HeroMixin.hero_translatable_fields,
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = [
        "campaigns.CampaignSignupPage",
        "campaigns.ParticipantDirectoryPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = _("campaign page")
        verbose_name_plural = _("campaign pages")

    route_relations = ("partners", "topics")

    def listing_context(self, request, query):
        partners = []
        if self.has_rows("partners"):
            partners = localized_related(
                Partner,
                CampaignPagePartner.objects.filter(page=self),
                "partner",
                self.locale,
                select_related=("logo",),
            )
        related_news = []
        if self.has_rows("topics"):
            related_news = latest_related_news(
                self, topics=CampaignPageTopic.objects.filter(page=self)
            )
        # One query for the renditions of the page's images, every logo and card.
        self.prefetch_renditions(
            [partner.logo for partner in partners]
            + [item.hero_image for item in related_news]
        )
        # The sign-up and directory pages, with the registry's counts: one query.
        children = list(
            public(
                Page.objects.child_of(self)
                .live()
                .type(CampaignSignupPage, ParticipantDirectoryPage)
            )
            .annotate(**directory.count_annotations(self.translation_key))
            .order_by("path")
        )
        signup_type = ContentType.objects.get_for_model(CampaignSignupPage)
        signup_page = next(
            (row for row in children if row.content_type_id == signup_type.pk), None
        )
        directory_page = next(
            (row for row in children if row.content_type_id != signup_type.pk), None
        )
        counter = ""
        if children:
            counter = directory.counter_text(directory.network_count_of(children[0]))
        return {
            "partners": partners,
            "signup_page": signup_page,
            "related_news": related_news,
            "directory_page": directory_page,
            "network_counter": counter,
            "map_points": directory.campaign_map_points(
                self.translation_key, directory_page.url if directory_page else ""
            ),
        }


class CampaignPagePartner(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("partner")]


class CampaignPageTopic(Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        "core.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("topic")]


class CampaignSignupFormField(ClacFormField):
    page = ParentalKey(
        "campaigns.CampaignSignupPage",
        on_delete=models.CASCADE,
        related_name="form_fields",
    )
    registry_key = models.CharField(
        _("registry field"),
        max_length=20,
        blank=True,
        choices=list(REGISTRY_FIELDS.items()),
        help_text=_(
            "What the campaign registry reads from this field. The fixed fields come "
            "first; leave empty for a question of your own."
        ),
    )

    panels = [FieldPanel("registry_key"), *ClacFormField.panels]
    override_translatable_fields = [
        *ClacFormField.override_translatable_fields,
        SynchronizedField("registry_key", overridable=False),
    ]

    def save(self, *args, **kwargs):
        # The registry reads the answer under its fixed key in every language.
        if self.registry_key:
            self.clean_name = self.registry_key
        elif self.clean_name in REGISTRY_FIELDS:
            self.registry_key = self.clean_name
        super().save(*args, **kwargs)


class SignupPageForm(WagtailAdminPageForm):
    """A sign-up page cannot be saved without the registry's fixed fields."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None or not formset.is_valid():
            return cleaned
        keys = [
            form.cleaned_data.get("registry_key")
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        duplicates = sorted({key for key in keys if key and keys.count(key) > 1})
        missing = missing_registry_fields(keys)
        if missing:
            self.add_error(
                None,
                _("Add the registry's fixed fields to the form: %(fields)s.")
                % {"fields": ", ".join(str(REGISTRY_FIELDS[key]) for key in missing)},
            )
        if duplicates:
            self.add_error(
                None,
                _("Each registry field may appear only once: %(fields)s.")
                % {"fields": ", ".join(str(REGISTRY_FIELDS[k]) for k in duplicates)},
            )
        return cleaned


class CampaignSignupPage(AbstractClacFormPage):
    """The sign-up form of a campaign (universities, towns…): its fixed fields
    create a participant in the campaign's registry (``campaigns.signup``)."""

    form_builder = SignupFormBuilder
    base_form_class = SignupPageForm

    parent_page_types = ["campaigns.CampaignPage"]

    class Meta:
        verbose_name = _("campaign sign-up page")
        verbose_name_plural = _("campaign sign-up pages")

    def process_form_submission(self, form, spam_reason: str = ""):
        return store_signup(self, form, spam_reason=spam_reason)

    @staticmethod
    def release_submission(inquiry) -> None:
        release_signup(inquiry)

    def confirmation_for(self, inquiry):
        """The confirmation goes in the language the contact chose for our emails
        (the form's ``language`` field) when this page is live in it: that
        translation's title and thank-you text, that language's wording. Else the
        page's own, in the language they used."""
        chosen = (inquiry.form_data or {}).get("language") or ""
        if chosen and chosen != self.locale.language_code:
            translated = (
                Page.objects.live()
                .filter(
                    translation_key=self.translation_key,
                    locale__language_code=chosen,
                    alias_of__isnull=True,
                )
                .first()
            )
            if translated is not None:
                return translated.specific, chosen
        return super().confirmation_for(inquiry)


class ParticipantDirectoryPage(RoutablePageMixin, BasePage):
    """The campaign's participants: a filtered, paginated directory, a page per
    public participant (a sub-route, ``<slug>/``) and the open data files
    (``open-data/csv/``, ``open-data/geojson/``: two segments, so no participant's
    slug can take them). Its data is the registry of the parent campaign's
    Spanish source, the same in every language."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("participant directory page")
        verbose_name_plural = _("participant directory pages")

    # ?country=<ISO code>&status=<public status>&kind=<kind>&page=<n>
    # (campaigns.directory.directory_query: only canonical values are kept).
    # Written out, not read from campaigns.directory: that module imports the
    # registry models, so its attributes are not there yet when this class is made.
    cache_query_params = ("country", "status", "kind", "page")

    def canonical_query(self, request):
        return directory.directory_query(self, request)

    def listing_context(self, request, query):
        context = directory.directory_context(self, query, request)
        if context["registry_total"]:
            context["open_data_files"] = opendata.open_data_links(self, request)
            context["open_data_license_url"] = opendata.LICENSE_URL
        return context

    def get_context(self, request, *args, participant_route=False, **kwargs):
        if participant_route:
            # A participant's page: none of the directory's listing.
            context = Page.get_context(self, request, *args, **kwargs)
            self.prefetch_renditions()
            return context
        return super().get_context(request, *args, **kwargs)

    # The open data routes come before ``<slug>/`` (Wagtail tries sub-routes in
    # the order they are defined); being two segments deep, they cannot match a
    # participant's slug anyway. They read no query parameter: the page cache
    # keeps them for their bare path and passes any request with a query.
    @path("open-data/csv/", name="open_data_csv")
    def open_data_csv(self, request):
        """The public participants as CSV (``campaigns.opendata``)."""
        body = opendata.open_data_files(self, request)["csv"]
        return self.open_data_response(
            csv_bytes_response(body, opendata.filename(self, "csv"))
        )

    @path("open-data/geojson/", name="open_data_geojson")
    def open_data_geojson(self, request):
        """The public participants as GeoJSON (``campaigns.opendata``)."""
        body = opendata.open_data_files(self, request)["geojson"]
        return self.open_data_response(
            geojson_response(body, opendata.filename(self, "geojson"))
        )

    @staticmethod
    def open_data_response(response):
        # Public data without cookies: any site may fetch it (a map, a notebook).
        response["Access-Control-Allow-Origin"] = "*"
        return response

    @path("<slug:slug>/", name="participant")
    def participant(self, request, slug):
        """A public participant's page (``<directory>/<slug>/``); 404 otherwise."""
        campaign_key = directory.campaign_key_of(self)
        language = self.locale.language_code
        profile = self.participant_fragment(request, campaign_key, slug, language)
        if profile is None:
            raise Http404
        subpath = self.reverse_subpage("participant", kwargs={"slug": slug})
        # This participant in each language (one record, the same slug).
        translations = subroute_translations(self, request, subpath)
        return self.render(
            request,
            template="campaigns/participant_page.html",
            context_overrides={
                "profile": profile,
                "participant": profile.participant,
                "participant_full_url": (self.get_full_url(request) or "") + subpath,
                "_clac_translations": translations,
            },
            participant_route=True,
        )

    def participant_fragment(self, request, campaign_key, slug, language):
        def build():
            participant = directory.public_participant(campaign_key, slug)
            if participant is None:
                return None
            profile = directory.participant_view(participant, language)
            campaign = self.parent_for_reader()
            profile.related_news = (
                latest_related_news(
                    self, topics=CampaignPageTopic.objects.filter(page_id=campaign.pk)
                )
                if campaign is not None
                else []
            )
            return profile

        return fragment("participant", (self.pk, slug), build, request=request)

    def participant_url(self, slug):
        return self.url + self.reverse_subpage("participant", kwargs={"slug": slug})


class CountryNetworkIndexPage(RoutablePageMixin, BasePage):
    """CLAC's country networks: the list with their producer organisations and
    participants counted, on the network map, and a page per network (a
    sub-route, ``<slug>/``, or the country's code, which redirects to it). The
    networks are the snippets of the page's locale."""

    intro = models.TextField(
        _("introduction"),
        max_length=1000,
        blank=True,
        help_text=_("A few words on what the country networks are, shown first."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("country network index page")
        verbose_name_plural = _("country network index pages")

    def listing_context(self, request, query):
        cards = networks.network_cards(self, status_label=network_count_label)
        return {
            "networks": cards,
            "map_points": [card for card in cards if card.lat is not None],
        }

    def get_context(self, request, *args, network_route=False, **kwargs):
        if network_route:
            # A network's page: none of the index's listing.
            context = Page.get_context(self, request, *args, **kwargs)
            self.prefetch_renditions()
            return context
        return super().get_context(request, *args, **kwargs)

    @path("<str:value>/", name="network")
    def network(self, request, value):
        """A network's page (``<index>/<slug>/``); its country's code redirects
        there; anything else is a 404."""
        found = networks.network_by_route(self, value)
        if found is None:
            raise Http404
        if found.slug != value:
            return redirect(self.network_url(found.slug), permanent=True)
        view = fragment(
            "country-network",
            (self.pk, found.pk),
            lambda: networks.network_view(found, request),
            request=request,
        )
        subpath = self.reverse_subpage("network", kwargs={"value": found.slug})
        # This network in each language (its slug is the same in all).
        translations = subroute_translations(self, request, subpath)
        if found.logo_id:
            self.prefetch_renditions([found.logo])
        return self.render(
            request,
            template="campaigns/country_network_page.html",
            context_overrides={
                "view": view,
                "network": view.network,
                "network_full_url": (self.get_full_url(request) or "") + subpath,
                "_clac_translations": translations,
            },
            network_route=True,
        )

    def network_url(self, slug):
        return self.url + self.reverse_subpage("network", kwargs={"value": slug})


def network_count_label(card) -> str:
    """'4 producer organisations · 6 participants', for the map's list."""
    producers = ngettext(
        "%(count)s producer organisation",
        "%(count)s producer organisations",
        card.producer_count,
    ) % {"count": card.producer_count}
    participants = ngettext(
        "%(count)s participant", "%(count)s participants", card.participant_count
    ) % {"count": card.participant_count}
    # Translators: a country network's counts on the map, e.g. "4 producer
    # organisations · 6 participants".
    return gettext("%(producers)s · %(participants)s") % {
        "producers": producers,
        "participants": participants,
    }
