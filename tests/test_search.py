"""Search in the reader's language: stemming, accents, picks, hostile queries, caching."""

import re
from html import unescape
from urllib.parse import quote

from django.db import connection

import pytest

from demo.tree import publish, translate
from home.models import StandardPage
from search.views import MAX_QUERY_LENGTH, clean_query

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL text search"
)


def result_titles(response):
    html = response.content.decode()
    return [
        unescape(title)
        for title in re.findall(
            r'<li(?: class="search-pick")?>.*?<h[23]><a href="[^"]+">([^<]+)</a>', html
        )
    ]


def result_urls(response):
    block = response.content.decode().split('<div class="wrap">', 1)[-1]
    return re.findall(r'<h[23]><a href="([^"]+)"', block)


@pytest.fixture
def pages(home_es):
    """Pages in Spanish, Portuguese and French with words that only stem together."""
    spanish = publish(
        home_es,
        StandardPage(
            title="Nuestra campaña por precios justos",
            slug="campana-precios",
            intro="La campaña reúne a las organizaciones de pequeños productores.",
        ),
    )
    other = publish(
        home_es,
        StandardPage(
            title="Café de altura",
            slug="cafe",
            intro="Cooperativas que exportan café a Europa.",
        ),
    )
    portuguese = translate(
        other,
        "pt-br",
        title="Parceria com a universidade",
        slug="parceria-universidade",
        intro="A universidade apoia o comércio justo.",
    )
    french = translate(
        spanish,
        "fr",
        title="Notre action pour des prix justes",
        slug="action-prix",
        intro="Les organisations de petits producteurs se mobilisent.",
    )
    return {"es": spanish, "other": other, "pt": portuguese, "fr": french}


# --- PostgreSQL: each language's stemming, accents ignored ---------------------------


@pytest.mark.postgres
@postgres_only
@pytest.mark.parametrize("query", ["campañas", "campanas", "CAMPAÑA", "campana"])
def test_spanish_plurals_and_accents_find_the_page(client, pages, query):
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    assert result_urls(response) == [pages["es"].url]


@pytest.mark.postgres
@postgres_only
def test_portuguese_stemming_on_pt_br(client, pages):
    response = client.get("/pt-br/search/", {"q": "universidades"})
    assert result_urls(response) == [pages["pt"].url]
    # The excerpt comes from the page and marks the matching word.
    assert "<mark>universidade</mark>" in response.content.decode()


@pytest.mark.postgres
@postgres_only
def test_french_search_never_returns_spanish_pages(client, pages):
    # "organizaciones" and "campaña" are only in Spanish pages.
    for query in ["campaña", "organizaciones", "café"]:
        response = client.get("/fr/search/", {"q": query})
        assert response.status_code == 200
        assert result_urls(response) == [], query
    french = client.get("/fr/search/", {"q": "organisation"})
    assert result_urls(french) == [pages["fr"].url]


@pytest.mark.postgres
@postgres_only
def test_spanish_search_does_not_return_other_languages(client, pages):
    response = client.get("/es/search/", {"q": "universidade"})
    assert result_urls(response) == []


@pytest.mark.postgres
@postgres_only
def test_index_uses_each_pages_language_configuration(pages):
    from modelsearch.conf import get_app_config

    IndexEntry = get_app_config().get_model("IndexEntry")

    entry = IndexEntry.objects.get(
        object_id=str(pages["es"].pk), content_type_id=pages["es"].content_type_id
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::tsvector @@ to_tsquery('clac_es', 'campanas')", [entry.body]
        )
        assert cursor.fetchone()[0] is True


# --- Editor's picks ----------------------------------------------------------------------


def _promote(query_string, page, description=""):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(
        query=Query.get(query_string), page=page, description=description, sort_order=0
    )


def test_editors_pick_comes_first(client, pages):
    _promote("café", pages["es"], "Lo más importante")
    response = client.get("/es/search/", {"q": "café"})
    urls = result_urls(response)
    assert urls[0] == pages["es"].url  # the pick, although it doesn't say "café"
    assert urls.count(pages["es"].url) == 1
    assert pages["other"].url in urls[1:]
    assert "Lo más importante" in response.content.decode()


def test_editors_pick_is_shown_in_the_readers_language_only(client, pages):
    _promote("justice", pages["es"])
    french = client.get("/fr/search/", {"q": "justice"})
    assert result_urls(french)[:1] == [pages["fr"].url]  # its French translation
    _promote("exportation", pages["other"])  # no French translation
    response = client.get("/fr/search/", {"q": "exportation"})
    assert pages["other"].url not in result_urls(response)


@pytest.mark.postgres
@postgres_only
def test_editors_pick_first_on_postgres(client, pages):
    _promote("productores", pages["other"])
    response = client.get("/es/search/", {"q": "productores"})
    assert result_urls(response) == [pages["other"].url, pages["es"].url]


# --- Hostile input ----------------------------------------------------------------------


