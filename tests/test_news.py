"""News index (filters, pagination, query budget), related news, feeds, publications."""

import re
import xml.etree.ElementTree as ET

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignPageTopic,
    ObjectivePage,
    StrategyPage,
)
from demo.tree import publish, translate
from news.models import NewsPage, publication_downloads

from .news_helpers import (
    add_news,
    attach_publication,
    make_document,
    make_topic,
    news_index,
)

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 12  # a warm visit; a cold render is constant too


def count_queries(client, url):
    """Queries of a cold render (renditions made, every cache empty: the listing
    queries themselves run) and of a warm visit (as readers meet it)."""
    client.get(url)  # makes the renditions once
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return (len(cold), len(warm)), response


def news_links(response):
    return re.findall(
        r'class="card-title"><a href="([^"]+)"', response.content.decode()
    )


# --- Index: pagination and filters ---------------------------------------------------


def test_index_paginates_newest_first(client, home_es, settings):
    settings.NEWS_PAGE_SIZE = 5
    index = news_index(home_es)
    add_news(index, 12, with_images=False)
    first = client.get("/es/noticias/")
    assert news_links(first) == [f"/es/noticias/noticia-{n}/" for n in range(5)]
    third = client.get("/es/noticias/?page=3")
    assert news_links(third) == [f"/es/noticias/noticia-{n}/" for n in (10, 11)]
    assert "Página 3 de 3".encode() in third.content or b"Page 3 of 3" in third.content


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999999",
        "page=%00",
        "page=1e9",
        "topic=no-such-topic",
        "topic=%00%ff%fe",
        "topic=" + "x" * 5000,
        "type=%00",
        "type=bogus",
        "type=publication&type=news&page=2&page=x",
        "topic='%20OR%201=1--",
    ],
)
def test_invalid_filter_values_never_fail(client, home_es, settings, query):
    """A mangled link never fails: it is sent to the canonical URL (a real page of
    news), or is a 404 when it asks for a page number past the last page. Never
    a 200 of its own, which the page cache would keep (tests/test_page_cache_params.py)."""
    settings.NEWS_PAGE_SIZE = 3
    index = news_index(home_es)
    add_news(index, 4, with_images=False)
    response = client.get("/es/noticias/?" + query)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        target = client.get(response["Location"])
        assert target.status_code == 200
        assert len(news_links(target)) in (1, 3)  # a real page of news


def test_filters_by_type_and_topic(client, home_es):
    index = news_index(home_es)
    topic = make_topic()
    other = make_topic("Clima", "clima")
    add_news(index, 2, with_images=False, topic=topic)
    add_news(index, 2, start=2, with_images=False, news_type="study", topic=other)
    add_news(index, 1, start=4, with_images=False, news_type="statement")

    publications = news_links(client.get("/es/noticias/?type=publication"))
    assert publications == ["/es/noticias/noticia-2/", "/es/noticias/noticia-3/"]
    statements = news_links(client.get("/es/noticias/?type=statement"))
    assert statements == ["/es/noticias/noticia-4/"]
    by_topic = client.get("/es/noticias/?topic=precios-justos")
    assert news_links(by_topic) == [
        "/es/noticias/noticia-0/",
        "/es/noticias/noticia-1/",
    ]
    assert b'<option value="precios-justos" selected>' in by_topic.content
    both = news_links(client.get("/es/noticias/?topic=clima&type=publication"))
    assert both == ["/es/noticias/noticia-2/", "/es/noticias/noticia-3/"]


# --- Query budget: constant in the number of news -------------------------------------


def _objective_and_campaign(home, topic_name="Precios justos"):
    strategy = publish(
        home, StrategyPage(title="Estrategia", slug="estrategia", intro="Intro.")
    )
    objective = publish(
        strategy, ObjectivePage(title="Incidir", slug="incidir", summary="Incidir.")
    )
    topic = make_topic(topic_name, objective=objective)
    campaign_index = publish(home, CampaignIndexPage(title="Campañas", slug="campanas"))
    campaign = publish(
        campaign_index,
        CampaignPage(
            title="Universidades",
            slug="universidades",
            tagline="T",
            goal="G",
            topics=[CampaignPageTopic(topic=topic)],
        ),
    )
    return objective, campaign, topic


def test_listings_use_the_same_queries_for_10_and_200_news(client, home_es, settings):
    settings.NEWS_PAGE_SIZE = 5  # ?page=2 exists at 10 news
    index = news_index(home_es)
    _objective, _campaign, topic = _objective_and_campaign(home_es)
    urls = [
        "/es/",
        "/es/noticias/",
        "/es/noticias/?topic=precios-justos",
        "/es/noticias/?type=news&page=2",
        "/es/noticias/feed/",
        "/es/estrategia/incidir/",
        "/es/campanas/universidades/",
    ]
    add_news(index, 10, topic=topic)
    small = {url: count_queries(client, url)[0] for url in urls}
    add_news(index, 20, start=10, topic=topic)
    add_news(index, 170, start=30, topic=topic, with_images=False)
    large = {}
    for url in urls:
        large[url], response = count_queries(client, url)
        if "feed" not in url and url != "/es/estrategia/incidir/":
            assert b"card-title" in response.content, url
    assert small == large
    assert max(warm for _cold, warm in large.values()) <= QUERY_BUDGET, large


