"""The emergency plugin over the core's real incident book: the demo's chemical leak opens an incident
with its plan, dispatches the nearest hazmat team and ticks the plan's steps as simulated time passes
them (one audit row each); the checklist's done / due / late against hand-set times; the simulator's
readings do not depend on how time is cut; the tiles' contract; the layouts name only what exists."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from console.city import load_city
from console.hub.hub import Hub
from console.incidents.book import IncidentBook
from console.incidents.plans import Plans, load_plan_ref
from console.model import Reading
from console.sources.simulator import ScenarioEvent
from console.store.store import Store
from plugins.emergency.checklist import DONE, DUE, LATE, checklist, current_incident
from plugins.emergency.manifest import PLUGIN
from plugins.emergency.places import emergency_entities
from plugins.emergency.simulator import EmergencySimulator
from tests.energy_parking_helpers import PluginTileContract, SetClock

T0 = 1_784_044_800.0  # 2026-07-15 00:00 Beijing time
MIN = 60.0


def plans() -> Plans:
    return Plans([load_plan_ref(ref) for ref in PLUGIN.incident_plans])


@pytest.fixture
def world(tmp_path):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    clock = SetClock(T0)
    hub = Hub(store, clock)
    sim = EmergencySimulator(load_city("shouguang"))
    hub.add_entities(sim.entities())
    book = IncidentBook(store, hub, plans(), clock)
    sim.attach({"incidents": book})
    yield store, clock, hub, sim, book
    store.close()


def incident_audit(store) -> list[tuple]:
    assert store.flush()
    return store.query("SELECT action, outcome FROM audit WHERE action LIKE 'incident.%' ORDER BY id")


def test_the_leak_opens_an_incident_with_its_plan_and_the_nearest_team(world):
    store, clock, hub, sim, book = world
    assert sim.apply_event(ScenarioEvent("chemical_leak", T0, {}))
    (inc,) = book.open_incidents()
    assert inc.plan_id == "emergency.chemical_leak" and inc.entity_id == "HZ-SG-01"
    # 侯镇专职消防队 (1.9 km from the park as the crow flies) is the nearest hazmat team by road
    assert inc.state == "dispatched" and inc.teams == {"TM-SG-02": "dispatched"}
    assert [a for a, _ in incident_audit(store)] == ["incident.open", "incident.assign"]


def test_the_team_arrives_and_the_steps_are_ticked_as_time_passes(world):
    store, clock, hub, sim, book = world
    sim.apply_event(ScenarioEvent("chemical_leak", T0, {}))
    resp = sim.responses[0]
    # steps are done at 80 % of their due time: alert 4 min, isolate 12, evacuate 16, monitor 24, plug 48
    clock.t = T0 + 20 * MIN
    sim.readings_between(T0, clock.t)
    inc = book.get(resp.incident_id)
    assert set(inc.steps_done) == {"alert", "isolate", "evacuate"}
    assert resp.arrive < clock.t and inc.state == "on_scene"
    clock.t = T0 + 3 * 3600
    sim.readings_between(T0 + 20 * MIN, clock.t)
    inc = book.get(resp.incident_id)
    assert set(inc.steps_done) == {"alert", "isolate", "evacuate", "monitor", "plug"}, "the last step is the operator's"
    actions = [a for a, _ in incident_audit(store)]
    # the team (on the road 6.2 min from 3 min) arrives at 9.2 min; the books hears each once, in order
    assert actions == ["incident.open", "incident.assign", "incident.arrive"] + ["incident.step_done"] * 5
    sim.readings_between(clock.t, clock.t + 600)  # nothing acted twice
    assert len(incident_audit(store)) == 8


def test_the_team_drives_its_route_and_the_shelter_fills(world):
    store, clock, hub, sim, book = world
    sim.apply_event(ScenarioEvent("chemical_leak", T0, {}))
    resp = sim.responses[0]
    assert resp.shelter.id == "SH-SG-02"  # 侯镇中学: the nearest shelter outside the range
    start, mid, end = (sim.team_position(resp, t) for t in (T0, (resp.depart + resp.arrive) / 2, resp.arrive + 60))
    assert start == tuple(resp.route.path[0]) and end == tuple(resp.route.path[-1]) and mid not in (start, end)
    occ = [sim.values_at(T0 + m * MIN)["emergency/shelter/SH-SG-02/occupancy"] for m in (5, 30, 60, 120)]
    assert occ[0] == 0 and occ[1] < occ[2] < occ[3] <= 1500 * 0.95
    moved = {e.id: e for e in sim.moved_entities(T0 + 30 * MIN)}
    assert len(moved["IMPACT-SHOUGUANG"].attrs["area"]) > 32 and moved["ROUTE-SHOUGUANG"].attrs["path"] == resp.route.path


def test_the_readings_do_not_depend_on_how_time_is_cut():
    def run(cuts):
        sim = EmergencySimulator(load_city("shouguang"))
        sim.apply_event(ScenarioEvent("chemical_leak", T0, {}))
        out = []
        for a, b in zip(cuts, cuts[1:]):
            out += sim.readings_between(a, b)
        return out

    assert run([T0 - 600, T0 + 3600]) == run([T0 - 600, T0 + 7 * MIN, T0 + 1000, T0 + 3600])


def test_a_flooded_underpass_sends_the_nearest_flood_team(world):
    store, clock, hub, sim, book = world
    sim.apply_event(ScenarioEvent("underpass_flooded", T0, {}))
    resp = sim.responses[0]
    assert resp.team.attrs["specialty"] == "flood" and resp.team.id == "TM-SG-03"  # 4.7 km by road from the city's team
    assert book.get(resp.incident_id).plan_id == "emergency.underpass_flooded"
    assert sim.values_at(T0 + 30 * MIN)["emergency/hazard/HZ-SG-06/water_depth_m"] == pytest.approx(1.2)


def test_an_event_the_city_has_no_data_for_is_refused_by_name():
    sim = EmergencySimulator(load_city("yucheng"))
    assert sim.entities() == [] and sim.readings_between(T0, T0 + 600) == []
    with pytest.raises(ValueError, match="yucheng"):
        sim.apply_event(ScenarioEvent("chemical_leak", T0, {}))


def test_the_checklist_says_done_due_and_late_by_the_plans_minutes(world):
    store, clock, hub, sim, book = world
    inc = book.open("chemical_leak", "泄漏", "duty", severity=2, plan_id="emergency.chemical_leak")
    clock.t = T0 + 3 * MIN
    book.act(inc.id, "step_done", "duty", step="alert")
    clock.t = T0 + 12 * MIN  # dispatch was due at 10 min: late; isolate (15 min) still due
    rows = {r.id: r for r in checklist(book.get(inc.id), book.plan(book.get(inc.id)), clock.t)}
    assert rows["alert"].state == DONE and rows["alert"].done_ts == T0 + 3 * MIN and rows["alert"].by == "duty"
    assert rows["dispatch"].state == LATE and rows["dispatch"].due_ts == T0 + 10 * MIN
    assert rows["isolate"].state == DUE and rows["on_scene"].state == DUE
    book.act(inc.id, "assign", "duty", team="TM-SG-01")
    rows = {r.id: r for r in checklist(book.get(inc.id), book.plan(book.get(inc.id)), clock.t)}
    assert rows["dispatch"].state == DONE and rows["dispatch"].done_ts == T0 + 12 * MIN
    assert current_incident(book, ["chemical_leak"]).id == inc.id and current_incident(book, ["fire"]) is None


def test_the_layouts_name_only_what_exists_and_the_flood_view_by_name():
    from console.layouts.layout import load_layout

    known = {"kpi", "chart", "map", "alarms", "cameras", *PLUGIN.tile_kinds}
    names = []
    for ref in PLUGIN.layouts:
        package, _, rel = ref.partition(":")
        layout = load_layout(resources.files(package) / rel)
        names.append(layout.name)
        assert {t.kind for t in layout.tiles} <= known, ref
    assert names[0] == "emergency-overview" and "emergency-wall-32x9" in names
    typhoon = json.loads((resources.files("plugins.emergency") / "layouts" / "typhoon-flood.json").read_text(encoding="utf-8"))
    selects = {t["options"].get("select", {}).get("kind") for t in typhoon["tiles"]}
    assert {"gauge", "rain_station"} <= selects  # the flood plugin's, by name as data
    entity_kinds = {k.id for k in PLUGIN.entity_kinds}
    wall = load_layout(resources.files("plugins.emergency") / "layouts" / "wall-32x9.json")
    (map_tile,) = [t for t in wall.tiles if t.kind == "map"]
    assert {"hazard", "rescue_team", "shelter", "impact_range", "rescue_route"} <= set(map_tile.options["layers"]) <= entity_kinds


def _readings(ents, now):
    out = []
    for e in ents:
        for s in e.streams:
            out.append(Reading(s.id, now - 30, 1.0 if s.id.endswith("/status") else 100.0))
    return out


class TestResourcesTile(PluginTileContract):
    kind = "emergency_resources"
    ref = "plugins.emergency.views.resources_tile:ResourcesTile"
    options = {"teams": 5}

    def entities(self):
        return emergency_entities(load_city("shouguang"))

    def readings(self, ents, now):
        return _readings(ents, now)

    def test_lists_the_teams_by_road_time_and_the_shelters_fill(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        # without an event the road times run to the first hazard, the Houzhen park: its town's brigade first
        assert tile.team_rows[0].id == "TM-SG-02" and tile.team_rows[0].road_min < tile.team_rows[1].road_min
        assert tile.teams.rowCount() == 5 and tile.shelters.rowCount() == 4
        assert tile.shelters.item(1, 1).text() == "100" and tile.shelters.item(1, 3).text() == "7%"  # 100 of 1500
        self.close(tile)


class TestChecklistTile(PluginTileContract):
    kind = "emergency_checklist"
    ref = "plugins.emergency.views.checklist_tile:ChecklistTile"
    options = {"kinds": ["chemical_leak", "underpass_flooded"]}
    at = T0 + 12 * MIN

    def entities(self):
        return emergency_entities(load_city("shouguang"))

    def readings(self, ents, now):
        return _readings(ents, now)

    def test_shows_the_real_books_incident_with_its_sla_clock(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert tile.incident_id is None and "无应急事件" in tile.message_label.text() or tile.ctx.incidents is None
        clock = hub.clock
        book = IncidentBook(hub.store, hub, plans(), clock)
        tile.ctx.incidents = book
        clock.t = T0
        inc = book.open("chemical_leak", "侯镇化工园区 危化品泄漏", "duty", severity=2, plan_id="emergency.chemical_leak")
        clock.t = T0 + 3 * MIN
        book.act(inc.id, "step_done", "duty", step="alert")
        clock.t = T0 + 12 * MIN
        signals.drain()  # the book marked the incident changed: the tile redraws
        assert tile.incident_id == inc.id
        col = [tile.table.item(r, 1).text() for r in range(tile.table.rowCount())]
        limits = [tile.table.item(r, 2).text() for r in range(tile.table.rowCount())]
        assert col[0].startswith("▲") and limits[0] == "超时 2 min"  # dispatch was due at 10 min
        assert col[2].startswith("✓")  # alert
        assert limits[3] == "剩余 3 min"  # isolate, due at 15 min
        assert "重大 (II)" in tile.header.text() and "危化品泄漏处置" in tile.header.text()
        self.close(tile)


def test_the_tour_chapter_parses_and_plays_in_shouguang_only():
    from console.tours.model import parse_step

    steps = [parse_step(s, f"emergency tour_steps[{i}]") for i, s in enumerate(PLUGIN.tour_steps)]
    assert [s.id for s in steps] == ["emergency.leak", "emergency.response"]
    assert all(s.cities == ("shouguang",) for s in steps)
    assert steps[0].events == ({"type": "chemical_leak"},)
    assert all(s.caption_zh and s.caption_en for s in steps)
