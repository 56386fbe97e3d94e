"""Chart: ms per frame for a 16-tile wall of 4 series x one day of 1-minute data at 1 Hz,
vs bare pyqtgraph setData on the same arrays in the same kind of grid, same run. Target <= 1.2x.

A frame is: one new reading per series arrives, the tiles take it, the wall repaints.
Each run takes the median of 120 frames; three runs, bare and ours alternately; min/median of the runs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QApplication, QGridLayout, QWidget  # noqa: E402

from console.model import Entity, Reading, StreamSpec  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

FRAMES = 120
RUNS = 3
TILES, SERIES, POINTS = 16, 4, 1440
SIZE = (1920, 1080)


def day_of_data(t_end: float, k: int) -> tuple[np.ndarray, np.ndarray]:
    t = t_end - 60.0 * np.arange(POINTS)[::-1]
    return t, 2.0 + np.sin(t / 3600.0 + k) + 0.01 * k


def bench_console(app) -> float:
    from console.gui.app import _prepare_environment, build_window
    from console.app.runtime import Runtime, RuntimeOptions

    _prepare_environment()
    with tempfile.TemporaryDirectory() as d:
        ents = [
            Entity(f"B{i:03d}", "bench", f"b{i}", attrs={"group": i // SERIES, "warning_level": 3.2},
                   streams=(StreamSpec(f"bench/{i:03d}/v", "v", "", 60.0),))
            for i in range(TILES * SERIES)
        ]
        tiles = [
            {"kind": "chart", "row": g // 4, "col": g % 4, "title": f"tile {g}",
             "options": {"select": {"kind": "bench", "attrs": {"group": g}}, "stream": "v", "window_h": 24, "thresholds": ["warning_level"]}}
            for g in range(TILES)
        ]
        layout = Path(d) / "wall.json"
        layout.write_text(json.dumps({"name": "bench", "grid": {"rows": 4, "columns": 4}, "tiles": tiles}))
        rt = Runtime(RuntimeOptions(cache_dir=Path(d), offline=True, layout_file=layout))
        rt.hub.add_entities(ents)
        rt.hub.register_source("bench", [e.streams[0].id for e in ents]).live = True
        now = time.time()
        for i, e in enumerate(ents):
            t, v = day_of_data(now, i)
            rt.hub.submit([Reading(e.streams[0].id, float(a), float(b)) for a, b in zip(t, v)])
        rt.store.flush(120)
        window, ctx = build_window(rt)
        window.resize(*SIZE)
        window.show()
        ctx.signals.drain()
        ctx.signals.sig_second_ticked.emit(now)
        window.wall.repaint()
        app.processEvents()
        times = []
        for f in range(FRAMES):
            ts = now + 60.0 * (f + 1)
            rt.hub.submit([Reading(e.streams[0].id, ts, 2.0 + 0.001 * f) for e in ents])
            rt.store.flush()
            began = time.perf_counter()
            ctx.signals.drain()
            ctx.signals.sig_second_ticked.emit(ts)
            window.wall.repaint()
            app.processEvents()  # the scenes render and paint here
            times.append(time.perf_counter() - began)
        ctx.signals.stop()
        window.teardown()
        ctx.history.shutdown()
        window.close()
        rt.stop()
    return float(np.median(times) * 1000)


def bench_bare(app) -> float:
    root = QWidget()
    grid = QGridLayout(root)
    now = time.time()
    curves, data = [], []
    for g in range(TILES):
        w = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        w.getPlotItem().setClipToView(True)
        w.getPlotItem().setDownsampling(auto=True, mode="peak")
        grid.addWidget(w, g // 4, g % 4)
        for k in range(SERIES):
            t, v = day_of_data(now, g * SERIES + k)
            curves.append(w.plot(t, v, pen=pg.mkPen("#8fb3d9", width=1)))
            data.append([t, v])
    root.resize(*SIZE)
    root.show()
    app.processEvents()
    times = []
    for f in range(FRAMES):
        ts = now + 60.0 * (f + 1)
        began = time.perf_counter()
        for c, d in zip(curves, data):
            d[0] = np.append(d[0][1:], ts)
            d[1] = np.append(d[1][1:], 2.0 + 0.001 * f)
            c.setData(d[0], d[1])
        root.repaint()
        app.processEvents()
        times.append(time.perf_counter() - began)
    root.close()
    return float(np.median(times) * 1000)


def main() -> dict:
    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=False, useOpenGL=False)
    bare, ours = [], []
    for _ in range(RUNS):
        bare.append(bench_bare(app))
        ours.append(bench_console(app))
    res = result("chart", figures={"ours_ms": spread(ours, 2), "ratio": spread((o / b for o, b in zip(ours, bare)), 3)},
                 baseline={"bare_ms": spread(bare, 2)}, targets={"ratio": ("<=", 1.2)},
                 frames_per_run=FRAMES, tiles=TILES, series_per_tile=SERIES, points=POINTS)
    f, b = res["figures"], res["baseline"]
    emit(res, [f"chart: 16 tiles x 4 series x 1 day of 1-min data, per 1 Hz frame (median of {FRAMES} frames a run;"
               f" min/median of {RUNS} runs, interleaved): ours {f['ours_ms']['min']:.1f}/{f['ours_ms']['median']:.1f} ms,"
               f" bare pyqtgraph setData {b['bare_ms']['min']:.1f}/{b['bare_ms']['median']:.1f} ms, ratio"
               f" {f['ratio']['min']:.2f}/{f['ratio']['median']:.2f}x (target <= 1.2x)"])
    return res


if __name__ == "__main__":
    main()
