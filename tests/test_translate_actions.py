"""Who translates at CLAC, and the admin never offers what a user cannot complete.

The communications officers (editors and moderators) translate into every
language; outside translators into their group's one. "Translate this page" and
"Translate" appear only when a language is left for the user; opened anyway (an
old link), the form is not shown empty: the user goes back with the reason, in
the admin's language.
"""

from django.urls import reverse

from wagtail import hooks
from wagtail.users.models import UserProfile
from wagtail_localize import wagtail_hooks as localize_hooks

import pytest
from bs4 import BeautifulSoup

from core import wagtail_hooks as core_hooks
from home.bootstrap import bootstrap_site, role_group
from tests import localize_helpers as lh

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_setup, superuser):
    from core.models import MainMenu
    from home.models import StandardPage

    home = site_setup["home"]
    lh.translate_directly(home, user=superuser)
    bootstrap_site()
    page = lh.add_page(home, StandardPage(title="Quiénes somos", slug="quienes"))
    menu = lh.publish_snippet(MainMenu(locale=home.locale, name="Menú principal"))
    return {"home": home, "page": page, "menu": menu}


def member(django_user_model, client, role, username):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.org", "pw", first_name="Ana", last_name="Ruiz"
    )
    user.groups.add(role_group(role))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(user)
    return client


def offered_codes(response):
    return {
        locale.language_code
        for locale in response.context["form"].fields["locales"].queryset
    }


def status_cells(response, page):
    """The translation status report's cells for ``page``, by language."""
    row = BeautifulSoup(response.content, "html.parser").find(
        "tr", attrs={"data-page": str(page.pk)}
    )
    return {td["data-locale"]: str(td) for td in row.find_all("td")}


def header_html(client, page):
    return client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()


@pytest.mark.parametrize("role", ["editors", "moderators"])
def test_officers_translate_pages_and_snippets_into_every_language(
    django_user_model, client, world, role
):
    member(django_user_model, client, role, "oficial")
    response = client.get(lh.submit_url(world["page"]))
    assert response.status_code == 200
    assert offered_codes(response) == {"en", "pt-br", "fr"}
    # The choice is of languages ("Regiones" in wagtail-localize's Spanish).
    assert "Idiomas" in response.content.decode()
    assert "Regiones" not in response.content.decode()
    assert 'type="checkbox" name="select_all"' in response.content.decode()
    assert lh.submit_url(world["page"]) in header_html(client, world["page"])

    response = client.get(lh.submit_url(world["menu"]))
    assert response.status_code == 200
    assert offered_codes(response) == {"en", "pt-br", "fr"}

    response = lh.submit(client, world["page"], codes=("fr",))
    assert response.status_code == 302
    target = lh.translation_for(world["page"], "fr").get_target_instance()
    assert client.get(lh.edit_url(target)).status_code == 200


def test_a_translator_is_offered_their_language_only_while_it_is_missing(
    django_user_model, client, world
):
    member(django_user_model, client, "translators-fr", "traductrice")
    page = world["page"]
    response = client.get(lh.submit_url(page))
    assert offered_codes(response) == {"fr"}
    # One language: no "Select all" over it.
    assert 'type="checkbox" name="select_all"' not in response.content.decode()
    # The translator reaches Spanish pages from the translation status report,
    # which offers actions in French only.
    report = reverse("translation_status")
    cells = status_cells(client.get(report), page)
    assert "select_locale=fr" in cells["fr"]
    assert "<a " not in cells["en"] and "<a " not in cells["pt-br"]

    assert lh.submit(client, page, codes=("fr",)).status_code == 302
    # French exists now: the report's French cell edits it, and an old
    # "translate" link explains why there is nothing left to choose.
    cells = status_cells(client.get(report), page)
    assert "select_locale" not in cells["fr"]
    response = client.get(lh.submit_url(page), follow=True)
    assert response.redirect_chain
    text = response.content.decode()
    assert "ya existe en todos los idiomas a los que traduces" in text
    assert 'name="locales"' not in text


def test_snippet_translate_button_only_with_a_language_left(
    django_user_model, client, world, superuser
):
    menu = world["menu"]
    listing = reverse("wagtailsnippets_core_mainmenu:list")
    member(django_user_model, client, "translators-fr", "traductrice")
    assert lh.submit_url(menu) in client.get(listing).content.decode()
    lh.translate_directly(menu, codes=("fr",), user=superuser)
    assert lh.submit_url(menu) not in client.get(listing).content.decode()


def test_a_user_without_languages_gets_the_reason_in_spanish(
    django_user_model, client, world
):
    from django.contrib.auth.models import Group, Permission

    # An administrator's own group with the permission but no translator role.
    group = Group.objects.create(name="Prensa")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    user = django_user_model.objects.create_user("prensa", "p@example.org", "pw")
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    client.force_login(user)
    response = client.get(lh.submit_url(world["page"]), follow=True)
    assert "Tu cuenta no traduce a ningún idioma" in response.content.decode()


def test_inquiry_managers_are_not_offered_translation(django_user_model, client, world):
    member(django_user_model, client, "inquiry-managers", "gestora")
    assert lh.submit_url(world["page"]) not in header_html(client, world["page"])


def test_our_buttons_replace_wagtail_localizes_in_the_hook_registry():
    """Pins the swap in core/wagtail_hooks.py: breaks when an upgrade of Wagtail or
    wagtail-localize renames the functions or changes the registry."""
    for name, (theirs, ours) in core_hooks._REPLACED_HOOKS.items():
        registered = hooks.get_hooks(name)
        assert ours in registered, name
        assert theirs not in registered, name
    assert core_hooks._REPLACED_HOOKS["register_page_header_buttons"][0] is (
        localize_hooks.page_listing_more_buttons
    )
