"""The transit plugin: headways, bunching and gaps, and what an e-stop board shows, against small
hand-made timetables; its alarms from its own rules in the real engine; the shipped 禹城 network
inside the boundary; its tiles under the tile contract; its layouts name only what it brings."""

from __future__ import annotations

import time

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.model import Entity, Reading
from console.sources.simulator import ScenarioEvent
from plugins.transit.board import BusNow, next_arrivals, service_day0
from plugins.transit.headway import headway, position_at, time_at
from plugins.transit.manifest import PLUGIN
from plugins.transit.network import transit_entities
from plugins.transit.simulator import TransitSimulator
from plugins.transit.timetable import TimetableError, load_city_timetable, parse_gtfs
from tests.energy_parking_helpers import PluginTileContract

WED = 1_784_044_800.0  # 2026-07-15 (a Wednesday) 00:00 Beijing time
H = 3600.0

# one route A -> B -> C every 10 minutes from 08:00, 10 minutes between stops, and one trip back
STOPS = "stop_id,stop_name,stop_lat,stop_lon\nA,甲站,36.930,116.630\nB,乙站,36.934,116.638\nC,丙站,36.938,116.646\n"
ROUTES = "route_id,route_short_name,route_long_name\nR,9路,甲站—丙站\n"
TRIPS = ("route_id,service_id,trip_id,trip_headsign,direction_id\n"
         "R,W,T1,丙站,0\nR,W,T2,丙站,0\nR,W,T3,丙站,0\nR,W,T4,甲站,1\n")
STOP_TIMES = ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
              "T1,08:00:00,08:00:00,A,1\nT1,08:10:00,08:10:00,B,2\nT1,08:20:00,08:20:00,C,3\n"
              "T2,08:10:00,08:10:00,A,1\nT2,08:20:00,08:20:00,B,2\nT2,08:30:00,08:30:00,C,3\n"
              "T3,08:20:00,08:20:00,A,1\nT3,08:30:00,08:30:00,B,2\nT3,08:40:00,08:40:00,C,3\n"
              "T4,08:30:00,08:30:00,C,1\nT4,08:40:00,08:40:00,B,2\nT4,08:50:00,08:50:00,A,3\n")
FILES = {"stops.txt": STOPS, "routes.txt": ROUTES, "trips.txt": TRIPS, "stop_times.txt": STOP_TIMES}


def hm(h: int, m: int) -> float:
    return h * H + m * 60.0


@pytest.fixture
def tt():
    return parse_gtfs(FILES)


def test_the_timetable_reads_gtfs_and_blocks_the_buses(tt):
    assert [t.id for t in tt.trips] == ["T1", "T2", "T3", "T4"]
    assert tt.trip("T2").times == (hm(8, 10), hm(8, 20), hm(8, 30))
    assert tt.ahead_of(tt.trip("T2")).id == "T1" and tt.ahead_of(tt.trip("T1")) is None
    assert tt.ahead_of(tt.trip("T4")) is None  # the other direction has nobody ahead
    # T1 ends at C at 08:20, free after its 5-minute layover: it takes T4 (08:30 from C)
    blocks = {t.id: t.block for t in tt.trips}
    assert blocks["T4"] == blocks["T1"] and len({blocks["T1"], blocks["T2"], blocks["T3"]}) == 3


@pytest.mark.parametrize("files,words", [
    ({**FILES, "stop_times.txt": STOP_TIMES.replace("T2,08:20:00,08:20:00,B", "T2,8h20,8h20,B")}, ["stop_times.txt line 6", "8h20"]),
    ({**FILES, "trips.txt": TRIPS + "X,W,T9,甲站,0\n"}, ["trips.txt line 6", "'X'"]),
    ({k: v for k, v in FILES.items() if k != "routes.txt"}, ["routes.txt is missing"]),
    ({**FILES, "stop_times.txt": STOP_TIMES + "T1,08:30:00,08:30:00,Z,4\n"}, ["stop 'Z'"]),
])
def test_a_bad_timetable_is_refused_naming_the_file_and_row(files, words):
    with pytest.raises(TimetableError) as err:
        parse_gtfs(files)
    assert all(w in str(err.value) for w in words), str(err.value)


def test_position_and_time_along_a_trip():
    times = (0.0, 600.0, 1200.0)
    assert position_at(times, -1) is None and position_at(times, 1201) is None
    assert position_at(times, 300) == 0.5 and position_at(times, 900) == 1.5 and position_at(times, 1200) == 2.0
    assert time_at(times, 1.5) == 900.0


