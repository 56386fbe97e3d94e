"""The plugins' alarm rules on a real Hub, Store and AlarmEngine: they fire, and they clear."""

from __future__ import annotations

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.model import Reading
from plugins.agriculture.manifest import PLUGIN as AGRI
from plugins.health.manifest import PLUGIN as HEALTH
from tests.agri_health_helpers import T_MORNING, agri_sim, health_sim


def _engine(hub, manifest):
    return AlarmEngine(hub, [compile_rule(r, manifest.name) for r in manifest.rules])


def _feed(hub, readings):
    hub.submit(readings)
    assert hub.store.flush()


def _open(engine):
    return {(a.rule, a.entity_id): a for a in engine.open_alarms()}


def test_failed_sample_fires_and_clears_after_the_recheck(hub):
    sim = agri_sim()
    coop = sim.places.coops[10]
    hub.add_entities([coop])
    engine = _engine(hub, AGRI)
    sid = coop.streams[0].id
    _feed(hub, [Reading(sid, T_MORNING, 0.0), Reading(sid, T_MORNING + 3600, 1.0)])
    assert not _open(engine)  # a rectification notice is a warning on the map, not an alarm
    _feed(hub, [Reading(sid, T_MORNING + 7200, 2.0)])
    alarm = _open(engine)[("agriculture.failed_sample", coop.id)]
    assert alarm.state == "unack" and "抽检不合格" in alarm.message
    _feed(hub, [Reading(sid, T_MORNING + 3 * 86400, 0.0)])
    assert _open(engine)[("agriculture.failed_sample", coop.id)].state == "rtn_unack"


def test_shop_video_offline_fires_after_ten_minutes_and_clears(hub):
    shop = agri_sim().places.shops[0]
    hub.add_entities([shop])
    engine = _engine(hub, AGRI)
    sid = shop.streams[1].id
    _feed(hub, [Reading(sid, T_MORNING, 1.0), Reading(sid, T_MORNING + 600, 0.0)])
    assert ("agriculture.shop_video_offline", shop.id) not in _open(engine)  # not yet: delay
    _feed(hub, [Reading(sid, T_MORNING + 1200, 0.0)])
    assert _open(engine)[("agriculture.shop_video_offline", shop.id)].state == "unack"
    _feed(hub, [Reading(sid, T_MORNING + 1800, 1.0)])
    assert _open(engine)[("agriculture.shop_video_offline", shop.id)].cleared_ts == T_MORNING + 1800


def test_hospital_queue_and_beds_rules_fire_and_clear(hub):
    people = next(e for e in health_sim().entities() if e.id == "H01")
    hub.add_entities([people])
    engine = _engine(hub, HEALTH)
    q, beds = "health/hospital/H01/queue", "health/hospital/H01/bed_occupancy"
    limit = people.attrs["queue_limit"]
    _feed(hub, [Reading(q, T_MORNING + k * 300, limit + 20.0) for k in range(3)])
    _feed(hub, [Reading(beds, T_MORNING + k * 300, 96.5) for k in range(4)])
    opened = _open(engine)
    assert opened[("health.queue_long", "H01")].state == "unack"
    assert opened[("health.beds_full", "H01")].state == "unack"
    _feed(hub, [Reading(q, T_MORNING + 3600, limit - 2.0), Reading(beds, T_MORNING + 3600, 93.5)])
    assert _open(engine)[("health.queue_long", "H01")].state == "unack"  # inside the deadband: still on
    assert _open(engine)[("health.beds_full", "H01")].state == "rtn_unack"
    _feed(hub, [Reading(q, T_MORNING + 3900, limit - 10.0)])
    assert _open(engine)[("health.queue_long", "H01")].state == "rtn_unack"


def test_the_demo_surge_drives_the_people_hospital_over_its_limits():
    from plugins.health.simulator import HealthSimulator

    sim = HealthSimulator(health_sim().city, seed=1)
    sim.prepare_demo(T_MORNING)
    people = next(e for e in sim.entities() if e.id == "H01")
    for t in (T_MORNING, T_MORNING + 5.5 * 3600):  # whatever the hour the demo starts at
        v = sim.values(people, t)
        assert v["queue"] > people.attrs["queue_limit"]
        assert v["beds_occupied"] <= people.attrs["beds"]
    assert sim.values(people, T_MORNING + 7 * 3600)["queue"] < people.attrs["queue_limit"]  # and it passes
