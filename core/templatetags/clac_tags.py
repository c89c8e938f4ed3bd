"""Template tags for the site chrome: menu, footer, language switcher, breadcrumbs."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html

from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from core.cache import fragment
from core.embeds import embed_src as resolve_embed
from core.locales import active_locale, localized_pages, snippet_for_locale
from core.models import Footer, MainMenu
from core.seo import site_settings

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _entries(stream):
    """A menu's entries as stored (``{"page": id, "label": …}``): its raw data, so
    the linked pages are not loaded one StreamField at a time."""
    return [dict(item.get("value") or {}) for item in stream.raw_data]


def _resolve_items(entries, pages):
    """Entries with their page in the reader's language (``pages``: the linked
    pages' translations by the linked page's id)."""
    items = []
    for entry in entries:
        target = pages.get(entry.get("page"))
        if target is None:
            continue
        label = entry.get("label") or target.title
        items.append({"label": label, "url": target.url, "url_path": target.url_path})
    return items


def _build_chrome(request):
    """The main menu and the footer of the reader's language: their snippets, and
    every page they link to in that language in one batch."""
    locale = active_locale()
    menu = snippet_for_locale(MainMenu, locale)
    footer = snippet_for_locale(Footer, locale)
    menu_entries = _entries(menu.items) if menu else []
    footer_entries = _entries(footer.links) if footer else []
    ids = list(
        dict.fromkeys(
            entry["page"]
            for entry in menu_entries + footer_entries
            if entry.get("page")
        )
    )
    pages = dict(zip(ids, localized_pages(ids, locale, keep_missing=True), strict=True))
    settings_ = site_settings(request) if request is not None else None
    return {
        "menu": _resolve_items(menu_entries, pages),
        "footer": {
            "about": expand_db_html(footer.about) if footer and footer.about else "",
            "address": footer.address if footer else "",
            "links": _resolve_items(footer_entries, pages),
            "contact_email": settings_.contact_email if settings_ else "",
        },
    }


def _chrome(context):
    """Menu and footer, kept per (host, language, cache version): the same on every
    page of a language."""
    request = context.get("request")
    if request is None:
        return _build_chrome(None)
    memo = getattr(request, "_clac_chrome", None)
    if memo is None:
        memo = fragment(
            "chrome",
            (request.get_host(),),
            lambda: _build_chrome(request),
            request=request,
        )
        request._clac_chrome = memo
    return memo


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    items = [dict(item) for item in _chrome(context)["menu"]]
    for item in items:
        item["active"] = bool(current_path) and current_path.startswith(
            item["url_path"]
        )
    return {"items": items}


@register.inclusion_tag("tags/site_footer.html", takes_context=True)
def site_footer(context):
    return {**_chrome(context)["footer"], "request": context.get("request")}


def page_translations(page, request=None):
    """Live translations of ``page`` (itself included) as (language, name, url).

    Alias pages (wagtail-localize's copies of the Spanish page made for untranslated
    parents) are not translations: they are left out, and served as the source.
    The route found them with the page (``core.routing``); otherwise one query.
    Kept on ``request`` when given (the head and the language switcher both read
    them).
    """
    if page is None or not getattr(page, "pk", None):
        return []
    memo = getattr(request, "_clac_translations", None) if request else None
    if memo is not None and memo[0] == page.pk:
        return memo[1]
    found = page.__dict__.get("route_translations")
    if found is None:
        found = list(
            Page.objects.live()
            .filter(translation_key=page.translation_key, alias_of__isnull=True)
            .select_related("locale")
        )
    result = _translation_links(found)
    if request is not None:
        request._clac_translations = (page.pk, result)
    return result


def subroute_translations(page, request, subpath: str) -> list[dict]:
    """For a RoutablePage's sub-route (``subpath``, the same in every language):
    the head's hreflang links and the language switcher lead to that sub-route in
    each translation of ``page``. ``core.routing`` finds no translations for the
    full path of a sub-route, so the page's own are asked for (one query)."""
    page.route_translations = None
    links = [
        {
            **link,
            "url": link["url"] + subpath,
            "full_url": (link["full_url"] or "") + subpath,
        }
        for link in page_translations(page, request)
    ]
    request._clac_translations = (page.pk, links)
    return links


def _translation_links(translations):
    order = [code for code, _name in settings.LANGUAGES]
    result = []
    for translated in translations:
        code = translated.locale.language_code
        url = translated.get_url()
        if url is None or code not in LANGUAGE_NAMES:
            continue
        result.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES[code],
                "url": url,
                "full_url": translated.get_full_url(),
                "page": translated,
                "is_default": code == settings.LANGUAGE_CODE,
            }
        )
    result.sort(key=lambda item: order.index(item["code"]))
    return result


@register.simple_tag(takes_context=True)
def get_translations(context, page):
    cache_key = "_clac_translations"
    if cache_key not in context:
        context[cache_key] = page_translations(page, context.get("request"))
    return context[cache_key]


@register.inclusion_tag("tags/breadcrumbs.html")
def breadcrumbs(page):
    """Home … parent: from the route when known (no query), else one query."""
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    found = page.__dict__.get("route_ancestors")
    if found is None:
        found = page.get_ancestors().filter(depth__gte=2)
    ancestors = [
        {"url": ancestor.url, "title": ancestor.title, "depth": ancestor.depth}
        for ancestor in found
        if ancestor.depth >= 2
    ]
    return {"ancestors": ancestors, "page": page}


@register.simple_tag
def current_language_name():
    return LANGUAGE_NAMES.get(translation.get_language(), "")


@register.filter
def filesize(document):
    """A human file size for a document ("1.2 MB"), 0-query when already known."""
    size = getattr(document, "file_size", None)
    if not size:
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit in ("B", "KB") else f"{size:.1f} {unit}"
        size /= 1024
    return ""


@register.simple_tag
def embed_src(url):
    return resolve_embed(url)


@register.simple_tag
def icon(name, label=""):
    """An icon from the site's sprite (clac_cms/static/img/icons.svg, built by
    scripts/build_assets.py). Decorative unless ``label`` names it: then it is an
    image with that accessible name."""
    href = f"{static('img/icons.svg')}#{name}"
    if label:
        return format_html(
            '<svg class="icon icon--{}" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            name,
            label,
            href,
        )
    return format_html(
        '<svg class="icon icon--{}" aria-hidden="true" focusable="false">'
        '<use href="{}"></use></svg>',
        name,
        href,
    )
