"""Search-engine and sharing data that page models and the head tags share:
absolute URLs, the site settings per request, CLAC as a schema.org Organization."""

from django.conf import settings
from django.templatetags.static import static

from wagtail.models import Site

from core.cache import fragment
from core.models import SiteSettings


def absolute_url(url, base):
    if not url or url.startswith(("http://", "https://")):
        return url
    return base.rstrip("/") + "/" + url.lstrip("/")


def site_settings(request):
    """The site's ``SiteSettings`` with its default share image, kept with the
    fragment helper per site (saving the settings, an image or a site bumps the
    cache version: core/invalidation.py) and on the request."""
    cached = getattr(request, "_clac_site_settings", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        return SiteSettings.for_request(request)
    value = fragment(
        "site-settings", (site.pk,), lambda: _load_settings(site), request=request
    )
    request._clac_site_settings = value
    return value


def _load_settings(site):
    value = (
        SiteSettings.objects.select_related("default_share_image")
        .filter(site=site)
        .first()
    )
    return value or SiteSettings.for_site(site)


def organization(base, request):
    data = {
        "@type": "Organization",
        "name": "CLAC",
        "alternateName": str(settings.SITE_DISPLAY_NAME),
        "url": base + "/",
        "logo": absolute_url(static("img/clac-logo.svg"), base),
    }
    if request is not None:
        settings_ = site_settings(request)
        same_as = [
            url
            for url in (
                settings_.facebook_url,
                settings_.instagram_url,
                settings_.youtube_url,
                settings_.linkedin_url,
            )
            if url
        ]
        if same_as:
            data["sameAs"] = same_as
        if settings_.contact_email:
            data["email"] = settings_.contact_email
    return data
