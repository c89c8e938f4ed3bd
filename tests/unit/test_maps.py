"""The network map: the committed outline, the projection, the tag's markup and
its weight (issue 18). No database."""

import gzip
import random
import re

from django.template import Context, Template

import pytest

from core.maps import (
    country_paths,
    distance_to_outline,
    point_in_country,
    project,
    viewbox_size,
)

# Latin America and the Caribbean's island states (and the mainland Caribbean
# members of CARICOM), where CLAC has members: the 1:110m file lacks several.
SMALL_STATES = ["AG", "BB", "BS", "BZ", "DM", "GD", "GY", "HT", "JM", "KN", "LC"]
SMALL_STATES += ["SR", "TT", "VC", "CU", "DO", "PR"]
MAINLAND = ["MX", "GT", "BZ", "SV", "HN", "NI", "CR", "PA", "CO", "VE", "GY", "SR"]
MAINLAND += ["EC", "PE", "BO", "BR", "PY", "UY", "AR", "CL"]

# (name, lat, lon, code): capitals as GeoNames places them.
CAPITALS = [
    ("Bridgetown", 13.10732, -59.62021, "BB"),
    ("St. George's", 12.05644, -61.74849, "GD"),
    ("Castries", 13.9957, -61.00614, "LC"),
    ("Kingstown", 13.15527, -61.22742, "VC"),
    ("Roseau", 15.30174, -61.38808, "DM"),
    ("St. John's", 17.12096, -61.84329, "AG"),
    ("Basseterre", 17.2955, -62.72499, "KN"),
    ("Port of Spain", 10.66668, -61.51889, "TT"),
    ("Kingston", 17.99702, -76.79358, "JM"),
    ("Nassau", 25.05823, -77.34306, "BS"),
    ("Havana", 23.13302, -82.38304, "CU"),
    ("Mexico City", 19.42847, -99.12766, "MX"),
    ("Tegucigalpa", 14.0818, -87.20681, "HN"),
    ("Bogotá", 4.60971, -74.08175, "CO"),
    ("Quito", -0.22985, -78.52495, "EC"),
    ("Lima", -12.04318, -77.02824, "PE"),
    ("Brasília", -15.77972, -47.92972, "BR"),
    ("Asunción", -25.28646, -57.647, "PY"),
    ("Montevideo", -34.90328, -56.18816, "UY"),
    ("Santiago", -33.45694, -70.64827, "CL"),
]


def _points(count, seed=18):
    rng = random.Random(seed)
    return [
        {
            "lat": rng.uniform(-54, 32),
            "lon": rng.uniform(-117, -35),
            "name": f"Universidad Nacional Autónoma de la Región número {i}",
            "url": f"/es/campanas/universidades-por-el-comercio-justo/participantes/universidad-{i}/",
            "country": rng.choice(MAINLAND + SMALL_STATES),
            "status": rng.choice(
                ["interested", "registered", "declared", "renewal_due"]
            ),
            "status_label": "En proceso de renovación",
        }
        for i in range(count)
    ]


def _render(points, label="Participantes en el mapa"):
    return Template("{% load clac_maps %}{% network_map points label %}").render(
        Context({"points": points, "label": label})
    )


def test_every_small_island_state_and_mainland_country_is_in_the_output():
    paths = country_paths()
    for code in SMALL_STATES + MAINLAND:
        assert re.fullmatch(r"(M[-\d. ]+l[-\d. ]+z)+", paths[code]), code


def test_no_country_outside_the_region_is_drawn():
    assert not {"US", "CA", "FR", "ES", "GS"} & set(country_paths())


def test_projection_orders_points_west_east_and_north_south_inside_the_viewbox():
    width, height = viewbox_size()
    mexico_city, buenos_aires = project(19.43, -99.13), project(-34.61, -58.38)
    assert mexico_city[0] < buenos_aires[0]
    assert mexico_city[1] < buenos_aires[1]
    for lat, lon in [(32.7, -117.1), (-55.9, -67.3), (-7.1, -34.8)]:
        x, y = project(lat, lon)
        assert 0 <= x <= width and 0 <= y <= height


@pytest.mark.parametrize("name,lat,lon,code", CAPITALS, ids=[c[0] for c in CAPITALS])
def test_capital_lies_in_its_country(name, lat, lon, code):
    assert point_in_country(lat, lon, code)


@pytest.mark.parametrize(
    "name,lat,lon,code",
    [
        ("Bridgetown in Grenada", 13.10732, -59.62021, "GD"),
        ("Lima in Chile", -12.04318, -77.02824, "CL"),
        ("Montevideo in Argentina", -34.90328, -56.18816, "AR"),
        ("the Atlantic off Brazil", -10.0, -30.0, "BR"),
        ("Bogotá in a country not on the map", 4.60971, -74.08175, "US"),
    ],
)
def test_a_point_elsewhere_is_not_in_the_country(name, lat, lon, code):
    assert not point_in_country(lat, lon, code)


def test_inland_capitals_are_strictly_inside_and_the_coast_tolerance_is_small():
    assert point_in_country(19.42847, -99.12766, "MX", tolerance=0)
    assert point_in_country(-15.77972, -47.92972, "BR", tolerance=0)
    # Kingstown lies just off the generalised 1:50m coast: within a fraction of a
    # unit (about a kilometre), not kilometres away.
    assert distance_to_outline(13.15527, -61.22742, "VC") < 0.2


def test_the_map_with_300_points_is_under_60_kb_gzipped():
    html = _render(_points(300))
    assert html.count("<circle") == 300
    assert len(gzip.compress(html.encode())) <= 60 * 1024


def test_the_list_has_one_link_per_point_and_the_graphic_is_out_of_the_tab_order():
    points = _points(25)
    html = _render(points)
    items = re.findall(r'<li class="network-map__item"[^>]*><a href="([^"]+)">', html)
    assert items == [p["url"] for p in points]
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'aria-hidden="true"' in svg.split(">", 1)[0]
    assert "<a " not in svg and "tabindex" not in svg
    assert re.search(r'<figure[^>]*aria-labelledby="network-map-label"', html)
    assert 'id="network-map-label">Participantes en el mapa<' in html


def test_names_are_escaped_and_nothing_is_styled_inline():
    html = _render([{**_points(1)[0], "name": '<script>alert("x")</script>'}])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "style=" not in html


def test_the_output_requests_nothing_from_another_site():
    html = _render(_points(10))
    urls = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert urls and all(u.startswith("/") for u in urls)
    assert "//" not in html.replace("http://www.w3.org/2000/svg", "").replace(
        'href="/', ""
    )


def test_points_land_on_their_projected_position():
    html = _render([{**_points(1)[0], "lat": -34.61315, "lon": -58.37723}])
    x, y = project(-34.61315, -58.37723)
    assert f'cx="{x:.1f}" cy="{y:.1f}"' in html


def test_an_empty_map_says_so():
    html = _render([])
    assert "<circle" not in html
    assert "network-map__empty" in html


def test_each_list_item_names_its_country_and_status():
    point = {**_points(1)[0], "country": "BB", "status": "declared"}
    point["status_label"] = "Declarada"
    html = _render([point, {**point, "status_label": "", "status": ""}])
    items = re.findall(r'<span class="network-map__meta">([^<]*)</span>', html)
    assert items == ["Barbados · Declarada", "Barbados"]
    assert "network-map__point--declared" in html
