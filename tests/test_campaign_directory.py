"""The campaign's public registry (issue 17 items 7 and 8): the participant
directory with its filters, counts and pages, a page per public participant, the
counters on the campaign and home pages, the page cache, and no contact data in
anything a reader (or the cache) gets."""

import datetime
import pickle

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import number_format

from wagtail.models import Locale

import pytest

from campaigns.models import (
    Activity,
    CampaignCriterion,
    Participant,
    ParticipantContact,
    ParticipantDescription,
    ParticipantStatus,
    ProducerOrganization,
    Progress,
    ProgressState,
)
from demo.tree import add_participants, build_tree, translate

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "en", "pt-br", "fr")
BRAZIL = {"es": "Brasil", "en": "Brazil", "pt-br": "Brasil", "fr": "Brésil"}
MEXICO = {"es": "México", "en": "Mexico", "pt-br": "México", "fr": "Mexique"}


@pytest.fixture
def tree(home_es):
    pages = build_tree(home_es)
    for code in LANGUAGES[1:]:
        translate(pages["directory"], code)  # with its campaign and the parents
    return pages


def directory_in(tree, code):
    return (
        tree["directory"]
        .get_translation(Locale.objects.get(language_code=code))
        .specific
    )


def campaign_in(tree, code):
    return (
        tree["campaign"]
        .get_translation(Locale.objects.get(language_code=code))
        .specific
    )


def make_participant(campaign, name, country="BR", **fields):
    participant = Participant(
        campaign=campaign,
        name=name,
        country=country,
        city=fields.pop("city", "Recife"),
        status=fields.pop("status", ParticipantStatus.REGISTERED),
        listing_consent=fields.pop("listing_consent", True),
        **fields,
    )
    participant.save()
    return participant


