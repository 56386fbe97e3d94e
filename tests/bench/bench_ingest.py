"""Ingest: readings/s through hub -> store vs raw sqlite3 executemany of the same rows.

Both write the same rows into the same schema (a fresh file each, WAL,
synchronous=NORMAL), in batches of the same size. Target: ours >= 0.8x raw.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from console.hub.hub import Hub  # noqa: E402
from console.model import Reading  # noqa: E402
from console.store.store import Store, _connect, create_schema  # noqa: E402

N_STREAMS = 2000
N_STEPS = 100
BATCH = 2000  # one source's batch: a poll of 2,000 meters


def make_batches() -> list[list[Reading]]:
    t0 = 1_750_000_000.0
    streams = [f"energy/transformer/T{i:04d}/load_kw" for i in range(N_STREAMS)]
    rows = [Reading(s, t0 + 60 * k, float(i % 97 + k)) for k in range(N_STEPS) for i, s in enumerate(streams)]
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def ours(batches, folder: Path) -> float:
    store = Store(folder / "ours.sqlite3", retention_days=None)
    hub = Hub(store)
    began = time.perf_counter()
    for b in batches:
        hub.submit(b)
    store.flush(600)
    elapsed = time.perf_counter() - began
    n = store.stats()["readings"]
    store.close()
    assert n == sum(map(len, batches)), n
    return elapsed


def raw(batches, folder: Path, one_transaction: bool = False) -> float:
    conn = _connect(folder / f"raw{int(one_transaction)}.sqlite3", synchronous="NORMAL")
    create_schema(conn)
    keys = {}
    for b in batches[: N_STREAMS // BATCH + 1]:
        for r in b:
            if r.stream not in keys:
                keys[r.stream] = conn.execute("INSERT INTO streams (id) VALUES (?)", (r.stream,)).lastrowid
    conn.commit()
    keyed = [[(keys[r.stream], r.ts, r.value, r.quality) for r in b] for b in batches]  # not timed: raw gets its rows ready-made
    began = time.perf_counter()
    for rows in keyed:
        conn.executemany("INSERT OR REPLACE INTO readings (stream, ts, value, quality) VALUES (?, ?, ?, ?)", rows)
        if not one_transaction:
            conn.commit()
    conn.commit()
    elapsed = time.perf_counter() - began
    conn.close()
    return elapsed


def main() -> dict:
    batches = make_batches()
    n = sum(map(len, batches))
    results = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as d:
            results.append((ours(batches, Path(d)), raw(batches, Path(d)), raw(batches, Path(d), one_transaction=True)))
    t_ours, t_raw, t_one = (sorted(r[i] for r in results)[1] for i in range(3))
    out = {
        "readings": n,
        "ours_per_s": n / t_ours,
        "raw_per_s": n / t_raw,
        "raw_one_tx_per_s": n / t_one,
        "ratio": t_raw / t_ours,
        "ratio_one_tx": t_one / t_ours,
    }
    print(
        f"ingest: {n} readings in batches of {BATCH}; ours {out['ours_per_s']:,.0f}/s; raw executemany, commit per batch"
        f" {out['raw_per_s']:,.0f}/s (ratio {out['ratio']:.2f}x, target >= 0.8x); raw executemany, one transaction"
        f" {out['raw_one_tx_per_s']:,.0f}/s (ratio {out['ratio_one_tx']:.2f}x)"
    )
    return out


if __name__ == "__main__":
    main()
