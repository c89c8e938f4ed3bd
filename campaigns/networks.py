"""The public side of CLAC's country networks (issue 18 item 5): the index with
its counts and map, and a network's page.

A network's producer organisations and participants are the registry's, found by
the network's country: the public producer organisations of that country, and the
public participants of that country in every campaign (the registry is one record
in every language, on the Spanish campaigns).

Query counts (cold, whatever the number of networks):

- the index: the networks of the locale with both counts, one query (two
  correlated subqueries); the map's points are the countries' capitals
  (``core.places.capital``, no query);
- a network's page: the network, its producer organisations, the country's public
  participants, the directory pages they link to, the network's people: one query
  each.

Nothing personal is read: participants' contacts never, and of the coordinators
only their first and last names (no email, no username).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce, Length, Substr

from wagtail.models import Page

from django_countries import countries

from core.places import capital
from core.restrictions import public

from .models.networks import CountryNetwork
from .models.registry import (
    CoordinatorScope,
    Participant,
    ParticipantKind,
    ParticipantStatus,
    ProducerOrganization,
)
from .permissions import COORDINATORS

#: The status a network's point has on the map (``network-map__point--network``).
MAP_STATUS = "network"


def _counted(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by()
            .values("country")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
        output_field=IntegerField(),
    )


def count_annotations():
    """The public producer organisations and participants of each network's
    country, as annotations (``producer_count``, ``participant_count``)."""
    return {
        "producer_count": _counted(
            ProducerOrganization.objects.filter(
                is_public=True, country=OuterRef("country")
            )
        ),
        "participant_count": _counted(
            Participant.objects.public().filter(
                country=OuterRef("country"),
                campaign__locale__language_code=settings.LANGUAGE_CODE,
            )
        ),
    }


@dataclass
class NetworkCard:
    """What the index shows of a network (picklable)."""

    name: str
    slug: str
    url: str
    country: str
    country_name: str
    producer_count: int
    participant_count: int
    public_email: str = ""
    lat: float | None = None
    lon: float | None = None
    status: str = MAP_STATUS
    status_label: str = ""


def network_cards(index_page, status_label=None):
    """The networks of the index page's locale, in order, with their counts and
    a point on the map each: one query."""
    rows = (
        CountryNetwork.objects.filter(locale_id=index_page.locale_id)
        .annotate(**count_annotations())
        .only("name", "slug", "country", "public_email", "sort_order")
        .in_order()
    )
    cards = []
    for row in rows:
        code = row.country.code
        point = capital(code)
        card = NetworkCard(
            name=row.name,
            slug=row.slug,
            url=index_page.network_url(row.slug),
            country=code,
            country_name=str(countries.name(code)),
            producer_count=row.producer_count,
            participant_count=row.participant_count,
            public_email=row.public_email,
            lat=point.lat if point else None,
            lon=point.lon if point else None,
        )
        card.status_label = status_label(card) if status_label else ""
        cards.append(card)
    return cards


def network_by_route(index_page, value):
    """The network of the index page's locale that ``value`` names (its slug, or
    its country code in any case), else None."""
    networks = CountryNetwork.objects.filter(locale_id=index_page.locale_id)
    value = str(value)[:80]
    network = networks.filter(slug=value).select_related("logo").first()
    if network is None and len(value) == 2 and value.isascii() and value.isalpha():
        network = networks.filter(country=value.upper()).only("slug").first()
    return network


# --- a network's page ------------------------------------------------------------------


@dataclass
class ParticipantItem:
    name: str
    url: str
    kind: str
    city: str
    status: str
    status_label: str
    campaign_key: str


@dataclass
class NetworkView:
    """What a network's page shows (picklable, no personal data but the
    coordinators' names)."""

    network: CountryNetwork
    country_name: str
    paragraphs: list = field(default_factory=list)
    producers: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    people: list = field(default_factory=list)


def directory_urls(locale_id, request=None):
    """``{campaign translation key: directory URL}`` of the live, public
    participant directories in this locale: one query (the campaign is the
    directory's parent, found by path)."""
    # By content type, not ParticipantDirectoryPage.objects: the page models
    # import this module (as they import campaigns.directory).
    parent_key = Subquery(
        Page.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        ).values("translation_key")[:1]
    )
    rows = public(
        Page.objects.filter(
            locale_id=locale_id,
            live=True,
            content_type__app_label="campaigns",
            content_type__model="participantdirectorypage",
        )
    ).annotate(campaign_key=parent_key)
    return {str(row.campaign_key): row.get_url(request) for row in rows}


def network_people(code):
    """The full names of the coordinators limited to this country (their scope
    lists it), sorted: the network's people. Names only."""
    rows = (
        CoordinatorScope.objects.filter(
            countries__contains=code,
            user__is_active=True,
            user__groups__clac_role__key=COORDINATORS,
        )
        .order_by("user__last_name", "user__first_name", "user_id")
        .values_list("countries", "user__first_name", "user__last_name")
        .distinct()
    )
    people = []
    for scope_countries, first, last in rows:
        # values_list gives the stored text, "BR,PY" (a multiple CountryField).
        listed = (
            scope_countries.split(",")
            if isinstance(scope_countries, str)
            else [str(country) for country in scope_countries]
        )
        if code not in listed:
            continue
        name = " ".join(part for part in (first.strip(), last.strip()) if part)
        if name and name not in people:
            people.append(name)
    return people


def network_view(network, request=None):
    """The public facts of ``network`` for its page (its locale's language)."""
    code = network.country.code
    producers = list(
        ProducerOrganization.objects.filter(country=code, is_public=True)
        .only("name", "products", "website", "country")
        .order_by("name", "pk")
    )
    urls = directory_urls(network.locale_id, request)
    status_labels = dict(ParticipantStatus.choices)
    kind_labels = dict(ParticipantKind.choices)
    rows = (
        Participant.objects.public()
        .filter(
            country=code,
            campaign__locale__language_code=settings.LANGUAGE_CODE,
        )
        .order_by("name", "pk")
        .values("name", "slug", "kind", "city", "status", "campaign__translation_key")
    )
    participants = []
    for row in rows:
        key = str(row["campaign__translation_key"])
        base = urls.get(key)
        participants.append(
            ParticipantItem(
                name=row["name"],
                url=f"{base}{row['slug']}/" if base else "",
                kind=str(kind_labels.get(row["kind"], row["kind"])),
                city=row["city"],
                status=row["status"],
                status_label=str(status_labels.get(row["status"], row["status"])),
                campaign_key=key,
            )
        )
    paragraphs = [
        " ".join(part.split())
        for part in network.description.replace("\r\n", "\n").split("\n\n")
        if part.strip()
    ]
    return NetworkView(
        network=network,
        country_name=str(countries.name(code)),
        paragraphs=paragraphs,
        producers=producers,
        participants=participants,
        people=network_people(code),
    )
