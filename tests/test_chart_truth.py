"""Charts tell the truth: a gap breaks the line and is shaded, each threshold line says whose it
is, and an empty chart shows its time window (never a millisecond axis)."""

from __future__ import annotations

import re
import time

import numpy as np
import pytest

from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from console.series_gaps import broken_at_gaps, find_gaps
from tests.tile_context_helpers import live_tile_context
from widgets.chart_tile import ChartTile


@pytest.fixture
def ctx(tmp_path, qtbot):
    with live_tile_context(tmp_path, [
        Entity(f"G{i}", "gauge", f"{i}号站", 36.9, 118.7, attrs={"warning_level": 3.0 + i / 10, "guarantee_level": 4.0 + i / 10},
               streams=(StreamSpec(f"t/gauge/G{i}/level", "水位", "m", 60.0),))
        for i in (1, 2)
    ]) as c:
        yield c


def _chart(qtbot, ctx, **options):
    tile = ChartTile(ctx, TileSpec("chart", 0, 0, title="水位 levels", options={"window_h": 6, **options}))
    qtbot.addWidget(tile)
    tile.resize(640, 360)
    tile.show()
    return tile


def test_gaps_are_found_and_the_line_broken():
    t = np.array([0.0, 60, 120, 3720, 3780])
    v = np.array([1.0, 1, 1, 2, 2])
    assert find_gaps(t, 300) == [(120.0, 3720.0)]
    t2, v2 = broken_at_gaps(t, v, 300)
    assert len(t2) == 6 and np.isnan(v2[3]) and t[2] < t2[3] < t[3]


def test_a_chart_breaks_its_line_at_an_outage_and_shades_it(qtbot, ctx):
    now = time.time()
    before = [Reading("t/gauge/G1/level", now - 5 * 3600 + 60 * i, 2.0) for i in range(30)]  # then 3.5 h of silence
    after = [Reading("t/gauge/G1/level", now - 3600 + 60 * i, 2.5) for i in range(60)]
    ctx.hub.submit(before + after, source="t")
    assert ctx.hub.store.flush()
    tile = _chart(qtbot, ctx, streams=["t/gauge/G1/level"])
    qtbot.waitUntil(lambda: tile.history_done and len(tile.buffers["t/gauge/G1/level"]) == 90, timeout=10000)
    (gap,) = tile.gaps["t/gauge/G1/level"]
    assert gap == (before[-1].ts, after[0].ts)
    _x, y = tile.curves["t/gauge/G1/level"].getData()
    assert np.isnan(y).sum() == 1  # the line stops at the outage and starts again after it
    (region,) = tile._gap_items
    assert region.getRegion() == pytest.approx(gap)
    tile.teardown()


def test_each_threshold_line_says_whose_it_is(qtbot, ctx):
    now = time.time()
    ctx.hub.submit([Reading(f"t/gauge/G{i}/level", now - 60, 2.0) for i in (1, 2)], source="t")
    assert ctx.hub.store.flush()
    tile = _chart(qtbot, ctx, streams=["t/gauge/*/level"], thresholds=["warning_level", "guarantee_level"])
    tile.resize(1280, 900)  # a tall plot: 0.1 m is more than a text line on a 1.5 m scale
    qtbot.waitUntil(lambda: tile.plot.getViewBox().height() > 600, timeout=5000)
    tile._place_threshold_labels(time.time(), 3.0, 4.5)  # far apart on this scale: one label each
    labels = sorted((item.textItem.toPlainText(), level) for item, level in tile._threshold_labels if item.isVisible())
    assert labels == [("G1 保证", 4.1), ("G1 警戒", 3.1), ("G2 保证", 4.2), ("G2 警戒", 3.2)]  # zh, the default
    tile._place_threshold_labels(time.time(), 0.0, 50.0)  # a tall scale: the close lines share a label
    labels = sorted(item.textItem.toPlainText() for item, _ in tile._threshold_labels if item.isVisible())
    assert labels == ["G1 · G2 保证", "G1 · G2 警戒"]
    tile.resize(640, 200)  # a short plot (a wall's big labels): a text line is a larger share of it
    qtbot.waitUntil(lambda: tile.plot.getViewBox().height() < 150, timeout=5000)
    tile._place_threshold_labels(time.time(), 3.0, 4.5)
    labels = sorted(item.textItem.toPlainText() for item, _ in tile._threshold_labels if item.isVisible())
    assert labels == ["G1 · G2 保证", "G1 · G2 警戒"]
    tile.teardown()


def test_an_empty_chart_shows_its_window_not_milliseconds(qtbot, ctx):
    tile = _chart(qtbot, ctx, streams=["t/nothing/*"])
    qtbot.waitUntil(lambda: tile.message_label.isVisible(), timeout=5000)
    ax = tile.plot.getPlotItem().getAxis("bottom")
    lo, hi = tile.plot.getPlotItem().vb.viewRange()[0]
    tile.grab()  # a paint: the date axis measures its labels' font then
    assert hi - lo == pytest.approx(6 * 3600, rel=0.01)
    strings = [s for spacing, values in ax.tickValues(lo, hi, 600) for s in ax.tickStrings(values, 1, spacing)]
    assert strings and not any(re.fullmatch(r"\d\d\.\d{3}", s) for s in strings), strings
    assert not tile.plot.getPlotItem().getAxis("left").style["showValues"]
    tile.teardown()