def _late(trip, minutes_at_each_stop):
    return tuple(s + 60 * m for s, m in zip(trip.times, minutes_at_each_stop))


@pytest.mark.parametrize("ahead_late,now,p,minutes,ratio,state", [
    # T2 on time at B (08:20); T1 passed B 6 min late at 08:16: 4 min behind it, 10 scheduled
    ((0, 6, 6), hm(8, 20), 1.0, 4.0, 0.4, "ok"),
    # T1 8 min late at B: 2 min ahead of T2, under a third of 10: bunched
    ((0, 8, 8), hm(8, 20), 1.0, 2.0, 0.2, "bunched"),
    # T1 on time (B at 08:10) and T2 at B at 08:32 (12 min late): 22 min, over twice 10: a gap
    ((0, 0, 0), hm(8, 32), 1.0, 22.0, 2.2, "gap"),
    # T1 so late T2 passed it: caught up, headway 0
    ((0, 15, 15), hm(8, 20), 1.0, 0.0, 0.0, "bunched"),
    # halfway A-B at 08:15 (T2 on time); T1 was there at 08:05 + 2 min = 08:07: 8 min
    ((0, 4, 4), hm(8, 15), 0.5, 8.0, 0.8, "ok"),
])
def test_headway_against_a_hand_computed_timetable(tt, ahead_late, now, p, minutes, ratio, state):
    t1, t2 = tt.trip("T1"), tt.trip("T2")
    h = headway(now, p, _late(t1, ahead_late), t2.times, t1.times)
    assert h.actual_s / 60 == pytest.approx(minutes) and h.scheduled_s == 600
    assert h.ratio == pytest.approx(ratio) and h.state == state


def test_the_board_shows_live_buses_by_their_delay_and_the_rest_by_the_timetable(tt):
    day0 = service_day0(WED + hm(8, 5))
    assert day0 == WED
    now = WED + hm(8, 5)
    # T1 halfway A-B, 3 min late: at B at 08:10 + 3 = 08:13, in 8 min; T2 and T3 by the timetable (08:20, 08:30)
    buses = [BusNow("9路 01号车", tt.trip_index("T1"), 0.5, 180.0, 64.0)]
    got = next_arrivals(tt, "B", now, buses)
    assert [(a.trip_id, a.minutes, a.live) for a in got] == [("T1", 8, True), ("T2", 15, False), ("T3", 25, False), ("T4", 35, False)]
    assert got[0].load_pct == 64.0 and got[0].bus == "9路 01号车" and got[0].route == "9路" and got[0].headsign == "丙站"
    # T1 has passed B: it is gone from B's board; at C (its last stop) only the trip back boards
    passed = [BusNow("9路 01号车", tt.trip_index("T1"), 1.2, 180.0)]
    assert [a.trip_id for a in next_arrivals(tt, "B", WED + hm(8, 14), passed)] == ["T2", "T3", "T4"]
    assert [a.trip_id for a in next_arrivals(tt, "C", now, buses)] == ["T4"]
    # early: a bus ahead of its timetable shows early
    early = [BusNow("9路 02号车", tt.trip_index("T2"), 0.4, -120.0)]
    assert next_arrivals(tt, "B", WED + hm(8, 14), early)[0].minutes == 4


def _bus_readings(hub, tt, block, t, trip, position, delay_min):
    prefix = f"transit/bus/{block}"
    hub.submit([Reading(f"{prefix}/in_service", t, 1.0), Reading(f"{prefix}/trip", t, float(tt.trip_index(trip))),
                Reading(f"{prefix}/position", t, position), Reading(f"{prefix}/delay_min", t, delay_min)])
    assert hub.store.flush()


def test_the_board_reads_the_buses_from_the_hub_and_distrusts_a_silent_one(store, tt):
    from plugins.transit.board import buses_now

    hub = Hub(store)
    ents = transit_entities(load_city("yucheng"), tt)
    hub.add_entities(ents)
    hub.register_source("test", [s.id for e in ents for s in e.streams]).live = True
    block = tt.trip("T1").block
    now = time.time()
    _bus_readings(hub, tt, block, now - 30, "T1", 0.5, 3.0)
    got = buses_now(hub, now)
    assert [(b.trip, b.position, b.delay_s) for b in got] == [(tt.trip_index("T1"), 0.5, 180.0)]
    # two intervals later, not a word from it: its trip falls back to the timetable
    assert buses_now(hub, now + 30 * 60) == []