def test_objective_and_campaign_show_latest_related_news(client, home_es):
    index = news_index(home_es)
    _objective, _campaign, topic = _objective_and_campaign(home_es)
    unrelated = make_topic("Otro", "otro")
    add_news(index, 5, with_images=False, topic=topic)
    add_news(index, 2, start=5, with_images=False, topic=unrelated)
    NewsPage.objects.filter(slug="noticia-0").update(date="2020-01-01")
    # The newest news are on another topic: they must not be listed.
    NewsPage.objects.filter(slug__in=["noticia-5", "noticia-6"]).update(
        date="2026-01-01"
    )

    objective_page = client.get("/es/estrategia/incidir/").content.decode()
    campaign_page = client.get("/es/campanas/universidades/").content.decode()
    for html in (objective_page, campaign_page):
        shown = re.findall(r'href="/es/noticias/(noticia-\d+)/"', html)
        assert shown == ["noticia-1", "noticia-2", "noticia-3"]


# --- Feeds ------------------------------------------------------------------------------


def test_feed_per_language_is_xml_with_only_that_language(client, home_es):
    index = news_index(home_es)
    spanish = add_news(index, 3, with_images=False)
    english_index = translate(index, "en", title="News", slug="news")
    translate(spanish[0], "en", title="Fair prices in English", slug="fair-prices")

    es_response = client.get("/es/noticias/feed/")
    en_response = client.get("/en/news/feed/")
    assert es_response.status_code == en_response.status_code == 200
    assert es_response["Content-Type"].startswith("application/rss+xml")

    es_channel = ET.fromstring(es_response.content).find("channel")  # noqa: S314 - our own feed
    en_channel = ET.fromstring(en_response.content).find("channel")  # noqa: S314
    assert es_channel.findtext("language") == "es"
    assert en_channel.findtext("language") == "en"
    es_links = [item.findtext("link") for item in es_channel.findall("item")]
    en_links = [item.findtext("link") for item in en_channel.findall("item")]
    assert len(es_links) == 3
    assert all(
        re.match(r"^https?://[^/]+/es/noticias/noticia-\d/$", u) for u in es_links
    )
    assert [item.findtext("title") for item in en_channel.findall("item")] == [
        "Fair prices in English"
    ]
    assert en_links and all("/en/news/" in u and u.startswith("http") for u in en_links)

    index_html = client.get("/en/news/").content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="News · CLAC (RSS)" '
        f'href="{english_index.url}feed/">' in index_html
    )


# --- Publications in several languages --------------------------------------------------


def _publication(home):
    index = news_index(home)
    page = publish(
        index,
        NewsPage(
            title="Estudio de precios",
            slug="estudio-precios",
            summary="Un estudio.",
            news_type="study",
        ),
    )
    spanish = make_document(
        "Estudio (ES)", "es", b"%PDF-1.4 espanol" + b"x" * 2000, "es.pdf"
    )
    english = make_document("Study (EN)", "en", b"%PDF-1.4 english", "en.pdf")
    attach_publication(page, spanish, english)
    return page, spanish, english


def _primary_link(html):
    match = re.search(r'class="button download-primary" href="([^"]+)"', html)
    return match.group(1) if match else None


def test_publication_downloads_in_the_readers_language(client, home_es):
    page, spanish, english = _publication(home_es)
    translate(page, "en", title="Price study", slug="price-study")

    es_html = client.get("/es/noticias/estudio-precios/").content.decode()
    en_html = client.get("/en/noticias/price-study/").content.decode()
    assert _primary_link(es_html) == spanish.url
    assert _primary_link(en_html) == english.url
    assert b"espanol" in b"".join(client.get(spanish.url).streaming_content)
    assert b"english" in b"".join(client.get(english.url).streaming_content)
    # Each download says the languages it exists in and its size.
    for html in (es_html, en_html):
        assert re.search(r"(Available in:|Disponible en:).*Español.*English", html)
        assert "2 KB" in html and "16 B" in html
    assert "Only available in" not in en_html and "Solo disponible" not in es_html


def test_publication_fallback_is_labelled(client, home_es):
    page, spanish, _english = _publication(home_es)
    translate(page, "fr", title="Étude des prix", slug="etude-prix")

    html = client.get("/fr/noticias/etude-prix/").content.decode()
    assert _primary_link(html) is None
    match = re.search(r'class="notice download-fallback"[^>]*>(.*?)</p>', html, re.S)
    assert match, "the fallback label is missing"
    label = re.sub(r"<[^>]+>", "", match.group(1))
    assert re.search(r"(Only available in:|Disponible uniquement en)", label)
    assert "Español" in label and "English" in label and "Français" not in label
    assert f'href="{spanish.url}" hreflang="es"' in html


def test_publication_downloads_helper(home_es):
    page, spanish, english = _publication(home_es)
    assert publication_downloads(page, "en")["primary"] == english
    fallback = publication_downloads(page, "pt-br")
    assert fallback["in_reader_language"] is False
    assert fallback["primary"] == spanish
    assert fallback["languages"] == [("es", "Español"), ("en", "English")]
    bare = publish(
        page.get_parent(), NewsPage(title="Sin archivos", slug="sin", summary="S")
    )
    assert publication_downloads(bare) is None


def test_publication_file_needs_a_language(home_es):
    from django.core.exceptions import ValidationError

    from news.models import NewsPagePublicationFile

    page, _spanish, _english = _publication(home_es)
    unknown = make_document("Sin idioma", "")
    row = NewsPagePublicationFile(page=page, document=unknown)
    with pytest.raises(ValidationError) as error:
        row.clean()
    assert "document" in error.value.message_dict
