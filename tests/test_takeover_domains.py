"""Every domain's alarm takes the wall with its own content: the real alarm from the real rule
engine (the plugins' rules over a real hub and cache), composed by the core from what the
plugin's manifest says its alarm brings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.cameras.paging import distance_m
from console.hub.hub import Hub
from console.model import Reading
from console.store.store import Store
from console.wall.takeover import GENERIC, takeover_content, takeover_for
from plugins.agriculture.manifest import PLUGIN as AGRI
from plugins.energy.manifest import PLUGIN as ENERGY
from plugins.flood.manifest import PLUGIN as FLOOD
from plugins.health.manifest import PLUGIN as HEALTH
from plugins.parking.manifest import PLUGIN as PARKING
from tests.energy_parking_helpers import SetClock

T0 = 1_790_000_100.0
MANIFESTS = (FLOOD, ENERGY, PARKING, AGRI, HEALTH)


@pytest.fixture(scope="module")
def entities(city):
    from console.plugins.api import load_object

    out = []
    for m in MANIFESTS:
        out += load_object(m.simulator)(city, seed=1).entities()
        out += load_object(m.cameras)(city, seed=1).entities()
    return out


@pytest.fixture(scope="module")
def city():
    from console.city import load_city

    return load_city("shouguang")


@pytest.fixture
def world(tmp_path, entities):
    store = Store(tmp_path / "c.sqlite3", retention_days=None)
    hub = Hub(store, SetClock(T0))
    hub.add_entities(entities, persist=False)
    hub.register_source("sim", [s.id for e in entities for s in e.streams]).live = True
    engine = AlarmEngine(hub, [compile_rule(r, m.name) for m in MANIFESTS for r in m.rules])
    yield hub, engine
    store.close()


def _feed(hub, readings):
    hub.clock.t = max(hub.clock.t, max(r.ts for r in readings))
    hub.submit(readings)
    assert hub.store.flush()


def _raise(hub, engine, rule, stream, values):
    """Feed ``values`` to ``stream`` ten minutes apart and give back the open alarm of ``rule``."""
    _feed(hub, [Reading(stream, T0 + 600 * k, v) for k, v in enumerate(values)])
    (a,) = [a for a in engine.open_alarms() if a.rule == rule]
    assert a.state == "unack"
    return a


# rule, stream, readings (10 min apart, enough for the rule's delay), the plugin's words
CASES = {
    "flood gauge above guarantee": (
        "flood.above_guarantee", "flood/gauge/MH-03/level", lambda e: [e.attrs["guarantee_level"] + 0.4] * 3,
        "过程线", "河道摄像机", "flood", ["gauge", "rain_station"],
    ),
    "transformer overload": (
        "energy.overload", "energy/transformer/T0001/load_kw", lambda e: [e.attrs["rated_kw"] * 1.2] * 3,
        "负荷曲线", "配网现场摄像机", "energy", ["transformer", "fault_indicator"],
    ),
    "car park full": (
        "parking.full", "parking/carpark/P07/free", lambda e: [0.0] * 5,
        "空位曲线", "出入口摄像机", "parking", ["carpark"],
    ),
    "failed produce sample": (
        "agriculture.failed_sample", "agriculture/coop/C0042/inspection", lambda e: [0.0, 2.0],
        "抽检结果", "基地摄像机", "agriculture", ["coop", "input_shop", "test_station"],
    ),
    "hospital beds full": (
        "health.beds_full", "health/hospital/H01/bed_occupancy", lambda e: [96.5] * 3,
        "床位使用率", "医院摄像机", "health", ["hospital", "clinic"],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_domains_alarm_takes_the_wall_with_its_own_chart_cameras_map_and_steps(world, case):
    hub, engine = world
    rule, stream, values, chart_title, cams_title, domain, layers = CASES[case]
    entity = hub.entity_of(stream)
    a = _raise(hub, engine, rule, stream, values(entity))
    assert a.entity_id == entity.id

    lay = takeover_for(a, MANIFESTS, hub.entities, engine.guidance(a))
    tiles = {t.kind: t for t in lay.tiles}
    assert lay.title == f"⚠ 报警接管 · {entity.name} · {chart_title}"
    assert lay.name == f"takeover:{entity.id}"

    chart = tiles["chart"]
    assert chart.title == f"{entity.name} · {chart_title}"
    assert chart.options["select"] == {"kind": entity.kind, "ids": [entity.id]}
    assert chart.options["stream"] == stream.rsplit("/", 1)[-1]
    if case != "car park full":  # a car park's chart has no limit lines
        assert chart.options["thresholds"] and all(k in entity.attrs for k in chart.options["thresholds"])
    if domain != "flood":
        assert "过程线" not in lay.title + chart.title and "河道" not in tiles["cameras"].title

    m = tiles["map"].options
    assert m["layers"] == layers and m["center"] == [entity.lat, entity.lon] and m["fly_to_alarm"] and m["zoom"] >= 14

    cams = tiles["cameras"]
    assert cams.title == f"{entity.name} · {cams_title}"
    ids = cams.options["select"]["ids"]
    assert len(ids) == 4
    assert cams.options["live"] is True  # the alarm sends its cameras' video to the wall
    mine = [e for e in hub.entities.values() if e.kind == "camera" and e.attrs.get("domain") == domain]
    assert {hub.entities[c].attrs["domain"] for c in ids} == {domain}  # the plugin's own cameras only
    dist = sorted(distance_m(entity.lat, entity.lon, c.lat, c.lon) for c in mine)
    assert [distance_m(entity.lat, entity.lon, hub.entities[c].lat, hub.entities[c].lon) for c in ids] == dist[:4]

    steps = tiles["text"].options
    guidance = engine.guidance(a)
    assert guidance, f"rule {rule} has no response steps"
    assert steps["heading"] == a.message
    assert steps["text"].splitlines() == [f"{i}. {s}" for i, s in enumerate(guidance, 1)]


def test_a_rules_own_content_wins_over_its_entity_kinds_and_an_unknown_alarm_gets_the_generic_one(world):
    hub, engine = world
    queue = _raise(hub, engine, "health.queue_long", "health/hospital/H02/queue", [hub.entities["H02"].attrs["queue_limit"] + 30.0] * 3)
    assert takeover_content(MANIFESTS, queue, hub.entities["H02"]) is HEALTH.takeovers["health.queue_long"]
    lay = takeover_for(queue, MANIFESTS, hub.entities, engine.guidance(queue))
    assert lay.title.endswith("门诊候诊")

    # an alarm no plugin speaks for still composes, with the wall config's steps
    odd = replace(queue, rule="thirdparty.rule", entity_id="", stream="thirdparty/x/y/z")
    assert takeover_content(MANIFESTS, odd, None) is GENERIC
    lay = takeover_for(odd, MANIFESTS, hub.entities, (), ("关闭闸门 Close the sluice",))
    tiles = {t.kind: t for t in lay.tiles}
    assert tiles["chart"].options["streams"] == ["thirdparty/x/y/z"]
    assert tiles["text"].options["text"] == "1. 关闭闸门 Close the sluice"
    assert tiles["cameras"].options["select"]["ids"] == []  # no place: no camera is "nearest"
