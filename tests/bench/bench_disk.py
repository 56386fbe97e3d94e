"""Disk: bytes per reading in the cache file, ours (schema 4: readings keyed (stream, ts) alone,
a value that is an exact decimal of <= 3 places stored as its integer mantissa, the scale in the
quality column) vs schema 3 (the same table, every value as it comes) and schema 2 (3 plus an
index on ts), in the same run.

All three go through the same Store and writer (same transactions): schema 3 is the store with
its value coding off (``encode_values`` giving every value back as it is, scale 0: schema 3's
rows), schema 2 that plus schema 2's ``readings_ts`` index created before the first write. The
file's size is taken after a WAL checkpoint (TRUNCATE), so the WAL is in it, not beside it;
bytes per reading = file size / readings (the streams table included).
Two loads, each 2,000 streams x 200 steps, written a step at a time (interleaved by
time across streams, as sources deliver):
- ``meters``: the ingest bench's rows (whole-minute timestamps, whole-number values);
- ``demo``: the simulators' shape (whole-second timestamps, values rounded to 0.1 or
  0.01: 8-byte reals as they come, 2-3 byte integers coded).
A retention pass over a tenth of the time is timed too (ours stream by stream along the
key, schema 2 by its index), and the write rate (enqueue to the last commit, each 2,000-reading
step a batch: the coding's and the index's cost on ingest, paired in the same run), of the meters
and of the demo shape (where the coding does its work). Three rounds, the schemas alternately; min/median.
Targets: <= 20 bytes per reading for both loads (was 32.2 by issue 25's measurement; schema 3: 17.7 and 24.5).
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
from console.store import store as store_module  # noqa: E402
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


def write(batches: list[list[Reading]], path: Path, schema: int) -> tuple[float, float, float]:
    """Bytes per reading of the file, readings written per second (enqueue to the last commit),
    and seconds of one retention pass over a tenth of the time."""
    coded = store_module.encode_values
    if schema < 4:  # schema 3's rows: every value as it comes (a quality of 0 is 0 in both)
        store_module.encode_values = lambda values: (list(values), [0] * len(values))
    try:
        store = Store(path, retention_days=None)
        if schema == 2:
            store.durable("CREATE INDEX IF NOT EXISTS readings_ts ON readings (ts)")
        began = time.perf_counter()
        for b in batches:
            store.enqueue(b)
        assert store.flush(600)
        n = sum(map(len, batches))
        per_s = n / (time.perf_counter() - began)
        store.close()
    finally:
        store_module.encode_values = coded
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    cut = T0 + 60 * N_STEPS / 10
    began = time.perf_counter()
    if schema == 2:  # what schema 2's retention ran
        conn.execute("DELETE FROM readings WHERE ts < ?", (cut,))
    else:  # what ours runs (Store._delete_before)
        keys = conn.execute("SELECT key FROM streams").fetchall()
        conn.executemany("DELETE FROM readings WHERE stream = ? AND ts < ?", ((k, cut) for (k,) in keys))
    conn.commit()
    prune_s = time.perf_counter() - began
    conn.close()
    return size / n, per_s, prune_s


SCHEMAS = {"ours": 4, "s3": 3, "old": 2}


def main() -> dict:
    loads = {name: steps(name) for name in ("meters", "demo")}
    got: dict[str, list[float]] = {}
    for _ in range(3):
        for name, batches in loads.items():
            for label, schema in SCHEMAS.items():
                with tempfile.TemporaryDirectory() as d:
                    per, per_s, prune_s = write(batches, Path(d) / "cache.sqlite3", schema)
                got.setdefault(f"{label}_{name}", []).append(per)
                got.setdefault(f"{label}_{name}_prune_s", []).append(prune_s)
                got.setdefault(f"{label}_{name}_per_s", []).append(per_s)
    ratio = lambda a, b: spread(x / y for x, y in zip(got[a], got[b]))  # noqa: E731
    figures = {"bytes_per_reading": spread(got["ours_meters"], 2), "demo_bytes_per_reading": spread(got["ours_demo"], 2),
               "prune_s": spread(got["ours_meters_prune_s"], 3), "write_per_s": spread(got["ours_meters_per_s"], 0),
               "demo_write_per_s": spread(got["ours_demo_per_s"], 0),
               "write_ratio": ratio("ours_meters_per_s", "old_meters_per_s"),
               "write_ratio_s3": ratio("ours_meters_per_s", "s3_meters_per_s"),
               "demo_write_ratio_s3": ratio("ours_demo_per_s", "s3_demo_per_s")}
    baseline = {"old_bytes_per_reading": spread(got["old_meters"], 2), "old_demo_bytes_per_reading": spread(got["old_demo"], 2),
                "s3_bytes_per_reading": spread(got["s3_meters"], 2), "s3_demo_bytes_per_reading": spread(got["s3_demo"], 2),
                "old_prune_s": spread(got["old_meters_prune_s"], 3), "old_write_per_s": spread(got["old_meters_per_s"], 0),
                "s3_write_per_s": spread(got["s3_meters_per_s"], 0), "s3_demo_write_per_s": spread(got["s3_demo_per_s"], 0)}
    res = result("disk", figures=figures, baseline=baseline,
                 targets={"bytes_per_reading": ("<=", 20.0), "demo_bytes_per_reading": ("<=", 20.0)},
                 readings=N_STREAMS * N_STEPS, streams=N_STREAMS)
    f, b = res["figures"], res["baseline"]
    m = lambda d, k: d[k]["median"]  # noqa: E731
    emit(res, [
        f"disk: {N_STREAMS * N_STEPS} readings of {N_STREAMS} streams through the store, file size after a checkpoint"
        f" (min/median of 3, interleaved), schema 4 / schema 3 / schema 2: meters {m(f, 'bytes_per_reading'):.1f}"
        f" / {m(b, 's3_bytes_per_reading'):.1f} / {m(b, 'old_bytes_per_reading'):.1f} bytes/reading (target <= 20);"
        f" demo-shaped values {m(f, 'demo_bytes_per_reading'):.1f} / {m(b, 's3_demo_bytes_per_reading'):.1f}"
        f" / {m(b, 'old_demo_bytes_per_reading'):.1f} (target <= 20); a retention pass over a tenth of the time"
        f" {m(f, 'prune_s'):.3f} s, schema 2 {m(b, 'old_prune_s'):.3f} s; written (enqueue to commit) meters"
        f" {m(f, 'write_per_s'):,.0f}/s, schema 3 {m(b, 's3_write_per_s'):,.0f}/s (ratio {f['write_ratio_s3']['min']:.2f}"
        f"/{f['write_ratio_s3']['median']:.2f}x), schema 2 {m(b, 'old_write_per_s'):,.0f}/s (ratio"
        f" {f['write_ratio']['min']:.2f}/{f['write_ratio']['median']:.2f}x); demo {m(f, 'demo_write_per_s'):,.0f}/s,"
        f" schema 3 {m(b, 's3_demo_write_per_s'):,.0f}/s (ratio {f['demo_write_ratio_s3']['min']:.2f}"
        f"/{f['demo_write_ratio_s3']['median']:.2f}x)"
    ])
    return res


if __name__ == "__main__":
    main()