def test_directory_and_participant_pages_render_in_four_languages(client, tree):
    campaign = tree["campaign"]
    ufpe = make_participant(
        campaign,
        "Universidade Federal de Pernambuco",
        latitude="-8.05000",
        longitude="-34.90000",
        original_language="pt-br",
    )
    ParticipantDescription.objects.create(
        participant=ufpe, language="pt-br", text="Uma universidade pública."
    )
    ParticipantDescription.objects.create(
        participant=ufpe, language="en", text="A public university."
    )
    make_participant(campaign, "UNAM", country="MX", city="Ciudad de México")
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        response = client.get(directory.url)
        assert response.status_code == 200, directory.url
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        assert "Universidade Federal de Pernambuco" in html
        assert "UNAM" in html
        assert BRAZIL[code] in html and MEXICO[code] in html
        assert f'href="{directory.url}{ufpe.slug}/"' in html
        assert 'class="network-map"' in html  # UFPE has coordinates

        page = client.get(f"{directory.url}{ufpe.slug}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert f'<html lang="{code}">' in html
        assert "<h1" in html and "Universidade Federal de Pernambuco" in html
        assert BRAZIL[code] in html
        assert "Recife" in html
        # The hreflang links lead to this participant in French.
        french = f"{directory_in(tree, 'fr').url}{ufpe.slug}/"
        assert f'hreflang="fr" href="http://localhost{french}">' in html
        # So does the language switcher (this participant, not the directory).
        if code != "fr":
            assert f'<a href="{french}" hreflang="fr" lang="fr">' in html
        if code == "en":
            assert "A public university." in html
            assert 'lang="pt-br">Uma universidade' not in html
        elif code == "pt-br":
            assert "<p>Uma universidade pública.</p>" in html
        else:
            # No description in this language: the original, labelled, with its lang.
            assert '<p lang="pt-br">Uma universidade pública.</p>' in html
            assert "participant__original-note" in html


def test_participant_page_shows_met_criteria_in_the_readers_language(client, tree):
    campaign = tree["campaign"]
    es = Locale.objects.get(language_code="es")
    en = Locale.objects.get(language_code="en")
    criterion = CampaignCriterion.objects.create(
        campaign=campaign, code="purchase", title="Compra pública", locale=es
    )
    other = CampaignCriterion.objects.create(
        campaign=campaign, code="course", title="Curso", locale=es, sort_order=1
    )
    CampaignCriterion.objects.create(
        campaign=campaign,
        code="purchase",
        title="Public purchasing",
        locale=en,
        translation_key=criterion.translation_key,
    )
    participant = make_participant(campaign, "Universidad del Valle", country="CO")
    Progress.objects.create(
        participant=participant,
        criterion=criterion,
        state=ProgressState.MET,
        date=datetime.date(2026, 3, 14),
        public_note="Café de comercio justo en las cafeterías.",
    )
    Progress.objects.create(
        participant=participant, criterion=other, state=ProgressState.IN_PROGRESS
    )
    photo_ok = Activity.objects.create(
        participant=participant,
        date=datetime.date(2026, 4, 1),
        kind="event",
        description="Feria de comercio justo.",
    )
    Activity.objects.create(
        participant=participant,
        date=datetime.date(2026, 5, 1),
        kind="course",
        description="Curso de consumo responsable.",
    )
    producer = ProducerOrganization.objects.create(name="Cooperativa Sol", country="CO")
    hidden = ProducerOrganization.objects.create(
        name="Cooperativa Oculta", country="CO", is_public=False
    )
    participant.producer_organizations.add(producer, hidden)
    participant.save()

    en_html = client.get(
        f"{directory_in(tree, 'en').url}{participant.slug}/"
    ).content.decode()
    assert "Public purchasing" in en_html
    assert "Compra pública" not in en_html
    assert 'datetime="2026-03-14"' in en_html
    assert "Café de comercio justo en las cafeterías." in en_html
    assert "Curso" not in en_html.split("criteria-title")[1].split("</section>")[0]
    assert photo_ok.description in en_html
    assert "Curso de consumo responsable." in en_html
    assert "Cooperativa Sol" in en_html
    assert "Cooperativa Oculta" not in en_html
    # French has no translation of the criterion: the Spanish title.
    fr_html = client.get(
        f"{directory_in(tree, 'fr').url}{participant.slug}/"
    ).content.decode()
    assert "Compra pública" in fr_html


def test_filters_count_options_and_filter_in_the_database(client, tree):
    campaign = tree["campaign"]
    add_participants(campaign, 6, countries=["BR"])
    add_participants(campaign, 4, start=100, countries=["MX"])
    add_participants(
        campaign,
        3,
        start=200,
        countries=["MX"],
        status=ParticipantStatus.DECLARED,
        kind="town",
    )
    url = directory_in(tree, "en").url
    html = client.get(url).content.decode()
    assert "13 participants found" in html
    assert ">Brazil (6)</option>" in html
    assert ">Mexico (7)</option>" in html
    assert ">Declared (3)</option>" in html

    html = client.get(url, {"country": "MX"}).content.decode()
    assert "7 participants found" in html
    assert "Universidad 0100" in html and "Universidad 0000" not in html
    # The other filters' counts follow the chosen country.
    assert ">Registered (4)</option>" in html
    assert '<option value="MX" selected>' in html

    html = client.get(url, {"country": "MX", "kind": "town"}).content.decode()
    assert "3 participants found" in html
    assert "Universidad 0200" in html and "Universidad 0100" not in html

    html = client.get(url, {"status": "declared"}).content.decode()
    assert "3 participants found" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=XX", ""),
        ("country=br", "?country=BR"),
        ("status=interested", ""),  # not a public status
        ("status=lapsed&kind=town", "?kind=town"),
        ("kind=<script>", ""),
        ("kind=town&kind=university", "?kind=university"),  # the last, as GET.get
        ("page=abc", ""),
        ("page=0", ""),
        ("page=1", ""),
        ("page=99999999999999999999", ""),
        ("country=%00%ff", ""),
    ],
)
def test_invalid_values_are_dropped_never_an_error(client, tree, query, expected):
    url = directory_in(tree, "es").url
    response = client.get(f"{url}?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{url}{expected}"
    assert client.get(response["Location"]).status_code == 200


def test_pagination_24_a_page_and_past_the_last_page_goes_to_the_last(client, tree):
    add_participants(tree["campaign"], 30)
    url = directory_in(tree, "en").url
    first = client.get(url).content.decode()
    assert first.count('class="participant-card"') == 24
    assert "Page 1 of 2" in first
    assert f'href="{url}?page=2" rel="next"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert second.count('class="participant-card"') == 6
    assert "Universidad 0029" in second and "Universidad 0000" not in second
    response = client.get(url, {"page": "7"})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?page=2"
    # With a filter, the last page is that of the filtered list.
    response = client.get(url, {"page": "2", "country": "JM"})
    assert response["Location"] == f"{url}?country=JM"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": ParticipantStatus.INTERESTED},
        {"status": ParticipantStatus.LAPSED},
        {"listing_consent": False},
        {"is_public": False},
    ],
)
def test_a_participant_that_is_not_public_is_a_404_and_not_listed(client, tree, fields):
    hidden = make_participant(tree["campaign"], "Universidad Escondida", **fields)
    make_participant(tree["campaign"], "Universidad Visible")
    directory = directory_in(tree, "es")
    html = client.get(directory.url).content.decode()
    assert "Universidad Visible" in html
    assert "Universidad Escondida" not in html
    assert "1 participant" in html or "1 participante" in html
    assert client.get(f"{directory.url}{hidden.slug}/").status_code == 404
    assert client.get(f"{directory.url}no-such-slug/").status_code == 404


