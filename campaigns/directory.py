"""The public side of the campaign registry: the directory's filters, counts and
pages, a participant's page, and the counters ("37 universities in 11 countries").

Every query reads ``Participant.objects.public()`` of the campaign's **Spanish
source** (the registry is one record in every language), found by the campaign's
translation key, so a translated directory needs no query to find its source.

Query counts (cold, whatever the number of participants):

- the facets: one aggregate query (``values(country, status, kind) + COUNT``)
  gives the counts of every filter option, the total of the current filters and
  so the number of pages; kept with the fragment helper per campaign, so the
  canonical check of ``?page=`` and the listing share it;
- the page of results: one query (``LIMIT 24``; the paginator's count comes from
  the facets);
- a participant's page: the participant, its descriptions, progress with the
  criteria's titles in the reader's language, activities with their photos, its
  public producer organisations, the related news: one query each.

The query string is canonical (``directory_query``): a filter value that is not
one of the choices, a page number that is not a number or is past the last page
sends the reader to the URL without it (or to the last page), so the page cache
only ever keys on values that show a real page (``core/cache.py``).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from django_countries import countries

from core.cache import fragment
from core.views import CanonicalRedirect
from news.models import ListingPage

from .models.registry import (
    PUBLIC_STATUSES,
    Activity,
    CampaignCriterion,
    Participant,
    ParticipantKind,
    ParticipantStatus,
    ProducerOrganization,
    Progress,
    ProgressState,
)

PAGE_SIZE = 24
FILTER_NAMES = ("country", "status", "kind")
QUERY_NAMES = (*FILTER_NAMES, "page")
#: The campaign page's map shows at most this many participants (by name).
MAP_LIMIT = 200
STATUS_VALUES = tuple(str(status) for status in PUBLIC_STATUSES)
KIND_VALUES = tuple(ParticipantKind.values)


def source_registry(campaign_key):
    """The public participants of the campaign whose pages share ``campaign_key``."""
    return Participant.objects.public().filter(
        campaign__translation_key=campaign_key,
        campaign__locale__language_code=settings.LANGUAGE_CODE,
    )


def campaign_key_of(directory_page):
    """The translation key of the directory's campaign (the route's parent: no query)."""
    parent = directory_page.parent_for_reader()
    return parent.translation_key if parent is not None else None


# --- the facets ----------------------------------------------------------------------


def facet_rows(campaign_key, request=None):
    """``[(country, status, kind, count)]`` of the public registry: one query,
    kept with the fragment helper (registry saves bump the cache version)."""

    def build():
        rows = (
            source_registry(campaign_key)
            .order_by()
            .values_list("country", "status", "kind")
            .annotate(count=Count("pk"))
        )
        return [(str(c), s, k, n) for c, s, k, n in rows]

    return fragment("directory-facets", (str(campaign_key),), build, request=request)


def _matches(row, query, skip=None):
    return all(
        not query.get(name) or name == skip or row[index] == query[name]
        for index, name in enumerate(FILTER_NAMES)
    )


def filtered_total(rows, query):
    return sum(row[3] for row in rows if _matches(row, query))


def facet_options(rows, query):
    """Each filter's options with the number of participants each would show
    (the other filters applied), in the reader's language."""
    counts = {name: {} for name in FILTER_NAMES}
    for row in rows:
        for index, name in enumerate(FILTER_NAMES):
            if _matches(row, query, skip=name):
                counts[name][row[index]] = counts[name].get(row[index], 0) + row[3]
    country_codes = set(counts["country"]) | ({query["country"]} - {""})
    country_options = sorted(
        (
            (code, str(countries.name(code) or code), counts["country"].get(code, 0))
            for code in country_codes
        ),
        key=lambda option: option[1].casefold(),
    )
    status_labels = dict(ParticipantStatus.choices)
    kind_labels = dict(ParticipantKind.choices)
    return {
        "country": country_options,
        "status": [
            (value, str(status_labels[value]), counts["status"].get(value, 0))
            for value in STATUS_VALUES
        ],
        "kind": [
            (value, str(kind_labels[value]), counts["kind"].get(value, 0))
            for value in KIND_VALUES
        ],
    }


