"""The backlog on a full disk: memory per 100k readings held, and time to the first alarm.

A 2 MB tmpfs is filled until the cache cannot write (a size-bound file when mounting is
not possible: the same SQLITE_FULL path). Then:
- memory: 100k readings submitted and held in the writer's backlog, measured with
  tracemalloc, against the same readings as bare tuples (the baseline);
- first alarm: a gauge crosses its warning level; time from submit to the alarm being
  open, on the full disk against a healthy disk (the baseline), and time from the
  first failed write to the red system alarm.
One run (a full disk each time is slow to make); the alarm times are min/median of 20
crossings each, full and healthy disk one after the other. Target: alarms do not wait
for the disk (first alarm on a full disk <= 2x a healthy one).
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from console.alarms.engine import CACHE_WRITE_RULE, AlarmEngine  # noqa: E402
from console.alarms.rules import compile_rule  # noqa: E402
from console.hub.hub import Hub  # noqa: E402
from console.model import Entity, Reading, StreamSpec  # noqa: E402
from console.store.store import Store  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

N = 100_000
BATCH = 1000
GAUGE = "flood/gauge/G1/level"
RULE = {"id": "flood.high", "type": "threshold", "streams": "flood/gauge/*/level", "severity": 3,
        "limit": "attr:warning_level", "message": "{name} {value:.2f} m"}


def full_disk(folder: Path) -> tuple[Path, dict, str]:
    mnt = folder / "disk"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True).returncode == 0:
        return mnt, {}, "2 MB tmpfs"
    return mnt, {"max_size_mb": 0.5}, "0.5 MB size bound (no tmpfs)"


def world(path: Path, **kw):
    store = Store(path, retention_days=None, max_backlog_rows=10 * N, **kw)
    hub = Hub(store)
    hub.add_entities([Entity("G1", "gauge", "G1", 36.8, 118.7, {"warning_level": 3.0},
                             (StreamSpec(GAUGE, "level", "m", 5),))])
    engine = AlarmEngine(hub, [compile_rule(RULE)])
    return store, hub, engine


def wait(cond, timeout=30.0) -> float:
    began = time.perf_counter()
    while not cond():
        if time.perf_counter() - began > timeout:
            raise TimeoutError
        time.sleep(0.0005)
    return time.perf_counter() - began


def fill(store: Store, hub: Hub, engine: AlarmEngine) -> float:
    """Write until the disk is full; the seconds from then to the red system alarm."""
    now, k = time.time(), 0
    while not store.health.last_error:
        hub.submit([Reading(f"fill/s{i}", now - 3000 + k * 10 + i * 1e-3, float(i)) for i in range(2000)])
        wait(lambda: store.health.last_error or not store.backlog())
        k += 1
    wait(lambda: any(a.rule == CACHE_WRITE_RULE.id for a in engine.open_alarms()))
    return time.time() - store.health.failing_since


def time_to_alarm(hub: Hub, engine: AlarmEngine, k: int) -> float:
    ts = time.time() - 100 + k
    hub.submit([Reading(GAUGE, ts - 0.5, 1.0)])  # back below, so the next crossing raises anew
    wait(lambda: not any(a.rule == "flood.high" and a.cleared_ts is None for a in engine.open_alarms()))
    began = time.perf_counter()
    hub.submit([Reading(GAUGE, ts, 3.5)])
    wait(lambda: any(a.rule == "flood.high" and a.cleared_ts is None for a in engine.open_alarms()))
    return time.perf_counter() - began


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        mnt, kw, what = full_disk(folder)
        try:
            store, hub, engine = world(mnt / "cache.sqlite3", **kw)
            to_system_alarm = fill(store, hub, engine)
            # memory: 100k readings into the backlog of a cache that cannot write
            gc.collect()
            held_before = store.health.pending_rows
            tracemalloc.start()
            base = tracemalloc.take_snapshot()
            t0 = time.time() - 2000
            for j in range(N // BATCH):
                hub.submit([Reading(f"mem/s{i}", t0 + j + i * 1e-4, float(i)) for i in range(BATCH)])
            wait(lambda: store.health.pending_rows >= held_before + N and store.undispatched() == 0)
            ours = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(base, "filename"))
            tracemalloc.stop()
            tracemalloc.start()
            base = tracemalloc.take_snapshot()
            bare = [(f"mem/s{i}", t0 + j + i * 1e-4, float(i), 0) for j in range(N // BATCH) for i in range(BATCH)]
            baseline = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(base, "filename"))
            tracemalloc.stop()
            del bare
            full = [time_to_alarm(hub, engine, k) for k in range(20)]
            store.close()
        finally:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
        store, hub, engine = world(folder / "healthy.sqlite3")
        healthy = [time_to_alarm(hub, engine, k) for k in range(20)]
        store.close()
    ratio = statistics.median(full) / statistics.median(healthy)
    res = result(
        "backlog",
        figures={"mb_per_100k_held": round(ours / (N / 1e5) / 1e6, 2), "memory_vs_bare_tuples": round(ours / baseline, 2),
                 "first_alarm_full_ms": spread((x * 1e3 for x in full), 3), "first_alarm_ratio": round(ratio, 2),
                 "red_system_alarm_ms": round(to_system_alarm * 1e3, 1)},
        baseline={"bare_tuples_mb": round(baseline / 1e6, 2), "first_alarm_healthy_ms": spread((x * 1e3 for x in healthy), 3)},
        targets={"first_alarm_ratio": ("<=", 2.0)},
        disk=what,
    )
    emit(res, [
        f"backlog memory on a full disk ({what}): {ours / (N / 1e5) / 1e6:.1f} MB per 100k readings held,"
        f" {ours / baseline:.2f}x the same readings as bare tuples ({baseline / 1e6:.1f} MB)",
        f"first threshold alarm on a full disk: min/median {min(full) * 1e3:.2f}/{statistics.median(full) * 1e3:.2f} ms"
        f" after submit (20 crossings), {ratio:.2f}x a healthy disk ({statistics.median(healthy) * 1e3:.2f} ms; target <= 2x);"
        f" red system alarm {to_system_alarm * 1e3:.0f} ms after the first failed write",
    ])


if __name__ == "__main__":
    main()
