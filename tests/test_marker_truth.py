"""A marker tells the truth when its data goes stale: it keeps its alarm state (drawn stale),
the legend counts it as the KPIs count its value, and the exported map shows it. No Qt."""

from __future__ import annotations

import json
import re
import time

from console.kpi import compute_kpi
from console.model import Entity, Reading, StreamSpec
from layers.marker_state import ALARM, OFFLINE, OK, STALE, WARNING, MarkerStates, kind_limits, layer_states, marker_state
from console.plugins.registry import PluginRegistry


def _limits():
    return kind_limits(PluginRegistry.discover().plugins.values())


def _gauges(n=4):
    return [
        Entity(f"G-{i}", "gauge", f"测试站{i}", 36.9, 118.8 + i / 100, attrs={"warning_level": 3.0, "guarantee_level": 3.8},
               streams=(StreamSpec(f"flood/gauge/G-{i}/level", "水位", "m", 60.0),))
        for i in range(n)
    ]


def test_a_stale_marker_keeps_its_alarm_state_and_says_it_is_stale(hub):
    g = _gauges(1)[0]
    hub.add_entities([g])
    hub.register_source("sim", [g.streams[0].id]).live = True
    now = time.time()
    hub.submit([Reading(g.streams[0].id, now, 4.0)])
    assert hub.store.flush()
    assert marker_state(hub, g, now, _limits()).state == ALARM
    later = marker_state(hub, g, now + 60 * 5, _limits())
    assert (later.state, later.freshness) == (ALARM, STALE)  # still the alarm colour and shape, drawn stale
    gone = marker_state(hub, g, now + 60 * 30, _limits())
    assert (gone.state, gone.freshness) == (ALARM, OFFLINE)
    hub.submit([Reading(g.streams[0].id, now + 1, 2.0)])
    assert hub.store.flush()
    quiet = marker_state(hub, g, now + 60 * 5, _limits())
    assert (quiet.state, quiet.freshness) == (STALE, STALE)  # nothing abnormal to say: just stale


def test_the_legend_counts_what_the_kpi_counts_when_data_is_stale(hub):
    ents = _gauges(4)
    hub.add_entities(ents)
    hub.register_source("sim", [e.streams[0].id for e in ents]).live = True
    now = time.time()
    hub.submit([Reading(e.streams[0].id, now, v) for e, v in zip(ents, (2.0, 3.2, 3.5, 4.1))])
    assert hub.store.flush()
    later = now + 60 * 5  # every gauge stale
    streams = [e.streams[0].id for e in ents]
    hub.clock.now = lambda: later
    above_warning = compute_kpi(hub, streams, "above", limit_attr="warning_level")
    states = MarkerStates(_limits())
    batch = states.changes(hub, ents, later)
    counts = states.counts()
    assert counts[WARNING] + counts[ALARM] == int(above_warning.text) == 3
    assert states.stale_counts() == {WARNING: 2, ALARM: 1}
    assert {b[0]: (b[1], b[3]) for b in batch}["G-3"] == (ALARM, STALE)


def test_a_plugin_layer_keeps_its_state_when_stale(hub):
    """A full car park stays full on the map when its count goes stale."""
    from plugins.parking.layers import carpark_occupancy

    park = Entity("P0", "carpark", "停车场0", 36.8, 118.8, {"capacity": 100}, (StreamSpec("parking/carpark/P0/free", "free", "", 60, 0),))
    hub.add_entities([park])
    hub.register_source("sim", [park.streams[0].id]).live = True
    now = time.time()
    hub.submit([Reading(park.streams[0].id, now, 0.0)])
    assert hub.store.flush()
    hub.clock.now = lambda: now + 60 * 5
    states = MarkerStates()
    states.changes(hub, [park], now + 60 * 5, layered=layer_states(hub, [carpark_occupancy]))
    st = states.sent["P0"]
    assert (st.state, st.freshness) == (ALARM, STALE)


def test_the_exported_map_shows_the_alarms_the_cache_knows(tmp_path):
    """A demo cache with a gauge above its guarantee level: the export (offline, so stale at
    best) still draws it in alarm."""
    from console.app.cli import main
    from console.app.runtime import Runtime, RuntimeOptions
    from console.city import load_city
    from plugins.flood.gauges import river_gauges

    cache = tmp_path / "cache"
    cache.mkdir()

    rt = Runtime(RuntimeOptions(city="yucheng", cache_dir=cache, offline=True))
    try:
        gauges = river_gauges(load_city("yucheng"), 1)[:3]
        rt.hub.add_entities(gauges)
        now = time.time()
        high = gauges[0].attrs["guarantee_level"] + 0.5
        rt.hub.submit([Reading(gauges[0].streams[0].id, now - 3600, high)])
        assert rt.store.flush()
    finally:
        rt.stop()
    out = tmp_path / "map.html"
    assert main(["map", "export", "--city", "yucheng", "--cache", str(cache), "-o", str(out)]) == 0
    cfg = json.loads(re.search(r'id="cc-config">(.*?)</script>', out.read_text(encoding="utf-8"), re.S).group(1))
    by_id = {m[0]: m for m in cfg["markers"]}
    assert by_id[gauges[0].id][5] == ALARM and by_id[gauges[0].id][7] in (STALE, OFFLINE)
    assert {by_id[g.id][5] for g in gauges[1:]} <= {OFFLINE, STALE, OK}
