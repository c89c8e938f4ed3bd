"""A campaign's public participants as open data: CSV and GeoJSON (issue 18).

Served by each translation of the participant directory
(``ParticipantDirectoryPage``, sub-routes ``open-data/csv/`` and
``open-data/geojson/``). The rows are ``Participant.objects.public()`` of the
campaign's Spanish source, as on the directory, with **public fields only**:

``name``, ``kind`` (label in the page's language) and ``kind_code``, ``country``
(name in the page's language) and ``country_code`` (ISO 3166-1 alpha-2),
``city``, ``latitude``, ``longitude``, ``status`` (label) and ``status_code``,
``declared_on``, ``valid_until`` (ISO 8601 dates), ``website``, ``url`` (the
participant's page in the directory's language) and ``producer_organizations``
(the names of its public producer organisations; ``"; "`` between them in the
CSV, a list in the GeoJSON).

Never a contact, evidence, a note, a status reason or the consent flags: the
rows are built from the named fields of ``FIELDS`` only.

A participant without coordinates (or with coordinates out of range) is in the
CSV with empty ``latitude`` and ``longitude`` and in the GeoJSON with
``"geometry": null`` (RFC 7946, 3.2), so both files list the same participants.

Both files are built together, once per directory page, language and cache
version (the fragment helper; one query: the participants joined to their public
producer organisations), whatever the number of participants. The directory
page reads the same fragment to show the files' sizes. A registry save bumps the
cache version (``core.invalidation.invalidates_pages``), so the next request
builds them again.

Licence: CC BY 4.0, attribution "CLAC": stated in the GeoJSON (foreign members
``license``, ``license_url``, ``attribution``) and on the directory page.
"""

from dataclasses import dataclass

from django.db.models import F, FilteredRelation, Q
from django.utils import translation

from django_countries import countries

from core.cache import fragment
from core.opendata import csv_bytes, feature, geojson, geojson_bytes

from . import directory
from .models.registry import ParticipantKind, ParticipantStatus

LICENSE = "CC-BY-4.0"  # the SPDX identifier
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = "CLAC"

#: The columns of the CSV, in order (stable names, the same in every language).
FIELDS = (
    "name",
    "kind",
    "kind_code",
    "country",
    "country_code",
    "city",
    "latitude",
    "longitude",
    "status",
    "status_code",
    "declared_on",
    "valid_until",
    "website",
    "url",
    "producer_organizations",
)
#: Written as plain numbers in the CSV (``core.opendata``: never a formula).
NUMERIC_FIELDS = ("latitude", "longitude")
#: The GeoJSON's properties: the position is the geometry.
PROPERTIES = tuple(field for field in FIELDS if field not in NUMERIC_FIELDS)


@dataclass
class OpenDataFile:
    """A file the directory page links to (``file_size`` for ``|filesize``)."""

    code: str
    format: str
    media_type: str
    url: str
    file_size: int


#: All that is read of a participant: its public columns, nothing else.
COLUMNS = (
    "pk",
    "name",
    "slug",
    "kind",
    "country",
    "city",
    "latitude",
    "longitude",
    "status",
    "declared_on",
    "valid_until",
    "website",
)


def _registry_rows(campaign_key):
    """The public participants' columns, each with one public producer
    organisation's name (or ``None``): one query, by name."""
    return (
        directory.source_registry(campaign_key)
        .annotate(
            public_producer=FilteredRelation(
                "producer_organizations",
                condition=Q(producer_organizations__is_public=True),
            )
        )
        .values(*COLUMNS, producer=F("public_producer__name"))
        .order_by("name", "pk", "public_producer__name")
    )


def _position(item):
    """``(lat, lon)`` as floats, or ``(None, None)`` when missing or out of range."""
    try:
        point = feature(item["latitude"], item["longitude"], {})
    except (TypeError, ValueError):
        return None, None
    if point["geometry"] is None:
        return None, None
    lon, lat = point["geometry"]["coordinates"]
    return lat, lon


def _iso(date):
    return date.isoformat() if date else None


def participant_rows(directory_page, request=None):
    """The public participants of the directory's campaign as rows of ``FIELDS``,
    labels in the active language (one query)."""
    base_url = directory_page.get_full_url(request) or directory_page.url or ""
    kind_labels = dict(ParticipantKind.choices)
    status_labels = dict(ParticipantStatus.choices)
    rows = {}
    for item in _registry_rows(directory.campaign_key_of(directory_page)):
        row = rows.get(item["pk"])
        if row is None:
            lat, lon = _position(item)
            code = item["country"]
            row = rows[item["pk"]] = {
                "name": item["name"],
                "kind": str(kind_labels.get(item["kind"], item["kind"])),
                "kind_code": item["kind"],
                "country": str(countries.name(code) or code),
                "country_code": code,
                "city": item["city"],
                "latitude": lat,
                "longitude": lon,
                "status": str(status_labels.get(item["status"], item["status"])),
                "status_code": item["status"],
                "declared_on": _iso(item["declared_on"]),
                "valid_until": _iso(item["valid_until"]),
                "website": item["website"],
                "url": f"{base_url}{item['slug']}/",
                "producer_organizations": [],
            }
        if item["producer"] is not None:
            row["producer_organizations"].append(item["producer"])
    for row in rows.values():  # the same order on SQLite and PostgreSQL
        row["producer_organizations"].sort(key=str.casefold)
    return list(rows.values())


def build_files(directory_page, request=None):
    """``{"csv": bytes, "geojson": bytes}`` of the directory's participants, in
    the directory's language."""
    language = directory_page.locale.language_code
    with translation.override(language):
        rows = participant_rows(directory_page, request)
        csv_rows = [
            {
                **row,
                "producer_organizations": "; ".join(row["producer_organizations"]),
            }
            for row in rows
        ]
        collection = geojson(
            (
                feature(
                    row["latitude"],
                    row["longitude"],
                    {name: row[name] for name in PROPERTIES},
                )
                for row in rows
            ),
            name=directory_page.title,
            language=language,
            source=directory_page.get_full_url(request) or directory_page.url,
            license=LICENSE,
            license_url=LICENSE_URL,
            attribution=ATTRIBUTION,
        )
    return {
        "csv": csv_bytes(csv_rows, FIELDS, numeric=NUMERIC_FIELDS),
        "geojson": geojson_bytes(collection),
    }


def open_data_files(directory_page, request=None):
    """Both files' bytes, kept with the fragment helper per directory page,
    language and cache version."""
    return fragment(
        "open-data",
        (directory_page.pk,),
        lambda: build_files(directory_page, request),
        request=request,
    )


def open_data_links(directory_page, request=None):
    """The files the directory page links to, with their sizes (the fragment
    the files themselves are served from)."""
    files = open_data_files(directory_page, request)
    base_url = directory_page.url or ""  # None in a preview of a page not saved yet
    return [
        OpenDataFile(
            code,
            label,
            media_type,
            base_url + directory_page.reverse_subpage(f"open_data_{code}"),
            len(files[code]),
        )
        for code, label, media_type in (
            ("csv", "CSV", "text/csv"),
            ("geojson", "GeoJSON", "application/geo+json"),
        )
    ]


def filename(directory_page, extension):
    """``<directory slug>-<language>.<extension>`` (slugs differ by language)."""
    return f"{directory_page.slug}-{directory_page.locale.language_code}.{extension}"
