"""The transit tour step and its alarms' takeovers: the step's own event (a bus held on route 1)
played on the simulator in the morning peak raises bunching and a gap on route 1 within the
step's fast-forward, in the real rule engine; each takes the wall with the bus's headway chart,
the map of the buses and stops, and its route's headway list (a bus has no cameras)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.layouts.layout import parse_layout
from console.sources.simulator import ScenarioEvent
from console.tours.default import default_tour
from console.wall.takeover import takeover_for
from plugins.transit.manifest import PLUGIN
from plugins.transit.simulator import TransitSimulator
from tests.energy_parking_helpers import SetClock
from tests.test_transit import WED, hm


def _transit_layouts():
    out = {}
    for ref in PLUGIN.layouts:
        package, _, rel = ref.partition(":")
        layout = parse_layout(json.loads((resources.files(package) / rel).read_text(encoding="utf-8")), ref)
        out[layout.name] = layout
    return out


def test_yuchengs_tour_has_the_bunching_step_and_a_city_without_buses_leaves_it_out():
    tour, notices = default_tour(load_city("yucheng"), [PLUGIN], _transit_layouts())
    assert notices == []
    (step,) = [s for s in tour.steps if s.id == "transit.bunching"]
    assert step.layout == "transit-overview" and step.focus == {"tile_kind": "transit_headways"}
    assert "1路" in step.caption_zh and "route 1" in step.caption_en and step.advance_s > 0
    assert [e["type"] for e in step.events] == ["bus_incident"]


@pytest.fixture
def morning(store):
    """The tour step's event fired at 07:30 on a Wednesday, and the step's fast-forward played
    minute by minute into a real hub and the plugin's own rules."""
    (data,) = PLUGIN.tour_steps
    start = WED + hm(7, 30)
    sim = TransitSimulator(load_city("yucheng"))
    for e in data["events"]:
        params = {k: v for k, v in e.items() if k != "type"}
        assert sim.apply_event(ScenarioEvent(e["type"], start, params))
    clock = SetClock(start)
    hub = Hub(store, clock)
    hub.add_entities(sim.entities(), persist=False)
    hub.register_source("transit", [s.id for e in sim.entities() for s in e.streams]).live = True
    engine = AlarmEngine(hub, [compile_rule(r, "plugin transit") for r in PLUGIN.rules])
    t = start
    while t < start + data["advance_s"] + 600:  # the step's jump, then the minutes it is on screen
        clock.t = t + 60
        hub.add_entities(sim.moved_entities(t + 60), persist=False)
        hub.submit(sim.readings_between(t, t + 60))
        assert store.flush()
        t += 60
    return hub, engine


def test_the_held_bus_raises_bunching_and_a_gap_on_route_1_and_each_takes_the_wall_with_the_headway_list(morning):
    hub, engine = morning
    alarms = {a.rule: a for a in engine.open_alarms() if a.rule in ("transit.bunching", "transit.gap")}
    assert set(alarms) == {"transit.bunching", "transit.gap"}
    for rule, alarm in alarms.items():
        bus = hub.entities[alarm.entity_id]
        assert bus.kind == "bus" and bus.attrs["route"] == "R1" and bus.has_position, bus
        layout = takeover_for(alarm, [PLUGIN], hub.entities, guidance=engine.guidance(alarm))
        tiles = {t.kind: t for t in layout.tiles}
        assert set(tiles) == {"chart", "map", "transit_headways", "text"}, rule  # no camera grid for a bus
        chart = tiles["chart"].options
        assert chart["stream"] == "headway_ratio" and chart["select"]["ids"] == [bus.id]
        assert chart["thresholds"] == ["bunch_ratio", "gap_ratio"]
        assert tiles["map"].options["layers"] == ["bus", "bus_stop"] and tiles["map"].options["center"] == [bus.lat, bus.lon]
        # the bus's own route, from its attributes
        assert tiles["transit_headways"].options == {"select": {"kind": "bus_route", "attrs": {"route": "R1"}}}
        assert str(tiles["transit_headways"].title).startswith(bus.name)
        steps = {"transit.bunching": "驻站", "transit.gap": "备用车"}[rule]
        assert steps in str(tiles["text"].options["text"])


def test_the_takeovers_headway_list_shows_only_that_route(morning, qtbot, tmp_path):
    from console.gui.app import _prepare_environment
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from console.plugins.api import load_object
    from widgets.tile import TileContext

    _prepare_environment()
    hub, engine = morning
    alarm = next(a for a in engine.open_alarms() if a.rule == "transit.bunching")
    spec = next(t for t in takeover_for(alarm, [PLUGIN], hub.entities).tiles if t.kind == "transit_headways")
    signals = HubSignals(hub)
    history = HistoryLoader(hub.store)
    tile = load_object(PLUGIN.tile_kinds["transit_headways"])(TileContext(hub, signals, history, engine), spec)
    qtbot.addWidget(tile)
    try:
        assert tile.table.item(0, 0).text() == "1路 禹城站—高新区"
        assert tile.rows and all(r.bus.startswith("1路") for r in tile.rows)
        assert any(r.state == "bunched" for r in tile.rows)
    finally:
        tile.teardown()
        history.shutdown()