def test_a_participant_of_another_campaign_is_not_on_this_directory(client, tree):
    from campaigns.models import CampaignPage
    from demo.tree import publish

    towns = publish(
        tree["campaign_index"],
        CampaignPage(title="Pueblos", slug="pueblos", tagline="t", goal="g"),
    )
    other = make_participant(towns, "Municipio de Otro Lado", country="PE")
    directory = directory_in(tree, "es")
    assert "Municipio de Otro Lado" not in client.get(directory.url).content.decode()
    assert client.get(f"{directory.url}{other.slug}/").status_code == 404


def measure(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    return len(cold), len(warm)


def test_queries_do_not_grow_with_1000_participants(client, tree):
    campaign = tree["campaign"]
    add_participants(campaign, 10)
    urls = []
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        urls += [
            directory.url,
            f"{directory.url}?country=BR&page=1".replace("&page=1", ""),
            f"{directory.url}universidad-0001/",
        ]
    for url in urls:  # the per-process caches (locales, content types) warm
        client.get(url)
    small = {url: measure(client, url) for url in urls}
    add_participants(campaign, 990, start=10)
    large = {url: measure(client, url) for url in urls}
    print("queries (cold, warm) at 10 / 1,000:", small, large)  # noqa: T201 - the report
    assert small == large, (small, large)
    assert max(cold for cold, _warm in large.values()) <= 15, large
    # 1,000 participants, 24 a page.
    html = client.get(directory_in(tree, "en").url).content.decode()
    assert "1,000 participants found" in html
    assert "Page 1 of 42" in html


def test_counters_on_the_campaign_and_home_pages_per_language(client, tree):
    campaign = tree["campaign"]
    countries = ["MX", "BR", "CO", "PE", "EC", "SV", "DO", "JM", "CU", "HT", "BO"]
    add_participants(campaign, 1200, countries=countries)
    add_participants(campaign, 5, start=5000, listed=False)  # not counted
    expected = {}
    for code in LANGUAGES:
        with translation.override(code):
            number = number_format(1200, force_grouping=True)
        expected[code] = number
    assert expected["en"] == "1,200"
    assert expected["pt-br"] == "1.200"
    assert expected["es"] != "1200" and expected["fr"] != "1200"
    for code in LANGUAGES:
        campaign_html = client.get(campaign_in(tree, code).url).content.decode()
        home_html = client.get(f"/{code}/").content.decode()
        for html in (campaign_html, home_html):
            assert expected[code] in html, code
            assert "1200" not in html
        if code == "en":
            assert "1,200 universities in 11 countries" in campaign_html
            assert "1,200 universities in 11 countries" in home_html


def test_the_counter_names_participants_of_mixed_kinds(client, tree):
    campaign = tree["campaign"]
    add_participants(campaign, 1, countries=["MX"])
    html = client.get(campaign_in(tree, "en").url).content.decode()
    assert "1 university in 1 country" in html
    add_participants(campaign, 1, start=10, kind="town", countries=["BR"])
    cache.clear()  # a bulk insert sends no signal, so the version stays
    html = client.get(campaign_in(tree, "en").url).content.decode()
    assert "2 participants in 2 countries" in html


def _raw_cache_values():
    """The pickled bytes of every value the default cache holds, whichever backend
    the run uses (local memory on SQLite, Redis on PostgreSQL)."""
    backend = cache._cache
    if hasattr(backend, "values"):  # LocMemCache: its dict of pickles
        return list(backend.values())
    client = backend.get_client()
    values = []
    for key in client.scan_iter(match=cache.make_key("*")):
        value = client.get(key)
        if value is not None and not value.isdigit():  # integers are not pickled
            values.append(value)
    return values


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


def test_saving_the_registry_changes_the_cached_pages(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    es = Locale.objects.get(language_code="es")
    with django_capture_on_commit_callbacks(execute=True):
        participant = make_participant(tree["campaign"], "Universidad Primera")
        criterion = CampaignCriterion.objects.create(
            campaign=tree["campaign"], code="course", title="Curso", locale=es
        )
    directory = directory_in(tree, "es")
    page_url = f"{directory.url}{participant.slug}/"
    assert client.get(directory.url)["X-Cache"] == "MISS"
    assert client.get(directory.url)["X-Cache"] == "HIT"
    client.get(page_url)
    assert client.get(page_url)["X-Cache"] == "HIT"

    with django_capture_on_commit_callbacks(execute=True):
        participant.city = "Cartagena"
        participant.save()
    html = client.get(directory.url).content.decode()
    assert "Cartagena" in html

    with django_capture_on_commit_callbacks(execute=True):
        Progress.objects.create(
            participant=participant,
            criterion=criterion,
            state=ProgressState.VERIFIED,
            date=datetime.date(2026, 2, 1),
        )
    html = client.get(page_url).content.decode()
    assert 'datetime="2026-02-01"' in html

    with django_capture_on_commit_callbacks(execute=True):
        Activity.objects.create(
            participant=participant,
            date=datetime.date(2026, 6, 1),
            kind="media",
            description="Entrevista en la radio universitaria.",
        )
    assert (
        "Entrevista en la radio universitaria." in client.get(page_url).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        participant.set_status(ParticipantStatus.LAPSED, reason="No renovó.")
        participant.save()
    assert "Universidad Primera" not in client.get(directory.url).content.decode()
    assert client.get(page_url).status_code == 404


CONTACT_EMAIL = "rectora.privada@example.edu"
CONTACT_PHONE = "+55 81 99999-1234"


def test_no_contact_data_in_pages_search_feeds_sitemap_or_the_cache(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant = make_participant(tree["campaign"], "Universidade Aberta")
        ParticipantContact.objects.create(
            participant=participant,
            name="Maria Privada",
            email=CONTACT_EMAIL,
            phone=CONTACT_PHONE,
            language="pt-br",
        )
    paths = ["/sitemap.xml", "/es/search/?q=Universidade", "/es/search/?q=Privada"]
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        paths += [
            directory.url,
            f"{directory.url}{participant.slug}/",
            campaign_in(tree, code).url,
            f"/{code}/",
        ]
    paths.append(f"{tree['news_index'].url}feed/")
    seen = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        seen.append(response.content)
        client.get(path)  # a second time: from the page cache where cached
    assert any(b"Universidade Aberta" in content for content in seen)
    for content in seen:
        for secret in (CONTACT_EMAIL, CONTACT_PHONE, "Maria Privada"):
            assert secret.encode() not in content
    # Every value the cache backend holds (pages, fragments, routes).
    raw_values = _raw_cache_values()
    stored = [pickle.loads(value) for value in raw_values]  # noqa: S301
    assert any("Universidade Aberta" in repr(value) for value in stored)
    raw = b"".join(raw_values)
    assert raw, "nothing cached: the test would prove nothing"
    for secret in (CONTACT_EMAIL, CONTACT_PHONE, "Maria Privada"):
        assert secret.encode() not in raw
        assert all(secret not in repr(value) for value in stored)
