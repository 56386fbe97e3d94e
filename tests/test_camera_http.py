"""HTTP snapshot cameras against a real server on loopback: every failure has its status,
the GUI never freezes while cameras hang, the tile shows what happened."""

from __future__ import annotations

import threading
import time

import pytest

from console.cameras.http_source import HttpSnapshotSource, image_time
from console.cameras.model import CameraStatus, camera_entity, status_stream
from console.store.snapshots import SnapshotStore
from console.hub.hub import Hub
from console.layouts.layout import TileSpec
from console.store.store import Store
from tests.camera_helpers import IMAGE_TIME, PASSWORD, USER, CameraServer, StallMeter, free_port, make_jpeg

READ_TIMEOUT = 0.6


@pytest.fixture
def images(qapp):
    return {f"c{i}": make_jpeg(shade=60 + 10 * i, text=f"cam {i}") for i in range(6)}


@pytest.fixture
def server(images):
    with CameraServer(images) as srv:
        yield srv


@pytest.fixture
def cache(tmp_path):
    store = Store(tmp_path / "cache.sqlite3")
    yield store, Hub(store), SnapshotStore(store)
    store.close()


def cams(server: CameraServer, refresh_s: float = 1.0):
    base = server.base
    spec = {
        "ok": f"{base}/cam/c0",
        "ok2": f"{base}/cam/c1",
        "hang": f"{base}/hang",
        "garbage": f"{base}/garbage",
        "truncated": f"{base}/truncated",
        "denied": f"{base}/401",
        "basic": f"{base}/basic/c2",
        "digest": f"{base}/digest/c3",
        "wrongpw": f"{base}/digest/c4",
        "refused": f"http://127.0.0.1:{free_port()}/snapshot.jpg",
        "missing": f"{base}/cam/nope",
    }
    auth = {"basic": "basic", "digest": "digest", "wrongpw": "digest"}
    return [
        camera_entity(cid, cid, 36.8, 118.8, group="test", source=url, refresh_s=refresh_s, auth=auth.get(cid))
        for cid, url in spec.items()
    ]


EXPECTED = {
    "ok": CameraStatus.OK,
    "ok2": CameraStatus.OK,
    "hang": CameraStatus.TIMEOUT,
    "garbage": CameraStatus.BAD_IMAGE,
    "truncated": CameraStatus.BAD_IMAGE,
    "denied": CameraStatus.UNAUTHORIZED,
    "basic": CameraStatus.OK,
    "digest": CameraStatus.OK,
    "wrongpw": CameraStatus.UNAUTHORIZED,
    "refused": CameraStatus.REFUSED,
    "missing": CameraStatus.HTTP_ERROR,
}


def source(server, cache, refresh_s=1.0, workers=4):
    store, hub, snaps = cache
    creds = {"basic": (USER, PASSWORD), "digest": (USER, PASSWORD), "wrongpw": (USER, "wrong")}
    return HttpSnapshotSource(
        "http-cams", cams(server, refresh_s), hub, snaps, credentials=creds,
        connect_timeout_s=0.5, read_timeout_s=READ_TIMEOUT, workers=workers,
    )


def test_each_camera_gets_its_status(server, cache, images):
    store, hub, snaps = cache
    src = source(server, cache)
    t0 = time.monotonic()
    answers = {s.camera_id: s for s in src.poll_once()}
    took = time.monotonic() - t0
    assert {cid: s.status for cid, s in answers.items()} == EXPECTED
    assert took < READ_TIMEOUT * 3 + 1.0, "a hanging camera held the poll past its timeout"
    assert "within" in answers["hang"].reason
    assert "not an image" in answers["garbage"].reason
    # frames of the good cameras are cached byte for byte, with the camera's own image time
    assert store.flush()
    assert snaps.latest("ok").data == images["c0"]
    assert snaps.latest("digest").data == images["c3"]
    assert snaps.latest("ok").ts == pytest.approx(IMAGE_TIME)
    assert snaps.latest("hang") is None and snaps.latest("garbage") is None
    # statuses went through the hub as readings, offline ones flagged bad
    for cid, status in EXPECTED.items():
        r = hub.latest(status_stream(cid))
        assert r is not None and int(r.value) == status
        assert (r.quality == 0) == (status == CameraStatus.OK)


