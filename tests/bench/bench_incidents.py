"""An operator's incident action (a note), called as the incident tiles call it: how long the
caller (the GUI thread) waits for ``IncidentBook.act`` to return, and how long until the
incident's row and its audit row are committed (one synchronous=FULL commit), with the
cache's queues full of readings (the demo's back-fill: the rules and the writer behind)
against the same with an idle writer (the baseline).

Before the book took the priority path it committed on the caller's thread: 150/558 ms
(min/median) under this load against 2.1/6.2 ms idle; the GUI froze that long.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ack_load import OPERATOR, build, flood  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

REPS = 20
QUEUED = 100_000  # readings queued before each action under load


def measure(folder: Path, loaded: bool) -> tuple[list[float], list[float]]:
    from console.incidents.book import IncidentBook

    store, hub, _engine, _ = build(folder / ("loaded.sqlite3" if loaded else "idle.sqlite3"))
    store.max_backlog_rows = 10 * QUEUED * REPS  # held, never dropped, for the measurement
    book = IncidentBook(store, hub)
    incident = book.open("leak", "氨气泄漏", OPERATOR, severity=2)
    took, durable = [], []
    try:
        for k in range(REPS + 1):
            if loaded:
                flood(hub, QUEUED)
            done = threading.Event()
            stamp: list[float] = []
            t0 = time.perf_counter()
            book.act(incident.id, "note", OPERATOR, text=f"记录 {k}",
                     on_durable=lambda: (stamp.append(time.perf_counter()), done.set()))
            took.append(time.perf_counter() - t0)
            assert done.wait(300), "the note never became durable"
            durable.append(stamp[0] - t0)
        rows = store.query("SELECT count(*) FROM audit WHERE action = 'incident.note' AND outcome = 'ok'")[0][0]
        assert rows == REPS + 1, rows
    finally:
        store.close()
    return took[1:], durable[1:]  # the first is the warm-up


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        idle = measure(Path(tmp), loaded=False)
        load = measure(Path(tmp), loaded=True)
    med = statistics.median
    ms = lambda xs: [x * 1000 for x in xs]  # noqa: E731
    res = result(
        "incidents",
        figures={"act_loaded_ms": spread(ms(load[0]), 2), "durable_loaded_ms": spread(ms(load[1]), 1),
                 "act_vs_idle": round(med(load[0]) / med(idle[0]), 2)},
        baseline={"act_idle_ms": spread(ms(idle[0]), 2), "durable_idle_ms": spread(ms(idle[1]), 1)},
        targets={"act_loaded_ms": ("<=", 200.0)},
        queued_readings=QUEUED,
    )
    emit(res, [
        f"incidents: min/median of {REPS} notes on an incident; idle writer: returned {min(idle[0]) * 1000:.2f}/"
        f"{med(idle[0]) * 1000:.2f} ms, durable {med(idle[1]) * 1000:.1f} ms",
        f"incidents:   under load ({QUEUED:,} readings queued before each): returned {min(load[0]) * 1000:.2f}/"
        f"{med(load[0]) * 1000:.2f} ms = {med(load[0]) / med(idle[0]):.1f}x idle (target < 200 ms: the GUI waits that long),"
        f" durable {med(load[1]) * 1000:.0f} ms = {med(load[1]) / med(idle[1]):.1f}x idle",
    ])


if __name__ == "__main__":
    main()
