"""Who may translate what, and where each translation stands.

wagtail-localize checks one global permission (``submit_translation``) and, for
snippets, only the model-level ``change`` permission. CLAC's translators work
in one language each, so these rules add the language and the page tree:

* a member of the French translators' group submits, syncs and edits
  translations into French only; the communications officers (editors and
  moderators, whose roles translate into every language) and superusers into
  every language;
* a page may be submitted only when the translator may see it (it is published
  and public, or it lies in their part of the page tree) and its French
  translation would land under a page they may edit;
* a snippet in a language is edited only by someone whose group covers that
  language, unless a non-translator group (Editors, Moderators) grants them
  that snippet type everywhere.

Page editing and publishing keep Wagtail's own page permissions: translators
have ``change_page`` on their language's home page tree and no ``publish_page``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

ALL_LANGUAGES = frozenset(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


def translator_languages(user) -> frozenset[str]:
    """The content languages ``user`` translates into (every one for superusers)."""
    if not user.is_active or user.is_anonymous:
        return frozenset()
    if user.is_superuser:
        return ALL_LANGUAGES
    cached = getattr(user, "_clac_translator_languages", None)
    if cached is None:
        # The translator role's language (core.models.GroupRole), never the
        # group's name: administrators may rename groups.
        roles = user.groups.filter(clac_role__isnull=False).values_list(
            "clac_role__language", "clac_role__translates_every_language"
        )
        languages = set()
        for language, every_language in roles:
            if every_language:
                languages = set(ALL_LANGUAGES)
                break
            if language in ALL_LANGUAGES:
                languages.add(language)
        cached = frozenset(languages)
        user._clac_translator_languages = cached
    return cached


def snippet_languages(user, model) -> frozenset[str]:
    """Languages in which ``user`` may edit snippets of ``model``.

    Every language when a permission for the model comes from the user directly or
    from a group that is not a translator group (by its role, not its name);
    otherwise the translator languages.
    """
    if not user.is_active or user.is_anonymous:
        return frozenset()
    if user.is_superuser:
        return ALL_LANGUAGES
    cache = user.__dict__.setdefault("_clac_snippet_languages", {})
    key = model._meta.label_lower
    if key not in cache:
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=False
        )
        codenames = [get_permission_codename(a, model._meta) for a in ("add", "change")]
        everywhere = (
            Permission.objects.filter(content_type=content_type, codename__in=codenames)
            .filter(
                Q(user=user)
                | (
                    Q(group__user=user)
                    & ~Q(group__clac_role__language__in=ALL_LANGUAGES)
                )
            )
            .exists()
        )
        cache[key] = ALL_LANGUAGES if everywhere else translator_languages(user)
    return cache[key]


def is_public(page: Page) -> bool:
    """Published and without a view restriction on it or an ancestor."""
    if not page.live:
        return False
    return not PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).exists()


def may_see_page(user, page: Page) -> bool:
    """Readers can see it, or it is in the user's part of the admin page tree."""
    if user.is_superuser:
        return True
    if is_public(page):
        return True
    return PagePermissionPolicy().explorable_instances(user).filter(pk=page.pk).exists()


def may_see_subtree(user, page: Page) -> bool:
    """Every descendant is visible to ``user`` (for "include subtree")."""
    if user.is_superuser:
        return True
    descendants = Page.objects.descendant_of(page)
    restricted_paths = PageViewRestriction.objects.filter(
        page__path__startswith=page.path
    ).values_list("page__path", flat=True)
    hidden = descendants.filter(live=False)
    for path in restricted_paths:
        hidden = hidden | descendants.filter(path__startswith=path)
    if not hidden.exists():
        return True
    explorable = PagePermissionPolicy().explorable_instances(user)
    return not hidden.exclude(pk__in=explorable.values("pk")).exists()


