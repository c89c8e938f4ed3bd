"""What readers get: honest language links, the Spanish page said as such where no
translation exists, hreflang and a sitemap with every live page in every language."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

import pytest

from tests import localize_helpers as lh

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def tree(site_setup, superuser):
    """Home in es, en, pt-br (no French home); "about" in es and en only."""
    from home.models import StandardPage

    home = site_setup["home"]
    lh.translate_directly(home, codes=("en", "pt-br"), user=superuser)
    about = lh.add_page(home, StandardPage(title="Quiénes somos", slug="quienes-somos"))
    lh.translate_directly(about, codes=("en",), user=superuser)
    private = lh.add_page(home, StandardPage(title="Privada", slug="privada"))
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"home": home, "about": about, "private": private}


NOTICES = {
    "fr": "This page is not yet available in French; here it is in Spanish.",
    "pt-br": "This page is not yet available in Portuguese; here it is in Spanish.",
}


def notice_in(code):
    """The notice as readers of ``code`` get it (their language's catalog)."""
    with translation.override(code):
        return gettext(NOTICES[code])


def hreflangs(html):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)
    )


def test_switcher_lists_only_live_translations_by_their_own_names(reader, tree):
    html = reader.get("/es/quienes-somos/").content.decode()
    switcher = html[html.index('class="lang-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert 'lang="es"' in switcher and "Español" in switcher
    assert 'hreflang="en"' in switcher and "English" in switcher
    assert "Français" not in switcher
    assert "Português" not in switcher


def test_hreflang_is_live_translations_plus_x_default(reader, tree):
    html = reader.get("/en/quienes-somos-en/").content.decode()
    links = hreflangs(html)
    assert set(links) == {"es", "en", "x-default"}
    about_en = tree["about"].get_translation(lh.locales("en")[0])
    assert links["x-default"] == links["es"] == tree["about"].full_url
    assert links["en"] == about_en.full_url
    assert f'<link rel="canonical" href="{about_en.full_url}">' in html


def test_draft_translation_is_not_linked(reader, tree, superuser):
    from wagtail_localize.operations import translate_object

    translate_object(tree["about"], lh.locales("pt-br"), None, superuser)
    html = reader.get("/es/quienes-somos/").content.decode()
    assert "pt-br" not in hreflangs(html)


def test_language_without_a_home_shows_the_spanish_home_with_a_notice(reader, tree):
    response = reader.get("/fr/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "notice--untranslated" in html
    assert notice_in("fr") in html
    assert '<main id="main" tabindex="-1" lang="es">' in html
    assert f'<link rel="canonical" href="{tree["home"].full_url}">' in html
    assert "fr" not in hreflangs(html)


def test_alias_copy_is_served_as_the_spanish_page_with_a_notice(
    reader, tree, superuser
):
    """wagtail-localize copies untranslated parents as aliases: never a silent alias."""
    from home.models import StandardPage

    about = tree["about"]
    child = lh.add_page(about, StandardPage(title="Historia", slug="historia"))
    # Translating the child into pt-br makes an alias of "about" in pt-br.
    lh.translate_directly(child, codes=("pt-br",), user=superuser)
    alias = about.get_translation(lh.locales("pt-br")[0])
    assert alias.alias_of_id == about.pk

    response = reader.get(alias.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert notice_in("pt-br") in html
    assert f'<link rel="canonical" href="{about.full_url}">' in html
    assert "pt-br" not in hreflangs(html)
    # The real translation below it is served as a translation.
    child_pt = child.get_translation(lh.locales("pt-br")[0])
    html = reader.get(child_pt.url).content.decode()
    assert "[pt-br] Historia" in html
    assert "notice--untranslated" not in html


def test_translated_page_has_no_notice(reader, tree):
    html = reader.get("/en/").content.decode()
    assert "notice--untranslated" not in html


def test_sitemap_lists_every_live_page_once_per_language(reader, tree):
    response = reader.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    urls = root.findall("s:url", NS)
    locations = [u.find("s:loc", NS).text for u in urls]
    assert len(locations) == len(set(locations))
    paths = {urlsplit(loc).path for loc in locations}
    assert paths == {
        "/es/",
        "/en/",
        "/pt-br/",
        "/es/quienes-somos/",
        "/en/quienes-somos-en/",
    }
    for url in urls:
        loc = url.find("s:loc", NS).text
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        assert loc in alternates.values()
        assert alternates["x-default"] == alternates["es"]
        for href in alternates.values():
            assert reader.get(urlsplit(href).path).status_code == 200, href
        # The page's own hreflang set equals the sitemap's alternates.
        html = reader.get(urlsplit(loc).path).content.decode()
        assert hreflangs(html) == alternates


def test_status_report_queries_do_not_grow_with_pages(client, superuser, tree):
    from home.models import StandardPage

    client.force_login(superuser)
    url = reverse("translation_status")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for number in range(8):
        page = lh.add_page(
            tree["home"], StandardPage(title=f"Extra {number}", slug=f"e{number}")
        )
        lh.translate_directly(page, codes=("en",), user=superuser)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large) == len(small)
    html = response.content.decode()
    assert 'data-locale="fr" data-status="missing"' in html
    assert 'data-locale="en" data-status="up_to_date"' in html
