"""CLAC's country networks (issue 18 item 5): the index with its counts and map,
a network's page with its producer organisations, its country's public
participants of both campaigns and its people, in four languages; the query
budget; and a coordinator limited to Brazil in the admin."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data

import pytest

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    CountryNetwork,
    CountryNetworkIndexPage,
    Participant,
    ParticipantContact,
    ParticipantStatus,
    ProducerOrganization,
)
from demo.tree import add_participants, build_tree, publish, translate
from tests.registry_admin_helpers import coordinator

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "en", "pt-br", "fr")
BRAZIL = {"es": "Brasil", "en": "Brazil", "pt-br": "Brasil", "fr": "Brésil"}
DESCRIPTIONS = {
    "es": "Reúne a las organizaciones de pequeños productores del país.",
    "en": "It brings together the country's small producer organisations.",
    "pt-br": "Reúne as organizações de pequenos produtores do país.",
    "fr": "Elle réunit les organisations de petits producteurs du pays.",
}
#: Countries of Latin America and the Caribbean for the networks, in order.
COUNTRIES = ["BR", "MX", "PE", "CO", "EC", "BO", "GT", "HN", "NI", "DO", "HT", "PY"]


@pytest.fixture
def tree(home_es):
    pages = build_tree(home_es)
    pages["towns"] = publish(
        pages["campaign_index"],
        CampaignPage(
            title="Pueblos por el Comercio Justo",
            slug="pueblos",
            tagline="Pueblos comprometidos",
            goal="Una red de pueblos.",
        ),
    )
    pages["towns_directory"] = publish(
        pages["towns"],
        type(pages["directory"])(title="Pueblos participantes", slug="participantes"),
    )
    pages["networks"] = publish(
        pages["campaign_index"],
        CountryNetworkIndexPage(
            title="Redes de país",
            slug="redes",
            intro="Las coordinadoras nacionales de la CLAC.",
        ),
    )
    for code in LANGUAGES[1:]:
        translate(pages["directory"], code)
        translate(pages["towns_directory"], code)
        translate(pages["networks"], code)
    return pages


def in_language(page, code):
    return page.get_translation(Locale.objects.get(language_code=code)).specific


def make_network(code, name, order=0, **fields):
    """A network in Spanish with its translations in the other three languages."""
    es = Locale.objects.get(language_code="es")
    network = CountryNetwork.objects.create(
        locale=es,
        country=code,
        name=name,
        sort_order=order,
        description=fields.pop("description", DESCRIPTIONS["es"]),
        **fields,
    )
    for language in LANGUAGES[1:]:
        copy = network.copy_for_translation(Locale.objects.get(language_code=language))
        copy.description = DESCRIPTIONS[language]
        copy.save()
    return network


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


@pytest.fixture
def brazil(tree, django_user_model):
    """The Brazilian network with its registry, and a Mexican one to compare."""
    network = make_network(
        "BR",
        "Associação das Organizações de Produtores do Brasil",
        public_email="rede@brasil.example.org",
        website="https://brasil.example.org",
    )
    make_network("MX", "Coordinadora Mexicana de Comercio Justo", order=1)
    for name in ("Cooperativa Café Serra", "Apicultores do Sul", "Cacau Bahia"):
        ProducerOrganization.objects.create(name=name, country="BR", products="café")
    ProducerOrganization.objects.create(
        name="Cooperativa Escondida", country="BR", is_public=False
    )
    ProducerOrganization.objects.create(name="Cafetaleros de Chiapas", country="MX")
    ufpe = make_participant(tree["campaign"], "Universidade Federal de Pernambuco")
    town = make_participant(tree["towns"], "Prefeitura de Poços de Caldas")
    ParticipantContact.objects.create(
        participant=ufpe,
        name="Maria Contato",
        email="maria.contato@ufpe.example.org",
        phone="+55 81 0000 0000",
    )
    hidden = [make_participant(tree["campaign"], "Universidade Sem Consentimento")] + [
        make_participant(
            tree["campaign"],
            "Universidade Interessada",
            status=ParticipantStatus.INTERESTED,
        ),
        make_participant(tree["towns"], "Cidade Oculta", is_public=False),
    ]
    hidden[0].listing_consent = False
    hidden[0].save()
    make_participant(tree["campaign"], "UNAM", country="MX", city="Ciudad de México")
    # The network's people: coordinators limited to Brazil (names only).
    lucia = coordinator(django_user_model, "coordbr", countries=["BR", "PY"])
    lucia.first_name, lucia.last_name = "Lúcia", "Ferreira"
    lucia.save()
    coordinator(django_user_model, "coordmx", countries=["MX"])
    coordinator(django_user_model, "coordall")  # no scope: every country
    return {"network": network, "ufpe": ufpe, "town": town, "lucia": lucia}


def test_the_index_and_a_network_page_render_in_four_languages(client, tree, brazil):
    for code in LANGUAGES:
        index = in_language(tree["networks"], code)
        response = client.get(index.url)
        assert response.status_code == 200, index.url
        html = response.content.decode()
        assert f'<html lang="{code}">' in html
        assert "Associação das Organizações de Produtores do Brasil" in html
        assert BRAZIL[code] in html
        network_url = f"{index.url}brasil/"
        assert f'href="{network_url}"' in html
        assert 'class="network-map"' in html
        assert "network-map__point--network" in html
        assert 'href="mailto:rede@brasil.example.org"' in html

        page = client.get(network_url)
        assert page.status_code == 200, network_url
        html = page.content.decode()
        assert f'<html lang="{code}">' in html
        assert "<h1" in html and "Associação das Organizações" in html
        assert f"<p>{escape(DESCRIPTIONS[code])}</p>" in html
        assert BRAZIL[code] in html
        assert 'href="mailto:rede@brasil.example.org"' in html
        # The hreflang links lead to this network in French.
        french = f"{in_language(tree['networks'], 'fr').url}brasil/"
        assert f'hreflang="fr" href="http://localhost{french}">' in html
        # The participants link to their pages in the reader's language.
        directory = in_language(tree["directory"], code)
        towns = in_language(tree["towns_directory"], code)
        assert f'href="{directory.url}{brazil["ufpe"].slug}/"' in html
        assert f'href="{towns.url}{brazil["town"].slug}/"' in html
        assert client.get(f"{directory.url}{brazil['ufpe'].slug}/").status_code == 200


def test_the_counts_are_of_the_country_public_only(client, tree, brazil):
    html = client.get(in_language(tree["networks"], "en").url).content.decode()
    cards = html.split('class="participant-card network-card"')[1:]
    brazil_card = next(card for card in cards if "Associação das" in card)
    assert "3 producer organisations" in brazil_card
    assert "2 participants in the campaigns" in brazil_card
    mexico_card = next(card for card in cards if "Coordinadora Mexicana" in card)
    assert "1 producer organisation<" in mexico_card
    assert "1 participant in the campaigns" in mexico_card
    # Ordered by the editors' order: Brazil (0) before Mexico (1).
    assert html.index("Associação das") < html.index("Coordinadora Mexicana")


def test_a_network_page_lists_its_country_public_participants_only(
    client, tree, brazil
):
    html = client.get(
        f"{in_language(tree['networks'], 'en').url}brasil/"
    ).content.decode()
    for shown in (
        "Universidade Federal de Pernambuco",
        "Prefeitura de Poços de Caldas",
        "Cooperativa Café Serra",
        "Apicultores do Sul",
        "Cacau Bahia",
    ):
        assert shown in html
    for hidden in (
        "Universidade Sem Consentimento",
        "Universidade Interessada",
        "Cidade Oculta",
        "Cooperativa Escondida",
        "UNAM",
        "Cafetaleros de Chiapas",
    ):
        assert hidden not in html
    # No contact data of any participant; the people by their names only.
    assert "maria.contato" not in html and "Maria Contato" not in html
    assert "+55 81" not in html
    assert "The network’s people" in html  # the English catalog's apostrophe
    assert "Lúcia Ferreira" in html
    assert brazil["lucia"].email not in html and "coordbr" not in html
    assert "Coordmx" not in html  # limited to Mexico
    assert "Coordall" not in html  # not limited to a country


def test_the_cached_pages_follow_the_registry_and_the_scopes(
    client, tree, brazil, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    url = f"{in_language(tree['networks'], 'es').url}brasil/"
    index_url = in_language(tree["networks"], "en").url
    assert "Lúcia Ferreira" in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "HIT"
    assert "3 producer organisations" in client.get(index_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        scope = brazil["lucia"].coordinator_scope
        scope.countries = ["PY"]
        scope.save()
        ProducerOrganization.objects.create(name="Nova Cooperativa", country="BR")
    html = client.get(url).content.decode()
    assert "Lúcia Ferreira" not in html
    assert "Nova Cooperativa" in html
    assert "4 producer organisations" in client.get(index_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        network = brazil["network"]
        network.public_email = "contato@brasil.example.org"
        network.save()
    assert "contato@brasil.example.org" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "value", ["zz", "xx-yy", "no-such-network", "%00", "br%2F..", "12345"]
)
def test_a_bad_route_is_a_404(client, tree, brazil, value):
    url = f"{in_language(tree['networks'], 'en').url}{value}/"
    assert client.get(url).status_code == 404


def test_the_country_code_redirects_to_the_network(client, tree, brazil):
    index = in_language(tree["networks"], "pt-br")
    for code in ("br", "BR"):
        response = client.get(f"{index.url}{code}/")
        assert response.status_code == 301
        assert response["Location"] == f"{index.url}brasil/"


def measure(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200
    return len(cold)


def test_the_same_queries_for_3_and_12_networks(client, tree):
    urls = [in_language(tree["networks"], code).url for code in LANGUAGES]
    for number, code in enumerate(COUNTRIES[:3]):
        make_network(code, f"Red {code}", order=number)
        add_participants(tree["campaign"], 2, start=number * 10, countries=[code])
        ProducerOrganization.objects.create(name=f"Cooperativa {code}", country=code)
    network_urls = [f"{url}brasil/" for url in urls]
    for url in urls + network_urls:
        client.get(url)  # the per-process caches (locales, content types) warm
    small = {url: measure(client, url) for url in urls + network_urls}
    for number, code in enumerate(COUNTRIES[3:], start=3):
        make_network(code, f"Red {code}", order=number)
        add_participants(tree["campaign"], 2, start=number * 10, countries=[code])
        ProducerOrganization.objects.create(name=f"Cooperativa {code}", country=code)
    add_participants(tree["towns"], 8, start=500, countries=["BR"])
    large = {url: measure(client, url) for url in urls + network_urls}
    assert small == large, (small, large)
    assert max(large.values()) <= 20, large
    html = client.get(urls[1]).content.decode()
    assert html.count('class="participant-card network-card"') == 12


# --- the admin -------------------------------------------------------------------------


def refused(response) -> bool:
    return response.status_code in {302, 403, 404}


def test_a_brazil_coordinator_edits_the_brazilian_network_only(
    client, tree, brazil, django_user_model
):
    mexico = CountryNetwork.objects.get(country="MX", locale__language_code="es")
    mexico_en = CountryNetwork.objects.get(country="MX", locale__language_code="en")
    client.force_login(brazil["lucia"])
    index = client.get(reverse("wagtailsnippets_campaigns_countrynetwork:list"))
    assert index.status_code == 200
    body = index.content.decode()
    assert "Associação das Organizações" in body
    assert "Coordinadora Mexicana" not in body

    for network in (mexico, mexico_en):
        for name in ("edit", "delete", "history", "usage"):
            url = reverse(
                f"wagtailsnippets_campaigns_countrynetwork:{name}", args=[network.pk]
            )
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"name": "Hackeada"})
                assert refused(response), (name, method)
                assert b"Coordinadora Mexicana" not in response.content
    assert CountryNetwork.objects.filter(name="Hackeada").count() == 0
    assert CountryNetwork.objects.filter(pk=mexico.pk).exists()
    bulk = reverse(
        "wagtail_bulk_action", args=["campaigns", "countrynetwork", "delete"]
    )
    client.post(f"{bulk}?id={mexico.pk}")
    assert CountryNetwork.objects.filter(pk=mexico.pk).exists()

    # The Brazilian network: opened and saved.
    network = brazil["network"]
    edit = reverse("wagtailsnippets_campaigns_countrynetwork:edit", args=[network.pk])
    assert client.get(edit).status_code == 200
    data = {
        "country": "BR",
        "sort_order": "0",
        "name": network.name,
        "slug": "brasil",
        "description": "Nova descrição da rede.",
        "public_email": "rede@brasil.example.org",
        "website": "",
        "logo": "",
    }
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    network.refresh_from_db()
    assert network.description == "Nova descrição da rede."
    # Nor can the coordinator move it, or create one, outside Brazil.
    response = client.post(edit, {**data, "country": "AR"})
    assert response.status_code == 200
    with translation.override("es"):  # the admin's language
        refusal = gettext("You coordinate other countries: choose one of yours.")
    assert escape(refusal) in response.content.decode()
    network.refresh_from_db()
    assert network.country == "BR"
    add = reverse("wagtailsnippets_campaigns_countrynetwork:add")
    response = client.post(
        add, {**data, "country": "AR", "slug": "argentina", "name": "Red AR"}
    )
    assert not CountryNetwork.objects.filter(country="AR").exists()


def test_an_editor_and_an_unlimited_coordinator_see_every_network(
    client, tree, brazil, editor, django_user_model
):
    for user in (
        editor,
        django_user_model.objects.get(username="coordall"),
    ):
        client.force_login(user)
        body = client.get(
            reverse("wagtailsnippets_campaigns_countrynetwork:list")
        ).content.decode()
        assert "Associação das Organizações" in body, user
        assert "Coordinadora Mexicana" in body, user


def test_the_index_page_lives_under_the_campaign_index():
    assert set(CountryNetworkIndexPage.allowed_parent_page_models()) == {
        CampaignIndexPage
    }
    assert CountryNetworkIndexPage.allowed_subpage_models() == []


def test_an_editor_creates_the_index_page_and_a_network(client, editor, home_es):
    client.force_login(editor)
    pages = build_tree(home_es)
    url = reverse(
        "wagtailadmin_pages:add",
        args=["campaigns", "countrynetworkindexpage", pages["campaign_index"].pk],
    )
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        nested_form_data({"title": "Redes", "slug": "redes", "intro": "Las redes."}),
    )
    assert response.status_code == 302
    assert CountryNetworkIndexPage.objects.filter(slug="redes").exists()

    add = reverse("wagtailsnippets_campaigns_countrynetwork:add")
    assert client.get(add, {"locale": "es"}).status_code == 200
    response = client.post(
        f"{add}?locale=es",
        {
            "country": "DO",
            "sort_order": "0",
            "name": "Coordinadora Dominicana",
            "slug": "",
            "description": "Cacao y banano.",
            "public_email": "red@do.example.org",
            "website": "",
            "logo": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    network = CountryNetwork.objects.get(country="DO")
    assert network.slug == "republica-dominicana"  # the Spanish name of the country
    assert network.locale.language_code == "es"


def test_the_campaigns_index_leads_to_the_country_networks(client, tree):
    """Readers find the networks from the campaigns index, in each language."""
    for code in LANGUAGES:
        index = in_language(tree["campaign_index"], code)
        networks = in_language(tree["networks"], code)
        html = client.get(index.url).content.decode()
        assert f'<a href="{networks.url}">{networks.title}</a>' in html, code