def test_the_map_labels_each_stop_with_its_boards_first_buses(store):
    from plugins.transit.layers import stop_boards

    hub = Hub(store)
    city = load_city("yucheng")
    ents = transit_entities(city)
    hub.add_entities(ents)
    hub.register_source("test", [s.id for e in ents for s in e.streams]).live = True
    sim = TransitSimulator(city)
    t = WED + hm(8, 0)
    now = hub.clock.now()
    hub.submit([Reading(r.stream, now - 30, r.value) for r in sim.readings_between(t - 60, t)])
    assert store.flush()
    marks = stop_boards(hub)
    assert set(marks) == {e.id for e in ents if e.kind == "bus_stop"}
    xz = marks["STOP-S05"]
    assert xz["label"].startswith("行政街 ") and "路 " in xz["label"] and xz["state"] in ("ok", "warning")


def test_the_shipped_stops_are_inside_the_city_and_a_stop_outside_is_refused():
    from layers.boundaries import contains, load_boundary

    city = load_city("yucheng")
    ents = transit_entities(city)
    stops = [e for e in ents if e.kind == "bus_stop"]
    assert len(stops) >= 15 and all(contains(load_boundary("yucheng"), e.lat, e.lon) for e in stops)
    assert {e.kind for e in ents} == {"bus_stop", "bus_route", "bus"}
    outside = parse_gtfs({**FILES, "stops.txt": STOPS.replace("36.938,116.646", "37.500,116.646")})
    with pytest.raises(TimetableError, match="C 丙站 .* outside the yucheng boundary"):
        transit_entities(city, outside)
    assert transit_entities(load_city("shouguang")) == []  # no timetable shipped: no transit, no error


def test_buses_follow_the_day_and_rain_slows_them():
    sim = TransitSimulator(load_city("yucheng"))
    buses = [e for e in sim.entities() if e.kind == "bus"]

    def out(t):
        return sum(sim.bus_state(b, t)["in_service"] for b in buses)

    assert out(WED + hm(3, 0)) == 0
    assert out(WED + hm(7, 40)) > 1.5 * out(WED + hm(21, 30)) > 0
    dry = [sim.bus_state(b, WED + hm(10, 0)) for b in buses]
    wet_sim = TransitSimulator(load_city("yucheng"))
    wet_sim.apply_event(ScenarioEvent("rain", WED + hm(9, 0), {"hours": 3}))
    wet = [wet_sim.bus_state(b, WED + hm(10, 0)) for b in buses]
    on = [(d["delay_min"], w["delay_min"]) for d, w in zip(dry, wet) if d["in_service"] and w["in_service"] and d["trip"] == w["trip"]]
    assert on and sum(w for _, w in on) > 1.2 * sum(d for d, _ in on)


def test_a_held_bus_opens_a_gap_and_the_bus_behind_bunches():
    sim = TransitSimulator(load_city("yucheng"))
    buses = [e for e in sim.entities() if e.kind == "bus" and e.attrs["route"] == "R1"]
    t = WED + hm(8, 0)

    def ratios(s):
        return [v["headway_ratio"] for b in buses if "headway_ratio" in (v := s.bus_state(b, t + 1800))]

    assert all(1 / 3 <= r <= 2 for r in ratios(sim))
    sim.apply_event(ScenarioEvent("bus_incident", t, {"route": "R1", "hours": 1}))
    held = ratios(sim)
    assert any(r < 1 / 3 for r in held) and any(r > 2 for r in held)


@pytest.fixture
def engine(store):
    hub = Hub(store)
    hub.add_entities(transit_entities(load_city("yucheng")))
    return hub, AlarmEngine(hub, [compile_rule(r, "plugin transit") for r in PLUGIN.rules])


@pytest.mark.parametrize("ratio,rules", [(1.0, []), (0.34, []), (0.3, ["transit.bunching"]), (0.0, ["transit.bunching"]),
                                         (2.0, []), (2.2, ["transit.gap"])])
def test_bunching_and_gaps_are_alarmed_with_their_steps(engine, ratio, rules):
    hub, eng = engine
    t0 = 1_784_000_000.0
    for k in range(4):
        hub.submit([Reading("transit/bus/R1-03/headway_ratio", t0 + 60 * k, ratio)])
        assert hub.store.flush()
    assert sorted(a.rule for a in eng.open_alarms()) == rules
    for a in eng.open_alarms():
        assert eng.guidance(a) and "{" not in a.message and "1路 03号车" in a.message


