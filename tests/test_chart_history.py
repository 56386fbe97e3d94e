"""History for operators: the mouse pans and zooms a desk chart's time, a load is asked for the
new range, the live tail keeps flowing at now, "back to live" returns; a wall's chart has no mouse."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from tests.tile_context_helpers import live_tile_context
from widgets.chart_tile import ChartTile

SID = "t/gauge/G1/level"
DAYS = 3


@pytest.fixture
def ctx(tmp_path, qtbot):
    with live_tile_context(tmp_path, [Entity("G1", "gauge", "1号站", 36.9, 118.7,
                                             streams=(StreamSpec(SID, "水位", "m", 60.0),))]) as c:
        now = time.time()
        c.hub.submit([Reading(SID, now - 60.0 * i, 2.0 + np.sin(i / 90)) for i in range(DAYS * 1440, 0, -1)], source="t")
        assert c.hub.store.flush()
        yield c


def _chart(qtbot, ctx, **options):
    tile = ChartTile(ctx, TileSpec("chart", 0, 0, title="水位", options={"streams": [SID], "window_h": 6, **options}))
    qtbot.addWidget(tile)
    tile.resize(800, 400)
    tile.show()
    qtbot.waitUntil(lambda: tile.history_done and tile.plot.getViewBox().width() > 100, timeout=10000)
    return tile


def _viewport_point(tile, fx: float) -> QPointF:
    """A point inside the plot's data area, ``fx`` of the way across."""
    vb = tile.plot.getViewBox()
    scene = vb.mapToScene(vb.boundingRect().center())
    r = vb.sceneBoundingRect()
    return QPointF(tile.plot.mapFromScene(QPointF(r.left() + fx * r.width(), scene.y())))


def _wheel(tile, fx: float, steps: int) -> None:
    pos = _viewport_point(tile, fx)
    glob = QPointF(tile.plot.viewport().mapToGlobal(pos.toPoint()))
    ev = QWheelEvent(pos, glob, QPoint(), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                     Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(tile.plot.viewport(), ev)


def _drag(tile, fx0: float, fx1: float) -> None:
    vp = tile.plot.viewport()
    a, b = _viewport_point(tile, fx0), _viewport_point(tile, fx1)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    mods = Qt.KeyboardModifier.NoModifier

    def send(kind, p, button, buttons):
        QApplication.sendEvent(vp, QMouseEvent(kind, p, QPointF(vp.mapToGlobal(p.toPoint())), button, buttons, mods))

    send(QEvent.Type.MouseButtonPress, a, left, left)
    for k in range(1, 11):
        send(QEvent.Type.MouseMove, a + (b - a) * (k / 10), none, left)
    send(QEvent.Type.MouseButtonRelease, b, left, none)


def test_the_wheel_zooms_time_out_and_a_load_is_asked_for_the_wider_range(qtbot, ctx):
    tile = _chart(qtbot, ctx)
    asked = []
    real = ctx.history.request_range
    ctx.history.request_range = lambda *a, **k: (asked.append(a[2:4]), real(*a, **k))[1]
    _wheel(tile, 0.9, -6)  # zoom out around a point near now
    (x0, x1), _ = tile.plot.getViewBox().viewRange()
    assert x1 - x0 > 1.5 * 6 * 3600 and tile.span_s == pytest.approx(x1 - x0)
    assert tile.live  # the view still reaches now
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)  # debounced: one load once the wheel rests
    assert len(asked) == 1 and asked[0][0] <= x0 and asked[0][1] >= time.time() - 5
    qtbot.waitUntil(lambda: tile.loaded is not None and tile.loaded[0] <= x0, timeout=5000)
    t, _ = tile.buffers[SID].view()
    assert t[0] <= x0 + 120  # the wider range holds history from its left edge
    _drag(tile, 0.4, 0.6)  # a little into the past: what is held covers it
    qtbot.wait(3 * 250)
    assert len(asked) == 1
    tile.teardown()


