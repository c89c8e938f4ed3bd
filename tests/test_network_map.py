"""The demo's participants on the network map (issue 18): every one of them is drawn
inside its own country, Caribbean island states included, and the maps cover at
least 12 countries. No database: the points come from the demo's data
(``demo/registry_content.py``) and its cities (``core.places``), as the demo loader
stores them, and are checked on the markup ``{% network_map %}`` renders.

The map's own rules (projection, weight with 300 points, list and tab order) are in
``tests/unit/test_maps.py``; the same check on the loaded demo's rows is in
``tests/test_demo_content.py``; the map in a real browser in
``tests/browser/test_network_map.py``.
"""

import re
from decimal import Decimal

from django.template import Context, Template

import pytest

from campaigns.models.registry import PUBLIC_STATUSES
from core.maps import COAST_TOLERANCE
from core.places import cities
from demo.registry_content import PARTICIPANTS

CARIBBEAN_ISLAND_STATES = {
    "AG", "BB", "BS", "CU", "DM", "DO", "GD", "HT", "JM", "KN", "LC", "TT", "VC",
}  # fmt: skip
LISTED = {str(status) for status in PUBLIC_STATUSES}
#: Coordinates rounded to 0.1 unit in the markup move a point by up to 0.071 unit.
ROUNDING = 0.071


def _city(spec):
    """The city the demo loader picks: the first of the country's cities with that
    name (``demo.loader.DemoLoader._participant``), stored to 5 decimals."""
    found = [city for city in cities(spec["country"]) if city.name == spec["city"]]
    assert found, f"{spec['city']} is not a city of {spec['country']}"
    city = found[0]
    return Decimal(f"{city.lat:.5f}"), Decimal(f"{city.lon:.5f}")


def _points(specs):
    points = []
    for spec in specs:
        lat, lon = _city(spec)
        points.append(
            {
                "lat": lat,
                "lon": lon,
                "name": spec["name"],
                "url": f"/es/{spec['key']}/",
                "country": spec["country"],
                "status": spec["status"],
            }
        )
    return points


def _render(points):
    return Template("{% load clac_maps %}{% network_map points label %}").render(
        Context({"points": points, "label": "Mapa"})
    )


# --- reading the rendered SVG back (our own parser: not core.maps' code) ------------

_PATH = re.compile(
    r'<path class="network-map__country" data-country="(\w\w)" d="([^"]+)"'
)
_CIRCLE = re.compile(
    r'<circle class="network-map__point[^"]*" data-point="[^"]+" '
    r'data-country="(\w\w)" cx="([-\d.]+)" cy="([-\d.]+)"'
)
_TOKEN = re.compile(r"[Mlz]|-?(?:\d+\.?\d*|\.\d+)")


def _rings(d):
    """The rings of a path drawn with absolute ``M``, relative ``l`` and ``z``."""
    assert set(re.sub(r"[-\d. ]", "", d)) <= {"M", "l", "z"}, d[:80]
    rings, ring, command, numbers = [], [], None, []
    for token in _TOKEN.findall(d):
        if token in "Mlz":
            command = token
            if token == "z":
                rings.append(ring)
                ring = []
            continue
        numbers.append(float(token))
        if len(numbers) == 2:
            dx, dy = numbers
            numbers = []
            if command == "M" or not ring:
                ring = [(dx, dy)]
            else:
                x, y = ring[-1]
                ring.append((x + dx, y + dy))
    if ring:
        rings.append(ring)
    return rings


def _winding(x, y, ring):
    """The winding number of the ring around (x, y) (non-zero: inside)."""
    winding = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1)
        if y1 <= y < y2 and cross > 0:
            winding += 1
        elif y2 <= y < y1 and cross < 0:
            winding -= 1
    return winding


def _distance(x, y, ring):
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        dx, dy = x2 - x1, y2 - y1
        length = dx * dx + dy * dy
        t = (
            0
            if not length
            else max(0, min(1, ((x - x1) * dx + (y - y1) * dy) / length))
        )
        best = min(best, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return best


def _inside(x, y, rings):
    # Country outlines have no holes at this scale that a city could sit in:
    # inside any ring is inside the country.
    return any(_winding(x, y, ring) != 0 for ring in rings)


def _drawn(html):
    outlines = {code: _rings(d) for code, d in _PATH.findall(html)}
    circles = [(code, float(x), float(y)) for code, x, y in _CIRCLE.findall(html)]
    return outlines, circles


# --- the tests -----------------------------------------------------------------------


def test_the_demo_covers_at_least_12_countries_with_caribbean_island_states():
    countries = {spec["country"] for spec in PARTICIPANTS}
    assert len(countries) >= 12, countries
    assert len(countries & CARIBBEAN_ISLAND_STATES) >= 6, countries
    listed = {
        spec["country"]
        for spec in PARTICIPANTS
        if spec["status"] in LISTED and spec.get("consent", True)
    }
    assert len(listed) >= 12, listed


@pytest.mark.parametrize("campaign", ["universities", "towns"])
def test_each_campaign_map_shows_its_listed_participants(campaign):
    """What the campaign page and the directory draw: the public participants of
    the campaign, one point and one list item each; the universities' map spans at
    least 12 countries."""
    specs = [
        spec
        for spec in PARTICIPANTS
        if spec["campaign"] == campaign
        and spec["status"] in LISTED
        and spec.get("consent", True)
        and spec.get("is_public", True)
    ]
    html = _render(_points(specs))
    _outlines, circles = _drawn(html)
    assert len(circles) == len(specs) == html.count('<li class="network-map__item"')
    if campaign == "universities":
        assert len({code for code, _x, _y in circles}) >= 12, circles


@pytest.mark.parametrize(
    "spec", PARTICIPANTS, ids=[f"{s['country']}-{s['city']}" for s in PARTICIPANTS]
)
def test_each_demo_participant_is_drawn_inside_its_own_country(spec):
    """The circle's centre, as the markup gives it, is inside its country's drawn
    outline (or, for a coastal town, within the map's coast tolerance of it, plus
    the markup's rounding) and inside no other country's outline."""
    html = _render(_points([spec]))
    outlines, circles = _drawn(html)
    ((code, x, y),) = circles
    assert code == spec["country"]
    own = outlines[code]
    inside = _inside(x, y, own)
    gap = 0.0 if inside else min(_distance(x, y, ring) for ring in own)
    assert inside or gap <= COAST_TOLERANCE + ROUNDING, (spec["city"], code, gap)
    others = [
        other
        for other, rings in outlines.items()
        if other != code and _inside(x, y, rings)
    ]
    assert others == [], (spec["city"], code, others)


def test_the_check_can_fail():
    """A town put in the wrong country is caught: Kingston (Jamaica) said to be in
    Saint Lucia, and Recife moved into the Atlantic."""
    kingston = _points([next(s for s in PARTICIPANTS if s["city"] == "Kingston")])
    html = _render([{**kingston[0], "country": "LC"}])
    outlines, ((code, x, y),) = _drawn(html)
    assert code == "LC"
    assert not _inside(x, y, outlines["LC"])
    assert _inside(x, y, outlines["JM"])
    recife = _points([next(spec for spec in PARTICIPANTS if spec["city"] == "Recife")])
    recife[0]["lon"] += 2  # two degrees east: the open sea
    outlines, ((code, x, y),) = _drawn(_render(recife))
    assert not _inside(x, y, outlines["BR"])
    assert min(_distance(x, y, ring) for ring in outlines["BR"]) > 10
