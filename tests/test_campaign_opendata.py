"""A campaign's public participants as open data (issue 18 item 2): the CSV and
GeoJSON files of each directory translation, their public fields only, formula
cells neutralised, the licence, the page cache and its invalidation, and the
query count whatever the number of participants."""

import csv
import datetime
import io
import json
import re
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale

import pytest

from campaigns.models import (
    PUBLIC_STATUSES,
    CampaignCriterion,
    Participant,
    ParticipantContact,
    ParticipantKind,
    ParticipantStatus,
    ProducerOrganization,
    Progress,
    ProgressState,
)
from campaigns.opendata import FIELDS, LICENSE_URL
from core.templatetags.clac_tags import filesize
from demo.tree import add_participants, build_tree, translate

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "en", "pt-br", "fr")
BRAZIL = {"es": "Brasil", "en": "Brazil", "pt-br": "Brasil", "fr": "Brésil"}
CSV_PATH = "open-data/csv/"
GEOJSON_PATH = "open-data/geojson/"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
HOSTILE_NAMES = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]
NON_PUBLIC_STATUSES = [
    status for status in ParticipantStatus if status not in PUBLIC_STATUSES
]

CONTACT_NAME = "Rectora Confidencial Quispe"
CONTACT_EMAIL = "rectora.confidencial@example.edu"
CONTACT_PHONE = "+51 1 5550-9876"
CONTACT_ROLE = "Vicerrectora secreta"
STATUS_REASON = "Motivo interno reservado"
EVIDENCE_FILE = "evidence/2026/01/acta-reservada.pdf"


@pytest.fixture
def tree(home_es):
    pages = build_tree(home_es)
    for code in LANGUAGES[1:]:
        translate(pages["directory"], code)  # with its campaign and the parents
    return pages


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()


