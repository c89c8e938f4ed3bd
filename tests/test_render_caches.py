"""Fragments that stay on when the page cache is off (docs/performance.md): the
``{% picture %}`` markup and the route of a path (core/routing.py). Readers must
never see a stale image, a stale address or a page that is gone.

Changes bump the cache version after their commit: the tests run the commit's
callbacks (``django_capture_on_commit_callbacks``), as a real commit would."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from demo.tree import page_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(small_site):
    return small_site(news_count=2, languages=())


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return [query["sql"] for query in captured.captured_queries], response


def _hero_sources(response):
    """The candidate URLs of the page's first <picture> (the hero)."""
    html = response.content.decode()
    picture = html[html.index("<picture") : html.index("</picture>")]
    return re.findall(r'(?:src|srcset)="([^"]+)"', picture)


def test_picture_markup_is_reused_without_rendition_lookups(client, site, monkeypatch):
    from core.models import CustomImage

    path = page_paths(site)["news"]
    first = client.get(path)
    lookups = []
    original = CustomImage.get_renditions

    def counting(self, *filters):
        lookups.append(filters)
        return original(self, *filters)

    monkeypatch.setattr(CustomImage, "get_renditions", counting)
    second = client.get(path)
    assert lookups == []
    assert _hero_sources(second) == _hero_sources(first)
    assert "image/avif" in second.content.decode()


def test_picture_follows_a_new_focal_point(
    client, site, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    path = page_paths(site)["news"]
    before = _hero_sources(client.get(path))
    page = Page.objects.get(url_path__endswith=path.split("/es/", 1)[1]).specific
    image = page.hero_image
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    with django_capture_on_commit_callbacks(execute=True):
        image.save()  # new renditions (new file names); the version bumps
    after = _hero_sources(client.get(path))
    assert after and after != before
    current = {
        rendition.file.name.rsplit("/", 1)[-1] for rendition in image.renditions.all()
    }
    for url in after:
        for candidate in url.split(", "):
            assert candidate.split(" ")[0].rsplit("/", 1)[-1] in current


def test_routing_is_reused_and_an_unpublished_page_is_gone_at_once(
    client, site, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    path = page_paths(site)["news"]
    first, _ = _queries(client, path)
    second, _ = _queries(client, path)
    # The second visit reads the route from the fragment: no page lookup, only
    # Wagtail's site lookup (which joins the site's root page).
    assert [query for query in first if 'FROM "wagtailcore_page"' in query]
    assert not [query for query in second if 'FROM "wagtailcore_page"' in query]
    assert len(second) < len(first)

    page = Page.objects.get(url_path__endswith=path.split("/es/", 1)[1])
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get(path).status_code == 404


def test_a_moved_page_answers_at_its_new_address_only(
    client, site, django_capture_on_commit_callbacks
):
    path = page_paths(site)["news"]
    from news.models import NewsPage

    client.get(path)
    client.get(path)
    page = NewsPage.objects.get(url_path__endswith=path.split("/es/", 1)[1])
    page.slug = "nueva-direccion"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    new_path = path.rstrip("/").rsplit("/", 1)[0] + "/nueva-direccion/"
    # Wagtail made a redirect from the old address (after the commit), never the
    # page from a stale route.
    old = client.get(path)
    assert old.status_code == 301
    assert old["Location"] == new_path
    assert client.get(new_path).status_code == 200


def test_feed_sub_route_works_from_the_cached_route(client, site):
    feed = page_paths(site)["news_index"] + "feed/"
    for _ in range(2):
        response = client.get(feed)
        assert response.status_code == 200
        assert "xml" in response["Content-Type"]
    index = client.get(page_paths(site)["news_index"])
    assert index.status_code == 200
    assert "<rss" not in index.content.decode()
