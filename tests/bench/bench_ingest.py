"""Ingest: readings/s through hub -> store vs raw sqlite3 executemany of the same rows.

Both write the same rows into the same schema (a fresh file each, WAL,
synchronous=NORMAL) at equal transaction sizes: the writer folds queued batches into
larger transactions, so each run records the row count of every transaction ours
committed and raw commits the same rows in transactions of those same sizes (raw
committing each 2,000-row batch would flatter us: 100 commits against our few).
Three rounds, ours and raw alternately; min/median. Target: ours >= 0.8x raw.
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
from tests.bench.results import emit, result, spread  # noqa: E402

N_STREAMS = 2000
N_STEPS = 100
BATCH = 2000  # one source's batch: a poll of 2,000 meters


def make_batches() -> list[list[Reading]]:
    t0 = 1_750_000_000.0
    streams = [f"energy/transformer/T{i:04d}/load_kw" for i in range(N_STREAMS)]
    rows = [Reading(s, t0 + 60 * k, float(i % 97 + k)) for k in range(N_STEPS) for i, s in enumerate(streams)]
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def ours(batches, folder: Path) -> tuple[float, list[int]]:
    """Seconds to commit every batch, and the rows of each transaction the writer made."""
    store = Store(folder / "ours.sqlite3", retention_days=None)
    hub = Hub(store)
    sizes: list[int] = []
    write = store._write

    def counted(conn, chunk):  # one call is one transaction (console/store/writer.py)
        write(conn, chunk)
        sizes.append(sum(map(len, chunk)))

    store._write = counted
    began = time.perf_counter()
    for b in batches:
        hub.submit(b)
    store.flush(600)
    elapsed = time.perf_counter() - began
    n = store.stats()["readings"]
    store.close()
    assert n == sum(map(len, batches)) == sum(sizes), (n, sum(sizes))
    return elapsed, sizes


def raw(batches, folder: Path, tx_sizes: list[int]) -> float:
    """Raw executemany, committing after each of ``tx_sizes`` rows in order."""
    conn = _connect(folder / f"raw{len(tx_sizes)}.sqlite3", synchronous="NORMAL")
    create_schema(conn)
    keys = {}
    for b in batches[: N_STREAMS // BATCH + 1]:
        for r in b:
            if r.stream not in keys:
                keys[r.stream] = conn.execute("INSERT INTO streams (id) VALUES (?)", (r.stream,)).lastrowid
    conn.commit()
    keyed = [(keys[r.stream], r.ts, r.value, r.quality) for b in batches for r in b]  # not timed: raw gets its rows ready-made
    assert sum(tx_sizes) == len(keyed)
    began = time.perf_counter()
    at = 0
    for n in tx_sizes:
        conn.executemany("INSERT OR REPLACE INTO readings (stream, ts, value, quality) VALUES (?, ?, ?, ?)", keyed[at : at + n])
        conn.commit()
        at += n
    elapsed = time.perf_counter() - began
    conn.close()
    return elapsed


def main() -> dict:
    batches = make_batches()
    n = sum(map(len, batches))
    t_ours, t_raw, t_one, txs = [], [], [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as d:
            elapsed, sizes = ours(batches, Path(d))
            t_ours.append(elapsed)
            t_raw.append(raw(batches, Path(d), sizes))
            t_one.append(raw(batches, Path(d), [n]))
            txs.append(len(sizes))
    res = result(
        "ingest",
        figures={"ours_per_s": spread((n / t for t in t_ours), 0),
                 "ratio": spread(r / o for r, o in zip(t_raw, t_ours)),
                 "ratio_one_tx": spread(r / o for r, o in zip(t_one, t_ours)),
                 "transactions": spread(txs, 0)},
        baseline={"raw_equal_tx_per_s": spread((n / t for t in t_raw), 0),
                  "raw_one_tx_per_s": spread((n / t for t in t_one), 0)},
        targets={"ratio": (">=", 0.8)},
        readings=n, batch=BATCH,
    )
    f, b = res["figures"], res["baseline"]
    emit(res, [
        f"ingest: {n} readings submitted in batches of {BATCH}, ours committed them in {f['transactions']['median']:.0f}"
        f" transactions; raw executemany committing the same rows per transaction (min/median of 3, interleaved):"
        f" ours {f['ours_per_s']['median']:,.0f}/s, raw {b['raw_equal_tx_per_s']['median']:,.0f}/s, ratio"
        f" {f['ratio']['min']:.2f}/{f['ratio']['median']:.2f}x (target >= 0.8x); raw in one transaction"
        f" {b['raw_one_tx_per_s']['median']:,.0f}/s (ratio {f['ratio_one_tx']['median']:.2f}x)"
    ])
    return res


if __name__ == "__main__":
    main()
