"""Build the outline of Latin America and the Caribbean for the network map (issue 18).

Source: ``countries-50m.json`` of the npm package ``world-atlas`` 2.0.2 (ISC licence,
Mike Bostock), itself made from Natural Earth's 1:50m Admin 0 countries (public
domain). The 1:110m file lacks several Caribbean island states, so 1:50m it is.

What it does, in plain Python (no TopoJSON library):

1. decodes the TopoJSON arcs: quantized positions, delta-encoded, turned into
   longitude/latitude by the file's ``transform`` (scale and translate);
2. keeps the countries and territories of Latin America and the Caribbean
   (``COUNTRIES``: ISO 3166-1 numeric, which world-atlas uses as ids, to alpha-2);
3. projects them: equirectangular with the x-scale ``cos(lat0)``, lat0 the middle
   latitude of the region, into a viewBox ``WIDTH`` units wide;
4. simplifies each arc once (Douglas–Peucker, ``TOLERANCE`` viewBox units), so the
   borders two countries share stay identical, rounds to ``DECIMALS`` decimals, and
   drops rings smaller than ``MIN_AREA`` square units, except each country's
   largest ring (a small island state is never dropped);
5. writes ``core/data/lac_map.json``: the credit, the viewBox, the projection's
   parameters and, per alpha-2 code, an SVG path ``d`` (``M x y l dx dy … z``).

The output is committed, so ``make run`` needs neither npm nor this script.
``--check`` exits 1 when the committed output is not what the source builds, or when
the source is missing (run ``npm ci`` first).
"""

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUTPUT = ROOT / "core" / "data" / "lac_map.json"

WIDTH = 1000  # viewBox units across the region
TOLERANCE = 0.12  # Douglas–Peucker tolerance, viewBox units
DECIMALS = 1
MIN_AREA = 0.2  # square viewBox units; smaller secondary rings are dropped
MARGIN = 4  # viewBox units around the outline

# ISO 3166-1 numeric (world-atlas ids) → alpha-2. Latin America and the Caribbean as
# the UN's M49 region, less South Georgia (uninhabited). French Guiana, Guadeloupe
# and Martinique are part of France's geometry in Natural Earth's Admin 0 file and
# Bonaire, Sint Eustatius and Saba are not in the 1:50m file, so they are absent.
COUNTRIES = {
    # Caribbean
    "028": "AG",  # Antigua and Barbuda
    "044": "BS",  # Bahamas
    "052": "BB",  # Barbados
    "092": "VG",  # British Virgin Islands
    "136": "KY",  # Cayman Islands
    "192": "CU",  # Cuba
    "212": "DM",  # Dominica
    "214": "DO",  # Dominican Republic
    "308": "GD",  # Grenada
    "332": "HT",  # Haiti
    "388": "JM",  # Jamaica
    "500": "MS",  # Montserrat
    "531": "CW",  # Curaçao
    "533": "AW",  # Aruba
    "534": "SX",  # Sint Maarten
    "630": "PR",  # Puerto Rico
    "652": "BL",  # Saint Barthélemy
    "659": "KN",  # Saint Kitts and Nevis
    "660": "AI",  # Anguilla
    "662": "LC",  # Saint Lucia
    "663": "MF",  # Saint Martin
    "670": "VC",  # Saint Vincent and the Grenadines
    "780": "TT",  # Trinidad and Tobago
    "796": "TC",  # Turks and Caicos Islands
    "850": "VI",  # U.S. Virgin Islands
    # Mexico and Central America
    "084": "BZ",  # Belize
    "188": "CR",  # Costa Rica
    "222": "SV",  # El Salvador
    "320": "GT",  # Guatemala
    "340": "HN",  # Honduras
    "484": "MX",  # Mexico
    "558": "NI",  # Nicaragua
    "591": "PA",  # Panama
    # South America
    "032": "AR",  # Argentina
    "068": "BO",  # Bolivia
    "076": "BR",  # Brazil
    "152": "CL",  # Chile
    "170": "CO",  # Colombia
    "218": "EC",  # Ecuador
    "238": "FK",  # Falkland Islands
    "328": "GY",  # Guyana
    "600": "PY",  # Paraguay
    "604": "PE",  # Peru
    "740": "SR",  # Suriname
    "858": "UY",  # Uruguay
    "862": "VE",  # Venezuela
}

CREDIT = (
    "Country outlines: Natural Earth 1:50m Admin 0 (public domain, naturalearthdata.com) "
    "via world-atlas 2.0.2 (ISC licence, Mike Bostock). Built by scripts/build_map.py; "
    "do not edit by hand."
)