def test_60000_character_query_is_capped(client, pages):
    response = client.get("/es/search/", {"q": "campaña " * 7500})
    assert response.status_code == 200
    html = response.content.decode()
    value = unescape(re.search(r'name="q" value="([^"]*)"', html).group(1))
    assert len(value) <= MAX_QUERY_LENGTH
    assert value.startswith("campaña campaña")
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in html
    assert re.search(r'class="notice" role="status">[^<]*200', html)


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "'; DROP TABLE wagtailcore_page; --",
        "\\",
        "'''",
        "campaña & | ! ( ) : * <-> \\ '",
        ".*+?^${}()|[]\\",
        "%_%",
        "<script>alert(1)</script>",
        "a:* & b:*",
        "!!!",
        "   ",
        "\x00campaña\x00",
        "\u202e\u200bcampaña",
        "🙂" * 300,
    ],
)
def test_metacharacters_are_searched_safely(client, pages, query):
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    value = unescape(re.search(r'name="q" value="([^"]*)"', html).group(1))
    assert len(value) <= MAX_QUERY_LENGTH
    assert "\x00" not in value


def test_invalid_utf8_gets_a_clean_message(client, pages):
    response = client.get("/es/search/", QUERY_STRING="q=campa%F1a%ff%fe%80")
    assert response.status_code == 200
    html = response.content.decode()
    assert "\ufffd" not in html
    assert re.search(r'class="notice" role="status">[^<]+</p>', html)
    value = unescape(re.search(r'name="q" value="([^"]*)"', html).group(1))
    assert value == "campaa"


def test_clean_query():
    assert clean_query("  a\tb\n c ") == ("a b c", [])
    query, messages = clean_query("x" * 60000)
    assert len(query) == MAX_QUERY_LENGTH and len(messages) == 1
    assert clean_query("a\x00b\ufffd")[0] == "ab"


def test_no_server_error_for_many_queries(client, pages):
    queries = ["", "a", "campaña", "x" * 60000, "%", "' OR '1'='1", "🙂", "page"]
    params = ["", "&page=2", "&page=-1", "&page=abc", "&page=99999999999999999999"]
    for language in ("es", "en", "pt-br", "fr"):
        for query in queries:
            for extra in params:
                response = client.get(
                    f"/{language}/search/", QUERY_STRING=f"q={quote(query)}{extra}"
                )
                assert response.status_code == 200, (language, query[:20], extra)


# --- Results page --------------------------------------------------------------------


def test_results_have_an_excerpt_with_the_term_marked(client, pages):
    response = client.get("/es/search/", {"q": "cooperativas"})
    html = response.content.decode()
    assert result_urls(response) == [pages["other"].url]
    excerpt = re.search(r'<p class="search-excerpt">(.*?)</p>', html, re.S).group(1)
    assert re.search(r"<mark>Cooperativas</mark>", excerpt)
    assert "Europa" in excerpt


def test_zero_results_page_helps(client, pages):
    response = client.get("/es/search/", {"q": "zzzyyyxxx"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="search-empty"' in html
    assert 'href="/es/"' in html


def test_search_pages_through_results(client, home_es):
    for number in range(25):
        publish(home_es, StandardPage(title=f"Cacao {number}", slug=f"cacao-{number}"))
    first = client.get("/es/search/", {"q": "cacao"})
    third = client.get("/es/search/", {"q": "cacao", "page": 3})
    assert len(result_urls(first)) == 10 and len(result_urls(third)) == 5
    assert not set(result_urls(first)) & set(result_urls(third))
    assert 'href="?q=cacao&amp;page=2" rel="next"' in first.content.decode()


def test_search_responses_are_private_and_never_cached(client, pages, settings):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get("/es/search/", {"q": "campaña"})
        assert "private" in response["Cache-Control"]
        assert "no-cache" in response["Cache-Control"]
        assert response.get("X-Cache") != "HIT"


@pytest.mark.postgres
@postgres_only
@pytest.mark.parametrize(
    "query",
    [
        "organizaciones",
        "organización",
        "organizacion",
        "ORGANIZACION",
        "campaña organizacion",
    ],
)
def test_spanish_cion_words_with_or_without_accent_find_singular_and_plural(
    client, home_es, query
):
    plural = publish(
        home_es,
        StandardPage(
            title="Redes de productores",
            slug="redes",
            intro="Las organizaciones de la red y su campaña regional.",
        ),
    )
    singular = publish(
        home_es,
        StandardPage(
            title="Una organización de base",
            slug="base",
            intro="La organización reúne a familias cafetaleras en campaña.",
        ),
    )
    response = client.get("/es/search/", {"q": query})
    assert response.status_code == 200
    assert set(result_urls(response)) == {plural.url, singular.url}


def test_spanish_variants():
    from search.backend import spanish_variants

    assert spanish_variants("organizacion") == ["organizacion", "organizaciones"]
    assert spanish_variants("Organización") == ["Organizacion", "Organizaciones"]
    assert spanish_variants("naciones") == ["nacion", "naciones"]
    assert spanish_variants("café") == ["café"]
    assert spanish_variants("cion") == ["cion"]
