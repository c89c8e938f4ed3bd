"""Fragment caches that stay on when the page cache is off (docs/performance.md):
the ``{% picture %}`` markup and Wagtail's site lookup and routing. Readers must
never see a stale image, a stale address or a page that is gone."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from bench.content import page_paths

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


def test_picture_follows_a_new_focal_point(client, site):
    from wagtail.models import Page

    path = page_paths(site)["news"]
    before = _hero_sources(client.get(path))
    page = Page.objects.get(url_path__endswith=path.split("/es/", 1)[1]).specific
    image = page.hero_image
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()  # new renditions (new file names), and the cache version bumps
    after = _hero_sources(client.get(path))
    assert after and after != before
    current = {
        rendition.file.name.rsplit("/", 1)[-1] for rendition in image.renditions.all()
    }
    for url in after:
        for candidate in url.split(", "):
            assert candidate.split(" ")[0].rsplit("/", 1)[-1] in current


def test_routing_is_reused_and_an_unpublished_page_is_gone_at_once(client, site):
    from wagtail.models import Page

    path = page_paths(site)["news"]
    first, _ = _queries(client, path)
    second, _ = _queries(client, path)
    assert not [query for query in second if "wagtailcore_site" in query]
    assert len(second) < len(first)

    page = Page.objects.get(url_path__endswith=path.split("/es/", 1)[1])
    page.unpublish()
    assert client.get(path).status_code == 404


def test_a_moved_page_answers_at_its_new_address_only(client, site):
    path = page_paths(site)["news"]
    from news.models import NewsPage

    client.get(path)
    client.get(path)
    page = NewsPage.objects.get(url_path__endswith=path.split("/es/", 1)[1])
    page.slug = "nueva-direccion"
    page.save_revision().publish()
    assert client.get(path).status_code == 404
    new_path = path.rstrip("/").rsplit("/", 1)[0] + "/nueva-direccion/"
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
