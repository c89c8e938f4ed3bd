"""Open data helpers: CSV without formula cells, GeoJSON read back (issue 18)."""

import csv
import io
import json
from decimal import Decimal

import pytest

from core.opendata import (
    csv_response,
    feature,
    geojson,
    geojson_bytes,
    geojson_response,
    safe_cell,
)

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _read(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_formula_cells_are_neutralised_and_plain_cells_kept():
    rows = [{"name": value, "city": "São Paulo"} for value in HOSTILE]
    rows.append({"name": "Universidad de Costa Rica", "city": None})
    response = csv_response(rows, ["name", "city"], "participantes.csv")
    table = _read(response)
    assert table[0] == ["name", "city"]
    assert [r[0] for r in table[1:-1]] == ["'" + v for v in HOSTILE]
    assert table[-1] == ["Universidad de Costa Rica", ""]
    assert all(r[1] == "São Paulo" for r in table[1:-1])
    assert not any(
        cell[:1] in ("=", "+", "-", "@", "\t", "\r") for row in table for cell in row
    )


def test_csv_response_headers_and_attribute_rows():
    class Row:
        name = "-Cooperativa"
        country = "BR"

    response = csv_response([Row()], ["name", "country"], 'a"b;\r\nc.csv')
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="abc.csv"'
    assert _read(response)[1] == ["'-Cooperativa", "BR"]


def test_only_the_requested_fields_are_written():
    rows = [{"name": "UNAM", "email": "contacto@example.org"}]
    body = csv_response(rows, ["name"], "x.csv").content.decode("utf-8-sig")
    assert "contacto@example.org" not in body


def test_safe_cell_leaves_numbers_and_inner_signs():
    assert safe_cell(12) == "12"
    assert safe_cell("Coop. 1=1") == "Coop. 1=1"
    assert safe_cell(-3) == "'-3"


def test_geojson_reads_back_with_lon_lat_in_range():
    collection = geojson(
        [
            {"lat": 13.10732, "lon": -59.62021, "properties": {"name": "Bridgetown"}},
            feature(-34.61, -58.38, {"name": "Buenos Aires"}),
        ]
    )
    data = json.loads(json.dumps(collection))
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in data["features"]] == [
        "Bridgetown",
        "Buenos Aires",
    ]
    assert data["features"][0]["geometry"] == {
        "type": "Point",
        "coordinates": [-59.62021, 13.10732],
    }
    for item in data["features"]:
        lon, lat = item["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


@pytest.mark.parametrize(
    "lat,lon", [(91, 0), (-90.5, 0), (0, 180.1), (0, -181), (float("nan"), 0)]
)
def test_out_of_range_coordinates_are_refused(lat, lon):
    with pytest.raises(ValueError):
        geojson([{"lat": lat, "lon": lon, "properties": {}}])


def test_numeric_columns_write_plain_numbers_and_quote_anything_else():
    rows = [
        {"name": "-Lima", "lat": Decimal("-12.04000"), "lon": -77.03},
        {"name": "Quito", "lat": 1e-05, "lon": "-1+cmd"},
        {"name": "Nada", "lat": None, "lon": float("nan")},
        {"name": "Sí", "lat": True, "lon": Decimal("-1E+1")},
    ]
    body = csv_response(rows, ["name", "lat", "lon"], "x.csv", numeric=("lat", "lon"))
    table = _read(body)
    assert table[1] == ["'-Lima", "-12.04000", "-77.03"]
    assert table[2] == ["Quito", "0.00001", "'-1+cmd"]
    assert table[3] == ["Nada", "", "nan"]
    assert table[4] == ["Sí", "True", "-10"]


def test_a_feature_without_a_position_has_a_null_geometry():
    collection = geojson(
        [
            feature(None, None, {"name": "Sin mapa"}),
            {"lat": None, "lon": None, "properties": {"name": "Tampoco"}},
        ]
    )
    assert [item["geometry"] for item in collection["features"]] == [None, None]
    with pytest.raises(ValueError):
        feature(10, None, {})


def test_foreign_members_and_bytes():
    collection = geojson([feature(1, 2, {"name": "Año"})], license="CC-BY-4.0")
    assert list(collection) == ["type", "license", "features"]
    body = geojson_bytes(collection)
    assert "Año".encode() in body  # UTF-8, not \\u escapes
    assert json.loads(body)["license"] == "CC-BY-4.0"
    response = geojson_response(body, "datos abiertos.geojson")
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == (
        'attachment; filename="datosabiertos.geojson"'
    )
    with pytest.raises(ValueError):
        geojson([], type="Feature")
