"""The full-page cache for anonymous readers, and the cache version behind it.

Wagtail's page-cache packages do not support Wagtail 8, so this is ours. Rules
(docs/architecture.md, "Caching rules"):

- Only anonymous GET/HEAD requests: no session cookie, no ``Authorization`` header.
- Never ``/``, ``/admin/``, ``/documents/``, health probes, search; never a
  response that is not a 200, sets a cookie (e.g. a CSRF token: form pages), or
  says ``private``/``no-store``/``no-cache``.
- The key is host + path + language + the global cache version + the query string
  without tracking parameters (``utm_*``, ``fbclid``, ``gclid``…), so ``?page=2``
  and ``?topic=`` are cached apart while campaign links share one entry.
- Publishing, unpublishing, moving or deleting any page, and saving any snippet,
  image or the site settings, bump the version (``core/invalidation.py``): every cached
  page and every cached menu or footer is then stale at once.

The version lives in Django's default cache. With Redis (``REDIS_URL``) all
processes share it, so a publish is seen everywhere on the next request. With the
local-memory cache each process has its own: other processes see the change after
at most ``PAGE_CACHE_SECONDS``, the lifetime of every entry written here.
"""

import functools
import hashlib
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

VERSION_KEY = "clac:cache-version"
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "igshid",
}
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/healthz/",
    "/readyz/",
    "/static/",
    "/media/",
)
MAX_QUERY_LENGTH = 256


def get_cache_version(request=None) -> str:
    """The current global cache version (read once per request when given one)."""
    if request is not None:
        cached = getattr(request, "_clac_cache_version", None)
        if cached is not None:
            return cached
    version = cache.get(VERSION_KEY)
    if version is None:
        # A time-based value: a version evicted from the cache never comes back as
        # an old number whose entries might still be stored.
        version = str(time.time_ns())
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    if request is not None:
        request._clac_cache_version = version
    return version


def bump_cache_version() -> str:
    """Make every cached page, menu and footer stale (all languages)."""
    version = str(time.time_ns())
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def fragment_timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


def _is_tracking(name: str) -> bool:
    return name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMS


def _search_paths():
    prefixes = []
    for code, _name in settings.LANGUAGES:
        prefixes.append(f"/{code}/search/")
    return tuple(prefixes)


def request_cache_key(request) -> str | None:
    """The page-cache key for ``request``, or ``None`` when it must not be cached."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path_info
    if (
        path == "/"
        or path.startswith(NEVER_CACHED_PREFIXES)
        or path.startswith(_search_paths())
    ):
        return None
    if (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    ):
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    try:
        pairs = parse_qsl(query, keep_blank_values=True)
    except ValueError:
        return None
    kept = urlencode(sorted((k, v) for k, v in pairs if not _is_tracking(k)))
    language = get_language_from_path(path) or ""
    raw = "|".join([request.get_host(), path, language, kept])
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"clac:page:{get_cache_version(request)}:{digest}"


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    # A session was opened (e.g. a message stored) while rendering: not anonymous.
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


class PageCacheMiddleware:
    """Serve anonymous readers' pages from Django's cache (``X-Cache: HIT``).

    Place early in ``MIDDLEWARE``: after SecurityMiddleware and WhiteNoise, before
    SessionMiddleware, so a hit skips sessions, locale, CSRF, auth and Wagtail.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True):
            return self.get_response(request)
        key = request_cache_key(request)
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            response.headers.setdefault("X-Cache", "BYPASS")
            return response
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 300)
        response["Cache-Control"] = f"public, max-age={seconds}"
        # The language is in the path, so never Vary: Accept-Language here.
        patch_vary_headers(response, ("Accept-Encoding",))
        if request.method == "GET":
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() not in {"x-cache", "date", "set-cookie"}
            ]
            cache.set(key, (response.status_code, headers, response.content), seconds)
        response["X-Cache"] = "MISS"
        return response


# --- Per-page context cache ------------------------------------------------------------

PRELOADED_IMAGE_FIELDS = ("hero_image", "image", "share_image")


def _materialise(value):
    from django.core.paginator import Page as PaginatorPage
    from django.db.models import QuerySet

    if isinstance(value, QuerySet):
        return list(value)
    if isinstance(value, PaginatorPage):
        # Keep the page's items and the paginator's counts, not its query set
        # (pickling that would load every item of the listing).
        value.object_list = list(value.object_list)
        paginator = value.paginator
        paginator.count, paginator.num_pages  # noqa: B018 - computed and kept
        paginator.object_list = []
    return value


def _normalised_query(request) -> str:
    pairs = parse_qsl(request.META.get("QUERY_STRING", "")[:MAX_QUERY_LENGTH], True)
    return urlencode(sorted((k, v) for k, v in pairs if not _is_tracking(k)))


