"""A camera's view cone from its heading and field of view, hand-checked; the demo's river cameras look across."""

from __future__ import annotations

import math

import pytest

from console.cameras.model import camera_entity
from console.city import load_city
from layers.camera_cones import EARTH_M_PER_DEG, camera_cones, cone


def _metres(lat0, lon0, p):
    north = (p[0] - lat0) * EARTH_M_PER_DEG
    east = (p[1] - lon0) * EARTH_M_PER_DEG * math.cos(math.radians(lat0))
    return north, east


def test_a_camera_looking_east_with_sixty_degrees_sees_this_cone():
    lat, lon = 36.9, 118.8
    ring = cone(lat, lon, heading=90, fov=60, view_m=150)
    assert ring[0] == ring[-1] == [lat, lon]  # closed, at the camera
    left, mid, right = (_metres(lat, lon, p) for p in (ring[1], ring[1 + 4], ring[-2]))
    assert left == pytest.approx((150 * math.cos(math.radians(60)), 150 * math.sin(math.radians(60))), abs=0.05)  # 75 m north
    assert mid == pytest.approx((0.0, 150.0), abs=0.05)  # straight east
    assert right == pytest.approx((-75.0, 129.9), abs=0.05)  # 120 degrees: south of east
    assert all(math.hypot(*_metres(lat, lon, p)) == pytest.approx(150, abs=0.05) for p in ring[1:-1])


def test_only_cameras_that_say_where_they_look_get_a_cone():
    cams = [camera_entity("A", "a", 36.9, 118.8, group="g", source="s", heading=10, fov=45, stream="rtsp://x/1"),
            camera_entity("B", "b", 36.9, 118.8, group="g", source="s"),
            camera_entity("C", "c", None, None, group="g", source="s", heading=10, fov=45),
            camera_entity("D", "d", 36.9, 118.8, group="g", source="s", heading="north", fov=45)]
    got = camera_cones(cams)
    assert [(c["id"], c["live"]) for c in got] == [("A", True)]


def test_the_demo_river_cameras_look_across_their_river():
    from plugins.flood.cameras import river_cameras

    cams = river_cameras(load_city("shouguang"), seed=1)
    assert len(camera_cones(cams)) == len(cams)
    for c in cams:
        across = 270.0 if c.id.endswith(tuple("02468")) else 90.0  # even numbers stand on the east bank
        assert abs((c.attrs["heading"] - across + 180) % 360 - 180) <= 20, c.id
