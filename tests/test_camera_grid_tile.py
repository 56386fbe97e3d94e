"""CameraGridTile: thumbnails, offline marking, pages, groups, enlarge and step back, alarms first."""

from __future__ import annotations

import pytest

from console.alarms.engine import Alarm
from console.cameras.model import CameraStatus, camera_entity, status_reading
from console.store.snapshots import SnapshotStore
from console.clock import SimClock
from console.hub.hub import Hub
from console.layouts.layout import TileSpec
from console.model import Entity
from console.store.store import Store
from tests.camera_helpers import make_jpeg

T0 = 1_800_000_000.0


class FixedAlarms:
    """An alarm list the test sets (the engine's query API, nothing else)."""

    def __init__(self) -> None:
        self.alarms: list[Alarm] = []

    def open_alarms(self) -> list[Alarm]:
        return list(self.alarms)


@pytest.fixture
def world(qtbot, tmp_path):
    from console.gui.camera_feed import CameraFeed
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from widgets.tile import TileContext

    store = Store(tmp_path / "c.sqlite3")
    hub = Hub(store, SimClock(start=T0))
    snaps = SnapshotStore(store)
    cams = [
        camera_entity(f"C{i:02d}", f"摄像机 {i}", 36.80 + 0.01 * i, 118.80, group="东 East" if i < 8 else "西 West", source="sim://t", refresh_s=10)
        for i in range(14)
    ]
    gauge = Entity("G1", "gauge", "弥河5号站", 36.905, 118.80)
    hub.add_entities([*cams, gauge])
    ctx = TileContext(hub, HubSignals(hub), HistoryLoader(store), FixedAlarms(), cameras=CameraFeed(snaps))
    w = type("World", (), {})()
    w.store, w.hub, w.snaps, w.cams, w.ctx = store, hub, snaps, cams, ctx
    yield w
    ctx.signals.stop()
    ctx.history.shutdown()
    ctx.cameras.shutdown()
    store.close()


def feed(w, cid: str, status: CameraStatus, ts: float, jpeg: bytes | None = None) -> None:
    """What a source does: the frame to the cache, then the status to the hub."""
    if jpeg is not None:
        w.snaps.put(cid, ts, jpeg, received=ts)
    w.hub.submit([status_reading(cid, ts, status)])
    assert w.store.flush()
    w.ctx.signals.drain()


def make_tile(qtbot, w, **options):
    from widgets.camera_grid_tile import CameraGridTile

    opts = {"rows": 2, "columns": 3, "cycle_s": 0} | options
    tile = CameraGridTile(w.ctx, TileSpec("cameras", 0, 0, title="河道视频", options=opts))
    qtbot.addWidget(tile)
    tile.resize(900, 520)
    tile.show()
    qtbot.waitExposed(tile)
    return tile


def cell(tile, cid):
    return next(c for c in tile.grid.cells if c.camera == cid)


def luminance(img, rect) -> float:
    total = n = 0
    for x in range(rect.left() + 5, rect.right() - 5, 7):
        for y in range(rect.top() + 5, rect.bottom() - 5, 7):
            total += img.pixelColor(x, y).lightness()
            n += 1
    return total / n


def test_renders_empty_then_thumbnails_at_cell_size(qtbot, world):
    tile = make_tile(qtbot, world)
    assert len(tile.grid.cells) == 6 and all(c.image is None and c.offline for c in tile.grid.cells)
    tile.grab()  # paints with nothing cached
    for cam in world.cams[:6]:
        feed(world, cam.id, CameraStatus.OK, T0, make_jpeg(1920, 1080, 180))
    qtbot.waitUntil(lambda: all(c.image is not None for c in tile.grid.cells), timeout=3000)
    size = tile.grid.thumb_size()
    img = tile.grid.cells[0].image
    assert img.width() <= size.width() and img.height() <= size.height() and img.width() >= size.width() - 2
    assert not any(c.offline for c in tile.grid.cells)
    assert "6/14" in tile.status_label.text()


def test_offline_keeps_the_last_frame_darkened_with_the_reason(qtbot, world):
    tile = make_tile(qtbot, world)
    jpeg = make_jpeg(640, 360, 200)
    for cam in world.cams[:2]:
        feed(world, cam.id, CameraStatus.OK, T0, jpeg)
    qtbot.waitUntil(lambda: cell(tile, "C01").image is not None and cell(tile, "C00").image is not None, timeout=3000)
    feed(world, "C01", CameraStatus.UNAUTHORIZED, T0 + 10)
    c1 = cell(tile, "C01")
    assert c1.offline and c1.reason == "认证失败 401" and c1.image is not None
    shot = tile.grid.grab().toImage()
    from widgets._camera_cells import image_rect

    text_h = tile.grid._text_h()
    lit = luminance(shot, image_rect(tile.grid.cell_rect(0), text_h))
    dark = luminance(shot, image_rect(tile.grid.cell_rect(1), text_h))
    assert dark < 0.6 * lit, (dark, lit)


