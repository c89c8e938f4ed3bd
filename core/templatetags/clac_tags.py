"""Template tags for the site chrome: menu, footer, language switcher, breadcrumbs."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from core.cache import fragment_timeout, get_cache_version
from core.locales import active_locale, localized_pages, snippet_for_locale

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _active_locale():
    return active_locale()


def _resolve_items(stream, locale):
    """Menu entries with their page in the reader's language (one batch)."""
    entries = [block.value for block in stream]
    pages = localized_pages(
        [entry["page"].pk for entry in entries if entry.get("page")],
        locale,
        specific=False,
    )
    by_key = {page.translation_key: page for page in pages}
    items = []
    for entry in entries:
        page = entry.get("page")
        target = by_key.get(page.translation_key) if page else None
        if target is None:
            continue
        label = entry.get("label") or target.title
        items.append({"label": label, "url": target.url, "url_path": target.url_path})
    return items


def _cached_chrome(context, name, build):
    """``build()``'s result, cached per (name, language, cache version).

    Menus and footers are the same on every page of a language; the cache version
    changes whenever a snippet, page, image or the site settings change
    (core/invalidation.py), so a stale entry is never read.
    """
    request = context.get("request")
    locale = _active_locale()
    if locale is None or request is None:
        return build(locale, request)
    key = f"clac:{name}:{request.get_host()}:{locale.language_code}:{get_cache_version(request)}"
    value = cache.get(key)
    if value is None:
        value = build(locale, request)
        cache.set(key, value, fragment_timeout())
    return value


def _build_menu(locale, request):
    from core.models import MainMenu

    menu = snippet_for_locale(MainMenu, locale) if locale else None
    return _resolve_items(menu.items, locale) if menu else []


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    items = [dict(item) for item in _cached_chrome(context, "menu", _build_menu)]
    for item in items:
        item["active"] = bool(current_path) and current_path.startswith(
            item["url_path"]
        )
    return {"items": items}


def _build_footer(locale, request):
    from core.models import Footer, SiteSettings

    footer = snippet_for_locale(Footer, locale) if locale else None
    site_settings = SiteSettings.for_request(request) if request is not None else None
    return {
        "about": expand_db_html(footer.about) if footer and footer.about else "",
        "address": footer.address if footer else "",
        "links": _resolve_items(footer.links, locale) if footer else [],
        "contact_email": site_settings.contact_email if site_settings else "",
    }


@register.inclusion_tag("tags/site_footer.html", takes_context=True)
def site_footer(context):
    footer = _cached_chrome(context, "footer", _build_footer)
    return {**footer, "request": context.get("request")}


def page_translations(page, request=None):
    """Live translations of ``page`` (itself included) as (language, name, url).

    Alias pages (wagtail-localize's copies of the Spanish page made for untranslated
    parents) are not translations: they are left out, and served as the source.
    Cached per (page, cache version), and kept on ``request`` when given (the head
    and the language switcher both read them).
    """
    if page is None or not getattr(page, "pk", None):
        return []
    memo = getattr(request, "_clac_translations", None) if request else None
    if memo is not None and memo[0] == page.pk:
        return memo[1]
    key = f"clac:translations:{page.pk}:{get_cache_version(request)}"
    result = cache.get(key)
    if result is None:
        result = _page_translations(page)
        cache.set(key, result, fragment_timeout())
    if request is not None:
        request._clac_translations = (page.pk, result)
    return result


def _page_translations(page):
    translations = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, alias_of__isnull=True)
        .select_related("locale")
        .order_by("locale__pk")
    )
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
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    key = f"clac:breadcrumbs:{page.pk}:{get_cache_version()}"
    ancestors = cache.get(key)
    if ancestors is None:
        ancestors = [
            {"url": ancestor.url, "title": ancestor.title, "depth": ancestor.depth}
            for ancestor in page.get_ancestors().filter(depth__gte=2)
        ]
        cache.set(key, ancestors, fragment_timeout())
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
    from core.embeds import embed_src as resolve

    return resolve(url)
