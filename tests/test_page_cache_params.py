"""The page cache keys a page only on the query parameters it declares, with
their valid values (issue 15 item 1): any other parameter is not a new entry, and
a value that is not valid is a redirect to the canonical URL or a 404, never a
stored 200. The entries stay bounded by pages × declared parameter values."""

from unittest import mock

from django.core.cache import caches

import pytest

from .news_helpers import add_news, make_topic, news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_SECONDS = 300
    settings.NEWS_PAGE_SIZE = 2


@pytest.fixture
def index(home_es):
    index = news_index(home_es)
    topic = make_topic()
    add_news(index, 5, with_images=False, topic=topic)  # three pages of two
    return index


@pytest.fixture
def stored():
    """The page-cache keys written from now on (``cache.set``/``cache.add``)."""
    keys = []
    real = caches["default"]
    original_set, original_add = real.set, real.add

    def record(original):
        def wrapper(key, *args, **kwargs):
            if key.startswith("clac:page:"):
                keys.append(key)
            return original(key, *args, **kwargs)

        return wrapper

    with (
        mock.patch.object(real, "set", record(original_set)),
        mock.patch.object(real, "add", record(original_add)),
    ):
        yield keys


def test_other_parameters_are_not_new_entries(client, index, page_cache, stored):
    first = client.get("/es/noticias/?x=0")
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    written = len(stored)
    for number in range(1, 30):
        response = client.get(f"/es/noticias/?x={number}")
        assert response["X-Cache"] == "HIT", number
    assert client.get("/es/noticias/")["X-Cache"] == "HIT"
    assert client.get("/es/noticias/?utm_source=boletin&fbclid=1")["X-Cache"] == "HIT"
    assert len(stored) == written  # no entry per value of x


def test_declared_parameters_are_keyed_on_their_values(client, index, page_cache):
    assert client.get("/es/noticias/")["X-Cache"] == "MISS"
    assert client.get("/es/noticias/?page=2")["X-Cache"] == "MISS"
    assert client.get("/es/noticias/?page=2&x=1")["X-Cache"] == "HIT"
    assert client.get("/es/noticias/?x=1&page=2")["X-Cache"] == "HIT"
    assert client.get("/es/noticias/?topic=precios-justos")["X-Cache"] == "MISS"
    assert (
        client.get("/es/noticias/?topic=precios-justos&utm_medium=mail")["X-Cache"]
        == "HIT"
    )
    # The filter form sends empty values for "all": the same entry as none.
    assert client.get("/es/noticias/?type=&topic=")["X-Cache"] == "HIT"
    second = client.get("/es/noticias/?page=2")
    assert second["X-Cache"] == "HIT"
    assert "Noticia 2" in second.content.decode()


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("page=1", "/es/noticias/"),
        ("page=02", "/es/noticias/?page=2"),
        ("page=abc", "/es/noticias/"),
        ("page=-1", "/es/noticias/"),
        ("page=1e9", "/es/noticias/"),
        ("page=%00", "/es/noticias/"),
        ("topic=no-such-topic", "/es/noticias/"),
        ("topic=%00%ff%fe", "/es/noticias/"),
        ("topic=" + "x" * 300, "/es/noticias/"),
        ("type=bogus", "/es/noticias/"),
        ("type=publication&type=news&page=2&page=x", "/es/noticias/?type=news"),
        (
            "topic=nada&page=2&utm_source=boletin",
            "/es/noticias/?page=2&utm_source=boletin",
        ),
    ],
)
def test_invalid_values_redirect_to_the_canonical_url_and_are_not_stored(
    client, index, page_cache, stored, query, location
):
    response = client.get("/es/noticias/?" + query)
    assert response.status_code == 302
    assert response["Location"] == location
    assert not stored
    assert client.get("/es/noticias/?" + query).status_code == 302  # still not stored
    target = client.get(location)
    assert target.status_code == 200


@pytest.mark.parametrize("number", ["4", "999999", "0", "9" * 40])
def test_a_page_number_past_the_last_page_is_a_404_and_not_stored(
    client, index, page_cache, stored, number
):
    for _ in range(2):
        response = client.get(f"/es/noticias/?page={number}")
        assert response.status_code == 404
        assert response.get("X-Cache") != "HIT"
    assert not stored
    assert client.get("/es/noticias/?page=3").status_code == 200  # the last page


def test_entries_stay_bounded_by_pages_and_declared_values(
    client, index, page_cache, stored
):
    junk = [f"x={n}" for n in range(20)]
    junk += [f"page={n}" for n in ("0", "1", "02", "9", "abc", "999999")]
    junk += [f"topic={t}" for t in ("a", "b", "precios-justos", "PRECIOS-JUSTOS")]
    junk += [f"type={t}" for t in ("news", "statement", "publication", "x")]
    for query in junk:
        client.get("/es/noticias/?" + query)
    # The plain listing (every ?x=n), ?topic=precios-justos and the three types:
    # the junk page numbers, topics and types were redirects or 404s.
    assert len(set(stored)) == 5, stored


def test_a_response_that_is_not_a_page_is_stored_only_for_its_bare_path(
    client, index, page_cache
):
    feed = "/es/noticias/feed/"
    assert client.get(feed)["X-Cache"] == "MISS"
    assert client.get(feed)["X-Cache"] == "HIT"
    # The feed declares no parameters: with one, what it changes is unknown.
    assert client.get(feed + "?x=1")["X-Cache"] == "BYPASS"
    assert client.get(feed + "?x=2")["X-Cache"] == "BYPASS"
    assert client.get(feed + "?utm_source=lector")["X-Cache"] == "HIT"


def test_pages_without_declared_parameters_ignore_every_parameter(
    client, home_es, page_cache, stored
):
    assert client.get("/es/")["X-Cache"] == "MISS"
    written = len(stored)
    for number in range(10):
        assert client.get(f"/es/?q={number}&page={number}")["X-Cache"] == "HIT"
    assert len(stored) == written
