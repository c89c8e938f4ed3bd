"""An editor's journey through the real admin, in Spanish.

The demo editor writes a news item with an image and submits it for moderation;
the demo moderator (who also translates into English) approves and publishes it,
translates it in wagtail-localize's editor and publishes the English version,
which English readers then find on the news index.
"""

import re
import time

import pytest

from tests.browser.conftest import DEMO_PASSWORD, record_figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin_login(new_page, username):
    page = new_page(locale="es-ES")
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == "es", "the admin is in Spanish"
    return page


def _open_footer_menu(page):
    page.locator("footer .w-dropdown__toggle").first.click()


def test_editor_writes_moderator_publishes_and_translates(new_page):
    from django.contrib.auth.models import Group, User

    from wagtail.models import Locale

    from home.bootstrap import translator_group_name
    from news.models import NewsIndexPage, NewsPage

    # The moderator also translates into English (a common CLAC set-up).
    User.objects.get(username="moderator").groups.add(
        Group.objects.get(name=translator_group_name("en"))
    )
    news_index = NewsIndexPage.objects.get(locale__language_code="es")
    stamp = int(time.time())
    title = f"Las cooperativas de cacao celebran una cosecha récord {stamp}"
    english_title = f"Cocoa cooperatives celebrate a record harvest {stamp}"

    # 1. The editor writes the news item and submits it for moderation.
    editor = _admin_login(new_page, "editor")
    editor.goto(f"/admin/pages/{news_index.pk}/add_subpage/")
    editor.wait_for_url(re.compile(r"/admin/pages/add/news/newspage/\d+/"))
    editor.fill("#id_title", title)
    editor.fill(
        "#id_summary",
        "Las cooperativas de la red celebran una cosecha histórica de cacao.",
    )
    editor.fill("#id_hero_image_alt", "Productoras secan granos de cacao al sol")
    editor.locator("#id_hero_image-chooser button.chooser__choose-button").click()
    editor.locator("a[data-chooser-modal-choice]").first.click()
    editor.wait_for_load_state("networkidle")
    _open_footer_menu(editor)
    editor.locator('footer button[name="action-submit"]').click()
    # Autosave is on, as in production. Usually it has already moved the form to
    # the edit view and the submit lands on the explorer; a click while the first
    # autosave is in flight is sent to the created page's edit view instead
    # (core.admin_create_lock), where the editor submits again.
    editor.wait_for_url(re.compile(rf"/admin/pages/({news_index.pk}|\d+/edit)/"))
    if "/edit/" in editor.url:
        record_figure("journeys", "editor journey: submit raced the first autosave")
        _open_footer_menu(editor)
        editor.locator('footer button[name="action-submit"]').click()
        editor.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    created = NewsPage.objects.get(title=title)
    assert not created.live
    assert created.hero_image_id is not None, "the news item has its image"
    assert created.current_workflow_state is not None
    assert created.current_workflow_state.status == "in_progress"

    # 2. The moderator approves: the page is published.
    moderator = _admin_login(new_page, "moderator")
    moderator.goto(f"/admin/pages/{created.pk}/edit/")
    _open_footer_menu(moderator)
    moderator.locator(
        'footer [data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    moderator.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    created.refresh_from_db()
    assert created.live, "approved and published"

    # 3. The moderator translates it into English in wagtail-localize's editor.
    english = Locale.objects.get(language_code="en")
    moderator.goto(f"/admin/localize/submit/page/{created.pk}/")
    moderator.check(f'input[name="locales"][value="{english.pk}"]')
    moderator.locator("main form [type=submit]").first.click()
    moderator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    translations = {
        "Título": english_title,
        "Resumen": "The network's cooperatives celebrate a historic cocoa harvest.",
        "Descripción de la imagen principal": "Women producers dry cocoa beans in the sun",
    }
    for label, text in translations.items():
        segment = moderator.locator(
            "li", has=moderator.locator("h3", has_text=label)
        ).last
        segment.get_by_role("button", name="Traducir").click()
        segment.locator("textarea").fill(text)
        segment.get_by_role("button", name="Guardar").click()
        segment.get_by_role("button", name="Editar").wait_for()
    moderator.locator("footer button", has_text="Publicar en").first.click()
    moderator.wait_for_load_state("networkidle")
    translated = created.get_translation(english).specific
    assert translated.live
    assert translated.title == english_title

    # 4. English readers find it on the English news index.
    reader = new_page(locale="en-GB")
    index_en = news_index.get_translation(english)
    reader.goto(index_en.url)
    link = reader.locator("main .card-title a", has_text=english_title)
    assert link.count() == 1
    link.click()
    assert reader.locator("h1").inner_text().strip() == english_title
    assert reader.locator("html").get_attribute("lang") == "en"
    assert (
        reader.locator(
            "main img[alt='Women producers dry cocoa beans in the sun']"
        ).count()
        == 1
    )
    record_figure(
        "journeys",
        "editor journey (Spanish admin: write + image, submit, approve, translate, "
        "publish in English): passed",
    )