def destination_editable(user, page: Page, locale) -> bool:
    """The translation of ``page`` into ``locale`` would land where ``user`` may edit.

    The nearest ancestor that already exists in ``locale`` (not as an alias) must
    be editable by the user; without one, only a superuser may start the language.
    """
    if user.is_superuser:
        return True
    existing = page.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return existing.permissions_for_user(user).can_edit()
    ancestors = page.get_ancestors().filter(depth__gte=2).order_by("-depth")
    keys = list(ancestors.values_list("translation_key", flat=True))
    translated = {
        p.translation_key: p
        for p in Page.objects.filter(
            translation_key__in=keys, locale=locale, alias_of__isnull=True
        )
    }
    for key in keys:
        if key in translated:
            return translated[key].permissions_for_user(user).can_edit()
    return False


def languages_to_translate(user, instance, *, check_destination=True) -> list[str]:
    """The languages ``user`` may still translate ``instance`` into, in site order.

    Their translator languages, less those the object already exists in (an alias
    page does not count: it can become a translation), and for pages less those
    whose translation would land outside the part of the tree they may edit
    (``check_destination=False`` skips that check where a listing cannot afford it;
    the submit view always makes it).
    """
    if isinstance(instance, Page):
        allowed = translator_languages(user)
        existing = instance.get_translations(inclusive=True).filter(
            alias_of__isnull=True
        )
    else:
        allowed = snippet_languages(user, type(instance)) & translator_languages(user)
        existing = instance.get_translations(inclusive=True)
    if not allowed:
        return []
    taken = set(existing.values_list("locale__language_code", flat=True))
    languages = [
        code
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code in allowed and code not in taken
    ]
    if check_destination and isinstance(instance, Page):
        from_locale = {
            locale.language_code: locale
            for locale in Locale.objects.filter(language_code__in=languages)
        }
        languages = [
            code
            for code in languages
            if code in from_locale
            and destination_editable(user, instance, from_locale[code])
        ]
    return languages


def may_sync(user, source: TranslationSource) -> bool:
    """``user`` works on at least one language of this source's translations (the
    rule ``BoundUpdateTranslationsView`` applies, by language)."""
    if user.is_superuser:
        return True
    targets = set(
        source.translations.filter(enabled=True).values_list(
            "target_locale__language_code", flat=True
        )
    )
    return bool(targets & translator_languages(user))