class CountingSource(HttpSnapshotSource):
    """The real source, counting how many fetches run at once."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.lock, self.now, self.peak = threading.Lock(), 0, 0

    def fetch(self, camera):
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        try:
            return super().fetch(camera)
        finally:
            with self.lock:
                self.now -= 1


def test_pool_is_bounded_and_hanging_camera_is_not_piled_on(server, cache):
    store, hub, snaps = cache
    src = CountingSource(
        "http-cams", cams(server, 0.2), hub, snaps, connect_timeout_s=0.5, read_timeout_s=READ_TIMEOUT, workers=3
    )
    src.start()
    try:
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        src.stop()
    assert src.peak == 3, "the pool is used, and never beyond its bound"
    # polled every 0.2 s for 3 s, but never twice at once: at most one hang per timeout
    assert server.hits.get("/hang", 0) <= 3.0 / READ_TIMEOUT + 1
    assert server.hits.get("/cam/c0", 0) >= 5


def test_image_time_headers():
    assert image_time({"Last-Modified": "Tue, 14 Nov 2023 22:13:20 GMT"}) == IMAGE_TIME
    assert image_time({"X-Timestamp": "1700000000123"}) == pytest.approx(1700000000.123)
    assert image_time({"X-Timestamp": "1700000000"}) == IMAGE_TIME
    assert image_time({"Last-Modified": "yesterday"}) is None
    assert image_time({}) is None


@pytest.fixture
def gui(qtbot, cache, tmp_path):
    """The GUI side as the app builds it: hub signals, history loader, camera feed, a tile."""
    from console.gui.camera_feed import CameraFeed
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from widgets.tile import TileContext

    store, hub, snaps = cache
    signals = HubSignals(hub)
    history = HistoryLoader(store)
    feed = CameraFeed(snaps)
    ctx = TileContext(hub, signals, history, None, cameras=feed)
    yield ctx
    signals.stop()
    history.shutdown()
    feed.shutdown()


def make_tile(qtbot, ctx, **options):
    from widgets.camera_grid_tile import CameraGridTile

    opts = {"rows": 3, "columns": 4, "cycle_s": 0} | options
    tile = CameraGridTile(ctx, TileSpec("cameras", 0, 0, title="cams", options=opts))
    qtbot.addWidget(tile)
    tile.resize(1200, 700)
    tile.show()
    return tile


def test_wall_shows_every_state_without_freezing(qtbot, server, cache, gui):
    """Poll live while the tile shows them; the event loop never stalls."""
    store, hub, snaps = cache
    src = source(server, cache, refresh_s=1.0)
    hub.add_entities(src.cameras.values())
    tile = make_tile(qtbot, gui)
    meter = StallMeter().start()
    gui.signals.start()
    src.start()
    try:
        def all_answered():
            cells = {c.camera: c for c in tile.grid.cells}
            assert set(cells) == set(EXPECTED)
            for cid, status in EXPECTED.items():
                cell = cells[cid]
                if status == CameraStatus.OK:
                    assert not cell.offline and cell.image is not None, cid
                else:
                    assert cell.offline and cell.reason == status.label, (cid, cell.reason)

        qtbot.waitUntil(all_answered, timeout=8000)
        # a camera that was fine starts hanging: offline within two refresh intervals
        server.modes["c1"] = "hang"
        t0 = time.monotonic()
        qtbot.waitUntil(lambda: next(c for c in tile.grid.cells if c.camera == "ok2").offline, timeout=4000)
        assert time.monotonic() - t0 <= 2 * 1.0 + 0.3
        cell = next(c for c in tile.grid.cells if c.camera == "ok2")
        assert cell.image is not None, "the last frame is kept"
        assert cell.reason == CameraStatus.TIMEOUT.label
        assert "✕" in tile.status_label.text()
    finally:
        src.stop()
        max_gap = meter.stop()
        tile.teardown()
    assert max_gap < 0.15, f"the GUI event loop stalled {max_gap * 1000:.0f} ms"
