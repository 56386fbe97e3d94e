"""Start-up (issue 25): what waits for the first frame, and that the console's first frame
is painted before pyqtgraph is imported, its charts' plots built right after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.layouts.layout import TileSpec
from console.model import Entity, Reading, StreamSpec
from tests.tile_context_helpers import live_tile_context
from widgets import first_frame
from widgets.chart_tile import ChartTile

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def gate():
    first_frame.arm()
    yield first_frame
    first_frame.open_gate()  # never leave the gate shut for the next test


def test_work_runs_at_once_unless_the_gate_is_armed_then_in_order_when_it_opens(gate):
    done = []
    first_frame.open_gate()
    first_frame.after_first_frame(lambda: done.append("unarmed"))
    assert done == ["unarmed"] and not first_frame.waiting()
    first_frame.arm()
    first_frame.after_first_frame(lambda: done.append("a"))
    first_frame.after_first_frame(lambda: (done.append("b"), first_frame.after_first_frame(lambda: done.append("c"))))
    assert done == ["unarmed"] and first_frame.waiting()
    first_frame.open_gate()
    assert done == ["unarmed", "a", "b", "c"] and not first_frame.waiting()  # work given while opening runs at once


def test_a_chart_shows_its_legend_before_the_first_frame_and_its_plot_after(qtbot, tmp_path, gate):
    entity = Entity("G1", "gauge", "一号站", 36.9, 118.7, streams=(StreamSpec("t/gauge/G1/level", "水位", "m", 60.0),))
    with live_tile_context(tmp_path, [entity]) as ctx:
        now = time.time()
        ctx.hub.submit([Reading("t/gauge/G1/level", now - 600 + 60 * i, 2.0 + i / 10) for i in range(10)], source="t")
        assert ctx.hub.store.flush()
        ctx.signals.drain()
        tile = ChartTile(ctx, TileSpec("chart", 0, 0, title="水位", options={"streams": ["t/gauge/G1/level"]}))
        qtbot.addWidget(tile)
        tile.resize(640, 360)
        tile.show()
        assert tile.plot is None and tile.curves == {}  # put off: no pyqtgraph in the first frame
        assert "一号站" in tile.legend.text() and "2.90" in tile.legend.text()  # but its last value is there
        tile.on_second(time.time())  # a second's tick before the plot exists only refreshes the legend
        first_frame.open_gate()
        assert tile.plot is not None and list(tile.curves) == ["t/gauge/G1/level"]
        qtbot.waitUntil(lambda: tile.history_done and len(tile.buffers["t/gauge/G1/level"]) == 10, timeout=10000)
        tile.teardown()


def test_a_chart_torn_down_before_the_first_frame_builds_nothing(qtbot, tmp_path, gate):
    with live_tile_context(tmp_path, []) as ctx:
        tile = ChartTile(ctx, TileSpec("chart", 0, 0, title="空", options={"streams": ["none/*"]}))
        qtbot.addWidget(tile)
        tile.teardown()
        first_frame.open_gate()
        assert tile.plot is None


PROBE = """
import sys, json
from console.gui import first_paint
seen = {}
original = first_paint.FirstPaint.eventFilter
def probe(self, obj, event):
    if self.painted_at is None and "pyqtgraph" not in seen:
        seen["pyqtgraph"] = "pyqtgraph" in sys.modules
    return original(self, obj, event)
first_paint.FirstPaint.eventFilter = probe
from console.app.cli import main
code = main(sys.argv[1:])
print("PROBE " + json.dumps(seen))
sys.exit(code)
"""


def test_the_console_paints_its_first_frame_before_importing_pyqtgraph(tmp_path):
    """A real run of the console (offline, the flood overview with two charts): the first paint
    comes before pyqtgraph's import, the screenshot after the charts' plots, and the state dump
    says when the first frame was painted."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    png, dump = tmp_path / "shot.png", tmp_path / "state.json"
    launched = time.time()
    out = subprocess.run([sys.executable, "-c", PROBE, "--offline", "--cache", str(tmp_path), "--screenshot", str(png),
                          "--dump-state", str(dump), "--after", "0"], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    probe = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith("PROBE "))[6:])
    assert probe == {"pyqtgraph": False}
    state = json.loads(dump.read_text(encoding="utf-8"))
    assert launched < state["first_frame_at"] < time.time()
    charts = [t for s in state["screens"] for t in s["tiles"] if t.get("kind") == "chart"]
    assert charts, "the first wall has charts"
