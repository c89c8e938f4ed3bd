"""Caching: the whole-response page cache, the one fragment helper, and the
global cache version both are keyed by (docs/architecture.md, "Caching rules").

Wagtail's page-cache packages do not support Wagtail 8, so this is ours.

**The version.** One value in Django's default cache (``VERSION_KEY``), part of
every page-cache and fragment key. ``core/invalidation.py`` bumps it after the
commit of anything readers can see (a publish, an unpublish, a deletion, a move,
a view restriction, settings, images, locales, sites), once per transaction;
drafts, autosaves, workflow steps and translation drafts leave it alone. Each
request reads it once (``get_cache_version``), so everything one render stores
is under one version. A bump says whether the previous version's pages may still
be served while they are rendered again (``allow_stale``: a publish or a new
image) or not (an unpublish, a deletion, a move, a view restriction).

**The page cache** (``PageCacheMiddleware``). Whole responses for anonymous
GET/HEAD requests, keyed by host + path + language + version + the *declared*
query parameters of the page with their canonical values:

- never ``/``, ``/admin/``, ``/documents/``, probes, search, a request with a
  session cookie or ``Authorization``; never a response that is not a 200, sets a
  cookie (a CSRF token: every form page) or says ``private``/``no-store``/``no-cache``;
- a page declares the parameters it reads (``BasePage.cache_query_params``, e.g.
  the news index's ``page``, ``topic``, ``type``) and answers a value that is not
  canonical with a redirect to its canonical URL, or a 404 when out of range
  (``BasePage.canonical_query``), so only valid values are ever stored. Any other
  parameter (``?x=1``, ``utm_*``) is not part of the key: ``/es/noticias/?x=<n>``
  is the entry of ``/es/noticias/``. The number of entries is bounded by pages ×
  declared values. A response that is not a page (feeds, the sitemap) declares
  nothing: it is stored for its bare path only, and a request for it with a query
  is passed through;
- the entry of a path (``clac:page:<path digest>``, without the version in its
  key but with it in its value) holds its response and records the names the page
  declared, so later requests know which parameters key it; a hit without a
  query is one cache round trip (the version and that entry in one
  ``get_many``), and a new version's render overwrites it. Responses for declared
  values are under ``clac:page:<version>:<path digest>:<values digest>``.

**Stampede.** When the version changes on a busy day, many readers miss at once.
Only one request per key renders (a lock taken with ``cache.add``, atomic in
local memory and Redis); the others get the previous version's copy when the
bump allowed it (``X-Cache: STALE``, ``Cache-Control: private``), or else wait up
to ``PAGE_CACHE_WAIT_SECONDS`` for the first one's copy, and render themselves
only when none comes. After an unpublish, a deletion or a new view restriction
no previous copy is ever served.

**The fragment helper** (``fragment``). The one place that builds fragment keys:
``clac:fragment:<name>:<language>:<version>:<digest of parts>``. Used where a
measurement showed it pays (docs/performance.md): the route of a path
(``core/routing.py``), the menu and footer, the site settings, a page's
translations, what a page lists (``BasePage.listing_context``), the news
topics, the ``<picture>`` markup. These stay on when the page cache is off.
Previews never read or write them.

With Redis (``REDIS_URL``) all processes share the version, so a publish is seen
everywhere on the next request. With the local-memory cache each process has its
own: other processes see the change after at most ``PAGE_CACHE_SECONDS``, the
lifetime of every entry written here.
"""

import hashlib
import logging
import pickle
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

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
# The render lock's own expiry, should a process die holding it.
LOCK_SECONDS = 15
POLL_SECONDS = 0.05

_MISSING = object()


# --- The version ---------------------------------------------------------------------


def _as_state(stored):
    """A stored version as ``(current, previous or None)`` (a bare string was
    written before stale-while-revalidate existed); ``None`` when none is stored."""
    return (stored, None) if isinstance(stored, str) else stored


def _read_state(stored=_MISSING):
    """``(current version, previous version that may be served stale or None)``,
    from ``stored`` when the caller already fetched it."""
    state = _as_state(cache.get(VERSION_KEY) if stored is _MISSING else stored)
    if state is None:
        # A time-based value: a version evicted from the cache never comes back as
        # an old number whose entries might still be stored.
        state = (str(time.time_ns()), None)
        if not cache.add(VERSION_KEY, state, timeout=None):
            state = _as_state(cache.get(VERSION_KEY)) or state
    return state


