"""The outline of Latin America and the Caribbean and its projection (issue 18).

``core/data/lac_map.json`` is built by ``scripts/build_map.py`` from Natural Earth's
1:50m countries (public domain) via world-atlas 2.0.2 (ISC) and committed; this
module only reads it, once, at import. ``project`` uses the same projection
parameters, so a point lands where the outline is.
"""

import json
import math
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "lac_map.json"

_MAP = json.loads(DATA.read_text(encoding="utf-8"))
_PROJECTION = _MAP["projection"]
VIEWBOX = _MAP["viewBox"]
CREDIT = _MAP["credit"]
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)")
# How far off the drawn outline a point may be and still count as in the country,
# in viewBox units (one unit is about 9 km): the 1:50m coast is generalised, and
# coastal capitals such as Kingstown or San Juan lie up to 0.13 units outside it.
COAST_TOLERANCE = 0.25


def country_paths() -> dict[str, str]:
    """Alpha-2 code → SVG path ``d`` (read at import)."""
    return _MAP["countries"]


def viewbox_size() -> tuple[float, float]:
    _x, _y, width, height = (float(v) for v in VIEWBOX.split())
    return width, height


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in the map's viewBox for a latitude and longitude in degrees."""
    p = _PROJECTION
    return (
        p["margin"] + (lon - p["lon_min"]) * p["cos_lat0"] * p["scale"],
        p["margin"] + (p["lat_max"] - lat) * p["scale"],
    )


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written by build_map.py: ``M x y l dx dy … z`` each."""
    rings = []
    for part in d.split("M")[1:]:
        numbers = [float(n) for n in _NUMBER.findall(part.replace("z", ""))]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for i in range(2, len(numbers) - 1, 2):
            x, y = x + numbers[i], y + numbers[i + 1]
            ring.append((x, y))
        rings.append(ring)
    return rings


@cache
def country_rings(code: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    return tuple(tuple(r) for r in _rings(country_paths()[code]))


def _inside(x: float, y: float, ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        (xi, yi), (xj, yj) = ring[i], ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segment_distance(x, y, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length))
    )
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


def distance_to_outline(lat: float, lon: float, code: str) -> float:
    """The distance, in viewBox units, from the point to the country's outline."""
    x, y = project(lat, lon)
    return min(
        _segment_distance(x, y, ring[i - 1], ring[i])
        for ring in country_rings(code)
        for i in range(len(ring))
    )


def point_in_country(
    lat: float, lon: float, code: str, tolerance: float = COAST_TOLERANCE
) -> bool:
    """Whether the point falls inside the country's outline as the map draws it
    (even–odd rule over all its rings, so a lake or an enclave is a hole), or
    within ``tolerance`` viewBox units of it (0: strictly inside)."""
    if code not in country_paths():
        return False
    x, y = project(lat, lon)
    if sum(_inside(x, y, ring) for ring in country_rings(code)) % 2 == 1:
        return True
    return tolerance > 0 and distance_to_outline(lat, lon, code) <= tolerance
