"""The camera in focus plays its live stream on screen (real ffmpeg HLS on loopback, the real tile and pool)."""

from __future__ import annotations

import pytest

from console.cameras.model import CameraStatus, camera_entity, status_reading
from console.cameras.video_pool import VideoPool
from console.clock import SimClock
from console.hub.hub import Hub
from console.layouts.layout import TileSpec
from console.store.snapshots import SnapshotStore
from console.store.store import Store
from tests.video_helpers import folder_server, needs_ffmpeg, start_hls

pytestmark = needs_ffmpeg
T0 = 1_800_000_000.0


@pytest.fixture
def live(qtbot, tmp_path):
    from console.gui.camera_feed import CameraFeed
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from widgets.tile import TileContext

    proc = start_hls(tmp_path / "hls")
    server = folder_server(tmp_path / "hls").start()
    store = Store(tmp_path / "c.sqlite3")
    hub = Hub(store, SimClock(start=T0))
    cams = [camera_entity("MH-07", "弥河 7 号", 36.9, 118.8, group="弥河", source="sim://t", refresh_s=10,
                          stream=f"{server.url}/live.m3u8"),
            camera_entity("MH-08", "弥河 8 号", 36.9, 118.8, group="弥河", source="sim://t", refresh_s=10)]
    hub.add_entities(cams)
    hub.submit([status_reading(c.id, T0, CameraStatus.OK) for c in cams])
    pool = VideoPool(max_streams=1)
    from console.gui.selection import Selection

    ctx = TileContext(hub, HubSignals(hub), HistoryLoader(store), None, cameras=CameraFeed(SnapshotStore(store)),
                      video=pool, selection=Selection())
    from widgets.camera_grid_tile import CameraGridTile

    tile = CameraGridTile(ctx, TileSpec("cameras", 0, 0, title="河道视频", options={"rows": 1, "columns": 2, "cycle_s": 0}))
    qtbot.addWidget(tile)
    tile.resize(960, 600)
    tile.show()
    yield tile, server, pool
    tile.teardown()
    pool.close()
    ctx.signals.stop()
    ctx.history.shutdown()
    ctx.cameras.shutdown()
    store.close()
    server.stop()
    proc.kill()
    proc.wait(10)


def test_the_focused_camera_plays_and_shows_frozen_when_its_server_dies(qtbot, live):
    tile, server, pool = live
    tile.enlarge("MH-07")
    assert pool.playing() == ["MH-07"]
    qtbot.waitUntil(lambda: tile.focus_view.cell.image is not None, timeout=20000)
    first = tile.focus_view.cell.image.copy()
    assert (first.width(), first.height()) == (320, 180)
    qtbot.waitUntil(lambda: tile.focus_view.cell.image != first, timeout=30000)  # the picture moves
    assert "▶ 直播" in tile.focus_view.caption.text() and "h264" in tile.focus_view.caption.text()
    server.stop()
    qtbot.waitUntil(lambda: "画面冻结" in tile.focus_view.caption.text(), timeout=30000)
    tile.back_to_grid()
    assert pool.playing() == []  # leaving the camera stops its decoder


def test_a_camera_beyond_the_cap_stays_on_snapshots_and_says_so(qtbot, live):
    tile, server, pool = live
    other = object()
    pool.acquire(other, "ELSEWHERE", f"{server.url}/live.m3u8")  # the one stream the cap allows
    tile.enlarge("MH-07")
    assert "直播已满" in tile.focus_view.caption.text()
    tile.back_to_grid()
    tile.enlarge("MH-08")  # no stream configured: stills, no video caption
    assert "LIVE" not in tile.focus_view.caption.text() and "video" not in tile.focus_view.caption.text()
    pool.release(other)


def test_a_camera_picked_on_the_map_plays_in_the_camera_tile(qtbot, live):
    tile, server, pool = live
    tile.ctx.selection.select("MH-07")  # what a click on its map marker does
    assert tile.focused == "MH-07" and pool.playing() == ["MH-07"]
    qtbot.waitUntil(lambda: "▶ 直播" in tile.focus_view.caption.text(), timeout=20000)
    tile.ctx.selection.select("G-NOT-A-CAMERA")  # another pick leaves the camera playing
    assert tile.focused == "MH-07"
    tile.back_to_grid()


def test_a_live_grid_plays_its_streaming_cameras_in_their_cells(qtbot, live):
    from widgets.camera_grid_tile import CameraGridTile

    tile, server, pool = live
    grid = CameraGridTile(tile.ctx, TileSpec("cameras", 0, 0, title="报警视频", options={"rows": 1, "columns": 2,
                                                                                     "cycle_s": 0, "live": True}))
    qtbot.addWidget(grid)
    grid.resize(960, 400)
    grid.show()
    assert pool.playing() == ["MH-07"]  # MH-08 has no stream: it stays on snapshots
    qtbot.waitUntil(lambda: grid.live_cells.is_live("MH-07") and grid.cells["MH-07"].image is not None, timeout=30000)
    first = grid.cells["MH-07"].image.copy()
    assert first.width() <= grid.grid.thumb_size().width()
    qtbot.waitUntil(lambda: grid.cells["MH-07"].image != first, timeout=30000)  # it moves
    grid.teardown()
    assert pool.playing() == []
