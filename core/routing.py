"""Find the page a request is for in a fixed number of queries.

Wagtail's ``serve`` view (``wagtail.views.serve``) looks up the site, the home
page in the reader's language (``root_page.localized``: two queries), its
specific page, then each page on the path (two queries a level, ``Page.route``),
and on serving the page's ancestors and their view restrictions (two more).
``core.views.serve`` replaces it at the same URL name (``wagtail_serve``) and runs
the same hooks; ``route_for_request`` here finds:

- every page on the path, the home in the reader's language, the root (for its
  view restrictions), whether any of them has a view restriction, and the live
  translations of the target page: one query (``url_path`` computed in SQL from
  the localized home's, else the site root's);
- the target's specific page with its images: one query, and its StreamFields'
  images with all those images' renditions: two more when it has any.

The result is kept with the fragment helper (``core.cache.fragment``, the
"route" fragment per site, language and path), so a warm request routes without
a query. Any publish, unpublish, move, slug change, deletion, view restriction,
site or locale change bumps the version (``core/invalidation.py``). A page that
routes by itself (a ``RoutablePageMixin`` sub-route such as ``…/feed/``) gets the
rest of the path as Wagtail would give it; a page type with its own ``route`` or
any other unusual case is routed by Wagtail itself, uncached.

The page carries what was found, as plain attributes (``BasePage``):
``route_ancestors`` (home … parent, for breadcrumbs and the parent's URL),
``route_restricted`` (``False``: no view restriction on the page or an ancestor, so
``BasePage.get_view_restrictions`` needs no query; ``None``: unknown) and
``route_translations`` (its live translations, for hreflang and the language
switcher). One Wagtail private attribute is written: the request's site
(``site_for_request``), pinned by a test.
"""

