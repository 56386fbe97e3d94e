"""``--scale city`` (issue 25): the demo sized to a city, counted from the real runtime's hub
once the simulators have sent their first batch; the normal demo's counts unchanged."""

from __future__ import annotations

import time

import pytest

from console.app.cli import build_parser
from console.app.runtime import Runtime, RuntimeOptions
from console.sources.scale import check_scale, make_sized

CITY_POST = "streetlight/post/LP-SH-00025/lamp_on"  # the first of the city's posts (the demo's streets have 24)


def _counts(rt: Runtime) -> dict:
    ents = list(rt.hub.entities.values())
    return {
        "entities": len(ents), "positioned": sum(e.has_position for e in ents),
        "streams": len(rt.hub.specs), "cameras": sum(e.kind == "camera" for e in ents),
        "per_minute": sum(60.0 / s.expected_interval_s for s in rt.hub.specs.values()),
    }


def test_city_scale_makes_100k_streams_20k_entities_on_the_map_and_5000_cameras(qapp, tmp_path):
    rt = Runtime(RuntimeOptions(demo=True, scale="city", cache_dir=tmp_path))
    try:
        rt.start()
        deadline = time.monotonic() + 30
        while rt.hub.latest(CITY_POST) is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rt.hub.latest(CITY_POST) is not None, "the city's posts sent nothing"
        n = _counts(rt)
        assert 95_000 <= n["streams"] <= 105_000, n
        assert 19_000 <= n["positioned"] <= 23_000, n
        assert 4_800 <= n["cameras"] <= 5_200, n
        assert n["per_minute"] >= 85_000, n  # most of them report every minute
        # spread over the city as the demo's entities are, not piled on its centre
        posts = rt.hub.entities_of_kind("lamppost")
        (s, w), (north, e) = rt.city.bbox
        lats, lons = [p.lat for p in posts], [p.lon for p in posts]
        assert max(lats) - min(lats) > 0.8 * (north - s) and max(lons) - min(lons) > 0.8 * (e - w)
        # and not all at once: the posts' reports spread over the minute
        assert len({int(p.attrs["phase_s"]) for p in posts if "phase_s" in p.attrs}) == 60
    finally:
        rt.stop()


def test_the_normal_demo_keeps_its_counts(qapp, tmp_path):
    rt = Runtime(RuntimeOptions(demo=True, cache_dir=tmp_path))
    try:
        rt.start()
        n = _counts(rt)
        # measured on main before the scale existed (the entities grow as sources add theirs: not counted)
        assert (n["streams"], n["cameras"]) == (10684, 299), n
        assert "streetlight-cameras" not in rt.hub.sources  # the demo's two streets carry no cameras
    finally:
        rt.stop()


def test_scale_on_the_command_line():
    assert build_parser().parse_args(["--demo"]).scale == "demo"
    assert build_parser().parse_args(["--demo", "--scale", "city"]).scale == "city"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--demo", "--scale", "town"])


def test_a_class_without_a_scale_is_made_at_demo_size():
    class Old:
        def __init__(self, city, seed=1):
            self.seed = seed

    class New:
        def __init__(self, city, seed=1, scale="demo"):
            self.scale = scale

    assert make_sized(Old, None, 3, "city")[1] is False
    assert make_sized(New, None, 3, "city")[0].scale == "city"
    assert make_sized(New, None, 3, "demo")[0].scale == "demo"  # the demo's call is the old one
    with pytest.raises(ValueError):
        check_scale("town")
