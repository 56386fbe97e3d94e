"""Demo load: flood, energy and parking simulated at --speed 60, their three walls open,
vs the same run with no tiles open. Targets: GUI thread < 50 % busy, hub -> tile p99 < 200 ms.

GUI-thread busy % is the GUI thread's CPU time over the wall time of the measured
window (time.thread_time on that thread: Qt's C++ painting counts too). Latency is
from ``hub.submit`` (a source hands the batch over; every queue after it counted) to
the end of the windows' paint that follows the drain which handed it to the tiles
(the contiguous run of UpdateRequests after the drain; a drain that changes nothing on
screen ends with itself); per drain we take the oldest reading in it, so the figures
are worst-in-drain. With no tiles open the same clock stops at the (empty) window's
paint, or the drain. It was from the store's commit to the drain's end: the writer's
queue and the painting were never counted (issue 25).
One run each (about 50 s apiece), no tiles first: the figures are one window's
percentiles over its drains, not min/median of runs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

WARMUP_S = 12.0  # back-fill of a day for 2,722 transformers and 50 car parks, written and drawn
MEASURE_S = 40.0
SPEED = 60.0
PLUGINS = ("flood", "energy", "parking")
# the city scale (--scale city, issue 25): every plugin, 100k streams reporting about once a minute,
# 20k entities on the map, 5,000 cameras; at --speed 1 (its rates are a city's real ones)
CITY_SPEED = 1.0
CITY_WARMUP_S = 30.0  # the start of 100k streams, the first minute's reports written and drawn
SOAK_SAMPLE_S = 30.0  # a soak records the RSS this often


def rss_mb() -> float:
    """This process's resident set (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def slope_per_min(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB) samples, in MB per minute."""
    if len(samples) < 2:
        return float("nan")
    t = np.array([s[0] for s in samples]) / 60.0
    return float(np.polyfit(t, np.array([s[1] for s in samples]), 1)[0])


def _discoverable(folder: Path) -> None:
    """The plugins by entry point, as installed packages would be (the venv may predate them)."""
    from importlib import metadata

    from console.plugins.registry import GROUP

    known = {ep.name for ep in metadata.entry_points(group=GROUP)}
    missing = [n for n in PLUGINS if n not in known]
    if missing:
        info = folder / "bench_builtins-0.1.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bench-builtins\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[{GROUP}]\n" + "".join(f"{n} = plugins.{n}.manifest:PLUGIN\n" for n in missing))
        sys.path.insert(0, str(folder))


def _paint_clock_class():
    from PySide6.QtCore import QEvent, QObject

    class PaintClock(QObject):
        """Times the windows' paints (a window paints its dirty widgets on an UpdateRequest,
        which this handles itself to see when it ends). A drain waits for the contiguous run
        of paints after it; ``settle`` turns the waiting drains into latencies."""

        GAP_S = 0.005  # paints closer than this are one run (the windows one after another)

        def __init__(self) -> None:
            super().__init__()
            self.waiting: list[tuple[float, float]] = []  # (oldest submit, drain end)
            self.paints: list[tuple[float, float]] = []  # (start, end) since the oldest waiting drain

        def wait(self, submitted: float, drained: float) -> None:
            self.waiting.append((submitted, drained))

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() != QEvent.Type.UpdateRequest or not self.waiting:
                return False
            began = time.perf_counter()
            obj.event(event)
            self.paints.append((began, time.perf_counter()))
            return True

        def settle(self, latencies: list[float]) -> None:
            paints = sorted(self.paints)
            for submitted, drained in self.waiting:
                end = drained
                for began, ended in paints:
                    if began < drained:
                        continue
                    if began > end + self.GAP_S:
                        break
                    end = ended
                latencies.append(end - submitted)
            self.waiting.clear()
            self.paints.clear()

    return PaintClock


def _PaintClock():  # noqa: N802 (a class, made once Qt is imported)
    return _paint_clock_class()()


