"""The emergency plugin's geometry against numbers worked out by hand: the impact range's radius and
what it counts, the nearest resource by road time (not by straight line), the safe route's detour;
and, over random events on the shipped road graph, a route that never enters the impact range."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from plugins.emergency.impact import LocalProjection, Place, impact_range, people_inside, radius_m
from plugins.emergency.routing import NoSafeRoute, RoadGraph, route_segments

DEG_M = 111_195.08  # one degree of latitude (and of longitude on the equator), m: 6371008.8 * pi / 180


@pytest.mark.parametrize("kind,size,expected", [
    ("chemical_leak", 4.0, 1300.0),  # 500 + 400 * sqrt(4)
    ("chemical_leak", 100.0, 4500.0),  # 500 + 400 * 10
    ("chemical_leak", 1000.0, 5000.0),  # capped
    ("underpass_flooded", 1.2, 270.0),  # 150 + 100 * 1.2
])
def test_the_radius_by_kind_and_size(kind, size, expected):
    assert radius_m(kind, size) == pytest.approx(expected)


def test_an_unknown_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="earthquake"):
        radius_m("earthquake", 1)


def test_people_count_by_the_share_of_each_cell_inside():
    proj = LocalProjection(0.0, 0.0)
    # cells of 0.01 deg = 1111.95 m: A at (0, 0) spans x -556..556, B at (0, 0.01) x 556..1668, C far east
    cells = [(0.0, 0.0, 1000), (0.0, 0.01, 300), (0.0, 0.03, 7000)]
    # x 0..1700, y -600..600: the east half of A and all of B -> 500 + 300
    assert people_inside(box(0, -600, 1700, 600), proj, cells, 0.01) == pytest.approx(800, abs=0.5)


def test_a_four_tonne_leak_counts_what_lies_within_1300_m():
    places = [
        Place("school-1200m-N", "school", 1200 / DEG_M, 0.0),  # inside
        Place("hospital-1400m-E", "hospital", 0.0, 1400 / DEG_M),  # outside
        Place("shelter-1258m-NE", "shelter", 0.008, 0.008),  # sqrt(2) * 889.6 m = 1258 m: inside
    ]
    cells = [(0.0, 0.0, 1000), (0.0, 0.03, 7000)]  # the first wholly inside (corner 786 m), the second 2780 m+ away
    r = impact_range("chemical_leak", 4.0, 0.0, 0.0, places, cells, 0.01)
    assert r.radius_m == 1300.0
    assert (r.count("school"), r.count("hospital"), r.count("shelter")) == (1, 0, 1)
    assert r.people == 1000
    assert r.area[0] == r.area[-1] and len(r.area) > 32


# A (0,0) - B (0,0.01) - C (0,0.02) at 36 km/h; A - D (0.01,0.01) - C at 18 km/h
FIXTURE = {
    "nodes": {"A": [0.0, 0.0], "B": [0.0, 0.01], "C": [0.0, 0.02], "D": [0.01, 0.01]},
    "ways": [{"id": "fast", "name": "fast", "speed_kmh": 36, "nodes": ["A", "B", "C"]},
             {"id": "slow", "name": "slow", "speed_kmh": 18, "nodes": ["A", "D", "C"]}],
}
AB_S = 0.01 * DEG_M / 10  # 111.195 s
AD_S = 1572.55 / 5  # haversine (0,0)-(0.01,0.01) = 1572.55 m at 5 m/s: 314.51 s


def test_the_nearest_team_by_road_time_not_by_straight_line():
    g = RoadGraph(FIXTURE)
    # D is nearer in a straight line (1573 m against 2224 m) but C is nearer by road
    reach = g.nearest(0.0, 0.0, [("team-D", 0.01, 0.01), ("team-C", 0.0, 0.02)])
    assert [r.id for r in reach] == ["team-C", "team-D"]
    assert reach[0].seconds == pytest.approx(2 * AB_S, abs=0.1)
    assert reach[1].seconds == pytest.approx(AD_S, abs=0.1)


def test_the_safe_route_detours_around_the_range_or_says_there_is_none():
    g = RoadGraph(FIXTURE)
    around_b = box(0.008, -0.002, 0.012, 0.002)  # (lon, lat)
    direct = g.safe_route((0.0, 0.0), (0.0, 0.02), None)
    assert direct.nodes == ("A", "B", "C") and direct.seconds == pytest.approx(2 * AB_S, abs=0.1)
    detour = g.safe_route((0.0, 0.0), (0.0, 0.02), around_b)
    assert detour.nodes == ("A", "D", "C") and detour.seconds == pytest.approx(2 * AD_S, abs=0.1)
    with pytest.raises(NoSafeRoute, match="every road"):
        g.safe_route((0.0, 0.0), (0.0, 0.02), box(0.005, -0.002, 0.015, 0.012))  # B and D both cut off
    with pytest.raises(NoSafeRoute, match="start"):
        g.safe_route((0.0, 0.01), (0.0, 0.02), around_b)


SHIPPED = RoadGraph.for_city("shouguang")
NODES = sorted(SHIPPED.nodes)


@settings(max_examples=60, deadline=None)
@given(st.floats(36.82, 37.08), st.floats(118.72, 119.02), st.floats(0.0, 60.0),
       st.sampled_from(NODES), st.sampled_from(NODES))
def test_a_route_never_enters_the_impact_range(lat, lon, tonnes, start, goal):
    area = impact_range("chemical_leak", tonnes, lat, lon).polygon_lonlat()
    try:
        route = SHIPPED.safe_route(SHIPPED.nodes[start], SHIPPED.nodes[goal], area)
    except NoSafeRoute as exc:
        assert str(exc), "a refusal says why"
        return
    assert not any(seg.intersects(area) for seg in route_segments(route))
