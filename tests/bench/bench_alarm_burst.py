"""A burst of 5,000 alarms raised by one batch: how long the store's event thread is taken by it,
which is how long the live readings queued behind it wait for their rules. Ours (the batch's
alarm changes in one transaction, AlarmEngine.on_batch) against the old path in the same run
(one fsync'd commit per alarm: AlarmEngine._evaluate outside a transaction), interleaved.
Not yet measured: the delay of live readings end to end (hub.accept to their rules) during a burst.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from console.alarms.engine import AlarmEngine  # noqa: E402
from console.alarms.rules import compile_rule  # noqa: E402
from console.hub.hub import Hub  # noqa: E402
from console.model import Entity, Reading, StreamSpec  # noqa: E402
from console.store.store import Store  # noqa: E402
from tests.bench.results import emit, result, spread  # noqa: E402

N, REPS = 5_000, 3
RULE = {"id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level", "severity": 3,
        "delay_s": 0, "message": "{name} above {limit}: {value}"}


def burst_s(tmp: Path, together: bool) -> float:
    store = Store(tmp / f"{together}-{time.monotonic_ns()}.db")
    hub = Hub(store)
    hub.add_entities([Entity(f"G{i}", "gauge", f"G{i}", attrs={"warning_level": 2.0},
                             streams=(StreamSpec(f"g/G{i}/level", "l", "m", 60),)) for i in range(N)])
    engine = AlarmEngine(hub, [compile_rule(RULE)])
    store.flush()
    batch = [Reading(f"g/G{i}/level", hub.clock.now(), 3.0) for i in range(N)]
    t0 = time.perf_counter()
    (engine.on_batch if together else engine._evaluate)(batch)
    took = time.perf_counter() - t0
    assert len(engine.open_alarms()) == N
    store.close()
    return took


def main() -> None:
    ours, old = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(REPS):
            old.append(burst_s(Path(tmp), False) * 1000)
            ours.append(burst_s(Path(tmp), True) * 1000)
    med = statistics.median
    res = result("alarm_burst", figures={"rules_delay_ms": spread(ours, 1), "vs_old": round(med(ours) / med(old), 4)},
                 baseline={"old_rules_delay_ms": spread(old, 1)}, targets={"rules_delay_ms": ("<=", 100.0)}, alarms=N)
    emit(res, [f"alarm_burst: {N:,} alarms in one batch, event thread taken (live readings' rules wait behind it),"
               f" min/median of {REPS}: ours {min(ours):.0f}/{med(ours):.0f} ms (one transaction),"
               f" old {min(old):.0f}/{med(old):.0f} ms (a commit per alarm) = {med(ours) / med(old):.3f}x (target < 100 ms)"])


if __name__ == "__main__":
    main()
