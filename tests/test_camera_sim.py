"""The flood plugin's river cameras: where they stand, what they see, and the demo wiring."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.cameras.model import KIND, CameraStatus
from console.cameras.sim_source import SimulatedCameraSource
from plugins.flood.camera_scene import Scene
from console.store.snapshots import SnapshotStore
from console.city import load_city
from console.hub.hub import Hub
from console.model import Reading
from console.store.store import Store
from plugins.flood.cameras import RiverCameras, river_cameras

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def city():
    return load_city("shouguang")


def test_demo_cameras_along_both_rivers(city):
    cams = river_cameras(city, seed=1)
    assert len(cams) == 120
    assert {c.attrs["river"] for c in cams} == {"弥河", "丹河"}
    (s, w), (n, e) = city.bbox
    assert all(c.kind == KIND and s <= c.lat <= n and w <= c.lon <= e for c in cams)
    assert all(c.attrs["gauge"] and c.attrs["source"].startswith("sim://flood/") for c in cams)
    assert len({c.attrs["district"] for c in cams}) >= 8


def test_a_thousand_cameras_have_unique_ids_and_channels(city):
    cams = river_cameras(city, seed=1, count=1000)
    assert len({c.id for c in cams}) == 1000
    assert len({c.attrs["channel"] for c in cams}) == 1000


def test_water_on_the_frame_follows_the_nearest_gauge(qapp, tmp_path, city):
    from PySide6.QtGui import QImage

    from plugins.flood.views.camera_render import render_jpeg

    store = Store(tmp_path / "c.sqlite3")
    try:
        hub = Hub(store)
        rc = RiverCameras(city, seed=1)
        cam = rc.entities()[10]
        gauge = rc._gauges[cam.attrs["gauge"]]
        hub.add_entities([gauge, cam])
        sid = gauge.streams[0].id
        scenes = []
        for k, level in enumerate((gauge.attrs["base_level"] - 1.0, gauge.attrs["guarantee_level"] + 0.4)):
            hub.submit([Reading(sid, 1000.0 + k, level)])
            assert store.flush()
            scenes.append(rc.scene(cam, 1_721_025_125.0, hub))  # 14:32 local: daylight
        low, high = scenes
        assert low.water < 0.3 < 0.9 < high.water
        # low water bares the concrete revetment in the lower left; high water covers it
        for scene, bare in ((low, True), (high, False)):
            img = QImage.fromData(render_jpeg(scene))
            assert (img.width(), img.height()) == (640, 360)
            c = img.pixelColor(int(img.width() * 0.04), int(img.height() * 0.8))
            grey = abs(c.red() - c.blue()) < 20
            assert grey == bare, (scene.water, c.getRgb())
    finally:
        store.close()


def test_faults_are_deterministic_and_rare(city):
    rc = RiverCameras(city, seed=1)
    t = 1_721_025_125.0
    faults = [rc.fault(c, t) for c in rc.entities()]
    assert faults == [rc.fault(c, t) for c in rc.entities()]
    down = [f for f in faults if f is not None]
    assert 0 < len(down) < 20
    cam = next(c for c, f in zip(rc.entities(), faults) if f is not None)
    assert rc.fault(cam, rc.last_good_time(cam, t)) is None


def test_simulated_source_frames_reach_the_cache(qapp, tmp_path, city):
    store = Store(tmp_path / "c.sqlite3")
    try:
        hub = Hub(store)
        snaps = SnapshotStore(store)
        rc = RiverCameras(city, seed=1, count=30)
        hub.add_entities(rc.entities())
        src = SimulatedCameraSource("cams", rc, hub, snaps)
        src.prime()
        answers = src.poll_once()
        assert store.flush()
        ok = [a for a in answers if a.status == CameraStatus.OK]
        assert len(ok) >= 25
        assert snaps.latest(ok[0].camera_id).data[:3] == b"\xff\xd8\xff"
        for a in answers:  # a faulted camera still has its recorder's last frame
            if a.status != CameraStatus.OK:
                assert snaps.latest(a.camera_id) is not None
    finally:
        store.close()


def test_demo_runtime_starts_the_cameras_and_loads_the_layout(qapp, tmp_path):
    from console.app.runtime import Runtime, RuntimeOptions

    rt = Runtime(RuntimeOptions(demo=True, cache_dir=tmp_path))
    try:
        assert {"flood-overview", "flood-cameras"} <= set(rt.layouts)
        assert not [n for n in rt.notices if "Layout" in n]
        rt.start()
        deadline = time.monotonic() + 20
        while rt.snapshots.stats()["cameras"] < 120 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert rt.snapshots.stats()["cameras"] >= 110
        cams = [e for e in rt.hub.entities.values() if e.kind == KIND]
        assert sum(e.attrs.get("domain") == "flood" for e in cams) == 120  # the river cameras
        # and every domain's own cameras at its sites, which its alarms bring to the wall
        assert {e.attrs.get("domain") for e in cams} == {"flood", "energy", "parking", "agriculture", "health"}
    finally:
        rt.stop()


def test_camera_core_imports_without_qt():
    blocker = (
        "import importlib.abc, sys\n"
        "class B(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('Qt blocked: ' + name)\n"
        "sys.meta_path.insert(0, B())\n"
        "import console.cameras.model, console.store.snapshots, console.cameras.poller\n"
        "import console.cameras.http_source, console.cameras.sim_source, console.cameras.paging\n"
        "import plugins.flood.cameras, plugins.flood.manifest, console.app.runtime\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", blocker], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "ok" in out.stdout, out.stderr[-2000:]


def test_scene_is_plain_data():
    s = Scene("X", "x", 1, 0.0, 0.5)
    assert s.fault is None and s.width == 640


def test_a_fast_demo_says_once_that_its_cameras_are_reduced(qapp, tmp_path):
    """At ×60 no PC draws every camera's frames: the cameras of every plugin are slowed by one
    factor and the screen gets one notice for them all (before: one line per plugin, each
    naming its slowest camera, four lines of banner)."""
    from console.app.runtime import Runtime, RuntimeOptions
    from console.cameras.sim_source import DEMO_RENDERS_PER_S, camera_need

    rt = Runtime(RuntimeOptions(demo=True, cache_dir=tmp_path, speed=60))
    try:
        rt.start()
        notes = [n for n in rt.notices if "演示降速" in n]
        cams = [e for e in rt.hub.entities.values() if e.kind == KIND]
        assert len(notes) == 1, rt.notices
        assert notes[0].args["n"] == len(cams) and notes[0].args["speed"] == "60"
        # what the paced cameras draw together fits the budget, so none of them looks silent
        assert camera_need(cams, 60) <= DEMO_RENDERS_PER_S * 1.01
    finally:
        rt.stop()
    rt = Runtime(RuntimeOptions(demo=True, cache_dir=tmp_path / "slow", speed=1))
    try:
        rt.start()
        assert not [n for n in rt.notices if "演示降速" in n], rt.notices  # at ×1 nothing is reduced
    finally:
        rt.stop()
