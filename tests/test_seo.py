"""SEO and sharing: description, OpenGraph, Twitter card, JSON-LD, canonical, robots.txt."""

import json
import re
from html import unescape

from django.conf import settings
from django.test import override_settings

import pytest

from core.models import SiteSettings
from demo.tree import PAGE_KEYS, build_tree, translate_tree

from .news_helpers import make_image

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    """Every content of <meta {attribute}="{name}">, unescaped."""
    pattern = rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">'
    return [unescape(value) for value in re.findall(pattern, html)]


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return [json.loads(block) for block in blocks]


@pytest.fixture
def tree(home_es, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    pages = build_tree(home_es)
    english = translate_tree(pages, "en", "(EN)")
    return {"es": pages, "en": english}


def test_og_and_twitter_tags_on_every_page_type(client, tree):
    default_image = make_image("Logo compartido")
    site_settings = SiteSettings.for_site(tree["es"]["home"].get_site())
    site_settings.default_share_image = default_image
    site_settings.save()
    for name in PAGE_KEYS:
        page = tree["es"][name]
        response = client.get(page.url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert meta(html, "property", "og:title") == [page.title], name
        assert meta(html, "property", "og:url") == [page.full_url], name
        assert meta(html, "property", "og:locale") == ["es_LA"], name
        assert meta(html, "property", "og:locale:alternate") == ["en_US"], name
        assert meta(html, "property", "og:site_name") == ["CLAC"], name
        expected_type = "article" if name == "news" else "website"
        assert meta(html, "property", "og:type") == [expected_type], name
        image = meta(html, "property", "og:image")
        assert len(image) == 1 and re.match(r"^https?://[^/]+/.+\.jpg$", image[0]), name
        assert meta(html, "name", "twitter:card") == ["summary_large_image"], name
        assert meta(html, "name", "twitter:title") == [page.title], name
        assert f'<link rel="canonical" href="{page.full_url}">' in html, name
        assert html.count('<link rel="canonical"') == 1, name

    english_news = client.get(tree["en"]["news"].url).content.decode()
    assert meta(english_news, "property", "og:locale") == ["en_US"]
    assert meta(english_news, "property", "og:locale:alternate") == ["es_LA"]


def test_seo_title_description_and_share_image_come_from_the_page(client, tree):
    page = tree["es"]["standard"]
    page.seo_title = "Quiénes somos en la CLAC"
    page.search_description = "La red de pequeños productores y trabajadores."
    page.share_image = make_image(
        "Asamblea", size=(1600, 900), description="Asamblea general de la CLAC"
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert meta(html, "name", "description") == [page.search_description]
    assert meta(html, "property", "og:description") == [page.search_description]
    assert meta(html, "property", "og:title") == ["Quiénes somos en la CLAC"]
    assert meta(html, "property", "og:image:alt") == ["Asamblea general de la CLAC"]
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:height") == ["630"]


def test_description_falls_back_to_the_summary_and_no_image_means_summary_card(
    client, tree
):
    html = client.get(tree["es"]["news"].url).content.decode()
    assert meta(html, "name", "description") == ["Resumen."]
    assert meta(html, "property", "og:image") == []
    assert meta(html, "name", "twitter:card") == ["summary"]


def test_json_ld_organization_on_home_and_news_article_on_news(client, tree):
    site_settings = SiteSettings.for_site(tree["es"]["home"].get_site())
    site_settings.facebook_url = "https://www.facebook.com/clac"
    site_settings.save()
    home = json_ld(client.get("/es/").content.decode())
    assert len(home) == 1
    assert home[0]["@type"] == "Organization"
    assert home[0]["name"] == "CLAC"
    assert home[0]["sameAs"] == ["https://www.facebook.com/clac"]
    assert home[0]["url"] == tree["es"]["home"].full_url

    news = tree["en"]["news"]
    [article] = json_ld(client.get(news.url).content.decode())
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == news.title
    assert article["inLanguage"] == "en"
    assert article["datePublished"] == news.date.isoformat()
    assert article["mainEntityOfPage"]["@id"] == news.full_url
    assert article["publisher"]["name"] == "CLAC"

    assert json_ld(client.get(tree["es"]["standard"].url).content.decode()) == []


def test_json_ld_cannot_be_broken_out_of(client, tree):
    news = tree["es"]["news"]
    news.title = 'Fin </script><script>alert("x")</script> & más'
    news.summary = "<!-- </SCRIPT"
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block.group(1) and ">" not in block.group(1)
    assert json.loads(block.group(1))["headline"] == news.title
    assert '<script>alert("x")' not in html


@override_settings(ROBOTS_ALLOW=False)
def test_robots_txt_disallows_outside_production(client, site_setup):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /" in lines


@override_settings(ROBOTS_ALLOW=True)
def test_robots_txt_allows_crawling_in_production(client, site_setup):
    body = client.get("/robots.txt").content.decode()
    lines = body.splitlines()
    assert "Disallow: /" not in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /es/search/" in lines and "Disallow: /pt-br/search/" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines


def _robots_allow(settings_module, **env):
    import os
    import subprocess
    import sys

    environment = {
        **{k: v for k, v in os.environ.items() if k != "ROBOTS_ALLOW"},
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "clac.example.org",
        **env,
    }
    code = f"import {settings_module} as s; print(s.ROBOTS_ALLOW)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_robots_allow_setting_defaults():
    assert _robots_allow("clac_cms.settings.production") == "True"
    assert (
        _robots_allow("clac_cms.settings.production", ROBOTS_ALLOW="false") == "False"
    )
    assert _robots_allow("clac_cms.settings.base") == "False"


def test_search_page_is_not_indexed(client, site_setup):
    html = client.get("/es/search/?q=x").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert meta(html, "property", "og:locale") == ["es_LA"]


def test_the_web_manifest_names_the_site_and_its_icons_exist(client, site_setup):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["short_name"] == "CLAC"
    assert manifest["start_url"] == f"/{settings.LANGUAGE_CODE}/"
    assert manifest["theme_color"] == "#1d6b3a"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]
    # The pages point at it, with the touch icon and the favicon.
    home = client.get("/es/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in home
    assert 'rel="apple-touch-icon"' in home


def test_the_web_manifest_refuses_other_methods(client, site_setup):
    assert client.post("/manifest.webmanifest").status_code == 405
