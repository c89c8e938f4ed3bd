"""Head tags for search engines and sharing: description, canonical, hreflang,
OpenGraph, Twitter card and JSON-LD (rendered by includes/seo_head.html)."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from core.seo import absolute_url as _absolute
from core.seo import site_settings
from core.templatetags.clac_tags import page_translations

register = template.Library()

# OpenGraph locales (language_TERRITORY). Spanish is CLAC's Latin American
# Spanish: Facebook's code for it is es_LA (es_419 is not in its list).
OG_LOCALES = {"es": "es_LA", "en": "en_US", "pt-br": "pt_BR", "fr": "fr_FR"}
SHARE_IMAGE_SPEC = "fill-1200x630|format-jpeg|jpegquality-80"
DESCRIPTION_FIELDS = (
    "search_description",
    "summary",
    "intro",
    "tagline",
    "headline",
    "goal",
)

# The escapes of Django's json_script: "<", ">" and "&" can't end the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def og_locale(language_code):
    return OG_LOCALES.get((language_code or "").lower(), "es_LA")


def page_description(page):
    for field in DESCRIPTION_FIELDS:
        value = getattr(page, field, "") or ""
        if isinstance(value, str) and value.strip():
            return Truncator(" ".join(value.split())).chars(200)
    return ""


def _site_base(page, request):
    if page is not None:
        full = page.get_full_url(request) or ""
        parts = full.split("/", 3)
        if len(parts) >= 3 and parts[0] in ("http:", "https:"):
            return "/".join(parts[:3])
    return settings.SITE_URL


def share_image(page, request):
    """The page's share image, else its main image, else the site's default."""
    image = page.get_share_image() if hasattr(page, "get_share_image") else None
    alt = ""
    if image is not None and image == getattr(page, "hero_image", None):
        alt = getattr(page, "hero_image_alt", "")
    if image is None and request is not None:
        image = site_settings(request).default_share_image
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": rendition.url,
        "width": rendition.width,
        "height": rendition.height,
        "alt": alt or _image_own_alt(image),
    }


def _image_own_alt(image):
    """An image's own description is written in the source language (Spanish): use
    it only on pages in that language, never as the alt of a translated page."""
    if get_language() != settings.LANGUAGE_CODE:
        return ""
    return getattr(image, "description", "") or image.title


def json_ld_script(data):
    """A ``<script type="application/ld+json">`` that no string can break out of."""
    payload = json.dumps(data, ensure_ascii=False, default=str)
    payload = payload.translate(_JSON_SCRIPT_ESCAPES)
    safe_payload = mark_safe(payload)  # noqa: S308 - <, > and & escaped above
    return format_html('<script type="application/ld+json">{}</script>', safe_payload)


@register.simple_tag(takes_context=True)
def seo_data(context):
    """Everything the head needs for the current page (or a plain view)."""
    page = context.get("page")
    request = context.get("request")
    language = get_language() or settings.LANGUAGE_CODE
    if page is None or not getattr(page, "pk", None):
        return {
            "page": None,
            "site_name": "CLAC",
            "og_locale": og_locale(language),
            "request": request,
        }
    specific = getattr(page, "specific_deferred", page)
    base = _site_base(page, request)
    canonical = page.get_full_url(request)
    news_items = context.get("news_items")
    number = getattr(news_items, "number", 1)
    if isinstance(number, int) and number > 1:
        canonical = f"{canonical}?page={number}"
    # Cached per page and cache version, and kept on the request.
    translations = page_translations(page, request)
    image = share_image(specific, request)
    if image is not None:
        image["absolute_url"] = _absolute(image["url"], base)
    seo = {
        "page": specific,
        "site_name": "CLAC",
        "title": specific.seo_title or specific.title,
        "description": page_description(specific),
        "canonical": canonical,
        "base": base,
        "og_type": "article" if hasattr(specific, "news_type") else "website",
        "og_locale": og_locale(page.locale.language_code),
        "og_locale_alternates": [
            og_locale(t["code"]) for t in translations if t["page"].pk != page.pk
        ],
        "image": image,
        "published": getattr(specific, "date", None),
    }
    get_json_ld = getattr(specific, "get_json_ld", None)
    data = get_json_ld(context, seo) if get_json_ld else None
    seo["json_ld"] = json_ld_script(data) if data else ""
    return seo