def _layout(name):
    from importlib import resources

    from console.layouts.layout import load_layout

    return load_layout(resources.files("plugins.transit") / "layouts" / name)


def test_the_layouts_name_only_what_the_plugin_brings():
    from console.layouts.wall_check import check_wall_layout

    kinds = {"kpi", "chart", "map", "alarms"} | set(PLUGIN.tile_kinds)
    own = {k.id for k in PLUGIN.entity_kinds} | {"bus", "bus_route"}
    for name in ("overview.json", "wall-32x9.json", "wall-16x9.json"):
        layout = _layout(name)
        assert {t.kind for t in layout.tiles} <= kinds
        for t in layout.tiles:
            sel = t.options.get("select", {}).get("kind")
            assert sel is None or sel in own
            assert all(s.startswith("transit/") for s in t.options.get("streams", []))
            assert all(k in own for k in t.options.get("layers", []))
    assert _layout("overview.json").name == "transit-overview"
    for name in ("wall-32x9.json", "wall-16x9.json"):
        report = check_wall_layout(_layout(name))
        assert report.ok, (name, report.problems)
        assert report.left >= 3 and report.right >= 3, report


def simulated_until(now: float, t0: float, t1: float, ago_s: float = 30.0) -> list[Reading]:
    """The 禹城 simulator's readings of t0..t1 (a Wednesday's hours), moved to end ``ago_s`` before now."""
    sim = TransitSimulator(load_city("yucheng"))
    return [Reading(r.stream, r.ts - t1 + now - ago_s, r.value) for r in sim.readings_between(t0, t1)]


class _YuchengTransit(PluginTileContract):
    # 08:01 on a Wednesday: what a stop shows depends on the hour (at 05:00 the first planned
    # trips of the day would come before the 08:00 buses), so the hub's clock is fixed
    at = WED + hm(8, 1)

    def entities(self):
        return transit_entities(load_city("yucheng"))

    def readings(self, ents, now):
        tt = load_city_timetable("yucheng")
        sim = TransitSimulator(load_city("yucheng"), timetable=tt)
        # the simulator's values of 08:00 on a Wednesday, stamped 30 s before the hub's clock
        t = WED + hm(8, 0)
        return [Reading(r.stream, now - 30, r.value) for r in sim.readings_between(t - 60, t)]


