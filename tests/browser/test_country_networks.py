"""Issue 18 item 5 in a real browser: the demo's country networks page and a
network's page pass axe-core (WCAG 2.2 A/AA) at 360 and 1280 px in the four
languages, draw their map, scroll nothing sideways, and are kept as screenshots
(docs/screenshots/after-networks-*.png)."""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, record_figure, screenshot, wcag_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = [360, 1280]
#: docs/screenshots/after-networks-<page>-<language>-<width>.png
DOCS_SHOTS = {("es", 360), ("es", 1280), ("pt-br", 1280)}


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture(scope="module")
def network_pages(demo_site):
    """``{language: {"index": path, "network": path}}``: the index page and the
    Brazilian network's page (the demo's network with participants)."""
    from wagtail.models import Locale

    from campaigns.models import CountryNetworkIndexPage
    from campaigns.models.networks import CountryNetwork

    source = CountryNetworkIndexPage.objects.live().get(locale__language_code="es")
    pages = {}
    for language in LANGUAGES:
        locale = Locale.objects.get(language_code=language)
        index = source.get_translation(locale)
        network = CountryNetwork.objects.get(locale=locale, country="BR")
        pages[language] = {
            "index": _path(index.url),
            "network": _path(index.url) + f"{network.slug}/",
        }
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_country_network_pages_pass_axe_at_both_widths(
    language, new_page, network_pages
):
    axe = Axe()
    # bypass_csp: axe is injected into pages whose CSP refuses foreign scripts.
    page = new_page(locale=language, bypass_csp=True)
    problems, audits = [], 0
    for name in ("index", "network"):
        path = network_pages[language][name]
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            assert page.locator("h1").count() == 1, path
            if name == "index":
                page.locator("figure.network-map").first.wait_for()
            found = wcag_problems(page, axe, f"{path} @{width}px")
            audits += 1
            problems += found
            shot = f"after-networks-{name}-{language}-{width}.png"
            if (language, width) in DOCS_SHOTS:
                screenshot(page, str(DOCS_SCREENSHOTS / shot))
    record_figure(
        "axe (country networks)",
        f"{language}: index + network page x {len(WIDTHS)} widths = {audits} "
        f"audits, {len(problems)} problems",
    )
    assert not problems, "\n".join(problems)
