import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from campaigns import urls as campaigns_urls
from core import views as core_views
from core.robots import robots_txt, web_manifest
from core.sitemap import sitemap
from search import views as search_views

urlpatterns = [
    path("", core_views.language_redirect, name="language_redirect"),
    path("healthz/", core_views.healthz, name="healthz"),
    path("readyz/", core_views.readyz, name="readyz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("manifest.webmanifest", web_manifest, name="web_manifest"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.BENCH_BARE_VIEW:  # `make bench` only (bench/run.py); off unless set
    from bench.views import bare

    urlpatterns.append(path("bench/bare/", bare))

if settings.DEBUG:
    # Uploads straight from MEDIA_ROOT under `make run`, except documents, which go
    # through Wagtail's view (/documents/…) as in production (core.views.dev_media).
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", core_views.dev_media))

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(campaigns_urls)),
    # Wagtail's page view with our routing (core/routing.py), before Wagtail's own
    # at the same pattern and name.
    re_path(serve_pattern, core_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
