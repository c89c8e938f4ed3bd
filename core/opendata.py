"""Open data: CSV and GeoJSON of public fields (issue 18).

``csv_response`` neutralises spreadsheet formulas (CWE-1236): a cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading single
quote, so a spreadsheet shows it as text. UTF-8 with a BOM, so Excel reads accents.
``geojson`` builds an RFC 7946 FeatureCollection: positions are ``[lon, lat]`` and
out-of-range coordinates are refused. Callers choose the fields: these helpers
never add any (no contact field can slip in through them).
"""

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """The cell as text, quoted when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _value(row, field):
    if isinstance(row, Mapping):
        return row.get(field)
    return getattr(row, field, None)


def csv_text(rows: Iterable, fields: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(field) for field in fields])
    for row in rows:
        writer.writerow([safe_cell(_value(row, field)) for field in fields])
    return buffer.getvalue()


def csv_response(rows: Iterable, fields: Sequence[str], filename: str) -> HttpResponse:
    """A CSV download of ``fields`` (dict keys or attributes) for each row."""
    body = "\ufeff" + csv_text(rows, fields)
    response = HttpResponse(
        body.encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    safe_name = "".join(c for c in filename if c.isalnum() or c in "._-") or "data.csv"
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    return response


def _coordinate(value, low, high, name) -> float:
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{name} {value!r} is outside [{low}, {high}]")
    return number


def feature(lat, lon, properties: Mapping) -> dict:
    """A Point feature; raises ValueError when the coordinates are out of range."""
    return {
        "type": "Feature",
        "geometry": {
            "type": "Point",
            "coordinates": [
                _coordinate(lon, -180, 180, "longitude"),
                _coordinate(lat, -90, 90, "latitude"),
            ],
        },
        "properties": dict(properties),
    }


def geojson(features: Iterable) -> dict:
    """A FeatureCollection of ``features``: each a dict from ``feature()``, or a
    mapping with ``lat``, ``lon`` and ``properties``."""
    built = []
    for item in features:
        if item.get("type") == "Feature":
            lon, lat = item["geometry"]["coordinates"]
            built.append(feature(lat, lon, item.get("properties") or {}))
        else:
            built.append(
                feature(item["lat"], item["lon"], item.get("properties") or {})
            )
    return {"type": "FeatureCollection", "features": built}