def can_edit_target(user, instance) -> bool:
    """May ``user`` edit this translated page or snippet?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return instance.locale.language_code in snippet_languages(user, type(instance))


def can_publish_target(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    model = type(instance)
    permission = (
        f"{model._meta.app_label}.{get_permission_codename('publish', model._meta)}"
    )
    return can_edit_target(user, instance) and (
        user.is_superuser or user.has_perm(permission)
    )


# --- Translation status -----------------------------------------------------------

MISSING = "missing"
DRAFT = "draft"
OUTDATED = "outdated"
UP_TO_DATE = "up_to_date"
STATUSES = (MISSING, DRAFT, OUTDATED, UP_TO_DATE)


def page_translation_status(source_pages, locales):
    """Status of each source page in each locale, with a fixed number of queries.

    ``source_pages`` are pages in the default language; ``locales`` the other ones.
    Returns ``{translation_key: {locale_id: cell}}`` where a cell is a dict with
    ``status`` (missing, draft, outdated, up_to_date), ``page_id`` of the
    translation, ``source_id`` of its TranslationSource and ``needs_sync``.

    * missing: no translated page (an alias copy of the source does not count);
    * draft: a translation exists but was never published;
    * outdated: the source was published after its last sync (``needs_sync``), or
      the last sync brought changes the translation has not published yet;
    * up to date: otherwise.
    """
    sources_by_key = {page.translation_key: page for page in source_pages}
    keys = list(sources_by_key)
    locale_ids = [locale.pk for locale in locales]
    translated = Page.objects.filter(
        translation_key__in=keys, locale_id__in=locale_ids, alias_of__isnull=True
    ).values("pk", "translation_key", "locale_id", "live", "last_published_at")
    synced = {
        row["object_id"]: row
        for row in TranslationSource.objects.filter(
            object_id__in=keys, locale_id__in={p.locale_id for p in source_pages}
        ).values("pk", "object_id", "last_updated_at")
    }
    pages = {(row["translation_key"], row["locale_id"]): row for row in translated}
    result = {}
    for key, source_page in sources_by_key.items():
        source = synced.get(key)
        needs_sync = bool(
            source
            and source_page.last_published_at
            and source["last_updated_at"] < source_page.last_published_at
        )
        row = {}
        for locale_id in locale_ids:
            page = pages.get((key, locale_id))
            cell = {
                "page_id": page["pk"] if page else None,
                "source_id": source["pk"] if source else None,
                "needs_sync": False,
            }
            if page is None:
                cell["status"] = MISSING
            elif not page["live"]:
                cell["status"] = DRAFT
            elif needs_sync:
                cell.update(status=OUTDATED, needs_sync=True)
            elif (
                source
                and page["last_published_at"]
                and page["last_published_at"] < source["last_updated_at"]
            ) or (
                source is None
                and source_page.last_published_at
                and page["last_published_at"]
                and page["last_published_at"] < source_page.last_published_at
            ):
                cell["status"] = OUTDATED
            else:
                cell["status"] = UP_TO_DATE
            row[locale_id] = cell
        result[key] = row
    _add_progress(result, locale_ids)
    return result


def _add_progress(result, locale_ids):
    """Add ``done`` and ``total`` string counts to each cell with a source."""
    source_ids = {
        cell["source_id"]
        for row in result.values()
        for cell in row.values()
        if cell["source_id"]
    }
    if not source_ids:
        return
    segments = StringSegment.objects.filter(source_id__in=source_ids)
    totals = dict(
        segments.values("source_id")
        .annotate(n=Count("pk"))
        .values_list("source_id", "n")
    )
    done = {}
    for locale_id in locale_ids:
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_id,
            has_error=False,
        )
        done[locale_id] = dict(
            segments.filter(Exists(translated))
            .values("source_id")
            .annotate(n=Count("pk"))
            .values_list("source_id", "n")
        )
    for row in result.values():
        for locale_id, cell in row.items():
            if cell["source_id"] and cell["page_id"]:
                cell["total"] = totals.get(cell["source_id"], 0)
                cell["done"] = done[locale_id].get(cell["source_id"], 0)


# --- Readers ---------------------------------------------------------------------------

UNTRANSLATED_NOTICES = {
    "en": _("This page is not yet available in English; here it is in Spanish."),
    "pt-br": _("This page is not yet available in Portuguese; here it is in Spanish."),
    "fr": _("This page is not yet available in French; here it is in Spanish."),
}
UNTRANSLATED_NOTICE_DEFAULT = _(
    "This page is not yet available in your language; here it is in Spanish."
)


def mark_untranslated(request, language: str, source: Page) -> None:
    """Flag the request: the reader asked for ``language`` and gets ``source``."""
    request.clac_untranslated = {
        "language": language,
        "source_language": source.locale.language_code,
        "notice": UNTRANSLATED_NOTICES.get(language, UNTRANSLATED_NOTICE_DEFAULT),
    }


# wagtail-localize's msgids, translated by its catalogs: called through a name that
# `makemessages` does not extract, so they stay out of ours.
_wl = gettext


def translation_comment(string_translation) -> str:
    """wagtail-localize's ``StringTranslation.get_comment`` with the date in the
    reader's language ("1 de diciembre de 2026"): upstream formats it with
    ``strftime`` (always English). Installed by ``CoreConfig.ready``; the strings
    are wagtail-localize's own, so its catalogs (and our overrides) translate them."""
    date = formats.date_format(string_translation.updated_at, "DATE_FORMAT")
    if string_translation.tool_name:
        return _wl("Translated with {tool_name} on {date}").format(
            tool_name=string_translation.tool_name, date=date
        )
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL:
        return _wl("Translated manually on {date}").format(date=date)
    if (
        string_translation.translation_type
        == StringTranslation.TRANSLATION_TYPE_MACHINE
    ):
        return _wl("Machine translated on {date}").format(date=date)
    return ""
