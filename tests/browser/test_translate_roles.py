"""Who is offered what on wagtail-localize's "Translate" form, in the Spanish admin.

The communications officers (editor, moderator) translate into every language;
the French translator into French only, and an old link to the form for a page
that already exists in French sends her back with the reason; the inquiry
manager is offered no translation at all. Each step leaves a full-page
screenshot in test-artifacts/screenshots/.
"""

import re
import time

import pytest

from tests.browser.conftest import admin_login, record_figure, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ALREADY_TRANSLATED = "ya existe en todos los idiomas a los que traduces"


def _offered(page):
    """``{language code: checkbox label}`` of the form's language checkboxes."""
    from wagtail.models import Locale

    codes = dict(Locale.objects.values_list("pk", "language_code"))
    offered = {}
    for box in page.locator('input[name="locales"]').all():
        label = page.locator(f'label[for="{box.get_attribute("id")}"]')
        offered[codes[int(box.get_attribute("value"))]] = label.inner_text().strip()
    return offered


@pytest.fixture
def untranslated_news():
    """A published Spanish news item that exists in no other language."""
    from demo import tree
    from news.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(locale__language_code="es")
    stamp = int(time.time())
    return tree.publish(
        index,
        NewsPage(
            title=f"La red presenta su informe anual {stamp}",
            slug=f"informe-anual-{stamp}",
            summary="La red presenta su informe anual a las organizaciones.",
        ),
    )


def test_translate_form_offers_each_role_its_languages(
    new_page, screenshots_dir, untranslated_news
):
    from wagtail.models import Locale

    news = untranslated_news
    submit = f"/admin/localize/submit/page/{news.pk}/"
    every_language = {
        code: Locale.objects.get(language_code=code).get_display_name()
        for code in ("en", "pt-br", "fr")
    }

    # The communications officers: every language the page is missing.
    for username in ("editor", "moderator"):
        officer = admin_login(new_page, username)
        officer.goto(submit)
        officer.locator('input[name="locales"]').first.wait_for()
        assert _offered(officer) == every_language, username
        screenshot(officer, screenshots_dir / f"translate-form-{username}.png")
        record_figure(
            "translate roles",
            f"{username}: the Translate form offers "
            + ", ".join(every_language.values()),
        )

    # The French translator: French only; she submits it.
    translator = admin_login(new_page, "translator-fr")
    translator.goto(submit)
    translator.locator('input[name="locales"]').first.wait_for()
    assert _offered(translator) == {"fr": every_language["fr"]}
    screenshot(translator, screenshots_dir / "translate-form-translator-fr.png")
    record_figure(
        "translate roles",
        f"translator-fr: the Translate form offers {every_language['fr']} only",
    )
    translator.check('input[name="locales"]')
    translator.locator("main form [type=submit]").first.click()
    translator.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    french = Locale.objects.get(language_code="fr")
    assert news.get_translation_or_none(french) is not None

    # An old link to the form: nothing is left, she goes back with the reason.
    translator.goto(submit)
    translator.wait_for_url(lambda url: "/admin/localize/submit/" not in url)
    message = translator.locator(".messages", has_text=ALREADY_TRANSLATED)
    message.wait_for()
    assert news.title in message.inner_text()
    assert translator.locator('input[name="locales"]').count() == 0
    screenshot(translator, screenshots_dir / "translate-form-translator-fr-done.png")
    record_figure(
        "translate roles",
        "translator-fr, page already in French: redirected with "
        f"«… {ALREADY_TRANSLATED}»",
    )


def test_inquiry_manager_is_offered_no_translation(new_page, screenshots_dir):
    """The inquiry manager has no page permissions: a page's edit view (where the
    header's translate action lives) sends her to the dashboard, with no page
    tree and no translation report in her menu."""
    from news.models import NewsPage

    news = (
        NewsPage.objects.live()
        .filter(locale__language_code="es")
        .order_by("path")
        .first()
    )
    manager = admin_login(new_page, "inquiry-manager")
    manager.goto(f"/admin/pages/{news.pk}/edit/")
    manager.wait_for_url(re.compile(r"/admin/$"))
    manager.locator(".messages", has_text="no tienes permisos").wait_for()
    manager.wait_for_load_state("networkidle")
    menu = manager.locator("#wagtail-sidebar")
    assert menu.get_by_text("Bandeja de entrada").count() == 1
    assert menu.get_by_text("Páginas").count() == 0
    assert menu.get_by_text("Informes").count() == 0
    assert manager.locator('a[href*="/admin/localize/"]').count() == 0
    assert manager.get_by_text("Traducir").count() == 0
    screenshot(manager, screenshots_dir / "page-header-inquiry-manager.png")
    record_figure(
        "translate roles",
        "inquiry-manager: a page's edit view redirects to the dashboard "
        "(no page access), no translate action anywhere",
    )