def run(app, with_tiles: bool, scale: str = "demo", measure_s: float = MEASURE_S) -> dict:
    from PySide6.QtCore import QTimer

    from console.gui.app import _prepare_environment, _shutdown, build_window
    from console.gui.hub_signals import HubSignals
    from console.gui.main_window import MainWindow
    from console.layouts.layout import parse_layout
    from console.app.runtime import Runtime, RuntimeOptions

    _prepare_environment()
    with tempfile.TemporaryDirectory() as d:
        empty = Path(d) / "empty.json"
        empty.write_text(json.dumps({"name": "empty", "grid": {"rows": 1, "columns": 1}, "tiles": []}))
        city = scale == "city"
        rt = Runtime(RuntimeOptions(cache_dir=Path(d), demo=True, speed=CITY_SPEED if city else SPEED, scale=scale,
                                    plugins=None if city else frozenset(PLUGINS), layout_file=None if with_tiles else empty))
        lock = threading.Lock()
        stamps: dict[str, float] = {}
        carried: dict[str, float] = {}
        measuring = {"on": False}
        submit = rt.hub.submit

        def stamped(readings, source=None, on_durable=None):
            if measuring["on"]:  # stamped before the hub sees the batch: its queues all count
                t = time.perf_counter()
                with lock:
                    for r in readings:
                        stamps.setdefault(r[0], t)
            return submit(readings, source, on_durable)

        rt.hub.submit = stamped
        latencies: list[float] = []
        drain = HubSignals.drain
        painting = _PaintClock()

        def timed_drain(self):
            nonlocal stamps, carried
            painting.settle(latencies)  # the drain before this one: its paint is over by now
            with lock:
                first, stamps = stamps, {}
            out = drain(self)
            done = time.perf_counter()
            taken = [first.pop(s) for s in out.readings if s in first]
            taken += [carried.pop(s) for s in out.readings if s in carried]
            if taken:
                painting.wait(min(taken), done)
            # stamped while take_updates ran, their readings not yet in: the next drain has them.
            # Carried once only: kept longer, a slow stream's stamp would wait for its next report
            # (the old bench's p99 of 7.8 s here came from that)
            carried = first
            return out

        HubSignals.drain = timed_drain
        try:
            rt.start()
            window, ctx = build_window(rt)
            windows = [window]
            if with_tiles:  # a wall of three screens: each plugin's overview
                names = {"flood-overview", "energy-overview", "parking-overview"}
                assert names <= set(rt.layouts), sorted(rt.layouts)
                window.show_layout(rt.layouts["flood-overview"])
                for name in ("energy-overview", "parking-overview"):
                    w = MainWindow(rt, ctx)
                    w.show_layout(rt.layouts[name])
                    windows.append(w)
            else:
                window.show_layout(parse_layout(json.loads(empty.read_text()), "empty"))
            for w in windows:
                w.resize(1920, 1080)
                w.show()
                w.installEventFilter(painting)  # Qt posts a window's UpdateRequest to the widget
                w.windowHandle().installEventFilter(painting)  # or, composing, to its QWindow
            tiles = sum(len(w.wall.tiles) for w in windows)
            QTimer.singleShot(int((CITY_WARMUP_S if city else WARMUP_S) * 1000), app.quit)
            app.exec()
            rt.store.flush(60)
            measuring["on"] = True
            latencies.clear()
            wall0, cpu0 = time.perf_counter(), time.thread_time()
            rss = [(0.0, rss_mb())]
            sampler = QTimer()
            sampler.timeout.connect(lambda: rss.append((time.perf_counter() - wall0, rss_mb())))
            sampler.start(int(min(SOAK_SAMPLE_S, measure_s / 4) * 1000))
            QTimer.singleShot(int(measure_s * 1000), app.quit)
            app.exec()
            sampler.stop()
            wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
            rss.append((wall, rss_mb()))
            measuring["on"] = False
            painting.settle(latencies)
            readings = sum(h.readings for h in rt.hub.sources.values())
            for w in windows[1:]:
                w.teardown()
                w.close()
            _shutdown(window, ctx, rt)
            window.close()
        finally:
            HubSignals.drain = drain
    lat = np.array(latencies) * 1000 if latencies else np.array([np.nan])
    return {"tiles": tiles, "busy_pct": 100 * cpu / wall, "p50_ms": float(np.percentile(lat, 50)),
            "p99_ms": float(np.percentile(lat, 99)), "drains": len(latencies), "readings": readings,
            "streams": len(rt.hub.specs), "rss_start_mb": rss[0][1], "rss_end_mb": rss[-1][1],
            "rss_slope_mb_min": slope_per_min(rss), "rss": rss, "measured_s": wall}


