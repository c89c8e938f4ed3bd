"""The page base every CLAC page type extends, and the hero image mixin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.fields import SynchronizedField

from core.cache import fragment
from core.routing import prefetch_renditions

__all__ = ["BasePage", "HeroMixin"]


class BasePage(Page):
    """Every CLAC page: a share image for social media next to Wagtail's SEO fields."""

    share_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared on social media. Leave empty to use the "
            "page's main image or the site's default."
        ),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("share_image"),
    ]
    override_translatable_fields = [SynchronizedField("share_image")]

    class Meta:
        abstract = True

    def get_share_image(self):
        return self.share_image or getattr(self, "hero_image", None)

    # --- What the page cache and the fragment helper need (core/cache.py) -----------

    #: The query parameters this page reads. The page cache keys a page on their
    #: canonical values only (``canonical_query``); any other parameter is ignored.
    cache_query_params: tuple[str, ...] = ()

    #: Set by ``core.routing`` on the page it found (plain attributes, pickled with
    #: the route): home … parent, whether any view restriction applies (``None``:
    #: unknown), and the page's live translations.
    route_ancestors = None
    route_restricted = None
    route_translations = None

    #: Extra foreign keys the route loads with the page (its images always are).
    route_select_related: tuple[str, ...] = ()
    #: Child relations the page lists: the route notes which have rows at all
    #: (``has_rows``), so an empty one costs no query.
    route_relations: tuple[str, ...] = ()

    def canonical_query(self, request):
        """``{name: canonical value}`` of the declared parameters ('' when absent).

        Raises ``core.views.CanonicalRedirect`` when a value is not in its
        canonical form (the reader is sent to the canonical URL) and ``Http404``
        when it is out of range, so the page cache only ever stores valid values.
        """
        return dict.fromkeys(self.cache_query_params, "")

    def listing_context(self, request, query):
        """What the page shows besides its own fields: listings, related items,
        resolved in the reader's language. Picklable values only (lists, not query
        sets): it is kept with the fragment helper per page, language, cache
        version and canonical query (``query``)."""
        return {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if type(self).listing_context is not BasePage.listing_context:
            query = self.canonical_query(request)
            if self.pk is None:  # a preview of a page not saved yet
                extras = self.listing_context(request, query)
            else:
                extras = fragment(
                    "page",
                    (self.pk, tuple(sorted(query.items()))),
                    lambda: self.listing_context(request, query),
                    request=request,
                )
            context.update(extras)
        self.prefetch_renditions()
        return context

    def prefetch_renditions(self, images=()):
        """One query for the renditions of ``images`` (what the page lists) and of
        the page's own images when it was routed just now (``core.routing``)."""
        pending = self.__dict__.pop("prefetch_images", None) or []
        prefetch_renditions([*pending, *images])

    def has_rows(self, relation):
        """Whether the child relation ``relation`` has rows (``True`` when unknown).

        ``False`` for a page not saved yet (a preview from the add view): its rows
        exist only in memory, and a query filtering on an unsaved page raises."""
        if self.pk is None:
            return False
        flags = self.__dict__.get("route_has") or {}
        return flags.get(relation, True)

    def get_view_restrictions(self):
        """Wagtail's query set, or none at all without a query when the route
        found no restriction on this page or its ancestors (``core.routing``)."""
        if self.__dict__.get("route_restricted") is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def parent_for_reader(self):
        """The parent page, from the route when known (no query)."""
        ancestors = self.__dict__.get("route_ancestors")
        if ancestors:
            return ancestors[-1]
        return self.get_parent()


class HeroMixin(models.Model):
    """A large image at the top of the page with alt text that is translated."""

    hero_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A wide picture at the top of the page (at least 1600 pixels wide)."
        ),
    )
    hero_image_alt = models.CharField(
        _("main image description"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the picture for people who cannot see it. Leave empty if it is "
            "only decorative."
        ),
    )

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Main image"),
        )
    ]
    hero_translatable_fields = [SynchronizedField("hero_image")]

    class Meta:
        abstract = True
