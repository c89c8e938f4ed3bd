"""Issue 16: at 360 px the header takes at most 120 px, the menu opens and closes
with the keyboard, and every page type shows its first heading without scrolling.
Without JavaScript the menu is open; the language choice works without it too."""

import pytest

from tests.browser.conftest import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
HEADER_MAX = 120


def header_height(page):
    return page.evaluate(
        "document.querySelector('.site-header').getBoundingClientRect().height"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_fits_the_header_and_shows_its_heading(
    language, new_page, page_urls
):
    page = new_page(locale=language, **PHONE)
    problems = []
    for path in page_urls[language].values():
        page.goto(path)
        height = header_height(page)
        if height > HEADER_MAX:
            problems.append(f"{path}: header {height:.0f} px")
        heading = page.locator("main h1").first
        box = heading.bounding_box()
        if box is None or box["y"] + min(box["height"], 40) > PHONE["height"]:
            problems.append(
                f"{path}: first heading not visible without scrolling ({box})"
            )
    assert problems == []


def test_the_menu_is_a_disclosure_button_worked_by_keyboard(new_page, page_urls):
    page = new_page(locale="es", **PHONE)
    page.goto(page_urls["es"]["home"])
    toggle = page.locator("button.nav-toggle")
    menu = page.locator("nav.main-nav")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "main-menu"
    assert not menu.is_visible()
    assert header_height(page) <= HEADER_MAX

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert menu.is_visible()
    # Tab reaches the first menu link after the button.
    page.keyboard.press("Tab")
    first_link = menu.locator("a").first
    assert page.evaluate("document.activeElement.closest('nav.main-nav') !== null")
    assert first_link.is_visible()
    # Escape closes the menu and gives focus back to the button.
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    # Space opens it again, Space closes it.
    page.keyboard.press(" ")
    assert menu.is_visible()
    page.keyboard.press(" ")
    assert not menu.is_visible()


def test_without_javascript_the_menu_is_open(new_page, page_urls):
    page = new_page(locale="es", java_script_enabled=False, **PHONE)
    page.goto(page_urls["es"]["home"])
    assert page.locator("nav.main-nav a").first.is_visible()
    assert not page.locator("button.nav-toggle").is_visible()


def test_the_language_choice_is_compact_and_names_each_language(new_page, page_urls):
    page = new_page(locale="fr", **PHONE)
    page.goto(page_urls["fr"]["home"])
    summary = page.locator("nav.lang-switcher summary")
    assert summary.is_visible()
    box = summary.bounding_box()
    assert box["width"] <= 100 and box["height"] >= 24
    links = page.locator("nav.lang-switcher a")
    assert not links.first.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    names = [links.nth(i).inner_text() for i in range(links.count())]
    assert {"Español", "English", "Português (Brasil)"} <= set(names)
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 24  # WCAG 2.2 target size
    page.keyboard.press("Escape")
    assert not links.first.is_visible()
