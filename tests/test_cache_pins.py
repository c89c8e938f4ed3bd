"""What our routing copies from Wagtail, pinned (issue 13 items 4 and 5).

``core.views.serve`` and ``core.routing`` replace Wagtail's page view and routing
with the same behaviour in fewer queries; they read or write no Wagtail private
attribute (no ``request._wagtail_route_for_request``, ``page._cached_parent_obj``)
but one: ``core.routing.site_for_request`` puts the site it kept with the
fragment helper where ``Site.find_for_request`` keeps it for the rest of the
request (``request._wagtail_site``; the site query and its ORM work were a fifth
of a warm home render, docs/performance.md), pinned below. What they copy is Wagtail's *behaviour*: these
tests break when a Wagtail upgrade changes the code we copied it from, so the
copy is compared again, and check that the hooks run as in Wagtail's view."""

import hashlib
import inspect

from django.http import HttpResponse

import wagtail.views
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site, TranslatableMixin

import pytest

import core.views
from core import routing

# sha256 of the source (first 16 hex digits) in Wagtail 8.0.1.
PINNED = {
    # core.views.serve runs the same hooks in the same order.
    "wagtail.views.serve": (wagtail.views.serve, "eab2a9d475a33843"),
    # core.routing walks the path as these do (a child by slug, the live check
    # on the last page, a RoutablePageMixin answering its own sub-routes first).
    "Page.route": (Page.route, "643c9afcc2deb381"),
    "RoutablePageMixin.route": (RoutablePageMixin.route, "34175f2079a3b1a4"),
    "Page.route_for_request": (Page.route_for_request, "5530d229b2de42ba"),
    # The home in the reader's language: the live translation, else the root.
    "TranslatableMixin.localized": (
        TranslatableMixin.localized.fget,
        "93cc906a2f56f4e6",
    ),
    "TranslatableMixin.localized_draft": (
        TranslatableMixin.localized_draft.fget,
        "0ed81d4a93b79f3b",
    ),
    # BasePage.get_view_restrictions answers "none" without a query only when the
    # route saw no restriction on the page and its ancestors and no alias.
    "Page.get_view_restrictions": (Page.get_view_restrictions, "f41021bde7cdda11"),
    # core.routing.site_for_request fills the per-request cache this reads.
    "Site.find_for_request": (Site.find_for_request, "4edb710b9fd353a0"),
}


@pytest.mark.parametrize("name", list(PINNED))
def test_the_wagtail_code_our_routing_copies_is_unchanged(name):
    function, digest = PINNED[name]
    source = inspect.getsource(function)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == digest, (
        f"{name} changed in this Wagtail version: compare core/views.py serve() "
        "and core/routing.py with it, then update the digest here."
    )


def test_no_wagtail_private_attribute_is_read_or_written():
    for module in (core.views, routing):
        source = inspect.getsource(module)
        for name in ("_wagtail_route_for_request", "_cached_parent_obj"):
            assert name not in source, (module.__name__, name)
    # The one exception, only in site_for_request.
    outside = inspect.getsource(routing).replace(
        inspect.getsource(routing.site_for_request), ""
    )
    assert "_wagtail_site" not in outside
    assert "_wagtail_site" not in inspect.getsource(core.views)


@pytest.mark.django_db
def test_a_kept_site_serves_every_later_lookup_of_the_request(home_es, rf):
    """Breaks when Wagtail stops reading ``request._wagtail_site``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    site = routing.site_for_request(rf.get("/es/"))  # fills the fragment
    request = rf.get("/es/")
    with CaptureQueriesContext(connection) as queries:
        kept = routing.site_for_request(request)
        assert Site.find_for_request(request) is kept
    assert kept.pk == site.pk
    assert len(queries) == 0


@pytest.mark.django_db
def test_our_page_view_runs_wagtails_hooks(
    client, home_es, django_capture_on_commit_callbacks
):
    from demo.tree import build_tree

    pages = build_tree(home_es)
    seen = []

    def before_serve(page, request, serve_args, serve_kwargs):
        seen.append(("before", page.pk))
        if request.GET.get("stop"):
            return HttpResponse("stopped by a hook")
        return None

    def on_serve(next_serve):
        def inner(page, request, args, kwargs):
            seen.append(("on", page.pk))
            return next_serve(page, request, args, kwargs)

        return inner

    page = pages["standard"]
    with (
        hooks.register_temporarily("before_serve_page", before_serve),
        hooks.register_temporarily("on_serve_page", on_serve),
    ):
        assert client.get(page.url).status_code == 200
        assert client.get(page.url + "?stop=1").content == b"stopped by a hook"
    assert seen == [("before", page.pk), ("on", page.pk), ("before", page.pk)]
    # Wagtail's own hooks: the request method check, and view restrictions.
    assert client.options(page.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(page.url).status_code == 302