def _request_state(request):
    if request is not None:
        state = getattr(request, "_clac_cache_state", None)
        if state is not None:
            return state
    state = _read_state()
    if request is not None:
        request._clac_cache_state = state
    return state


def get_cache_version(request=None) -> str:
    """The current global cache version (read once per request when given one)."""
    return _request_state(request)[0]


def bump_cache_version(*, allow_stale=False) -> str:
    """Make every cached page and fragment stale, in every language.

    With ``allow_stale`` the pages of the version before may still be served while
    each is rendered again (stale-while-revalidate); without it they never are.
    ``core/invalidation.py`` calls this after the commit.
    """
    current = _read_state()[0]
    version = str(time.time_ns())
    if version == current:
        version = str(int(version) + 1)
    cache.set(VERSION_KEY, (version, current if allow_stale else None), timeout=None)
    return version


def fragment_timeout() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 300)


# --- The fragment helper ---------------------------------------------------------------


def fragment_key(name, parts=(), *, request=None, language=None) -> str:
    """The key of fragment ``name`` for ``parts`` in the active language."""
    language = language or translation.get_language() or ""
    digest = hashlib.sha256(repr(tuple(parts)).encode("utf-8")).hexdigest()[:40]
    return f"clac:fragment:{name}:{language}:{get_cache_version(request)}:{digest}"


def fragment(name, parts, build, *, request=None, timeout=None):
    """``build()``, kept per (name, language, cache version, parts).

    ``parts`` are plain values (ids, host, path…) that, with the language, decide
    what ``build`` returns; ``build`` must return picklable values (lists, dicts,
    model instances; not query sets). ``None`` is never stored. Previews build
    every time. Any change readers can see bumps the version, so a fragment is
    never stale; entries also expire after ``PAGE_CACHE_SECONDS``.
    """
    if request is not None and getattr(request, "is_preview", False):
        return build()
    key = fragment_key(name, parts, request=request)
    value = cache.get(key, _MISSING)
    if value is not _MISSING:
        return value
    value = build()
    if value is not None:
        try:
            cache.set(key, value, timeout or fragment_timeout())
        except (pickle.PicklingError, TypeError, AttributeError):
            logger.warning("fragment %s could not be stored", name)
    return value


# --- The page cache --------------------------------------------------------------------


def _is_tracking(name: str) -> bool:
    return name.lower().startswith("utm_") or name.lower() in TRACKING_PARAMS


def _search_paths():
    return tuple(f"/{code}/search/" for code, _name in settings.LANGUAGES)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _query_pairs(request):
    """The query's (name, value) pairs, or ``None`` when it is too long or unreadable."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    try:
        return parse_qsl(query, keep_blank_values=True)
    except ValueError:
        return None


def path_digest(request) -> str | None:
    """Host + path + language of a request the page cache may answer, else ``None``."""
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
    language = get_language_from_path(path) or ""
    return _digest("|".join([request.get_host(), path, language]))


def record_key(digest) -> str:
    """The entry of a path: its version, declared names and bare response."""
    return f"clac:page:{digest}"


def page_key(version, digest, values=None) -> str:
    """The page-cache key of a path, with the canonical values of its declared
    parameters (``{name: value}``, empty values left out)."""
    key = f"clac:page:{version}:{digest}"
    kept = sorted((name, value) for name, value in (values or {}).items() if value)
    if kept:
        key += ":" + _digest(urlencode(kept))[:40]
    return key


class _Lookup:
    """Where a request's response is (or would be) stored under one version."""

    def __init__(self, key, stored=None, bypass=False):
        self.key = key
        self.stored = stored
        self.bypass = bypass


def _state_and_record(request, digest):
    """The cache state and the path's entry, in one round trip on a first read."""
    base = record_key(digest)
    state = getattr(request, "_clac_cache_state", None)
    if state is not None:
        return state, cache.get(base)
    found = cache.get_many([VERSION_KEY, base])
    state = _read_state(found.get(VERSION_KEY))
    request._clac_cache_state = state
    return state, found.get(base)


def _lookup(version, digest, pairs, record=_MISSING) -> _Lookup:
    base = page_key(version, digest)
    if record is _MISSING:
        record = cache.get(record_key(digest))
    if record is not None and record.get("version") != version:
        record = None
    others = [(name, value) for name, value in pairs if not _is_tracking(name)]
    if record is None:
        # Nothing known about this path under this version: a key for the render
        # lock only.
        provisional = base + (
            ":" + _digest(urlencode(sorted(others))) if others else ""
        )
        return _Lookup(provisional)
    names = record["params"]
    if names is None:  # not a page (a feed, the sitemap): its bare path only
        if others:
            return _Lookup(None, bypass=True)
        return _Lookup(base, record["response"])
    values = {}
    for name, value in pairs:  # the last value wins, as with request.GET.get()
        if name in names:
            values[name] = value
    key = page_key(version, digest, values)
    if key == base:
        return _Lookup(base, record["response"])
    return _Lookup(key, cache.get(key))


