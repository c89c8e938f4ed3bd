"""The 404 page costs little: a scanner's random URLs all hit it (issue 13 item 6).

A path no page answers is known from our one routing query (Wagtail is not asked
again), nothing is stored for it, and the page itself is one fragment per
language: the same number of queries for every unknown path, in every language.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from .news_helpers import add_news, news_index

pytestmark = pytest.mark.django_db

UNKNOWN_BUDGET = 3  # the site, the route query, the probe of the session table at most


@pytest.fixture
def site(home_es):
    index = news_index(home_es)
    add_news(index, 2, with_images=False)
    return index


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    return response, len(context.captured_queries)


@pytest.mark.parametrize("language", ["es", "en", "pt-br", "fr"])
def test_unknown_paths_answer_the_translated_404_within_budget(
    client, site, settings, language
):
    settings.PAGE_CACHE_ENABLED = False
    client.get(f"/{language}/calentar/")  # the 404 fragment, once per language
    counts = set()
    for path in (
        f"/{language}/no-existe-{language}/",
        f"/{language}/noticias/no-existe/",
        f"/{language}/a/b/c/d/",
    ):
        response, count = queries(client, path)
        assert response.status_code == 404
        assert response["Cache-Control"] == "no-store"
        assert f'<html lang="{language}"' in response.content.decode()
        counts.add(count)
    assert max(counts) <= UNKNOWN_BUDGET, counts
    assert len(counts) == 1, counts  # the same for any depth


def test_the_404_page_is_in_the_readers_language(client, site):
    spanish = client.get("/es/no-existe/").content.decode()
    french = client.get("/fr/n-existe-pas/").content.decode()
    assert "Página no encontrada" in spanish
    assert "Page introuvable" in french


def test_a_routable_page_still_answers_its_sub_routes(client, site):
    response = client.get(site.url + "feed/")
    assert response.status_code == 200
    assert client.get(site.url + "feed/no-existe/").status_code == 404


def test_nothing_is_stored_for_unknown_paths(client, site, settings):
    from unittest import mock

    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = True
    client.get("/es/no-existe-0/")  # the 404 fragment of the language
    written = []
    real = caches["default"]
    original_set, original_add = real.set, real.add

    def record(original):
        def wrapper(key, *args, **kwargs):
            written.append(key)
            return original(key, *args, **kwargs)

        return wrapper

    with (
        mock.patch.object(real, "set", record(original_set)),
        mock.patch.object(real, "add", record(original_add)),
    ):
        for number in range(1, 40):
            assert client.get(f"/es/no-existe-{number}/").status_code == 404
    # Render locks only (added and released), no page or route entry.
    assert [key for key in written if "page-lock" not in key] == []
