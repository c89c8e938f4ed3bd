"""An editor's journey through the real admin, in Spanish.

The demo editor writes a news item with an image, checks it in the side-panel
preview and in a new tab, and submits it for moderation; the demo moderator
approves and publishes it, then (the communications officers translate, no extra
group needed) translates it into French in wagtail-localize's editor and
publishes the French version, which French readers then find on the news index.
"""

import re
import time

import pytest

from tests.browser.conftest import admin_login, record_figure, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open_footer_menu(page):
    page.locator("footer .w-dropdown__toggle").first.click()


def test_editor_writes_moderator_publishes_and_translates(new_page, screenshots_dir):
    from django.contrib.auth.models import User

    from wagtail.models import Locale

    from core.translation import translator_languages
    from news.models import NewsIndexPage, NewsPage

    # Our design: the moderator's own role translates; no translators' group.
    moderator_user = User.objects.get(username="moderator")
    roles = set(moderator_user.groups.values_list("clac_role__key", flat=True))
    assert roles == {"moderators"}, roles
    assert "fr" in translator_languages(moderator_user)
    news_index = NewsIndexPage.objects.get(locale__language_code="es")
    stamp = int(time.time())
    title = f"Las cooperativas de cacao celebran una cosecha récord {stamp}"
    french_title = f"Les coopératives de cacao fêtent une récolte record {stamp}"

    # 1. The editor writes the news item and submits it for moderation.
    editor = admin_login(new_page, "editor")
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

    # 1b. The editor saves a draft and checks the preview: the reader's page, in
    # the side panel, then in a new tab. (Saved first: the add view's preview of a
    # news item not saved yet answers 500, see the branch's report; the first
    # autosave, when it wins the race, saves it too and the save lands on the
    # same edit view, core.admin_create_lock.)
    editor.locator("footer button.action-save").click()
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    editor.locator('[data-side-panel-toggle="preview"]').click()
    preview = editor.frame_locator("#w-preview-iframe")
    preview.locator("h1", has_text=title).wait_for()
    assert preview.locator("html").get_attribute("lang") == "es"
    screenshot(editor, screenshots_dir / "journey-editor-preview-panel.png")
    with editor.context.expect_page() as new_tab:
        editor.locator('a[data-w-preview-target="newTab"]').click()
    tab = new_tab.value
    tab.locator("h1", has_text=title).wait_for()
    assert (
        tab.locator("main img[alt='Productoras secan granos de cacao al sol']").count()
        == 1
    )
    screenshot(tab, screenshots_dir / "journey-editor-preview-tab.png")
    tab.close()

    # 1c. The editor submits it for moderation from the edit view.
    _open_footer_menu(editor)
    editor.locator('footer button[name="action-submit"]').click()
    editor.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    created = NewsPage.objects.get(title=title)
    assert not created.live
    assert created.hero_image_id is not None, "the news item has its image"
    assert created.current_workflow_state is not None
    assert created.current_workflow_state.status == "in_progress"

    # 2. The moderator approves: the page is published.
    moderator = admin_login(new_page, "moderator")
    moderator.goto(f"/admin/pages/{created.pk}/edit/")
    _open_footer_menu(moderator)
    moderator.locator(
        'footer [data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    moderator.wait_for_url(f"**/admin/pages/{news_index.pk}/")
    created.refresh_from_db()
    assert created.live, "approved and published"

    # 3. The moderator translates it into French in wagtail-localize's editor.
    french = Locale.objects.get(language_code="fr")
    moderator.goto(f"/admin/localize/submit/page/{created.pk}/")
    moderator.check(f'input[name="locales"][value="{french.pk}"]')
    moderator.locator("main form [type=submit]").first.click()
    moderator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    translations = {
        "Título": french_title,
        "Resumen": "Les coopératives du réseau fêtent une récolte de cacao historique.",
        "Descripción de la imagen principal": "Des productrices sèchent des fèves "
        "de cacao au soleil",
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
    translated = created.get_translation(french).specific
    assert translated.live
    assert translated.title == french_title

    # 4. French readers find it on the French news index.
    reader = new_page(locale="fr-FR")
    index_fr = news_index.get_translation(french)
    response = reader.goto(index_fr.url)
    assert response.status == 200
    assert index_fr.url.startswith("/fr/")
    link = reader.locator("main .card-title a", has_text=french_title)
    assert link.count() == 1
    link.click()
    reader.wait_for_url(f"**{translated.url}")
    assert reader.locator("h1").inner_text().strip() == french_title
    assert reader.locator("html").get_attribute("lang") == "fr"
    assert (
        reader.locator(
            "main img[alt='Des productrices sèchent des fèves de cacao au soleil']"
        ).count()
        == 1
    )
    screenshot(reader, screenshots_dir / "journey-french-reader.png")
    record_figure(
        "journeys",
        "editor journey (Spanish admin: write + image, preview in the panel and a "
        "tab, submit; moderator approves, translates into French, publishes): passed",
    )