def _store_record(version, digest, names, response, seconds, *, replace):
    """Write the path's entry for ``version`` (``replace=False``: only where no
    entry of this version holds a response yet)."""
    key = record_key(digest)
    record = {"version": version, "params": names, "response": response}
    if not replace:
        current = cache.get(key)
        if current is not None and current.get("version") == version:
            return
    cache.set(key, record, seconds)


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


def _from_stored(stored, label):
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response["X-Cache"] = label
    return response


class PageCacheMiddleware:
    """Serve anonymous readers' pages from Django's cache (``X-Cache: HIT``).

    Place early in ``MIDDLEWARE``: after SecurityMiddleware and WhiteNoise, before
    SessionMiddleware, so a hit skips sessions, locale, CSRF, auth and Wagtail.
    See the module docstring for the key, the declared parameters and the
    stampede rules.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not getattr(settings, "PAGE_CACHE_ENABLED", True):
            return self.get_response(request)
        digest = path_digest(request)
        pairs = _query_pairs(request) if digest is not None else None
        if pairs is None:
            return self.get_response(request)
        (version, stale_version), record = _state_and_record(request, digest)
        found = _lookup(version, digest, pairs, record)
        if found.stored is not None:
            return _from_stored(found.stored, "HIT")
        if found.bypass:
            return self._pass(request)
        lock = f"clac:page-lock:{found.key}"
        token = uuid.uuid4().hex
        if self.acquire(lock, token):
            try:
                return self._render(request, version, digest, pairs)
            finally:
                if cache.get(lock) == token:  # never release another request's lock
                    cache.delete(lock)
        # Another request renders this key.
        if stale_version is not None:
            previous = _lookup(stale_version, digest, pairs, record)
            if previous.stored is not None:
                response = _from_stored(previous.stored, "STALE")
                # Only this reader gets it: no CDN or browser keeps an old copy.
                response["Cache-Control"] = "private, max-age=0"
                return response
        deadline = time.monotonic() + getattr(settings, "PAGE_CACHE_WAIT_SECONDS", 3)
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            found = _lookup(version, digest, pairs)
            if found.stored is not None:
                return _from_stored(found.stored, "HIT")
            if found.bypass:
                break
            if cache.get(lock) is None:
                # Released: stored between the two reads, or nothing to store (a
                # 404, a redirect). Look once more before rendering again.
                found = _lookup(version, digest, pairs)
                if found.stored is not None:
                    return _from_stored(found.stored, "HIT")
                break
        return self._render(request, version, digest, pairs)

    def acquire(self, lock, token):
        """Take the render lock of a key (atomic: ``cache.add``)."""
        return cache.add(lock, token, LOCK_SECONDS)

    def _pass(self, request):
        response = self.get_response(request)
        response.headers.setdefault("X-Cache", "BYPASS")
        return response

    def _render(self, request, version, digest, pairs):
        response = self.get_response(request)
        if not response_is_cacheable(request, response):
            response.headers.setdefault("X-Cache", "BYPASS")
            return response
        declared = getattr(response, "page_cache_query", None)
        if declared is None:
            names = None
            values = {}
            if any(not _is_tracking(name) for name, _value in pairs):
                # Not a page: what other parameters change is unknown. Keep only
                # that, so the path's next requests with a query pass at once.
                _store_record(
                    version,
                    digest,
                    None,
                    None,
                    getattr(settings, "PAGE_CACHE_SECONDS", 300),
                    replace=False,
                )
                response.headers.setdefault("X-Cache", "BYPASS")
                return response
        else:
            names = tuple(sorted(declared))
            values = dict(declared)
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
            stored = (response.status_code, headers, response.content)
            base = page_key(version, digest)
            key = page_key(version, digest, values)
            if key == base:
                _store_record(version, digest, names, stored, seconds, replace=True)
            else:
                cache.set(key, stored, seconds)
                # Record the declared names for the path's later requests.
                _store_record(version, digest, names, None, seconds, replace=False)
        response["X-Cache"] = "MISS"
        return response
