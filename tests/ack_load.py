"""An alarm to acknowledge while the cache's queues are full of readings: for the kill -9
durability test (run as ``python -m tests.ack_load CACHE``) and the ack benchmark.

The load is the demo's worst: readings queued faster than the writer commits them, each
batch also through the alarm rules, so both the event thread and the writer are behind.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from console.alarms.engine import AlarmEngine
from console.alarms.rules import compile_rule
from console.audit.permissions import Actor
from console.hub.hub import Hub
from console.model import Entity, Reading, StreamSpec
from console.store.store import Store

OPERATOR = Actor("王工", "operator")
GAUGE = "g/G1/level"
LOAD_STREAMS = 2000
RULES = [
    {"id": "warn", "type": "threshold", "streams": "g/*/level", "limit": "attr:warning_level", "severity": 3,
     "message": "{name} above {limit}: {value}"},
    # every load reading goes through a rule too, as the demo's 2,722 transformers do
    {"id": "overload", "type": "threshold", "streams": "load/*", "limit": 1e9, "severity": 2, "message": "{name} {value}"},
]


def build(path: Path, alarms: int = 1, hub_clock=None) -> tuple[Store, Hub, AlarmEngine, int]:
    """A cache with ``alarms`` unacknowledged alarms (gauges G1, G2 ...); returns the first one's id."""
    store = Store(path, retention_days=None)
    hub = Hub(store, hub_clock)
    gauges = [Entity(f"G{k}", "gauge", f"{k}号站", attrs={"warning_level": 2.0}, streams=(StreamSpec(f"g/G{k}/level", "l", "m", 60),))
              for k in range(1, alarms + 1)]
    hub.add_entities(gauges)
    engine = AlarmEngine(hub, [compile_rule(r) for r in RULES])
    hub.submit([Reading(e.streams[0].id, hub.clock.now() - 60, 3.0) for e in gauges])
    assert store.flush(30)
    return store, hub, engine, min(a.id for a in engine.open_alarms())


def flood(hub: Hub, readings: int, per_batch: int = 5000) -> None:
    """Queue ``readings`` at once (never blocks: the hub takes them, the disk follows)."""
    t0 = time.time() - 86400
    for k in range(0, readings, per_batch):
        hub.submit([Reading(f"load/L{i % LOAD_STREAMS}", t0 + (k + i) * 0.01, 1.0) for i in range(per_batch)])


def shown_acked(engine: AlarmEngine, alarm_id: int) -> bool:
    return any(a.id == alarm_id and a.state == "acked" for a in engine.open_alarms())


def child(path: Path, readings: int) -> None:
    store, hub, engine, alarm_id = build(path)
    print(f"READY {alarm_id}", flush=True)
    flood(hub, readings)
    durable = threading.Event()
    t0 = time.perf_counter()
    engine.ack(alarm_id, OPERATOR, on_durable=durable.set)
    assert shown_acked(engine, alarm_id)
    print(f"SHOWN {time.perf_counter() - t0:.6f} queued {store.backlog()}", flush=True)
    durable.wait(120)
    print(f"DURABLE {time.perf_counter() - t0:.6f} queued {store.backlog()}", flush=True)
    while True:  # the parent kills us (-9) whenever it likes
        time.sleep(1)


if __name__ == "__main__":
    child(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