class TestStopBoardTile(_YuchengTransit):
    kind = "transit_board"
    ref = "plugins.transit.views.stop_board_tile:StopBoardTile"
    options = {"stop": "S05", "n": 6}

    def test_it_lists_the_next_buses(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert len(tile.arrivals) == 6 and tile.table.rowCount() == 6
        assert any(a.live for a in tile.arrivals) and tile.table.item(0, 0).text().endswith("路")
        self.close(tile)


class TestHeadwayTile(_YuchengTransit):
    kind = "transit_headways"
    ref = "plugins.transit.views.headway_tile:HeadwayTile"
    options = {"select": {"kind": "bus_route"}}

    def test_it_lists_every_route_with_its_buses(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        assert len(tile.rows) >= 10 and {"1路 禹城站—高新区"} <= {tile.table.item(i, 0).text() for i in range(tile.table.rowCount())}
        self.close(tile)


def _feed(vehicles, updates=(), stamp=None):
    from google.transit import gtfs_realtime_pb2 as rt

    feed = rt.FeedMessage()
    feed.header.gtfs_realtime_version = "2.0"
    feed.header.timestamp = int(stamp or 0)
    for i, (vid, trip, seq, status, ts, *where) in enumerate(vehicles):
        e = feed.entity.add(id=f"v{i}")
        e.vehicle.vehicle.id = vid
        e.vehicle.trip.trip_id = trip
        e.vehicle.current_stop_sequence = seq
        e.vehicle.current_status = status
        e.vehicle.timestamp = int(ts)
        if where:  # the vehicle's own (lat, lon)
            e.vehicle.position.latitude, e.vehicle.position.longitude = where[0]
    for i, (trip, seq, delay) in enumerate(updates):
        e = feed.entity.add(id=f"u{i}")
        e.trip_update.trip.trip_id = trip
        u = e.trip_update.stop_time_update.add(stop_sequence=seq)
        u.arrival.delay = delay
    return feed.SerializeToString()


def test_a_gtfs_realtime_feed_gives_the_buses_trip_position_and_delay(tt):
    from plugins.transit.realtime import feed_readings

    at_b = WED + hm(8, 13)
    data = _feed([("YC-1001", "T1", 2, 1, at_b),  # T1 stopped at B at 08:13: 3 min late by the timetable
                  ("YC-1002", "T2", 2, 2, at_b),  # T2 on its way to B, 90 s late by its trip update
                  ("YC-1003", "T9", 1, 1, at_b)],  # a trip the timetable does not know
                 updates=[("T2", 2, 90)])
    result = feed_readings(data, tt, at_b + 5)
    got = {r.stream: r.value for r in result.readings}
    b1, b2 = tt.trip("T1").block, tt.trip("T2").block
    assert got[f"transit/bus/{b1}/position"] == 1.0 and got[f"transit/bus/{b1}/delay_min"] == 3.0
    assert got[f"transit/bus/{b2}/position"] == 0.5 and got[f"transit/bus/{b2}/delay_min"] == 1.5
    assert got[f"transit/bus/{b2}/trip"] == tt.trip_index("T2")
    assert result.items == 3 and result.bad == {"trip not in the timetable": 1} and "'T9'" in result.examples[0]
    # the board then shows T2 at B at 08:20 + 1.5 min
    buses = [BusNow("2", tt.trip_index("T2"), 0.5, 90.0)]
    assert next_arrivals(tt, "B", at_b, buses)[0].eta_s == pytest.approx(8.5 * 60)
    assert feed_readings(b"not a feed \xff\x00", tt, at_b).bad == {"not a GTFS-Realtime feed": 1}
    # with the bus entities, each vehicle's bus is placed: T1 at B; T2 halfway to B; one at its own coordinates
    buses = {t.block: Entity(f"BUS-{t.block}", "bus", t.block, attrs={"block": t.block}) for t in tt.trips}
    data = _feed([("YC-1001", "T1", 2, 1, at_b), ("YC-1002", "T2", 2, 2, at_b),
                  ("YC-1004", "T3", 1, 1, at_b, (36.9301, 116.6302))])
    placed = {e.id: (e.lat, e.lon) for e in feed_readings(data, tt, at_b + 5, buses).entities}
    assert placed == {f"BUS-{b1}": (36.934, 116.638), f"BUS-{b2}": (36.932, 116.634),
                      f"BUS-{tt.trip('T3').block}": (36.9301, 116.6302)}


def test_the_gtfs_realtime_source_reads_a_feed_over_http(store):
    from console.settings.sources import SourceSettings
    from plugins.transit.realtime_source import GtfsRealtimeSource
    from tests.source_servers import LoopbackServer

    tt = load_city_timetable("yucheng")
    now = time.time()
    body = _feed([("YC-1001", "R1-0-010", 3, 1, now - 10)], updates=[("R1-0-010", 3, 120)])
    server = LoopbackServer(lambda req: (200, {"Content-Type": "application/x-protobuf"}, body)).start()
    try:
        hub = Hub(store)
        src = GtfsRealtimeSource(SourceSettings("yc-rt", "gtfs_realtime", {"url": server.url + "/vehicles", "city": "yucheng"},
                                                "settings.toml: sources[0]"), hub)
        src.poll()
        assert store.flush()
        block = tt.trip("R1-0-010").block
        assert hub.latest(f"transit/bus/{block}/position").value == 2.0
        assert hub.latest(f"transit/bus/{block}/delay_min").value == 2.0
        assert hub.entities[f"BUS-{block}"].kind == "bus"
        stop = tt.stops[tt.trip("R1-0-010").stops[2]]  # stopped at its third stop: the bus is on the map there
        assert (hub.entities[f"BUS-{block}"].lat, hub.entities[f"BUS-{block}"].lon) == (stop.lat, stop.lon)
        server.app = lambda req: (503, {}, b"busy")
        with pytest.raises(Exception, match="503"):
            src.poll()
    finally:
        server.stop()
    with pytest.raises(ValueError, match="no timetable for city 'shouguang'"):
        GtfsRealtimeSource(SourceSettings("x", "gtfs_realtime", {"url": "http://127.0.0.1:1/", "city": "shouguang"}, "sources[1]"), Hub(store))
