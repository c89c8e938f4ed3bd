"""Template tags for the site chrome: menu, footer, language switcher, breadcrumbs."""

from django import template
from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page

from home.listings import localized_pages, snippet_for_locale

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def _resolve_items(stream, locale):
    """Menu entries with their page in the reader's language (one batch)."""
    entries = [block.value for block in stream]
    pages = localized_pages(
        [entry["page"].pk for entry in entries if entry.get("page")], locale, specific=False
    )
    by_key = {page.translation_key: page for page in pages}
    items = []
    for entry in entries:
        page = entry.get("page")
        target = by_key.get(page.translation_key) if page else None
        if target is None:
            continue
        label = entry.get("label") or target.title
        items.append({"label": label, "url": target.url, "page": target})
    return items


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    from home.models import MainMenu

    locale = _active_locale()
    menu = snippet_for_locale(MainMenu, locale) if locale else None
    items = _resolve_items(menu.items, locale) if menu else []
    current = context.get("page")
    current_path = getattr(current, "url_path", "")
    for item in items:
        item["active"] = bool(current_path) and current_path.startswith(item["page"].url_path)
    return {"items": items}


@register.inclusion_tag("tags/site_footer.html", takes_context=True)
def site_footer(context):
    from home.models import Footer

    locale = _active_locale()
    footer = snippet_for_locale(Footer, locale) if locale else None
    links = _resolve_items(footer.links, locale) if footer else []
    return {
        "footer": footer,
        "links": links,
        "request": context.get("request"),
        "settings": context.get("settings"),
    }


def page_translations(page):
    """Live translations of ``page`` (itself included) as (language, name, url).

    Alias pages (wagtail-localize's copies of the Spanish page made for untranslated
    parents) are not translations: they are left out, and served as the source.
    """
    if page is None or not getattr(page, "pk", None):
        return []
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
        context[cache_key] = page_translations(page)
    return context[cache_key]


@register.inclusion_tag("tags/breadcrumbs.html")
def breadcrumbs(page):
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = page.get_ancestors().filter(depth__gte=2).specific(defer=True)
    return {"ancestors": list(ancestors), "page": page}


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
    from home.embeds import embed_src as resolve

    return resolve(url)
