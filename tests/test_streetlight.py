"""The lamp posts: on at sunset and off at sunrise (hand-checked times for 禹城), a fault alarmed by
the plugin's own rule, the posts inside the boundary, the display tile and the map layer."""

from __future__ import annotations

from importlib import resources

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.city import load_city
from console.hub.hub import Hub
from console.model import Reading
from console.sources.simulator import ScenarioEvent
from plugins.streetlight.daylight import is_dark, sun_altitude_deg
from plugins.streetlight.lampposts import MESSAGES, lamp_posts
from plugins.streetlight.manifest import PLUGIN
from plugins.streetlight.simulator import StreetlightSimulator
from tests.energy_parking_helpers import PluginTileContract

WED = 1_784_044_800.0  # 2026-07-15 00:00 Beijing time
DEC = WED + 160 * 86400  # 2026-12-22, the winter solstice
YUCHENG = (36.934, 116.638)


def at(day0: float, hh: int, mm: int = 0) -> float:
    return day0 + hh * 3600 + mm * 60


@pytest.mark.parametrize("day0,sunrise,sunset", [
    # 禹城 by the almanac: 15 July sunrise 05:07, sunset 19:33; 22 December 07:21, 17:01 (Beijing time)
    (WED, (5, 7), (19, 33)), (DEC, (7, 21), (17, 1)),
])
def test_lamps_go_on_at_dusk_and_off_at_dawn(day0, sunrise, sunset):
    lat, lon = YUCHENG
    assert is_dark(lat, lon, at(day0, sunrise[0], sunrise[1] - 5))
    assert not is_dark(lat, lon, at(day0, sunrise[0], sunrise[1] + 5))
    assert not is_dark(lat, lon, at(day0, sunset[0], sunset[1] - 5))
    assert is_dark(lat, lon, at(day0, sunset[0], sunset[1] + 5))
    assert sun_altitude_deg(lat, lon, at(day0, 12, 15)) > 25


def test_the_simulated_lamps_follow_the_sun_and_a_fault_keeps_one_dark():
    sim = StreetlightSimulator(load_city("yucheng"))
    post = next(e for e in sim.entities() if e.kind == "lamppost")
    assert sim.values(post, at(WED, 12))["lamp_on"] == 0 and sim.values(post, at(WED, 22))["lamp_on"] == 1
    sim.apply_event(ScenarioEvent("lamp_fault", at(WED, 20), {"post": post.id, "hours": 4}))
    broken = sim.values(post, at(WED, 22))
    assert broken["lamp_on"] == 0 and broken["fault"] == 1
    assert MESSAGES[int(broken["message"])]
    posts = [e for e in sim.entities() if e.kind == "lamppost"][:3]
    assert len({sim.values(e, at(WED, 12))["message"] for e in posts}) == 3, "neighbours show different messages"
    assert sim.values(post, at(WED, 12, 10))["message"] != sim.values(post, at(WED, 12))["message"]  # turns every 10 min
    with pytest.raises(ValueError, match="LP-NOPE"):
        sim.apply_event(ScenarioEvent("lamp_fault", WED, {"post": "LP-NOPE"}))


def test_a_rainstorm_by_day_turns_the_lamps_on_and_they_go_off_after_it():
    sim = StreetlightSimulator(load_city("yucheng"))
    post = next(e for e in sim.entities() if e.kind == "lamppost")
    sim.apply_event(ScenarioEvent("rainstorm", at(WED, 14), {"duration_h": 2}))
    assert [sim.values(post, at(WED, h))["lamp_on"] for h in (13, 15, 17)] == [0, 1, 0]


def test_the_posts_lie_inside_the_boundary():
    from layers.boundaries import contains, load_boundary

    for cid in ("shouguang", "yucheng"):
        posts = [e for e in lamp_posts(load_city(cid)) if e.kind == "lamppost"]
        assert len(posts) >= 12 and all(contains(load_boundary(cid), e.lat, e.lon) for e in posts), cid
        assert any(e.attrs["charger"] for e in posts)


@pytest.fixture
def engine(store):
    hub = Hub(store)
    hub.add_entities(lamp_posts(load_city("yucheng")))
    return hub, AlarmEngine(hub, [compile_rule(r, "plugin streetlight") for r in PLUGIN.rules])


@pytest.mark.parametrize("value,rules", [(0.0, []), (1.0, ["streetlight.fault"])])
def test_a_fault_raises_the_fault_alarm(engine, value, rules):
    hub, eng = engine
    hub.submit([Reading("streetlight/post/LP-YU-001/fault", WED + k * 300, value) for k in range(2)])
    assert hub.store.flush()
    got = eng.open_alarms()
    assert sorted(a.rule for a in got) == rules
    for a in got:
        assert "1号灯杆" in a.message and len(eng.guidance(a)) == 3


def test_the_map_layer_says_lit_dark_or_at_fault(engine):
    from plugins.streetlight.layers import post_state

    hub, _ = engine
    hub.submit([Reading("streetlight/post/LP-YU-001/lamp_on", WED, 1.0), Reading("streetlight/post/LP-YU-001/fault", WED, 0.0),
                Reading("streetlight/post/LP-YU-001/message", WED, 1.0),
                Reading("streetlight/post/LP-YU-002/lamp_on", WED, 0.0), Reading("streetlight/post/LP-YU-002/fault", WED, 1.0)])
    assert hub.store.flush()
    state = post_state(hub)
    assert state["LP-YU-001"]["state"] == "ok" and MESSAGES[1] in state["LP-YU-001"]["label"]
    assert state["LP-YU-002"]["state"] == "alarm" and state["LP-YU-003"]["state"] == "offline"


def test_the_layout_names_only_what_the_plugin_brings():
    from console.layouts.layout import load_layout

    layout = load_layout(resources.files("plugins.streetlight") / "layouts" / "overview.json")
    assert layout.name == "streetlight-overview"
    assert {t.kind for t in layout.tiles} <= {"kpi", "chart", "map", "alarms", *PLUGIN.tile_kinds}
    assert all(s.startswith("streetlight/") for t in layout.tiles for s in t.options.get("streams", ()))


class TestDisplayTile(PluginTileContract):
    kind = "streetlight_displays"
    ref = "plugins.streetlight.views.display_tile:DisplayTile"
    options = {"select": {"kind": "lamppost"}}

    def entities(self):
        return lamp_posts(load_city("yucheng"))[:3]

    def readings(self, ents, now):
        out = []
        for i, e in enumerate(ents):
            base = e.streams[0].id.rsplit("/", 1)[0]
            out += [Reading(f"{base}/lamp_on", now - 30, 1.0), Reading(f"{base}/fault", now - 30, float(i == 1)),
                    Reading(f"{base}/message", now - 30, float(i))]
        return out

    def test_shows_each_displays_message_and_the_faulty_lamp(self, qtbot, tmp_path):
        tile, hub, signals = self.make(qtbot, tmp_path, with_data=True)
        ids = [e.id for e in self.entities()]
        assert [tile.shown[i] for i in ids] == list(MESSAGES[:3])
        assert "故障" in tile.table.item(1, 1).text() and "亮" in tile.table.item(0, 1).text()
        self.close(tile)
