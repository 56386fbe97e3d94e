"""Disk: bytes per reading in the cache file, ours (schema 3: readings keyed (stream, ts)
alone) vs the old schema (2: the same table plus an index on ts), in the same run.

Both go through the same Store and writer (same transactions); the old schema is the
same store with schema 2's ``readings_ts`` index created before the first write. The
file's size is taken after a WAL checkpoint (TRUNCATE), so the WAL is in it, not
beside it; bytes per reading = file size / readings (the streams table included).
Two loads, each 2,000 streams x 200 steps, written a step at a time (interleaved by
time across streams, as sources deliver):
- ``meters``: the ingest bench's rows (whole-minute timestamps, whole-number values);
- ``demo``: the simulators' shape (whole-second timestamps, values rounded to 0.1 or
  0.01: stored as 8-byte reals).
A retention pass over a tenth of the time is timed too (ours stream by stream along the
key, old by its index), and the write rate of the meters (enqueue to the last commit, each
2,000-reading step a batch: the index's cost on ingest, paired in the same run). Three rounds, ours and old alternately; min/median.
Target: meters <= 20 bytes per reading (was 32.2 by issue 25's measurement).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from console.model import Reading  # noqa: E402
from console.store.store import Store  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

N_STREAMS = 2000
N_STEPS = 200
T0 = 1_750_000_000.0


def steps(load: str) -> list[list[Reading]]:
    streams = [f"energy/transformer/T{i:04d}/load_kw" for i in range(N_STREAMS)]
    if load == "meters":
        return [[Reading(s, T0 + 60 * k, float(i % 97 + k)) for i, s in enumerate(streams)] for k in range(N_STEPS)]
    rnd = random.Random(7)
    return [[Reading(s, T0 + 60 * k + i % 60, round(rnd.uniform(0, 500), 1 + i % 2)) for i, s in enumerate(streams)]
            for k in range(N_STEPS)]


def write(batches: list[list[Reading]], path: Path, old: bool) -> tuple[float, float, float]:
    """Bytes per reading of the file, readings written per second (enqueue to the last commit),
    and seconds of one retention pass over a tenth of the time."""
    store = Store(path, retention_days=None)
    if old:
        store.durable("CREATE INDEX IF NOT EXISTS readings_ts ON readings (ts)")
    began = time.perf_counter()
    for b in batches:
        store.enqueue(b)
    assert store.flush(600)
    n = sum(map(len, batches))
    per_s = n / (time.perf_counter() - began)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    cut = T0 + 60 * N_STEPS / 10
    began = time.perf_counter()
    if old:  # what schema 2's retention ran
        conn.execute("DELETE FROM readings WHERE ts < ?", (cut,))
    else:  # what ours runs (Store._delete_before)
        keys = conn.execute("SELECT key FROM streams").fetchall()
        conn.executemany("DELETE FROM readings WHERE stream = ? AND ts < ?", ((k, cut) for (k,) in keys))
    conn.commit()
    prune_s = time.perf_counter() - began
    conn.close()
    return size / n, per_s, prune_s


def main() -> dict:
    loads = {name: steps(name) for name in ("meters", "demo")}
    got: dict[str, list[float]] = {}
    for _ in range(3):
        for name, batches in loads.items():
            for schema in ("ours", "old"):
                with tempfile.TemporaryDirectory() as d:
                    per, per_s, prune_s = write(batches, Path(d) / "cache.sqlite3", old=schema == "old")
                got.setdefault(f"{schema}_{name}", []).append(per)
                got.setdefault(f"{schema}_{name}_prune_s", []).append(prune_s)
                got.setdefault(f"{schema}_{name}_per_s", []).append(per_s)
    figures = {"bytes_per_reading": spread(got["ours_meters"], 2), "demo_bytes_per_reading": spread(got["ours_demo"], 2),
               "prune_s": spread(got["ours_meters_prune_s"], 3), "write_per_s": spread(got["ours_meters_per_s"], 0),
               "write_ratio": spread(o / p for o, p in zip(got["ours_meters_per_s"], got["old_meters_per_s"]))}
    baseline = {"old_bytes_per_reading": spread(got["old_meters"], 2), "old_demo_bytes_per_reading": spread(got["old_demo"], 2),
                "old_prune_s": spread(got["old_meters_prune_s"], 3), "old_write_per_s": spread(got["old_meters_per_s"], 0)}
    res = result("disk", figures=figures, baseline=baseline, targets={"bytes_per_reading": ("<=", 20.0)},
                 readings=N_STREAMS * N_STEPS, streams=N_STREAMS)
    f, b = res["figures"], res["baseline"]
    emit(res, [
        f"disk: {N_STREAMS * N_STEPS} readings of {N_STREAMS} streams through the store, file size after a checkpoint"
        f" (min/median of 3, interleaved): meters {f['bytes_per_reading']['median']:.1f} bytes/reading, old schema"
        f" {b['old_bytes_per_reading']['median']:.1f} (target <= 20); demo-shaped values {f['demo_bytes_per_reading']['median']:.1f},"
        f" old {b['old_demo_bytes_per_reading']['median']:.1f}; a retention pass over a tenth of the time"
        f" {f['prune_s']['median']:.3f} s, old {b['old_prune_s']['median']:.3f} s; written (enqueue to commit)"
        f" {f['write_per_s']['median']:,.0f}/s, old {b['old_write_per_s']['median']:,.0f}/s"
        f" (ratio {f['write_ratio']['min']:.2f}/{f['write_ratio']['median']:.2f}x)"
    ])
    return res


if __name__ == "__main__":
    main()