def cached_context(get_context=None, *, vary_on_query=False):
    """Cache what a page's ``get_context`` adds, per page, language and cache version.

    For pages whose extra context (related campaigns, partners, listings…) depends
    only on the page itself (and, with ``vary_on_query``, on the query string, e.g.
    a listing's ``?page=`` and filters): any publish or snippet change bumps the
    version, so a cached entry is never stale. The page's own images
    (``hero_image``, ``image``, ``share_image``) are kept too, so the template and
    the share tags read them without a query. Query sets become lists first.
    """
    if get_context is None:
        return functools.partial(cached_context, vary_on_query=vary_on_query)

    @functools.wraps(get_context)
    def wrapper(self, request, *args, **kwargs):
        from wagtail.models import Page

        if getattr(request, "is_preview", False) or not self.pk:
            return get_context(self, request, *args, **kwargs)
        key = f"clac:context:{self.pk}:{get_cache_version(request)}"
        if vary_on_query:
            key += ":" + hashlib.sha256(_normalised_query(request).encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None:
            extras, images = stored
            for name, image in images.items():
                setattr(self, name, image)
            context = Page.get_context(self, request, *args, **kwargs)
            context.update(extras)
            return context
        context = get_context(self, request, *args, **kwargs)
        base = Page.get_context(self, request, *args, **kwargs)
        extras = {
            name: _materialise(value)
            for name, value in context.items()
            if name not in base
        }
        context.update(extras)
        images = {
            name: getattr(self, name)
            for name in PRELOADED_IMAGE_FIELDS
            if getattr(self, f"{name}_id", None)
        }
        cache.set(key, (extras, images), fragment_timeout())
        return context

    return wrapper


# --- Route cache -------------------------------------------------------------------------

ROUTE_KEY_ATTR = "_clac_route_cache_key"


def route_cache_key(request) -> str:
    """Host, port, language and path: what Wagtail's routing depends on."""
    from django.utils import translation

    raw = "|".join(
        [
            request._get_raw_host(),
            str(request.get_port()),
            translation.get_language() or "",
            request.path_info,
        ]
    )
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"clac:route:{get_cache_version(request)}:{digest}"


class RouteCacheMiddleware:
    """Wagtail's site lookup and page routing, cached per path and cache version.

    A fragment cache that stays on when the page cache is off. Wagtail finds the
    site (one query), the home page in the reader's language (two), then the page
    (two, ``BasePage.route``) on every request. The outcome (the ``Site``, the
    specific page and the path left below it) is kept under the global cache
    version, which any publish, unpublish, move, slug change, delete, site or
    locale change bumps (``core/invalidation.py``); ``BasePage.route`` stores it
    (``remember_route``) before the page is served. On a hit the page still routes
    what is left of the path itself (no query: its ``live`` check, or a
    ``RoutablePageMixin`` sub-page such as a feed), is rendered as always, and view
    restrictions and the other ``before_serve_page`` hooks still run. The page's
    view restrictions (its own and its ancestors') are kept with the route, so
    Wagtail's check needs no query; adding or removing a restriction bumps the
    version too. Previews and 404s are never cached. Place after the locale
    middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import Http404

        path = request.path_info
        if request.method in ("GET", "HEAD") and not path.startswith(
            NEVER_CACHED_PREFIXES
        ):
            key = route_cache_key(request)
            stored = cache.get(key)
            if stored is None:
                setattr(request, ROUTE_KEY_ATTR, key)
            else:
                site, page, remaining, *restrictions = stored
                if restrictions:
                    # Wagtail's view-restriction check reads these (BasePage.
                    # get_view_restrictions) instead of two queries.
                    page._clac_view_restrictions = restrictions[0]
                try:
                    route = page.route(request, list(remaining))
                except Http404:
                    route = None
                if route is not None:
                    request._wagtail_site = site
                    request._wagtail_route_for_request = route
        return self.get_response(request)


def remember_route(request, key, root, path_components, result):
    """Store the route ``root.route(request, path_components)`` found (see
    ``RouteCacheMiddleware``): the page and the path components below it."""
    import contextlib
    import pickle

    from wagtail.models import Page

    site = getattr(request, "_wagtail_site", None)
    page = getattr(result, "page", None)
    if (
        site is None
        or not isinstance(page, Page)
        or not page.path.startswith(root.path)
        or getattr(request, "is_preview", False)
    ):
        return
    remaining = tuple(path_components[page.depth - root.depth :])
    restrictions = list(page.get_view_restrictions())
    with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
        cache.set(key, (site, page, remaining, restrictions), fragment_timeout())
