"""History: a year of 1-minute readings for a chart, and the GUI thread a 30-day, 16-series chart takes.

1. A year at 1-minute resolution (525,600 readings of one stream, written into a cache file
   directly): query + conversion to the arrays a curve takes. Ours: ``Store.history_buckets``
   (min/max per bucket in SQL, one bucket per pixel column of a 1920 px plot) and
   ``console.history_view``; baseline: the plain full query (``Store.history``) and the numpy
   conversion the chart made of it. Three runs each, interleaved; min/median. Target <= 300 ms.
2. A 30-day, 16-series chart tile (1-minute history, 691,200 readings) on the GUI thread: per
   second, a new reading for every series arrives (more than the 1-minute streams send), the
   second ticks, the tile repaints. Ours (history in min/max buckets) against the same tile
   holding every reading, and against the chart tile as it was before (git BEFORE, read with
   ``git show``; left out where there is no git history), interleaved, 3 runs of 30 seconds;
   min/median of the runs' medians. Target <= 20 ms per second. Also: the GUI thread's time
   when the history arrives (ours sets arrays; before, it converted 691,200 rows there).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import types
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from console.model import Entity, Reading, StreamSpec  # noqa: E402
from console.store.store import Store, _connect, create_schema  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

RUNS = 3
YEAR_ROWS = 525_600
PIXELS = 1920
SERIES, DAYS, SECONDS = 16, 30, 30
SIZE = (1280, 720)
ROOT = Path(__file__).resolve().parents[2]
BEFORE = "77551b2"  # main before the chart had bucketed history, pan and zoom


def write_cache(path: Path, streams: list[str], rows_each: int, t_end: float) -> None:
    """Readings every 60 s up to ``t_end`` for each stream, straight into a cache file."""
    conn = _connect(path, synchronous="OFF")
    create_schema(conn)
    ts = t_end - 60.0 * np.arange(rows_each)[::-1]
    for key, sid in enumerate(streams, 1):
        conn.execute("INSERT INTO streams (key, id) VALUES (?, ?)", (key, sid))
        v = 2.0 + np.sin(ts / 86400.0 + key) + 0.05 * np.sin(ts / 600.0)
        conn.executemany("INSERT INTO readings (stream, ts, value) VALUES (?, ?, ?)",
                         zip([key] * rows_each, ts.tolist(), v.tolist()))
    conn.commit()
    conn.close()


# -- 1. a year for one chart ------------------------------------------------------------
def year(folder: Path) -> tuple[list[float], list[float], int, int]:
    from console.history_view import load_envelope

    t_end = 1_767_225_600.0
    path = folder / "year.sqlite3"
    write_cache(path, ["flood/gauge/Y/level"], YEAR_ROWS, t_end)
    store = Store(path, retention_days=None)
    since = t_end - 365 * 86400
    ours, plain = [], []
    points = rows = 0
    for _ in range(RUNS):
        began = time.perf_counter()
        got = store.history("flood/gauge/Y/level", since)
        t = np.fromiter((r[0] for r in got), dtype=np.float64, count=len(got))
        v = np.fromiter((np.nan if r[1] is None else r[1] for r in got), dtype=np.float64, count=len(got))
        plain.append((time.perf_counter() - began) * 1000)
        rows = len(t) + 0 * len(v)
        began = time.perf_counter()
        env = load_envelope(store, "flood/gauge/Y/level", since, t_end, PIXELS)
        ours.append((time.perf_counter() - began) * 1000)
        points = len(env.t)
    store.close()
    return ours, plain, points, rows


# -- 2. a 30-day, 16-series chart on the GUI thread ---------------------------------------
def chart_before():
    """The ChartTile class as it was at BEFORE, or None without git history."""
    try:
        src = subprocess.run(["git", "show", f"{BEFORE}:widgets/chart_tile.py"], cwd=ROOT, capture_output=True,
                             text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    mod = types.ModuleType("chart_tile_before")
    exec(compile(src, f"widgets/chart_tile.py@{BEFORE}", "exec"), mod.__dict__)
    return mod.ChartTile


def chart_run(app, path: Path, every_reading: bool, tile_class=None) -> tuple[float, float]:
    """(median GUI ms per second, GUI ms when the history arrived) of one chart on ``path``."""
    import console.history_view as hv
    from console.gui.history_loader import HistoryLoader
    from console.gui.hub_signals import HubSignals
    from console.hub.hub import Hub
    from console.layouts.layout import TileSpec
    from widgets.chart_tile import ChartTile
    from widgets.tile import TileContext

    ChartTile = tile_class or ChartTile  # noqa: N806
    sids = [f"bench/{i:02d}/v" for i in range(SERIES)]
    store = Store(path, retention_days=None)
    hub = Hub(store)
    hub.add_entities([Entity(f"B{i:02d}", "bench", f"b{i}", streams=(StreamSpec(s, "v", "m", 60.0),))
                      for i, s in enumerate(sids)])
    hub.register_source("bench", sids).live = True
    signals, loader = HubSignals(hub), HistoryLoader(store)
    arrived: list[float] = []
    original = ChartTile._history_loaded

    def timed(tile, res):
        began = time.perf_counter()
        original(tile, res)
        arrived.append((time.perf_counter() - began) * 1000)

    ChartTile._history_loaded = timed
    saved = hv.MIN_BUCKETS, hv.MAX_BUCKETS
    if every_reading:  # buckets far finer than a minute: every reading comes back, as before
        hv.MIN_BUCKETS = hv.MAX_BUCKETS = 10 ** 7
    try:
        tile = ChartTile(TileContext(hub, signals, loader),
                         TileSpec("chart", 0, 0, title="bench", options={"streams": sids, "window_h": DAYS * 24}))
        tile.resize(*SIZE)
        tile.show()
        deadline = time.monotonic() + 120
        while not tile.history_done and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)
        assert tile.history_done, "no history within 120 s"
        signals.drain()
        tile.repaint()
        app.processEvents()
        times, last = [], time.time()
        for s in range(SECONDS):
            ts = last = max(time.time(), last + 0.001)
            hub.submit([Reading(sid, ts, 2.0 + 0.01 * s) for sid in sids], source="bench")
            store.flush()
            began = time.perf_counter()
            signals.drain()
            signals.sig_second_ticked.emit(time.time())
            tile.repaint()
            app.processEvents()
            times.append((time.perf_counter() - began) * 1000)
        points = len(tile.buffers[sids[0]])
        assert points >= (DAYS * 1440 * 0.95 if every_reading or tile_class else 1), points  # every reading held
        tile.teardown()
        tile.close()
        tile.deleteLater()
        app.processEvents()
    finally:
        ChartTile._history_loaded = original
        hv.MIN_BUCKETS, hv.MAX_BUCKETS = saved
        loader.shutdown()
        store.close()
    return statistics.median(times), arrived[0] if arrived else float("nan")


def old_conversion_ms(path: Path) -> float:
    """What the chart did on the GUI thread when 30 days of 16 series arrived: rows to numpy."""
    store = Store(path, retention_days=None)
    since = time.time() - DAYS * 86400
    rows = [store.history(f"bench/{i:02d}/v", since) for i in range(SERIES)]
    began = time.perf_counter()
    for got in rows:
        np.fromiter((r[0] for r in got), dtype=np.float64, count=len(got))
        np.fromiter((np.nan if r[1] is None else r[1] for r in got), dtype=np.float64, count=len(got))
    took = (time.perf_counter() - began) * 1000
    store.close()
    return took


def chart(folder: Path):
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from console.gui.app import _prepare_environment

    _prepare_environment()
    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=False, useOpenGL=False)
    path = folder / "month.sqlite3"
    write_cache(path, [f"bench/{i:02d}/v" for i in range(SERIES)], DAYS * 1440, time.time())
    ours, before, ours_in, before_in, conv, old, old_in = [], [], [], [], [], [], []
    old_class = chart_before()
    for _ in range(RUNS):
        if old_class is not None:
            ms, arrived = chart_run(app, path, False, old_class)
            old.append(ms)
            old_in.append(arrived)
        ms, arrived = chart_run(app, path, every_reading=True)
        before.append(ms)
        before_in.append(arrived)
        ms, arrived = chart_run(app, path, every_reading=False)
        ours.append(ms)
        ours_in.append(arrived)
        conv.append(old_conversion_ms(path))
    return ours, before, ours_in, before_in, conv, old, old_in


def main() -> dict:
    with tempfile.TemporaryDirectory() as d:
        y_ours, y_plain, points, rows = year(Path(d))
        c_ours, c_before, in_ours, in_before, conv, c_old, in_old = chart(Path(d))
    med = statistics.median
    old_fig = {"gui_before_ms_per_s": spread(c_old, 2), "history_arrival_before_gui_ms": spread(in_old, 1)} if c_old else {}
    old_line = (f"; the chart before ({BEFORE}) {min(c_old):.1f}/{med(c_old):.1f} ms per second, {med(in_old):.0f} ms"
                f" when its history arrived" if c_old else "; the chart before: no git history here")
    res = result(
        "history",
        figures={"year_ms": spread(y_ours, 1), "year_vs_plain": round(med(y_ours) / med(y_plain), 3),
                 "gui_ms_per_s": spread(c_ours, 2), "gui_vs_every_reading": round(med(c_ours) / med(c_before), 3),
                 "history_arrival_gui_ms": spread(in_ours, 1)},
        baseline={"year_plain_ms": spread(y_plain, 1), "gui_every_reading_ms_per_s": spread(c_before, 2),
                  "history_arrival_every_reading_gui_ms": spread(in_before, 1),
                  "old_rows_to_numpy_on_gui_ms": spread(conv, 1), **old_fig},
        targets={"year_ms": ("<=", 300.0), "gui_ms_per_s": ("<=", 20.0)},
        year_rows=rows, year_points=points, pixels=PIXELS, series=SERIES, days=DAYS, seconds_per_run=SECONDS,
    )
    emit(res, [
        f"history: a year of 1-min readings ({rows:,} rows) to a chart's arrays, min/median of {RUNS} interleaved:"
        f" ours {min(y_ours):.0f}/{med(y_ours):.0f} ms (min/max buckets in SQL, {points:,} points for {PIXELS} px),"
        f" plain full query + numpy {min(y_plain):.0f}/{med(y_plain):.0f} ms = {med(y_ours) / med(y_plain):.2f}x"
        f" (target <= 300 ms)",
        f"history: a 30-day, 16-series chart, GUI thread per second (a reading per series and second, tick, repaint;"
        f" min/median of {RUNS} interleaved runs' medians of {SECONDS} s): ours {min(c_ours):.1f}/{med(c_ours):.1f} ms,"
        f" the same tile holding every reading {min(c_before):.1f}/{med(c_before):.1f} ms"
        f" = {med(c_ours) / med(c_before):.2f}x (target <= 20 ms); GUI thread when the history arrives:"
        f" ours {med(in_ours):.0f} ms, every reading {med(in_before):.0f} ms, the old rows-to-numpy there"
        f" {med(conv):.0f} ms{old_line}",
    ])
    return res


if __name__ == "__main__":
    main()
