"""Listings and link resolution in the reader's language, in batches.

Synchronised relations (topics, partners, related pages, menu entries) point at
the Spanish source objects; these helpers swap each for its live translation in
the page's language with a fixed number of queries, however many there are.
"""

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from wagtail.models import Locale, Page

# Locales by language code, per process: they change only when an administrator
# adds a language (core/invalidation.py clears this on any Locale save or delete).
_locales: dict[str, Locale] = {}


def locale_for_language(language_code):
    """The Locale of ``language_code`` (0 queries once known), else ``None``."""
    locale = _locales.get(language_code)
    if locale is None:
        try:
            locale = Locale.objects.get_for_language(language_code)
        except (Locale.DoesNotExist, LookupError):
            return None
        _locales[language_code] = locale
    return locale


def locale_by_id(locale_id):
    """The Locale with this primary key from the per-process cache, else ``None``."""
    for locale in _locales.values():
        if locale.pk == locale_id:
            return locale
    locale = Locale.objects.filter(pk=locale_id).first()
    if locale is not None:
        _locales[locale.language_code] = locale
    return locale


def clear_locale_cache():
    _locales.clear()


def default_locale():
    """``Locale.get_default()`` without a query per call."""
    return locale_for_language(settings.LANGUAGE_CODE) or Locale.get_default()


def active_locale():
    """``Locale.get_active()`` without a query per call."""
    return locale_for_language(translation.get_language() or "") or default_locale()


def _pick(objects, wanted_keys, locale_id, default_locale_id):
    by_key = {}
    for obj in objects:
        current = by_key.get(obj.translation_key)
        if current is None or obj.locale_id == locale_id:
            by_key[obj.translation_key] = obj
    return by_key


def localized_pages(page_ids, locale, *, specific=True):
    """The live pages for ``page_ids`` in ``locale`` (else the source), in order."""
    page_ids = [pk for pk in page_ids if pk]
    if not page_ids:
        return []
    keys = dict(
        Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key")
    )
    default = default_locale()
    candidates = Page.objects.live().filter(
        Q(translation_key__in=keys.values(), locale=locale)
        | Q(pk__in=page_ids, locale=default)
    )
    if specific:
        candidates = candidates.specific()
    by_key = _pick(candidates, keys.values(), locale.pk, default.pk)
    return [by_key[keys[pk]] for pk in page_ids if keys.get(pk) in by_key]


def localized_snippets(model, ids, locale):
    """The live snippets for ``ids`` in ``locale`` (else the source), in order."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return []
    keys = dict(model.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    candidates = model.objects.filter(live=True).filter(
        Q(translation_key__in=keys.values(), locale=locale) | Q(pk__in=ids)
    )
    by_key = _pick(candidates, keys.values(), locale.pk, None)
    return [by_key[keys[pk]] for pk in ids if keys.get(pk) in by_key]


def snippet_for_locale(model, locale):
    """The published snippet of this language, else the default language's."""
    candidates = list(
        model.objects.filter(live=True, locale__in=[locale, default_locale()])
    )
    for obj in candidates:
        if obj.locale_id == locale.pk:
            return obj
    return candidates[0] if candidates else None