def directory_in(tree, code):
    return (
        tree["directory"]
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


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the accents
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_geojson(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def size_text(response):
    """The size the directory page shows for this file ("1 KB")."""
    return filesize(SimpleNamespace(file_size=len(response.content)))


def csv_records(response):
    table = read_csv(response)
    assert tuple(table[0]) == FIELDS
    return [dict(zip(table[0], row, strict=True)) for row in table[1:]]


@pytest.fixture
def registry(tree):
    """Public participants of every kind of content, and some that are not."""
    campaign = tree["campaign"]
    ufpe = make_participant(
        campaign,
        "Universidade Federal de Pernambuco",
        latitude="-8.05000",
        longitude="-34.90000",
        website="https://www.ufpe.br/",
    )
    declared = make_participant(
        campaign,
        "Municipio de Ciudad Justa",
        country="MX",
        city="Oaxaca",
        kind=ParticipantKind.TOWN,
        status=ParticipantStatus.DECLARED,
        declared_on=datetime.date(2025, 11, 3),
        valid_until=datetime.date(2027, 11, 3),
        latitude="17.06000",
        longitude="-96.72500",
    )
    no_position = make_participant(campaign, "Universidad sin Mapa", country="PE")
    sol = ProducerOrganization.objects.create(name="Cooperativa Sol", country="BR")
    abelha = ProducerOrganization.objects.create(
        name="Apicultores Abelha", country="BR"
    )
    hidden = ProducerOrganization.objects.create(
        name="Cooperativa Oculta", country="BR", is_public=False
    )
    ufpe.producer_organizations.add(sol, abelha, hidden)
    ufpe.save()
    return {"ufpe": ufpe, "declared": declared, "no_position": no_position}


def test_geojson_has_one_feature_per_public_participant_with_public_fields(
    client, tree, registry
):
    directory = directory_in(tree, "en")
    data = read_geojson(client.get(directory.url + GEOJSON_PATH))
    assert data["type"] == "FeatureCollection"
    assert data["license"] == "CC-BY-4.0"
    assert data["license_url"] == LICENSE_URL
    assert data["attribution"] == "CLAC"
    assert data["language"] == "en"
    features = {item["properties"]["name"]: item for item in data["features"]}
    assert set(features) == {
        "Universidade Federal de Pernambuco",
        "Municipio de Ciudad Justa",
        "Universidad sin Mapa",
    }
    for item in data["features"]:
        assert item["type"] == "Feature"
        geometry = item["geometry"]
        if geometry is not None:
            assert geometry["type"] == "Point"
            lon, lat = geometry["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert set(item["properties"]) == set(FIELDS) - {"latitude", "longitude"}

    ufpe = features["Universidade Federal de Pernambuco"]
    assert ufpe["geometry"] == {"type": "Point", "coordinates": [-34.9, -8.05]}
    ufpe_url = f"http://localhost{directory.url}{registry['ufpe'].slug}/"
    assert ufpe["properties"] == {
        "name": "Universidade Federal de Pernambuco",
        "kind": "University",
        "kind_code": "university",
        "country": "Brazil",
        "country_code": "BR",
        "city": "Recife",
        "status": "Registered",
        "status_code": "registered",
        "declared_on": None,
        "valid_until": None,
        "website": "https://www.ufpe.br/",
        "url": ufpe_url,
        "producer_organizations": ["Apicultores Abelha", "Cooperativa Sol"],
    }
    town = features["Municipio de Ciudad Justa"]["properties"]
    assert town["kind_code"] == "town" and town["kind"] == "Town or city"
    assert town["status_code"] == "declared" and town["status"] == "Declared"
    assert town["country"] == "Mexico" and town["country_code"] == "MX"
    assert town["declared_on"] == "2025-11-03"
    assert town["valid_until"] == "2027-11-03"
    # Without coordinates: in the file, with no geometry (RFC 7946, 3.2).
    assert features["Universidad sin Mapa"]["geometry"] is None
    # The participant's page is where the URL says.
    assert client.get(ufpe_url.removeprefix("http://localhost")).status_code == 200


def test_csv_has_a_header_and_one_row_per_public_participant(client, tree, registry):
    directory = directory_in(tree, "en")
    response = client.get(directory.url + CSV_PATH)
    assert response["Content-Disposition"] == (
        f'attachment; filename="{directory.slug}-en.csv"'
    )
    records = {row["name"]: row for row in csv_records(response)}
    assert list(records) == [  # by name
        "Municipio de Ciudad Justa",
        "Universidad sin Mapa",
        "Universidade Federal de Pernambuco",
    ]
    ufpe = records["Universidade Federal de Pernambuco"]
    assert ufpe["latitude"] == "-8.05" and ufpe["longitude"] == "-34.9"
    assert ufpe["country"] == "Brazil" and ufpe["country_code"] == "BR"
    assert ufpe["producer_organizations"] == "Apicultores Abelha; Cooperativa Sol"
    assert ufpe["url"] == f"http://localhost{directory.url}{registry['ufpe'].slug}/"
    assert records["Universidad sin Mapa"]["latitude"] == ""
    assert records["Universidad sin Mapa"]["longitude"] == ""
    assert records["Municipio de Ciudad Justa"]["declared_on"] == "2025-11-03"
    geo = client.get(directory.url + GEOJSON_PATH)
    assert geo["Content-Disposition"] == (
        f'attachment; filename="{directory.slug}-en.geojson"'
    )


def test_no_csv_cell_can_be_read_as_a_formula(client, tree):
    campaign = tree["campaign"]
    for number, name in enumerate(HOSTILE_NAMES):
        make_participant(
            campaign,
            name,
            slug=f"hostil-{number}",
            city="=cmd|' /C calc'!A0",
            latitude="-12.04000",
            longitude="-77.03000",
        )
    directory = directory_in(tree, "es")
    table = read_csv(client.get(directory.url + CSV_PATH))
    assert len(table) == 1 + len(HOSTILE_NAMES)
    numeric = {FIELDS.index("latitude"), FIELDS.index("longitude")}
    for row in table:
        for index, cell in enumerate(row):
            if index in numeric and row is not table[0]:
                # Plain decimal numbers only: a spreadsheet reads them as numbers.
                assert PLAIN_NUMBER.fullmatch(cell), cell
            else:
                assert not cell.startswith(FORMULA_STARTS), cell
    names = sorted(row[0] for row in table[1:])
    assert names == sorted("'" + name for name in HOSTILE_NAMES)
    # The GeoJSON keeps the names as they are (JSON has no formulas).
    data = read_geojson(client.get(directory.url + GEOJSON_PATH))
    assert sorted(f["properties"]["name"] for f in data["features"]) == sorted(
        HOSTILE_NAMES
    )


def test_no_contact_evidence_reason_or_consent_in_either_file(client, tree, registry):
    es = Locale.objects.get(language_code="es")
    participant = registry["ufpe"]
    ParticipantContact.objects.create(
        participant=participant,
        name=CONTACT_NAME,
        role=CONTACT_ROLE,
        email=CONTACT_EMAIL,
        phone=CONTACT_PHONE,
        language="pt-br",
    )
    criterion = CampaignCriterion.objects.create(
        campaign=tree["campaign"], code="course", title="Curso", locale=es
    )
    Progress.objects.create(
        participant=participant,
        criterion=criterion,
        state=ProgressState.MET,
        evidence_file=EVIDENCE_FILE,
    )
    participant.set_status(ParticipantStatus.IN_PROGRESS, reason=STATUS_REASON)
    participant.save()
    secrets = (
        CONTACT_NAME,
        CONTACT_EMAIL,
        CONTACT_PHONE,
        CONTACT_ROLE,
        STATUS_REASON,
        EVIDENCE_FILE,
        "acta-reservada",
        "listing_consent",
        "is_public",
    )
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        for path in (CSV_PATH, GEOJSON_PATH):
            response = client.get(directory.url + path)
            assert response.status_code == 200
            body = response.content.decode("utf-8-sig")
            assert "Universidade Federal de Pernambuco" in body
            for secret in secrets:
                assert secret not in body, (code, path, secret)
                assert json.dumps(secret)[1:-1] not in body


@pytest.mark.parametrize(
    "fields",
    [
        *({"status": status} for status in NON_PUBLIC_STATUSES),
        {"listing_consent": False},
        {"is_public": False},
    ],
    ids=[*(str(status) for status in NON_PUBLIC_STATUSES), "no-consent", "hidden"],
)
def test_participants_that_are_not_public_are_in_neither_file(client, tree, fields):
    make_participant(tree["campaign"], "Universidad Escondida", **fields)
    make_participant(tree["campaign"], "Universidad Visible")
    directory = directory_in(tree, "fr")
    names = [row["name"] for row in csv_records(client.get(directory.url + CSV_PATH))]
    assert names == ["Universidad Visible"]
    data = read_geojson(client.get(directory.url + GEOJSON_PATH))
    assert [f["properties"]["name"] for f in data["features"]] == [
        "Universidad Visible"
    ]


def test_every_language_serves_both_files_with_its_own_labels(client, tree, registry):
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        records = {
            row["name"]: row
            for row in csv_records(client.get(directory.url + CSV_PATH))
        }
        data = read_geojson(client.get(directory.url + GEOJSON_PATH))
        assert data["language"] == code
        assert data["source"] == f"http://localhost{directory.url}"
        properties = {
            f["properties"]["name"]: f["properties"] for f in data["features"]
        }
        with translation.override(code):
            registered = str(ParticipantStatus.REGISTERED.label)
            university = str(ParticipantKind.UNIVERSITY.label)
        for row in (records, properties):
            ufpe = row["Universidade Federal de Pernambuco"]
            assert ufpe["country"] == BRAZIL[code]
            assert ufpe["country_code"] == "BR"
            assert ufpe["status"] == registered and ufpe["status_code"] == "registered"
            assert ufpe["kind"] == university and ufpe["kind_code"] == "university"
            assert ufpe["url"].startswith(f"http://localhost{directory.url}")


def test_the_directory_page_links_both_files_with_their_sizes_and_licence(
    client, tree, registry
):
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        html = client.get(directory.url).content.decode()
        assert 'aria-labelledby="open-data-title"' in html
        assert f'href="{LICENSE_URL}" rel="license"' in html
        for path, media_type in (
            (CSV_PATH, "text/csv"),
            (GEOJSON_PATH, "application/geo+json"),
        ):
            assert f'href="{directory.url}{path}" type="{media_type}"' in html
        for path in (CSV_PATH, GEOJSON_PATH):
            size = size_text(client.get(directory.url + path))
            assert f'<span class="doc-meta">({size})</span>' in html
    english = client.get(directory_in(tree, "en").url).content.decode()
    assert "Open data" in english and "CC BY 4.0" in english


def test_no_open_data_section_without_public_participants(client, tree):
    make_participant(tree["campaign"], "Universidad Interesada", status="interested")
    directory = directory_in(tree, "en")
    assert "open-data-title" not in client.get(directory.url).content.decode()
    # The files still answer, empty but valid.
    assert read_csv(client.get(directory.url + CSV_PATH)) == [list(FIELDS)]
    assert read_geojson(client.get(directory.url + GEOJSON_PATH))["features"] == []


def test_a_participant_called_open_data_keeps_its_page_and_the_files_theirs(
    client, tree
):
    participant = make_participant(tree["campaign"], "Open Data")
    assert participant.slug == "open-data"
    directory = directory_in(tree, "en")
    page = client.get(f"{directory.url}open-data/")
    assert page.status_code == 200
    assert "<h1" in page.content.decode() and "Open Data" in page.content.decode()
    assert csv_records(client.get(directory.url + CSV_PATH))[0]["name"] == "Open Data"


def test_the_files_come_from_the_page_cache_and_follow_registry_changes(
    client, tree, page_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        participant = make_participant(tree["campaign"], "Universidad Primera")
    directory = directory_in(tree, "pt-br")
    for path in (CSV_PATH, GEOJSON_PATH):
        first = client.get(directory.url + path)
        assert first["X-Cache"] == "MISS"
        second = client.get(directory.url + path)
        assert second["X-Cache"] == "HIT"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]
        assert second["Content-Disposition"] == first["Content-Disposition"]
        assert second["Cache-Control"].startswith("public")

    with django_capture_on_commit_callbacks(execute=True):
        participant.city = "Cartagena"
        participant.save()
    records = csv_records(client.get(directory.url + CSV_PATH))
    assert records[0]["city"] == "Cartagena"
    data = read_geojson(client.get(directory.url + GEOJSON_PATH))
    assert data["features"][0]["properties"]["city"] == "Cartagena"

    with django_capture_on_commit_callbacks(execute=True):
        participant.set_status(ParticipantStatus.LAPSED, reason="No renovó.")
        participant.save()
    assert csv_records(client.get(directory.url + CSV_PATH)) == []
    assert read_geojson(client.get(directory.url + GEOJSON_PATH))["features"] == []

    with django_capture_on_commit_callbacks(execute=True):
        make_participant(tree["campaign"], "Universidad Segunda")
    response = client.get(directory.url + GEOJSON_PATH)
    assert b"Universidad Segunda" in response.content
    html = client.get(directory.url).content.decode()
    assert f'<span class="doc-meta">({size_text(response)})</span>' in html


def test_a_query_string_is_passed_by_the_cache_never_an_error(client, tree, page_cache):
    make_participant(tree["campaign"], "Universidad Primera")
    directory = directory_in(tree, "es")
    for path in (CSV_PATH, GEOJSON_PATH):
        client.get(directory.url + path)
        for query in ("x=1", "page=abc", "country=%00%ff", "format=xml&format=csv"):
            response = client.get(f"{directory.url}{path}?{query}")
            assert response.status_code == 200
            assert response["X-Cache"] in {"BYPASS", "HIT"}
            assert b"Universidad Primera" in response.content
        # Tracking parameters are not part of any key: the cached file.
        response = client.get(f"{directory.url}{path}?utm_source=newsletter")
        assert response["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "path",
    [
        "open-data/",
        "open-data/xml/",
        "open-data/csv/extra/",
        "open-data/CSV/",
        "open-data.csv",
        "open-data.geojson/",
        "open-data/csv",
        "open-data/%00/",
        "open-data/geojson/%ff/",
    ],
)
def test_unknown_open_data_routes_are_not_found_never_an_error(client, tree, path):
    make_participant(tree["campaign"], "Universidad Primera")
    directory = directory_in(tree, "en")
    response = client.get(directory.url + path)
    assert response.status_code in {301, 404}, response.status_code
    if response.status_code == 301:  # the slash appended: the file
        assert response["Location"].endswith(CSV_PATH)
        assert client.get(response["Location"]).status_code == 200


def measure(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    return len(cold), len(warm)


def test_queries_are_the_same_for_3_and_30_participants(client, tree):
    campaign = tree["campaign"]
    organisation = ProducerOrganization.objects.create(name="Coop", country="BR")
    for participant in add_participants(campaign, 3):
        participant.producer_organizations.add(organisation)
        participant.save()
    urls = []
    for code in LANGUAGES:
        directory = directory_in(tree, code)
        urls += [directory.url + CSV_PATH, directory.url + GEOJSON_PATH, directory.url]
    for url in urls:  # the per-process caches (locales, content types) warm
        client.get(url)
    small = {url: measure(client, url) for url in urls}
    for participant in add_participants(campaign, 27, start=3):
        participant.producer_organizations.add(organisation)
        participant.save()
    large = {url: measure(client, url) for url in urls}
    print("queries (cold, warm) at 3 / 30:", small, large)  # noqa: T201 - the report
    assert small == large, (small, large)
    files = {url: counts for url, counts in large.items() if "open-data" in url}
    assert max(cold for cold, _warm in files.values()) <= 6, files
    assert max(warm for _cold, warm in files.values()) <= 2, files
    assert max(cold for cold, _warm in large.values()) <= 15, large
    rows = csv_records(client.get(directory_in(tree, "en").url + CSV_PATH))
    assert len(rows) == 30
    assert {row["producer_organizations"] for row in rows} == {"Coop"}
