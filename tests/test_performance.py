"""Query budgets for every public page type, and the anonymous full-page cache.

Budgets are counted as a reader meets them: the page cache off, the fragment
caches (menus, footer, per-page context, renditions) warm from one earlier visit.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from demo.tree import PAGE_KEYS, add_news, page_paths

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

QUERY_BUDGET = 12


@pytest.fixture
def site(small_site):
    return small_site(news_count=3, languages=("en",))


def count_queries(client, path):
    """Queries of a warm visit (a first visit fills the fragment caches)."""
    first = client.get(path)
    assert first.status_code == 200, path
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries), response


def test_every_page_type_renders_within_the_query_budget(client, site):
    paths = {**page_paths(site, "es"), "search": "/es/search/?q=comercio"}
    paths.update(
        {f"{name} (en)": path for name, path in page_paths(site, "en").items()}
    )
    counts = {name: count_queries(client, path)[0] for name, path in paths.items()}
    assert set(PAGE_KEYS) <= set(counts)  # every page type, the sign-up form too
    over = {name: count for name, count in counts.items() if count > QUERY_BUDGET}
    assert not over, f"over {QUERY_BUDGET} queries: {over} (all: {counts})"


def test_listings_use_the_same_queries_however_much_content(client, site):
    from campaigns.models import CampaignPage, ObjectivePage
    from core.models import MainMenu, Topic
    from news.models import NewsIndexPage

    paths = page_paths(site, "es")
    listings = [
        "home",
        "strategy",
        "campaign_index",
        "news_index",
        "objective",
        "campaign",
    ]
    before = {name: count_queries(client, paths[name])[0] for name in listings}

    news_index = NewsIndexPage.objects.get(pk=site["news_index"].pk)
    add_news(news_index, 20, topics=list(Topic.objects.all()), start=100)
    strategy = site["strategy"]
    for number in range(3):
        strategy.add_child(
            instance=ObjectivePage(
                title=f"Más {number}", slug=f"mas-{number}", summary="s"
            )
        )
    index = site["campaign_index"]
    for number in range(3):
        index.add_child(
            instance=CampaignPage(
                title=f"Otra {number}", slug=f"otra-{number}", tagline="t", goal="g"
            )
        )
    menu = MainMenu.objects.get(locale=site["home"].locale)
    menu.items.extend(
        [
            ("item", {"page": site["news"], "label": ""}),
            ("item", {"page": site["objective"], "label": ""}),
        ]
    )
    menu.save_revision().publish()

    after = {name: count_queries(client, paths[name])[0] for name in listings}
    assert after == before
    response = client.get(paths["news_index"] + "?page=2")
    assert response.status_code == 200
    assert b"Noticia" in response.content


# --- Page cache ------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()


def test_second_anonymous_request_comes_from_the_cache_without_a_query(
    client, site, page_cache, django_assert_num_queries
):
    path = page_paths(site)["news"]
    first = client.get(path)
    assert first["X-Cache"] == "MISS"
    assert first["Cache-Control"] == "public, max-age=300"
    assert "Accept-Language" not in first.get("Vary", "")
    with django_assert_num_queries(0):
        second = client.get(path)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_declared_parameters_are_cached_apart_any_other_shares_the_entry(
    client, site, page_cache, settings
):
    settings.NEWS_PAGE_SIZE = 2  # three news: two pages
    path = page_paths(site)["news_index"]
    client.get(path)
    assert client.get(path + "?utm_source=x&fbclid=1&gclid=2")["X-Cache"] == "HIT"
    assert client.get(path + "?x=1")["X-Cache"] == "HIT"
    assert client.get(path + "?page=2")["X-Cache"] == "MISS"
    assert client.get(path + "?topic=tema-1")["X-Cache"] == "MISS"
    assert client.get(path + "?topic=tema-1&utm_medium=mail")["X-Cache"] == "HIT"


def test_editors_forms_search_and_the_root_are_never_served_from_the_cache(
    client, site, page_cache, editor
):
    paths = page_paths(site)
    never = [paths["contact"], "/es/search/?q=comercio", "/"]
    for path in never:
        client.get(path)
        response = client.get(path)
        assert response.get("X-Cache") != "HIT", path
    contact = client.get(paths["contact"])
    assert "no-store" in contact["Cache-Control"]

    page = paths["standard"]
    anonymous = client.get(page)
    assert client.get(page)["X-Cache"] == "HIT"
    client.force_login(editor)
    for _ in range(2):
        response = client.get(page)
        assert response.get("X-Cache") != "HIT"
    assert "public" not in response.get("Cache-Control", "")
    assert anonymous.status_code == response.status_code == 200


def test_post_is_never_served_from_the_cache(client, site, page_cache):
    path = page_paths(site)["standard"]
    client.get(path)
    response = client.post(path, {})
    assert response.get("X-Cache") != "HIT"


def test_publishing_any_translation_drops_the_cached_page(
    client, site, page_cache, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale, Page

    for language in ("es", "en"):
        en = Locale.objects.get(language_code=language)
        page = Page.objects.get(
            translation_key=site["standard"].translation_key, locale=en
        ).specific
        path = page.url
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT"
        page.title = f"Nuevo título {language}"
        with django_capture_on_commit_callbacks(execute=True):  # bumps on commit
            page.save_revision().publish()
        response = client.get(path)
        assert response["X-Cache"] == "MISS"
        assert f"Nuevo título {language}".encode() in response.content


def test_menu_change_drops_cached_pages_and_menu_fragment(
    client, site, page_cache, django_capture_on_commit_callbacks
):
    from core.models import MainMenu

    path = page_paths(site)["news"]
    client.get(path)
    menu = MainMenu.objects.get(locale=site["home"].locale)
    menu.items = [("item", {"page": site["news_index"], "label": "Lo nuevo del menú"})]
    with django_capture_on_commit_callbacks(execute=True):  # bumps on commit
        menu.save_revision().publish()
    response = client.get(path)
    assert response["X-Cache"] == "MISS"
    assert "Lo nuevo del menú".encode() in response.content


def test_page_cache_off_serves_every_request_fresh(client, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    path = page_paths(site)["standard"]
    client.get(path)
    assert "X-Cache" not in client.get(path)
