"""Entities' areas and paths on the live map (layers.shapes, cc.setShapes): drawn from the page's
start, coloured by the entity's marker state, redrawn when re-added with a new shape, removed when
gone, and hidden with their kind's layer. A malformed shape is left out, never drawn half."""

from __future__ import annotations

import time
from dataclasses import replace

from console.model import Entity, Reading, StreamSpec
from layers.shapes import entity_shape, entity_shapes, shape_changes
from tests.test_map_tile import close, ctx, js, make_tile  # noqa: F401 (fixtures)

RING = [[36.88, 118.73], [36.88, 118.76], [36.86, 118.76], [36.86, 118.73]]


def _zone(**attrs) -> Entity:
    return Entity("Z-1", "impact_zone", "泄漏影响范围", 36.87, 118.745, attrs={"warning": 1.0, "alarm": 10.0, **attrs},
                  streams=(StreamSpec("test/zone/Z-1/people", "people", "人"),))


def test_a_shape_is_a_list_of_lat_lon_pairs_or_nothing():
    assert entity_shape(_zone(area=RING)) == {"id": "Z-1", "layer": "impact_zone", "area": RING}
    assert entity_shape(_zone(path=RING[:2]))["path"] == RING[:2]
    for bad in ([[36.88, 118.73], [36.88]], [[36.88, 118.73]] * 2, "36.88,118.73", [[200.0, 1.0]] * 3, [[True, 1.0]] * 3,
                [[float("nan"), 1.0]] * 3):
        assert entity_shape(_zone(area=bad)) is None, bad
    assert entity_shapes([_zone(), _zone(area=RING)]) == [{"id": "Z-1", "layer": "impact_zone", "area": RING}]
    # only a changed shape is sent again; one that went is sent without points
    before, grown = {"Z-1": _zone(area=RING)}, {"Z-1": _zone(area=RING + [[36.87, 118.72]])}
    assert shape_changes(before, before, ["Z-1"]) == []
    assert shape_changes(before, grown, ["Z-1"])[0]["area"][-1] == [36.87, 118.72]
    assert shape_changes(before, {"Z-1": _zone()}, ["Z-1"]) == [{"id": "Z-1", "layer": "impact_zone"}]


def test_the_map_draws_an_area_in_its_entitys_state_and_follows_it(qtbot, ctx):  # noqa: F811
    zone = _zone(area=RING)
    ctx.hub.add_entities([zone], persist=False)
    ctx.hub.register_source("zones", ["test/zone/Z-1/people"]).live = True
    tile = make_tile(qtbot, ctx)
    st = js(qtbot, tile, "cc.shapeState('Z-1')")
    assert st is not None and st["kind"] == "area" and st["points"] == 4 and st["shown"] is True
    assert js(qtbot, tile, "cc.stats()")["shapes"] == 1
    grey = st["color"]
    # 25 people inside: above its alarm limit, the area turns the alarm colour with its marker
    ctx.hub.submit([Reading("test/zone/Z-1/people", time.time(), 25.0)], source="zones")
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.markerState('Z-1')")["state"] == "alarm", timeout=5000)
    alarm = js(qtbot, tile, "cc.shapeState('Z-1')")["color"]
    assert alarm != grey and alarm.lower() == "#e5484d"
    # the range grows: re-added with a larger ring, the page redraws that shape and keeps its colour
    resets = js(qtbot, tile, "cc.stats()")["resets"]
    ctx.hub.add_entities([replace(zone, attrs={**zone.attrs, "area": RING + [[36.87, 118.72]]})], persist=False)
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.shapeState('Z-1')")["points"] == 5, timeout=5000)
    assert js(qtbot, tile, "cc.shapeState('Z-1')")["color"] == alarm and js(qtbot, tile, "cc.stats()")["resets"] == resets
    # its kind's layer switched off: the area goes with the markers
    assert js(qtbot, tile, "cc.setLayerVisible('impact_zone', false)") is True
    assert js(qtbot, tile, "cc.shapeState('Z-1')")["shown"] is False
    js(qtbot, tile, "cc.setLayerVisible('impact_zone', true)")
    # the zone loses its area: the shape goes, the marker stays
    ctx.hub.add_entities([replace(zone, attrs={"warning": 1.0, "alarm": 10.0})], persist=False)
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.shapeState('Z-1')") is None, timeout=5000)
    assert js(qtbot, tile, "cc.markerState('Z-1')") is not None
    close(tile)


def test_a_route_is_a_line_and_a_full_reset_keeps_only_the_shapes_that_remain(qtbot, ctx):  # noqa: F811
    route = Entity("RT-1", "rescue_route", "救援路线", 36.87, 118.74, attrs={"path": RING[:3]})
    ctx.hub.add_entities([route, _zone(area=RING)], persist=False)
    tile = make_tile(qtbot, ctx)
    assert js(qtbot, tile, "cc.shapeState('RT-1')")["kind"] == "path"
    assert js(qtbot, tile, "cc.stats()")["shapes"] == 2
    # a marker that comes sends the full set: the shapes are sent whole again, none twice
    ctx.hub.add_entities([Entity("RT-2", "rescue_route", "备用路线", 36.86, 118.75, attrs={"path": RING[1:]})], persist=False)
    qtbot.waitUntil(lambda: js(qtbot, tile, "cc.stats()")["shapes"] == 3, timeout=5000)
    assert js(qtbot, tile, "cc.shapeState('RT-2')")["points"] == 3
    close(tile)
