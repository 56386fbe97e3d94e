"""Video analytics as alarms: a river camera sees the water above the warning mark when its gauge crosses
its warning level; the alarm comes from the flood plugin's real rule, its frame is in the snapshot cache."""

from __future__ import annotations

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.cameras.model import CameraStatus, event_stream
from console.cameras.sim_source import SimulatedCameraSource
from console.city import load_city
from console.hub.hub import Hub
from console.model import Reading
from console.store.snapshots import SnapshotStore
from console.store.store import Store
from plugins.flood.cameras import RiverCameras
from plugins.flood.manifest import PLUGIN


def test_the_water_above_the_mark_raises_an_alarm_with_its_frame(qapp, tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    try:
        city = load_city("shouguang")
        hub = Hub(store)
        rc = RiverCameras(city, seed=1, count=30)
        cam = next(c for c in rc.entities() if rc.fault(c, hub.clock.now()) is None and len(c.streams) > 1)
        watching = [c for c in rc.entities() if c.attrs["gauge"] == cam.attrs["gauge"]]
        assert sum(len(c.streams) > 1 for c in watching) == 1, "one camera per gauge runs the analytics"
        gauge = rc._gauges[cam.attrs["gauge"]]
        hub.add_entities([gauge, cam])
        rule = next(r for r in PLUGIN.rules if r["id"] == "flood.video_water_mark")
        engine = AlarmEngine(hub, [compile_rule(rule)])
        snaps = SnapshotStore(store)
        src = SimulatedCameraSource("cams", rc, hub, snaps, cameras=[cam])
        level = gauge.streams[0].id
        now = hub.clock.now()
        hub.submit([Reading(level, now - 60, gauge.attrs["warning_level"] - 0.8)])
        assert store.flush()
        (low,) = src.poll_once()
        assert low.status == CameraStatus.OK and low.events == (("water_above_mark", 0.0),)
        assert store.flush()
        assert engine.open_alarms() == []
        hub.submit([Reading(level, now, gauge.attrs["warning_level"] + 0.3)])
        assert store.flush()
        (high,) = src.poll_once()
        assert high.events == (("water_above_mark", 1.0),)
        assert store.flush() and snaps.flush()
        (alarm,) = engine.open_alarms()
        assert alarm.rule == "flood.video_water_mark" and alarm.entity_id == cam.id
        assert alarm.stream == event_stream(cam.id, "water_above_mark")
        frame = snaps.frame(cam.id, alarm.raised_ts)
        assert frame is not None and frame.data[:3] == b"\xff\xd8\xff", "the frame that raised it is kept"
    finally:
        store.close()
