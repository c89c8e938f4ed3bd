"""Translators work in their language only, through the real admin views.

A member of the French translators group may submit pages they can see into French, type French
strings and edit French snippets. Everything else is refused (a 403, or for page
requests the admin's standard refusal: a redirect to the dashboard with an error
message): other languages, pages they cannot see, the Spanish source, publishing.
"""

from django.urls import reverse

import pytest

from home.bootstrap import bootstrap_site, role_group
from tests import localize_helpers as lh

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(site_setup, superuser):
    """Spanish home translated into every language, groups given their homes."""
    from core.models import MainMenu
    from home.models import StandardPage

    home = site_setup["home"]
    lh.translate_directly(home, user=superuser)
    bootstrap_site()  # gives each translator group its language's home tree
    public = lh.add_page(home, StandardPage(title="Página pública", slug="publica"))
    draft = StandardPage(title="Borrador secreto", slug="secreto", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    menu = lh.publish_snippet(MainMenu(locale=home.locale, name="Menú"))
    return {"home": home, "public": public, "draft": draft, "menu": menu}


@pytest.fixture
def translator(django_user_model, world):
    user = django_user_model.objects.create_user("traductrice", "t@example.org", "pw")
    user.groups.add(role_group("translators-fr"))
    return user


@pytest.fixture
def tr_client(client, translator):
    client.force_login(translator)
    return client


@pytest.fixture
def admin(superuser):
    from django.test import Client

    admin = Client()
    admin.force_login(superuser)
    return admin


def fr_and_en_translations(admin, instance):
    lh.submit(admin, instance, codes=("en", "fr"))
    return lh.translation_for(instance, "fr"), lh.translation_for(instance, "en")


def test_submit_form_offers_only_the_translators_language(tr_client, world):
    from wagtail.models import Locale

    response = tr_client.get(lh.submit_url(world["public"]))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["locales"].queryset)
    assert offered == {Locale.objects.get(language_code="fr")}


def test_translator_submits_a_visible_page_into_their_language(tr_client, world):
    response = lh.submit(tr_client, world["public"], codes=("fr",))
    assert response.status_code == 302
    target = lh.translation_for(world["public"], "fr").get_target_instance()
    assert not target.live
    # ...and can work on it in the translation editor.
    assert tr_client.get(lh.edit_url(target)).status_code == 200


@pytest.mark.parametrize("codes", [("en",), ("pt-br",), ("fr", "en")])
def test_submitting_into_other_languages_is_refused(tr_client, world, codes):
    assert lh.refused(lh.submit(tr_client, world["public"], codes=codes))
    assert (
        not world["public"]
        .get_translations()
        .exclude(locale__language_code="es")
        .filter(title="Página pública")
        .exists()
    )


def test_pages_the_translator_cannot_see_are_refused(tr_client, world):
    assert lh.refused(tr_client.get(lh.submit_url(world["draft"])))
    assert lh.refused(lh.submit(tr_client, world["draft"], codes=("fr",)))


def test_subtree_with_hidden_pages_is_refused(tr_client, world):
    response = lh.submit(tr_client, world["home"], codes=("fr",), include_subtree="on")
    assert lh.refused(response)


def test_translator_cannot_edit_the_spanish_source(tr_client, world):
    url = lh.edit_url(world["public"])
    assert lh.refused(tr_client.get(url))
    response = tr_client.post(url, {"title": "Cambiado", "slug": "publica"})
    assert lh.refused(response)
    world["public"].refresh_from_db()
    assert world["public"].title == "Página pública"


def test_translator_types_strings_only_in_their_language(tr_client, admin, world):
    fr, en = fr_and_en_translations(admin, world["public"])
    segment = lh.segments_of(world["public"]).get(context__path="title")
    assert lh.put_string(tr_client, fr, segment, "Page publique").status_code == 201
    assert lh.refused(lh.put_string(tr_client, en, segment, "Public page"))
    en_target = en.get_target_instance()
    assert lh.refused(tr_client.get(lh.edit_url(en_target)))
    download = reverse("wagtail_localize:download_pofile", args=[en.pk])
    assert lh.refused(tr_client.get(download))
    machine = reverse("wagtail_localize:machine_translate", args=[en.pk])
    assert lh.refused(tr_client.post(machine))


def test_translator_cannot_publish_any_language(tr_client, admin, world):
    fr, en = fr_and_en_translations(admin, world["public"])
    for translation in (en, fr):
        target = translation.get_target_instance()
        assert lh.refused(lh.publish_translation(tr_client, target))
        target.refresh_from_db()
        assert not target.live


def test_sync_is_allowed_but_publishing_every_language_is_not(tr_client, admin, world):
    fr_and_en_translations(admin, world["public"])
    assert lh.sync(tr_client, world["public"]).status_code == 302
    response = lh.sync(tr_client, world["public"], publish_translations="on")
    assert lh.refused(response)
    response = lh.sync(tr_client, world["public"], use_machine_translation="on")
    assert lh.refused(response)
    en = lh.translation_for(world["public"], "en").get_target_instance()
    en.refresh_from_db()
    assert not en.live


def test_snippets_only_in_the_translators_language(tr_client, admin, world):
    menu = world["menu"]
    # The Spanish source: no.
    assert lh.refused(tr_client.get(lh.edit_url(menu)))
    # Submitting: French yes, English no.
    assert lh.refused(lh.submit(tr_client, menu, codes=("en",)))
    assert lh.submit(tr_client, menu, codes=("fr",)).status_code == 302
    lh.submit(admin, menu, codes=("en",))
    fr = lh.translation_for(menu, "fr")
    en = lh.translation_for(menu, "en")
    assert tr_client.get(lh.edit_url(fr.get_target_instance())).status_code == 200
    assert lh.refused(tr_client.get(lh.edit_url(en.get_target_instance())))
    # Publishing (snippets are published by moderators): no, in any language.
    fr_target = fr.get_target_instance()
    assert lh.refused(lh.publish_translation(tr_client, fr_target))
    fr_target.refresh_from_db()
    assert not fr_target.live


def test_snippet_strings_only_in_the_translators_language(tr_client, admin, world):
    from core.models import Footer

    footer = lh.publish_snippet(
        Footer(locale=world["home"].locale, about="<p>Hola</p>")
    )
    fr, en = fr_and_en_translations(admin, footer)
    segment = lh.segments_of(footer).first()
    assert lh.put_string(tr_client, fr, segment, "Bonjour").status_code == 201
    assert lh.refused(lh.put_string(tr_client, en, segment, "Hello"))


def test_editors_still_edit_snippets_in_every_language(client, editor, admin, world):
    lh.submit(admin, world["menu"], codes=("en",))
    client.force_login(editor)
    assert client.get(lh.edit_url(world["menu"])).status_code == 200
    en = lh.translation_for(world["menu"], "en").get_target_instance()
    assert client.get(lh.edit_url(en)).status_code == 200


def test_status_report_is_for_staff(client, tr_client, django_user_model, world):
    url = reverse("translation_status")
    assert tr_client.get(url).status_code == 200
    managers = django_user_model.objects.create_user("inbox", "i@example.org", "pw")
    managers.groups.add(role_group("inquiry-managers"))
    client.force_login(managers)
    assert lh.refused(client.get(url))
