"""Listings and link resolution in the reader's language, in batches.

Synchronised relations (topics, partners, related pages, menu entries) point at
the Spanish source objects; these helpers swap each for its live translation in
the page's language in one query, however many there are.
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import translation

from wagtail.models import Locale, Page

from core.restrictions import public

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


def _choose(rows, locale_id, fallback_ok):
    """One row per translation key: the one in ``locale_id``, else the linked row
    when ``fallback_ok(row)`` (rows carry ``is_linked``)."""
    chosen = {}
    for row in rows:
        current = chosen.get(row.translation_key)
        in_locale = row.locale_id == locale_id
        if in_locale or (current is None and row.is_linked and fallback_ok(row)):
            chosen[row.translation_key] = row
    return chosen


def _in_order(chosen, rows_by_pk, ids, keep_missing=False):
    result = []
    for pk in ids:
        row = rows_by_pk.get(pk)
        if row is not None and row.translation_key in chosen:
            result.append(chosen[row.translation_key])
        elif keep_missing:
            result.append(None)
    return result


def localized_pages(page_ids, locale, *, specific=False, keep_missing=False):
    """The live pages for ``page_ids`` in ``locale`` (else the linked page when it
    is in the default language), in order. One query (plus one per page type with
    ``specific``). With ``keep_missing``, ``None`` stands for a page not shown, so
    the result lines up with ``page_ids``."""
    page_ids = [pk for pk in page_ids if pk]
    if not page_ids:
        return []
    linked = Page.objects.filter(pk__in=page_ids)
    rows = Page.objects.filter(
        Q(pk__in=page_ids)
        | Q(
            translation_key__in=linked.values("translation_key"),
            locale_id=locale.pk,
            live=True,
        )
    ).annotate(is_linked=Exists(linked.filter(pk=OuterRef("pk"))))
    if specific:
        rows = rows.specific()
    rows = list(rows)
    default_id = default_locale().pk
    chosen = _choose(
        [row for row in rows if row.live],
        locale.pk,
        lambda row: row.locale_id == default_id,
    )
    return _in_order(chosen, {row.pk: row for row in rows}, page_ids, keep_missing)


def localized_snippets(model, ids, locale, *, select_related=()):
    """The live snippets for ``ids`` in ``locale`` (else as linked), in order. One query."""
    ids = [pk for pk in ids if pk]
    if not ids:
        return []
    linked = model.objects.filter(pk__in=ids)
    rows = list(
        model.objects.filter(
            Q(pk__in=ids)
            | Q(
                translation_key__in=linked.values("translation_key"),
                locale_id=locale.pk,
            )
        )
        .annotate(is_linked=Exists(linked.filter(pk=OuterRef("pk"))))
        .select_related(*select_related)
    )
    chosen = _choose([row for row in rows if row.live], locale.pk, lambda row: True)
    return _in_order(chosen, {row.pk: row for row in rows}, ids)


def localized_related(model, links, field, locale, *, select_related=()):
    """The live ``model`` objects that ``links`` (a query set of orderable rows)
    point at through ``field``, each in ``locale`` when translated, else as
    linked, in the rows' order. One query however many rows, without loading the
    rows first (a campaign may list a thousand partners)."""
    linked_ids = links.values(field)
    linked_keys = model.objects.filter(pk__in=linked_ids).values("translation_key")
    link = links.filter(
        **{f"{field}__translation_key": OuterRef("translation_key")}
    ).order_by("sort_order", "pk")
    rows = (
        model.objects.filter(
            Q(pk__in=linked_ids)
            | Q(translation_key__in=linked_keys, locale_id=locale.pk)
        )
        .filter(live=True)
        .annotate(
            is_linked=Exists(links.filter(**{field: OuterRef("pk")})),
            link_order=Subquery(link.values("sort_order")[:1]),
            link_pk=Subquery(link.values("pk")[:1]),
        )
        .select_related(*select_related)
    )
    if model is Page or issubclass(model, Page):
        rows = public(rows)
        default_id = default_locale().pk
        chosen = _choose(rows, locale.pk, lambda row: row.locale_id == default_id)
    else:
        chosen = _choose(rows, locale.pk, lambda row: True)
    # Rows made outside the admin may have no sort order: then by when linked.
    return sorted(
        chosen.values(),
        key=lambda row: (row.link_order is not None, row.link_order or 0, row.link_pk),
    )


def snippet_for_locale(model, locale):
    """The published snippet of this language, else the default language's."""
    candidates = list(
        model.objects.filter(live=True, locale__in=[locale, default_locale()])
    )
    for obj in candidates:
        if obj.locale_id == locale.pk:
            return obj
    return candidates[0] if candidates else None
