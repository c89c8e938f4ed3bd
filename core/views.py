"""The page view, the root language redirect, health probes and error pages."""

import logging
import posixpath

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import loader
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.static import serve as static_serve

from wagtail import hooks

from core import task_recovery
from core.cache import fragment
from core.routing import route_for_request

logger = logging.getLogger(__name__)


class CanonicalRedirect(Exception):
    """Raised by ``BasePage.canonical_query``: the request's query is not the
    canonical one; the reader is sent to ``url``."""

    def __init__(self, url):
        super().__init__(url)
        self.url = url


def _serve_chain(page, request, args, kwargs):
    return page.serve(request, *args, **kwargs)


def serve(request, path):
    """Wagtail's ``wagtail.views.serve`` with ``core.routing.route_for_request``.

    The same ``before_serve_page`` and ``on_serve_page`` hooks in the same order
    (view restrictions, request methods, ours); ``tests/test_cache_pins.py``
    breaks when Wagtail's view changes. A page's own URL (not a sub-route such
    as a feed) first has its declared query parameters checked
    (``BasePage.canonical_query``: a redirect to the canonical URL, or a 404),
    and its response says which values it used, for the page cache
    (``response.page_cache_query``, ``core/cache.py``).
    """
    found = route_for_request(request, path)
    if found is None:
        raise Http404
    route, remaining = found
    page, args, kwargs = route
    query = None
    if remaining is not None and not remaining and hasattr(page, "canonical_query"):
        try:
            query = page.canonical_query(request)
        except CanonicalRedirect as redirect:
            return HttpResponseRedirect(redirect.url)

    on_serve_chain = _serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    response = on_serve_chain(page, request, args, kwargs)
    if query is not None:
        response.page_cache_query = query
    return response


def dev_media(request, path):
    """Uploads from ``MEDIA_ROOT`` under ``make run`` (mounted only with DEBUG),
    never a document: those go through Wagtail's view (``/documents/…``,
    ``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which enforces private
    collections, as in production (where Caddy answers 404 for them)."""
    clean = posixpath.normpath(path).lstrip("/")
    if clean == "documents" or clean.startswith("documents/"):
        raise Http404
    return static_serve(request, clean, document_root=settings.MEDIA_ROOT)


def language_redirect(request):
    """``/`` → the reader's best language (Accept-Language, else Spanish), privately."""
    language = translation.get_language_from_request(request, check_path=False)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(f"/{language}/")
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@never_cache
def healthz(request):
    """Liveness: the process answers."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Readiness: the database answers and the task queue is being worked."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        now = timezone.now()
        stale = task_recovery.stale_running(now)
        waiting = task_recovery.oldest_waiting_seconds(now, stale)
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        logger.warning("readiness check: database unreachable")
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable"}, status=503
        )
    # Stale RUNNING tasks (a worker died) are reported, not a reason to be unready.
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "oldest_queued_task_seconds": waiting,
            "stale_running_tasks": len(stale),
            "stale_running_fate_unknown": sum(
                not task_recovery.is_repeatable(result.task_path) for result in stale
            ),
        }
    )


def _render_error(request, template, status, context=None):
    body = loader.get_template(template).render(
        {"request": request, "status": status, **(context or {})}
    )
    response = HttpResponse(
        body, status=status, content_type="text/html; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    return _render_error(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _render_error(request, "403.html", 403)


def page_not_found(request, exception=None):
    """The 404 page: the same for every unknown path of a language (a scanner's
    random URLs hit it), so its markup is a fragment per language and version."""
    body = fragment(
        "404",
        (),
        lambda: loader.get_template("404.html").render(
            {"request": request, "status": 404}
        ),
        request=request,
    )
    response = HttpResponse(body, status=404, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request):
    """The 500 page: no database access, just the template in the reader's language."""
    return _render_error(request, "500.html", 500)


def csrf_failure(request, reason=""):
    return _render_error(request, "403_csrf.html", 403)


def request_too_large(request, reason="too_large"):
    """The 413 page (core/request_limits.py): a body over its path's limit
    (``too_large``) or a file sent where none is taken (``file``)."""
    return _render_error(request, "413.html", 413, {"reason": reason})