from django.db.models import (
    Exists,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Concat
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404
from django.utils import translation

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from core.cache import fragment
from core.locales import locale_by_id, locale_for_language

MAX_DEPTH = 12


# What ``_find`` returns for a path no page answers: a 404 without asking Wagtail.
# Never stored (a scanner's random paths would each take a fragment entry).
NOT_FOUND = "not-found"


class FoundRoute:
    """A page, the path components it routes itself and its images (picklable)."""

    def __init__(self, page, remaining, images=()):
        self.page = page
        self.remaining = tuple(remaining)
        self.images = list(images)


def site_for_request(request):
    """``Site.find_for_request``, with the site kept by the fragment helper.

    Wagtail runs its site query once per request and keeps the answer on the
    request (``request._wagtail_site``), where its settings, menus and
    ``Page.get_url`` find it. A site from the fragment helper is put there too,
    so every later ``Site.find_for_request`` in the request costs nothing: the one
    private attribute this module writes, pinned by tests/test_cache_pins.py.
    """
    if hasattr(request, "_wagtail_site"):
        return Site.find_for_request(request)
    hostname = split_domain_port(request.get_host())[0]
    site = fragment(
        "site",
        (hostname, request.get_port()),
        lambda: Site.find_for_request(request),
        request=request,
    )
    request._wagtail_site = site
    return site


def route_for_request(request, path):
    """``(RouteResult, remaining path components)`` for ``path``, else ``None``.

    Raises nothing: a path that is no page gives ``None`` (a 404). ``remaining``
    is ``None`` when Wagtail routed the path itself.
    """
    site = site_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    language = translation.get_language() or ""
    built = []

    def build():
        found = _find(request, site, components, language)
        built.append(found)
        return None if found is NOT_FOUND else found

    found = fragment("route", (site.pk, path), build, request=request)
    if found is None and built and built[0] is NOT_FOUND:
        return None
    try:
        if found is None:  # Wagtail's own routing, uncached
            root = site.root_page.localized.specific
            return root.route(request, components), None
        page = found.page
        if built:
            # Found just now (not from the cache): the page's render loads its
            # images' renditions in one query with those of what it lists
            # (BasePage.prefetch_renditions). From the cache, the ``{% picture %}``
            # fragments and Wagtail's rendition cache already have them.
            page.prefetch_images = found.images
        return page.route(request, list(found.remaining)), found.remaining
    except Http404:
        return None


def _find(request, site, components, language):
    """The ``FoundRoute`` for the path, or ``None`` to let Wagtail route it."""
    locale = locale_for_language(language)
    if locale is None or len(components) > MAX_DEPTH:
        return None
    root = site.root_page
    # Page.localized: the live translation in the reader's language, else the root.
    home_filter = Q(
        translation_key=root.translation_key, locale_id=locale.pk, live=True
    )
    home_url = Coalesce(
        Subquery(Page.objects.filter(home_filter).values("url_path")[:1]),
        Value(root.url_path),
        output_field=TextField(),  # url_path is a TextField; PostgreSQL needs one type
    )
    prefixes = [
        "/".join(components[: depth + 1]) + "/" for depth in range(len(components))
    ]
    wanted = home_filter | Q(pk=root.pk) | Q(depth=1)
    for prefix in prefixes:
        wanted |= Q(url_path=Concat(home_url, Value(prefix), output_field=TextField()))
    if prefixes:
        target_key = Subquery(
            Page.objects.filter(
                url_path=Concat(home_url, Value(prefixes[-1]), output_field=TextField())
            ).values("translation_key")[:1]
        )
    else:
        target_key = Subquery(
            Page.objects.filter(home_filter).values("translation_key")[:1]
        )
    wanted |= Q(translation_key=target_key, live=True, alias_of__isnull=True)
    rows = list(
        Page.objects.filter(wanted).annotate(
            restricted=Exists(PageViewRestriction.objects.filter(page=OuterRef("pk")))
        )
    )
    home = next(
        (
            row
            for row in rows
            if row.translation_key == root.translation_key
            and row.locale_id == locale.pk
            and row.live
        ),
        None,
    ) or next((row for row in rows if row.pk == root.pk), None)
    if home is None:
        return None
    by_url = {row.url_path: row for row in rows}
    pages = [home]
    for prefix in prefixes:
        row = by_url.get(home.url_path + prefix)
        if row is None:
            break
        pages.append(row)

    # Walk the path as Wagtail's Page.route would, page by page.
    target_index = None
    for index, page in enumerate(pages):
        remaining = components[index:]
        if not remaining:
            target_index = index
            break
        page_class = page.specific_class
        if page_class is None:
            return None
        if page_class.route is Page.route:
            continue  # hands the rest of the path to its child
        if page_class.route is RoutablePageMixin.route and _own_sub_route(
            page_class, remaining
        ):
            target_index = index
            break
        if page_class.route is not RoutablePageMixin.route:
            return None  # a page type with its own routing: Wagtail decides
    if target_index is None:
        # Every page on the way routes as Page.route (or a RoutablePageMixin
        # without a sub-route for the rest) and the next one does not exist:
        # Wagtail would answer a 404 too.
        return NOT_FOUND
    target = pages[target_index]
    remaining = components[target_index:]

    specific, images = _specific(target)
    if specific is None:
        return None
    specific.locale = locale_by_id(specific.locale_id) or specific.locale
    ancestors = pages[:target_index]
    roots = [row for row in rows if row.depth == 1 and home.path.startswith(row.path)]
    if home.depth == 2 and roots:
        chain = [*roots, *pages[: target_index + 1]]
        if any(page.alias_of_id for page in chain):
            specific.route_restricted = None  # aliases use their source's
        else:
            specific.route_restricted = any(page.restricted for page in chain)
        specific.route_ancestors = ancestors
    translations = [
        row
        for row in rows
        if row.translation_key == specific.translation_key
        and row.live
        and row.alias_of_id is None
    ]
    for row in translations:
        row.locale = locale_by_id(row.locale_id) or row.locale
    specific.route_translations = translations
    return FoundRoute(specific, remaining, images)


def _own_sub_route(page_class, remaining):
    """Whether a ``RoutablePageMixin`` page answers ``remaining`` itself."""
    try:
        page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
    except Resolver404:
        return False
    return True


def image_fields(model):
    """The names of ``model``'s foreign keys to images."""
    image_model = get_image_model()
    return [
        field.name
        for field in model._meta.get_fields()
        if field.many_to_one and field.related_model is image_model
    ]


def _specific(page):
    """The specific page with its images and its StreamFields' images loaded, and
    which of the relations it lists (``route_relations``) have rows at all, so an
    empty one costs no query. Returns ``(page, images)``."""
    model = page.specific_class
    related = [*image_fields(model), *getattr(model, "route_select_related", ())]
    flags = {}
    for name in getattr(model, "route_relations", ()):
        relation = model._meta.get_field(name)
        flags[f"route_has_{name}"] = Exists(
            relation.related_model.objects.filter(
                **{relation.field.name: OuterRef("pk")}
            )
        )
    specific = (
        model.objects.select_related(*related)
        .annotate(**flags)
        .filter(pk=page.pk)
        .first()
    )
    if specific is None:
        return None, []
    specific.route_has = {
        name: getattr(specific, f"route_has_{name}")
        for name in getattr(model, "route_relations", ())
    }
    images = [getattr(specific, name) for name in image_fields(model)]
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            images.extend(stream_images(getattr(specific, field.name)))
    return specific, [image for image in images if image is not None]


def prefetch_renditions(images):
    """Load the renditions of all these images in one query (``{% picture %}`` and
    ``get_rendition`` then read them without one each)."""
    images = [image for image in images if image is not None]
    if images:
        prefetch_related_objects(images, "renditions")


def stream_images(value):
    """Every image in a StreamField value (loading the stream's blocks)."""
    image_model = get_image_model()
    if isinstance(value, image_model):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from stream_images(child.value)
    elif isinstance(value, StructValue):
        for item in value.values():
            yield from stream_images(item)
    elif isinstance(value, ListValue | list | tuple):
        for item in value:
            yield from stream_images(item)
