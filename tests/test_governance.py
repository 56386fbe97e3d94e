"""Grid governance: the complaints' day curve and the rain's effect (fixed seeds, the time passed
in), the cases' stages and SLA overdue, the figures per grid and department against a hand-computed
case set, the grids and masked members, the map layers, the rules, the layouts and the figures tile."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent
from plugins.governance.cases import CLOSED, DISPATCHED, IN_HAND, OVERDUE, RECEIVED, Case, catalogue, sla_text
from plugins.governance.figures import figures_by, figures_of
from plugins.governance.grids import governance_entities, grids, mask_phone
from plugins.governance.manifest import PLUGIN
from plugins.governance.simulator import GovernanceSimulator
from plugins.governance.volume import day_curve, rain_factor
from tests.energy_parking_helpers import PluginTileContract, SetClock

WED = 1_784_044_800.0  # 2026-07-15 00:00 Beijing time
H = 3600.0


def slot(day0: float, hour: int) -> int:
    return int((day0 + hour * H) // H)


# -- the day and the weather ------------------------------------------------------------------
def test_the_day_curve_is_low_at_night_and_peaks_mid_morning_and_afternoon():
    assert sum(day_curve(k / 60) for k in range(24 * 60)) / (24 * 60) == pytest.approx(1.0)
    night = max(day_curve(h) for h in (1, 2, 3, 4))
    assert night < 0.3 < 2.0 < day_curve(10) and day_curve(15.5) > 2.0
    assert day_curve(10) > day_curve(12.5) < day_curve(15.5), "two peaks with a lunch dip between"


def test_the_simulated_cases_follow_the_day():
    sim = GovernanceSimulator(load_city("shouguang"), seed=3)
    for day in range(3):
        d0 = WED + day * 86400
        counts = [sim.count(slot(d0, h)) for h in range(24)]
        assert sum(counts[0:6]) * 3 < sum(counts[9:12]), counts  # 6 night hours against 3 of the morning
        assert sum(counts[14:17]) > 2 * sum(counts[0:3]), counts
        received = [c.received_ts for c in sim.cases_between(d0, d0 + 86400)]
        assert len(received) == sum(counts) and received == sorted(received)


def test_rain_brings_more_cases_and_the_drainage_ones_lead():
    city = load_city("shouguang")
    dry, wet = GovernanceSimulator(city, seed=5), GovernanceSimulator(city, seed=5)
    wet.apply_event(ScenarioEvent("rainstorm", WED + 8 * H, {"duration_h": 8}))
    hours = range(slot(WED, 8), slot(WED, 16))
    assert sum(wet.expected_count(k) for k in hours) == pytest.approx(sum(dry.expected_count(k) for k in hours) * rain_factor(catalogue().categories))
    assert rain_factor(catalogue().categories) > 1.2
    drainage = {"waterlogging", "drain_blocked"}

    def share(sim):
        cases = [c for d in range(4) for c in sim.cases_between(WED + d * 86400 + 8 * H, WED + d * 86400 + 16 * H)]
        return sum(c.category in drainage for c in cases) / len(cases), len(cases)

    for d in range(1, 4):  # a rainy day every day of the four
        wet.apply_event(ScenarioEvent("rain", WED + d * 86400 + 8 * H, {"hours": 8}))
    (dry_share, dry_n), (wet_share, wet_n) = share(dry), share(wet)
    assert dry_share < 0.15 and wet_share > 0.35 and wet_n > dry_n, (dry_share, wet_share, dry_n, wet_n)
    # outside the rain the two agree case for case
    assert [c.id for c in wet.cases_between(WED, WED + 7 * H)] == [c.id for c in dry.cases_between(WED, WED + 7 * H)]


def test_the_same_seed_gives_the_same_cases_however_time_is_cut():
    city = load_city("shouguang")
    a, b = GovernanceSimulator(city, seed=2), GovernanceSimulator(city, seed=2)
    whole = a.readings_between(WED, WED + 6 * H)
    parts = [r for k in range(12) for r in b.readings_between(WED + k * 1800, WED + (k + 1) * 1800)]
    assert whole == parts


# -- stages and the SLA clock ---------------------------------------------------------------
def _case(cid="C1", grid="G1", dept="cgj", received=0.0, due_h=4.0, dispatched=600.0, in_hand=1800.0, closed=3 * H, rating=5):
    return Case(cid, "hotline", "litter", dept, grid, 36.8, 118.8, received, received + due_h * H,
                received + dispatched, received + in_hand, received + closed, rating)


def test_a_case_moves_through_its_stages_and_is_overdue_past_its_time():
    on_time = _case()
    assert [on_time.stage(t) for t in (-1, 0, 600, 1800, 3 * H)] == [None, RECEIVED, DISPATCHED, IN_HAND, CLOSED]
    late = _case(closed=6 * H)
    assert [late.stage(t) for t in (3 * H, 4 * H, 4 * H + 1, 6 * H)] == [IN_HAND, IN_HAND, OVERDUE, CLOSED]
    assert on_time.on_time and not late.on_time
    stuck = _case(dispatched=5 * H, in_hand=5.5 * H, closed=7 * H)  # never dispatched in time
    assert stuck.stage(4 * H + 60) == OVERDUE
    assert sla_text(late.left_s(3.5 * H)) == "剩 30 min" and sla_text(late.left_s(5.5 * H)) == "超 1.5 h"
    from console.languages import translated

    english = {"超 {amount}": "{amount} over", "剩 {amount}": "{amount} left"}
    assert translated(sla_text(-5400), lambda ctx, src: english.get(src, src)) == "1.5 h over"  # the GUI's language


def test_simulated_cases_keep_their_order_some_run_late_and_the_night_waits_for_morning():
    sim = GovernanceSimulator(load_city("shouguang"), seed=1)
    cases = sim.cases_between(WED, WED + 3 * 86400)
    assert len(cases) > 300
    for c in cases:
        assert c.received_ts < c.dispatched_ts < c.in_hand_ts < c.closed_ts, c
        stages = [c.stage(c.received_ts + k * 600) for k in range(int((c.closed_ts - c.received_ts) // 600) + 2)]
        order = [RECEIVED, DISPATCHED, IN_HAND, OVERDUE, CLOSED]
        assert [order.index(s) for s in stages] == sorted(order.index(s) for s in stages), (c.id, stages)
    late = [c for c in cases if not c.on_time]
    assert 0.05 < len(late) / len(cases) < 0.2
    cats = catalogue().categories
    night = [c for c in cases if 1 <= ((c.received_ts - WED) % 86400) / H < 5 and cats[c.category].due_h > 4]
    assert night and all(((c.dispatched_ts - WED) % 86400) / H >= 8 for c in night)
    assert len({c.id for c in cases}) == len(cases)
    assert all(c.id.startswith("GOV-07") for c in cases)


# -- the figures ----------------------------------------------------------------------------
def test_the_figures_per_grid_and_department_match_a_hand_count():
    now = 30 * H
    cases = [
        _case("A", "G1", "cgj", received=now - 5 * H),  # closed at now-2h, on time, rated 5
        _case("B", "G1", "cgj", received=now - 8 * H, closed=6 * H, rating=2),  # closed at now-2h, 2 h late, rated 2
        _case("C", "G1", "zjj", received=now - 6 * H, closed=10 * H),  # open, past its 4 h: overdue
        _case("D", "G2", "zjj", received=now - 1 * H, closed=3 * H),  # open, in hand, not due yet
        _case("E", "G2", "cgj", received=now - 26 * H, closed=30 * H),  # received before the 24 h, overdue: counted overdue only
        _case("F", "G2", "cgj", received=now - 25 * H),  # closed long ago, before the window: not counted
        _case("G", "G2", "zjj", received=now - 4 * H, closed=3.5 * H, rating=None),  # closed on time, not rated
        _case("H", "G1", "cgj", received=now + 60),  # not received yet
    ]
    by_grid = figures_by(cases, now, key=lambda c: c.grid)
    g1, g2 = by_grid["G1"], by_grid["G2"]
    assert (g1.received, g1.closed, g1.closed_on_time, g1.overdue, g1.open) == (3, 2, 1, 1, 1)
    assert g1.on_time_pct == 50.0 and g1.satisfaction_pct == 50.0
    assert (g2.received, g2.closed, g2.closed_on_time, g2.overdue, g2.open) == (2, 1, 1, 1, 2)
    assert g2.on_time_pct == 100.0 and g2.satisfaction_pct is None  # nobody rated: no figure, not 0 %
    by_dept = figures_by(cases, now, key=lambda c: c.department)
    cgj, zjj = by_dept["cgj"], by_dept["zjj"]
    assert (cgj.received, cgj.closed, cgj.closed_on_time, cgj.overdue, cgj.open) == (2, 2, 1, 1, 1)
    assert (zjj.received, zjj.closed, zjj.closed_on_time, zjj.overdue, zjj.open) == (3, 1, 1, 1, 2)
    city = figures_of(cases, now)
    assert (city.received, city.closed, city.overdue, city.received_1h) == (5, 3, 2, 0)
    assert city.on_time_pct == pytest.approx(200 / 3)
    assert city.values()["satisfaction_pct"] == 50.0


def test_the_simulators_readings_are_the_figures_of_its_cases():
    sim = GovernanceSimulator(load_city("shouguang"), seed=1)
    t = WED + 86400 + 11 * H
    got = {r.stream: r.value for r in sim.readings_between(t - 300, t)}
    cases = sim.cases_at(t)
    city = figures_of(cases, t)
    assert got["governance/city/shouguang/received"] == city.received > 50
    assert got["governance/city/shouguang/overdue"] == city.overdue
    assert sum(got[f"governance/grid/{g.id}/received"] for g in sim.grids) == city.received
    depts = {d: got[f"governance/dept/{d}/received"] for d in catalogue().departments}
    assert sum(depts.values()) == city.received and depts["cgj"] == max(depts.values())  # city management takes most


# -- grids, members, the map ------------------------------------------------------------------
def test_grids_lie_in_the_city_and_their_members_phones_are_masked():
    from layers.boundaries import contains, load_boundary
    from layers.shapes import entity_shape

    assert mask_phone("13905361127") == "139****1127" and mask_phone("139 0536 1127") == "139****1127"
    assert mask_phone("12345") == "*****"
    for cid in ("shouguang", "juxian"):
        gs = grids(load_city(cid))
        assert len(gs) >= 4
        for g in gs:
            assert all(contains(load_boundary(cid), lat, lon) for lat, lon in g.attrs["area"])
            assert entity_shape(g)["area"] and g.attrs["members"]
            assert all("****" in m["phone"] and len(m["phone"]) == 11 for m in g.attrs["members"])
    assert "13905361127" not in repr(governance_entities(load_city("shouguang")))


def test_every_case_lies_in_its_grid():
    from shapely.geometry import Point, Polygon

    sim = GovernanceSimulator(load_city("shouguang"))
    polys = {g.id: Polygon([(lon, lat) for lat, lon in g.attrs["area"]]) for g in sim.grids}
    cases = sim.cases_between(WED, WED + 86400)
    assert all(polys[c.grid].contains(Point(c.lon, c.lat)) for c in cases)
    assert len({c.grid for c in cases}) == len(polys)


def test_the_cases_on_the_map_are_in_their_stages_kind_and_closed_ones_leave():
    sim = GovernanceSimulator(load_city("shouguang"))
    t = WED + 86400 + 11 * H
    ents = sim.moved_entities(t)
    by_stage = Counter(e.kind for e in ents if e.has_position)
    assert by_stage["gov_case_closed"] and by_stage["gov_case_in_hand"] and by_stage["gov_case_received"] >= 0
    for e in ents:
        c = next(c for c in sim.cases_at(t) if c.id == e.id)
        assert e.kind == f"gov_case_{c.stage(t)}"
        assert e.has_position == (c.stage(t) != CLOSED or t - c.closed_ts < 3 * H)
        assert all(e.attrs[k] <= t for k in ("dispatched_ts", "in_hand_ts", "closed_ts") if k in e.attrs), "no future in a record"
    assert {k.id for k in PLUGIN.entity_kinds} >= {e.kind for e in ents}


def test_the_case_layer_gives_each_stage_its_state_and_the_live_sla_clock(store):
    from plugins.governance.layers import case_state, grid_state

    clock = SetClock(10 * H)
    hub = Hub(store, clock)

    def case(cid, stage, due, **more):
        return Entity(cid, f"gov_case_{stage}", cid, 36.85, 118.79,
                      {"stage": stage, "due_ts": due, "category_name": "道路积水", "received_ts": 0.0, **more})

    hub.add_entities([case("R", RECEIVED, 11 * H), case("I", IN_HAND, 10.5 * H), case("L", IN_HAND, 9 * H),
                      case("C", CLOSED, 9 * H, closed_ts=9.5 * H), *grids(load_city("shouguang"))[:2]])
    got = case_state(hub)
    assert {k: v["state"] for k, v in got.items()} == {"R": "warning", "I": "ok", "L": "alarm", "C": "ok"}
    assert "超期" in got["L"]["label"] and "超 1.0 h" in got["L"]["label"]  # its record said in hand: the clock says late
    assert "剩 30 min" in got["I"]["label"] and "已办结" in got["C"]["label"] and "剩" not in got["C"]["label"]
    clock.t = 10.6 * H
    assert case_state(hub)["I"]["state"] == "alarm"
    g1, g2 = (g.id for g in grids(load_city("shouguang"))[:2])
    hub.submit([Reading(f"governance/grid/{g1}/overdue", clock.t, 3.0), Reading(f"governance/grid/{g2}/overdue", clock.t, 0.0)])
    assert store.flush()
    assert grid_state(hub)[g1]["state"] == "alarm" and grid_state(hub)[g2]["state"] == "ok"


# -- rules --------------------------------------------------------------------------------
@pytest.fixture
def engine(store):
    hub = Hub(store)
    hub.add_entities(governance_entities(load_city("shouguang")))
    return hub, AlarmEngine(hub, [compile_rule(r, "plugin governance") for r in PLUGIN.rules])


@pytest.mark.parametrize("overdue,surge,rules", [
    (0.0, 10.0, []),
    (3.0, 10.0, ["governance.grid_overdue"]),
    (1.0, 30.0, ["governance.complaint_surge"]),
])
def test_overdue_cases_and_a_surge_raise_their_alarms_with_guidance(engine, overdue, surge, rules):
    hub, eng = engine
    g = grids(load_city("shouguang"))[0]
    summary = hub.entities["GOVERNANCE-SHOUGUANG"]
    assert 20 <= summary.attrs["surge_1h"] < 30
    hub.submit([Reading(f"governance/grid/{g.id}/overdue", WED + k * 300, overdue) for k in range(2)]
               + [Reading("governance/city/shouguang/received_1h", WED + k * 300, surge) for k in range(2)])
    assert hub.store.flush()
    got = eng.open_alarms()
    assert sorted(a.rule for a in got) == rules
    for a in got:
        assert len(eng.guidance(a)) >= 3 and "{" not in a.message


# -- layouts, discovery, the tile ----------------------------------------------------------------
@pytest.mark.parametrize("name,size", [("overview", None), ("wall-16x9", (3840, 2160)), ("wall-32x9", (7680, 2160))])
def test_the_layouts_name_only_what_the_plugin_brings_and_the_walls_follow_the_pattern(name, size):
    from console.layouts.layout import load_layout
    from console.layouts.wall_check import check_wall_layout

    layout = load_layout(resources.files("plugins.governance") / "layouts" / f"{name}.json")
    assert {t.kind for t in layout.tiles} <= {"kpi", "chart", "map", "alarms", "incident_timeline", *PLUGIN.tile_kinds}
    assert all(s.startswith("governance/") for t in layout.tiles for s in t.options.get("streams", ()))
    kinds = {k.id for k in PLUGIN.entity_kinds}
    assert all(set(t.options["layers"]) <= kinds for t in layout.tiles if t.kind == "map")
    if size is None:
        assert layout.name == "governance-overview" and PLUGIN.tour_steps[0]["layout"] == layout.name
    else:
        report = check_wall_layout(layout)
        assert layout.wall_size == size and report.ok and report.left >= 3 and report.right >= 3, report


def test_the_plugin_is_discovered_and_its_takeovers_are_its_own(tmp_path, monkeypatch):
    from console.plugins.registry import PluginRegistry
    from tests.governance_helpers import discoverable

    discoverable(tmp_path, monkeypatch)
    reg = PluginRegistry.discover()
    assert "governance" in reg.plugins and not reg.failed and not reg.refused
    assert set(PLUGIN.takeovers) <= {r["id"] for r in PLUGIN.rules} | {k.id for k in PLUGIN.entity_kinds}


def test_the_tour_step_events_are_taken():
    sim = GovernanceSimulator(load_city("shouguang"))
    for ev in PLUGIN.tour_steps[0]["events"]:
        params = {k: v for k, v in ev.items() if k != "type"}
        assert sim.apply_event(ScenarioEvent(ev["type"], WED + 10 * H, params))
    filed = [c for c in sim.cases_between(WED + 10 * H - 1, WED + 10 * H + 1) if c.serious]
    assert [c.category for c in filed] == ["waterlogging"]
    with pytest.raises(ValueError, match="NOPE"):
        sim.apply_event(ScenarioEvent("case_report", WED, {"grid": "NOPE"}))


class TestFiguresTile(PluginTileContract):
    kind = "gov_figures"
    ref = "plugins.governance.views.figures_tile:FiguresTile"
    options = {"by": "grid"}

    def entities(self):
        return grids(load_city("shouguang"))[:3]

    def readings(self, ents, now):
        out = []
        for i, e in enumerate(ents):
            base = f"governance/grid/{e.id}"
            out += [Reading(f"{base}/received", now - 30, 10.0 + i), Reading(f"{base}/closed", now - 30, 8.0),
                    Reading(f"{base}/on_time_pct", now - 30, 95.0 - 10 * i), Reading(f"{base}/overdue", now - 30, float(i)),
                    Reading(f"{base}/satisfaction_pct", now - 30, 90.0)]
        return out

    def test_shows_each_grids_figures_and_marks_the_late_ones(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        ids = [e.id for e in self.entities()]
        assert [tile.rows[i]["received"] for i in ids] == [10.0, 11.0, 12.0]
        assert tile.table.item(0, 4).text() == "0" and tile.table.item(2, 4).text() == "▲ 2"
        assert tile.table.item(0, 3).text() == "95%" and "▼" in tile.table.item(1, 3).text()
        assert "****" in tile.note.text() and "1127" in tile.note.text()
        self.close(tile)


class TestCaseListTile(PluginTileContract):
    kind = "gov_cases"
    ref = "plugins.governance.views.case_list_tile:CaseListTile"
    options = {"limit": 200}
    at = WED + 86400 + 11 * H

    def entities(self):
        sim = GovernanceSimulator(load_city("shouguang"), seed=1)
        return [*sim.entities(), *sim.moved_entities(self.at)]

    def readings(self, ents, now):
        return [Reading(s.id, now - 30, 1.0) for e in ents if e.kind == "gov_summary" for s in e.streams]

    def test_lists_the_open_cases_overdue_first_with_their_clocks(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        sim = GovernanceSimulator(load_city("shouguang"), seed=1)
        open_now = {c.id: c for c in sim.cases_at(self.at) if c.stage(self.at) != CLOSED}
        assert {i for i, _, _ in tile.rows} == set(open_now) and len(open_now) > 20
        lefts = [left for _, _, left in tile.rows]
        assert lefts == sorted(lefts) and lefts[0] < 0
        assert [s for _, s, _ in tile.rows[:3]] == [OVERDUE] * 3
        assert tile.table.item(0, 5).text().startswith("超") and "◆" in tile.table.item(0, 4).text()
        first = open_now[tile.rows[0][0]]
        assert tile.table.item(0, 1).text() == catalogue().categories[first.category].name
        hub.clock.t += 7 * 86400  # a week on, every listed case is past its time: the clock says so without new data
        signals.sig_second_ticked.emit(hub.clock.t)
        assert all(s == OVERDUE for _, s, _ in tile.rows)
        self.close(tile)


def test_a_city_without_grids_runs_its_demo_with_no_cases():
    """禹城 has no grid data: its demo starts (the tour's storm, no reported case) and brings nothing
    (it raised IndexError on the demo's reported case, and the source showed down on the wall)."""
    from console.city import load_city
    from plugins.governance.simulator import GovernanceSimulator

    sim = GovernanceSimulator(load_city("yucheng"))
    now = 1_784_167_200.0
    sim.prepare_demo(now)
    assert sim.grids == [] and sim.cases_between(now - 6 * 3600, now) == []
    assert all(not r.stream.startswith("governance/grid/") for r in sim.readings_between(now - 3600, now))