# --- the query string ----------------------------------------------------------------


def _clean_param(value, max_length=20):
    value = "".join(ch for ch in str(value)[: max_length * 4] if ch.isprintable())
    return value.strip()[:max_length]


def directory_query(directory_page, request):
    """The canonical ``country``, ``status``, ``kind`` and ``page`` of a request.

    A value that is not one of the choices is dropped, a country code is written
    in capitals, a page number that is not a number is the first page, one past
    the last page is the last: when that changes the query, the reader is sent
    to the canonical URL (``CanonicalRedirect``). Never an error.
    """
    raw = {name: _clean_param(request.GET.get(name, "")) for name in QUERY_NAMES}
    query = dict.fromkeys(QUERY_NAMES, "")
    country = raw["country"].upper()
    if country and country in dict(countries):
        query["country"] = country
    if raw["status"] in STATUS_VALUES:
        query["status"] = raw["status"]
    if raw["kind"] in KIND_VALUES:
        query["kind"] = raw["kind"]
    value = raw["page"]
    if value.isascii() and value.isdigit() and len(value) <= 9 and int(value) > 1:
        number = int(value)
        rows = facet_rows(campaign_key_of(directory_page), request)
        last = max(1, -(-filtered_total(rows, query) // PAGE_SIZE))
        number = min(number, last)
        if number > 1:
            query["page"] = str(number)
    repeated = any(len(request.GET.getlist(name)) > 1 for name in QUERY_NAMES)
    if repeated or any(raw[name] != query[name] for name in QUERY_NAMES):
        raise CanonicalRedirect(directory_url(directory_page, request, query))
    return query


def directory_url(directory_page, request, query, **changes):
    """The directory's URL for ``query`` with ``changes`` (other parameters kept)."""
    query = {**query, **changes}
    pairs = [(name, query[name]) for name in QUERY_NAMES if query.get(name)]
    if request is not None:
        pairs += [
            (name, value)
            for name, values in request.GET.lists()
            if name not in QUERY_NAMES
            for value in values
        ]
    url = (
        directory_page.get_url(request) if request is not None else None
    ) or directory_page.url
    return f"{url}?{urlencode(pairs)}" if pairs else url


# --- the directory's listing ---------------------------------------------------------


def directory_context(directory_page, query, request=None):
    """The directory's filters with counts, the page of results and its map."""
    campaign_key = campaign_key_of(directory_page)
    rows = facet_rows(campaign_key, request)
    total = filtered_total(rows, query)
    participants = source_registry(campaign_key).filter(
        **{name: query[name] for name in FILTER_NAMES if query[name]}
    )
    participants = participants.only(
        "pk",
        "name",
        "slug",
        "kind",
        "country",
        "city",
        "status",
        "latitude",
        "longitude",
    ).order_by("name", "pk")
    paginator = Paginator(participants, PAGE_SIZE)
    paginator.count = total  # from the facets: no COUNT query
    page = paginator.page(int(query["page"] or 1))
    items = list(page.object_list)
    base_url = directory_page.url
    status_labels = dict(ParticipantStatus.choices)
    kind_labels = dict(ParticipantKind.choices)
    cards = [
        {
            "name": item.name,
            "url": f"{base_url}{item.slug}/",
            "kind": str(kind_labels.get(item.kind, item.kind)),
            "country": item.country.code,
            "country_name": str(countries.name(item.country.code)),
            "city": item.city,
            "status": item.status,
            "status_label": str(status_labels.get(item.status, item.status)),
            "lat": item.latitude,
            "lon": item.longitude,
        }
        for item in items
    ]
    pages = [
        {
            "number": number,
            "current": number == page.number,
            "url": directory_url(
                directory_page, None, query, page="" if number == 1 else str(number)
            ),
        }
        if isinstance(number, int)
        else {"number": None}
        for number in paginator.get_elided_page_range(page.number)
    ]
    return {
        "participants": ListingPage(cards, page.number, paginator.num_pages),
        "page_links": pages,
        "result_count": total,
        "result_number": number_format(total, force_grouping=True),
        "registry_total": sum(row[3] for row in rows),
        "filters": facet_options(rows, query),
        "active": query,
        "map_points": [card for card in cards if card["lat"] is not None],
    }


# --- a participant's page ------------------------------------------------------------


@dataclass
class MetCriterion:
    title: str
    code: str
    state: str
    state_label: str
    date: object
    note: str


@dataclass
class ParticipantView:
    """What a participant's page shows (picklable, no personal data)."""

    participant: Participant
    country_name: str
    description: object = None
    description_language: str = ""
    description_is_original: bool = False
    criteria: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    producers: list = field(default_factory=list)
    related_news: list = field(default_factory=list)


def public_participant(campaign_key, slug):
    """The public participant ``slug`` of the campaign, else ``None``."""
    return (
        source_registry(campaign_key).select_related("logo").filter(slug=slug).first()
    )


def participant_view(participant, language):
    """The public facts of ``participant`` for a reader of ``language``."""
    descriptions = {row.language: row for row in participant.descriptions.all()}
    description = descriptions.get(language) or descriptions.get(
        participant.original_language
    )
    progress = list(
        Progress.objects.filter(
            participant=participant,
            state__in=[ProgressState.MET, ProgressState.VERIFIED],
        )
        .select_related("criterion")
        .order_by("criterion__sort_order", "criterion__pk")
    )
    titles = translated_criterion_titles([row.criterion for row in progress], language)
    state_labels = dict(ProgressState.choices)
    criteria = [
        MetCriterion(
            title=titles.get(row.criterion.translation_key, row.criterion.title),
            code=row.criterion.code,
            state=row.state,
            state_label=str(state_labels[row.state]),
            date=row.date,
            note=row.public_note,
        )
        for row in progress
    ]
    activities = list(
        Activity.objects.filter(participant=participant)
        .select_related("photo")
        .order_by("-date", "pk")
    )
    producers = list(
        ProducerOrganization.objects.filter(
            participants=participant, is_public=True
        ).select_related("logo")
    )
    return ParticipantView(
        participant=participant,
        country_name=str(countries.name(participant.country.code)),
        description=description,
        description_language=description.language if description else "",
        description_is_original=bool(description) and description.language != language,
        criteria=criteria,
        activities=activities,
        producers=producers,
    )


def translated_criterion_titles(criteria, language):
    """``{translation_key: title}`` of these (Spanish) criteria in ``language``:
    one query for all of them (none in Spanish or when there are none)."""
    if not criteria or language == settings.LANGUAGE_CODE:
        return {}
    keys = {criterion.translation_key for criterion in criteria}
    rows = CampaignCriterion.objects.filter(
        translation_key__in=keys, locale__language_code=language
    ).values_list("translation_key", "title")
    return dict(rows)


# --- the counters --------------------------------------------------------------------


@dataclass
class NetworkCount:
    total: int = 0
    countries: int = 0
    kinds: dict = field(default_factory=dict)

    @property
    def text(self):
        return counter_text(self)


def network_counts(campaign_keys):
    """``{campaign translation key: NetworkCount}`` of the public registries of
    these campaigns: one query for all of them."""
    keys = [key for key in campaign_keys if key]
    if not keys:
        return {}
    kind_counts = {
        f"kind_{kind}": Count("pk", filter=Q(kind=kind)) for kind in KIND_VALUES
    }
    rows = (
        Participant.objects.public()
        .filter(
            campaign__translation_key__in=keys,
            campaign__locale__language_code=settings.LANGUAGE_CODE,
        )
        .order_by()
        .values("campaign__translation_key")
        .annotate(
            total=Count("pk"), countries=Count("country", distinct=True), **kind_counts
        )
    )
    return {
        row["campaign__translation_key"]: NetworkCount(
            total=row["total"],
            countries=row["countries"],
            kinds={kind: row[f"kind_{kind}"] for kind in KIND_VALUES},
        )
        for row in rows
    }


def count_annotations(campaign_key):
    """Annotations (subqueries) giving the public registry's counts of the campaign
    whose translation key is ``campaign_key`` (a value or an ``OuterRef``), so a
    query that lists campaigns or a campaign's pages counts with no query of its
    own. ``network_count_of(row)`` reads them back."""
    registry = (
        Participant.objects.public()
        .filter(
            campaign__translation_key=campaign_key,
            campaign__locale__language_code=settings.LANGUAGE_CODE,
        )
        .order_by()
        .values("campaign__translation_key")
    )

    def counted(aggregate):
        return Coalesce(
            Subquery(registry.annotate(n=aggregate).values("n")[:1]),
            0,
            output_field=IntegerField(),
        )

    annotations = {
        "registry_total": counted(Count("pk")),
        "registry_countries": counted(Count("country", distinct=True)),
    }
    for kind in KIND_VALUES:
        annotations[f"registry_kind_{kind}"] = counted(Count("pk", filter=Q(kind=kind)))
    return annotations


def network_count_of(row) -> "NetworkCount":
    return NetworkCount(
        total=row.registry_total,
        countries=row.registry_countries,
        kinds={kind: getattr(row, f"registry_kind_{kind}") for kind in KIND_VALUES},
    )


def _participants_phrase(count: NetworkCount) -> str:
    number = number_format(count.total, force_grouping=True)
    only = [kind for kind, n in count.kinds.items() if n]
    kind = only[0] if len(only) == 1 else None
    if kind == ParticipantKind.UNIVERSITY:
        text = ngettext("%(count)s university", "%(count)s universities", count.total)
    elif kind == ParticipantKind.TOWN:
        text = ngettext(
            "%(count)s town or city", "%(count)s towns and cities", count.total
        )
    elif kind == ParticipantKind.ORGANIZATION:
        text = ngettext(
            "%(count)s organisation", "%(count)s organisations", count.total
        )
    else:
        text = ngettext("%(count)s participant", "%(count)s participants", count.total)
    return text % {"count": number}


def counter_text(count: NetworkCount | None) -> str:
    """ "37 universities in 11 countries" in the active language ('' for none)."""
    if count is None or not count.total:
        return ""
    countries_text = ngettext(
        "%(count)s country", "%(count)s countries", count.countries
    ) % {"count": number_format(count.countries, force_grouping=True)}
    # Translators: a campaign's counter, e.g. "37 universities in 11 countries".
    return gettext("%(participants)s in %(countries)s") % {
        "participants": _participants_phrase(count),
        "countries": countries_text,
    }


def campaign_map_points(campaign_key, directory_url_base):
    """The campaign page's map: public participants with coordinates (one query)."""
    if not directory_url_base:
        return []
    status_labels = dict(ParticipantStatus.choices)
    rows = (
        source_registry(campaign_key)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name", "pk")
        .values("name", "slug", "country", "status", "latitude", "longitude")[
            :MAP_LIMIT
        ]
    )
    return [
        {
            "name": row["name"],
            "url": f"{directory_url_base}{row['slug']}/",
            "country": row["country"],
            "country_name": str(countries.name(row["country"])),
            "status": row["status"],
            "status_label": str(status_labels.get(row["status"], row["status"])),
            "lat": row["latitude"],
            "lon": row["longitude"],
        }
        for row in rows
    ]


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE
