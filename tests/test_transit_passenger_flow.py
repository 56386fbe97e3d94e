"""Passenger flow per stop and hour against capacity, and the trips to add it suggests: a hand-made
timetable with hand-computed loads; the 禹城 morning peak from the simulator; the tile that shows it
(under the tile contract, its history through the real loader and cache)."""

from __future__ import annotations

from dataclasses import replace

from console.city import load_city
from console.languages import translated
from plugins.transit.passenger_flow import Observation, observations, scheduling_advice, stop_hours
from plugins.transit.simulator import TransitSimulator
from plugins.transit.timetable import parse_gtfs
from tests.test_transit import FILES, WED, _YuchengTransit, hm, simulated_until


def _obs(hh, mm, trip, position, load):
    return Observation(WED + hm(hh, mm), trip, position, load)


def test_the_load_per_stop_and_hour_and_the_trips_to_add_by_hand():
    tt = parse_gtfs(FILES)  # 9路: T1 08:00, T2 08:10, T3 08:20 甲→乙→丙 (10 min a stop), T4 08:30 丙→乙→甲
    assert [t.id for t in tt.trips] == ["T1", "T2", "T3", "T4"]
    obs = [
        _obs(8, 2, 0, 0.2, 100), _obs(8, 6, 0, 0.6, 110),  # T1 leaving 甲: mean 105
        _obs(8, 12, 0, 1.2, 90),  # T1 leaving 乙
        _obs(8, 20, 0, 2.0, 5),  # T1 at its terminal: everyone off, not counted
        _obs(8, 12, 1, 0.2, 125),  # T2 leaving 甲
        _obs(8, 22, 1, 1.2, 60),  # T2 leaving 乙; T3 never reports
        _obs(8, 32, 3, 0.2, 50),  # T4 leaving 丙, the other way
    ]
    cells = {(c.direction, c.stop): c for c in stop_hours(tt, obs)}
    assert set(cells) == {(0, "A"), (0, "B"), (1, "C")}
    a = cells[(0, "A")]
    assert (a.trips, a.observed, a.load_pct, a.hour) == (3, 2, 115.0, WED + hm(8, 0))  # (105 + 125) / 2
    assert a.passengers(80) == 276.0  # 1.15 × 80 × 3 trips
    assert (cells[(0, "B")].trips, cells[(0, "B")].load_pct) == (3, 75.0)  # (90 + 60) / 2
    assert (cells[(1, "C")].trips, cells[(1, "C")].load_pct) == (1, 50.0)
    advice = scheduling_advice(tt, cells.values(), advise_pct=80)
    # only 甲→丙 at 08:00–09:00 runs over 80 %, at 甲: ceil(3 × 115 / 80) = ceil(4.31) = 5 trips: add 2
    assert [(x.peak.stop, x.add_trips) for x in advice] == [("A", 2)]
    text = advice[0].text()
    assert str(text) == "9路 08:00–09:00：甲站 满载率 115 % → 建议加开 2 班"
    english = translated(text, lambda ctx, s: "{route} {start}-{end}: load {load} % at {stop} → add {n} trips")
    assert english == "9路 08:00-09:00: load 115 % at 甲站 → add 2 trips"
    assert scheduling_advice(tt, cells.values(), advise_pct=120) == []
    # an hour seen for one trip of three is not judged (the edge of the history)
    assert scheduling_advice(tt, [replace(cells[(0, "A")], observed=1)], advise_pct=80) == []
    # exactly at the limit: ceil(3 × 100 / 100) = 3, nothing to add, and no advice
    assert scheduling_advice(tt, [replace(cells[(0, "A")], load_pct=100.0)], advise_pct=100) == []


def test_the_counters_history_joins_trip_position_and_load_of_the_same_instant():
    t = WED + hm(8, 0)
    history = {
        "transit/bus/R-01/trip": [(t, 0.0, 0), (t + 60, 0.0, 0)],
        "transit/bus/R-01/position": [(t, 0.1, 0), (t + 60, 0.2, 0)],
        "transit/bus/R-01/load_pct": [(t, 40.0, 0), (t + 60, 44.0, 0), (t + 90, 50.0, 0)],  # t + 90: no trip, no place
    }
    assert observations(history, "R-01") == [Observation(t, 0, 0.1, 40.0), Observation(t + 60, 0, 0.2, 44.0)]
    assert observations(history, "R-02") == []


def test_the_yucheng_morning_peak_asks_for_more_trips_and_the_afternoon_lull_does_not():
    sim = TransitSimulator(load_city("yucheng"))
    tt = sim.timetable
    buses = [e for e in sim.entities() if e.kind == "bus"]

    def advice_between(h0, h1):
        obs = []
        t = WED + hm(h0, 0)
        while t < WED + hm(h1, 0):
            for b in buses:
                v = sim.bus_state(b, t)
                if v["in_service"]:
                    obs.append(Observation(t, int(v["trip"]), v["position"], v["load_pct"]))
            t += 60
        return scheduling_advice(tt, stop_hours(tt, obs))

    peak = advice_between(7, 8)
    assert peak and all(a.add_trips >= 1 and a.peak.load_pct > 80 for a in peak)
    assert {a.peak.hour for a in peak} == {WED + hm(7, 0)}
    assert advice_between(14, 15) == []


class _FlowTile(_YuchengTransit):
    kind = "transit_flow"
    ref = "plugins.transit.views.passenger_flow_tile:PassengerFlowTile"
    options = {"window_h": 6}


class TestPassengerFlowTile(_FlowTile):
    def readings(self, ents, now):
        # the simulator's 07:00–07:40 of a Wednesday (the morning peak), ending 5 minutes ago
        return simulated_until(now, WED + hm(7, 0), WED + hm(7, 40), ago_s=300)

    def test_it_lists_the_fullest_stops_with_the_trips_to_add(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        qtbot.waitUntil(lambda: tile.cells != [], timeout=10000)
        assert tile.advice and tile.table.rowCount() >= len(tile.advice)
        first = tile.advice[0]
        assert tile.table.item(0, 2).text() == first.stop_name
        assert tile.table.item(0, 3).text() == f"{first.peak.load_pct:.0f} %"
        assert str(first.add_trips) in tile.table.item(0, 5).text()
        assert "→" in tile.summary.text()
        self.close(tile)


class TestPassengerFlowTileAtNight(_FlowTile):
    def readings(self, ents, now):
        # 03:00 to 03:30: every route says 0 buses in service, no counter reports
        return simulated_until(now, WED + hm(3, 0), WED + hm(3, 30))

    def test_at_night_it_says_no_bus_runs_and_stays_fresh(self, qtbot, tmp_path):
        from console.freshness import Freshness

        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        qtbot.waitUntil(lambda: "无车载客流数据" in tile.summary.text(), timeout=10000)
        assert tile.table.rowCount() == 0 and tile.advice == []
        assert tile.status_label.property("freshness") == Freshness.FRESH.value
        self.close(tile)
