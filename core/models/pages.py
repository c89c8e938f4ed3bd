"""The page base every CLAC page type extends, and the hero image mixin."""

from django.db import models
from django.urls import Resolver404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

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

    def get_view_restrictions(self):
        """Wagtail's query set, or the list kept with the route when
        ``RouteCacheMiddleware`` (core/cache.py) found this page."""
        restrictions = self.__dict__.get("_clac_view_restrictions")
        if restrictions is not None:
            return restrictions
        return super().get_view_restrictions()

    def route(self, request, path_components):
        """``_route``, remembered for ``RouteCacheMiddleware`` (core/cache.py).

        The middleware leaves the cache key on the request when it has no route for
        the path; the first ``route`` call (on the home page) takes it, so only the
        outermost result is stored, with its locale loaded.
        """
        from core.cache import ROUTE_KEY_ATTR, remember_route
        from core.locales import locale_by_id

        key = request.__dict__.pop(ROUTE_KEY_ATTR, None) if request else None
        result = self._route(request, path_components)
        if key is not None and result is not None:
            locale = locale_by_id(result.page.locale_id)
            if locale is not None:
                result.page.locale = locale
            remember_route(request, key, self, path_components, result)
        return result

    def _route(self, request, path_components):
        """Wagtail's routing in two queries, however deep the page.

        Wagtail looks up one child per path segment, then its specific page (two
        queries a level). Here every page on the path comes in one query by
        ``url_path``, then the target's specific page. When a page on the way
        routes by itself (a ``RoutablePageMixin`` index, e.g. ``…/feed/``) or a
        segment is not a page, Wagtail's own routing decides, so behaviour is
        unchanged.
        """
        from core.locales import locale_by_id

        if not path_components or len(path_components) > 12:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[: depth + 1]) + "/"
            for depth in range(len(path_components))
        ]
        chain = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path
            ).select_related("content_type")
        }
        pages = [chain.get(prefix) for prefix in prefixes]
        if any(page is None for page in pages):
            return super().route(request, path_components)
        for depth, page in enumerate(pages[:-1], start=1):
            if not _routes_like_a_page(page.specific_class, path_components[depth:]):
                return super().route(request, path_components)
        parent = self
        for page in pages:
            page._cached_parent_obj = parent
            parent = page
        target = pages[-1].specific
        target._cached_parent_obj = pages[-2] if len(pages) > 1 else self
        locale = locale_by_id(target.locale_id)
        if locale is not None:
            target.locale = locale
        return target.route(request, [])


def _routes_like_a_page(page_class, remaining):
    """Whether a page of ``page_class`` would hand ``remaining`` to its child."""
    if page_class is None:
        return False
    if page_class.route is BasePage.route:
        return True
    get_resolver = getattr(page_class, "get_resolver", None)  # RoutablePageMixin
    if get_resolver is None or page_class.route is not RoutablePageMixin.route:
        return False
    try:
        get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Resolver404:
        return True  # no sub-route of its own: Wagtail goes on to the child page
    return False


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