def test_a_drag_pans_into_the_past_and_back_to_live_returns(qtbot, ctx):
    tile = _chart(qtbot, ctx)
    assert tile.live_button is not None and not tile.live_button.isVisible()
    _drag(tile, 0.3, 0.9)  # pull the past into view
    (x0, x1), _ = tile.plot.getViewBox().viewRange()
    now = time.time()
    assert x1 < now - 3600 and not tile.live
    qtbot.waitUntil(tile.live_button.isVisible, timeout=2000)
    qtbot.waitUntil(lambda: tile.loaded is not None and tile.loaded[0] <= x0 and tile.loaded[1] >= x1, timeout=5000)
    held = len(tile.buffers[SID])
    ctx.hub.submit([Reading(SID, now + 1, 9.0)], source="t")  # a live reading while panned away
    qtbot.wait(300)
    ctx.signals.sig_second_ticked.emit(time.time())
    assert tile.plot.getViewBox().viewRange()[0] == pytest.approx([x0, x1])  # the view holds still
    assert len(tile.buffers[SID]) == held
    qtbot.mouseClick(tile.live_button, Qt.MouseButton.LeftButton)
    assert tile.live and not tile.live_button.isVisible()
    (x0, x1), _ = tile.plot.getViewBox().viewRange()
    pixel_s = tile.span_s / tile.plot.getViewBox().width()
    assert time.time() - 2 <= x1 <= time.time() + pixel_s + 2 and x1 - x0 == pytest.approx(tile.span_s)
    qtbot.waitUntil(lambda: tile.buffers[SID].last_ts == pytest.approx(now + 1), timeout=5000)
    ctx.hub.submit([Reading(SID, now + 2, 9.5)], source="t")  # and the live tail flows again
    qtbot.waitUntil(lambda: tile.buffers[SID].last_ts == pytest.approx(now + 2), timeout=5000)
    tile.teardown()


def test_a_span_button_shows_that_span_from_bucketed_history(qtbot, ctx):
    tile = _chart(qtbot, ctx)
    qtbot.mouseClick(tile.span_buttons[30 * 86400.0], Qt.MouseButton.LeftButton)
    (x0, x1), _ = tile.plot.getViewBox().viewRange()
    assert x1 - x0 == pytest.approx(30 * 86400) and tile.live
    qtbot.waitUntil(lambda: tile.loaded is not None and tile.loaded[0] <= x0 + 1, timeout=5000)
    t, v = tile.buffers[SID].view()
    assert tile.loaded[2] > 60.0 and len(t) < DAYS * 1440  # min/max buckets, not every reading
    assert np.nanmin(v) == pytest.approx(1.0, abs=1e-3) and np.nanmax(v) == pytest.approx(3.0, abs=1e-3)
    asked = tile.requested
    qtbot.mouseClick(tile.span_buttons[30 * 86400.0], Qt.MouseButton.LeftButton)  # live, all held: no new load
    assert tile.requested is asked
    tile.teardown()


def test_a_wall_chart_keeps_the_mouse_off(qtbot, ctx):
    wall = dataclasses.replace(ctx, read_only=True)
    tile = _chart(qtbot, wall)
    assert tile.plot.getViewBox().state["mouseEnabled"] == [False, False]
    assert not tile.span_buttons and tile.live_button is None
    before = tile.plot.getViewBox().viewRange()[0]
    _wheel(tile, 0.5, -6)
    assert tile.plot.getViewBox().viewRange()[0] == pytest.approx(before)
    tile.teardown()


def test_a_live_long_span_moves_a_pixel_at_a_time_not_every_second(qtbot, ctx):
    tile = _chart(qtbot, ctx)
    tile.show_span(30 * 86400.0)
    qtbot.waitUntil(lambda: tile.loaded is not None and tile.loaded[2] > 60, timeout=5000)
    ranges = []
    tile.plot.getViewBox().sigXRangeChanged.connect(lambda _vb, r: ranges.append(tuple(r)))
    now = time.time()
    pixel_s = 30 * 86400.0 / tile.plot.getViewBox().width()
    start = (np.floor(now / pixel_s) + 0.1) * pixel_s  # just past a pixel's edge: the next 0.8 px stay still
    for k in range(5):
        tile.on_second(start + k * 0.15 * pixel_s)
    assert len(ranges) <= 1  # at most the step onto this pixel, no range change per second
    tile.on_second(start + 1.0 * pixel_s)  # a pixel later: the view follows now
    assert ranges and ranges[-1][1] >= start + pixel_s
    tile.teardown()


def test_a_live_tail_grown_on_a_long_span_is_loaded_again_as_buckets(qtbot, ctx):
    tile = _chart(qtbot, ctx)
    tile.show_span(30 * 86400.0)
    qtbot.waitUntil(lambda: tile.loaded is not None and tile.loaded[2] > 60, timeout=5000)
    asked = tile.requested
    now = time.time()
    tile.on_readings({SID: [Reading(SID, now + 0.01 * k, 2.0) for k in range(1, 999)]})  # a fast stream
    tile.on_second(time.time())
    assert tile.requested is asked  # a tail of 998 is still held on top
    tile.on_readings({SID: [Reading(SID, now + 10 + 0.01 * k, 2.0) for k in range(1, 10)]})
    tile.on_second(time.time())
    assert tile.requested is not asked  # past half of its room: the span is loaded again
    tile.teardown()