def test_silent_camera_goes_offline_within_two_refreshes(qtbot, world):
    tile = make_tile(qtbot, world)
    feed(world, "C00", CameraStatus.OK, T0, make_jpeg())
    tile.on_second(world.hub.clock.now())
    assert not cell(tile, "C00").offline
    world.hub.clock.jump(19)
    tile.on_second(world.hub.clock.now())
    assert not cell(tile, "C00").offline
    world.hub.clock.jump(2)
    tile.on_second(world.hub.clock.now())
    assert cell(tile, "C00").offline and cell(tile, "C00").reason == "无响应"


def test_pages_cycle_by_group(qtbot, world):
    tile = make_tile(qtbot, world, group_by="group", cycle_s=0.2)
    labels = [p.label for p in tile.pages]
    assert labels == ["东 East 1/2", "东 East 2/2", "西 West"]
    assert tile.visible() == ("C00", "C01", "C02", "C03", "C04", "C05")
    qtbot.waitUntil(lambda: tile.page == 1, timeout=1000)
    assert tile.visible() == ("C06", "C07")
    qtbot.waitUntil(lambda: tile.page == 2, timeout=1000)
    assert "西 West" in tile.title_label.text()
    assert tile.options() == {"rows": 2, "columns": 3, "cycle_s": 0.2, "group_by": "group"}


def test_click_enlarges_and_steps_back_through_frames(qtbot, world):
    from PySide6.QtCore import Qt

    tile = make_tile(qtbot, world)
    for k in range(5):
        feed(world, "C02", CameraStatus.OK, T0 + 10 * k, make_jpeg(640, 360, 40 + 40 * k, text=f"frame {k}"))
    qtbot.waitUntil(lambda: cell(tile, "C02").image is not None, timeout=3000)
    qtbot.mouseClick(tile.grid, Qt.MouseButton.LeftButton, pos=tile.grid.cell_rect(2).center())
    assert tile.focused == "C02" and tile.stack.currentWidget() is tile.focus_view
    qtbot.waitUntil(lambda: len(tile._focus_times) == 5 and tile._focus_cell.image_ts == T0 + 40, timeout=3000)
    tile.step(-1)
    qtbot.waitUntil(lambda: tile._focus_cell.image_ts == T0 + 30, timeout=3000)
    tile.step(-1)
    tile.step(-1)
    qtbot.waitUntil(lambda: tile._focus_cell.image_ts == T0 + 10, timeout=3000)
    assert "−3" in tile.focus_view.caption.text()
    big = tile._focus_cell.image
    assert big.width() > 2 * cell(tile, "C02").image.width()
    tile.step(0)
    qtbot.waitUntil(lambda: tile._focus_cell.image_ts == T0 + 40, timeout=3000)
    qtbot.keyClick(tile.focus_view, Qt.Key.Key_Escape)
    assert tile.focused is None and tile.stack.currentWidget() is tile.grid


def test_alarm_pulls_the_nearest_cameras_to_the_front(qtbot, world):
    tile = make_tile(qtbot, world, alarm_first=True, alarm_nearest=2)
    assert tile.visible()[0] == "C00"
    tile.show_page(1)
    world.ctx.alarms.alarms = [
        Alarm(1, "flood.above_warning", "flood/gauge/G1/level", "G1", 3, "unack", "above warning", 3.1, T0),
        Alarm(2, "flood.camera_offline", "camera/C00/status", "C00", 1, "unack", "offline", 3.0, T0),
    ]
    tile.on_second(world.hub.clock.now())
    # G1 sits at 36.905: the cameras at 36.90 and 36.91 are nearest; camera alarms pull nothing
    assert tile.page == 0 and tile.pages[0].alarm
    assert set(tile.visible()) == {"C10", "C11"}
    assert "弥河5号站" in cell(tile, "C10").alarm and "▲" in cell(tile, "C10").alarm
    world.ctx.alarms.alarms = []
    tile.on_second(world.hub.clock.now())
    assert not tile.pages[0].alarm and cell(tile, "C00").alarm == ""


def test_teardown_lets_go(qtbot, world):
    tile = make_tile(qtbot, world)
    assert world.ctx.signals.subscriber_count() == 1
    tile.teardown()
    assert world.ctx.signals.subscriber_count() == 0
    assert not tile.cycle_timer.isActive()


def test_no_cameras_says_so(qtbot, world):
    tile = make_tile(qtbot, world, select={"kind": "camera", "attrs": {"group": "nowhere"}})
    assert "摄像机" in tile.message_label.text()
    tile.grab()
