"""wagtail-localize's admin views with CLAC's translation boundaries.

Registered at wagtail-localize's own paths, ahead of its URLs (see
``core/wagtail_hooks.py``), so every link and script in its editor reaches these.
The rules themselves live in ``core/translation.py``.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation, submit_translations
from wagtail_localize.views.update_translations import UpdateTranslationsView

from core import glossary
from core.machine_translation import MachineTranslationError, glossary_breaches
from core.models import MachineGlossary
from core.translation import (
    DRAFT,
    MISSING,
    OUTDATED,
    STATUSES,
    UP_TO_DATE,
    can_edit_target,
    can_publish_target,
    destination_editable,
    languages_to_translate,
    may_see_page,
    may_see_subtree,
    page_translation_status,
    snippet_languages,
    translator_languages,
)


def _posted_locales(request) -> list[Locale]:
    ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
    return list(Locale.objects.filter(pk__in=ids))


class LanguageBoundSubmitMixin:
    """Offer and accept only the languages the user translates into.

    With no language left to offer, the form is not shown: the user goes back
    with a message that says why (every language they translate into exists
    already, or their account translates into none).
    """

    def allowed_languages(self):
        return translator_languages(self.request.user)

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(
            language_code__in=languages_to_translate(self.request.user, self.object)
        )
        if len(field.queryset) < 2:  # "Select all" over one language says nothing
            form.fields["select_all"].widget = forms.HiddenInput()
        return form

    def nothing_to_translate(self):
        """A redirect with the reason when no language is left for this user."""
        user = self.request.user
        if languages_to_translate(user, self.object):
            return None
        if not self.allowed_languages():
            message = _(
                "Your account does not translate into any language. An "
                "administrator can add you to a translators' group."
            )
        else:
            message = _(
                "“%(title)s” already exists in every language you translate into. "
                "Its translations are in the translation status report."
            ) % {"title": str(self.object)}
        messages.warning(self.request, message)
        return redirect(self.get_success_url() or self.get_default_success_url())

    def check_permissions(self):
        """Raise PermissionDenied unless the user may translate this object."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        self.object = self.get_object()
        self.check_permissions()
        if request.method == "GET" and (refusal := self.nothing_to_translate()):
            return refusal
        if request.method == "POST":
            allowed = self.allowed_languages()
            for locale in _posted_locales(request):
                if locale.language_code not in allowed:
                    raise PermissionDenied
                self.check_locale(locale)
        return super().dispatch(request, *args, **kwargs)

    def check_locale(self, locale):
        """Raise PermissionDenied unless the object may be translated into ``locale``."""


class SubmitPageTranslationView(
    LanguageBoundSubmitMixin, submit_translations.SubmitPageTranslationView
):
    def check_permissions(self):
        user = self.request.user
        if not may_see_page(user, self.object):
            raise PermissionDenied
        if (
            self.request.method == "POST"
            and self.request.POST.get("include_subtree")
            and not may_see_subtree(user, self.object)
        ):
            raise PermissionDenied

    def check_locale(self, locale):
        if not destination_editable(self.request.user, self.object, locale):
            raise PermissionDenied


class SubmitSnippetTranslationView(
    LanguageBoundSubmitMixin, submit_translations.SubmitSnippetTranslationView
):
    def allowed_languages(self):
        return snippet_languages(
            self.request.user, type(self.object)
        ) & translator_languages(self.request.user)

    def check_permissions(self):
        if not snippet_languages(self.request.user, type(self.object)):
            raise PermissionDenied


class BoundUpdateTranslationsView(UpdateTranslationsView):
    """Sync a source into its translations.

    Syncing only refreshes the source text the translations are made from, so
    anyone who may see the source and works on one of its translations may do it.
    Publishing or machine-translating every translation at once needs the right
    to do so in every language.
    """

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        source = self.get_object()
        instance = source.get_source_instance()
        if isinstance(instance, Page):
            if not may_see_page(user, instance):
                raise PermissionDenied
        elif not snippet_languages(user, type(instance)):
            raise PermissionDenied
        targets = [
            translation.get_target_instance()
            for translation in source.translations.filter(enabled=True).select_related(
                "target_locale"
            )
        ]
        if not user.is_superuser and not any(can_edit_target(user, t) for t in targets):
            raise PermissionDenied
        if request.method == "POST":
            if request.POST.get("publish_translations") and not all(
                can_publish_target(user, t) for t in targets
            ):
                raise PermissionDenied
            if request.POST.get("use_machine_translation") and not all(
                can_edit_target(user, t) for t in targets
            ):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        # wagtail-localize's form_valid is one transaction: a translator that
        # fails rolls the whole sync back; the editor is told why, on the form.
        try:
            return super().form_valid(form)
        except MachineTranslationError as error:
            messages.error(self.request, error.message)
            return redirect(self.request.get_full_path())


def machine_translate(request, translation_id):
    """wagtail-localize's "Translate with …", with the translator's failure shown
    as a message in the editor (and nothing saved) instead of a server error."""
    try:
        with transaction.atomic():
            return edit_translation.machine_translate(request, translation_id)
    except MachineTranslationError as error:
        messages.error(request, error.message)
        return redirect(
            get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
        )


def translation_guard(view):
    """Refuse the translation editor's endpoints on a target the user may not edit."""

    @wraps(view)
    def wrapped(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(
            Translation.objects.select_related("target_locale", "source"),
            pk=translation_id,
        )
        if not request.user.is_superuser:
            target = translation.get_target_instance()
            if not can_edit_target(request.user, target):
                raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return wrapped


def localize_urlpatterns():
    """The wagtail-localize paths CLAC guards (mounted under ``admin/localize/``)."""
    guarded = translation_guard
    return [
        path(
            "submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="submit_page_translation",
        ),
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="submit_snippet_translation",
        ),
        path(
            "update/<int:translation_source_id>/",
            BoundUpdateTranslationsView.as_view(),
            name="update_translations",
        ),
        path(
            "translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
            guarded(edit_translation.edit_string_translation),
            name="edit_string_translation",
        ),
        path(
            "translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            guarded(edit_translation.edit_override),
            name="edit_override",
        ),
        path(
            "translate/<int:translation_id>/pofile/download/",
            guarded(edit_translation.download_pofile),
            name="download_pofile",
        ),
        path(
            "translate/<int:translation_id>/pofile/upload/",
            guarded(edit_translation.upload_pofile),
            name="upload_pofile",
        ),
        path(
            "translate/<int:translation_id>/machine_translate/",
            guarded(machine_translate),
            name="machine_translate",
        ),
        path(
            "translate/<int:translation_id>/preview/",
            guarded(edit_translation.preview_translation),
            name="preview_translation",
        ),
        path(
            "translate/<int:translation_id>/preview/<str:mode>/",
            guarded(edit_translation.preview_translation),
            name="preview_translation",
        ),
        path(
            "translate/<int:translation_id>/disable/",
            guarded(edit_translation.stop_translation),
            name="stop_translation",
        ),
    ]


# --- Translation status report ------------------------------------------------------

STATUS_LABELS = {
    MISSING: _("Missing"),
    DRAFT: _("Draft"),
    OUTDATED: _("Outdated"),
    UP_TO_DATE: _("Up to date"),
}
STATUS_PAGE_SIZE = 50


def user_can_see_status(user) -> bool:
    return user.is_superuser or (
        user.has_perm("wagtail_localize.submit_translation")
        or PagePermissionPolicy().user_has_any_permission(
            user, {"add", "change", "publish"}
        )
    )


def _cell_link(cell, source_page, locale):
    """Where the editor goes from a cell: translate, edit the translation, or sync."""
    if cell["status"] == MISSING:
        url = reverse("wagtail_localize:submit_page_translation", args=[source_page.pk])
        return url + "?" + urlencode({"select_locale": locale.language_code}), _(
            "Translate"
        )
    if cell["needs_sync"] and cell["source_id"]:
        return reverse(
            "wagtail_localize:update_translations", args=[cell["source_id"]]
        ), _("Sync")
    return reverse("wagtailadmin_pages:edit", args=[cell["page_id"]]), _("Edit")


def _problem_label(kind, word):
    if kind == glossary.FORBIDDEN:
        return _("uses “%(word)s”, which the glossary forbids") % {"word": word}
    return _("should say “%(word)s”") % {"word": word}


def translation_status(request):
    """Pages × languages: missing, draft, outdated or up to date, with counts."""
    if not user_can_see_status(request.user):
        raise PermissionDenied
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("pk"))
    source_pages = (
        Page.objects.filter(locale=default, depth__gte=2, alias_of__isnull=True)
        .only(
            "pk",
            "title",
            "draft_title",
            "depth",
            "path",
            "translation_key",
            "locale_id",
            "last_published_at",
            "live",
        )
        .order_by("path")
    )
    paginator = Paginator(source_pages, STATUS_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("p"))
    pages = list(page_obj.object_list)
    statuses = page_translation_status(pages, locales)
    breaches = glossary_breaches([page.translation_key for page in pages], locales)
    to_check = []
    counts = {locale.pk: dict.fromkeys(STATUSES, 0) for locale in locales}
    # Actions only in the languages the user works in: a translator into French
    # sees where English stands, and is offered nothing there.
    languages = translator_languages(request.user)
    rows = []
    for source_page in pages:
        cells = []
        for locale in locales:
            cell = statuses[source_page.translation_key][locale.pk]
            counts[locale.pk][cell["status"]] += 1
            url, action = (
                _cell_link(cell, source_page, locale)
                if locale.language_code in languages
                else (None, None)
            )
            cell_breaches = breaches.get((source_page.translation_key, locale.pk), [])
            cells.append(
                {
                    **cell,
                    "label": STATUS_LABELS[cell["status"]],
                    "url": url,
                    "action": action,
                    "locale": locale,
                    "breaches": len(cell_breaches),
                }
            )
            if cell_breaches:
                to_check.append(
                    {
                        "page": source_page,
                        "locale": locale,
                        "anchor": f"glossary-{source_page.pk}-{locale.language_code}",
                        "url": (
                            reverse("wagtailadmin_pages:edit", args=[cell["page_id"]])
                            if cell["page_id"] and locale.language_code in languages
                            else None
                        ),
                        "breaches": [
                            {
                                "source": breach.source,
                                "text": breach.text,
                                "tool_name": breach.tool_name,
                                "problems": [
                                    _problem_label(kind, word)
                                    for _term, kind, word in breach.problems
                                ],
                            }
                            for breach in cell_breaches
                        ],
                    }
                )
        rows.append(
            {"page": source_page, "indent": source_page.depth - 2, "cells": cells}
        )
    context = {
        "locales": locales,
        "rows": rows,
        "page_obj": page_obj,
        "paginator": paginator,
        "totals": [
            {
                "locale": locale,
                "counts": [
                    {
                        "status": status,
                        "label": STATUS_LABELS[status],
                        "count": counts[locale.pk][status],
                    }
                    for status in STATUSES
                ],
            }
            for locale in locales
        ],
        "default_locale": default,
        "to_check": to_check,
        "glossaries": MachineGlossary.objects.all(),
    }
    return TemplateResponse(request, "core/admin/translation_status.html", context)