def main() -> dict:
    from PySide6.QtWidgets import QApplication

    from tests.bench.results import emit, result

    with tempfile.TemporaryDirectory() as site:
        _discoverable(Path(site))
        from console.gui.app import make_application

        app = QApplication.instance() or make_application()
        bare = run(app, with_tiles=False)
        full = run(app, with_tiles=True)
        city = run(app, with_tiles=True, scale="city")
    keys = ("busy_pct", "p50_ms", "p99_ms", "rss_start_mb", "rss_end_mb", "rss_slope_mb_min")
    res = result(
        "demo_load",
        figures={k: round(full[k], 2) for k in ("busy_pct", "p50_ms", "p99_ms")} | {"tiles": full["tiles"], "drains": full["drains"]}
        | {f"city_{k}": round(city[k], 2) for k in keys} | {"city_streams": city["streams"], "city_tiles": city["tiles"]},
        baseline={f"no_tiles_{k}": round(bare[k], 2) for k in ("busy_pct", "p50_ms", "p99_ms")},
        targets={"busy_pct": ("<=", 50.0), "p99_ms": ("<=", 200.0), "city_busy_pct": ("<=", 50.0), "city_p99_ms": ("<=", 200.0)},
        speed=SPEED, measured_s=MEASURE_S, runs=1, latency_from="hub.submit to the paint after the drain (queue wait and painting counted)",
    )
    emit(res, [
        f"demo load, flood+energy+parking at --speed {SPEED:g} ({MEASURE_S:g} s measured, one run): "
        f"{full['tiles']} tiles on 3 walls: GUI thread {full['busy_pct']:.1f} % busy, submit->painted p50 {full['p50_ms']:.0f} ms "
        f"p99 {full['p99_ms']:.0f} ms; no tiles: GUI thread {bare['busy_pct']:.1f} % busy, submit->GUI p50 {bare['p50_ms']:.0f} ms "
        f"p99 {bare['p99_ms']:.0f} ms (targets: < 50 % busy, p99 < 200 ms; latency from hub.submit to the painted windows)",
        f"city scale (--scale city, every plugin, {city['streams']:,} streams, --speed {CITY_SPEED:g}, {MEASURE_S:g} s measured, "
        f"one run): {city['tiles']} tiles on 3 walls: GUI thread {city['busy_pct']:.1f} % busy, submit->painted "
        f"p50 {city['p50_ms']:.0f} ms p99 {city['p99_ms']:.0f} ms; RSS {city['rss_start_mb']:.0f} -> {city['rss_end_mb']:.0f} MB "
        f"({city['rss_slope_mb_min']:+.2f} MB/min, least squares) (targets: < 50 % busy, p99 < 200 ms)",
    ])
    return res


def soak(minutes: float) -> dict:
    """The city scale with its three walls for ``minutes``: the RSS every 30 s and its slope."""
    from PySide6.QtWidgets import QApplication

    from tests.bench.results import emit, result

    with tempfile.TemporaryDirectory() as site:
        _discoverable(Path(site))
        from console.gui.app import make_application

        app = QApplication.instance() or make_application()
        city = run(app, with_tiles=True, scale="city", measure_s=minutes * 60)
    slope_h = city["rss_slope_mb_min"] * 60
    res = result(
        "soak", figures={"minutes": minutes, "rss_start_mb": round(city["rss_start_mb"], 1), "rss_end_mb": round(city["rss_end_mb"], 1),
                         "rss_slope_mb_h": round(slope_h, 2), "busy_pct": round(city["busy_pct"], 2), "p99_ms": round(city["p99_ms"], 2)},
        baseline={}, targets={"busy_pct": ("<=", 50.0), "p99_ms": ("<=", 200.0)},
        rss=[(round(t, 1), round(mb, 1)) for t, mb in city["rss"]], streams=city["streams"],
    )
    emit(res, [
        f"soak, city scale ({city['streams']:,} streams, 3 walls, {minutes:g} min): RSS {city['rss_start_mb']:.0f} -> "
        f"{city['rss_end_mb']:.0f} MB, slope {slope_h:+.1f} MB/hour (least squares over a sample every {SOAK_SAMPLE_S:g} s); "
        f"GUI thread {city['busy_pct']:.1f} % busy, submit->painted p99 {city['p99_ms']:.0f} ms",
        "RSS (s, MB): " + ", ".join(f"{t:.0f}:{mb:.0f}" for t, mb in city["rss"]),
    ])
    return res


if __name__ == "__main__":
    if "--soak" in sys.argv[1:]:
        soak(float(sys.argv[sys.argv.index("--soak") + 1]))
    else:
        main()
