"""scripts/build_map.py: the TopoJSON decoding, the simplification and the check
against the committed output (issue 18). No database."""

import importlib.util
import json
import math
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "build_map", ROOT / "scripts" / "build_map.py"
)
build_map = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_map)


def _topology():
    """Two countries sharing one border arc, and a tiny island: quantized, delta-
    encoded arcs with a transform, as TopoJSON writes them."""
    return {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [-80, -10]},
        "arcs": [
            [[1000, 1000], [0, 1000]],  # 0: the shared border, (-70,0) → (-70,10)
            [[1000, 2000], [-1000, 0], [0, -1000], [1000, 0]],  # 1: west of it
            [[1000, 2000], [1000, 0], [0, -1000], [-1000, 0]],  # 2: east of it
            [[3000, 1500], [5, 0], [0, 5], [-5, 0], [0, -5]],  # 3: a tiny island
        ],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "170"},
                    {"type": "MultiPolygon", "arcs": [[[~0, 2]]], "id": "862"},
                    {"type": "Polygon", "arcs": [[3]], "id": "052"},
                    {"type": "Polygon", "arcs": [[3]], "id": "840"},
                ],
            }
        },
    }


def test_arcs_are_delta_decoded_and_transformed():
    arcs = build_map.decode_arcs(_topology())
    assert arcs[0] == [(-70.0, 0.0), (-70.0, 10.0)]
    assert arcs[1][-1] == pytest.approx((-70.0, 0.0))
    assert arcs[3][0] == pytest.approx((-50.0, 5.0))


def test_a_negative_index_is_the_arc_reversed_and_joints_are_kept_once():
    arcs = build_map.decode_arcs(_topology())
    ring = build_map.ring_arcs(arcs, [~0, 2])
    assert ring[0] == (-70.0, 10.0)
    assert len(ring) == len(arcs[0]) + len(arcs[2]) - 1


def test_douglas_peucker_keeps_a_closed_ring_and_drops_collinear_points():
    square = [(0, 0), (5, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    simplified = build_map.douglas_peucker(square, 0.1)
    assert (5, 0) not in simplified
    assert simplified[0] == simplified[-1] and len(simplified) == 5


def test_build_keys_by_alpha2_keeps_the_tiny_island_and_leaves_others_out():
    data = build_map.build(_topology())
    assert set(data["countries"]) == {"CO", "VE", "BB"}
    assert re.fullmatch(r"M[-\d. ]+l[-\d. ]+z", data["countries"]["BB"])
    assert data["viewBox"].startswith("0 0 1000 ")
    projection = data["projection"]
    assert projection["cos_lat0"] == pytest.approx(math.cos(math.radians(5)), 1e-6)
    assert "Natural Earth" in data["credit"] and "world-atlas" in data["credit"]


def test_the_committed_output_is_what_the_source_builds():
    if not build_map.SOURCE.exists():
        pytest.skip("node_modules/world-atlas is missing (npm ci)")
    source = json.loads(build_map.SOURCE.read_text(encoding="utf-8"))
    expected = build_map.render(build_map.build(source))
    assert build_map.OUTPUT.read_text(encoding="utf-8") == expected