def decode_arcs(topology):
    """Each arc as a list of (lon, lat): quantized, delta-encoded positions."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_arcs(arcs, indexes):
    """A ring's positions from its arc indexes (a negative index ~i is arc i reversed;
    consecutive arcs share their end point, kept once)."""
    ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


class Projection:
    """Equirectangular with an x-scale of cos(lat0), fitted to a bounding box."""

    def __init__(self, lon_min, lon_max, lat_min, lat_max):
        self.lat0 = (lat_min + lat_max) / 2
        self.kx = math.cos(math.radians(self.lat0))
        self.lon_min, self.lat_max = lon_min, lat_max
        self.scale = (WIDTH - 2 * MARGIN) / ((lon_max - lon_min) * self.kx)
        self.width = WIDTH
        self.height = math.ceil((lat_max - lat_min) * self.scale + 2 * MARGIN)

    def __call__(self, lon, lat):
        return (
            MARGIN + (lon - self.lon_min) * self.kx * self.scale,
            MARGIN + (self.lat_max - lat) * self.scale,
        )

    def parameters(self):
        return {
            "name": "equirectangular, x scaled by cos(lat0)",
            "lat0": round(self.lat0, 6),
            "lon_min": round(self.lon_min, 6),
            "lat_max": round(self.lat_max, 6),
            "scale": round(self.scale, 6),
            "cos_lat0": round(self.kx, 9),
            "margin": MARGIN,
        }


def _distance(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    return abs(dy * px - dx * py + bx * ay - by * ax) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    """Keep the end points and every point farther than ``tolerance`` from the
    simplified line (iterative; a closed arc is split at its farthest point)."""
    if len(points) < 3:
        return list(points)
    if points[0] == points[-1]:
        far = max(
            range(1, len(points) - 1),
            key=lambda i: math.dist(points[0], points[i]),
        )
        first = douglas_peucker(points[: far + 1], tolerance)
        return first + douglas_peucker(points[far:], tolerance)[1:]
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, None
        for i in range(start + 1, end):
            d = _distance(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(start, index), (index, end)]
    return [points[i] for i in sorted(keep)]


def area(ring):
    return abs(
        sum(
            x1 * y2 - x2 * y1
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
        )
        / 2
    )


def _number(value):
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _pair(x, y):
    first, second = _number(x), _number(y)
    return first + ("" if second.startswith("-") else " ") + second


def path_d(rings):
    """``M x y l dx dy … z`` per ring; deltas between rounded positions, so the
    positions read back are exact."""
    parts = []
    for ring in rings:
        x0, y0 = ring[0]
        steps = [
            _pair(round(x - px, DECIMALS), round(y - py, DECIMALS))
            for (px, py), (x, y) in zip(ring, ring[1:], strict=False)
        ]
        parts.append(f"M{_pair(x0, y0)}l" + " ".join(steps) + "z")
    return "".join(parts)


def build(topology) -> dict:
    arcs = decode_arcs(topology)
    geometries = [
        g
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("id") in COUNTRIES
    ]
    used = {
        i if i >= 0 else ~i
        for g in geometries
        for polygon in polygons(g)
        for ring in polygon
        for i in ring
    }
    lons = [p[0] for i in used for p in arcs[i]]
    lats = [p[1] for i in used for p in arcs[i]]
    project = Projection(min(lons), max(lons), min(lats), max(lats))
    rounded = {}
    for i in used:
        simplified = douglas_peucker([project(*p) for p in arcs[i]], TOLERANCE)
        rounded[i] = [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in simplified]
    countries = {}
    for geometry in sorted(geometries, key=lambda g: COUNTRIES[g["id"]]):
        rings = []
        for polygon in polygons(geometry):
            for indexes in polygon:
                ring = ring_arcs(rounded, indexes)
                if ring and ring[0] == ring[-1]:
                    ring = ring[:-1]
                deduped = [p for k, p in enumerate(ring) if k == 0 or p != ring[k - 1]]
                if len(deduped) >= 3:
                    rings.append(deduped)
        largest = max(rings, key=area)
        kept = [r for r in rings if r is largest or area(r) >= MIN_AREA]
        countries[COUNTRIES[geometry["id"]]] = path_d(kept)
    return {
        "credit": CREDIT,
        "viewBox": f"0 0 {project.width} {project.height}",
        "projection": project.parameters(),
        "countries": countries,
    }


def render(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the committed output is stale"
    )
    args = parser.parse_args()
    if not SOURCE.exists():
        print(f"{SOURCE.relative_to(ROOT)} is missing: run `npm ci` first")
        return 1
    text = render(build(json.loads(SOURCE.read_text(encoding="utf-8"))))
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
    if args.check:
        if current != text:
            print(
                f"stale (run `python scripts/build_map.py`): {OUTPUT.relative_to(ROOT)}"
            )
            return 1
        print("map: OK")
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
