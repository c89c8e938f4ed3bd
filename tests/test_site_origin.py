"""One origin setting (SITE_URL) behind every absolute URL the site emits (issue 14
item 7): canonical and Open Graph tags, hreflang alternates, JSON-LD, the sitemap,
the news feed, robots.txt and the links in notification emails."""

import re
from urllib.parse import urlsplit

from django.core import mail

from wagtail.models import Site

import pytest

from home.bootstrap import bootstrap_site

from .inquiry_helpers import make_contact_page, valid_post

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ORIGIN = "https://clac.example.org"
URL = re.compile(r"""https?://[^\s"'<>\\]+""")
# Vocabularies and namespaces named in the markup; the content's own outside links.
OUTSIDE = {
    "schema.org",
    "www.sitemaps.org",
    "www.w3.org",
    "example.org",
    "www.example.org",
}


def _our_urls(text):
    """Absolute URLs in ``text`` that are not vocabularies or the content's links."""
    return [url for url in URL.findall(text) if urlsplit(url).hostname not in OUTSIDE]


@pytest.fixture
def origin_site(settings, small_site):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = ORIGIN
    settings.ROBOTS_ALLOW = True
    pages = small_site()
    bootstrap_site()  # the Site takes SITE_URL's host and port
    return pages


def test_bootstrap_gives_the_default_site_the_origin(origin_site):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("clac.example.org", 443)
    assert site.root_url == ORIGIN


def test_bootstrap_keeps_a_port_and_plain_http(settings, site_setup):
    settings.SITE_URL = "http://127.0.0.1:8000"
    bootstrap_site()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


def test_every_absolute_url_in_pages_feeds_sitemap_and_robots_uses_the_origin(
    client, origin_site
):
    paths = [
        origin_site[key].url
        for key in ("home", "strategy", "objective", "campaign", "news_index", "news")
    ]
    paths += [
        origin_site["news_index"].url + "feed/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    seen = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        urls = _our_urls(response.content.decode())
        assert urls, path
        for url in urls:
            assert url.startswith(ORIGIN + "/"), (path, url)
        seen += len(urls)
    assert seen > 50
    search = client.get("/es/search/?q=comercio").content.decode()
    assert all(url.startswith(ORIGIN + "/") for url in _our_urls(search))
    home = client.get(origin_site["home"].url).content.decode()
    assert f'<link rel="canonical" href="{ORIGIN}/es/"' in home
    assert f'content="{ORIGIN}/' in home  # og:url / og:image


def test_notification_email_links_use_the_origin(client, settings, origin_site):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    page = make_contact_page(origin_site["home"], slug="escribenos")
    response = client.post(page.url, valid_post(page))
    assert response.status_code == 303
    assert mail.outbox
    for message in mail.outbox:
        bodies = [message.body] + [body for body, _type in message.alternatives]
        for body in bodies:
            for url in _our_urls(body):
                assert url.startswith(ORIGIN + "/"), url
    staff = mail.outbox[0]
    assert f"{ORIGIN}/admin/" in staff.body
