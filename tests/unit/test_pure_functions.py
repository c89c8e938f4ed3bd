"""Pure functions of the core and the search backend: keys, addresses, queries.

No database: the cache is local memory (test settings) and requests come from
Django's RequestFactory.
"""

from django.test import RequestFactory

import pytest

from core import cache as page_cache
from core.http import client_ip
from core.routing import image_fields
from news.models import NewsPage
from search.backend import (
    SIMPLE_CONFIG,
    config_for_language,
    plain_query,
    spanish_variants,
)

factory = RequestFactory()


# --- core.http.client_ip ---------------------------------------------------------------


def _request(remote="10.0.0.9", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **headers)


def test_client_ip_without_proxies_ignores_the_forwarded_header(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request(forwarded="203.0.113.7")) == "10.0.0.9"


def test_client_ip_behind_one_proxy_takes_the_rightmost_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # A client may send its own X-Forwarded-For ("1.2.3.4"); the proxy appends
    # the address it saw, and only that one counts.
    assert client_ip(_request(forwarded="1.2.3.4, 198.51.100.20")) == "198.51.100.20"


def test_client_ip_behind_two_proxies_counts_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    forwarded = "1.2.3.4, 198.51.100.20, 10.1.1.1"
    assert client_ip(_request(forwarded=forwarded)) == "198.51.100.20"


def test_client_ip_with_fewer_addresses_than_proxies_takes_the_leftmost(settings):
    settings.TRUSTED_PROXY_COUNT = 3
    assert client_ip(_request(forwarded="198.51.100.20")) == "198.51.100.20"


@pytest.mark.parametrize("forwarded", ["not-an-ip", "", " , "])
def test_client_ip_falls_back_to_the_socket_address(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded=forwarded)) == "10.0.0.9"


def test_client_ip_normalises_ipv6(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request(forwarded="2001:DB8:0:0::1")) == "2001:db8::1"


# --- core.cache keys -------------------------------------------------------------------


def test_page_key_leaves_out_empty_values_and_ignores_their_order():
    plain = page_cache.page_key("v1", "abc")
    assert plain == "clac:page:v1:abc"
    assert page_cache.page_key("v1", "abc", {"page": "", "topic": ""}) == plain
    one = page_cache.page_key("v1", "abc", {"page": "2", "topic": "agua"})
    two = page_cache.page_key("v1", "abc", {"topic": "agua", "page": "2"})
    assert one == two != plain
    assert page_cache.page_key("v1", "abc", {"page": "3", "topic": "agua"}) != one
    assert page_cache.page_key("v2", "abc", {"page": "2", "topic": "agua"}) != one


def test_fragment_key_depends_on_name_language_parts_and_version():
    key = page_cache.fragment_key("menu", (1, "host"), language="es")
    assert key.startswith("clac:fragment:menu:es:")
    assert page_cache.fragment_key("menu", (1, "host"), language="es") == key
    assert page_cache.fragment_key("menu", (1, "host"), language="fr") != key
    assert page_cache.fragment_key("menu", (2, "host"), language="es") != key
    assert page_cache.fragment_key("footer", (1, "host"), language="es") != key
    page_cache.bump_cache_version()
    assert page_cache.fragment_key("menu", (1, "host"), language="es") != key


def test_path_digest_refuses_what_the_page_cache_never_answers(settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert page_cache.path_digest(factory.post("/es/noticias/")) is None
    assert page_cache.path_digest(factory.get("/")) is None
    assert page_cache.path_digest(factory.get("/admin/pages/")) is None
    assert page_cache.path_digest(factory.get("/es/search/")) is None
    with_session = factory.get("/es/noticias/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "x"
    assert page_cache.path_digest(with_session) is None
    authorised = factory.get("/es/noticias/", HTTP_AUTHORIZATION="Basic eDp5")
    assert page_cache.path_digest(authorised) is None


def test_path_digest_keys_host_and_path_but_not_the_query(settings):
    settings.ALLOWED_HOSTS = ["*"]
    digest = page_cache.path_digest(factory.get("/es/noticias/", HTTP_HOST="a.test"))
    assert digest is not None
    assert (
        page_cache.path_digest(factory.get("/es/noticias/?x=1", HTTP_HOST="a.test"))
        == digest
    )
    assert (
        page_cache.path_digest(factory.get("/es/noticias/", HTTP_HOST="b.test"))
        != digest
    )
    assert (
        page_cache.path_digest(factory.get("/en/news/", HTTP_HOST="a.test")) != digest
    )


def test_a_too_long_query_is_not_read():
    long = factory.get("/es/noticias/", {"q": "x" * (page_cache.MAX_QUERY_LENGTH + 1)})
    assert page_cache._query_pairs(long) is None
    assert page_cache._query_pairs(factory.get("/?page=2&b=")) == [
        ("page", "2"),
        ("b", ""),
    ]


# --- core.routing ----------------------------------------------------------------------


def test_image_fields_lists_a_page_types_image_foreign_keys():
    assert "hero_image" in image_fields(NewsPage)
    assert "title" not in image_fields(NewsPage)


# --- search.backend --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"comercio justo', "comercio justo"),
        ('a "b" c', "a b c"),
        ('"""', ""),
        ("  café   orgánico\t\n", "café orgánico"),
        ("precio", "precio"),
    ],
)
def test_plain_query_drops_quotes_and_extra_spaces(query, expected):
    assert plain_query(query) == expected


def test_plain_query_leaves_a_non_string_query_alone():
    marker = object()
    assert plain_query(marker) is marker


def test_spanish_variants_match_singular_and_plural_without_accents():
    assert spanish_variants("organización") == ["organizacion", "organizaciones"]
    assert spanish_variants("organizaciones") == ["organizacion", "organizaciones"]
    assert spanish_variants("café") == ["café"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [("es", "clac_es"), ("pt-BR", "clac_pt"), ("pt", "clac_pt"), ("fr-CA", "clac_fr")],
)
def test_config_for_language(code, expected):
    assert config_for_language(code) == expected


def test_an_unknown_language_searches_with_the_simple_configuration():
    assert config_for_language("de") == SIMPLE_CONFIG
    assert config_for_language(None) == SIMPLE_CONFIG
