"""Open data: CSV and GeoJSON of public fields (issue 18).

``csv_response`` neutralises spreadsheet formulas (CWE-1236): a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single
quote, so a spreadsheet shows it as text. UTF-8 with a BOM, so Excel reads accents.
Columns the caller names ``numeric`` write numbers (``int``, ``float``,
``Decimal``) in plain decimal notation without that quote: ``-8.05`` can only be
read as a number, never as a formula, and every longitude of Latin America is
negative. Anything else in those columns is quoted like any cell.
``geojson`` builds an RFC 7946 FeatureCollection: positions are ``[lon, lat]`` and
out-of-range coordinates are refused; a feature without a position has
``"geometry": null`` (RFC 7946, 3.2). Foreign members (a licence, say) may be
added beside ``type`` and ``features``. Callers choose the fields: these helpers
never add any (no contact field can slip in through them).
"""

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell as text, quoted when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def number_cell(value) -> str:
    """A number in plain decimal notation (``-8.05``, never ``-8.05E+1``), or
    the value as a quoted cell when it is not a finite number."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return safe_cell(value)
        if number.is_finite():
            return format(number, "f")
    return safe_cell(value)


def _value(row, field):
    if isinstance(row, Mapping):
        return row.get(field)
    return getattr(row, field, None)


def csv_text(rows: Iterable, fields: Sequence[str], numeric: Iterable[str] = ()) -> str:
    numeric = set(numeric)
    cells = [number_cell if field in numeric else safe_cell for field in fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(field) for field in fields])
    for row in rows:
        writer.writerow(
            [
                cell(_value(row, field))
                for cell, field in zip(cells, fields, strict=True)
            ]
        )
    return buffer.getvalue()


def csv_bytes(rows: Iterable, fields: Sequence[str], numeric: Iterable[str] = ()):
    """The CSV file: UTF-8 with a BOM (Excel then reads accents)."""
    return ("\ufeff" + csv_text(rows, fields, numeric)).encode("utf-8")


def _attachment(response, filename, default):
    safe_name = "".join(c for c in filename if c.isalnum() or c in "._-") or default
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    return response


def csv_response(
    rows: Iterable, fields: Sequence[str], filename: str, numeric: Iterable[str] = ()
) -> HttpResponse:
    """A CSV download of ``fields`` (dict keys or attributes) for each row."""
    return csv_bytes_response(csv_bytes(rows, fields, numeric), filename)


def csv_bytes_response(body: bytes, filename: str) -> HttpResponse:
    """A download of CSV bytes made by ``csv_bytes``."""
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    return _attachment(response, filename, "data.csv")


def _coordinate(value, low, high, name) -> float:
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{name} {value!r} is outside [{low}, {high}]")
    return number


def feature(lat, lon, properties: Mapping) -> dict:
    """A Point feature, or one with ``"geometry": null`` when both coordinates
    are ``None``; raises ValueError when they are out of range (or only one is
    given)."""
    if lat is None and lon is None:
        geometry = None
    else:
        if lat is None or lon is None:
            raise ValueError("give both the latitude and the longitude, or neither")
        geometry = {
            "type": "Point",
            "coordinates": [
                _coordinate(lon, -180, 180, "longitude"),
                _coordinate(lat, -90, 90, "latitude"),
            ],
        }
    return {"type": "Feature", "geometry": geometry, "properties": dict(properties)}


def geojson(features: Iterable, **members) -> dict:
    """A FeatureCollection of ``features``: each a dict from ``feature()``, or a
    mapping with ``lat``, ``lon`` and ``properties``. ``members`` are foreign
    members written before ``features`` (never ``type`` or ``features``)."""
    if {"type", "features"} & set(members):
        raise ValueError("'type' and 'features' are not foreign members")
    built = []
    for item in features:
        if item.get("type") == "Feature":
            geometry = item.get("geometry")
            lon, lat = geometry["coordinates"] if geometry else (None, None)
            built.append(feature(lat, lon, item.get("properties") or {}))
        else:
            built.append(
                feature(item["lat"], item["lon"], item.get("properties") or {})
            )
    return {"type": "FeatureCollection", **members, "features": built}


def geojson_bytes(collection: Mapping) -> bytes:
    """The collection as compact UTF-8 JSON (RFC 7946 says UTF-8, no BOM)."""
    return json.dumps(
        collection, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def geojson_response(body: bytes, filename: str) -> HttpResponse:
    """A download of GeoJSON bytes made by ``geojson_bytes``."""
    response = HttpResponse(body, content_type="application/geo+json")
    return _attachment(response, filename, "data.geojson")
