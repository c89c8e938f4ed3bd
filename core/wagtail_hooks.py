from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

from .models import CallToAction, Footer, MainMenu
from .translation import (
    languages_to_translate,
    mark_untranslated,
    may_sync,
    snippet_languages,
)
from .translation_views import (
    localize_urlpatterns,
    translation_status,
    user_can_see_status,
)
from .two_factor.views import ResetTwoFactorView, TwoFactorView


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"


class CallToActionViewSet(SnippetViewSet):
    model = CallToAction
    icon = "pick"


class SiteChromeGroup(SnippetViewSetGroup):
    menu_label = _("Menus and footer")
    menu_icon = "list-ul"
    menu_order = 300
    items = (MainMenuViewSet, FooterViewSet, CallToActionViewSet)


register_snippet(SiteChromeGroup)


# --- Translation: guarded wagtail-localize views, status report, snippet languages ----


@hooks.register("register_admin_urls", order=-1)
def register_guarded_localize_urls():
    """wagtail-localize's paths with CLAC's language and page-tree rules.

    Registered before wagtail-localize's own (order -1), at the same paths, so the
    first match is ours; its URL names still reverse to these paths.
    """
    return [
        path("localize/", include((localize_urlpatterns(), "clac_localize"))),
        path(
            "reports/translation-status/", translation_status, name="translation_status"
        ),
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_status(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        icon_name="site",
        order=8900,
    )


@hooks.register("construct_reports_menu")
def hide_localize_translations_report(request, menu_items):
    """One translation report: ours ("Translation status"). wagtail-localize's
    English-only "Translations" list is dropped from the menu (matched by URL: its
    item's name is a slug of its label in whichever language built the menu)."""
    url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != url]


def _translation_buttons(buttons, user, instance, submit_url):
    """wagtail-localize's "Translate" and "Sync" buttons, kept only when ``user`` can
    complete them: a language is left to translate into (their own languages, less
    those that exist), or they work on one of the synced translations."""
    source = None
    for button in buttons:
        if button.url == submit_url:
            if not languages_to_translate(user, instance, check_destination=False):
                continue
        elif "/localize/update/" in (button.url or ""):
            source = source or TranslationSource.objects.get_for_instance_or_none(
                instance
            )
            if source is None or not may_sync(user, source):
                continue
        yield button


def page_translation_buttons(page, user, view_name=None, next_url=None):
    buttons = localize_hooks.page_listing_more_buttons(
        page, user, view_name=view_name, next_url=next_url
    )
    submit_url = reverse(
        "wagtail_localize:submit_page_translation", args=[page.alias_of_id or page.id]
    )
    instance = Page.objects.get(pk=page.alias_of_id) if page.alias_of_id else page
    return _translation_buttons(buttons, user, instance, submit_url)


def snippet_translation_buttons(snippet, user, next_url=None):
    buttons = localize_hooks.register_snippet_listing_buttons(
        snippet, user, next_url=next_url
    )
    model = type(snippet)
    submit_url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[model._meta.app_label, model._meta.model_name, quote(snippet.pk)],
    )
    return _translation_buttons(buttons, user, snippet, submit_url)


# wagtail-localize registers these buttons without a language check and Wagtail
# offers no hook to filter the page header's buttons, so ours take the place of
# its functions in the hook registry (pinned by tests/test_translate_actions.py,
# which fails if an upgrade renames them or changes the registry).
_REPLACED_HOOKS = {
    "register_page_header_buttons": (
        localize_hooks.page_listing_more_buttons,
        page_translation_buttons,
    ),
    "register_page_listing_more_buttons": (
        localize_hooks.page_listing_more_buttons,
        page_translation_buttons,
    ),
    "register_snippet_listing_buttons": (
        localize_hooks.register_snippet_listing_buttons,
        snippet_translation_buttons,
    ),
}
for _name, (_theirs, _ours) in _REPLACED_HOOKS.items():
    hooks._hooks[_name] = [
        (_ours if fn is _theirs else fn, order) for fn, order in hooks._hooks[_name]
    ]


def _refuse_snippet_outside_languages(request, instance):
    locale = getattr(instance, "locale", None)
    if locale is None or not isinstance(instance, TranslatableMixin):
        return
    if locale.language_code not in snippet_languages(request.user, type(instance)):
        raise PermissionDenied


@hooks.register("before_edit_snippet", order=-1)
def refuse_editing_snippet_in_other_language(request, instance):
    """A translator edits snippets (and their translations) only in their languages."""
    _refuse_snippet_outside_languages(request, instance)


@hooks.register("before_delete_snippet", order=-1)
def refuse_deleting_snippet_in_other_language(request, instances):
    for instance in instances:
        _refuse_snippet_outside_languages(request, instance)


# --- Readers: an untranslated page is the Spanish page, said so ----------------------


@hooks.register("before_serve_page", order=-10)
def serve_untranslated_page_as_source(page, request, serve_args, serve_kwargs):
    """Never pass a copy of the Spanish page off as a translation.

    * wagtail-localize's alias pages (copies of the source made for untranslated
      parents, ``alias_of`` set, in another language) serve the source page itself;
    * Wagtail serves the Spanish home tree under ``/en/`` while no English home
      exists (``Site.root_page.localized`` falls back to the source).

    Both get a notice in the reader's language and a canonical link to the Spanish
    URL (the template uses the page actually rendered, which is the source).
    """
    language = translation.get_language()
    if page.alias_of_id:
        source = Page.objects.select_related("locale").get(pk=page.alias_of_id)
        if source.locale_id != page.locale_id:
            if not source.live:
                raise Http404
            mark_untranslated(request, language, source)
            return source.specific.serve(request, *serve_args, **serve_kwargs)
    if page.locale.language_code != language:
        mark_untranslated(request, language, page)
    return None


# --- Two-factor sign-in (core/two_factor) ---------------------------------------------


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/", TwoFactorView.as_view(), name="clac_two_factor"),
        path(
            "two-factor/reset/<int:user_id>/",
            ResetTwoFactorView.as_view(),
            name="clac_two_factor_reset",
        ),
    ]


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("clac_two_factor"),
        "label": _("Two-factor sign-in"),
        "help_text": _(
            "Sign in with a code from an authenticator app too; recovery codes."
        ),
    }


@hooks.register("register_user_listing_buttons")
def two_factor_reset_button(user, request_user):
    """Superusers remove a person's second factor (a lost phone) from the users list."""
    if not request_user.is_superuser:
        return []
    return [
        Button(
            _("Reset two-factor sign-in"),
            url=reverse("clac_two_factor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
